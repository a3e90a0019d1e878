import {
  CLIENT_APIS,
  constInitializer,
  findApiUses,
  findOption,
  optionsArgument,
  staticString,
  type ClientApiEntry,
} from '@backend-perf/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'missingPoolLimits';

/** Entries that create pools with limits worth setting. */
const LIMITED_APIS: readonly ClientApiEntry[] = CLIENT_APIS.filter((entry) => entry.limits);

/** Connection-string parameters (`mongodb://host/db?maxPoolSize=20`), when the URL is a string of this file. */
function urlParameters(
  node: TSESTree.Node | undefined,
  sourceCode: Parameters<typeof constInitializer>[0],
): Set<string> | null {
  if (!node) return null;
  const value = constInitializer(sourceCode, node);
  if (!value) return null;
  const text =
    staticString(value) ??
    (value.type === 'TemplateLiteral' ? value.quasis.map((quasi) => quasi.value.cooked ?? '').join('\u0000') : null);
  if (text === null) return null;
  const query = text.split('?')[1];
  if (query === undefined) return new Set();
  return new Set(query.split('&').map((pair) => pair.split('=')[0] ?? ''));
}

export default createRule<Options, MessageId>({
  name: 'require-pool-limits',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require connection pools to set their size and their acquire and idle timeouts explicitly',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'pooling',
    },
    schema: [],
    messages: {
      missingPoolLimits: '`{{api}}` creates a {{library}} pool without {{missing}}.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      Program() {
        for (const { node, entry } of findApiUses(sourceCode, LIMITED_APIS)) {
          const limits = entry.limits;
          if (!limits || (node.type !== 'CallExpression' && node.type !== 'NewExpression')) continue;
          const options = optionsArgument(sourceCode, node, limits.optionsArgument);
          if (options.kind === 'opaque') continue;
          const fromUrl = limits.urlParameters ? urlParameters(node.arguments[0], sourceCode) : new Set<string>();
          if (fromUrl === null && node.arguments[0]) {
            // The connection string is not visible here and may carry the limits; only the options object counts.
            if (options.kind === 'absent') continue;
          }
          const missing: string[] = [];
          let unknown = false;
          for (const name of [...limits.size, ...limits.time]) {
            if (fromUrl?.has(name)) continue;
            if (options.kind === 'object') {
              const presence = findOption(options.node, name);
              if (presence.kind === 'present') continue;
              if (presence.kind === 'unknown') unknown = true;
            }
            missing.push(name);
          }
          if (unknown || missing.length === 0) continue;
          context.report({
            node,
            messageId: 'missingPoolLimits',
            data: {
              api: entry.id,
              library: entry.library,
              missing: missing.map((name) => `\`${name}\``).join(', '),
            },
          });
        }
      },
    };
  },
});
