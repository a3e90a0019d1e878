import { findApiUses, GC_APIS, isTestFile, skipTsWrappers, wholeLines } from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [{ allowFiles?: string[] }];
export type MessageId = 'manualGc' | 'removeGcCall';

/** `gc`, `global.gc` or `globalThis.gc` read as a condition: `if (global.gc)`. */
function isGcGuard(test: TSESTree.Expression, call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): boolean {
  const guard = skipTsWrappers(test);
  const callee = skipTsWrappers(call.callee);
  return sourceCode.getText(guard) === sourceCode.getText(callee);
}

export default createRule<Options, MessageId>({
  name: 'no-manual-gc',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow forcing garbage collection with `gc()` outside tests and benchmarks',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'process',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowFiles: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Extra globs (relative to the working directory) of files where forcing a collection is allowed, ' +
              'such as memory-profiling scripts. Tests and benchmarks are always allowed.',
          },
        },
      },
    ],
    defaultOptions: [{ allowFiles: [] }],
    messages: {
      manualGc: '`{{call}}` forces a stop-the-world garbage collection.',
      removeGcCall: 'Remove the forced collection.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;

    /** The statement to remove with the call: the call's own statement, or an `if (global.gc)` guard around it. */
    function removableStatement(call: TSESTree.CallExpression): TSESTree.Statement | null {
      const statement = call.parent;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression !== call) return null;
      let target: TSESTree.Statement = statement;
      let container: TSESTree.Node = statement.parent;
      if (
        container.type === AST_NODE_TYPES.BlockStatement &&
        container.body.length === 1 &&
        container.parent.type === AST_NODE_TYPES.IfStatement
      ) {
        target = container;
        container = container.parent;
      }
      if (container.type === AST_NODE_TYPES.IfStatement && container.consequent === target) {
        if (container.alternate || !isGcGuard(container.test, call, sourceCode)) return null;
        target = container;
        container = container.parent;
      }
      if (
        container.type !== AST_NODE_TYPES.BlockStatement &&
        container.type !== AST_NODE_TYPES.Program &&
        container.type !== AST_NODE_TYPES.StaticBlock
      )
        return null;
      return target;
    }

    return {
      Program() {
        const uses = findApiUses(sourceCode, GC_APIS);
        if (uses.length === 0 || isTestFile(context, options.allowFiles ?? [])) return;
        for (const { node } of uses) {
          if (node.type !== AST_NODE_TYPES.CallExpression) continue;
          const statement = removableStatement(node);
          context.report({
            node,
            messageId: 'manualGc',
            data: { call: `${sourceCode.getText(skipTsWrappers(node.callee))}()` },
            suggest: statement
              ? [
                  {
                    messageId: 'removeGcCall',
                    fix: (fixer) =>
                      fixer.removeRange(wholeLines(sourceCode.text, statement.range[0], statement.range[1])),
                  },
                ]
              : [],
          });
        }
      },
    };
  },
});
