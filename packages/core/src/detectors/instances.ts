import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type Variable = TSESLint.Scope.Variable;

/** The node whose value is the created object: `node` itself, or the `await`/TypeScript wrapper around it. */
export function valueNode(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === 'AwaitExpression' ||
      current.parent.type === 'TSAsExpression' ||
      current.parent.type === 'TSNonNullExpression' ||
      current.parent.type === 'TSSatisfiesExpression' ||
      (current.parent.type === 'ChainExpression' && current.parent.expression === current))
  ) {
    current = current.parent;
  }
  return current;
}

/**
 * The variable an object created (or awaited) at `node` is stored in: `const x = new Pool()`,
 * `const x = await pool.connect()`, `x = createClient()`. `null` when it is not stored in a plain variable.
 */
export function storedVariable(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): Variable | null {
  const value = valueNode(node);
  const parent = value.parent;
  if (!parent) return null;
  if (parent.type === 'VariableDeclarator' && parent.init === value && parent.id.type === 'Identifier') {
    return sourceCode.scopeManager?.getDeclaredVariables(parent)[0] ?? null;
  }
  if (parent.type === 'AssignmentExpression' && parent.operator === '=' && parent.right === value && parent.left.type === 'Identifier') {
    return findVariable(sourceCode.getScope(parent) as never, parent.left) as Variable | null;
  }
  return null;
}

/**
 * The expressions through which the object created at `node` is used as a method receiver: the created expression
 * itself (`axios.create().get(...)`), or the read references of the variable it is stored in.
 */
export function instanceReceivers(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): TSESTree.Node[] {
  const value = valueNode(node);
  if (value.parent?.type === 'MemberExpression' && value.parent.object === value) return [value];
  const variable = storedVariable(sourceCode, node);
  if (!variable) return [];
  const writes = variable.references.filter((reference) => reference.isWrite());
  // A variable that is reassigned elsewhere may hold something else at the call.
  if (writes.length > 1) return [];
  return variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier);
}
