/**
 * n-plus-one-to-dataloader against a real PostgreSQL (`scripts/servers.sh`): the codemod runs on fixture inputs, and
 * input and output run with the real `pg`, Knex, TypeORM, Drizzle and Objection drivers on the same tables. Both must
 * return the same
 * values, and pg_stat_statements, the server's own count of the statements it ran, must show one query per item
 * before and one batch query after.
 */
import * as drizzleOrm from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import knex, { type Knex } from 'knex';
import * as objection from 'objection';
import pg from 'pg';
import * as typeorm from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as module from '../../src/refactors/n-plus-one-to-dataloader.js';
import { runTransform } from '../run-transform.js';
import { HOST, SERVERS, USER, readFixture, runProgram, serverRuns } from './servers.js';

const runs = await serverRuns('PostgreSQL');
const CODEMOD = 'n-plus-one-to-dataloader';
const DATABASE = `backend_perf_${String(process.pid)}`;
const connection = { host: HOST, port: SERVERS.PostgreSQL, user: USER, database: DATABASE };

const SCHEMA = `
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (
  id integer PRIMARY KEY, customer_id integer NOT NULL, status text NOT NULL, total numeric(10, 2) NOT NULL
);
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL);
CREATE TABLE products (sku text PRIMARY KEY, title text NOT NULL);
INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus'), (4, 'Barbara');
-- Five open orders: customer 2 twice, customer 99 does not exist.
INSERT INTO orders VALUES (1, 2, 'open', 10.50), (2, 1, 'open', 3.00), (3, 3, 'closed', 7.25), (4, 2, 'open', 1.99),
  (5, 99, 'open', 12.00), (6, 3, 'open', 5.00), (7, 4, 'closed', 8.00);
INSERT INTO users VALUES (1, 'Ada', 'ada@example.com'), (2, 'Grace', 'grace@example.com'),
  (3, 'Linus', 'linus@example.com'), (4, 'Ada again', 'ada@example.com');
INSERT INTO products VALUES ('a', 'Apple'), ('b', 'Bread');
CREATE TABLE posts (id integer PRIMARY KEY, title text NOT NULL);
INSERT INTO posts VALUES (1, 'Hello'), (2, 'Batching'), (3, 'Pools');
CREATE TABLE persons (id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL);
INSERT INTO persons VALUES (1, 'Ada', 'ada@example.com'), (2, 'Grace', 'grace@example.com'),
  (3, 'Linus', 'linus@example.com');
`;

/** The Drizzle schema the fixtures import from `./schema`. */
const schema = {
  users: pgTable('users', {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull(),
  }),
  posts: pgTable('posts', { id: integer('id').primaryKey(), title: text('title').notNull() }),
};

// typeorm declares its entity options as a class but takes them as plain objects, its documented way.
// eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- see above
const Customer = new typeorm.EntitySchema<{ id: number; name: string }>({
  name: 'Customer',
  tableName: 'customers',
  columns: { id: { type: Number, primary: true }, name: { type: String } },
});
// eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- typeorm takes plain options
const Order = new typeorm.EntitySchema<{ id: number; customerId: number; status: string; total: string }>({
  name: 'Order',
  tableName: 'orders',
  columns: {
    id: { type: Number, primary: true },
    customerId: { type: Number, name: 'customer_id' },
    status: { type: String },
    total: { type: 'numeric' },
  },
});
// eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- typeorm takes plain options
const Product = new typeorm.EntitySchema<{ sku: string; title: string }>({
  name: 'Product',
  tableName: 'products',
  columns: { sku: { type: String, primary: true }, title: { type: String } },
});

/**
 * The real drivers, connected to the test database whatever the program passes (as its environment would), and
 * every pool, Knex instance and data source a program creates, to close them after it ran.
 */
