import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { skipTsWrappers, staticPropertyName, staticString } from '../../ast.js';
import { camel, CHAIN, complete, factory, fieldAccess, QUERY, singleCondition } from './shared.js';
import type { ChainInput, ChainReading, DataAdapter, LookupKey, ValueShape } from './types.js';

/**
 * Methods of a Knex instance that start a query builder as `knex('table')` does (`knex.select('id').from('users')`,
 * `knex.from('users').where(...)`, `knex.insert(row).into('users')`). `schema`, `migrate` and `seed` are not queries.
 */
const BUILDER_STARTS = [
  ...['select', 'first', 'pluck', 'from', 'table', 'into', 'distinct', 'count', 'countDistinct', 'min', 'max'],
  ...['sum', 'avg', 'with', 'withRecursive', 'withSchema', 'queryBuilder', 'where', 'whereIn', 'whereRaw'],
  ...['insert', 'update', 'del', 'delete', 'truncate'],
];

const KNEX: ValueShape = {
  name: 'knex',
  callable: CHAIN,
  methods: { raw: QUERY, ...Object.fromEntries(BUILDER_STARTS.map((name) => [name, CHAIN])) },
};
// A transaction is a query builder too: `knex.transaction(async (trx) => trx('users').where(...))`.
complete(KNEX, { callbacks: { transaction: KNEX } });

const CONDITION = /^(where|andWhere|orWhere|whereIn|whereNot|whereRaw|join|leftJoin|innerJoin|having)/u;

/** The instance method a chain starts with (`select` of `knex.select(...)`), or `null` for `knex('users')`. */
function rootMethod(root: TSESTree.CallExpression): string | null {
  const callee = skipTsWrappers(root.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? (staticPropertyName(callee) ?? '') : null;
}

/** Methods that name the table of a chain started on the instance (`knex.select().from('users')`). */
const TABLE_METHODS = new Set(['from', 'table', 'into']);

/**
 * The table a chain reads: `knex('users')`'s argument, or that of the chain's `from`/`table`/`into` call when it
 * starts on the instance (`knex.from('users')`, `knex.select('id').from('users')`).
 */
function chainTable(root: TSESTree.CallExpression, calls: ChainInput['calls']): string | null {
  const method = rootMethod(root);
  if (method === null) return staticString(root.arguments[0]);
  const starts = [{ name: method, call: root }, ...calls];
  const named = starts.find(({ name }) => TABLE_METHODS.has(name));
  return named ? staticString(named.call.arguments[0]) : null;
}

/** The key of `where('id', key)` or `where({ id: key })` (table prefix dropped), when it is the only condition. */
function readKnexChain({ root, calls }: ChainInput): ChainReading {
  let key: LookupKey | undefined;
  let conditions = 0;
  for (const { name, call } of calls) {
    if (!CONDITION.test(name)) continue;
    conditions += 1;
    const first = call.arguments.at(0);
    const second = call.arguments.at(1);
    if (name === 'where' && call.arguments.length === 2 && second) {
      const field = staticString(first);
      if (field !== null) key = { field: field.replace(/^.*\./u, ''), value: second, plain: true };
    } else if (name === 'where' && call.arguments.length === 1) {
      const condition = singleCondition(first);
      if (condition) key = { field: condition.field.replace(/^.*\./u, ''), value: condition.value, plain: true };
    }
  }
  const methods = calls.map((c) => c.name).join(',');
  return {
    kind: calls.some((c) => c.name === 'first') || rootMethod(root) === 'first' ? 'read-one' : 'query',
    table: chainTable(root, calls),
    ...(conditions === 1 && key && (methods === 'where,first' || methods === 'where') ? { key } : {}),
  };
}

/** Knex: `db('users').where({ id }).first()`, batched with `db('users').whereIn('id', ids)`. */
export const knex: DataAdapter = {
  library: 'knex',
  target: 'the database',
  entries: [factory('knex', ['knex'], [], 'knex', KNEX), factory('knex.knex', ['knex'], ['knex'], 'knex', KNEX)],
  settingShapes: [KNEX],
  typeShapes: { knex: { Knex: 'knex', knex: 'knex' } },
  readChain: readKnexChain,
  batch: (site) => {
    const { chain } = site;
    const field = site.key.field;
    if (!chain || field === null || !['where,first', 'where'].includes(chain.methods.join(','))) {
      return 'only `where(key)` and `where(key).first()` Knex lookups are batched';
    }
    return {
      batch: (keys) => `${chain.prefixes[0] ?? ''}.whereIn(${site.quote(field)}, ${keys})`,
      rowKey: (row) => `String(${fieldAccess(row, field)})`,
      itemKey: (k) => `String(${k})`,
      missing: 'undefined',
      unique: false,
      grouped: false,
      base: chain.table ? camel(chain.table) : 'row',
      field,
    };
  },
};
