import {
  CLIENT_APIS,
  constInitializer,
  findApiUses,
  findOption,
  getPackageVersion,
  optionsArgument,
  staticString,
  type ClientApiEntry,
} from '@backend-perf/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'missingPoolLimits';

/** Entries that create pools with limits worth setting. */
const LIMITED_APIS: readonly ClientApiEntry[] = CLIENT_APIS.filter((entry) => entry.limits);

/**
 * The option that sizes a MongoDB pool, by version: `poolSize` up to Mongoose 5 and the MongoDB driver 3, `maxPoolSize`
 * from Mongoose 6 and the driver 4 on (which ignore `poolSize`). `null` when the version is unknown: either counts.
 */
function mongoSizeOption(library: string, major: number | null): string | null {
  if (major === null) return null;
  const lastPoolSize = library === 'mongoose' ? 5 : 3;
  return major <= lastPoolSize ? 'poolSize' : 'maxPoolSize';
}

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
    (value.type === AST_NODE_TYPES.TemplateLiteral
      ? value.quasis.map((quasi) => quasi.value.cooked ?? '').join('\u0000')
      : null);
  if (text === null) return null;
  const query = text.split('?').at(1);
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
          if (!limits || (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression))
            continue;
          const options = optionsArgument(sourceCode, node, limits.optionsArgument);
          if (options.kind === 'opaque') continue;
          const fromUrl = limits.urlParameters ? urlParameters(node.arguments[0], sourceCode) : new Set<string>();
          if (fromUrl === null && node.arguments[0]) {
            // The connection string is not visible here and may carry the limits; only the options object counts.
            if (options.kind === 'absent') continue;
          }
          const missing: string[] = [];
          let unknown = false;
          const mongo = entry.library === 'mongoose' || entry.library === 'mongodb';
          const versioned = mongo
            ? mongoSizeOption(entry.library, getPackageVersion(context.filename, entry.library)?.major ?? null)
            : null;
          // Each limit with the names that set it: the version's own, or either MongoDB name when the version is
          // unknown. URLs take `maxPoolSize` on every driver version.
          const wanted: Array<{ name: string; accepted: readonly string[]; url: readonly string[] }> = [
            ...limits.size.map((name) =>
              mongo && name === 'maxPoolSize'
                ? {
                    name: versioned ?? name,
                    accepted: versioned ? [versioned] : ['maxPoolSize', 'poolSize'],
                    url: ['maxPoolSize'],
                  }
                : { name, accepted: [name], url: [name] },
            ),
            ...limits.time.map((name) => ({ name, accepted: [name], url: [name] })),
          ];
          for (const { name, accepted, url } of wanted) {
            if (url.some((option) => fromUrl?.has(option))) continue;
            if (options.kind === 'object') {
              const presences = accepted.map((option) => findOption(options.node, option).kind);
              if (presences.includes('present')) continue;
              if (presences.includes('unknown')) unknown = true;
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
