import rule from '../../src/rules/no-client-per-request.js';
import { createRuleTester } from '../RuleTester.js';

createRuleTester().run('no-client-per-request', rule, {
  valid: [
    // Start-up: module level.
    {
      code: "const express = require('express');\nconst { Pool } = require('pg');\nconst pool = new Pool({ max: 20 });\nconst app = express();\napp.get('/users', async (req, res) => {\n  res.json((await pool.query('select * from users')).rows);\n});",
    },
    // A factory called at start-up.
    {
      code: "import Redis from 'ioredis';\nfunction createRedis() {\n  return new Redis(process.env.REDIS_URL);\n}\nexport const redis = createRedis();",
    },
    // A factory of unknown context that returns the client (its callers decide its lifetime).
    {
      code: "import { PrismaClient } from '@prisma/client';\nexport function createPrisma() {\n  return new PrismaClient();\n}",
    },
    // An async start-up function.
    {
      code: "import mongoose from 'mongoose';\nasync function main() {\n  await mongoose.connect(process.env.MONGO_URL);\n}\nmain();",
    },
    // Local classes and other libraries' functions of the same names.
    {
      code: "const express = require('express');\nconst { createClient } = require('./cache');\nclass Pool {}\nconst app = express();\napp.get('/a', (req, res) => {\n  const pool = new Pool();\n  const cache = createClient();\n  res.json({ pool, cache });\n});",
    },
    // Created once and memoised in a module-level variable, also through an immediately invoked async function.
    {
      code: "const express = require('express');\nconst { Pool } = require('pg');\nlet pool;\nfunction getPool() {\n  pool ??= new Pool();\n  return pool;\n}\nconst app = express();\napp.get('/a', async (req, res) => {\n  res.json((await getPool().query('select 1')).rows);\n});",
    },
    {
      code: "import express from 'express';\nimport { createClient } from 'redis';\nlet clientPromise;\nfunction getClient() {\n  clientPromise ??= (async () => {\n    const client = createClient();\n    await client.connect();\n    return client;\n  })();\n  return clientPromise;\n}\nconst app = express();\napp.get('/a', async (req, res) => {\n  res.json(await (await getClient()).get('a'));\n});",
    },
    {
      code: "const express = require('express');\nconst Redis = require('ioredis');\nlet redis = null;\nconst app = express();\napp.get('/a', async (req, res) => {\n  if (!redis) redis = new Redis();\n  res.json(await redis.get('a'));\n});",
    },
    // Unknown context without a per-call lifecycle, and the option turned off.
    {
      code: "import { Client } from 'pg';\nexport async function count(config) {\n  const client = new Client(config);\n  await client.connect();\n  const { rows } = await client.query('select count(*) from users');\n  await client.end();\n  return rows[0];\n}",
      options: [{ checkUnknownContext: false }],
    },
    // A readiness route that checks the database can be connected to opens and closes its own client.
    {
      code: "const express = require('express');\nconst { Client } = require('pg');\nconst app = express();\napp.get('/ready', async (req, res) => {\n  const client = new Client({ connectionTimeoutMillis: 1000 });\n  try {\n    await client.connect();\n    await client.query('SELECT 1');\n    res.sendStatus(200);\n  } catch {\n    res.sendStatus(503);\n  } finally {\n    await client.end();\n  }\n});",
    },
    // A function named for the check, of unknown context.
    {
      code: "import Redis from 'ioredis';\nexport async function pingRedis(url) {\n  const redis = new Redis(url, { lazyConnect: true });\n  await redis.connect();\n  const reply = await redis.ping();\n  await redis.quit();\n  return reply === 'PONG';\n}",
    },
  ],
  invalid: [
    {
      code: "const express = require('express');\nconst { Pool } = require('pg');\nconst app = express();\napp.get('/users', async (req, res) => {\n  const pool = new Pool();\n  const { rows } = await pool.query('select * from users');\n  await pool.end();\n  res.json(rows);\n});",
      errors: [{ messageId: 'clientPerRequest', line: 5, column: 16, endLine: 5, endColumn: 26 }],
    },
    {
      code: "import express from 'express';\nimport mysql from 'mysql2/promise';\nimport { createClient } from 'redis';\nimport IORedis from 'ioredis';\nconst router = express.Router();\nrouter.post('/orders', async (req, res) => {\n  const db = await mysql.createConnection({ host: 'db' });\n  const cache = createClient();\n  const queue = new IORedis();\n  res.json(await Promise.all([db.query('select 1'), cache.get('a'), queue.ping()]));\n});\nexport default router;",
      errors: [
        { messageId: 'clientPerRequest', line: 7, column: 20, endLine: 7, endColumn: 58 },
        { messageId: 'clientPerRequest', line: 8, column: 17, endLine: 8, endColumn: 31 },
        { messageId: 'clientPerRequest', line: 9, column: 17, endLine: 9, endColumn: 30 },
      ],
    },
    {
      code: "import { PrismaClient } from '@prisma/client';\nimport { MongoClient } from 'mongodb';\nimport knex from 'knex';\nimport { Sequelize } from 'sequelize';\nexport const resolvers = {\n  Query: {\n    async user(_, { id }) {\n      const prisma = new PrismaClient();\n      const mongo = new MongoClient(process.env.MONGO_URL);\n      const sql = knex({ client: 'pg' });\n      const orm = new Sequelize(process.env.DATABASE_URL);\n      return { prisma, mongo, sql, orm, id };\n    },\n  },\n};",
      errors: [
        { messageId: 'clientPerRequest', line: 8, column: 22, endLine: 8, endColumn: 40 },
        { messageId: 'clientPerRequest', line: 9, column: 21, endLine: 9, endColumn: 59 },
        { messageId: 'clientPerRequest', line: 10, column: 19, endLine: 10, endColumn: 41 },
        { messageId: 'clientPerRequest', line: 11, column: 19, endLine: 11, endColumn: 58 },
      ],
    },
    // Stored in a module-level variable, but re-created on every request.
    {
      code: "const express = require('express');\nconst Redis = require('ioredis');\nlet redis;\nconst app = express();\napp.get('/a', async (req, res) => {\n  redis = new Redis();\n  res.json(await redis.get('a'));\n});",
      errors: [{ messageId: 'clientPerRequest', line: 6, column: 11, endLine: 6, endColumn: 22 }],
    },
    // Unknown context: created and closed in the same call.
    {
      code: "import { Client } from 'pg';\nexport async function count(config) {\n  const client = new Client(config);\n  await client.connect();\n  const { rows } = await client.query('select count(*) from users');\n  await client.end();\n  return rows[0];\n}",
      errors: [{ messageId: 'clientPerCall', line: 3, column: 18, endLine: 3, endColumn: 36 }],
    },
    {
      code: "const mongoose = require('mongoose');\nasync function findUser(id) {\n  const connection = mongoose.createConnection(process.env.MONGO_URL);\n  try {\n    return await connection.model('User').findById(id);\n  } finally {\n    await connection.close();\n  }\n}\nmodule.exports = { findUser };",
      errors: [{ messageId: 'clientPerCall', line: 3, column: 22, endLine: 3, endColumn: 70 }],
    },
    // A route whose path only contains a probe word is not a probe.
    {
      code: "const express = require('express');\nconst { Client } = require('pg');\nconst app = express();\napp.get('/shipping/:id', async (req, res) => {\n  const client = new Client();\n  await client.connect();\n  res.json((await client.query('SELECT * FROM shipments WHERE id = $1', [req.params.id])).rows);\n  await client.end();\n});",
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
