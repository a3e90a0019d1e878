import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { walk } from '../analysis/bindings.js';
import { childNodes, enclosingFunction, isFunctionNode, isInside, type FunctionNode } from '../ast.js';

/** `null` or `undefined`. */
function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined')
  );
}

/** `!k`, `k == null`, `k === undefined`, `k === null` (either side): the key `k` it tests for being unset. */
function unsetKey(test: TSESTree.Expression): TSESTree.Node | null {
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') return test.argument;
  if (test.type === AST_NODE_TYPES.BinaryExpression && ['==', '==='].includes(test.operator)) {
    if (isNullish(test.right)) return test.left;
    if (isNullish(test.left)) return test.right;
  }
  return null;
}

/** Whether `test` checks that the variable `name` is unset (see `unsetKey`). */
function testsUnset(test: TSESTree.Expression, name: string): boolean {
  const key = unsetKey(test);
  return key?.type === AST_NODE_TYPES.Identifier && key.name === name;
}

/**
 * Whether the creation is memoised in a variable of an outer scope, so it runs once: `x ??= new Pool()`,
 * `x ||= …`, `if (!x) x = …`, also when the creation sits in an immediately invoked function on the right-hand side
 * (`x ??= (async () => { const c = createClient(); await c.connect(); return c; })()`).
 */
export function isMemoised(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isFunctionNode(current)) {
      const call = current.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== current) return false;
      continue;
    }
    if (
      current.type !== AST_NODE_TYPES.AssignmentExpression ||
      current.right !== child ||
      current.left.type !== AST_NODE_TYPES.Identifier
    )
      continue;
    const variable = findVariable(
      sourceCode.getScope(current) as never,
      current.left,
    ) as TSESLint.Scope.Variable | null;
    const owner = enclosingFunction(current);
    const declaredOutside =
      variable !== null &&
      variable.defs.length > 0 &&
      (owner === null || !isInside(variable.defs[0]?.name ?? current, owner));
    if (!declaredOutside) return false;
    if (current.operator === '??=' || current.operator === '||=') return true;
    if (current.operator !== '=') return false;
    const name = current.left.name;
    for (let guard: TSESTree.Node | undefined = current.parent; guard && guard !== owner; guard = guard.parent) {
      if (guard.type === AST_NODE_TYPES.IfStatement && testsUnset(guard.test, name)) return true;
    }
    return false;
  }
  return false;
}

/** The text of a key a lazy initialisation tests and sets: a variable, or a member such as `Cache.instance`. */
function keyText(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): string | null {
  const inner = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed)
    return sourceCode.text.slice(inner.range[0], inner.range[1]).replace(/\s+/gu, '');
  return null;
}

/** The function a call of a plain name calls, when the file declares it (`function f() {}`, `const f = () => {}`). */
function localFunction(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): FunctionNode | null {
  if (call.callee.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(sourceCode.getScope(call) as never, call.callee) as TSESLint.Scope.Variable | null;
  if (variable?.defs.length !== 1) return null;
  const def = variable.defs[0]?.node as TSESTree.Node | undefined;
  if (def?.type === AST_NODE_TYPES.FunctionDeclaration) return def;
  if (def?.type === AST_NODE_TYPES.VariableDeclarator && isFunctionNode(def.init)) return def.init;
  return null;
}

/**
 * Whether `block` assigns `key` (`key = ...`): outside nested functions, in the callbacks it passes to calls
 * (`.then(() => { key = value; })`), or in a function of the file it calls by name (`.then(() => remember(value))`
 * where `function remember(v) { key = v; }`), one level deep.
 */
function assigns(sourceCode: TSESLint.SourceCode, block: TSESTree.Node, key: string, followCalls = true): boolean {
  const stack: TSESTree.Node[] = [block];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (node !== block && isFunctionNode(node)) {
      const call = node.parent;
      const callback = call.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(node as never);
      if (!followCalls || !callback) continue;
    }
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      keyText(sourceCode, node.left) === key &&
      !isFalsy(node.right)
    )
      return true;
    if (followCalls && node.type === AST_NODE_TYPES.CallExpression) {
      const callee = localFunction(sourceCode, node);
      if (callee && !isInside(node, callee) && assigns(sourceCode, callee.body, key, false)) return true;
    }
    stack.push(...childNodes(node, sourceCode.visitorKeys));
  }
  return false;
}

