import rule from '../../src/rules/require-cache-ttl.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

const IOREDIS = `const Redis = require('ioredis');
const redis = new Redis();
`;
const NODE_REDIS = `const { createClient } = require('redis');
const client = createClient();
`;

ruleTester.run('require-cache-ttl', rule, {
  valid: [
    {
      name: 'ioredis expiry options, in any case',
      code: `${IOREDIS}async function put(k, v) { await redis.set(k, v, 'EX', 60); }`,
    },
    {
      name: "async function put(k, v) { await redis.set(k, v, 'px', 500, 'NX'); }",
      code: `${IOREDIS}async function put(k, v) { await redis.set(k, v, 'px', 500, 'NX'); }`,
    },
    {
      name: "async function put(k, v) { await redis.set(k, v, 'NX', 'EXAT', at); }",
      code: `${IOREDIS}async function put(k, v) { await redis.set(k, v, 'NX', 'EXAT', at); }`,
    },
    {
      name: "async function put(k, v) { await redis.set(k, v, 'KEEPTTL'); }",
      code: `${IOREDIS}async function put(k, v) { await redis.set(k, v, 'KEEPTTL'); }`,
    },
    {
      name: 'A computed option may be an expiry',
      code: `${IOREDIS}async function put(k, v, mode, ttl) { await redis.set(k, v, mode, ttl); }`,
    },
    {
      name: 'setex and psetex always expire',
      code: `${IOREDIS}async function put(k, v) { await redis.setex(k, 60, v); await redis.psetex(k, 500, v); }`,
    },
    {
      name: 'expire or pexpire of the same key later in the function',
      code: `${IOREDIS}async function put(k, v) { await redis.set(k, v); await redis.expire(k, 60); }`,
    },
    {
      name: 'async function put(id, v) { await redis.hset(`user:${id}`, v); await redis.pe…',
      code: `${IOREDIS}async function put(id, v) {
  await redis.hset(\`user:\${id}\`, v);
  await redis.pexpire(\`user:\${id}\`, 1000);
}`,
    },
    {
      name: "async function put(a, b) { await redis.mset('x', a, 'y', b); await redis.expi…",
      code: `${IOREDIS}async function put(a, b) {
  await redis.mset('x', a, 'y', b);
  await redis.expire('x', 9);
  await redis.expire('y', 9);
}`,
    },
    {
      name: "async function put(a) { await redis.mset({ x: a }); await redis.expire('x', 9…",
      code: `${IOREDIS}async function put(a) { await redis.mset({ x: a }); await redis.expire('x', 9); }`,
    },
    {
      name: 'node-redis v4+ options objects',
      code: `${NODE_REDIS}async function put(k, v) { await client.set(k, v, { EX: 60 }); }`,
    },
    {
      name: 'async function put(k, v) { await client.set(k, v, { NX: true, PX: 100 }); }',
      code: `${NODE_REDIS}async function put(k, v) { await client.set(k, v, { NX: true, PX: 100 }); }`,
    },
    {
      name: "async function put(k, v) { await client.set(k, v, { expiration: { type: 'EX',…",
      code: `${NODE_REDIS}async function put(k, v) {
  await client.set(k, v, { expiration: { type: 'EX', value: 60 } });
}`,
    },
    {
      name: 'async function put(k, v, options) { await client.set(k, v, options); }',
      code: `${NODE_REDIS}async function put(k, v, options) { await client.set(k, v, options); }`,
    },
    {
      name: 'async function put(k, v) { await client.setEx(k, 60, v); await client.hSet(k,…',
      code: `${NODE_REDIS}async function put(k, v) {
  await client.setEx(k, 60, v);
  await client.hSet(k, v);
  await client.expire(k, 60);
}`,
    },
    {
      name: "Map#set and other objects' set methods",
      code: `
const seen = new Map();
app.get('/', (req, res) => { seen.set(req.ip, Date.now()); res.end(); });
`,
    },
    {
      name: 'async function put(k, v) { await store.set(k, v); }',
      code: `
const store = { set() {} };
async function put(k, v) { await store.set(k, v); }
`,
    },
    { name: 'Start-up code', code: `${IOREDIS}redis.set('boot:time', String(Date.now()));` },
  ],
  invalid: [
    {
      name: 'await redis.set(`user:${user.id}`, JSON.stringify(user));',
      code: `${IOREDIS}app.get('/users/:id', async (req, res) => {
  const user = await db.find(req.params.id);
  await redis.set(\`user:\${user.id}\`, JSON.stringify(user));
  res.json(user);
});`,
      errors: [{ messageId: 'setWithoutTtl', line: 5, column: 9, endLine: 5, endColumn: 59 }],
    },
    {
      name: 'NX without an expiry, and an expire of another key',
      code: `${IOREDIS}async function put(k, v) {
  await redis.set(k, v, 'NX');
  await redis.expire('other', 5);
}`,
      errors: [{ messageId: 'setWithoutTtl', line: 4, column: 9, endLine: 4, endColumn: 30 }],
    },
    {
      name: 'An expire before the write does not cover it',
      code: `${IOREDIS}async function put(k, v) {
  await redis.expire(k, 5);
  await redis.hset(k, v);
}`,
      errors: [{ messageId: 'writeWithoutExpire', line: 5, column: 9, endLine: 5, endColumn: 25 }],
    },
    {
      name: "await redis.mset('x', a, 'y', b);",
      code: `${IOREDIS}async function put(a, b) {
  await redis.mset('x', a, 'y', b);
  await redis.expire('x', 9);
}`,
      errors: [{ messageId: 'writeWithoutExpire', line: 4, column: 9, endLine: 4, endColumn: 35 }],
    },
    {
      name: 'await client.set(k, v, { NX: true });',
      code: `${NODE_REDIS}async function put(k, v) {
  await client.set(k, v, { NX: true });
  await client.HSET('h', { f: v });
}`,
      errors: [
        { messageId: 'setWithoutTtl', line: 4, column: 9, endLine: 4, endColumn: 39 },
        { messageId: 'writeWithoutExpire', line: 5, column: 9, endLine: 5, endColumn: 35 },
      ],
    },
    {
      name: 'await this.redis.set(key, value);',
      code: `
import Redis from 'ioredis';
export class Cache {
  private redis = new Redis();
  async put(key: string, value: string) {
    await this.redis.set(key, value);
  }
}
`,
      errors: [{ messageId: 'setWithoutTtl', line: 6, column: 11, endLine: 6, endColumn: 37 }],
    },
  ],
});
