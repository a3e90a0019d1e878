import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { skipTsWrappers, staticString } from '../../ast.js';
import { baseClass, camel, CHAIN, fieldAccess, singleCondition } from './shared.js';
import type { ChainInput, ChainReading, DataAdapter, LookupKey, ValueShape } from './types.js';

/** A model class (`class User extends Model`): `User.query()` starts a query builder. */
const OBJECTION_MODEL: ValueShape = { name: 'objection-model', methods: { query: CHAIN } };

/** `where('id', key)`, `where({ id: key })`, `findOne({ id: key })`: the key, table prefix dropped. */
function conditionOf(args: readonly TSESTree.CallExpressionArgument[]): Omit<LookupKey, 'plain'> | undefined {
  const first = args.at(0);
  const second = args.at(1);
  if (args.length === 2 && second && second.type !== AST_NODE_TYPES.SpreadElement) {
    const field = staticString(first);
    return field === null ? undefined : { field: field.replace(/^.*\./u, ''), value: second };
  }
  const condition = args.length === 1 ? singleCondition(first) : null;
  return condition ? { field: condition.field.replace(/^.*\./u, ''), value: condition.value } : undefined;
}

function readObjectionChain({ root, calls }: ChainInput): ChainReading {
  const model = skipTsWrappers(root.callee);
  const object = model.type === AST_NODE_TYPES.MemberExpression ? skipTsWrappers(model.object) : null;
  const table = object?.type === AST_NODE_TYPES.Identifier ? object.name : null;
  const methods = calls.map((c) => c.name).join(',');
  const first = calls.at(0);
  const one = calls.some((c) => ['findById', 'findOne', 'first'].includes(c.name));
  let key: LookupKey | undefined;
  if (first && root.arguments.length === 0) {
    if (methods === 'findById') {
      const value = first.call.arguments.at(0);
      if (value && value.type !== AST_NODE_TYPES.SpreadElement && first.call.arguments.length === 1)
        key = { field: null, value, plain: true };
    } else if (methods === 'findOne' || methods === 'where' || methods === 'where,first') {
      const condition = conditionOf(first.call.arguments);
      if (condition) key = { ...condition, plain: true };
    }
  }
  return { kind: one ? 'read-one' : 'read-many', table, ...(key ? { key } : {}) };
}

/**
 * Objection: `User.query().findById(id)`, `User.query().where('id', id).first()`, `User.query().findOne({ email })`,
 * batched with `findByIds(ids)` or `whereIn(column, keys)`.
 */
export const objection: DataAdapter = {
  library: 'objection',
  target: 'the database',
  entries: [baseClass('objection.Model', ['objection'], ['Model'], 'objection', OBJECTION_MODEL)],
  settingShapes: [OBJECTION_MODEL],
  readChain: readObjectionChain,
  batch: (site) => {
    const { chain } = site;
    const query = chain?.prefixes[0];
    if (!chain || query === undefined) return 'the lookup is not a `Model.query()` chain';
    const base = chain.table ? camel(chain.table) : 'row';
    const field = site.key.field;
    if (field === null) {
      return {
        batch: (keys) => `${query}.findByIds(${keys})`,
        rowKey: (row) => `String(${row}.$id())`,
        itemKey: (k) => `String(${k})`,
        missing: 'undefined',
        unique: true,
        grouped: false,
        base,
        field: 'id',
      };
    }
    return {
      batch: (keys) => `${query}.whereIn(${site.quote(field)}, ${keys})`,
      rowKey: (row) => `String(${fieldAccess(row, field)})`,
      itemKey: (k) => `String(${k})`,
      missing: 'undefined',
      unique: false,
      grouped: false,
      base,
      field,
    };
  },
};
