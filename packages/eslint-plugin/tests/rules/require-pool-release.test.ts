import rule from '../../src/rules/require-pool-release.js';
import { createRuleTester } from '../RuleTester.js';

createRuleTester().run('require-pool-release', rule, {
  valid: [
    {
      name: "A driver's own code: the data source checks a runner out of itself at start-up (TypeORM's drivers)",
      code: `
class PostgresDriver {
  async connect() {
    const queryRunner = this.createQueryRunner('master');
    const version = await queryRunner.query('SHOW server_version');
    await queryRunner.release();
    return version;
  }
}
export async function handler(driver) {
  return driver.connect();
}
`,
    },
    {
      name: 'Released in `finally`, with the `try` right after the checkout',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from, to, amount) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}
`,
    },
    {
      name: 'Checked out inside the `try`',
      code: `
import pool from './db.js';
export async function handler(req, res) {
  let conn;
  try {
    conn = await pool.getConnection();
    res.json(await conn.query('select 1'));
  } finally {
    conn?.release();
  }
}
`,
    },
    {
      name: 'Disposal of a client that implements `Symbol.asyncDispose`',
      code: `
import { dataSource } from './data-source.js';
export async function handler() {
  await using runner = dataSource.createQueryRunner();
  return runner.query('select 1');
}
`,
    },
    {
      name: 'Released by a disposable stack when the function exits',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function handler() {
  await using stack = new AsyncDisposableStack();
  const client = await pool.connect();
  stack.defer(() => client.release());
  return (await client.query('select 1')).rows;
}
`,
    },
    {
      name: 'Handed to another function or returned: the rule cannot see its release',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function checkout() {
  const client = await pool.connect();
  return client;
}
export async function run(work) {
  const client = await pool.connect();
  await work(client);
}
`,
    },
    {
      name: 'Released on the error path in `catch` and on the success path after it',
      code: `
import pool from './db.js';
export async function handler() {
  const conn = await pool.getConnection();
  try {
    await conn.query('select 1');
  } catch (error) {
    conn.release();
    throw error;
  }
  conn.release();
}
`,
    },
    {
      name: 'Callback-style checkout, and `connect()` of clients that are not pools',
      code: `
import { Pool, Client } from 'pg';
const pool = new Pool();
export function handler(req, res) {
  pool.connect((error, client, done) => {
    client.query('select 1', () => done());
  });
}
export async function single() {
  const client = new Client();
  await client.connect();
  await client.end();
}
`,
    },
    {
      name: 'Start-up code',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
const client = await pool.connect();
await client.query('select 1');
client.release();
`,
    },
  ],
  invalid: [
    {
      name: 'const client = await pool.connect();',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function handler(req, res) {
  const client = await pool.connect();
  const { rows } = await client.query('select * from users');
  res.json(rows);
  client.release();
}
`,
      errors: [
        {
          messageId: 'releaseNotInFinally',
          line: 5,
          column: 24,
          endLine: 5,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'releaseInFinally',
              output: `
import { Pool } from 'pg';
const pool = new Pool();
export async function handler(req, res) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from users');
    res.json(rows);
  } finally {
    client.release();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name:
        'The pool comes from another module: the release call shows it is a checkout. ' +
        'No suggestion: `rows` is used after the release, so moving its declaration into `try` would break the code',
      code: `
const pool = require('./db');
async function handler(req, res) {
  const conn = await pool.getConnection();
  const [rows] = await conn.query('select 1');
  conn.release();
  res.json(rows);
}
module.exports = handler;
`,
      errors: [{ messageId: 'releaseNotInFinally', line: 4, column: 22, endLine: 4, endColumn: 42, suggestions: [] }],
    },
    {
      name: "The suggestion keeps the file's indentation",
      code: `
const pool = require('./db');
async function handler(req, res) {
    const conn = await pool.getConnection();
    await conn.query('select 1');
    conn.release();
}
module.exports = handler;
`,
      errors: [
        {
          messageId: 'releaseNotInFinally',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'releaseInFinally',
              output: `
const pool = require('./db');
async function handler(req, res) {
    const conn = await pool.getConnection();
    try {
        await conn.query('select 1');
    } finally {
        conn.release();
    }
}
module.exports = handler;
`,
            },
          ],
        },
      ],
    },
    {
      name: 'A `try` that releases in `finally`, but with code that can throw before it',
      code: `
import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function handler() {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    return await runner.query('select 1');
  } finally {
    await runner.release();
  }
}
`,
      errors: [{ messageId: 'releaseNotInFinally', line: 5, column: 18, endLine: 5, endColumn: 48 }],
    },
    {
      name: 'TypeScript: annotations and non-null assertions do not hide the release',
      code: `
import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function purge(): Promise<number> {
  const client: PoolClient = await pool.connect();
  const { rowCount } = await client.query('delete from sessions');
  client!.release();
  return rowCount ?? 0;
}
`,
      errors: [{ messageId: 'releaseNotInFinally', line: 5, column: 36, endLine: 5, endColumn: 50, suggestions: [] }],
    },
    {
      name: 'Never released, from a pool of this file',
      code: `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function handler() {
  const conn = await pool.getConnection();
  return (await conn.query('select 1'))[0];
}
`,
      errors: [{ messageId: 'neverReleased', line: 5, column: 22, endLine: 5, endColumn: 42 }],
    },
  ],
});
