import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { childNodes, isFunctionNode, skipTsWrappers, staticPropertyName } from './ast.js';
import type { ApiEntry } from './catalogue/types.js';
import type { ApiUse } from './tracker.js';

type Variable = TSESLint.Scope.Variable;

/** An expression that refers to an instance created by a catalogue construction. */
export interface InstanceReference<E extends ApiEntry = ApiEntry> {
  /** The expression: the construction itself, a variable reference, or a `this.field` member expression. */
  readonly node: TSESTree.Expression;
  /** The construction the instance comes from. */
  readonly origin: ApiUse<E>;
}

export interface InstanceOptions<E extends ApiEntry> {
  /** Methods that return the instance they are called on (`client.on(...)`, node-redis `connect()`). */
  readonly chainMethods?: (entry: E) => readonly string[];
}

const MAX_ALIASES = 8;

/**
 * The node whose value is the one computed at `node`: `node` itself, or the wrappers around it that do not change the
 * value: `await`, TypeScript's `as`, `!`, `satisfies` and `<T>` assertions, and an optional chain (`pool?.connect()`).
 */
export function valueNode(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (
      !parent ||
      !(
        (parent.type === AST_NODE_TYPES.AwaitExpression && parent.argument === current) ||
        ((parent.type === AST_NODE_TYPES.TSAsExpression ||
          parent.type === AST_NODE_TYPES.TSNonNullExpression ||
          parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
          parent.type === AST_NODE_TYPES.TSTypeAssertion ||
          parent.type === AST_NODE_TYPES.ChainExpression) &&
          parent.expression === current)
      )
    ) {
      return current;
    }
    current = parent;
  }
}

/**
 * Climbs from an instance expression through what does not change the value (`valueNode`) and calls of methods
 * that return the receiver (`chain`).
 */
function climb(node: TSESTree.Node, chain: readonly string[]): TSESTree.Node {
  let current = valueNode(node);
  for (;;) {
    const parent = current.parent;
    if (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === current &&
      chain.includes(staticPropertyName(parent) ?? '') &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    ) {
      current = valueNode(parent.parent);
      continue;
    }
    return current;
  }
}

/**
 * The variable a declaration initialises with `value` itself: `x` of `const x = value`. `null` when `value` is not
 * the initialiser of a declarator that names one plain variable.
 */
export function declaredVariable(sourceCode: TSESLint.SourceCode, value: TSESTree.Node): Variable | null {
  const parent = value.parent;
  if (
    parent?.type !== AST_NODE_TYPES.VariableDeclarator ||
    parent.init !== value ||
    parent.id.type !== AST_NODE_TYPES.Identifier
  )
    return null;
  return sourceCode.scopeManager?.getDeclaredVariables(parent)[0] ?? null;
}

/**
 * The variable the value computed at `node` is stored in: `const x = new Pool()`, `const x = await pool.connect()`,
 * `x = createClient()`. `null` when it is not stored in a plain variable.
 */
export function storedVariable(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): Variable | null {
  const value = valueNode(node);
  const parent = value.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator) return declaredVariable(sourceCode, value);
  if (
    parent.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.operator === '=' &&
    parent.right === value &&
    parent.left.type === AST_NODE_TYPES.Identifier
  ) {
    return findVariable(sourceCode.getScope(parent) as never, parent.left) as Variable | null;
  }
  return null;
}

/** The class body whose instance `this` refers to at `node`, crossing arrow functions but not other functions. */
export function thisClass(node: TSESTree.Node): TSESTree.ClassBody | null {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (isFunctionNode(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
      const owner = current.parent;
      if (owner.type !== AST_NODE_TYPES.MethodDefinition || owner.static) return null;
      return owner.parent;
    }
    if (
      current.type === AST_NODE_TYPES.PropertyDefinition &&
      !current.static &&
      current.value &&
      node.range[0] >= current.value.range[0]
    ) {
      return current.parent;
    }
    if (current.type === AST_NODE_TYPES.ClassBody || current.type === AST_NODE_TYPES.Program) return null;
    current = current.parent;
  }
  return null;
}

const thisMemberIndexes = new WeakMap<TSESTree.ClassBody, ReadonlyMap<string, readonly TSESTree.MemberExpression[]>>();

/**
 * Every `this.<name>` below a class body (nested functions and classes included), by name, in source order: read in
 * one walk per class body, however many of its fields are followed (a service injects many).
 */
