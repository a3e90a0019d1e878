import {
  findApiUses,
  getRequestPathModel,
  INTERVAL_APIS,
  isBrowserModule,
  skipTsWrappers,
  staticPropertyName,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'droppedInterval' | 'unclearedInterval';

const TIMEOUT_CHAIN = new Set(['unref', 'ref', 'refresh']);

export default createRule<Options, MessageId>({
  name: 'no-leaked-interval',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `setInterval` outside start-up code unless its handle is kept and cleared',
      recommended: 'recommended',
      requiresTypeChecking: false,
      category: 'memory',
    },
    schema: [],
    messages: {
      droppedInterval:
        '`setInterval` runs {{where}} and its handle is dropped, so nothing can ever stop it: every call starts one more timer that runs for the life of the process and keeps its callback (and everything the callback references) in memory. Keep the handle and `clearInterval` it when the work is done, or start one interval at start-up.',
      unclearedInterval:
        '`setInterval` runs {{where}} and its handle `{{handle}}` is never passed to `clearInterval` in this file: every call starts one more timer that runs for the life of the process and keeps its callback in memory. Clear it when the work is done, or start one interval at start-up.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;

    return {
      Program() {
        const uses = findApiUses(sourceCode, INTERVAL_APIS);
        const starts = uses.filter(
          ({ node, entry }) => entry.tags.includes('set-interval') && node.type === 'CallExpression',
        );
        // A page's timers (a browser script shipped in the server package) live as long as the page, not the server.
        if (starts.length === 0 || isBrowserModule(sourceCode)) return;
        const clears = uses.filter(
          ({ node, entry }) => entry.tags.includes('clear-interval') && node.type === 'CallExpression',
        );
        const clearedArguments = clears.flatMap(({ node }) => {
          const first = (node as TSESTree.CallExpression).arguments[0];
          return first ? [skipTsWrappers(first)] : [];
        });
        const clearedNames = new Set(
          clearedArguments.flatMap((arg) =>
            arg.type === 'MemberExpression' ? [staticPropertyName(arg)] : arg.type === 'Identifier' ? [arg.name] : [],
          ),
        );
        const model = getRequestPathModel(context);

        /** Whether a handle in a variable is cleared, or leaves the variable (returned, passed, stored elsewhere). */
        function variableIsKept(variable: TSESLint.Scope.Variable): boolean {
          return variable.references.some((reference) => {
            if (!reference.isRead()) return false;
            let node: TSESTree.Node = reference.identifier;
            while (node.parent && (node.parent.type === 'TSAsExpression' || node.parent.type === 'TSNonNullExpression'))
              node = node.parent;
            const parent = node.parent;
            if (!parent) return false;
            // `handle.unref()` and `handle.refresh()` keep the timer running.
            if (
              parent.type === 'MemberExpression' &&
              parent.object === node &&
              TIMEOUT_CHAIN.has(staticPropertyName(parent) ?? '')
            )
              return false;
            // `clearInterval(handle)`, or any other use: passed on, returned, stored.
            return true;
          });
        }

        for (const { node } of starts) {
          const call = node as TSESTree.CallExpression;
          const where = model.contextOf(call);
          if (where.context === 'startup') continue;
          const whereText =
            where.context === 'request'
              ? `on the request path (${where.reason})`
              : 'in a function that runs after start-up';
          let top: TSESTree.Node = call;
          for (;;) {
            const parent: TSESTree.Node | undefined = top.parent;
            if (!parent) break;
            if (
              parent.type === 'TSAsExpression' ||
              parent.type === 'TSNonNullExpression' ||
              parent.type === 'ChainExpression'
            ) {
              top = parent;
              continue;
            }
            if (
              parent.type === 'MemberExpression' &&
              parent.object === top &&
              TIMEOUT_CHAIN.has(staticPropertyName(parent) ?? '') &&
              parent.parent.type === 'CallExpression' &&
              parent.parent.callee === parent
            ) {
              top = parent.parent;
              continue;
            }
            break;
          }
          const parent = top.parent;
          if (!parent) continue;
          if (
            parent.type === 'ExpressionStatement' ||
            (parent.type === 'UnaryExpression' && parent.operator === 'void')
          ) {
            context.report({ node: call, messageId: 'droppedInterval', data: { where: whereText } });
            continue;
          }
          if (parent.type === 'VariableDeclarator' && parent.init === top && parent.id.type === 'Identifier') {
            const variable = sourceCode.scopeManager?.getDeclaredVariables(parent)[0];
            if (variable && !variableIsKept(variable)) {
              context.report({
                node: call,
                messageId: 'unclearedInterval',
                data: { where: whereText, handle: parent.id.name },
              });
            }
            continue;
          }
          if (parent.type === 'AssignmentExpression' && parent.right === top) {
            const left = skipTsWrappers(parent.left);
            const name =
              left.type === 'Identifier'
                ? left.name
                : left.type === 'MemberExpression'
                  ? staticPropertyName(left)
                  : null;
            if (name !== null && !clearedNames.has(name)) {
              context.report({
                node: call,
                messageId: 'unclearedInterval',
                data: { where: whereText, handle: sourceCode.getText(left) },
              });
            }
          }
        }
      },
    };
  },
});
