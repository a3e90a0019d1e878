import { staticPropertyName } from '@backend-perf/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

/**
 * The name an expression ends in: an identifier's own (`timer`), or the static property of a member access
 * (`this.timer`, `jobs['nightly']`). `null` for anything else, a computed member included (`jobs[key]`).
 */
export function nameOf(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return staticPropertyName(node);
  return null;
}