function drivers(): { modules: Record<string, unknown>; start: () => Promise<void>; close: () => Promise<void> } {
  const pools: pg.Pool[] = [];
  const knexes: Knex[] = [];
  const sources: typeorm.DataSource[] = [];
  const connect = (config: Knex.Config): Knex => {
    // Knex asks every new connection for the server version until it knows it (\`select version()\`); an
    // application that configures \`version\` saves those, and so do the tests, to count the request's queries.
    const instance = knex({ ...config, connection, version: serverVersion });
    knexes.push(instance);
    return instance;
  };
  // Objection's models run on the Knex instance bound to their base class, as an application binds it at start-up.
  class Model extends objection.Model {}
  Model.knex(connect({ client: 'pg' }));
  class Pool extends pg.Pool {
    constructor(config?: pg.PoolConfig) {
      super({ ...config, ...connection });
      pools.push(this);
    }
  }
  class DataSource extends typeorm.DataSource {
    constructor(options: typeorm.DataSourceOptions) {
      super({
        ...options,
        type: 'postgres',
        url: undefined,
        ...connection,
        username: USER,
        entities: [Customer, Order, Product],
      } as typeorm.DataSourceOptions);
      sources.push(this);
    }
  }
  return {
    modules: {
      pg: { ...pg, Pool },
      knex: connect,
      // \`drizzle(url)\`: a Drizzle client over a pool of its own, with the schema its relational queries read.
      'drizzle-orm/node-postgres': { drizzle: () => drizzle({ client: new Pool(), schema }) },
      'drizzle-orm': drizzleOrm,
      './schema': schema,
      objection: { ...objection, Model },
      typeorm: { ...typeorm, DataSource },
      './entities': { Customer, Order, Product },
    },
    // What an application does at start-up: initialise its data sources.
    start: async () => {
      for (const source of sources) if (!source.isInitialized) await source.initialize();
    },
    close: async () => {
      await Promise.all([
        ...pools.map((pool) => pool.end()),
        ...knexes.map((instance) => instance.destroy()),
        ...sources.map((source) => source.destroy()),
      ]);
    },
  };
}

let stats: pg.Client;
let serverVersion: string;

/** Statements the server ran in the test database since the last reset, by pg_stat_statements. */
async function statements(): Promise<number> {
  const { rows } = await stats.query<{ calls: string }>(
    `SELECT coalesce(sum(calls), 0) AS calls FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND query NOT LIKE '%pg_stat_statements%'`,
  );
  return Number(rows[0]?.calls);
}

async function resetStatements(): Promise<void> {
  await stats.query(
    'SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)',
  );
}

function migrate(name: string, file: string): { input: string; output: string } {
  const input = readFixture(CODEMOD, name, file);
  const { output, reports } = runTransform(module, input, `src/routes/${name}${file.slice(file.indexOf('.'))}`);
  expect(reports).toEqual([]);
  expect(output).toBe(readFixture(CODEMOD, name, file.replace('input', 'output')));
  return { input, output: output as string };
}

/** Runs one function of a program against the server; returns its result and the statements it cost. */
async function execute(source: string, file: string, fn: string, args: unknown[]) {
  const driver = drivers();
  try {
    const program = await runProgram(source, file, driver.modules);
    await driver.start();
    await resetStatements();
    const result = await program[fn]?.(...args);
    return { result, queries: await statements() };
  } finally {
    await driver.close();
  }
}

async function compare(name: string, file: string, fn: string, args: unknown[]) {
  const { input, output } = migrate(name, file);
  const before = await execute(input, file, fn, args);
  const after = await execute(output, file, fn, args);
  return { before, after };
}

