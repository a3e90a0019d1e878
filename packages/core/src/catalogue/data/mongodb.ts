import {
  baseName,
  complete,
  conditionKey,
  construct,
  COUNT,
  factory,
  fieldAccess,
  fieldKey,
  READ_MANY,
  READ_ONE,
} from './shared.js';
import type { DataAdapter, ValueShape } from './types.js';

const MONGODB_COLLECTION: ValueShape = {
  name: 'mongodb-collection',
  methods: {
    findOne: READ_ONE,
    find: READ_MANY,
    countDocuments: COUNT,
    estimatedDocumentCount: COUNT,
    aggregate: READ_MANY,
    distinct: READ_MANY,
  },
};
const MONGODB_DB: ValueShape = { name: 'mongodb-db', returns: { collection: MONGODB_COLLECTION } };
const MONGODB_CLIENT: ValueShape = { name: 'mongodb-client' };
complete(MONGODB_CLIENT, { returns: { db: MONGODB_DB, connect: MONGODB_CLIENT } });

/** The official MongoDB driver: `client.db().collection('users').findOne({ _id })`. */
export const mongodb: DataAdapter = {
  library: 'mongodb',
  target: 'MongoDB',
  entries: [
    construct('mongodb.MongoClient', ['mongodb'], ['MongoClient'], 'mongodb', MONGODB_CLIENT),
    factory('mongodb.MongoClient.connect', ['mongodb'], ['MongoClient', 'connect'], 'mongodb', MONGODB_CLIENT),
  ],
  settingShapes: [MONGODB_CLIENT, MONGODB_DB, MONGODB_COLLECTION],
  typeShapes: { mongodb: { MongoClient: 'mongodb-client', Db: 'mongodb-db', Collection: 'mongodb-collection' } },
  lookupKey: ({ operation, call }) => (operation === 'findOne' ? conditionKey(call) : undefined),
  batch: (site) => {
    const field = site.key.field;
    if (field === null) return 'the lookup key is not known';
    return {
      batch: (keys) => `${site.receiver}.find({ ${fieldKey(field)}: { $in: ${keys} } }).toArray()`,
      rowKey: (row) => `String(${fieldAccess(row, field)})`,
      itemKey: (k) => `String(${k})`,
      missing: 'null',
      unique: field === '_id',
      grouped: false,
      base: baseName(site.receiver, 'doc'),
      field: field === '_id' ? 'id' : field,
    };
  },
};
