import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { skipTsWrappers, staticPropertyName } from '../../ast.js';
import type { ApiEntry } from '../types.js';
import {
  camel,
  CHAIN,
  complete,
  factory,
  fieldAccess,
  objectProperties,
  QUERY,
  READ_MANY,
  READ_ONE,
} from './shared.js';
import type { BatchPlan, BatchSite, DataAdapter, LookupKey, ValueShape } from './types.js';

/** `db.query.users`: a table of the relational query API. */
const DRIZZLE_RELATIONAL_TABLE: ValueShape = {
  name: 'drizzle-relational-table',
  methods: { findFirst: READ_ONE, findMany: READ_MANY },
};
const DRIZZLE_DB: ValueShape = {
  name: 'drizzle-db',
  methods: { select: CHAIN, selectDistinct: CHAIN, execute: QUERY },
  properties: { query: { name: 'drizzle-relational', anyProperty: DRIZZLE_RELATIONAL_TABLE } },
};
// A transaction's client is the same shape: `db.transaction(async (tx) => tx.select()...)`.
complete(DRIZZLE_DB, { callbacks: { transaction: DRIZZLE_DB } });

/** The drivers' entry points, each exporting `drizzle()`. */
const DRIVERS = [
  'node-postgres',
  'postgres-js',
  'neon-http',
  'neon-serverless',
  'vercel-postgres',
  'pglite',
  'mysql2',
  'planetscale-serverless',
  'better-sqlite3',
  'libsql',
  'bun-sqlite',
  'd1',
].map((driver) => `drizzle-orm/${driver}`);

const EQ: ApiEntry = {
  id: 'drizzle-orm.eq',
  modules: ['drizzle-orm'],
  path: ['eq'],
  usage: 'call',
  category: 'n-plus-one',
  tags: ['drizzle-operator'],
};

/** `eq(users.id, key)` with `eq` from `drizzle-orm`: the key, and the column by its property name. */
function eqKey(
  node: TSESTree.Node | undefined,
  isExport: (node: TSESTree.Node, entry: ApiEntry) => boolean,
): LookupKey | undefined {
  const call = node ? skipTsWrappers(node) : undefined;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 2 || !isExport(call, EQ))
    return undefined;
  const column = call.arguments.at(0);
  const value = call.arguments.at(1);
  if (column?.type !== AST_NODE_TYPES.MemberExpression || !value || value.type === AST_NODE_TYPES.SpreadElement)
    return undefined;
  const field = staticPropertyName(column);
  return field === null ? undefined : { field, value, plain: true, column };
}

function selectBatch(site: BatchSite, column: string, field: string): BatchPlan | string {
  const { chain } = site;
  if (chain?.methods.join(',') !== 'from,where') return 'only `select().from(table).where(eq(column, key))` is batched';
  const from = chain.prefixes[1] ?? '';
  return {
    batch: (keys) => `${from}.where(inArray(${column}, ${keys}))`,
    rowKey: (row) => `String(${fieldAccess(row, field)})`,
    itemKey: (k) => `String(${k})`,
    missing: 'undefined',
    unique: false,
    grouped: true,
    needsImport: { module: 'drizzle-orm', name: 'inArray' },
    base: chain.table ? camel(chain.table) : 'row',
    field,
  };
}

/**
 * Drizzle: `db.select().from(users).where(eq(users.id, id))` and the relational `db.query.users.findFirst({ where:
 * eq(users.id, id) })`, batched with `inArray(users.id, ids)`.
 */
export const drizzle: DataAdapter = {
  library: 'drizzle',
  target: 'the database',
  entries: [factory('drizzle-orm.drizzle', DRIVERS, ['drizzle'], 'drizzle', DRIZZLE_DB)],
  settingShapes: [DRIZZLE_DB],
  typeShapes: {
    'drizzle-orm/node-postgres': { NodePgDatabase: 'drizzle-db' },
    'drizzle-orm/postgres-js': { PostgresJsDatabase: 'drizzle-db' },
    'drizzle-orm/mysql2': { MySql2Database: 'drizzle-db' },
    'drizzle-orm/better-sqlite3': { BetterSQLite3Database: 'drizzle-db' },
    'drizzle-orm/libsql': { LibSQLDatabase: 'drizzle-db' },
  },
  lookupKey: ({ call, isExport }) => {
    const props = objectProperties(call.arguments[0]);
    const where = props?.get('where');
    const key = where ? eqKey(where.value, isExport) : undefined;
    return key && props ? { ...key, plain: props.size === 1 && call.arguments.length === 1 } : undefined;
  },
  readChain: ({ root, calls, isExport }) => {
    const from = calls[0]?.name === 'from' ? calls[0].call.arguments[0] : undefined;
    const table = from?.type === AST_NODE_TYPES.Identifier ? from.name : null;
    const where = calls[1]?.name === 'where' ? calls[1].call : undefined;
    const key = where?.arguments.length === 1 ? eqKey(where.arguments[0], isExport) : undefined;
    const plain = root.arguments.length === 0 && calls.length === 2;
    return { kind: 'read-many', table, ...(key ? { key: { ...key, plain } } : {}) };
  },
  batch: (site) => {
    const field = site.key.field;
    const column = site.key.column;
    if (field === null || column === undefined) return 'the lookup is not by `eq(column, key)`';
    if (site.chain) return selectBatch(site, column, field);
    return {
      batch: (keys) => `${site.receiver}.findMany({ where: inArray(${column}, ${keys}) })`,
      rowKey: (row) => `String(${fieldAccess(row, field)})`,
      itemKey: (k) => `String(${k})`,
      missing: 'undefined',
      unique: false,
      grouped: false,
      needsImport: { module: 'drizzle-orm', name: 'inArray' },
      base: site.model ? camel(site.model) : 'row',
      field,
    };
  },
};
