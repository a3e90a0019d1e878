import {
  CLIENT_APIS,
  enclosingFunction,
  isMemoised,
  findApiUses,
  getRequestPathModel,
  instanceReceivers,
  isConnectionProbe,
  isInside,
  referencesWithin,
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

/**
 * Whether the connection settings of a creation come from the caller: its arguments read a parameter of the function
 * that creates it, or of a function around that one (`new Client({ connectionString })` in `postgresQuery
 * (connectionString, query)`, `new pg.Client({ ...dbConfig })` in `withDbLock(dbConfig)`). The caller chooses the
 * server (a monitored database, an admin connection to create a database, a lock that must not come from the pool),
 * so the function cannot share one client across calls. Only where no request is seen, or per tick of a periodic
 * job: on a request path a parameter may as well carry the application's one configuration, and a pool per request
 * for the request's tenant is still one pool per request (keep one per tenant instead).
 */
function targetFromCaller(
  sourceCode: TSESLint.SourceCode,
  node: TSESTree.Node,
  handler: TSESTree.Node | null,
): boolean {
  if (node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression) return false;
  return node.arguments.some((argument) =>
    referencesWithin(sourceCode, argument).some((reference) =>
      (reference.resolved?.defs ?? []).some(
        (def) =>
          // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
          def.type === 'Parameter' && !isInside(def.name, argument) && def.node !== handler,
      ),
    ),
  );
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
          // A connection whose server the caller passes in, made where no request is seen (a database lock, an admin
          // connection) or per tick of a periodic job (a monitor checking the databases its users configured).
          const periodic = where.context === 'request' && where.handler?.kind === 'timer';
          if (
            (where.context === 'unknown' || periodic) &&
            targetFromCaller(sourceCode, node, where.handler?.node ?? null)
          )
            continue;
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
