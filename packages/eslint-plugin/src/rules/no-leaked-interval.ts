import {
  declaredVariable,
  findApiUses,
  getRequestPathModel,
  INTERVAL_APIS,
  isBrowserModule,
  skipTsWrappers,
  staticPropertyName,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule, nameOf } from '../util/index.js';

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
      droppedInterval: '`setInterval` runs {{where}} and drops its handle, so the timer can never be stopped.',
      unclearedInterval: '`setInterval` runs {{where}} and its handle `{{handle}}` is never cleared in this file.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;

    return {
      Program() {
        const uses = findApiUses(sourceCode, INTERVAL_APIS);
        const starts = uses.filter(
          ({ node, entry }) => entry.tags.includes('set-interval') && node.type === AST_NODE_TYPES.CallExpression,
        );
        // A page's timers (a browser script shipped in the server package) live as long as the page, not the server.
        if (starts.length === 0 || isBrowserModule(sourceCode)) return;
        const clears = uses.filter(
          ({ node, entry }) => entry.tags.includes('clear-interval') && node.type === AST_NODE_TYPES.CallExpression,
        );
        const clearedArguments = clears.flatMap(({ node }) => {
          const first = (node as TSESTree.CallExpression).arguments.at(0);
          return first ? [skipTsWrappers(first)] : [];
        });
        const clearedNames = new Set(clearedArguments.map(nameOf));
        const model = getRequestPathModel(context);

        /** Whether a handle in a variable is cleared, or leaves the variable (returned, passed, stored elsewhere). */
        function variableIsKept(variable: TSESLint.Scope.Variable): boolean {
          return variable.references.some((reference) => {
            if (!reference.isRead()) return false;
            let node: TSESTree.Node = reference.identifier;
            while (
              node.parent.type === AST_NODE_TYPES.TSAsExpression ||
              node.parent.type === AST_NODE_TYPES.TSNonNullExpression
            )
              node = node.parent;
            const parent = node.parent;
            // `handle.unref()` and `handle.refresh()` keep the timer running.
            if (
              parent.type === AST_NODE_TYPES.MemberExpression &&
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
            const parent: TSESTree.Node = top.parent;
            if (
              parent.type === AST_NODE_TYPES.TSAsExpression ||
              parent.type === AST_NODE_TYPES.TSNonNullExpression ||
              parent.type === AST_NODE_TYPES.ChainExpression
            ) {
              top = parent;
              continue;
            }
            if (
              parent.type === AST_NODE_TYPES.MemberExpression &&
              parent.object === top &&
              TIMEOUT_CHAIN.has(staticPropertyName(parent) ?? '') &&
              parent.parent.type === AST_NODE_TYPES.CallExpression &&
              parent.parent.callee === parent
            ) {
              top = parent.parent;
              continue;
            }
            break;
          }
          const parent = top.parent;
          if (
            parent.type === AST_NODE_TYPES.ExpressionStatement ||
            (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void')
          ) {
            context.report({ node: call, messageId: 'droppedInterval', data: { where: whereText } });
            continue;
          }
          if (parent.type === AST_NODE_TYPES.VariableDeclarator) {
            const variable = declaredVariable(sourceCode, top);
            if (variable && !variableIsKept(variable)) {
              context.report({
                node: call,
                messageId: 'unclearedInterval',
                data: { where: whereText, handle: variable.name },
              });
            }
            continue;
          }
          if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === top) {
            const left = skipTsWrappers(parent.left);
            const name = nameOf(left);
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
