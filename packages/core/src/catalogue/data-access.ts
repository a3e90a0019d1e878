import type { ApiEntry } from './types.js';

/** The database, cache and HTTP client libraries whose calls the data-access detector follows. */
export type DataAccessLibrary =
  | 'pg'
  | 'mysql2'
  | 'prisma'
  | 'mongoose'
  | 'mongodb'
  | 'redbean'
  | 'sequelize'
  | 'typeorm'
  | 'knex'
  | 'redis'
  | 'http'
  | 'project';

/**
 * What one data-access call does. `read-one` looks up one row by a key (the calls the codemod batches), `read-many`
 * and `count` read sets, `query` runs raw SQL, `get` reads one cache key, `request` is an outbound HTTP request.
 */
export type DataAccessKind = 'read-one' | 'read-many' | 'count' | 'query' | 'get' | 'request';

export interface DataAccessOperation {
  readonly kind: DataAccessKind;
  /** HTTP clients: only a call whose arguments come from the loop item is per-item access. */
  readonly needsItemArgument?: boolean;
}

/**
 * What a value of a library is and how data-access calls are reached from it: the client returned by `new Pool()`,
 * the model returned by `mongoose.model()`, a Prisma client whose every property is a model delegate, ...
 */
export interface ValueShape {
  /** Name of the shape, for messages and settings (`pg-pool`, `prisma-client`, `mongoose-model`, ...). */
  readonly name: string;
  /** Methods of the value that access data. */
  readonly methods?: Readonly<Record<string, DataAccessOperation>>;
  /** Methods whose (possibly awaited) result is another shape: `pool.connect()`, `sequelize.define()`. */
  readonly returns?: Readonly<Record<string, ValueShape>>;
  /** Properties that hold another shape: `dataSource.manager`, `prisma.user`. */
  readonly properties?: Readonly<Record<string, ValueShape>>;
  /** Every other static property holds this shape (Prisma model delegates). */
  readonly anyProperty?: ValueShape;
  /**
   * Methods that call back with another shape as the callback's first parameter: transactions
   * (`dataSource.transaction(async (manager) => ...)`, `prisma.$transaction(async (tx) => ...)`,
   * `knex.transaction(async (trx) => ...)`).
   */
  readonly callbacks?: Readonly<Record<string, ValueShape>>;
  /** Calling the value itself accesses data (Knex query builders, `axios(config)`, `fetch(url)`). */
  readonly callable?: DataAccessOperation;
  /** The library of the calls reached from this value, when it differs from the one it was reached from. */
  readonly library?: DataAccessLibrary;
}

export interface DataAccessEntry extends ApiEntry {
  readonly library: DataAccessLibrary;
  /**
   * For `call`/`construct` entries that create a client (`new Pool()`), the shape of the created value; for entries
   * that are a data-access call themselves (`fetch(url)`), `operation`.
   */
  readonly creates?: ValueShape;
  readonly operation?: DataAccessOperation;
  /** For `read` entries: a base class whose subclasses' static methods have this shape (Sequelize `Model`). */
  readonly subclassShape?: ValueShape;
}

const QUERY: DataAccessOperation = { kind: 'query' };
const READ_ONE: DataAccessOperation = { kind: 'read-one' };
const READ_MANY: DataAccessOperation = { kind: 'read-many' };
const COUNT: DataAccessOperation = { kind: 'count' };
const REQUEST: DataAccessOperation = { kind: 'request', needsItemArgument: true };

// ---- SQL drivers --------------------------------------------------------------------------------------------------

const PG_CLIENT: ValueShape = { name: 'pg-client', methods: { query: QUERY } };
const PG_POOL: ValueShape = { name: 'pg-pool', methods: { query: QUERY }, returns: { connect: PG_CLIENT } };

const MYSQL_CONNECTION: ValueShape = { name: 'mysql2-connection', methods: { query: QUERY, execute: QUERY } };
const MYSQL_POOL: ValueShape = {
  name: 'mysql2-pool',
  methods: { query: QUERY, execute: QUERY },
  returns: {
    getConnection: MYSQL_CONNECTION,
    promise: { name: 'mysql2-pool', methods: { query: QUERY, execute: QUERY } },
  },
};

