import rule from '../../src/rules/require-pool-release.js';
import { createRuleTester } from '../RuleTester.js';

createRuleTester().run('require-pool-release', rule, {
  valid: [
    // A driver's own code: the data source checks a runner out of itself at start-up (TypeORM's drivers).
    {
      code: "class PostgresDriver {\n  async connect() {\n    const queryRunner = this.createQueryRunner('master');\n    const version = await queryRunner.query('SHOW server_version');\n    await queryRunner.release();\n    return version;\n  }\n}\nexport async function handler(driver) {\n  return driver.connect();\n}",
    },
    // Released in `finally`, with the `try` right after the checkout.
    {
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function transfer(from, to, amount) {\n  const client = await pool.connect();\n  try {\n    await client.query('BEGIN');\n    await client.query('COMMIT');\n  } finally {\n    client.release();\n  }\n}",
    },
    // Checked out inside the `try`.
    {
      code: "import pool from './db.js';\nexport async function handler(req, res) {\n  let conn;\n  try {\n    conn = await pool.getConnection();\n    res.json(await conn.query('select 1'));\n  } finally {\n    conn?.release();\n  }\n}",
    },
    // Disposal of a client that implements `Symbol.asyncDispose`.
    {
      code: "import { dataSource } from './data-source.js';\nexport async function handler() {\n  await using runner = dataSource.createQueryRunner();\n  return runner.query('select 1');\n}",
    },
    // Released by a disposable stack when the function exits.
    {
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function handler() {\n  await using stack = new AsyncDisposableStack();\n  const client = await pool.connect();\n  stack.defer(() => client.release());\n  return (await client.query('select 1')).rows;\n}",
    },
    // Handed to another function or returned: the rule cannot see its release.
    {
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function checkout() {\n  const client = await pool.connect();\n  return client;\n}\nexport async function run(work) {\n  const client = await pool.connect();\n  await work(client);\n}",
    },
    // Released on the error path in `catch` and on the success path after it.
    {
      code: "import pool from './db.js';\nexport async function handler() {\n  const conn = await pool.getConnection();\n  try {\n    await conn.query('select 1');\n  } catch (error) {\n    conn.release();\n    throw error;\n  }\n  conn.release();\n}",
    },
    // Callback-style checkout, and `connect()` of clients that are not pools.
    {
      code: "import { Pool, Client } from 'pg';\nconst pool = new Pool();\nexport function handler(req, res) {\n  pool.connect((error, client, done) => {\n    client.query('select 1', () => done());\n  });\n}\nexport async function single() {\n  const client = new Client();\n  await client.connect();\n  await client.end();\n}",
    },
    // Start-up code.
    {
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nconst client = await pool.connect();\nawait client.query('select 1');\nclient.release();",
    },
  ],
  invalid: [
    {
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function handler(req, res) {\n  const client = await pool.connect();\n  const { rows } = await client.query('select * from users');\n  res.json(rows);\n  client.release();\n}",
      errors: [
        {
          messageId: 'releaseNotInFinally',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'releaseInFinally',
              output:
                "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function handler(req, res) {\n  const client = await pool.connect();\n  try {\n    const { rows } = await client.query('select * from users');\n    res.json(rows);\n  } finally {\n    client.release();\n  }\n}",
            },
          ],
        },
      ],
    },
    // The pool comes from another module: the release call shows it is a checkout. No suggestion: `rows` is used
    // after the release, so moving its declaration into `try` would break the code.
    {
      code: "const pool = require('./db');\nasync function handler(req, res) {\n  const conn = await pool.getConnection();\n  const [rows] = await conn.query('select 1');\n  conn.release();\n  res.json(rows);\n}\nmodule.exports = handler;",
      errors: [{ messageId: 'releaseNotInFinally', line: 3, column: 22, endLine: 3, endColumn: 42, suggestions: [] }],
    },
    // The suggestion keeps the file's indentation.
    {
      code: "const pool = require('./db');\nasync function handler(req, res) {\n    const conn = await pool.getConnection();\n    await conn.query('select 1');\n    conn.release();\n}\nmodule.exports = handler;",
      errors: [
        {
          messageId: 'releaseNotInFinally',
          line: 3,
          column: 24,
          endLine: 3,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'releaseInFinally',
              output:
                "const pool = require('./db');\nasync function handler(req, res) {\n    const conn = await pool.getConnection();\n    try {\n        await conn.query('select 1');\n    } finally {\n        conn.release();\n    }\n}\nmodule.exports = handler;",
            },
          ],
        },
      ],
    },
    // A `try` that releases in `finally`, but with code that can throw before it.
    {
      code: "import { DataSource } from 'typeorm';\nconst dataSource = new DataSource({ type: 'postgres' });\nexport async function handler() {\n  const runner = dataSource.createQueryRunner();\n  await runner.connect();\n  try {\n    return await runner.query('select 1');\n  } finally {\n    await runner.release();\n  }\n}",
      errors: [{ messageId: 'releaseNotInFinally', line: 4, column: 18, endLine: 4, endColumn: 48 }],
    },
    // TypeScript: annotations and non-null assertions do not hide the release.
    {
      code: "import { Pool, type PoolClient } from 'pg';\nconst pool = new Pool();\nexport async function purge(): Promise<number> {\n  const client: PoolClient = await pool.connect();\n  const { rowCount } = await client.query('delete from sessions');\n  client!.release();\n  return rowCount ?? 0;\n}",
      errors: [{ messageId: 'releaseNotInFinally', line: 4, column: 36, endLine: 4, endColumn: 50, suggestions: [] }],
    },
    // Never released, from a pool of this file.
    {
      code: "import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({ host: 'db' });\nexport async function handler() {\n  const conn = await pool.getConnection();\n  return (await conn.query('select 1'))[0];\n}",
      errors: [{ messageId: 'neverReleased', line: 4, column: 22, endLine: 4, endColumn: 42 }],
    },
  ],
});
