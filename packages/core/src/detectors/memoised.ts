import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { childNodes, enclosingFunction, isFunctionNode, isInside, type FunctionNode } from '../ast.js';

/** `!x`, `x == null`, `x === undefined`, `x === null` (and `null == x`, …) for the variable `name`. */
function testsUnset(test: TSESTree.Expression, name: string): boolean {
  const isName = (node: TSESTree.Node): boolean => node.type === 'Identifier' && node.name === name;
  const isNullish = (node: TSESTree.Node): boolean =>
    (node.type === 'Literal' && node.value === null) || (node.type === 'Identifier' && node.name === 'undefined');
  if (test.type === 'UnaryExpression' && test.operator === '!') return isName(test.argument);
  if (test.type === 'BinaryExpression' && ['==', '==='].includes(test.operator)) {
    return (
      (isName(test.left) && isNullish(test.right)) || (isName(test.right) && isNullish(test.left as TSESTree.Node))
    );
  }
  return false;
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
      if (call?.type !== 'CallExpression' || call.callee !== current) return false;
      continue;
    }
    if (current.type !== 'AssignmentExpression' || current.right !== child || current.left.type !== 'Identifier')
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
      if (guard.type === 'IfStatement' && testsUnset(guard.test, name)) return true;
    }
    return false;
  }
  return false;
}

/** The text of a key a lazy initialisation tests and sets: a variable, or a member such as `Cache.instance`. */
function keyText(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): string | null {
  const inner = node.type === 'ChainExpression' ? node.expression : node;
  if (inner.type === 'Identifier') return inner.name;
  if (inner.type === 'MemberExpression' && !inner.computed)
    return sourceCode.text.slice(inner.range[0], inner.range[1]).replace(/\s+/gu, '');
  return null;
}

/** `!k`, `k == null`, `k === undefined`, `k === null` (either side): the key `k` it tests for being unset. */
function unsetKey(test: TSESTree.Expression): TSESTree.Node | null {
  if (test.type === 'UnaryExpression' && test.operator === '!') return test.argument;
  if (test.type === 'BinaryExpression' && ['==', '==='].includes(test.operator)) {
    const isNullish = (node: TSESTree.Node): boolean =>
      (node.type === 'Literal' && node.value === null) || (node.type === 'Identifier' && node.name === 'undefined');
    if (isNullish(test.right)) return test.left;
    if (isNullish(test.left)) return test.right;
  }
  return null;
}

/** Whether `block` assigns `key` (`key = ...`) anywhere outside nested functions. */
function assigns(sourceCode: TSESLint.SourceCode, block: TSESTree.Node, key: string): boolean {
  const stack: TSESTree.Node[] = [block];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (node !== block && isFunctionNode(node)) continue;
    if (node.type === 'AssignmentExpression' && keyText(sourceCode, node.left) === key) return true;
    stack.push(...childNodes(node, sourceCode.visitorKeys));
  }
  return false;
}

/** Whether the root of a key (`Cache` of `Cache.instance`) lives longer than a call of `owner`. */
function outlivesCall(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, owner: FunctionNode | null): boolean {
  let root: TSESTree.Node = node.type === 'ChainExpression' ? node.expression : node;
  while (root.type === 'MemberExpression') root = root.object;
  if (root.type === 'ThisExpression') {
    // `this` of a static method is the class itself.
    const method = owner?.parent;
    return method?.type === 'MethodDefinition' && method.static;
  }
  if (root.type !== 'Identifier') return false;
  const variable = findVariable(sourceCode.getScope(node) as never, root) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  return !!def && (owner === null || !isInside(def.name, owner));
}

/**
 * Whether the code at `node` runs at most once per process: it is in a lazy initialisation, either the right-hand
 * side of `key ??= ...` / `key ||= ...`, or the body of `if (!key) { ...; key = ... }`, where `key` is a module
 * variable, a static member (`Cache.instance`, `this.instance` in a static method) or a member of one. Singletons'
 * `getInstance()`, lazily loaded templates and memoised clients are start-up work even when a request triggers them.
 */
export function runsOnce(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  const owner = enclosingFunction(node);
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== owner; child = current, current = current.parent) {
    if (
      current.type === 'AssignmentExpression' &&
      current.right === child &&
      (current.operator === '??=' || current.operator === '||=')
    ) {
      if (keyText(sourceCode, current.left) !== null && outlivesCall(sourceCode, current.left, owner)) return true;
    }
    if (current.type === 'IfStatement' && current.consequent === child) {
      const tested = unsetKey(current.test);
      const key = tested ? keyText(sourceCode, tested) : null;
      if (tested && key !== null && outlivesCall(sourceCode, tested, owner) && assigns(sourceCode, child, key)) {
        return true;
      }
    }
  }
  return false;
}
