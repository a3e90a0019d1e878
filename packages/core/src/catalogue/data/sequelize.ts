import {
  baseClass,
  baseName,
  construct,
  COUNT,
  fieldAccess,
  fieldKey,
  pluralFor,
  QUERY,
  READ_MANY,
  READ_ONE,
  soleArgumentKey,
  whereKey,
} from './shared.js';
import type { DataAdapter, ValueShape } from './types.js';

export const SEQUELIZE_MODEL: ValueShape = {
  name: 'sequelize-model',
  methods: { findByPk: READ_ONE, findOne: READ_ONE, findAll: READ_MANY, count: COUNT },
};
const SEQUELIZE_INSTANCE: ValueShape = {
  name: 'sequelize',
  methods: { query: QUERY },
  returns: { define: SEQUELIZE_MODEL },
};

/**
 * Sequelize: `User.findByPk(id)`, `User.findOne({ where: { email } })`, batched with `findAll({ where: { id: ids } })`.
 */
export const sequelize: DataAdapter = {
  library: 'sequelize',
  target: 'the database',
  entries: [
    construct('sequelize.Sequelize', ['sequelize'], ['Sequelize'], 'sequelize', SEQUELIZE_INSTANCE),
    baseClass('sequelize.Model', ['sequelize'], ['Model'], 'sequelize', SEQUELIZE_MODEL),
  ],
  settingShapes: [SEQUELIZE_MODEL],
  typeShapes: { sequelize: { Sequelize: 'sequelize' } },
  lookupKey: ({ operation, call }) => {
    if (operation === 'findByPk') return soleArgumentKey(call, null);
    return operation === 'findOne' || operation === 'findAll' ? whereKey(call.arguments[0]) : undefined;
  },
  batch: (site) => {
    const { receiver } = site;
    const field = site.key.field;
    const where = field === null ? `[${receiver}.primaryKeyAttribute]` : fieldKey(field);
    return {
      batch: (keys) => `${receiver}.findAll({ where: { ${where}: ${keys} } })`,
      rowKey: (row) =>
        field === null ? `String(${row}.get(${receiver}.primaryKeyAttribute))` : `String(${fieldAccess(row, field)})`,
      itemKey: (k) => `String(${k})`,
      missing: 'null',
      unique: field === null,
      grouped: false,
      base: pluralFor(site, baseName(receiver, 'row')),
      field: field ?? 'id',
    };
  },
};
