import type { ApiEntry } from './types.js';

/** What a client constructor creates. */
export type ClientKind = 'pool' | 'connection' | 'client';

/**
 * A database or cache client, pool or connection constructor. Creating one opens sockets (and TLS and auth
 * handshakes); it belongs at start-up, once per process.
 */
export interface ClientApiEntry extends ApiEntry {
  readonly category: 'pooling';
  /** The library, as users know it (`pg`, `mysql2`, `ioredis`). */
  readonly library: string;
  /** `pool` holds several connections, `connection` is one socket, `client` manages its own connections. */
  readonly kind: ClientKind;
  /** Methods of the instance that open its connections (`connect`, `$connect`). */
  readonly connectMethods: readonly string[];
  /** Methods of the instance that close it (`end`, `quit`, `$disconnect`). */
  readonly closeMethods: readonly string[];
  /**
   * Pool limits that a production pool should set explicitly: the options-object property names, or connection-string
   * parameters, and where the options object is among the arguments.
   */
  readonly limits?: {
    readonly optionsArgument: number;
    /** Options that bound the pool size. */
    readonly size: readonly string[];
    /** Options that bound how long a caller waits for a connection and how long idle connections stay open. */
    readonly time: readonly string[];
    /** Whether the first argument may be a connection string that carries the limits as query parameters. */
    readonly urlParameters?: boolean;
  };
}

const PG_LIMITS = {
  optionsArgument: 0,
  size: ['max'],
  time: ['connectionTimeoutMillis', 'idleTimeoutMillis'],
} as const;
const MYSQL_LIMITS = { optionsArgument: 0, size: ['connectionLimit'], time: ['queueLimit'] } as const;
const MONGO_LIMITS = {
  optionsArgument: 1,
  size: ['maxPoolSize'],
  time: ['serverSelectionTimeoutMS'],
  urlParameters: true,
} as const;

function client(
  id: string,
  library: string,
  modules: readonly string[],
  path: readonly string[],
  usage: 'call' | 'construct',
  kind: ClientKind,
  connectMethods: readonly string[],
  closeMethods: readonly string[],
  limits?: ClientApiEntry['limits'],
): ClientApiEntry {
  return {
    id,
    library,
    modules,
    path,
    usage,
    kind,
    category: 'pooling',
    tags: ['client', `client-${kind}`],
    connectMethods,
    closeMethods,
    ...(limits ? { limits } : {}),
  };
}

const MYSQL = ['mysql2', 'mysql2/promise', 'mysql'];

