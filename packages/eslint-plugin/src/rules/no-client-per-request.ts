import {
  CLIENT_APIS,
  enclosingFunction,
  isMemoised,
  findApiUses,
  getRequestPathModel,
  instanceReceivers,
  isConnectionProbe,
  staticPropertyName,
  type ClientApiEntry,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule, unknownContextSchema } from '../util/index.js';

export type Options = [{ checkUnknownContext?: boolean }];
export type MessageId = 'clientPerRequest' | 'clientPerCall';

const KIND_WORDS: Readonly<Record<ClientApiEntry['kind'], string>> = {
  pool: 'connection pool',
  connection: 'connection',
  client: 'client',
};

/**
 * The method calls on the created instance made in the function that created it: a per-call lifecycle
 * (`create → connect → use → end`) when one of them closes it.
 */
function closesInSameFunction(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, entry: ClientApiEntry): boolean {
  const owner = enclosingFunction(node);
  return instanceReceivers(sourceCode, node).some((receiver) => {
    const parent = receiver.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== receiver) return false;
    const name = staticPropertyName(parent);
    return name !== null && entry.closeMethods.includes(name) && enclosingFunction(parent) === owner;
  });
}

export default createRule<Options, MessageId>({
  name: 'no-client-per-request',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating database and cache clients, pools or connections per request',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'pooling',
      codemod: 'hoist-clients',
    },
    schema: unknownContextSchema(
      'Also report functions of unknown context that create a client and close it again before they return (a ' +
        'per-call lifecycle); factories that return the client stay quiet.',
    ),
    defaultOptions: [{ checkUnknownContext: true }],
    messages: {
      clientPerRequest: '`{{api}}` creates a new {{library}} {{kind}} on every request ({{reason}}).',
      clientPerCall: '`{{api}}` creates a new {{library}} {{kind}} that this function closes again, on every call.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    return {
      Program() {
        const uses = findApiUses(sourceCode, CLIENT_APIS);
        if (uses.length === 0) return;
        const model = getRequestPathModel(context);
        for (const { node, entry } of uses) {
          if (isMemoised(sourceCode, node)) continue;
          const where = model.contextOf(node);
          // A health check or probe opens a fresh connection on purpose: that it can be made is what it tests.
          if (isConnectionProbe(node, where)) continue;
          const data = {
            api: entry.id,
            library: entry.library,
            kind: KIND_WORDS[entry.kind],
            reason: where.reason,
          };
          if (where.context === 'request') {
            context.report({ node, messageId: 'clientPerRequest', data });
          } else if (
            where.context === 'unknown' &&
            options.checkUnknownContext !== false &&
            closesInSameFunction(sourceCode, node, entry)
          ) {
            context.report({ node, messageId: 'clientPerCall', data });
          }
        }
      },
    };
  },
});
