import {
  childNodes,
  DATALOADER_APIS,
  dataAdapter,
  dependsOnIteration,
  describeCallback,
  enclosingIterations,
  findApiUses,
  findDataAccessCalls,
  getRequestPathModel,
  isFunctionNode,
  isInIteration,
  isInside,
  isChunkedIteration,
  isSmallLiteralArray,
  iterationParts,
  SMALL_LITERAL_ARRAY,
  skipTsWrappers,
  staticPropertyName,
  tableChoosers,
  visibleListBound,
  visibleLoopBound,
  variableOf,
  type DataAccessCall,
  type FunctionNode,
  type Iteration,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
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
  const text = sourceCode.getText(skipTsWrappers(call.applies ?? call.node.callee)).replace(/\s+/gu, '');
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

function describeIteration(iteration: Iteration, sourceCode: TSESLint.SourceCode): string {
  if (iteration.kind === 'callback') return describeCallback(iteration, sourceCode);
  switch (iteration.node.type) {
    case AST_NODE_TYPES.ForOfStatement:
      return 'this `for...of` loop';
    case AST_NODE_TYPES.ForInStatement:
      return 'this `for...in` loop';
    case AST_NODE_TYPES.ForStatement:
      return 'this `for` loop';
    case AST_NODE_TYPES.SwitchCase:
      // A loop of an async function compiled to a state machine.
      return iteration.iterable
        ? `this loop over \`${sourceCode.getText(iteration.iterable).replace(/\s+/gu, ' ')}\``
        : 'this loop';
    default:
      return 'this loop';
  }
}

/** `db.users.findOne` in `userStore.get` (src/stores/user.js). */
function describeThrough(through: NonNullable<DataAccessCall['through']>): string {
  const where = through.file ? ` (${through.file})` : '';
  return `\`${through.access}\` in \`${through.chain.at(-1) ?? through.name}\`${where}`;
}

/** HTTP methods that send something rather than look it up. */
const SEND_METHODS = new Set(['post', 'put', 'patch', 'delete', 'del', 'postForm', 'putForm', 'patchForm']);

/** Names of the project's own functions that deliver a message rather than read data (`sendEmail`, `notifyUser`). */
const SEND_NAME =
  /^(?:send|notify|publish|deliver|dispatch|enqueue|email|mail|sms|push|post|alert|broadcast)(?![a-z])/u;

/**
 * Operations that read (`getAll`, `findOne`, `select`, `hgetall`): what a data access reached by a delivering function
 * does.
 */
const READ_OPERATION = new RegExp(
  '^(?:get|find|select|query|load|fetch|count|exists|retrieve|read|list|all|one|first|many|mget|hget|smembers|' +
    'zrange|lrange|aggregate)',
  'iu',
);

/**
 * Names of the project's own functions that change data or run a whole operation (`removeFromChannels`,
 * `createHistoryEntry`, `writeOne`, `applyPriceAdjustments`, `startMonitor`): called per item, each is a unit of work
 * that a batch query would not replace, even when it reads something on the way. Read-then-create helpers
 * (`createTagIfNeeded`) are lookups.
 */
const OPERATION_VERBS = [
  ...['create', 'insert', 'add', 'update', 'upsert', 'save', 'set', 'write', 'delete', 'remove', 'destroy'],
  ...['softDelete'],
  ...['assign', 'unassign', 'cancel', 'apply', 'start', 'stop', 'pause', 'resume', 'install', 'uninstall', 'upgrade'],
  ...['import', 'sync', 'migrate', 'move', 'transfer', 'change', 'patch', 'run', 'execute', 'process', 'handle'],
  ...['link', 'unlink', 'attach', 'detach', 'acquire', 'lock', 'unlock', 'claim', 'reserve'],
];
const OPERATION_NAME = new RegExp(`^(?:${OPERATION_VERBS.join('|')})(?![a-z])`, 'u');
const LOOKUP_FIRST = /(?:IfNeeded|IfMissing|IfNotExists?)$/u;

/**
 * How many functions below the one called a data access may lie for the call to count as a lookup: the function
 * itself (`userStore.get` querying), a repository method it calls, or a service calling a repository. Deeper chains
 * are whole operations (an event published to handlers that query), not a lookup to batch.
 */
const MAX_LOOKUP_DEPTH = 2;

/**
 * Query builder methods that write (`trx('t').where({ id }).update(values)`, `User.query().patch(...)`): one write per
 * row with its own values calls for a bulk statement, not for the batched read this rule advises.
 */
const WRITE_METHODS = new Set([
  ...['insert', 'update', 'upsert', 'del', 'delete', 'increment', 'decrement', 'truncate', 'patch', 'relate'],
  ...['unrelate', 'deleteById', 'patchAndFetchById', 'updateAndFetchById', 'insertGraph', 'upsertGraph'],
]);

/**
 * Methods that write through a data client, model or repository (`R.store(bean)`, `repo.save(entity)`,
 * `collection.updateOne(...)`, `trx('t').insert(...)` as a call of its own): with the same client as a lookup in one
 * iteration, each iteration is a write operation.
 */
const WRITE_CALLS = new Set([
  ...['save', 'insert', 'insertOne', 'insertMany', 'update', 'updateOne', 'updateMany', 'upsert', 'replaceOne'],
  ...['delete', 'deleteOne', 'deleteMany', 'remove', 'destroy', 'store', 'trash', 'create', 'bulkCreate', 'bulkWrite'],
  ...['increment', 'decrement', 'persist', 'persistAndFlush', 'softDelete', 'softRemove', 'restore'],
  ...['findOneAndUpdate', 'findOneAndDelete', 'findByIdAndUpdate', 'findByIdAndDelete'],
]);

/** Query builder methods that lock the rows they read (TypeORM, Knex, Objection, MikroORM). */
const LOCK_METHODS: ReadonlySet<string> = new Set([
  'setLock',
  'forUpdate',
  'forShare',
  'forNoKeyUpdate',
  'forKeyShare',
]);
/** SQL that locks the rows it reads. */
const ROW_LOCK_SQL = /\bfor\s+(?:no\s+key\s+)?(?:update|share|key\s+share)\b/iu;

/** Literal SQL that reads (`SELECT …`, `WITH … SELECT`); any other statement writes. */
const READING_SQL = /^\s*(?:\(\s*)?(?:select|with)\b/iu;

/** The names of a function's plain parameters (a TypeScript parameter property's too). */
function parameterNames(fn: FunctionNode): Set<string> {
  return new Set(
    fn.params.flatMap((param) => {
      const node = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
      return node.type === AST_NODE_TYPES.Identifier ? [node.name] : [];
    }),
  );
}

/** What a call's library talks to and how its lookups batch, from the library's adapter. */
function targetOf(call: DataAccessCall): string {
  return dataAdapter(call.library)?.target ?? 'the data store';
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
              'Also report outbound HTTP requests (axios, got, node-fetch, undici, `fetch`) whose arguments ' +
              'come from the item.',
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
      queryPerItem: '`{{api}}` queries {{target}} once per item in {{iteration}}.',
      queryPerParent:
        '`{{api}}` in the field resolver `{{field}}` queries {{target}} once per `{{type}}` in a response.',
      callPerItem: '`{{api}}` reads data ({{access}}) once per item in {{iteration}}.',
      callPerParent:
        '`{{api}}` reads data ({{access}}) in the field resolver `{{field}}`, once per `{{type}}` in a response.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;

    /** Batch functions of DataLoaders created in this file: lookups there already run once per batch. */
    function batchFunctions(): TSESTree.Node[] {
      return findApiUses(sourceCode, DATALOADER_APIS).flatMap(({ node }) => {
        const first = node.type === AST_NODE_TYPES.NewExpression ? node.arguments[0] : undefined;
        return first && isFunctionNode(first) ? [first] : [];
      });
    }

    /**
     * Whether an iteration visibly runs only a few times (a list or loop bound of at most `SMALL_LITERAL_ARRAY`,
     * such as `slice(0, 5)`, `limit: 5` or a retry loop `attempt < 3`), or goes over chunks of a list (a `for` loop
     * stepping `i += size`, or a chunking helper), which is already the batched form.
     */
    function fewOrChunked(iteration: Iteration): boolean {
      const bound = iteration.iterable
        ? visibleListBound(iteration.iterable, sourceCode)
        : visibleLoopBound(iteration.node, sourceCode);
      if (bound !== null && bound <= SMALL_LITERAL_ARRAY) return true;
      return isChunkedIteration(iteration.node, iteration.iterable);
    }

    /**
     * Whether a call sends something (a message, a notification, a webhook) rather than looking data up: an HTTP
     * request with a method that writes, or a function of the project named for delivering (`sendEmail`) or reaching
     * such a request. Sending one by one is not an N+1 lookup (see the rule's docs for what applies instead).
     */
    function isSend(call: DataAccessCall): boolean {
      if (call.library === 'project' && call.through) {
        // A delivering function that looks data up on the way (`sendHeartbeatList` reading the last beats) still
        // runs one lookup per item.
        if (SEND_NAME.test(call.through.name)) return !READ_OPERATION.test(call.through.access.split('.').at(-1) ?? '');
        // A helper that reaches a write (`axios.post`, `db.users.delete`) writes; this rule is about reads.
        return SEND_METHODS.has(call.through.access.split('.').at(-1) ?? '');
      }
      if (call.library !== 'http') return false;
      if (SEND_METHODS.has(call.operation)) return true;
      return call.node.arguments.some((argument) => {
        const value = skipTsWrappers(argument);
        if (value.type !== AST_NODE_TYPES.ObjectExpression) return false;
        return value.properties.some((property) => {
          if (property.type !== AST_NODE_TYPES.Property || staticPropertyName(property) !== 'method') return false;
          const method = skipTsWrappers(property.value);
          return (
            method.type === AST_NODE_TYPES.Literal &&
            typeof method.value === 'string' &&
            !/^(?:get|head|options)$/iu.test(method.value)
          );
        });
      });
    }

    /**
     * Whether a call of the project's own function is a whole operation rather than a lookup: named for a change
     * (`removeFromChannels`), or reaching its data access only through more than `MAX_LOOKUP_DEPTH` functions.
     */
    function isWholeOperation(call: DataAccessCall): boolean {
      if (call.library !== 'project' || !call.through) return false;
      if (call.through.chain.length > MAX_LOOKUP_DEPTH) return true;
      const name = call.through.name.split('.').at(-1) ?? '';
      return OPERATION_NAME.test(name) && !LOOKUP_FIRST.test(name);
    }

    /**
     * Whether a field resolver hands its parent object itself to a function of the project and no key read from it
     * (`hydrator.nameOf(ctx, product)`, not `products.find(product.id)`): such a helper is given what the list query
     * loaded and can return it, querying only for a parent that arrived without it, which the resolver cannot show.
     */
    function handsOverWholeParent(call: DataAccessCall, resolver: TSESTree.Node): boolean {
      if (!isFunctionNode(resolver)) return false;
      const params = parameterNames(resolver);
      const isParam = (node: TSESTree.Node): boolean =>
        node.type === AST_NODE_TYPES.Identifier && params.has(node.name);
      let whole = false;
      for (const argument of call.arguments) {
        const value = skipTsWrappers(argument);
        if (value.type === AST_NODE_TYPES.MemberExpression && isParam(skipTsWrappers(value.object))) return false;
        if (isParam(value)) whole = true;
      }
      return whole;
    }

    /**
     * Whether a query builder chain writes (`update`, `insert`, `del`) rather than reads, in any of its calls including
     * the one that starts it on the instance (`knex.insert(row).into('users')`).
     */
    function isBuilderWrite(call: DataAccessCall): boolean {
      if (!call.chain) return false;
      const builder = skipTsWrappers(call.chain.builder.callee);
      const start = builder.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(builder) : null;
      return [start, ...call.chain.methods, call.operation].some((name) => name !== null && WRITE_METHODS.has(name));
    }

    /**
     * Whether a Knex `raw(...)` call is a piece of SQL inside another statement rather than a query of its own: a value
     * of an object (`update({ count: trx.raw('count + 1') })`), stored in an object's property (`updates.at =
     * trx.raw(...)`), or an argument of another query (`.where(knex.raw(...))`). Awaited or chained with `.then`, it
     * runs as a query.
     */
    function isSqlFragment(call: DataAccessCall, calls: readonly DataAccessCall[]): boolean {
      if (call.library !== 'knex' || call.operation !== 'raw' || call.chain) return false;
      let node: TSESTree.Node = call.node;
      while (node.parent && skipTsWrappers(node.parent) === node) node = node.parent;
      const parent = node.parent;
      if (!parent || parent.type === AST_NODE_TYPES.AwaitExpression) return false;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) return false;
      if (parent.type === AST_NODE_TYPES.Property && parent.value === node) return true;
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) {
        return parent.left.type === AST_NODE_TYPES.MemberExpression;
      }
      return calls.some((other) => other !== call && other.arguments.some((argument) => isInside(call.node, argument)));
    }

    /**
     * Whether a field resolver returns what a relation of its parent already holds when the parent was loaded with it,
     * and looks up only otherwise, whatever the relation is called (`if (variant.productVariantPrices) return
     * variant.productVariantPrices.filter(byChannel)` before the query of the `prices` field): an earlier statement of
     * the resolver's body is an `if` that tests a property of a parameter and returns a value read from it.
     */
    function returnsLoadedRelation(node: TSESTree.Node, resolver: FunctionNode): boolean {
      if (resolver.body.type !== AST_NODE_TYPES.BlockStatement) return false;
      const params = parameterNames(resolver);
      /** The parameter property that a test checks: `p.x`, `p.x?.length`, `p.x != null`, `p.x.length > 0`. */
      const tested = (test: TSESTree.Node): string | null => {
        let current = skipTsWrappers(test);
        if (current.type === AST_NODE_TYPES.BinaryExpression) current = skipTsWrappers(current.left);
        if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
        if (current.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(current) === 'length') {
          current = skipTsWrappers(current.object);
        }
        if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
        if (current.type !== AST_NODE_TYPES.MemberExpression) return null;
        const object = skipTsWrappers(current.object);
        return object.type === AST_NODE_TYPES.Identifier && params.has(object.name)
          ? sourceCode.getText(current)
          : null;
      };
      const reads = (root: TSESTree.Node, text: string): boolean => {
        let found = false;
        const visit = (current: TSESTree.Node): void => {
          if (found || isFunctionNode(current)) return;
          if (current.type === AST_NODE_TYPES.MemberExpression && sourceCode.getText(current) === text) found = true;
          else for (const child of childNodes(current, sourceCode.visitorKeys)) visit(child);
        };
        visit(root);
        return found;
      };
      const returnsRead = (statement: TSESTree.Statement, text: string): boolean => {
        if (statement.type === AST_NODE_TYPES.ReturnStatement)
          return !!statement.argument && reads(statement.argument, text);
        if (statement.type === AST_NODE_TYPES.BlockStatement) {
          return statement.body.some((inner) => returnsRead(inner, text));
        }
        return false;
      };
      for (const statement of resolver.body.body) {
        if (statement.range[0] >= node.range[0]) break;
        if (statement.type !== AST_NODE_TYPES.IfStatement) continue;
        const property = tested(statement.test);
        if (property !== null && returnsRead(statement.consequent, property)) return true;
      }
      return false;
    }

    /**
     * Whether a field resolver uses the parent's own value of its field when the parent has it and the lookup only
     * otherwise: it returns that value (`if (order.payments) return order.payments`), or the lookup is its
     * alternative (`channel.seller ?? sellers.findOne(channel.sellerId)`, `roles = user.roles ?? await find(...)`, a
     * variable set to one or the other). The list queries load that relation, so the lookup is a fallback for a parent
     * that arrived without it, not one query per parent.
     */
    function fallsBackOnParentField(node: TSESTree.Node, resolver: TSESTree.Node, field: string): boolean {
      if (!isFunctionNode(resolver)) return false;
      if (returnsLoadedRelation(node, resolver)) return true;
      const params = parameterNames(resolver);
      const seen = new Set<TSESTree.Node>();
      const yieldsField = (expression: TSESTree.Node): boolean => {
        const value = skipTsWrappers(expression);
        if (seen.has(value)) return false;
        seen.add(value);
        switch (value.type) {
          case AST_NODE_TYPES.ChainExpression:
            return yieldsField(value.expression);
          case AST_NODE_TYPES.MemberExpression: {
            const object = skipTsWrappers(value.object);
            return (
              staticPropertyName(value) === field &&
              object.type === AST_NODE_TYPES.Identifier &&
              params.has(object.name)
            );
          }
          case AST_NODE_TYPES.LogicalExpression:
            return yieldsField(value.left) || yieldsField(value.right);
          case AST_NODE_TYPES.ConditionalExpression:
            return yieldsField(value.consequent) || yieldsField(value.alternate);
          case AST_NODE_TYPES.AssignmentExpression:
            return value.operator === '=' && yieldsField(value.right);
          case AST_NODE_TYPES.Identifier: {
            // A local that holds the parent's value (`_a = channel.seller` of compiled `??`, `let x = order.lines`).
            const variable = variableOf(sourceCode, value);
            return (
              variable !== null &&
              variable.references.some((reference) => reference.writeExpr && yieldsField(reference.writeExpr))
            );
          }
          default:
            return false;
        }
      };
      // The lookup's value, through `await`, `.then(...)` and TypeScript wrappers, and what it is an alternative to.
      let value = node;
      while (value.parent) {
        const parent = value.parent;
        const then =
          parent.type === AST_NODE_TYPES.MemberExpression &&
          parent.object === value &&
          ['then', 'catch'].includes(staticPropertyName(parent) ?? '') &&
          parent.parent.type === AST_NODE_TYPES.CallExpression &&
          parent.parent.callee === parent;
        if (then) value = parent.parent;
        else if (parent.type === AST_NODE_TYPES.AwaitExpression || skipTsWrappers(parent) === value) value = parent;
        else break;
      }
      const holder = value.parent;
      if (holder?.type === AST_NODE_TYPES.LogicalExpression && holder.right === value && yieldsField(holder.left)) {
        return true;
      }
      if (holder?.type === AST_NODE_TYPES.ConditionalExpression && holder.test !== value) {
        if (yieldsField(holder.consequent === value ? holder.alternate : holder.consequent)) return true;
      }
      const target =
        holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === value
          ? holder.left
          : holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === value
            ? holder.id
            : null;
      // A variable that holds the parent's value or the lookup's: a fallback when the lookup sets it in a branch of its
      // own; set in the resolver's body, the lookup runs whatever the variable held before.
      if (target?.type === AST_NODE_TYPES.Identifier && yieldsField(target)) {
        return holder?.parent?.parent !== resolver.body;
      }
      if (resolver.body.type !== AST_NODE_TYPES.BlockStatement) return yieldsField(resolver.body);
      const returned: TSESTree.Node[] = [];
      const visit = (node: TSESTree.Node): void => {
        if (node !== resolver && isFunctionNode(node)) return;
        if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
        for (const child of childNodes(node, sourceCode.visitorKeys)) visit(child);
      };
      visit(resolver.body);
      return returned.some(yieldsField);
    }

    /**
     * What a call's client is, as text: the name or `this.<field>` at the root of its receiver (`R` of
     * `R.findOne(...)`, `this.connection` of `this.connection.getRepository(ctx, User).find(...)`, `trx` of
     * `trx('users').where(...)`), or `null`.
     */
    function clientRoot(node: TSESTree.Node): string | null {
      let current = skipTsWrappers(node);
      for (;;) {
        if (current.type === AST_NODE_TYPES.CallExpression) current = skipTsWrappers(current.callee);
        else if (current.type === AST_NODE_TYPES.MemberExpression) {
          const object = skipTsWrappers(current.object);
          if (object.type === AST_NODE_TYPES.ThisExpression) return `this.${staticPropertyName(current) ?? ''}`;
          current = object;
        } else if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
        else return current.type === AST_NODE_TYPES.Identifier ? current.name : null;
      }
    }

    /**
     * Whether the iteration that repeats a lookup writes before it: a write of the data rules see (a builder chain or
     * SQL that writes, a function of the project named for a change), or a writing method (`store`, `save`, `delete`)
     * called on the lookup's own client, earlier in the iteration. The lookup may then read what the write changed
     * (remove a variant from a channel, then read which variants of its product are still in it), so reading every
     * item's data in one query before the loop would change the results. A write after the lookup (read, then
     * save) leaves the reads independent, and they stay reported.
     */
    function writesBefore(call: DataAccessCall, iteration: Iteration, calls: readonly DataAccessCall[]): boolean {
      const start = call.node.range[0];
      const writes = (other: DataAccessCall): boolean =>
        isBuilderWrite(other) ||
        (typeof other.sql?.text === 'string' && !READING_SQL.test(other.sql.text)) ||
        (other.library === 'project' && other.through !== undefined && isWholeOperation(other));
      const before = (node: TSESTree.Node): boolean => node.range[1] <= start && isInIteration(node, iteration);
      if (calls.some((other) => other !== call && before(other.node) && writes(other))) return true;
      const callee = skipTsWrappers(call.chain ? call.chain.builder : call.node.callee);
      const client = clientRoot(callee);
      if (client === null) return false;
      let found = false;
      const visit = (node: TSESTree.Node): void => {
        if (found || (node !== iteration.node && isFunctionNode(node))) return;
        if (node.range[0] >= start) return;
        if (node.type === AST_NODE_TYPES.CallExpression && node.range[1] <= start) {
          const target = skipTsWrappers(node.callee);
          if (target.type === AST_NODE_TYPES.MemberExpression) {
            const name = staticPropertyName(target);
            if (name !== null && WRITE_CALLS.has(name) && clientRoot(target.object) === client) {
              found = true;
              return;
            }
          }
        }
        for (const child of childNodes(node, sourceCode.visitorKeys)) visit(child);
      };
      for (const part of iterationParts(iteration)) visit(part);
      return found;
    }

    /**
     * Whether the table or model a lookup reads is chosen per item (`getRepository(ctx, field.entity)`,
     * `db(item.table)`, `prisma[relation.model]`, `em.findOne(field.entity, id)`, or `exportTable(tableName)` of a
     * function of the project that reads the table its parameter names): each iteration queries another table, and
     * no single query can batch them. The item's own methods (`post.getAuthor()`, a lazy load) are still
     * lookups per item.
     */
    function tablePerItem(call: DataAccessCall, iteration: Iteration): boolean {
      const chosen = (node: TSESTree.Node | undefined): boolean =>
        node !== undefined && dependsOnIteration(node, iteration, sourceCode);
      // A function of the project whose parameter chooses the table it reads (`exportTable(tableName)`).
      const param = call.through?.tableParam;
      if (param !== undefined && chosen(call.arguments[param])) return true;
      return tableChoosers(call, sourceCode).some(chosen);
    }

    const lockingIterations = new WeakMap<TSESTree.Node, boolean>();

    /**
     * Whether an iteration takes a row lock through one of its data-access calls: a builder chain with `setLock(...)`
     * or `forUpdate()`/`forShare()`, a read with a `lock` or `lockMode` option (TypeORM's `lock: { mode:
     * 'pessimistic_write' }`, Sequelize's `lock: true`, MikroORM's `lockMode`), or SQL with `FOR UPDATE`/`FOR SHARE`.
     * Such a loop is a per-item transactional routine that locks its rows one at a time in a chosen order; a batched
     * read would not remove the per-item locks, and could change their order.
     */
    function locksRows(iteration: Iteration, calls: readonly DataAccessCall[]): boolean {
      let known = lockingIterations.get(iteration.node);
      if (known === undefined) {
        known = calls.some((call) => isInIteration(call.node, iteration) && locks(call));
        lockingIterations.set(iteration.node, known);
      }
      return known;
    }

    function locks(call: DataAccessCall): boolean {
      if (call.sql?.text && ROW_LOCK_SQL.test(call.sql.text)) return true;
      if (call.chain?.methods.some((method) => LOCK_METHODS.has(method))) return true;
      for (let current: TSESTree.Node = call.node; ;) {
        const node = skipTsWrappers(current);
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const callee = skipTsWrappers(node.callee);
          if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
          if (LOCK_METHODS.has(staticPropertyName(callee) ?? '')) return true;
          current = callee.object;
        } else if (node.type === AST_NODE_TYPES.MemberExpression) {
          current = node.object;
        } else break;
      }
      return call.arguments.some((argument) => {
        const options = skipTsWrappers(argument);
        return (
          options.type === AST_NODE_TYPES.ObjectExpression &&
          options.properties.some((property) => {
            if (property.type !== AST_NODE_TYPES.Property) return false;
            const key = staticPropertyName(property);
            const value = skipTsWrappers(property.value);
            return (key === 'lock' || key === 'lockMode') && !(value.type === AST_NODE_TYPES.Literal && !value.value);
          })
        );
      });
    }

    /**
     * Whether a call of the project's own data-reading function is a method of the item itself (`monitor.toJSON()`,
     * `order.customer.loadAddress()`, on a row or an instance the loop goes through): the method reads its data by
     * `this`, so each iteration's queries select another row even without arguments. A receiver the item only chooses
     * (`providers[item.type].check()`) is another function per item, not the same lookup repeated.
     */
    function isItemMethod(call: DataAccessCall, iteration: Iteration): boolean {
      if (call.library !== 'project' || !call.receiver) return false;
      let root = skipTsWrappers(call.receiver);
      while (root.type === AST_NODE_TYPES.MemberExpression && !root.computed) root = skipTsWrappers(root.object);
      return root.type === AST_NODE_TYPES.Identifier && dependsOnIteration(root, iteration, sourceCode);
    }

    /** The innermost loop or per-element callback that repeats the call with item-dependent arguments. */
    function perItemIteration(call: DataAccessCall): Iteration | null {
      for (const iteration of enclosingIterations(call.node, undefined, sourceCode)) {
        if (iteration.iterable && isSmallLiteralArray(iteration.iterable, sourceCode)) return null;
        if (fewOrChunked(iteration)) continue;
        if (tablePerItem(call, iteration)) return null;
        if (call.arguments.some((argument) => dependsOnIteration(argument, iteration, sourceCode))) return iteration;
        if (isItemMethod(call, iteration)) return iteration;
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
          if (isSend(call) || isWholeOperation(call) || isSqlFragment(call, calls)) continue;
          // Writes in a loop are a different problem (bulk inserts and updates); this rule is about reads.
          if (call.sql?.text && !READING_SQL.test(call.sql.text)) continue;
          if (isBuilderWrite(call)) continue;
          const where = model.contextOf(call.node);
          if (where.context === 'startup') continue;
          const target = targetOf(call);
          const api = dataAccessLabel(call, sourceCode);
          const access = call.through ? describeThrough(call.through) : '';
          const iteration = perItemIteration(call);
          if (iteration && (writesBefore(call, iteration, calls) || locksRows(iteration, calls))) continue;
          if (iteration) {
            const described = describeIteration(iteration, sourceCode);
            if (call.through) {
              context.report({
                node: call.node,
                messageId: 'callPerItem',
                data: { api, access, iteration: described },
              });
            } else {
              context.report({
                node: call.node,
                messageId: 'queryPerItem',
                data: { api, iteration: described, target },
              });
            }
            continue;
          }
          const graphql = where.handler?.graphql;
          if (!options.checkGraphqlResolvers || !graphql || graphql.root || where.handler.kind !== 'resolver') continue;
          // The resolver's own lookups: a helper it calls is reported where the resolver calls it.
          if (!where.handler.node || !isInside(call.node, where.handler.node)) continue;
          if (loaders.some((loader) => isInside(call.node, loader))) continue;
          if (call.needsItemArgument) {
            // A resolver of another file: this function is a helper it calls, so its arguments are not the parent's.
            const resolver: Iteration = {
              kind: 'callback',
              node: where.handler.node,
              iterable: null,
              body: where.handler.node,
            };
            if (!call.arguments.some((argument) => dependsOnIteration(argument, resolver, sourceCode))) continue;
          }
          if (call.through && handsOverWholeParent(call, where.handler.node)) continue;
          if (fallsBackOnParentField(call.node, where.handler.node, graphql.fieldName)) continue;
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