/** Constructors of database and cache clients, pools and connections. */
export const CLIENT_APIS: readonly ClientApiEntry[] = [
  client('pg.Pool', 'pg', ['pg'], ['Pool'], 'construct', 'pool', [], ['end'], PG_LIMITS),
  client('pg.Pool', 'pg', ['pg'], ['native', 'Pool'], 'construct', 'pool', [], ['end'], PG_LIMITS),
  client('pg-pool', 'pg', ['pg-pool'], [], 'construct', 'pool', [], ['end'], PG_LIMITS),
  client('pg.Client', 'pg', ['pg'], ['Client'], 'construct', 'connection', ['connect'], ['end']),
  client('pg.Client', 'pg', ['pg'], ['native', 'Client'], 'construct', 'connection', ['connect'], ['end']),
  client(
    'mysql2.createConnection',
    'mysql2',
    MYSQL,
    ['createConnection'],
    'call',
    'connection',
    ['connect'],
    ['end', 'destroy'],
  ),
  client('mysql2.createPool', 'mysql2', MYSQL, ['createPool'], 'call', 'pool', [], ['end'], MYSQL_LIMITS),
  client('mysql2.createPoolCluster', 'mysql2', MYSQL, ['createPoolCluster'], 'call', 'pool', [], ['end']),
  client('ioredis', 'ioredis', ['ioredis'], [], 'construct', 'connection', ['connect'], ['quit', 'disconnect']),
  client(
    'ioredis.Redis',
    'ioredis',
    ['ioredis'],
    ['Redis'],
    'construct',
    'connection',
    ['connect'],
    ['quit', 'disconnect'],
  ),
  client(
    'ioredis.Cluster',
    'ioredis',
    ['ioredis'],
    ['Cluster'],
    'construct',
    'client',
    ['connect'],
    ['quit', 'disconnect'],
  ),
  client(
    'redis.createClient',
    'redis',
    ['redis', '@redis/client'],
    ['createClient'],
    'call',
    'connection',
    ['connect'],
    ['quit', 'disconnect', 'close', 'destroy'],
  ),
  client(
    'redis.createCluster',
    'redis',
    ['redis', '@redis/client'],
    ['createCluster'],
    'call',
    'client',
    ['connect'],
    ['quit', 'disconnect', 'close', 'destroy'],
  ),
  client(
    '@prisma/client.PrismaClient',
    'Prisma',
    ['@prisma/client'],
    ['PrismaClient'],
    'construct',
    'client',
    ['$connect'],
    ['$disconnect'],
  ),
  client('mongoose.connect', 'mongoose', ['mongoose'], ['connect'], 'call', 'client', [], ['disconnect'], MONGO_LIMITS),
  client(
    'mongoose.createConnection',
    'mongoose',
    ['mongoose'],
    ['createConnection'],
    'call',
    'client',
    ['asPromise'],
    ['close', 'destroy'],
    MONGO_LIMITS,
  ),
  client(
    'mongodb.MongoClient',
    'mongodb',
    ['mongodb'],
    ['MongoClient'],
    'construct',
    'client',
    ['connect'],
    ['close'],
    MONGO_LIMITS,
  ),
  client(
    'mongodb.MongoClient.connect',
    'mongodb',
    ['mongodb'],
    ['MongoClient', 'connect'],
    'call',
    'client',
    [],
    ['close'],
    MONGO_LIMITS,
  ),
  client('knex', 'knex', ['knex'], [], 'call', 'pool', [], ['destroy']),
  client('knex', 'knex', ['knex'], ['knex'], 'call', 'pool', [], ['destroy']),
  client(
    'sequelize.Sequelize',
    'Sequelize',
    ['sequelize'],
    ['Sequelize'],
    'construct',
    'pool',
    ['authenticate'],
    ['close'],
  ),
  client('sequelize.Sequelize', 'Sequelize', ['sequelize'], [], 'construct', 'pool', ['authenticate'], ['close']),
];

/** Constructors of objects whose methods check a client out of a pool: pg pools, mysql2 pools, TypeORM data sources. */
export interface PoolOwnerEntry extends ApiEntry {
  readonly library: string;
  /** The method that checks a client out (`connect`, `getConnection`, `createQueryRunner`). */
  readonly checkout: string;
  /** Methods of the checked-out client that give it back. */
  readonly release: readonly string[];
}

function owner(
  id: string,
  library: string,
  modules: readonly string[],
  path: readonly string[],
  usage: 'call' | 'construct',
  checkout: string,
  release: readonly string[],
): PoolOwnerEntry {
  return { id, library, modules, path, usage, category: 'pooling', tags: ['pool-owner'], checkout, release };
}

export const POOL_OWNER_APIS: readonly PoolOwnerEntry[] = [
  owner('pg.Pool', 'pg', ['pg'], ['Pool'], 'construct', 'connect', ['release']),
  owner('pg.Pool', 'pg', ['pg'], ['native', 'Pool'], 'construct', 'connect', ['release']),
  owner('pg-pool', 'pg', ['pg-pool'], [], 'construct', 'connect', ['release']),
  owner('mysql2.createPool', 'mysql2', MYSQL, ['createPool'], 'call', 'getConnection', ['release', 'destroy']),
  owner('typeorm.DataSource', 'TypeORM', ['typeorm'], ['DataSource'], 'construct', 'createQueryRunner', ['release']),
];

/**
 * Checkout methods that, on any receiver, are recognised as pool checkouts when the checked-out value is later given
 * back with one of `release` (the receiver may be a pool imported from another module).
 */
export const POOL_CHECKOUT_METHODS: Readonly<Record<string, readonly string[]>> = {
  connect: ['release'],
  getConnection: ['release', 'destroy'],
  createQueryRunner: ['release'],
};