export function thisMembersByName(
  body: TSESTree.ClassBody,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
): ReadonlyMap<string, readonly TSESTree.MemberExpression[]> {
  const known = thisMemberIndexes.get(body);
  if (known) return known;
  const byName = new Map<string, TSESTree.MemberExpression[]>();
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
      const name = staticPropertyName(node);
      if (name !== null) {
        const list = byName.get(name);
        if (list) list.push(node);
        else byName.set(name, [node]);
      }
    }
    for (const child of childNodes(node, visitorKeys)) visit(child);
  };
  visit(body);
  thisMemberIndexes.set(body, byName);
  return byName;
}

/** Every `this.<name>` in the instance members of a class (not in nested classes or non-arrow functions). */
function thisMembers(
  body: TSESTree.ClassBody,
  name: string,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
): TSESTree.MemberExpression[] {
  return (thisMembersByName(body, visitorKeys).get(name) ?? []).filter((node) => thisClass(node) === body);
}

/** Where instances come from: the expressions that create them, each with what the caller wants back with it. */
export interface InstanceOrigin<O> {
  readonly node: TSESTree.Node;
  readonly origin: O;
}

export interface FollowOptions<O> {
  /** Methods that return the instance they are called on (`client.on(...)`, node-redis `connect()`). */
  readonly chainMethods?: (origin: O) => readonly string[];
  /** Follow `this.field` that holds an instance (default true). */
  readonly fields?: boolean;
}

/**
 * Follows instances from the expressions that create them to the expressions that refer to them in the same file:
 * the creating expression itself when a method is called on it, references of variables that only ever hold such
 * instances (`const redis = new Redis()`, `let client; client = createClient()`, `const c = await pool.connect()`),
 * aliases of those variables, and `this.field` in the instance members of a class whose constructor or field
 * initialiser stores an instance there. Variables that are also assigned something else, parameters and other files
 * are not followed; with `fields: false`, neither are class fields. Every consumer of
 * "where is this client, app or emitter used" goes through here.
 */
export function followInstances<O>(
  sourceCode: TSESLint.SourceCode,
  starts: readonly InstanceOrigin<O>[],
  options: FollowOptions<O> = {},
): Array<{ node: TSESTree.Expression; origin: O }> {
  const chainMethods = options.chainMethods ?? ((): readonly string[] => []);
  const results: Array<{ node: TSESTree.Expression; origin: O }> = [];
  const seenVariables = new Set<Variable>();
  const seenFields = new Set<string>();
  const classIds = new Map<TSESTree.ClassBody, number>();
  /** Nodes (after climbing) that hold an instance: constructions, then references that were followed. */
  const holders = new Map<TSESTree.Node, O>();
  const queue: Array<{ node: TSESTree.Node; origin: O; depth: number }> = [];

  for (const start of starts) {
    holders.set(climb(start.node, chainMethods(start.origin)), start.origin);
    queue.push({ node: start.node, origin: start.origin, depth: 0 });
  }

  /** Whether a value written to a variable or field is an instance from the catalogue (or a followed reference). */
  const holdsInstance = (value: TSESTree.Node | null | undefined, origin: O): boolean => {
    if (!value) return false;
    const expression = skipTsWrappers(value.type === AST_NODE_TYPES.AwaitExpression ? value.argument : value);
    const chain = chainMethods(origin);
    for (const [holder] of holders) {
      if (holder === value || holder === expression) return true;
      if (climb(expression, chain) === holder) return true;
    }
    let inner: TSESTree.Node = expression;
    while (
      inner.type === AST_NODE_TYPES.CallExpression &&
      inner.callee.type === AST_NODE_TYPES.MemberExpression &&
      chain.includes(staticPropertyName(inner.callee) ?? '')
    ) {
      inner = skipTsWrappers(inner.callee.object);
    }
    return starts.some((start) => start.node === inner) || results.some((reference) => reference.node === inner);
  };

  const followVariable = (variable: Variable, origin: O, depth: number): void => {
    if (seenVariables.has(variable)) return;
    const writes = variable.references.filter((reference) => reference.isWrite());
    if (!writes.every((write) => holdsInstance(write.writeExpr ?? null, origin))) return;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
    if (variable.defs.some((def) => def.type === 'Parameter' || def.type === 'ImportBinding')) return;
    seenVariables.add(variable);
    for (const reference of variable.references) {
      if (!reference.isRead()) continue;
      const identifier = reference.identifier as TSESTree.Identifier;
      results.push({ node: identifier, origin });
      holders.set(identifier, origin);
      queue.push({ node: identifier, origin, depth: depth + 1 });
    }
  };

  const followField = (body: TSESTree.ClassBody, name: string, origin: O, depth: number): void => {
    let id = classIds.get(body);
    if (id === undefined) classIds.set(body, (id = classIds.size));
    const key = `${id}:${name}`;
    if (seenFields.has(key)) return;
    const members = thisMembers(body, name, sourceCode.visitorKeys);
    const fieldWrites = members.filter(
      (member) => member.parent.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member,
    );
    if (!fieldWrites.every((member) => holdsInstance((member.parent as TSESTree.AssignmentExpression).right, origin)))
      return;
    const declared = body.body.find(
      (element): element is TSESTree.PropertyDefinition =>
        element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && staticPropertyName(element) === name,
    );
    if (declared?.value && !holdsInstance(declared.value, origin)) return;
    seenFields.add(key);
    for (const member of members) {
      if (member.parent.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member) continue;
      results.push({ node: member, origin });
      holders.set(member, origin);
      queue.push({ node: member, origin, depth: depth + 1 });
    }
  };

  while (queue.length > 0) {
    const { node, origin, depth } = queue.shift() as { node: TSESTree.Node; origin: O; depth: number };
    if (depth > MAX_ALIASES) continue;
    const top = climb(node, chainMethods(origin));
    const parent = top.parent;
    if (!parent) continue;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === top) {
      // A method called on the construction itself, or on a chain that returns it: `new Redis().keys('*')`.
      if (top !== node || node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression)
        results.push({ node: top, origin });
      continue;
    }
    if (parent.type === AST_NODE_TYPES.VariableDeclarator) {
      const variable = declaredVariable(sourceCode, top);
      if (variable) followVariable(variable, origin, depth);
    } else if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === top && parent.operator === '=') {
      const left = skipTsWrappers(parent.left);
      if (left.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode.getScope(left) as never, left) as Variable | null;
        if (variable) followVariable(variable, origin, depth);
      } else if (
        options.fields !== false &&
        left.type === AST_NODE_TYPES.MemberExpression &&
        left.object.type === AST_NODE_TYPES.ThisExpression
      ) {
        const name = staticPropertyName(left);
        const body = thisClass(left);
        if (name && body) followField(body, name, origin, depth);
      }
    } else if (
      options.fields !== false &&
      parent.type === AST_NODE_TYPES.PropertyDefinition &&
      parent.value === top &&
      !parent.static
    ) {
      const name = staticPropertyName(parent);
      if (name) followField(parent.parent, name, origin, depth);
    }
  }

  results.sort((a, b) => a.node.range[0] - b.node.range[0]);
  return results;
}

