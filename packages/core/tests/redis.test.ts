import { describe, expect, it } from 'vitest';
import { findRedisCommands } from '../src/detectors/redis.js';
import { withSourceCode } from './parse.js';

function commands(code: string, settings: Record<string, unknown> = {}): string[] {
  return withSourceCode(code, (sourceCode) =>
    findRedisCommands(sourceCode, settings).map(
      (c) => `${c.call.loc.start.line}:${c.client.client}:${c.method.role}:${c.method.name}`,
    ),
  );
}

describe('findRedisCommands', () => {
  it('finds ioredis and node-redis commands, never Object.keys or Map#keys', () => {
    expect(
      commands(`import Redis from 'ioredis';
import { createClient } from '@redis/client';
const redis = new Redis();
const client = createClient();
const map = new Map();
async function f(o) {
  await redis.keys('a*');
  await client.KEYS('b*');
  await client.setEx('k', 10, 'v');
  await redis.hset('h', 'f', 'v');
  Object.keys(o);
  map.keys();
  map.set('k', 1);
}`),
    ).toEqual([
      '7:ioredis:keys:keys',
      '8:node-redis:keys:KEYS',
      '9:node-redis:set-with-ttl:setEx',
      '10:ioredis:hset:hset',
    ]);
  });

  it('does not take a node-redis spelling on an ioredis client', () => {
    expect(
      commands(
        `const Redis = require('ioredis');\nconst r = new Redis();\nr.setEx('k', 1, 'v');\nr.setex('k', 1, 'v');`,
      ),
    ).toEqual(['4:ioredis:set-with-ttl:setex']);
  });

  it('finds commands on clients exported by modules named in settings', () => {
    const settings = {
      'backend-perf': { redisClients: [{ module: './lib/redis', export: 'cache', client: 'node-redis' }] },
    };
    expect(
      commands(
        `import { cache } from './lib/redis';
import other from './lib/other';
await cache.KEYS('a*');
await other.keys('b*');
Object.keys(cache);`,
        settings,
      ),
    ).toEqual(['3:node-redis:keys:KEYS']);
    expect(
      commands(
        `const redis = require('./lib/redis').cache;
redis.set('k', 'v');`,
        settings,
      ),
    ).toEqual(['2:node-redis:set:set']);
  });

  it('finds commands on clients declared as dataAccess redis-client entries that name their library', () => {
    const settings = {
      'backend-perf': {
        dataAccess: [{ module: './lib/redis', export: 'cache', shape: 'redis-client', client: 'ioredis' }],
      },
    };
    expect(commands(`import { cache } from './lib/redis';\nawait cache.keys('a*');`, settings)).toEqual([
      '2:ioredis:keys:keys',
    ]);
    const withoutLibrary = {
      'backend-perf': { dataAccess: [{ module: './lib/redis', export: 'cache', shape: 'redis-client' }] },
    };
    expect(commands(`import { cache } from './lib/redis';\nawait cache.keys('a*');`, withoutLibrary)).toEqual([]);
  });
});
