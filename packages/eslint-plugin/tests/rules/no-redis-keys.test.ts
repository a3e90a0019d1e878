import rule from '../../src/rules/no-redis-keys.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-redis-keys', rule, {
  valid: [
    // Object.keys, Map#keys and other objects' keys methods are not Redis commands.
    "const Redis = require('ioredis');\nconst redis = new Redis();\napp.get('/', (req, res) => res.json(Object.keys(req.query)));",
    "const seen = new Map();\napp.get('/', (req, res) => res.json([...seen.keys()]));",
    "const store = { keys() { return []; } };\napp.get('/', async (req, res) => res.json(await store.keys('*')));",
    // A client that is not constructed from a Redis library.
    "const { Redis } = require('./fake-redis');\nconst redis = new Redis();\napp.get('/', async (req, res) => res.json(await redis.keys('*')));",
    // A shadowed constructor.
    "const Redis = require('ioredis');\nfunction handler(req, res) { class Redis { keys() {} } return new Redis().keys('*'); }\napp.get('/', handler);",
    // Start-up code: module top level.
    "const Redis = require('ioredis');\nconst redis = new Redis();\nredis.keys('config:*').then(load);",
    // A start-up file.
    {
      code: "const Redis = require('ioredis');\nconst redis = new Redis();\nasync function purge() { await redis.keys('tmp:*'); }",
      filename: 'scripts/purge.js',
    },
    // A module that exports a client is only followed when the settings name it.
    "const { redis } = require('./lib/redis');\napp.get('/', async (req, res) => res.json(await redis.keys('*')));",
    // SCAN is what the rule asks for.
    "const Redis = require('ioredis');\nconst redis = new Redis();\napp.get('/', (req, res) => redis.scanStream({ match: 'a:*' }).pipe(res));",
  ],
  invalid: [
    {
      code: "const { redis } = require('./lib/redis');\napp.get('/', async (req, res) => res.json(await redis.keys('*')));",
      settings: { 'backend-perf': { redisClients: [{ module: './lib/redis', export: 'redis', client: 'ioredis' }] } },
      errors: [{ messageId: 'ioredisKeys', line: 2, column: 49, endLine: 2, endColumn: 64 }],
    },
    {
      code: "const express = require('express');\nconst Redis = require('ioredis');\nconst redis = new Redis();\nconst app = express();\napp.delete('/users/:id/cache', async (req, res) => {\n  const keys = await redis.keys(`user:${req.params.id}:*`);\n  if (keys.length) await redis.del(...keys);\n  res.sendStatus(204);\n});",
      errors: [{ messageId: 'ioredisKeys', line: 6, column: 22, endLine: 6, endColumn: 59 }],
    },
    {
      // node-redis v4+ through ESM, upper-case command name, unknown context.
      code: "import { createClient } from 'redis';\nconst client = await createClient().connect();\nexport async function count(prefix: string) {\n  return (await client.KEYS(`${prefix}*`)).length;\n}",
      errors: [{ messageId: 'nodeRedisKeys', line: 4, column: 17, endLine: 4, endColumn: 42 }],
    },
    {
      // ioredis Cluster stored on a class field.
      code: "import { Cluster } from 'ioredis';\nexport class SessionStore {\n  constructor() {\n    this.redis = new Cluster([{ host: 'a' }]);\n  }\n  async list(user) {\n    return this.redis.keys(`sess:${user}:*`);\n  }\n}",
      errors: [{ messageId: 'clusterKeys', line: 7, column: 12, endLine: 7, endColumn: 45 }],
    },
    {
      // Aliased default import and @redis/client.
      code: "import IORedis from 'ioredis';\nimport { createClient as connect } from '@redis/client';\nconst a = new IORedis();\nconst b = connect();\nfunction both(p) { return [a.keys(p), b.keys(p)]; }",
      errors: [
        { messageId: 'ioredisKeys', line: 5, column: 28, endLine: 5, endColumn: 37 },
        { messageId: 'nodeRedisKeys', line: 5, column: 39, endLine: 5, endColumn: 48 },
      ],
    },
  ],
});
