import { construct, factory, GET } from './shared.js';
import type { DataAdapter, ValueShape } from './types.js';

/**
 * Commands that read one key (a string, hash, set, sorted set or list): one round trip each. ioredis names them in
 * lower case, node-redis 4 and later in camel case.
 */
const READ_COMMANDS = [
  ['get', 'get'],
  ['hget', 'hGet'],
  ['hgetall', 'hGetAll'],
  ['hmget', 'hmGet'],
  ['hkeys', 'hKeys'],
  ['hvals', 'hVals'],
  ['hexists', 'hExists'],
  ['smembers', 'sMembers'],
  ['sismember', 'sIsMember'],
  ['scard', 'sCard'],
  ['zrange', 'zRange'],
  ['zrevrange', 'zRevRange'],
  ['zrangebyscore', 'zRangeByScore'],
  ['zrevrangebyscore', 'zRevRangeByScore'],
  ['zscore', 'zScore'],
  ['zrank', 'zRank'],
  ['zcard', 'zCard'],
  ['lrange', 'lRange'],
  ['llen', 'lLen'],
] as const;

const REDIS_CLIENT: ValueShape = {
  name: 'redis-client',
  methods: Object.fromEntries(READ_COMMANDS.flat().map((command) => [command, GET])),
  transactions: true,
};

/** ioredis (clients and `Cluster`) and node-redis 4/5 (`createClient`, `createCluster`): per-key reads. */
export const redis: DataAdapter = {
  library: 'redis',
  target: 'Redis',
  entries: [
    construct('ioredis', ['ioredis'], [], 'redis', REDIS_CLIENT),
    construct('ioredis.Redis', ['ioredis'], ['Redis'], 'redis', REDIS_CLIENT),
    construct('ioredis.Cluster', ['ioredis'], ['Cluster'], 'redis', REDIS_CLIENT),
    construct('ioredis.Redis.Cluster', ['ioredis'], ['Redis', 'Cluster'], 'redis', REDIS_CLIENT),
    factory('redis.createClient', ['redis', '@redis/client'], ['createClient'], 'redis', REDIS_CLIENT),
    factory('redis.createCluster', ['redis', '@redis/client'], ['createCluster'], 'redis', REDIS_CLIENT),
  ],
  settingShapes: [REDIS_CLIENT],
  typeShapes: {
    ioredis: { Redis: 'redis-client', default: 'redis-client', Cluster: 'redis-client' },
    redis: { RedisClientType: 'redis-client', RedisClusterType: 'redis-client' },
  },
};
