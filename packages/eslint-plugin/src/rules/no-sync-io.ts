import {
  enclosingFunction,
  findApiUses,
  getRequestPathModel,
  nodeModuleName,
  runsInAsyncFunction,
  skipTsWrappers,
  SYNC_IO_APIS,
  type SyncApiEntry,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import {
  awaitNeedsParentheses,
  createRule,
  planNamedImport,
  UNKNOWN_CONTEXT_CALLS,
  unknownContextSchema,
} from '../util/index.js';

export type Options = [{ checkUnknownContext?: boolean }];
export type MessageId = 'syncIoOnRequestPath' | 'syncIoInUnknownAsync' | 'useAsyncApi';

/** Options objects that change a sync API's result in a way its promise form does not support. */
function hasUnsupportedOption(call: TSESTree.CallExpression): boolean {
  return call.arguments.some(
    (arg) =>
      arg.type === AST_NODE_TYPES.ObjectExpression &&
      arg.properties.some(
        (p) =>
          p.type === AST_NODE_TYPES.Property &&
          !p.computed &&
          p.key.type === AST_NODE_TYPES.Identifier &&
          p.key.name === 'throwIfNoEntry',
      ),
  );
}

export default createRule<Options, MessageId>({
  name: 'no-sync-io',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow synchronous file-system and child-process calls on the request path',
      recommended: 'recommended',
      strictOptions: { checkUnknownContext: true },
      requiresTypeChecking: false,
      category: 'event-loop',
      replaces: ['n/no-sync'],
      codemod: 'fs-sync-to-async',
    },
    hasSuggestions: true,
    schema: unknownContextSchema(UNKNOWN_CONTEXT_CALLS),
    defaultOptions: [{ checkUnknownContext: false }],
    messages: {
      syncIoOnRequestPath: '`{{api}}` blocks the event loop on the request path ({{reason}}).',
      syncIoInUnknownAsync: '`{{api}}` blocks the event loop if this async function runs per request.',
      useAsyncApi: 'Replace with `{{replacement}}`.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;

    /** Why `suggestion` offers no rewrite of a call. */
    function whyNoRewrite(call: TSESTree.CallExpression, entry: SyncApiEntry): string {
      if (!entry.promiseEquivalent) {
        return `\`${entry.id}\` has no promise form of the same shape, so it needs a rewrite by hand`;
      }
      if (call.optional) return 'an optional call (`?.()`) has no awaited form of the same meaning';
      if (hasUnsupportedOption(call)) return 'an option of the call (`throwIfNoEntry: false`) has no promise form';
      if (!enclosingFunction(call)?.async) {
        return (
          'it is in a synchronous function: awaiting it there would make the function return a promise, so its ' +
          'callers have to change first'
        );
      }
      return 'the call is written in a way the rewrite does not handle';
    }

    function suggestion(
      call: TSESTree.CallExpression,
      entry: SyncApiEntry,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const equivalent = entry.promiseEquivalent;
      if (!equivalent || call.optional || hasUnsupportedOption(call) || !enclosingFunction(call)?.async) return [];
      const callee = skipTsWrappers(call.callee);
      let target: string;
      let importFix: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined;
      if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
        target = `${sourceCode.getText(callee.object)}.${equivalent.memberPath.join('.')}`;
      } else if (callee.type === AST_NODE_TYPES.Identifier) {
        const plan = planNamedImport(
          sourceCode,
          {
            modules: ['fs/promises', 'node:fs/promises'],
            name: equivalent.name,
            parent: { modules: ['fs', 'node:fs'], path: ['promises'] },
          },
          call,
          nodeModuleName(sourceCode.text, 'fs/promises'),
        );
        target = plan.expression;
        importFix = plan.fix;
      } else {
        return [];
      }
      const openParen = sourceCode.getTokenAfter(call.typeArguments ?? callee, (token) => token.value === '(');
      const closeParen = sourceCode.getLastToken(call);
      if (!openParen || !closeParen) return [];
      const argsText = sourceCode.text.slice(openParen.range[1], closeParen.range[0]);
      const awaited =
        equivalent.result === 'exists'
          ? `await ${target}(${argsText}).then(() => true, () => false)`
          : `await ${target}(${argsText})`;
      const replacement = awaitNeedsParentheses(call) ? `(${awaited})` : awaited;
      return [
        {
          messageId: 'useAsyncApi',
          data: {
            replacement:
              equivalent.result === 'exists'
                ? `await ${target}(…).then(() => true, () => false)`
                : `await ${target}(…)`,
          },
          fix: (fixer) => {
            const fixes = [fixer.replaceText(call, replacement)];
            if (importFix) fixes.unshift(importFix(fixer));
            return fixes;
          },
        },
      ];
    }

    return {
      Program() {
        const uses = findApiUses(sourceCode, SYNC_IO_APIS);
        if (uses.length === 0) return;
        const model = getRequestPathModel(context);
        for (const { node, entry } of uses) {
          if (node.type !== AST_NODE_TYPES.CallExpression) continue;
          const where = model.contextOf(node);
          if (where.context === 'startup') continue;
          if (where.context === 'unknown' && !(options.checkUnknownContext && runsInAsyncFunction(node))) {
            continue;
          }
          const suggest = suggestion(node, entry);
          context.report({
            node,
            messageId: where.context === 'request' ? 'syncIoOnRequestPath' : 'syncIoInUnknownAsync',
            data: {
              api: entry.id,
              reason: where.reason,
              // Why there is no rewrite: the codemod's "left for review" line.
              ...(suggest.length === 0 ? { whyNoRewrite: whyNoRewrite(node, entry) } : {}),
            },
            suggest,
          });
        }
      },
    };
  },
});
