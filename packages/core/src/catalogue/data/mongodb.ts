import { complete, construct, COUNT, factory, READ_MANY, READ_ONE } from './shared.js';
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
  batchAdvice: 'one `find({ _id: { $in: ids } })`',
  entries: [
    construct('mongodb.MongoClient', ['mongodb'], ['MongoClient'], 'mongodb', MONGODB_CLIENT),
    factory('mongodb.MongoClient.connect', ['mongodb'], ['MongoClient', 'connect'], 'mongodb', MONGODB_CLIENT),
  ],
  settingShapes: [MONGODB_CLIENT, MONGODB_DB, MONGODB_COLLECTION],
  typeShapes: { mongodb: { MongoClient: 'mongodb-client', Db: 'mongodb-db', Collection: 'mongodb-collection' } },
};
