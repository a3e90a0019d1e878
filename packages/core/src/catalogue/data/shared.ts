import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { skipTsWrappers, staticPropertyName, staticString } from '../../ast.js';
import type {
  BatchPlan,
  BatchSite,
  DataAccessEntry,
  DataAccessLibrary,
  DataAccessOperation,
  LookupInput,
  LookupKey,
  ValueShape,
} from './types.js';

// Helpers the adapters share: operations, catalogue entries, reading keys from call arguments, and writing batches.

export const QUERY: DataAccessOperation = { kind: 'query' };
export const READ_ONE: DataAccessOperation = { kind: 'read-one' };
export const READ_MANY: DataAccessOperation = { kind: 'read-many' };
export const COUNT: DataAccessOperation = { kind: 'count' };
export const GET: DataAccessOperation = { kind: 'get' };
export const REQUEST: DataAccessOperation = { kind: 'request', needsItemArgument: true };
/** A call that starts a query builder chain (`knex('users')`, `db.select()`, `User.query()`). */
export const CHAIN: DataAccessOperation = { kind: 'query', chain: true };

/** A shape that refers to itself or to shapes defined after it: fills in its members once they exist. */
export function complete(shape: ValueShape, members: Partial<ValueShape>): void {
  Object.assign(shape, members);
}

function entry(
  usage: DataAccessEntry['usage'],
  id: string,
  modules: readonly string[],
  path: readonly string[],
  library: DataAccessLibrary,
  members: Pick<DataAccessEntry, 'creates' | 'operation' | 'subclassShape'>,
): DataAccessEntry {
  return { id, modules, path, usage, category: 'n-plus-one', tags: ['data-access', library], library, ...members };
}

/** What the entry makers below take: where the API is, its library, and the one thing the entry says of it. */
type EntryArguments<T> = [
  id: string,
  modules: readonly string[],
  path: readonly string[],
  library: DataAccessLibrary,
  value: T,
];

/** `new Pool()`: a constructor whose instance has `creates`. */
export function construct(...[id, modules, path, library, creates]: EntryArguments<ValueShape>): DataAccessEntry {
  return entry('construct', id, modules, path, library, { creates });
}

/** `mysql.createPool()`: a function whose result has `creates`. */
export function factory(...[id, modules, path, library, creates]: EntryArguments<ValueShape>): DataAccessEntry {
  return entry('call', id, modules, path, library, { creates });
}

/** An export that is a value of a shape itself (`R` of redbean-node). */
export function exported(...[id, modules, path, library, creates]: EntryArguments<ValueShape>): DataAccessEntry {
  return entry('read', id, modules, path, library, { creates });
}

/** A base class whose subclasses' static methods have `shape` (`class User extends Model`). */
export function baseClass(...[id, modules, path, library, shape]: EntryArguments<ValueShape>): DataAccessEntry {
  return entry('read', id, modules, path, library, { subclassShape: shape });
}

/** A function that is a data-access call itself (`fetch(url)`). */
export function operationEntry(
  ...[id, modules, path, library, operation]: EntryArguments<DataAccessOperation>
): DataAccessEntry {
  return entry('call', id, modules, path, library, { operation });
}

// ---- Reading keys ------------------------------------------------------------------------------------------------

function isObjectExpression(node: TSESTree.Node | undefined): node is TSESTree.ObjectExpression {
  return node?.type === AST_NODE_TYPES.ObjectExpression;
}

/** The properties of an object literal by static name; `null` when one is spread, computed or a method. */
export function objectProperties(node: TSESTree.Node | undefined): Map<string, TSESTree.Property> | null {
  if (!node) return null;
  const object = skipTsWrappers(node);
  if (!isObjectExpression(object)) return null;
  const result = new Map<string, TSESTree.Property>();
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init') return null;
    const name = staticPropertyName(property);
    if (name === null) return null;
    result.set(name, property);
  }
  return result;
}

/** A `{ field: value }` object with exactly one plain (non-operator) condition. */
export function singleCondition(node: TSESTree.Node | undefined): { field: string; value: TSESTree.Node } | null {
  const props = objectProperties(node);
  if (props?.size !== 1) return null;
  const [[field, property]] = [...props] as [[string, TSESTree.Property]];
  if (property.value.type === AST_NODE_TYPES.AssignmentPattern) return null;
  const value = skipTsWrappers(property.value);
  if (
    field.startsWith('$') ||
    value.type === AST_NODE_TYPES.ObjectExpression ||
    value.type === AST_NODE_TYPES.ArrayExpression
  ) {
    return null;
  }
  return { field, value: property.value };
}

/** `{ field: value }` as the whole argument: the key, plain when it is the call's only argument from `index` on. */
export function conditionKey(call: TSESTree.CallExpression, index = 0): LookupKey | undefined {
  const condition = singleCondition(call.arguments[index]);
  return condition ? { ...condition, plain: call.arguments.length === index + 1 } : undefined;
}

/** `{ where: { id: x }, ...rest }`: the key, and whether `where` is the only option. */
export function whereKey(arg: TSESTree.Node | undefined): LookupKey | undefined {
  const props = objectProperties(arg);
  const where = props?.get('where');
  if (!props || !where) return undefined;
  const condition = singleCondition(where.value);
  return condition ? { ...condition, plain: props.size === 1 } : undefined;
}