// ---- ORMs ---------------------------------------------------------------------------------------------------------

const PRISMA_DELEGATE: ValueShape = {
  name: 'prisma-model',
  methods: {
    findUnique: READ_ONE,
    findUniqueOrThrow: READ_ONE,
    findFirst: READ_ONE,
    findFirstOrThrow: READ_ONE,
    findMany: READ_MANY,
    count: COUNT,
  },
};
const PRISMA_CLIENT: ValueShape = {
  name: 'prisma-client',
  methods: { $queryRaw: QUERY, $queryRawUnsafe: QUERY },
  anyProperty: PRISMA_DELEGATE,
};
// An interactive transaction's client is the same shape: `prisma.$transaction(async (tx) => tx.user.findUnique(...))`.
(PRISMA_CLIENT as { callbacks?: Record<string, ValueShape> }).callbacks = { $transaction: PRISMA_CLIENT };

export const MONGOOSE_MODEL: ValueShape = {
  name: 'mongoose-model',
  methods: { findById: READ_ONE, findOne: READ_ONE, find: READ_MANY, countDocuments: COUNT },
};

export const SEQUELIZE_MODEL: ValueShape = {
  name: 'sequelize-model',
  methods: { findByPk: READ_ONE, findOne: READ_ONE, findAll: READ_MANY, count: COUNT },
};
const SEQUELIZE_INSTANCE: ValueShape = {
  name: 'sequelize',
  methods: { query: QUERY },
  returns: { define: SEQUELIZE_MODEL },
};

export const TYPEORM_REPOSITORY: ValueShape = {
  name: 'typeorm-repository',
  methods: { findOneBy: READ_ONE, findOne: READ_ONE, findBy: READ_MANY, find: READ_MANY, count: COUNT, countBy: COUNT },
};
/** An entity class that extends TypeORM's `BaseEntity`: the repository's reads are its static methods. */
export const TYPEORM_ENTITY: ValueShape = { ...TYPEORM_REPOSITORY, name: 'typeorm-entity' };
/** A TypeORM query builder: its builder methods return it, its `get*` methods run the query. */
const TYPEORM_QUERY_BUILDER: ValueShape = {
  name: 'typeorm-query-builder',
  methods: {
    getOne: READ_ONE,
    getOneOrFail: READ_ONE,
    getMany: READ_MANY,
    getManyAndCount: READ_MANY,
    getRawOne: READ_ONE,
    getRawMany: READ_MANY,
    getCount: COUNT,
    getExists: COUNT,
  },
};
const BUILDER_METHODS = [
  'select',
  'addSelect',
  'where',
  'andWhere',
  'orWhere',
  'whereInIds',
  'leftJoin',
  'leftJoinAndSelect',
  'innerJoin',
  'innerJoinAndSelect',
  'orderBy',
  'addOrderBy',
  'groupBy',
  'skip',
  'take',
  'limit',
  'offset',
  'setParameter',
  'setParameters',
];
(TYPEORM_QUERY_BUILDER as { returns?: Record<string, ValueShape> }).returns = Object.fromEntries(
  BUILDER_METHODS.map((method) => [method, TYPEORM_QUERY_BUILDER]),
);
(TYPEORM_REPOSITORY as { returns?: Record<string, ValueShape> }).returns = {
  createQueryBuilder: TYPEORM_QUERY_BUILDER,
};
/** `dataSource.manager` and a query runner's `manager`: the entity class is the first argument of each read. */
const TYPEORM_MANAGER: ValueShape = {
  name: 'typeorm-manager',
  methods: {
    query: QUERY,
    find: READ_MANY,
    findBy: READ_MANY,
    findAndCount: READ_MANY,
    findOne: READ_ONE,
    findOneBy: READ_ONE,
    findOneOrFail: READ_ONE,
    count: COUNT,
    countBy: COUNT,
  },
  returns: { getRepository: TYPEORM_REPOSITORY, createQueryBuilder: TYPEORM_QUERY_BUILDER },
};
(TYPEORM_MANAGER as { callbacks?: Record<string, ValueShape> }).callbacks = { transaction: TYPEORM_MANAGER };
const TYPEORM_QUERY_RUNNER: ValueShape = {
  name: 'typeorm-query-runner',
  methods: { query: QUERY },
  properties: { manager: TYPEORM_MANAGER },
};
const TYPEORM_DATA_SOURCE: ValueShape = {
  name: 'typeorm-data-source',
  methods: { query: QUERY },
  returns: {
    getRepository: TYPEORM_REPOSITORY,
    createQueryRunner: TYPEORM_QUERY_RUNNER,
    createQueryBuilder: TYPEORM_QUERY_BUILDER,
    initialize: { name: 'typeorm-data-source', returns: { getRepository: TYPEORM_REPOSITORY } },
  },
  properties: { manager: TYPEORM_MANAGER },
  callbacks: { transaction: TYPEORM_MANAGER },
};

