import type { TSESTree } from '@typescript-eslint/utils';

/** Whether an `await x` that replaces `node` needs parentheses in `node`'s position. */
export function awaitNeedsParentheses(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === node;
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee === node;
    case 'TaggedTemplateExpression':
      return parent.tag === node;
    case 'BinaryExpression':
      return parent.operator === '**' && parent.left === node;
    default:
      return false;
  }
}
