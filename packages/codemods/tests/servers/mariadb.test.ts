/**
 * n-plus-one-to-dataloader against a real MariaDB (`scripts/servers.sh`): the codemod runs on fixture inputs, and
 * input and output run with the real `mysql2` driver on the same tables. Both must return the same values, and the
 * server's own statistics (`information_schema.USER_STATISTICS` of a user only the programs connect as) must show one
 * SELECT per item before and one batch SELECT after.
 */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as module from '../../src/refactors/n-plus-one-to-dataloader.js';
import { runTransform } from '../run-transform.js';
import { HOST, SERVERS, USER, readFixture, runProgram, serverRuns } from './servers.js';

const runs = await serverRuns('MariaDB');
const CODEMOD = 'n-plus-one-to-dataloader';
const DATABASE = `backend_perf_${String(process.pid)}`;
/** The programs' own user: its statistics count only their statements. */
const PROGRAM_USER = `program_${String(process.pid)}`;
const server = { host: HOST, port: SERVERS.MariaDB };

const SCHEMA = [
  'CREATE TABLE customers (id int PRIMARY KEY, name varchar(100) NOT NULL)',
  'CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, status varchar(20) NOT NULL, total decimal(10, ' +
    '2) NOT NULL)',
  "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus'), (4, 'Barbara')",
  // Five open orders: customer 2 twice, customer 99 does not exist.
  "INSERT INTO orders VALUES (1, 2, 'open', 10.50), (2, 1, 'open', 3.00), (3, 3, 'closed', 7.25), (4, 2, 'open', " +
    "1.99), (5, 99, 'open', 12.00), (6, 3, 'open', 5.00), (7, 4, 'closed', 8.00)",
];

let admin: mysql.Connection;

/** SELECT statements the programs' user has run, by the server's user statistics. */
async function selects(): Promise<number> {
  const [rows] = await admin.query<mysql.RowDataPacket[]>(
    'SELECT SELECT_COMMANDS FROM information_schema.USER_STATISTICS WHERE USER = ?',
    [PROGRAM_USER],
  );
  return Number(rows[0]?.SELECT_COMMANDS ?? 0);
}

function migrate(name: string, file: string): { input: string; output: string } {
  const input = readFixture(CODEMOD, name, file);
  const { output, reports } = runTransform(module, input, `src/routes/${name}.js`);
  expect(reports).toEqual([]);
  expect(output).toBe(readFixture(CODEMOD, name, 'output.js'));
  return { input, output: output as string };
}

/** Runs one function of a program against the server; returns its result and the SELECTs it cost. */
async function execute(source: string, fn: string, args: unknown[]) {
  const pools: mysql.Pool[] = [];
  const driver = {
    ...mysql,
    // Connected to the test database as the programs' user, whatever the program passes (as its environment would).
    createPool: (config: mysql.PoolOptions) => {
      const pool = mysql.createPool({ ...config, uri: undefined, ...server, user: PROGRAM_USER, database: DATABASE });
      pools.push(pool);
      return pool;
    },
  };
  try {
    const program = await runProgram(source, 'program.js', { 'mysql2/promise': driver });
    const start = await selects();
    const result = await program[fn]?.(...args);
    return { result, queries: (await selects()) - start };
  } finally {
    await Promise.all(pools.map((pool) => pool.end()));
  }
}

async function compare(name: string, fn: string, args: unknown[]) {
  const { input, output } = migrate(name, 'input.js');
  return { before: await execute(input, fn, args), after: await execute(output, fn, args) };
}

describe.runIf(runs)('n-plus-one-to-dataloader against MariaDB', () => {
  beforeAll(async () => {
    admin = await mysql.createConnection({ ...server, user: USER });
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.query(`CREATE OR REPLACE USER '${PROGRAM_USER}'@'${HOST}'`);
    await admin.query(`GRANT ALL PRIVILEGES ON ${DATABASE}.* TO '${PROGRAM_USER}'@'${HOST}'`);
    await admin.query(`USE ${DATABASE}`);
    for (const statement of SCHEMA) await admin.query(statement);
  });

  afterAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll could not connect
    if (!admin) return;
    await admin.query(`DROP USER IF EXISTS '${PROGRAM_USER}'@'${HOST}'`);
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.end();
  });

  it('mysql2: the request for five orders costs 6 SELECTs before (N+1) and 2 after, with the same result', async () => {
    const { before, after } = await compare('mysql2-request-loop-cjs', 'ordersWithCustomers', ['open']);
    expect(before.result).toEqual([
      { id: 1, customer_id: 2, status: 'open', total: '10.50', customer: { id: 2, name: 'Grace' } },
      { id: 2, customer_id: 1, status: 'open', total: '3.00', customer: { id: 1, name: 'Ada' } },
      { id: 4, customer_id: 2, status: 'open', total: '1.99', customer: { id: 2, name: 'Grace' } },
      { id: 5, customer_id: 99, status: 'open', total: '12.00', customer: null },
      { id: 6, customer_id: 3, status: 'open', total: '5.00', customer: { id: 3, name: 'Linus' } },
    ]);
    expect(after.result).toEqual(before.result);
    expect([before.queries, after.queries]).toEqual([6, 2]);
  });

  it('mysql2: no orders: 1 SELECT either way (an empty IN () would be a syntax error)', async () => {
    const { before, after } = await compare('mysql2-request-loop-cjs', 'ordersWithCustomers', ['none']);
    expect([before.result, after.result]).toEqual([[], []]);
    expect([before.queries, after.queries]).toEqual([1, 1]);
  });
});