// ---- RedBeanNode ---------------------------------------------------------------------------------------------------

/** RedBeanNode's `R` facade (`const { R } = require('redbean-node')`): every read is a static method. */
const REDBEAN: ValueShape = {
  name: 'redbean',
  methods: {
    find: READ_MANY,
    findOne: READ_ONE,
    findAll: READ_MANY,
    getAll: READ_MANY,
    getRow: READ_ONE,
    getCol: READ_MANY,
    getCell: READ_ONE,
    load: READ_ONE,
    count: COUNT,
  },
};

// ---- MongoDB driver -----------------------------------------------------------------------------------------------

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
const MONGODB_CLIENT: ValueShape = { name: 'mongodb-client', returns: { db: MONGODB_DB } };
(MONGODB_CLIENT as { returns?: Record<string, ValueShape> }).returns = { db: MONGODB_DB, connect: MONGODB_CLIENT };

// ---- Knex, Redis, HTTP --------------------------------------------------------------------------------------------

const KNEX: ValueShape = { name: 'knex', callable: QUERY, methods: { raw: QUERY } };
// A transaction is a query builder too: `knex.transaction(async (trx) => trx('users').where(...))`.
(KNEX as { callbacks?: Record<string, ValueShape> }).callbacks = { transaction: KNEX };

const REDIS_CLIENT: ValueShape = {
  name: 'redis-client',
  methods: {
    get: { kind: 'get' },
    hget: { kind: 'get' },
    hgetall: { kind: 'get' },
    hGet: { kind: 'get' },
    hGetAll: { kind: 'get' },
  },
};

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'request'] as const;
const HTTP_CLIENT: ValueShape = {
  name: 'http-client',
  callable: REQUEST,
  methods: Object.fromEntries(HTTP_METHODS.map((m) => [m, REQUEST])),
};
const AXIOS: ValueShape = { ...HTTP_CLIENT, name: 'axios', returns: { create: HTTP_CLIENT } };
const GOT: ValueShape = { ...HTTP_CLIENT, name: 'got', returns: { extend: HTTP_CLIENT } };

function construct(
  id: string,
  module: string,
  path: string[],
  library: DataAccessLibrary,
  creates: ValueShape,
): DataAccessEntry {
  return {
    id,
    modules: [module],
    path,
    usage: 'construct',
    category: 'n-plus-one',
    tags: ['data-access', library],
    library,
    creates,
  };
}
function factory(
  id: string,
  modules: string[],
  path: string[],
  library: DataAccessLibrary,
  creates: ValueShape,
): DataAccessEntry {
  return { id, modules, path, usage: 'call', category: 'n-plus-one', tags: ['data-access', library], library, creates };
}
/** A client module that is callable (`axios(config)`), has request methods (`axios.get`) and factories (`axios.create`). */
function httpModuleEntries(module: string, shape: ValueShape): DataAccessEntry[] {
  const base = {
    modules: [module],
    category: 'n-plus-one' as const,
    tags: ['data-access', 'http'],
    library: 'http' as const,
  };
  return [
    { ...base, id: module, path: [], usage: 'call', operation: REQUEST },
    ...Object.keys(shape.methods ?? {}).map((method): DataAccessEntry => ({
      ...base,
      id: `${module}.${method}`,
      path: [method],
      usage: 'call',
      operation: REQUEST,
    })),
    ...Object.entries(shape.returns ?? {}).map(([method, creates]): DataAccessEntry => ({
      ...base,
      id: `${module}.${method}`,
      path: [method],
      usage: 'call',
      creates,
    })),
  ];
}

