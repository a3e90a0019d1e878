import { getRequestPathModel, isChunkedIteration, type LoopNode } from '@backend-perf/core';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/index.js';
import { isClaimedByDataAccessRule } from './no-independent-await-in-loop-utils/data-access-claims.js';
import { analyseLoop } from './no-independent-await-in-loop-utils/loop-dependence.js';
import { planLoopRewrite } from './no-independent-await-in-loop-utils/rewrite.js';

export type Options = [{ checkEffects?: boolean; concurrencyLimit?: number }];
export type MessageId = 'independentAwaitInLoop' | 'usePromiseAll';

const LOOP_NAMES: Record<LoopNode['type'], string> = {
  ForStatement: 'for',
  ForOfStatement: 'for...of',
  ForInStatement: 'for...in',
  WhileStatement: 'while',
  DoWhileStatement: 'do...while',
};

export default createRule<Options, MessageId>({
  name: 'no-independent-await-in-loop',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow awaiting independent per-item work one iteration at a time',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'async',
      replaces: ['no-await-in-loop'],
      codemod: 'awaits-to-promise-all',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkEffects: {
            type: 'boolean',
            description:
              'Also report loops whose per-item awaits are bare statements (`await send(item);`), which are ' +
              'treated as ordered side effects by default.',
          },
          concurrencyLimit: {
            type: 'integer',
            minimum: 1,
            description:
              'When set, the suggestion bounds the fan-out with `p-limit` to this many items at a time (and ' +
              'imports it); otherwise all items start at once.',
          },
        },
      },
    ],
    defaultOptions: [{ checkEffects: false }],
    messages: {
      independentAwaitInLoop: 'This `await` runs the independent iterations of this `{{loop}}` loop one at a time.',
      usePromiseAll: 'Run the items together with `Promise.all`{{bound}}, keeping the order of results.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const isClaimed = (call: TSESTree.Node): boolean => isClaimedByDataAccessRule(context, call);

    function check(loop: LoopNode): void {
      // A loop over chunks of a list (`i += size`, `for (const batch of chunk(ids, 100))`) is sequential on purpose:
      // it bounds how much runs at once.
      if (isChunkedIteration(loop, loop.type === AST_NODE_TYPES.ForOfStatement ? loop.right : null)) return;
      const analysis = analyseLoop(sourceCode, loop, isClaimed, options.checkEffects === true);
      const first = analysis.awaits.at(0);
      if (analysis.sequential || !first) return;
      if (getRequestPathModel(context).contextOf(first).context === 'startup') return;
      const rewrite = planLoopRewrite(sourceCode, loop, options.concurrencyLimit);
      context.report({
        node: first,
        messageId: 'independentAwaitInLoop',
        data: { loop: LOOP_NAMES[loop.type] },
        suggest: rewrite
          ? [
              {
                messageId: 'usePromiseAll',
                data: {
                  bound: options.concurrencyLimit
                    ? ` with at most ${options.concurrencyLimit} at a time (\`p-limit\`)`
                    : '',
                },
                fix: (fixer) => {
                  const fixes = [fixer.replaceText(loop, rewrite.text)];
                  if (rewrite.importFix) fixes.push(rewrite.importFix(fixer));
                  return fixes;
                },
              },
            ]
          : [],
      });
    }

    return {
      ForStatement: check,
      ForOfStatement: check,
      ForInStatement: check,
      WhileStatement: check,
      DoWhileStatement: check,
    };
  },
});
