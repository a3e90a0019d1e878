import rule from '../../src/rules/no-redis-keys.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-redis-keys', rule, {
  valid: [
    {
      name: "Object.keys, Map#keys and other objects' keys methods are not Redis commands",
      code: `
const Redis = require('ioredis');
const redis = new Redis();
app.get('/', (req, res) => res.json(Object.keys(req.query)));
`,
    },
    {
      name: "app.get('/', (req, res) => res.json([...seen.keys()]));",
      code: `
const seen = new Map();
app.get('/', (req, res) => res.json([...seen.keys()]));
`,
    },
    {
      name: "app.get('/', async (req, res) => res.json(await store.keys('*')));",
      code: `
const store = { keys() { return []; } };
app.get('/', async (req, res) => res.json(await store.keys('*')));
`,
    },
    {
      name: 'A client that is not constructed from a Redis library',
      code: `
const { Redis } = require('./fake-redis');
const redis = new Redis();
app.get('/', async (req, res) => res.json(await redis.keys('*')));
`,
    },
    {
      name: 'A shadowed constructor',
      code: `
const Redis = require('ioredis');
function handler(req, res) { class Redis { keys() {} } return new Redis().keys('*'); }
app.get('/', handler);
`,
    },
    {
      name: 'Start-up code: module top level',
      code: `
const Redis = require('ioredis');
const redis = new Redis();
redis.keys('config:*').then(load);
`,
    },
    {
      name: 'A start-up file',
      code: `
const Redis = require('ioredis');
const redis = new Redis();
async function purge() { await redis.keys('tmp:*'); }
`,
      filename: 'scripts/purge.js',
    },
    {
      name: 'A module that exports a client is only followed when the settings name it',
      code: `
const { redis } = require('./lib/redis');
app.get('/', async (req, res) => res.json(await redis.keys('*')));
`,
    },
    {
      name: 'SCAN is what the rule asks for',
      code: `
const Redis = require('ioredis');
const redis = new Redis();
app.get('/', (req, res) => redis.scanStream({ match: 'a:*' }).pipe(res));
`,
    },
  ],
  invalid: [
    {
      name: "app.get('/', async (req, res) => res.json(await redis.keys('*')));",
      code: `
const { redis } = require('./lib/redis');
app.get('/', async (req, res) => res.json(await redis.keys('*')));
`,
      settings: { 'backend-perf': { redisClients: [{ module: './lib/redis', export: 'redis', client: 'ioredis' }] } },
      errors: [{ messageId: 'ioredisKeys', line: 3, column: 49, endLine: 3, endColumn: 64 }],
    },
    {
      name: 'const keys = await redis.keys(`user:${req.params.id}:*`);',
      code: `
const express = require('express');
const Redis = require('ioredis');
const redis = new Redis();
const app = express();
app.delete('/users/:id/cache', async (req, res) => {
  const keys = await redis.keys(\`user:\${req.params.id}:*\`);
  if (keys.length) await redis.del(...keys);
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'ioredisKeys', line: 7, column: 22, endLine: 7, endColumn: 59 }],
    },
    {
      name: 'node-redis v4+ through ESM, upper-case command name, unknown context',
      code: `
import { createClient } from 'redis';
const client = await createClient().connect();
export async function count(prefix: string) {
  return (await client.KEYS(\`\${prefix}*\`)).length;
}
`,
      errors: [{ messageId: 'nodeRedisKeys', line: 5, column: 17, endLine: 5, endColumn: 42 }],
    },
    {
      name: 'ioredis Cluster stored on a class field',
      code: `
import { Cluster } from 'ioredis';
export class SessionStore {
  constructor() {
    this.redis = new Cluster([{ host: 'a' }]);
  }
  async list(user) {
    return this.redis.keys(\`sess:\${user}:*\`);
  }
}
`,
      errors: [{ messageId: 'clusterKeys', line: 8, column: 12, endLine: 8, endColumn: 45 }],
    },
    {
      name: 'Aliased default import and @redis/client',
      code: `
import IORedis from 'ioredis';
import { createClient as connect } from '@redis/client';
const a = new IORedis();
const b = connect();
function both(p) { return [a.keys(p), b.keys(p)]; }
`,
      errors: [
        { messageId: 'ioredisKeys', line: 6, column: 28, endLine: 6, endColumn: 37 },
        { messageId: 'nodeRedisKeys', line: 6, column: 39, endLine: 6, endColumn: 48 },
      ],
    },
  ],
});
