import rule from '../../src/rules/no-client-per-request.js';
import { createRuleTester } from '../RuleTester.js';

createRuleTester().run('no-client-per-request', rule, {
  valid: [
    {
      name: 'The caller chooses the server: a monitor check of a user database, an admin connection, a lock',
      code: `
import { Client } from 'pg';
import express from 'express';
const app = express();
export function postgresQuery(connectionString, query) {
  return new Promise((resolve, reject) => {
    const client = new Client({ connectionString });
    client.connect((err) => {
      if (err) return reject(err);
      client.query(query, (error, res) => { client.end(); return error ? reject(error) : resolve(res.rows); });
    });
  });
}
export const withDbLock = (dbConfig) => async (work) => {
  const client = new Client({ ...dbConfig, onNotice: (notice) => log(notice) });
  await client.connect();
  try { return await work(); } finally { await client.end(); }
};
export async function createDatabase(dbUrl, name) {
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  await client.query('CREATE DATABASE ' + name);
  await client.end();
}
export function beat(monitor) {
  postgresQuery(monitor.url, 'SELECT 1').then(record, record);
  setTimeout(() => beat(monitor), monitor.interval * 1000);
}
`,
    },
    {
      name: 'Start-up: module level',
      code: `
const express = require('express');
const { Pool } = require('pg');
const pool = new Pool({ max: 20 });
const app = express();
app.get('/users', async (req, res) => {
  res.json((await pool.query('select * from users')).rows);
});
`,
    },
    {
      name: 'A factory called at start-up',
      code: `
import Redis from 'ioredis';
function createRedis() {
  return new Redis(process.env.REDIS_URL);
}
export const redis = createRedis();
`,
    },
    {
      name: 'A factory of unknown context that returns the client (its callers decide its lifetime)',
      code: `
import { PrismaClient } from '@prisma/client';
export function createPrisma() {
  return new PrismaClient();
}
`,
    },
    {
      name: 'An async start-up function',
      code: `
import mongoose from 'mongoose';
async function main() {
  await mongoose.connect(process.env.MONGO_URL);
}
main();
`,
    },
    {
      name: "Local classes and other libraries' functions of the same names",
      code: `
const express = require('express');
const { createClient } = require('./cache');
class Pool {}
const app = express();
app.get('/a', (req, res) => {
  const pool = new Pool();
  const cache = createClient();
  res.json({ pool, cache });
});
`,
    },
    {
      name: 'Created once and memoised in a module-level variable, also through an immediately invoked async function',
      code: `
const express = require('express');
const { Pool } = require('pg');
let pool;
function getPool() {
  pool ??= new Pool();
  return pool;
}
const app = express();
app.get('/a', async (req, res) => {
  res.json((await getPool().query('select 1')).rows);
});
`,
    },
    {
      name: "res.json(await (await getClient()).get('a'));",
      code: `
import express from 'express';
import { createClient } from 'redis';
let clientPromise;
function getClient() {
  clientPromise ??= (async () => {
    const client = createClient();
    await client.connect();
    return client;
  })();
  return clientPromise;
}
const app = express();
app.get('/a', async (req, res) => {
  res.json(await (await getClient()).get('a'));
});
`,
    },
    {
      name: "res.json(await redis.get('a'));",
      code: `
const express = require('express');
const Redis = require('ioredis');
let redis = null;
const app = express();
app.get('/a', async (req, res) => {
  if (!redis) redis = new Redis();
  res.json(await redis.get('a'));
});
`,
    },
    {
      name: 'Unknown context without a per-call lifecycle, and the option turned off',
      code: `
import { Client } from 'pg';
export async function count(config) {
  const client = new Client(config);
  await client.connect();
  const { rows } = await client.query('select count(*) from users');
  await client.end();
  return rows[0];
}
`,
      options: [{ checkUnknownContext: false }],
    },
    // A readiness route that checks the database can be connected to opens and closes its own client.
    {
      code: `const express = require('express');
const { Client } = require('pg');
const app = express();
app.get('/ready', async (req, res) => {
  const client = new Client({ connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    res.sendStatus(200);
  } catch {
    res.sendStatus(503);
  } finally {
    await client.end();
  }
});`,
    },
    // A function named for the check, of unknown context.
    {
      code: `import Redis from 'ioredis';
export async function pingRedis(url) {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  const reply = await redis.ping();
  await redis.quit();
  return reply === 'PONG';
}`,
    },
  ],
  invalid: [
    {
      name: 'const pool = new Pool();',
      code: `
const express = require('express');
const { Pool } = require('pg');
const app = express();
app.get('/users', async (req, res) => {
  const pool = new Pool();
  const { rows } = await pool.query('select * from users');
  await pool.end();
  res.json(rows);
});
`,
      errors: [{ messageId: 'clientPerRequest', line: 6, column: 16, endLine: 6, endColumn: 26 }],
    },
    {
      name: "const db = await mysql.createConnection({ host: 'db' });",
      code: `
import express from 'express';
import mysql from 'mysql2/promise';
import { createClient } from 'redis';
import IORedis from 'ioredis';
const router = express.Router();
router.post('/orders', async (req, res) => {
  const db = await mysql.createConnection({ host: 'db' });
  const cache = createClient();
  const queue = new IORedis();
  res.json(await Promise.all([db.query('select 1'), cache.get('a'), queue.ping()]));
});
export default router;
`,
      errors: [
        { messageId: 'clientPerRequest', line: 8, column: 20, endLine: 8, endColumn: 58 },
        { messageId: 'clientPerRequest', line: 9, column: 17, endLine: 9, endColumn: 31 },
        { messageId: 'clientPerRequest', line: 10, column: 17, endLine: 10, endColumn: 30 },
      ],
    },
    {
      name: 'const prisma = new PrismaClient();',
      code: `
import { PrismaClient } from '@prisma/client';
import { MongoClient } from 'mongodb';
import knex from 'knex';
import { Sequelize } from 'sequelize';
export const resolvers = {
  Query: {
    async user(_, { id }) {
      const prisma = new PrismaClient();
      const mongo = new MongoClient(process.env.MONGO_URL);
      const sql = knex({ client: 'pg' });
      const orm = new Sequelize(process.env.DATABASE_URL);
      return { prisma, mongo, sql, orm, id };
    },
  },
};
`,
      errors: [
        { messageId: 'clientPerRequest', line: 9, column: 22, endLine: 9, endColumn: 40 },
        { messageId: 'clientPerRequest', line: 10, column: 21, endLine: 10, endColumn: 59 },
        { messageId: 'clientPerRequest', line: 11, column: 19, endLine: 11, endColumn: 41 },
        { messageId: 'clientPerRequest', line: 12, column: 19, endLine: 12, endColumn: 58 },
      ],
    },
    {
      name: 'Stored in a module-level variable, but re-created on every request',
      code: `
const express = require('express');
const Redis = require('ioredis');
let redis;
const app = express();
app.get('/a', async (req, res) => {
  redis = new Redis();
  res.json(await redis.get('a'));
});
`,
      errors: [{ messageId: 'clientPerRequest', line: 7, column: 11, endLine: 7, endColumn: 22 }],
    },
    {
      name: 'On a request path, a server passed in by the caller is still one client per request',
      code: `
const express = require('express');
const { Client, Pool } = require('pg');
const config = require('./config');
const app = express();
async function runQuery(cfg, sql) {
  const client = new Client(cfg);
  await client.connect();
  const { rows } = await client.query(sql);
  await client.end();
  return rows;
}
async function tenantReport(tenantId) {
  const pool = new Pool({ database: 'tenant_' + tenantId });
  const { rows } = await pool.query('select * from reports');
  await pool.end();
  return rows;
}
app.get('/users', async (req, res) => res.json(await runQuery(config.db, 'select * from users')));
app.get('/reports/:tenant', async (req, res) => res.json(await tenantReport(req.params.tenant)));
`,
      errors: [
        { messageId: 'clientPerRequest', line: 7, column: 18, endLine: 7, endColumn: 33 },
        { messageId: 'clientPerRequest', line: 14, column: 16, endLine: 14, endColumn: 60 },
      ],
    },
    {
      name: "A pool per request for the request's tenant: still one pool per request",
      code: `
const express = require('express');
const { Pool } = require('pg');
const app = express();
app.get('/reports', async (req, res) => {
  const pool = new Pool({ database: \`tenant_\${req.params.tenant}\` });
  const { rows } = await pool.query('select * from reports');
  await pool.end();
  res.json(rows);
});
`,
      errors: [{ messageId: 'clientPerRequest', line: 6, column: 16, endLine: 6, endColumn: 69 }],
    },
    {
      name: 'Unknown context: created from module settings and closed in the same call',
      code: `
import { Client } from 'pg';
import config from './config.js';
export async function count() {
  const client = new Client({ ...config.db, application_name: 'reports' });
  await client.connect();
  const { rows } = await client.query('select count(*) from users');
  await client.end();
  return rows[0];
}
`,
      errors: [{ messageId: 'clientPerCall', line: 5, column: 18, endLine: 5, endColumn: 75 }],
    },
    {
      name: 'const connection = mongoose.createConnection(process.env.MONGO_URL);',
      code: `
const mongoose = require('mongoose');
async function findUser(id) {
  const connection = mongoose.createConnection(process.env.MONGO_URL);
  try {
    return await connection.model('User').findById(id);
  } finally {
    await connection.close();
  }
}
module.exports = { findUser };
`,
      errors: [{ messageId: 'clientPerCall', line: 4, column: 22, endLine: 4, endColumn: 70 }],
    },
    // A route whose path only contains a probe word is not a probe.
    {
      code: `const express = require('express');
const { Client } = require('pg');
const app = express();
app.get('/shipping/:id', async (req, res) => {
  const client = new Client();
  await client.connect();
  res.json((await client.query('SELECT * FROM shipments WHERE id = $1', [req.params.id])).rows);
  await client.end();
});`,
      errors: [
        {
          messageId: 'clientPerRequest',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 30,
        },
      ],
    },
  ],
});