/**
 * Entry points of the data-access libraries: the constructors and factories whose results the detector follows to
 * their query calls (`new Pool()` → `pool.query()`), and the module objects that are clients themselves (`axios`).
 * Shapes (`ValueShape`) describe what is reachable from each created value.
 */
export const DATA_ACCESS_APIS: readonly DataAccessEntry[] = [
  construct('pg.Pool', 'pg', ['Pool'], 'pg', PG_POOL),
  construct('pg.Client', 'pg', ['Client'], 'pg', PG_CLIENT),
  construct('pg.native.Pool', 'pg', ['native', 'Pool'], 'pg', PG_POOL),
  factory('mysql2.createPool', ['mysql2', 'mysql2/promise'], ['createPool'], 'mysql2', MYSQL_POOL),
  factory('mysql2.createConnection', ['mysql2', 'mysql2/promise'], ['createConnection'], 'mysql2', MYSQL_CONNECTION),
  construct('@prisma/client.PrismaClient', '@prisma/client', ['PrismaClient'], 'prisma', PRISMA_CLIENT),
  factory('mongoose.model', ['mongoose'], ['model'], 'mongoose', MONGOOSE_MODEL),
  factory('mongoose.connection.model', ['mongoose'], ['connection', 'model'], 'mongoose', MONGOOSE_MODEL),
  construct('sequelize.Sequelize', 'sequelize', ['Sequelize'], 'sequelize', SEQUELIZE_INSTANCE),
  {
    id: 'sequelize.Model',
    modules: ['sequelize'],
    path: ['Model'],
    usage: 'read',
    category: 'n-plus-one',
    tags: ['data-access', 'sequelize'],
    library: 'sequelize',
    subclassShape: SEQUELIZE_MODEL,
  },
  {
    id: 'typeorm.BaseEntity',
    modules: ['typeorm'],
    path: ['BaseEntity'],
    usage: 'read',
    category: 'n-plus-one',
    tags: ['data-access', 'typeorm'],
    library: 'typeorm',
    subclassShape: TYPEORM_ENTITY,
  },
  factory('typeorm.getRepository', ['typeorm'], ['getRepository'], 'typeorm', TYPEORM_REPOSITORY),
  construct('typeorm.DataSource', 'typeorm', ['DataSource'], 'typeorm', TYPEORM_DATA_SOURCE),
  construct('mongodb.MongoClient', 'mongodb', ['MongoClient'], 'mongodb', MONGODB_CLIENT),
  {
    id: 'redbean-node.R',
    modules: ['redbean-node'],
    path: ['R'],
    usage: 'read',
    category: 'n-plus-one',
    tags: ['data-access', 'redbean'],
    library: 'redbean',
    creates: REDBEAN,
  },
  factory('mongodb.MongoClient.connect', ['mongodb'], ['MongoClient', 'connect'], 'mongodb', MONGODB_CLIENT),
  factory('knex', ['knex'], [], 'knex', KNEX),
  factory('knex.knex', ['knex'], ['knex'], 'knex', KNEX),
  construct('ioredis', 'ioredis', [], 'redis', REDIS_CLIENT),
  construct('ioredis.Redis', 'ioredis', ['Redis'], 'redis', REDIS_CLIENT),
  factory('redis.createClient', ['redis', '@redis/client'], ['createClient'], 'redis', REDIS_CLIENT),
  ...httpModuleEntries('axios', AXIOS),
  ...httpModuleEntries('got', GOT),
  {
    id: 'node-fetch',
    modules: ['node-fetch'],
    path: [],
    usage: 'call',
    category: 'n-plus-one',
    tags: ['data-access', 'http'],
    library: 'http',
    operation: REQUEST,
  },
  ...(['fetch', 'request'] as const).map((name): DataAccessEntry => ({
    id: `undici.${name}`,
    modules: ['undici'],
    path: [name],
    usage: 'call',
    category: 'n-plus-one',
    tags: ['data-access', 'http'],
    library: 'http',
    operation: REQUEST,
  })),
];

