import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
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

/** Whether `block` assigns `key` (`key = ...`) anywhere outside nested functions. */
function assigns(sourceCode: TSESLint.SourceCode, block: TSESTree.Node, key: string): boolean {
  const stack: TSESTree.Node[] = [block];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (node !== block && isFunctionNode(node)) continue;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && keyText(sourceCode, node.left) === key) return true;
    stack.push(...childNodes(node, sourceCode.visitorKeys));
  }
  return false;
}

/** Whether the root of a key (`Cache` of `Cache.instance`) lives longer than a call of `owner`. */
function outlivesCall(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, owner: FunctionNode | null): boolean {
  let root: TSESTree.Node = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type === AST_NODE_TYPES.ThisExpression) {
    // `this` of a static method is the class itself.
    const method = owner?.parent;
    return method?.type === AST_NODE_TYPES.MethodDefinition && method.static;
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(node) as never, root) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  return !!def && (owner === null || !isInside(def.name, owner));
}

/** `if (key) return key;` (or `if (key !== null)`, `if (key != null)`, with any return or throw): the key it tests. */
function setKeyReturned(statement: TSESTree.Statement): TSESTree.Node | null {
  if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate) return null;
  const exits = (body: TSESTree.Statement): boolean =>
    body.type === AST_NODE_TYPES.ReturnStatement ||
    body.type === AST_NODE_TYPES.ThrowStatement ||
    (body.type === AST_NODE_TYPES.BlockStatement && body.body.length > 0 && exits(body.body[body.body.length - 1]));
  if (!exits(statement.consequent)) return null;
  const test = statement.test;
  if (test.type === AST_NODE_TYPES.Identifier || test.type === AST_NODE_TYPES.MemberExpression) return test;
  if (test.type === AST_NODE_TYPES.BinaryExpression && ['!=', '!=='].includes(test.operator)) {
    if (isNullish(test.right)) return test.left;
    if (isNullish(test.left)) return test.right;
  }
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

/**
 * Whether the code at `node` runs at most once per process (or once per key of a cache that lives as long): it is in
 * a lazy initialisation, where `key` is a module variable, a static member (`Cache.instance`, `this.instance` in a
 * static method) or a member of one:
 * - the right-hand side of `key ??= ...` / `key ||= ...`;
 * - the body of `if (!key) { ...; key = ... }`;
 * - after `if (key) return key;` in a block that then assigns `key`;
 * - the fallback of `cache.get(k) || ...` (or `??`) in a function that also calls `cache.set(...)`.
 * Singletons' `getInstance()`, lazily loaded templates and memoised clients are start-up work even when a request
 * triggers them.
 */
export function runsOnce(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
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
        if (body.slice(index).some((statement) => assigns(sourceCode, statement, key))) return true;
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
  return false;
}
