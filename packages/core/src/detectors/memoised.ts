import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, isFunctionNode, isInside } from '../ast.js';

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
