import {
  DATALOADER_APIS,
  dataAdapter,
  dependsOnIteration,
  enclosingIterations,
  findApiUses,
  findDataAccessCalls,
  getRequestPathModel,
  isFunctionNode,
  isInside,
  isSmallLiteralArray,
  skipTsWrappers,
  type DataAccessCall,
  type Iteration,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/index.js';

export type Options = [{ checkHttpClients?: boolean; checkGraphqlResolvers?: boolean }];
export type MessageId = 'queryPerItem' | 'queryPerParent' | 'callPerItem' | 'callPerParent';

const MAX_LABEL = 48;

/** A short name for the call in messages: `prisma.user.findUnique`, `db('users')…first()`, `fetch`. */
export function dataAccessLabel(call: DataAccessCall, sourceCode: TSESLint.SourceCode): string {
  if (call.chain) {
    const builder = sourceCode.getText(call.chain.builder);
    const head = builder.length > MAX_LABEL ? `${sourceCode.getText(call.chain.builder.callee)}(…)` : builder;
    return call.chain.methods.length > 0 ? `${head}…${call.operation}()` : head;
  }
  const text = sourceCode.getText(skipTsWrappers(call.node.callee)).replace(/\s+/gu, '');
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

function describeIteration(iteration: Iteration, sourceCode: TSESLint.SourceCode): string {
  if (iteration.kind === 'callback') {
    const iterable = iteration.iterable ? sourceCode.getText(iteration.iterable).replace(/\s+/gu, ' ') : '';
    const short = iterable.length > 32 ? '…' : iterable;
    return `the \`${short}.${iteration.method ?? 'map'}()\` callback`;
  }
  switch (iteration.node.type) {
    case 'ForOfStatement':
      return 'this `for...of` loop';
    case 'ForInStatement':
      return 'this `for...in` loop';
    case 'ForStatement':
      return 'this `for` loop';
    default:
      return 'this loop';
  }
}

/** `db.users.findOne` in `userStore.get` (src/stores/user.js). */
function describeThrough(through: NonNullable<DataAccessCall['through']>): string {
  const where = through.file ? ` (${through.file})` : '';
  return `\`${through.access}\` in \`${through.chain.at(-1) ?? through.name}\`${where}`;
}

/** What a call's library talks to and how its lookups batch, from the library's adapter. */
function targetOf(call: DataAccessCall): string {
  return dataAdapter(call.library)?.target ?? 'the data store';
}

function batchAdvice(call: DataAccessCall): string {
  return dataAdapter(call.library)?.batchAdvice ?? 'one call that takes all the keys (a batched form of the function)';
}

export default createRule<Options, MessageId>({
  name: 'no-n-plus-one',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow database, cache and HTTP lookups once per item of a list or per parent in a GraphQL field resolver',
      recommended: 'recommended',
      requiresTypeChecking: false,
      category: 'n-plus-one',
      codemod: 'n-plus-one-to-dataloader',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkHttpClients: {
            type: 'boolean',
            description:
              'Also report outbound HTTP requests (axios, got, node-fetch, undici, `fetch`) whose arguments come from the item.',
          },
          checkGraphqlResolvers: {
            type: 'boolean',
            description:
              'Also report lookups in GraphQL field resolvers of non-root types, which run once per parent object.',
          },
        },
      },
    ],
    defaultOptions: [{ checkHttpClients: true, checkGraphqlResolvers: true }],
    messages: {
      queryPerItem:
        '`{{api}}` runs once per item in {{iteration}}: a list of N items costs N round trips to {{target}} instead of one, and each holds a pooled connection. Load all items with {{batch}}, or through a per-request DataLoader.',
      queryPerParent:
        '`{{api}}` in the field resolver `{{field}}` runs once per `{{type}}` in a response: a list of N parents costs N extra round trips to {{target}}. Load it through a per-request DataLoader (`context.loaders.<name>.load(key)`).',
      callPerItem:
        '`{{api}}` reads data ({{access}}) and runs once per item in {{iteration}}: N items cost N round trips instead of one. Load all items with {{batch}}, or through a per-request DataLoader.',
      callPerParent:
        '`{{api}}` reads data ({{access}}) in the field resolver `{{field}}`, once per `{{type}}` in a response: N parents cost N extra round trips. Load it through a per-request DataLoader.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;

    /** Batch functions of DataLoaders created in this file: lookups there already run once per batch. */
    function batchFunctions(): TSESTree.Node[] {
      return findApiUses(sourceCode, DATALOADER_APIS).flatMap(({ node }) => {
        const first = node.type === 'NewExpression' ? node.arguments[0] : undefined;
        return first && isFunctionNode(first) ? [first] : [];
      });
    }

    /** The innermost loop or per-element callback that repeats the call with item-dependent arguments. */
    function perItemIteration(call: DataAccessCall): Iteration | null {
      for (const iteration of enclosingIterations(call.node)) {
        if (iteration.iterable && isSmallLiteralArray(iteration.iterable, sourceCode)) return null;
        if (call.arguments.some((argument) => dependsOnIteration(argument, iteration, sourceCode))) return iteration;
        // A lookup with the same arguments on every iteration is not per-item; an outer loop may still be.
      }
      return null;
    }

    return {
      Program() {
        const calls = findDataAccessCalls(context);
        if (calls.length === 0) return;
        const model = getRequestPathModel(context);
        const loaders = batchFunctions();
        for (const call of calls) {
          if (call.library === 'http' && !options.checkHttpClients) continue;
          // Writes in a loop are a different problem (bulk inserts and updates); this rule is about reads.
          if (call.sql?.text && !/^\s*(?:\(\s*)?(?:select|with)\b/iu.test(call.sql.text)) continue;
          const where = model.contextOf(call.node);
          if (where.context === 'startup') continue;
          const target = targetOf(call);
          const api = dataAccessLabel(call, sourceCode);
          const access = call.through ? describeThrough(call.through) : '';
          const iteration = perItemIteration(call);
          if (iteration) {
            const described = describeIteration(iteration, sourceCode);
            const batch = batchAdvice(call);
            if (call.through) {
              context.report({
                node: call.node,
                messageId: 'callPerItem',
                data: { api, access, iteration: described, batch },
              });
            } else {
              context.report({
                node: call.node,
                messageId: 'queryPerItem',
                data: { api, iteration: described, target, batch },
              });
            }
            continue;
          }
          const graphql = where.handler?.graphql;
          if (!options.checkGraphqlResolvers || !graphql || graphql.root || where.handler?.kind !== 'resolver')
            continue;
          // The resolver's own lookups: a helper it calls is reported where the resolver calls it.
          if (!where.handler.node || !isInside(call.node, where.handler.node)) continue;
          if (loaders.some((loader) => isInside(call.node, loader))) continue;
          if (call.needsItemArgument) {
            // A resolver of another file: this function is a helper it calls, so its arguments are not the parent's.
            if (!where.handler.node) continue;
            const resolver: Iteration = {
              kind: 'callback',
              node: where.handler.node,
              iterable: null,
              body: where.handler.node,
            };
            if (!call.arguments.some((argument) => dependsOnIteration(argument, resolver, sourceCode))) continue;
          }
          const field = `${graphql.typeName}.${graphql.fieldName}`;
          if (call.through) {
            context.report({
              node: call.node,
              messageId: 'callPerParent',
              data: { api, access, field, type: graphql.typeName },
            });
          } else {
            context.report({
              node: call.node,
              messageId: 'queryPerParent',
              data: { api, field, type: graphql.typeName, target },
            });
          }
        }
      },
    };
  },
});
