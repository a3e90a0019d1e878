import { construct, factory, GET } from './shared.js';
import type { DataAdapter, ValueShape } from './types.js';

const REDIS_CLIENT: ValueShape = {
  name: 'redis-client',
  methods: { get: GET, hget: GET, hgetall: GET, hGet: GET, hGetAll: GET },
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