const singletons = new WeakMap<TSESTree.Node, boolean>();

/**
 * Whether the file creates the instances of a class only once: it constructs the class at least once, and every
 * `new` of it is at the module's top level or under a lazy initialisation (`if (!C.instance) C.instance = new C()`).
 * The fields of such an instance live as long as the process.
 */
function isSingleton(
  sourceCode: TSESLint.SourceCode,
  cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
): boolean {
  const known = singletons.get(cls);
  if (known !== undefined) return known;
  singletons.set(cls, false);
  const names = new Set<TSESTree.Node>();
  if (cls.id) names.add(cls.id);
  if (cls.parent.type === AST_NODE_TYPES.VariableDeclarator && cls.parent.init === cls) names.add(cls.parent.id);
  const creations: TSESTree.NewExpression[] = [];
  const stack: TSESTree.Node[] = [sourceCode.ast];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(sourceCode.getScope(node) as never, node.callee) as TSESLint.Scope.Variable | null;
      if (variable?.defs.some((def) => names.has(def.name))) creations.push(node);
    }
    stack.push(...childNodes(node, sourceCode.visitorKeys));
  }
  const result =
    creations.length > 0 &&
    creations.every((creation) => enclosingFunction(creation) === null || runsOnce(sourceCode, creation));
  singletons.set(cls, result);
  return result;
}

/** Whether the root of a key (`Cache` of `Cache.instance`) lives longer than a call of `owner`. */
function outlivesCall(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, owner: FunctionNode | null): boolean {
  let root: TSESTree.Node = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type === AST_NODE_TYPES.ThisExpression) {
    // `this` of a static method is the class itself; of an instance method, the one instance of a singleton.
    const method = owner?.parent;
    if (method?.type === AST_NODE_TYPES.MethodDefinition && method.static) return true;
    const member =
      (method?.type === AST_NODE_TYPES.MethodDefinition || method?.type === AST_NODE_TYPES.PropertyDefinition) &&
      !method.static
        ? method
        : null;
    if (member === null) return false;
    const cls = member.parent.parent;
    return isSingleton(sourceCode, cls) || (longLivedClass?.(cls) ?? false);
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(node) as never, root) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  return !!def && (owner === null || !isInside(def.name, owner));
}

const resets = new WeakMap<TSESTree.Program, Map<string, boolean>>();

/** Whether the file assigns a key a falsy value anywhere (`busy = false`, `cache = null`), or deletes it. */
function resetsKey(sourceCode: TSESLint.SourceCode, key: string): boolean {
  let known = resets.get(sourceCode.ast);
  if (!known) resets.set(sourceCode.ast, (known = new Map<string, boolean>()));
  let result = known.get(key);
  if (result === undefined) known.set(key, (result = findsReset(sourceCode, key)));
  return result;
}

/** `false`, `null`, `0`, `''` or `undefined`: a value that unsets a key. */
function isFalsy(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && !node.value) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined')
  );
}

function findsReset(sourceCode: TSESLint.SourceCode, key: string): boolean {
  for (const node of walk(sourceCode.ast, true)) {
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      keyText(sourceCode, node.left) === key &&
      isFalsy(node.right)
    )
      return true;
    if (
      node.type === AST_NODE_TYPES.UnaryExpression &&
      node.operator === 'delete' &&
      keyText(sourceCode, node.argument) === key
    )
      return true;
  }
  return false;
}

/** `if (key) return key;` (or `if (key !== null)`, `if (key != null)`, with any return or throw): the key it tests. */
function setKeyReturned(statement: TSESTree.Statement): TSESTree.Node | null {
  if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate) return null;
  const exits = (body: TSESTree.Statement): boolean =>
    body.type === AST_NODE_TYPES.ReturnStatement ||
    body.type === AST_NODE_TYPES.ThrowStatement ||
    (body.type === AST_NODE_TYPES.BlockStatement && body.body.length > 0 && exits(body.body[body.body.length - 1]));
  if (!exits(statement.consequent)) return null;
  return presentKey(statement.test);
}

