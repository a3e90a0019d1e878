import rule from '../../src/rules/require-cache-ttl.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

const IOREDIS = "const Redis = require('ioredis');\nconst redis = new Redis();\n";
const NODE_REDIS = "const { createClient } = require('redis');\nconst client = createClient();\n";

ruleTester.run('require-cache-ttl', rule, {
  valid: [
    // ioredis expiry options, in any case.
    `${IOREDIS}async function put(k, v) { await redis.set(k, v, 'EX', 60); }`,
    `${IOREDIS}async function put(k, v) { await redis.set(k, v, 'px', 500, 'NX'); }`,
    `${IOREDIS}async function put(k, v) { await redis.set(k, v, 'NX', 'EXAT', at); }`,
    `${IOREDIS}async function put(k, v) { await redis.set(k, v, 'KEEPTTL'); }`,
    // A computed option may be an expiry.
    `${IOREDIS}async function put(k, v, mode, ttl) { await redis.set(k, v, mode, ttl); }`,
    // setex and psetex always expire.
    `${IOREDIS}async function put(k, v) { await redis.setex(k, 60, v); await redis.psetex(k, 500, v); }`,
    // expire or pexpire of the same key later in the function.
    `${IOREDIS}async function put(k, v) { await redis.set(k, v); await redis.expire(k, 60); }`,
    `${IOREDIS}async function put(id, v) { await redis.hset(\`user:\${id}\`, v); await redis.pexpire(\`user:\${id}\`, 1000); }`,
    `${IOREDIS}async function put(a, b) { await redis.mset('x', a, 'y', b); await redis.expire('x', 9); await redis.expire('y', 9); }`,
    `${IOREDIS}async function put(a) { await redis.mset({ x: a }); await redis.expire('x', 9); }`,
    // node-redis v4+ options objects.
    `${NODE_REDIS}async function put(k, v) { await client.set(k, v, { EX: 60 }); }`,
    `${NODE_REDIS}async function put(k, v) { await client.set(k, v, { NX: true, PX: 100 }); }`,
    `${NODE_REDIS}async function put(k, v) { await client.set(k, v, { expiration: { type: 'EX', value: 60 } }); }`,
    `${NODE_REDIS}async function put(k, v, options) { await client.set(k, v, options); }`,
    `${NODE_REDIS}async function put(k, v) { await client.setEx(k, 60, v); await client.hSet(k, v); await client.expire(k, 60); }`,
    // Map#set and other objects' set methods.
    "const seen = new Map();\napp.get('/', (req, res) => { seen.set(req.ip, Date.now()); res.end(); });",
    'const store = { set() {} };\nasync function put(k, v) { await store.set(k, v); }',
    // Start-up code.
    `${IOREDIS}redis.set('boot:time', String(Date.now()));`,
  ],
  invalid: [
    {
      code: `${IOREDIS}app.get('/users/:id', async (req, res) => {\n  const user = await db.find(req.params.id);\n  await redis.set(\`user:\${user.id}\`, JSON.stringify(user));\n  res.json(user);\n});`,
      errors: [{ messageId: 'setWithoutTtl', line: 5, column: 9, endLine: 5, endColumn: 59 }],
    },
    {
      // NX without an expiry, and an expire of another key.
      code: `${IOREDIS}async function put(k, v) {\n  await redis.set(k, v, 'NX');\n  await redis.expire('other', 5);\n}`,
      errors: [{ messageId: 'setWithoutTtl', line: 4, column: 9, endLine: 4, endColumn: 30 }],
    },
    {
      // An expire before the write does not cover it.
      code: `${IOREDIS}async function put(k, v) {\n  await redis.expire(k, 5);\n  await redis.hset(k, v);\n}`,
      errors: [{ messageId: 'writeWithoutExpire', line: 5, column: 9, endLine: 5, endColumn: 25 }],
    },
    {
      code: `${IOREDIS}async function put(a, b) {\n  await redis.mset('x', a, 'y', b);\n  await redis.expire('x', 9);\n}`,
      errors: [{ messageId: 'writeWithoutExpire', line: 4, column: 9, endLine: 4, endColumn: 35 }],
    },
    {
      code: `${NODE_REDIS}async function put(k, v) {\n  await client.set(k, v, { NX: true });\n  await client.HSET('h', { f: v });\n}`,
      errors: [
        { messageId: 'setWithoutTtl', line: 4, column: 9, endLine: 4, endColumn: 39 },
        { messageId: 'writeWithoutExpire', line: 5, column: 9, endLine: 5, endColumn: 35 },
      ],
    },
    {
      code: "import Redis from 'ioredis';\nexport class Cache {\n  private redis = new Redis();\n  async put(key: string, value: string) {\n    await this.redis.set(key, value);\n  }\n}",
      errors: [{ messageId: 'setWithoutTtl', line: 5, column: 11, endLine: 5, endColumn: 37 }],
    },
  ],
});
