import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

export type FunctionNode =
  TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The innermost function that contains `node` (not `node` itself), or `null` at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  let current = node.parent;
  while (current) {
    if (isFunctionNode(current)) return current;
    current = current.parent;
  }
  return null;
}

/** A statement that repeats its body. */
export type LoopNode =
  | TSESTree.ForStatement
  | TSESTree.ForOfStatement
  | TSESTree.ForInStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

export function isLoop(node: TSESTree.Node): node is LoopNode {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}

const TS_WRAPPERS: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.TSInstantiationExpression,
]);

/** Whether `node` is a TypeScript wrapper around an expression: `x as T`, `x!`, `x satisfies T`, `<T>x`, `f<T>`. */
export function isTsWrapper(
  node: TSESTree.Node,
): node is
  | TSESTree.TSAsExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSTypeAssertion
  | TSESTree.TSInstantiationExpression {
  return TS_WRAPPERS.has(node.type);
}

/** Strips `(x as T)`, `x!`, `x satisfies T` and similar TypeScript wrappers. */
export function skipTsWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (isTsWrapper(current)) current = current.expression;
  return current;
}

/** The variable an identifier refers to, looked up from its own scope outwards; `null` for an undeclared global. */
export function variableOf(
  sourceCode: TSESLint.SourceCode,
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Variable | null {
  return findVariable(sourceCode.getScope(identifier) as never, identifier) as TSESLint.Scope.Variable | null;
}

/** The static name of a member access or property key: `a.b`, `a['b']`, `{ b: 1 }`. */
export function staticPropertyName(
  node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
): string | null {
  const key = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node.key;
  const computed = node.computed;
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0)
    return key.quasis[0]?.value.cooked ?? null;
  return null;
}

/**
 * The name an expression ends in: an identifier's own (`timer`), or the static property of a member access
 * (`this.timer`, `jobs['nightly']`). `null` for anything else, a computed member included (`jobs[key]`). TypeScript
 * wrappers are not skipped; pass `skipTsWrappers(node)` where `(x as T)` should count as `x`.
 */
export function nameOf(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return staticPropertyName(node);
  return null;
}

/** The value of a string literal or of a template literal without expressions. */
export function staticString(node: TSESTree.Node | undefined | null): string | null {
  if (!node) return null;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? null;
  return null;
}

/** For `a.b.c(...)`, the method name `c`; `null` when the callee is not a static member access. */
export function calledMethodName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = skipTsWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  return staticPropertyName(callee);
}

/** Whether `node` is inside `ancestor` (or is it). */
export function isInside(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  return node.range[0] >= ancestor.range[0] && node.range[1] <= ancestor.range[1];
}

/**
 * The constructor of a class body that runs: the one with a body, not a TypeScript overload signature
 * (`constructor(name: string);`), which comes first in the source. `undefined` when the class declares none.
 */
export function constructorOf(
  body: TSESTree.ClassBody,
): (TSESTree.MethodDefinition & { readonly value: TSESTree.FunctionExpression }) | undefined {
  return body.body.find(
    (member): member is TSESTree.MethodDefinition & { readonly value: TSESTree.FunctionExpression } =>
      member.type === AST_NODE_TYPES.MethodDefinition &&
      member.kind === 'constructor' &&
      member.value.type === AST_NODE_TYPES.FunctionExpression,
  );
}

/** Whether a property value is a node (an AST node has a `type`). */
function isNodeValue(value: unknown): value is TSESTree.Node {
  return value !== null && typeof value === 'object' && 'type' in value;
}

/**
 * The child nodes of `node`, in source order of its keys: those `visitorKeys` names for its type (ESLint's
 * `sourceCode.visitorKeys`), or with no `visitorKeys`, every property but `parent` that holds a node or nodes.
 */
export function childNodes(node: TSESTree.Node, visitorKeys?: TSESLint.SourceCode.VisitorKeys): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  forEachChild(node, visitorKeys, (child) => children.push(child));
  return children;
}

/**
 * Calls `visit` with each child node of `node` (see `childNodes`), in source order, without building a list: for
 * walks over whole files, where a list per node made much of the analysis's garbage.
 */
export function forEachChild(
  node: TSESTree.Node,
  visitorKeys: TSESLint.SourceCode.VisitorKeys | undefined,
  visit: (child: TSESTree.Node) => void,
): void {
  // A type the keys do not name (a parser's own node) has no children to visit.
  const keys = visitorKeys
    ? (visitorKeys[node.type] as readonly string[] | undefined)
    : Object.keys(node).filter((key) => key !== 'parent');
  if (!keys) return;
  // Indexed loops: an iterator per node and key was most of what a walk allocated.
  for (let index = 0; index < keys.length; index += 1) {
    const child = (node as unknown as Record<string, unknown>)[keys[index]];
    if (Array.isArray(child)) {
      const items = child as unknown[];
      for (let item = 0; item < items.length; item += 1) {
        const value = items[item];
        if (isNodeValue(value)) visit(value);
      }
    } else if (isNodeValue(child)) visit(child);
  }
}

/**
 * Pushes the child nodes of `node` (its `visitorKeys` names) onto `stack` in reverse source order, so that popping
 * them visits them in source order; returns how many it pushed. For iterative walks, without a list per node.
 */
export function pushChildren(
  node: TSESTree.Node,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
  stack: TSESTree.Node[],
): number {
  const keys = visitorKeys[node.type] as readonly string[] | undefined;
  if (!keys) return 0;
  const before = stack.length;
  for (let index = keys.length - 1; index >= 0; index -= 1) {
    const child = (node as unknown as Record<string, unknown>)[keys[index]];
    if (Array.isArray(child)) {
      const items = child as unknown[];
      for (let item = items.length - 1; item >= 0; item -= 1) {
        const value = items[item];
        if (isNodeValue(value)) stack.push(value);
      }
    } else if (isNodeValue(child)) stack.push(child);
  }
  return stack.length - before;
}

/** Whether the code at `node` runs inside an async function, directly or in a callback nested in one. */
export function runsInAsyncFunction(node: TSESTree.Node): boolean {
  for (
    let current = isFunctionNode(node) ? node : enclosingFunction(node);
    current;
    current = enclosingFunction(current)
  ) {
    if (current.async) return true;
  }
  return false;
}

/**
 * A record's own entry for a key taken from code (`members[name]`): never an inherited property such as
 * `toString`, `hasOwnProperty` or `constructor`.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * Whether a call may pass a callback: its last argument (of two or more) is a function, or a name that is not bound
 * to a literal or an object. A single argument is a callback only when it is a function.
 */
export function mayPassCallback(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): boolean {
  const last = call.arguments.at(-1);
  if (!last) return false;
  if (isFunctionNode(last)) return true;
  if (call.arguments.length < 2 || last.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, last);
  const def = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (def?.node.type === AST_NODE_TYPES.FunctionDeclaration) return true;
  const init = def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name ? def.node.init : null;
  return !(
    init &&
    (init.type === AST_NODE_TYPES.Literal ||
      init.type === AST_NODE_TYPES.ObjectExpression ||
      init.type === AST_NODE_TYPES.TemplateLiteral)
  );
}

/** A function's parameters as its call sites give them arguments: TypeScript's `this` parameter takes none. */
export function callParameters(fn: FunctionNode): TSESTree.Parameter[] {
  return fn.params.filter((param) => !(param.type === AST_NODE_TYPES.Identifier && param.name === 'this'));
}