/**
 * `key`, `key != null`, `key !== undefined`: the key a test checks for being set; in `key && key.mtime === mtime`,
 * the first operand (a kept value with a freshness check).
 */
function presentKey(test: TSESTree.Expression): TSESTree.Node | null {
  if (test.type === AST_NODE_TYPES.Identifier || test.type === AST_NODE_TYPES.MemberExpression) return test;
  if (test.type === AST_NODE_TYPES.BinaryExpression && ['!=', '!=='].includes(test.operator)) {
    if (isNullish(test.right)) return test.left;
    if (isNullish(test.left)) return test.right;
  }
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&') return presentKey(test.left);
  return null;
}

/** The receiver text of `receiver.get(...)`, when `node` is such a call. */
function mapGetReceiver(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): TSESTree.Node | null {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name =
    node.callee.property.type === AST_NODE_TYPES.Identifier && !node.callee.computed ? node.callee.property.name : null;
  return name === 'get' && keyText(sourceCode, node.callee.object) !== null ? node.callee.object : null;
}

/** Whether `owner` (or the module, when `null`) calls `<receiver>.set(...)` on the same receiver. */
function setsMap(sourceCode: TSESLint.SourceCode, owner: TSESTree.Node, receiver: string): boolean {
  const stack: TSESTree.Node[] = [owner];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      !node.callee.computed &&
      node.callee.property.type === AST_NODE_TYPES.Identifier &&
      node.callee.property.name === 'set' &&
      keyText(sourceCode, node.callee.object) === receiver
    )
      return true;
    stack.push(...childNodes(node, sourceCode.visitorKeys));
  }
  return false;
}

/** Methods of read-through caches that take the key first and call a factory (the last argument) on a miss. */
const READ_THROUGH = new Set(['get', 'getOrSet', 'remember', 'wrap']);

/**
 * Whether a key names the same entry whoever calls: a written string, or a variable or member (`this.rolesKey`,
 * `KEYS.roles`) that does not belong to the call (`owner`'s parameters and locals are request input).
 */
function fixedKey(sourceCode: TSESLint.SourceCode, key: TSESTree.Node, owner: FunctionNode | null): boolean {
  if (key.type === AST_NODE_TYPES.Literal) return typeof key.value === 'string' || typeof key.value === 'number';
  if (key.type === AST_NODE_TYPES.TemplateLiteral) return key.expressions.length === 0;
  if (keyText(sourceCode, key) === null) return false;
  let root: TSESTree.Node = key;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  return root.type === AST_NODE_TYPES.Identifier && outlivesCall(sourceCode, root, owner);
}

/**
 * Whether `fn` is the factory of a read-through cache that an object or module keeps:
 * `await this.rolesCache.get(this.rolesKey, async () => load())`, `cache.wrap('config', () => read())`. The factory
 * runs on a miss, once per expiry of the one entry its fixed key names, whoever triggers it. A key computed from
 * the call's input (`cache.get('user:' + id, ...)`) names one entry per input, so its factory stays per-request
 * work. The factory takes no parameters and the call's value is used, which a route registration
 * (`app.get('/roles', async (req, res) => ...)`) has neither of.
 */
function isCacheFactory(sourceCode: TSESLint.SourceCode, fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.at(-1) !== fn || call.arguments.length < 2) {
    return false;
  }
  if (fn.params.length > 0) return false;
  const callee = call.callee;
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.computed ||
    callee.property.type !== AST_NODE_TYPES.Identifier ||
    !READ_THROUGH.has(callee.property.name)
  ) {
    return false;
  }
  const value = call.parent.type === AST_NODE_TYPES.AwaitExpression ? call.parent : call;
  const used = value.parent;
  if (
    used.type !== AST_NODE_TYPES.VariableDeclarator &&
    used.type !== AST_NODE_TYPES.ReturnStatement &&
    used.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
    used.type !== AST_NODE_TYPES.AssignmentExpression &&
    !(used.type === AST_NODE_TYPES.CallExpression && used.arguments.includes(value))
  ) {
    return false;
  }
  const owner = enclosingFunction(call);
  const receiver = callee.object;
  let root: TSESTree.Node = receiver;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  // A cache held in a field of the instance serves every call of it.
  const kept =
    keyText(sourceCode, receiver) !== null &&
    ((root.type === AST_NODE_TYPES.ThisExpression && receiver !== root) || outlivesCall(sourceCode, receiver, owner));
  return kept && fixedKey(sourceCode, call.arguments[0], owner);
}