describe.runIf(runs)('n-plus-one-to-dataloader against PostgreSQL', () => {
  beforeAll(async () => {
    const admin = new pg.Client({ ...connection, database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
      await admin.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await admin.end();
    }
    stats = new pg.Client(connection);
    await stats.connect();
    await stats.query(SCHEMA);
    serverVersion =
      (await stats.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '';
  });

  afterAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll could not connect
    await stats?.end();
    const admin = new pg.Client({ ...connection, database: 'postgres' });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.end();
  });

  const openOrders = [
    { id: 1, customer_id: 2, status: 'open', total: '10.50', customer: { id: 2, name: 'Grace' } },
    { id: 2, customer_id: 1, status: 'open', total: '3.00', customer: { id: 1, name: 'Ada' } },
    { id: 4, customer_id: 2, status: 'open', total: '1.99', customer: { id: 2, name: 'Grace' } },
    { id: 5, customer_id: 99, status: 'open', total: '12.00', customer: null },
    { id: 6, customer_id: 3, status: 'open', total: '5.00', customer: { id: 3, name: 'Linus' } },
  ];

  it('pg: the request for five orders costs 6 statements before (N+1) and 2 after, with the same result', async () => {
    const { before, after } = await compare('pg-request-loop-cjs', 'input.js', 'ordersWithCustomers', ['open']);
    expect(before.result).toEqual(openOrders);
    expect(after.result).toEqual(before.result);
    expect([before.queries, after.queries]).toEqual([6, 2]);
  });

  it('pg: no orders, no lookups: 1 statement before, 2 after (the empty batch)', async () => {
    const { before, after } = await compare('pg-request-loop-cjs', 'input.js', 'ordersWithCustomers', ['none']);
    expect([before.result, after.result]).toEqual([[], []]);
    expect([before.queries, after.queries]).toEqual([1, 2]);
  });

  it('pg: ids with a duplicate, a missing one and strings for an integer column', async () => {
    for (const ids of [
      [2, 1, 2, 99, 3],
      ['3', '1', '3'],
    ]) {
      const { before, after } = await compare('pg-loop-cjs', 'input.js', 'usersByIds', [ids]);
      expect(after.result).toEqual(before.result);
      expect([before.queries, after.queries]).toEqual([ids.length, 1]);
    }
    const { after } = await compare('pg-loop-cjs', 'input.js', 'usersByIds', [[2, 1, 2, 99, 3]]);
    expect((after.result as ({ name: string } | null)[]).map((user) => user?.name ?? null)).toEqual([
      'Grace',
      'Ada',
      'Grace',
      null,
      'Linus',
    ]);
  });

  it('Knex: the request for five orders costs 6 statements before and 2 after, with the same result', async () => {
    const { before, after } = await compare('knex-request-map-cjs', 'input.js', 'ordersWithCustomers', ['open']);
    expect(before.result).toEqual(openOrders);
    expect(after.result).toEqual(before.result);
    expect([before.queries, after.queries]).toEqual([6, 2]);
  });

  it('Knex: where().first() per invoice becomes one whereIn, undefined for a missing customer', async () => {
    const invoices = [2, 1, 2, 99, 3].map((customerId) => ({ customerId }));
    const { before, after } = await compare('knex-map-cjs', 'input.js', 'customers', [invoices]);
    expect(after.result).toEqual(before.result);
    expect((after.result as unknown[])[3]).toBeUndefined();
    expect([before.queries, after.queries]).toEqual([5, 1]);
  });

  it('TypeORM: the request for five orders costs 6 statements before and 2 after, with the same result', async () => {
    const { before, after } = await compare('typeorm-request-loop-ts', 'input.ts', 'ordersWithCustomers', ['open']);
    expect(before.result).toEqual(
      openOrders.map(({ customer_id: customerId, ...order }) => ({ ...order, customerId })),
    );
    expect(after.result).toEqual(before.result);
    expect([before.queries, after.queries]).toEqual([6, 2]);
  });

  it('TypeORM: findOneBy per line becomes one findBy with In(), null for an unknown sku', async () => {
    const lines = ['b', 'a', 'b', 'zzz'].map((sku, qty) => ({ sku, qty }));
    const { before, after } = await compare('typeorm-loop-ts', 'input.ts', 'linesWithProducts', [lines]);
    expect(after.result).toEqual(before.result);
    expect((after.result as { product: unknown }[])[3]?.product).toBeNull();
    expect([before.queries, after.queries]).toEqual([4, 1]);
  });

  it('Drizzle: a select per comment and a relational findFirst per id become one inArray query each', async () => {
    const comments = [2, 1, 2, 99, 3].map((authorId) => ({ body: `by ${String(authorId)}`, authorId }));
    const loop = await compare('drizzle-loop-ts', 'input.ts', 'commentsWithAuthors', [comments]);
    expect(loop.after.result).toEqual(loop.before.result);
    expect((loop.after.result as { author: unknown }[]).map((comment) => comment.author)).toEqual([
      { id: 2, name: 'Grace', email: 'grace@example.com' },
      { id: 1, name: 'Ada', email: 'ada@example.com' },
      { id: 2, name: 'Grace', email: 'grace@example.com' },
      undefined,
      { id: 3, name: 'Linus', email: 'linus@example.com' },
    ]);
    expect([loop.before.queries, loop.after.queries]).toEqual([5, 1]);
    const map = await compare('drizzle-loop-ts', 'input.ts', 'postsOf', [[3, 1, 3, 42]]);
    expect(map.after.result).toEqual(map.before.result);
    expect(map.after.result).toEqual([
      { id: 3, title: 'Pools' },
      { id: 1, title: 'Hello' },
      { id: 3, title: 'Pools' },
      undefined,
    ]);
    expect([map.before.queries, map.after.queries]).toEqual([4, 1]);
  });

  it('Objection: findById per pet becomes findByIds, where().first() per invite one whereIn', async () => {
    const pets = [2, 1, 2, 99].map((ownerId) => ({ ownerId }));
    const owners = await compare('objection-map-cjs', 'input.js', 'owners', [pets]);
    expect(owners.after.result).toEqual(owners.before.result);
    expect((owners.after.result as ({ name: string } | undefined)[]).map((owner) => owner?.name)).toEqual([
      'Grace',
      'Ada',
      'Grace',
      undefined,
    ]);
    expect([owners.before.queries, owners.after.queries]).toEqual([4, 1]);
    const invites = ['linus@example.com', 'nobody@example.com', 'ada@example.com'].map((email) => ({ email }));
    const people = await compare('objection-map-cjs', 'input.js', 'byEmail', [invites]);
    expect(people.after.result).toEqual(people.before.result);
    expect((people.after.result as ({ id: number } | undefined)[]).map((person) => person?.id)).toEqual([
      3,
      undefined,
      1,
    ]);
    expect([people.before.queries, people.after.queries]).toEqual([3, 1]);
  });
});