const cache = new WeakMap<readonly ApiUse[], Map<InstanceOptions<never>['chainMethods'], InstanceReference[]>>();

/**
 * `followInstances` from catalogue constructions (as found by `findApiUses`; uses that are not calls or
 * constructions are skipped). Results are cached per `uses` array and `chainMethods` function (pass the array
 * `findApiUses` returned and a module-level function to share the work between rules).
 */
export function findInstanceReferences<E extends ApiEntry>(
  sourceCode: TSESLint.SourceCode,
  uses: readonly ApiUse<E>[],
  options: InstanceOptions<E> = {},
): InstanceReference<E>[] {
  let perUses = cache.get(uses);
  if (!perUses) cache.set(uses, (perUses = new Map<InstanceOptions<never>['chainMethods'], InstanceReference[]>()));
  const cached = perUses.get(options.chainMethods);
  if (cached) return cached as InstanceReference<E>[];
  const constructions = uses
    .filter((use) => use.node.type === AST_NODE_TYPES.NewExpression || use.node.type === AST_NODE_TYPES.CallExpression)
    .map((use) => ({ node: use.node, origin: use }));
  const results = followInstances(sourceCode, constructions, {
    chainMethods: (use) => options.chainMethods?.(use.entry) ?? [],
  });
  perUses.set(options.chainMethods, results);
  return results;
}

/**
 * The expressions that refer to the single instance created (or awaited) at `node`: the expression itself when a
 * method is called on it (`axios.create().get(...)`), else the reads of the variables, aliases and `this` fields
 * that only ever hold it (see `followInstances`; `fields: false` leaves class fields out).
 */
export function instanceReceivers(
  sourceCode: TSESLint.SourceCode,
  node: TSESTree.Node,
  options: Pick<FollowOptions<null>, 'fields'> & { readonly chainMethods?: readonly string[] } = {},
): TSESTree.Node[] {
  const { chainMethods } = options;
  const follow: FollowOptions<null> = chainMethods
    ? { fields: options.fields, chainMethods: () => chainMethods }
    : { fields: options.fields };
  return followInstances(sourceCode, [{ node, origin: null }], follow).map((reference) => reference.node);
}

/** A lookup from instance expressions to their construction. */
export function instanceLookup<E extends ApiEntry>(
  references: readonly InstanceReference<E>[],
): Map<TSESTree.Node, ApiUse<E>> {
  return new Map(references.map((reference) => [reference.node, reference.origin]));
}