/**
 * Whether the code at `node` runs at most once per process (or once per key of a cache that lives as long): it is in
 * a lazy initialisation, where `key` is a module variable, a static member (`Cache.instance`, `this.instance` in a
 * static method) or a member of one:
 * - the right-hand side of `key ??= ...` / `key ||= ...`;
 * - the body of `if (!key) { ...; key = ... }`;
 * - after `if (key) return key;` in a block that then assigns `key` (also a flag set right after the guard:
 *   `if (fetched) return value; fetched = true;`);
 * - the fallback of `cache.get(k) || ...` (or `??`) in a function that also calls `cache.set(...)`;
 * - the factory of a read-through cache with a fixed key (`await this.cache.get('roles', async () => ...)`, see
 *   `isCacheFactory`).
 * Singletons' `getInstance()`, lazily loaded templates and memoised clients are start-up work even when a request
 * triggers them. An instance's field is such a key when the file creates the class's instance once, or when
 * `longLived` says its instances live as long as the process (the request-path model's answer for classes created
 * in other files).
 */
export function runsOnce(
  sourceCode: TSESLint.SourceCode,
  node: TSESTree.Node,
  longLived?: (cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression) => boolean,
): boolean {
  const saved = longLivedClass;
  longLivedClass = longLived ?? null;
  try {
    return lazilyInitialised(sourceCode, node);
  } finally {
    longLivedClass = saved;
  }
}

/**
 * What `runsOnce` was told of the classes whose instances live as long as the process (created where no request
 * runs), beyond those the file creates once itself (`isSingleton`): the instance fields of such a class are keys that
 * outlive a call.
 */
let longLivedClass: ((cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression) => boolean) | null = null;

function lazilyInitialised(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  const owner = enclosingFunction(node);
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== owner; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.LogicalExpression && current.right === child && current.operator !== '&&') {
      let left: TSESTree.Node = current.left;
      while (left.type === AST_NODE_TYPES.LogicalExpression && left.operator === '&&') left = left.right;
      const receiver = mapGetReceiver(sourceCode, left);
      const text = receiver ? keyText(sourceCode, receiver) : null;
      if (receiver && text !== null && outlivesCall(sourceCode, receiver, owner)) {
        if (setsMap(sourceCode, owner ?? sourceCode.ast, text)) return true;
      }
    }
    if (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program) {
      const body = current.body as readonly TSESTree.Node[];
      const index = body.indexOf(child);
      for (let earlier = 0; earlier < index; earlier += 1) {
        const tested = setKeyReturned(body[earlier] as TSESTree.Statement);
        const key = tested ? keyText(sourceCode, tested) : null;
        if (!tested || key === null || !outlivesCall(sourceCode, tested, owner)) continue;
        // The key is set after the guard: after this code (`if (value) return value; ...; value = result`), or
        // before it as a flag (`if (fetched) return value; fetched = true; ...`) that nothing sets back, which would
        // make it a guard against running twice at once (`if (busy) return; busy = true; ...; busy = false`).
        if (body.slice(index).some((statement) => assigns(sourceCode, statement, key))) return true;
        if (
          body.slice(earlier + 1, index).some((statement) => assigns(sourceCode, statement, key)) &&
          !resetsKey(sourceCode, key)
        )
          return true;
      }
    }
    if (
      current.type === AST_NODE_TYPES.AssignmentExpression &&
      current.right === child &&
      (current.operator === '??=' || current.operator === '||=')
    ) {
      if (keyText(sourceCode, current.left) !== null && outlivesCall(sourceCode, current.left, owner)) return true;
    }
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child) {
      const tested = unsetKey(current.test);
      const key = tested ? keyText(sourceCode, tested) : null;
      if (tested && key !== null && outlivesCall(sourceCode, tested, owner) && assigns(sourceCode, child, key)) {
        return true;
      }
    }
  }
  return owner !== null && isCacheFactory(sourceCode, owner);
}
