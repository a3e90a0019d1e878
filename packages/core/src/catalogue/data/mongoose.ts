import {
  baseName,
  conditionKey,
  COUNT,
  factory,
  fieldAccess,
  fieldKey,
  pluralFor,
  READ_MANY,
  READ_ONE,
  soleArgumentKey,
} from './shared.js';
import type { DataAdapter, ValueShape } from './types.js';

export const MONGOOSE_MODEL: ValueShape = {
  name: 'mongoose-model',
  methods: { findById: READ_ONE, findOne: READ_ONE, find: READ_MANY, countDocuments: COUNT },
};

/** Mongoose: `User.findById(id)`, `User.findOne({ email })`, batched with `find({ _id: { $in: ids } })`. */
export const mongoose: DataAdapter = {
  library: 'mongoose',
  target: 'MongoDB',
  entries: [
    factory('mongoose.model', ['mongoose'], ['model'], 'mongoose', MONGOOSE_MODEL),
    factory('mongoose.connection.model', ['mongoose'], ['connection', 'model'], 'mongoose', MONGOOSE_MODEL),
  ],
  settingShapes: [MONGOOSE_MODEL],
  typeShapes: { mongoose: { Model: 'mongoose-model' } },
  lookupKey: ({ operation, call }) => {
    if (operation === 'findById') return soleArgumentKey(call, '_id');
    return operation === 'findOne' || operation === 'find' ? conditionKey(call) : undefined;
  },
  batch: (site) => {
    const field = site.key.field;
    if (field === null) return 'the lookup key is not known';
    return {
      batch: (keys) => `${site.receiver}.find({ ${fieldKey(field)}: { $in: ${keys} } })`,
      rowKey: (row) => `String(${fieldAccess(row, field)})`,
      itemKey: (k) => `String(${k})`,
      missing: 'null',
      unique: site.operation === 'findById',
      grouped: false,
      base: pluralFor(site, baseName(site.receiver, 'doc')),
      field: field === '_id' ? 'id' : field,
    };
  },
};
