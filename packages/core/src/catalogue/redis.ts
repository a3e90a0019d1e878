import type { ApiEntry } from './types.js';

/** The two Redis client libraries the catalogue knows: `ioredis` and node-redis (`redis`, `@redis/client`). */
export type RedisClientKind = 'ioredis' | 'node-redis';

/** A construction of a Redis client (or cluster client). */
export interface RedisClientEntry extends ApiEntry {
  readonly client: RedisClientKind;
  /** Whether the construction makes a cluster client. */
  readonly cluster: boolean;
  /**
   * Methods that return the same client, so that `createClient().on('error', log).connect()` is still the client:
   * event registration returns the emitter, and node-redis' `connect()` resolves to the client.
   */
  readonly chainMethods: readonly string[];
}

const IOREDIS_CHAIN = ['on', 'once'];
const NODE_REDIS_CHAIN = ['on', 'once', 'connect'];

function ioredis(id: string, path: string[], cluster: boolean): RedisClientEntry {
  return {
    id,
    modules: ['ioredis'],
    path,
    usage: 'construct',
    category: 'caching',
    tags: ['redis-client'],
    client: 'ioredis',
    cluster,
    chainMethods: IOREDIS_CHAIN,
  };
}

function nodeRedis(name: 'createClient' | 'createCluster'): RedisClientEntry {
  return {
    id: `redis.${name}`,
    modules: ['redis', '@redis/client'],
    path: [name],
    usage: 'call',
    category: 'caching',
    tags: ['redis-client'],
    client: 'node-redis',
    cluster: name === 'createCluster',
    chainMethods: NODE_REDIS_CHAIN,
  };
}

/** Constructions of Redis clients: `new Redis()`, `new Redis.Cluster()`, `createClient()`, `createCluster()`. */
export const REDIS_CLIENTS: readonly RedisClientEntry[] = [
  // `require('ioredis')` and `import Redis from 'ioredis'` are the client class itself.
  ioredis('ioredis.Redis', [], false),
  ioredis('ioredis.Redis', ['Redis'], false),
  ioredis('ioredis.Redis', ['default'], false),
  ioredis('ioredis.Cluster', ['Cluster'], true),
  nodeRedis('createClient'),
  nodeRedis('createCluster'),
];

/**
 * What a client method does, for the rules:
 * - `keys`: the O(N) `KEYS pattern` command;
 * - `set`: `SET`, whose expiry is an option (`EX`, `PX`, `EXAT`, `PXAT`, `KEEPTTL`);
 * - `set-with-ttl`: `SETEX` and `PSETEX`, which always expire;
 * - `hset`, `mset`: writes that cannot carry an expiry (`HSET`, `HMSET`, `MSET`, `MSETNX`);
 * - `expire`: `EXPIRE`, `PEXPIRE`, `EXPIREAT`, `PEXPIREAT`;
 * - `scan`: the incremental replacements of `KEYS` (`scanStream`, `scanIterator`).
 */
export type RedisMethodRole = 'keys' | 'set' | 'set-with-ttl' | 'hset' | 'mset' | 'expire' | 'scan';

export interface RedisMethod {
  /** The method name as called on the client. */
  readonly name: string;
  /** The Redis command it sends, for messages. */
  readonly command: string;
  readonly role: RedisMethodRole;
  readonly clients: readonly RedisClientKind[];
}

const BOTH: readonly RedisClientKind[] = ['ioredis', 'node-redis'];
const IOREDIS: readonly RedisClientKind[] = ['ioredis'];
const NODE_REDIS: readonly RedisClientKind[] = ['node-redis'];

function methods(
  role: RedisMethodRole,
  command: string,
  names: ReadonlyArray<readonly [string, readonly RedisClientKind[]]>,
): RedisMethod[] {
  return names.map(([name, clients]) => ({ name, command, role, clients }));
}

/**
 * Client methods the rules look at. ioredis names methods after commands in lower case; node-redis v4+ offers the
 * command in upper case and in camel case (`SETEX`, `setEx`).
 */
export const REDIS_METHODS: readonly RedisMethod[] = [
  ...methods('keys', 'KEYS', [
    ['keys', BOTH],
    ['keysBuffer', IOREDIS],
    ['KEYS', NODE_REDIS],
  ]),
  ...methods('set', 'SET', [
    ['set', BOTH],
    ['SET', NODE_REDIS],
  ]),
  ...methods('set-with-ttl', 'SETEX', [
    ['setex', IOREDIS],
    ['setEx', NODE_REDIS],
    ['SETEX', NODE_REDIS],
  ]),
  ...methods('set-with-ttl', 'PSETEX', [
    ['psetex', IOREDIS],
    ['pSetEx', NODE_REDIS],
    ['PSETEX', NODE_REDIS],
  ]),
  ...methods('hset', 'HSET', [
    ['hset', IOREDIS],
    ['hSet', NODE_REDIS],
    ['HSET', NODE_REDIS],
  ]),
  ...methods('hset', 'HMSET', [
    ['hmset', IOREDIS],
    ['hmSet', NODE_REDIS],
    ['HMSET', NODE_REDIS],
  ]),
  ...methods('mset', 'MSET', [
    ['mset', IOREDIS],
    ['mSet', NODE_REDIS],
    ['MSET', NODE_REDIS],
  ]),
  ...methods('mset', 'MSETNX', [
    ['msetnx', IOREDIS],
    ['mSetNX', NODE_REDIS],
    ['MSETNX', NODE_REDIS],
  ]),
  ...methods('expire', 'EXPIRE', [
    ['expire', BOTH],
    ['EXPIRE', NODE_REDIS],
  ]),
  ...methods('expire', 'PEXPIRE', [
    ['pexpire', IOREDIS],
    ['pExpire', NODE_REDIS],
    ['PEXPIRE', NODE_REDIS],
  ]),
  ...methods('expire', 'EXPIREAT', [
    ['expireat', IOREDIS],
    ['expireAt', NODE_REDIS],
    ['EXPIREAT', NODE_REDIS],
  ]),
  ...methods('expire', 'PEXPIREAT', [
    ['pexpireat', IOREDIS],
    ['pExpireAt', NODE_REDIS],
    ['PEXPIREAT', NODE_REDIS],
  ]),
  ...methods('scan', 'SCAN', [
    ['scanStream', IOREDIS],
    ['scanIterator', NODE_REDIS],
  ]),
];

/** Options of `SET` that give the key an expiry or keep the one it has. */
export const REDIS_SET_EXPIRY_OPTIONS: ReadonlySet<string> = new Set(['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL']);