/** Shapes that `settings['backend-perf'].dataAccess` can name for values exported by the project's own modules. */
export const DATA_ACCESS_SHAPES: Readonly<Record<string, { library: DataAccessLibrary; shape: ValueShape }>> = {
  'pg-pool': { library: 'pg', shape: PG_POOL },
  'pg-client': { library: 'pg', shape: PG_CLIENT },
  'mysql2-pool': { library: 'mysql2', shape: MYSQL_POOL },
  'prisma-client': { library: 'prisma', shape: PRISMA_CLIENT },
  'mongoose-model': { library: 'mongoose', shape: MONGOOSE_MODEL },
  'sequelize-model': { library: 'sequelize', shape: SEQUELIZE_MODEL },
  'typeorm-repository': { library: 'typeorm', shape: TYPEORM_REPOSITORY },
  'typeorm-data-source': { library: 'typeorm', shape: TYPEORM_DATA_SOURCE },
  'mongodb-client': { library: 'mongodb', shape: MONGODB_CLIENT },
  'mongodb-db': { library: 'mongodb', shape: MONGODB_DB },
  'mongodb-collection': { library: 'mongodb', shape: MONGODB_COLLECTION },
  knex: { library: 'knex', shape: KNEX },
  'redis-client': { library: 'redis', shape: REDIS_CLIENT },
  'http-client': { library: 'http', shape: HTTP_CLIENT },
};

/**
 * Classes and types of the data libraries whose instances have a shape, by module and export: what a parameter or
 * field typed with one holds (`constructor(@InjectRepository(User) private users: Repository<User>)`, compiled
 * `__metadata("design:paramtypes", [typeorm_1.DataSource])`).
 */
export const PACKAGE_TYPE_SHAPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  typeorm: {
    Repository: 'typeorm-repository',
    EntityManager: 'typeorm-manager',
    DataSource: 'typeorm-data-source',
    Connection: 'typeorm-data-source',
  },
  knex: { Knex: 'knex', knex: 'knex' },
  mongoose: { Model: 'mongoose-model' },
  pg: { Pool: 'pg-pool', Client: 'pg-client', PoolClient: 'pg-client' },
  ioredis: { Redis: 'redis-client', default: 'redis-client', Cluster: 'redis-client' },
  '@prisma/client': { PrismaClient: 'prisma-client' },
  mongodb: { MongoClient: 'mongodb-client', Db: 'mongodb-db', Collection: 'mongodb-collection' },
  sequelize: { Sequelize: 'sequelize' },
};

/**
 * Every shape of the catalogue by name, with its library: what the project graph records for a value exported by one
 * module (`export const prisma = new PrismaClient()`) so that the files importing it see the same shape.
 */
export const SHAPES_BY_NAME: ReadonlyMap<string, { readonly library: DataAccessLibrary; readonly shape: ValueShape }> =
  (() => {
    const byName = new Map<string, { library: DataAccessLibrary; shape: ValueShape }>();
    const visit = (shape: ValueShape, library: DataAccessLibrary): void => {
      if (byName.has(shape.name)) return;
      byName.set(shape.name, { library, shape });
      for (const next of Object.values(shape.returns ?? {})) visit(next, library);
      for (const next of Object.values(shape.properties ?? {})) visit(next, library);
      if (shape.anyProperty) visit(shape.anyProperty, library);
    };
    for (const [name, known] of Object.entries(DATA_ACCESS_SHAPES)) byName.set(name, known);
    for (const entry of DATA_ACCESS_APIS) {
      if (entry.creates) visit(entry.creates, entry.library);
      if (entry.subclassShape) visit(entry.subclassShape, entry.library);
    }
    return byName;
  })();

/** The `dataloader` package's class: calls through its instances (`.load`, `.loadMany`) are batched. */
export const DATALOADER_APIS: readonly ApiEntry[] = [
  {
    id: 'dataloader',
    modules: ['dataloader'],
    path: [],
    usage: 'construct',
    category: 'n-plus-one',
    tags: ['dataloader'],
  },
  {
    id: 'dataloader.default',
    modules: ['dataloader'],
    path: ['default'],
    usage: 'construct',
    category: 'n-plus-one',
    tags: ['dataloader'],
  },
];
