import {
  CPU_BOUND_APIS,
  findApiUses,
  findHeavyFunctionCalls,
  getRequestPathModel,
  mayPassCallback,
  runsInAsyncFunction,
  type FunctionContext,
} from '@backend-perf/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule, UNKNOWN_CONTEXT_CALLS, unknownContextSchema } from '../util/index.js';
import { findUnboundedJson } from './no-blocking-cpu-utils/json.js';

export type Options = [{ checkUnknownContext?: boolean }];
export type MessageId =
  | 'cpuOnRequestPath'
  | 'cpuInUnknownAsync'
  | 'heavyFunctionOnRequestPath'
  | 'heavyFunctionInUnknownAsync'
  | 'unboundedJsonOnRequestPath'
  | 'unboundedJsonInUnknownAsync';

export default createRule<Options, MessageId>({
  name: 'no-blocking-cpu',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow CPU-bound synchronous work (sync KDFs, zlib, bcrypt, JSON of unbounded data, configured heavy ' +
        'functions) on the request path',
      recommended: 'recommended',
      strictOptions: { checkUnknownContext: true },
      requiresTypeChecking: false,
      category: 'event-loop',
      codemod: 'cpu-to-worker-pool',
    },
    schema: unknownContextSchema(UNKNOWN_CONTEXT_CALLS),
    defaultOptions: [{ checkUnknownContext: false }],
    messages: {
      cpuOnRequestPath: '`{{api}}` blocks the event loop on the request path ({{reason}}).',
      cpuInUnknownAsync: '`{{api}}` blocks the event loop if this async function runs per request.',
      heavyFunctionOnRequestPath: '`{{name}}` is CPU-heavy and runs on the request path ({{reason}}).',
      unboundedJsonOnRequestPath: '`{{api}}` over {{what}} blocks the event loop on the request path ({{reason}}).',
      unboundedJsonInUnknownAsync:
        '`{{api}}` over {{what}} blocks the event loop if this async function runs per request.',
      heavyFunctionInUnknownAsync:
        '`{{name}}` is CPU-heavy and blocks the event loop if this async function runs per request.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;

    /** The context of a call, or `null` when the rule stays quiet there. */
    function reportableContext(node: TSESTree.Node, where: FunctionContext): 'request' | 'unknown' | null {
      if (where.context === 'request') return 'request';
      if (where.context === 'unknown' && options.checkUnknownContext && runsInAsyncFunction(node)) return 'unknown';
      return null;
    }

    return {
      Program() {
        const apiUses = findApiUses(sourceCode, CPU_BOUND_APIS);
        const heavyCalls = findHeavyFunctionCalls(context);
        const json = findUnboundedJson(context);
        if (apiUses.length === 0 && heavyCalls.length === 0 && json.length === 0) return;
        const model = getRequestPathModel(context);
        for (const { node, api, what } of json) {
          const where = model.contextOf(node);
          const reportable = reportableContext(node, where);
          if (!reportable) continue;
          context.report({
            node,
            messageId: reportable === 'request' ? 'unboundedJsonOnRequestPath' : 'unboundedJsonInUnknownAsync',
            data: {
              api,
              what,
              reason: where.reason,
              advice:
                api === 'JSON.parse'
                  ? 'Limit the body size (a body parser or `raw-body` with `limit`) or parse it as a stream'
                  : 'Page the query (`limit`/`take`) or stream the rows to the response with a streaming JSON ' +
                    'serialiser',
            },
          });
        }
        for (const { node, entry } of apiUses) {
          if (node.type !== AST_NODE_TYPES.CallExpression) continue;
          if (entry.syncUnlessCallback && mayPassCallback(sourceCode, node)) continue;
          const where = model.contextOf(node);
          const reportable = reportableContext(node, where);
          if (!reportable) continue;
          context.report({
            node,
            messageId: reportable === 'request' ? 'cpuOnRequestPath' : 'cpuInUnknownAsync',
            data: { api: entry.id, reason: where.reason },
          });
        }
        for (const { node, label } of heavyCalls) {
          const where = model.contextOf(node);
          const reportable = reportableContext(node, where);
          if (!reportable) continue;
          context.report({
            node,
            messageId: reportable === 'request' ? 'heavyFunctionOnRequestPath' : 'heavyFunctionInUnknownAsync',
            data: { name: label, reason: where.reason },
          });
        }
      },
    };
  },
});