/** `find(key)` with the key as the only argument, selecting by primary key (`field`, or `null` when unnamed). */
export function soleArgumentKey(call: TSESTree.CallExpression, field: string | null, index = 0): LookupKey | undefined {
  const value = call.arguments.at(index);
  if (!value || call.arguments.length !== index + 1 || value.type === AST_NODE_TYPES.SpreadElement) return undefined;
  return { field, value, plain: true };
}

// ---- SQL ---------------------------------------------------------------------------------------------------------

/** `... WHERE [table.]column = $1` or `= ?`, optionally `LIMIT 1`, at the end of the statement. */
export const SQL_KEY =
  /\bwhere\s+(?:"?[A-Za-z_]\w*"?\.)?"?([A-Za-z_]\w*)"?\s*=\s*(?:\$1|\?)(?:\s+limit\s+1)?\s*;?\s*$/iu;

/** The statement of a SQL call: a string literal, or the `text`/`sql` of a query config object. */
export function sqlText(node: TSESTree.Node | undefined): string | null {
  if (!node) return null;
  const value = staticString(skipTsWrappers(node));
  if (value !== null) return value;
  const props = objectProperties(node);
  const text = props?.get('text') ?? props?.get('sql');
  return text ? staticString(text.value) : null;
}

function sqlValues(call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const first = call.arguments.at(0);
  const props = first && isObjectExpression(skipTsWrappers(first)) ? objectProperties(first) : null;
  return props ? props.get('values')?.value : call.arguments[1];
}

/** The key of `query('... WHERE id = $1', [key])`: the one value of the values array. */
export function sqlLookupKey({ call, sql }: LookupInput): LookupKey | undefined {
  const values = sqlValues(call);
  const array = values ? skipTsWrappers(values) : undefined;
  if (!sql?.keyColumn || array?.type !== AST_NODE_TYPES.ArrayExpression || array.elements.length !== 1)
    return undefined;
  const [element] = array.elements;
  if (!element || element.type === AST_NODE_TYPES.SpreadElement) return undefined;
  return { field: sql.keyColumn, value: element, plain: true };
}

const SQL_SELECT = /^\s*select\s+([\s\S]+?)\s+from\s+["`]?([A-Za-z_]\w*)["`]?/iu;

/**
 * The batch of a SQL lookup (`SELECT ... FROM t WHERE col = $1`): the same statement with the condition on a list of
 * keys, each item getting the rows of its key. Shared by the SQL drivers, which differ in placeholder and result.
 */
export function sqlBatch(
  site: BatchSite,
  dialect: { placeholder: string; identifierQuote: string; result: 'pg' | 'mysql2'; condition: (p: string) => string },
): BatchPlan | string {
  const sql = site.sql?.text;
  const column = site.sql?.keyColumn;
  if (!sql || !column || site.key.field === null)
    return `the SQL text is not a literal \`... WHERE column = ${dialect.placeholder}\``;
  if (/\blimit\b|\border\s+by\b|\bgroup\s+by\b|\bjoin\b/iu.test(sql))
    return 'the SQL has LIMIT, ORDER BY, GROUP BY or JOIN';
  const select = SQL_SELECT.exec(sql);
  const columns = select?.[1]?.split(',').map((c) => c.trim().replaceAll(dialect.identifierQuote, '')) ?? [];
  if (!select || !(columns.includes('*') || columns.includes(column)))
    return `the query does not select \`${column}\`, so rows cannot be matched to keys`;
  return {
    batch: (keys) => `${site.receiver}.query(__SQL__, [${keys}])`,
    rowKey: (row) => `String(${fieldAccess(row, column)})`,
    itemKey: (k) => `String(${k})`,
    missing: 'undefined',
    unique: false,
    grouped: true,
    result: dialect.result,
    sqlCondition: dialect.condition,
    base: camel(select.at(2) ?? 'row'),
    field: column,
  };
}

// ---- Writing batches ---------------------------------------------------------------------------------------------

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u;

export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A camel-case name from any text (`user_roles` → `userRoles`), for generated variables. */
export function camel(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/u).filter(Boolean);
  const [first = 'batch', ...rest] = words;
  const result = first.charAt(0).toLowerCase() + first.slice(1) + rest.map(capitalise).join('');
  return /^[A-Za-z_$]/u.test(result) ? result : `batch${capitalise(result)}`;
}

/** `row.name`, or `row["odd name"]`. */
export function fieldAccess(row: string, name: string): string {
  return IDENTIFIER.test(name) ? `${row}.${name}` : `${row}[${JSON.stringify(name)}]`;
}

/** `name` as an object key: bare when it is an identifier. */
export function fieldKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A base name for generated variables from a receiver's text (`User` → `user`), or `fallback`. */
export function baseName(receiver: string, fallback: string): string {
  return IDENTIFIER.test(receiver) ? camel(receiver) : fallback;
}

/** The base name for a one-to-many read (`posts`): the plural of `base` where the library names rows by model. */
export function pluralFor(site: BatchSite, base: string): string {
  return site.kind === 'read-many' && !base.endsWith('s') ? `${base}s` : base;
}
