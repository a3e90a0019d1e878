/**
 * Runs the codemod's fixture inputs and outputs against in-memory fakes of the database clients that count
 * queries: the input makes one query per item, the output one query in all, and both return the same values in the
 * same order, duplicates and missing keys included.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import DataLoader from 'dataloader';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { runRefactor } from '../../src/refactors/n-plus-one-to-dataloader.js';
import { runCommonJs } from './commonjs.js';
import { fixturePath } from '../fixture-path.js';

const fixtures = fixturePath('n-plus-one-to-dataloader');

interface Row {
  [key: string]: unknown;
}

/** The fake database: tables of rows and a query counter. */
class FakeDb {
  queries = 0;
  constructor(readonly tables: Partial<Record<string, Row[]>>) {}
  table(name: string): Row[] {
    const rows = this.tables[name];
    if (!rows) throw new Error(`no table ${name}`);
    return rows;
  }
}

const same = (a: unknown, b: unknown): boolean => String(a) === String(b);
const copy = (row: Row): Row => ({ ...row });

function fakeModules(db: FakeDb): Record<string, unknown> {
  class Pool {
    async query(text: string, values: unknown[]): Promise<{ rows: Row[]; rowCount: number }> {
      db.queries += 1;
      const any = /from (\w+) where (\w+) = any\(\$1\)/iu.exec(text);
      const one = /from (\w+) where (\w+) = \$1/iu.exec(text);
      const match = any ?? one;
      if (!match) throw new Error(`unsupported SQL ${text}`);
      const [, table = '', column = ''] = match;
      const wanted = any ? (values[0] as unknown[]) : [values[0]];
      const rows = db
        .table(table)
        .filter((row) => wanted.some((value) => same(row[column], value)))
        .map(copy);
      return { rows, rowCount: rows.length };
    }
  }

  // mysql2/promise: `[rows, fields]`; an array value fills `IN (?)`, and `IN ()` is a syntax error.
  const mysql2 = {
    createPool: () => ({
      async query(text: string, values: unknown[]): Promise<[Row[], unknown[]]> {
        const list = /from (\w+) where (\w+) in \(\?\)/iu.exec(text);
        const one = /from (\w+) where (\w+) = \?/iu.exec(text);
        const match = list ?? one;
        if (!match) throw new Error(`unsupported SQL ${text}`);
        const wanted = list ? (values[0] as unknown[]) : [values[0]];
        if (wanted.length === 0) throw new Error("You have an error in your SQL syntax near ')'");
        db.queries += 1;
        const [, table = '', column = ''] = match;
        const rows = db
          .table(table)
          .filter((row) => wanted.some((value) => same(row[column], value)))
          .map(copy);
        return [rows, []];
      },
    }),
  };

  const matches = (row: Row, where: Record<string, unknown>): boolean =>
    Object.entries(where).every(([field, condition]) => {
      if (condition && typeof condition === 'object' && 'in' in condition)
        return (condition.in as unknown[]).some((v) => row[field] === v);
      return row[field] === condition;
    });
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- the code under test runs `new PrismaClient()`
  class PrismaClient {
    constructor() {
      return new Proxy(this, {
        get: (_target, model: string) => ({
          findUnique: async ({ where }: { where: Record<string, unknown> }) => {
            db.queries += 1;
            const row = db.table(model).find((r) => matches(r, where));
            return row ? copy(row) : null;
          },
          findFirst: async ({ where }: { where: Record<string, unknown> }) => {
            db.queries += 1;
            const row = db.table(model).find((r) => matches(r, where));
            return row ? copy(row) : null;
          },
          findMany: async ({ where }: { where: Record<string, unknown> }) => {
            db.queries += 1;
            return db
              .table(model)
              .filter((r) => matches(r, where))
              .map(copy);
          },
        }),
      });
    }
  }

  const mongoose = {
    // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- the code under test runs `new Schema(...)`
    Schema: class {},
    model(name: string) {
      return {
        async findById(id: unknown) {
          db.queries += 1;
          const row = db.table(name).find((r) => same(r._id, id));
          return row ? copy(row) : null;
        },
        async find(filter: Record<string, { $in: unknown[] }>) {
          db.queries += 1;
          const [[field, { $in }]] = Object.entries(filter) as [[string, { $in: unknown[] }]];
          return db
            .table(name)
            .filter((r) => $in.some((v) => same(r[field], v)))
            .map(copy);
        },
      };
    },
  };

  class Model {
    static primaryKeyAttribute = 'id';
    // Like Sequelize instances: attributes are readable as properties and through get().
    constructor(dataValues: Row) {
      Object.assign(this, dataValues);
    }
    get(attribute: string): unknown {
      return (this as unknown as Row)[attribute];
    }
    static async findByPk(this: typeof Model, id: unknown) {
      db.queries += 1;
      const row = db.table(this.name).find((r) => same(r.id, id));
      return row ? new this(copy(row)) : null;
    }
    static async findAll(this: typeof Model, { where }: { where: Record<string, unknown> }) {
      db.queries += 1;
      const [[field, condition]] = Object.entries(where) as [[string, unknown]];
      // Sequelize reads an array as IN (...), anything else as equality.
      const values = Array.isArray(condition) ? condition : [condition];
      return db
        .table(this.name)
        .filter((r) => values.some((v) => same(r[field], v)))
        .map((r) => new this(copy(r)));
    }
  }

  class Sequelize {
    define(name: string) {
      const model = class extends Model {};
      Object.defineProperty(model, 'name', { value: name });
      return model;
    }
  }

  const In = (values: unknown[]) => ({ $in: values });
  class DataSource {
    getRepository(entity: { name: string }) {
      const table = entity.name;
      return {
        async findOneBy(where: Record<string, unknown>) {
          db.queries += 1;
          const [[field, value]] = Object.entries(where);
          const row = db.table(table).find((r) => same(r[field], value));
          return row ? copy(row) : null;
        },
        async findBy(where: Record<string, { $in: unknown[] }>) {
          db.queries += 1;
          const [[field, { $in }]] = Object.entries(where) as [[string, { $in: unknown[] }]];
          return db
            .table(table)
            .filter((r) => $in.some((v) => same(r[field], v)))
            .map(copy);
        },
      };
    }
  }

  const knex = () => (table: string) => {
    let filter: (row: Row) => boolean = () => true;
    let single = false;
    const builder = {
      where(condition: Record<string, unknown>) {
        filter = (row) => Object.entries(condition).every(([f, v]) => same(row[f], v));
        return builder;
      },
      whereIn(field: string, values: unknown[]) {
        filter = (row) => values.some((v) => same(row[field], v));
        return builder;
      },
      first() {
        single = true;
        return builder;
      },
      then(resolve: (value: unknown) => unknown, reject: (error: unknown) => unknown) {
        db.queries += 1;
        const rows = db.table(table).filter(filter).map(copy);
        return Promise.resolve(single ? rows[0] : rows).then(resolve, reject);
      },
    };
    return builder;
  };

  return {
    pg: { Pool },
    'mysql2/promise': mysql2,
    '@prisma/client': { PrismaClient },
    mongoose,
    sequelize: { Model, Sequelize },
    typeorm: { DataSource, In },
    './entities': { Product: { name: 'products' } },
    knex,
  };
}

/** Evaluates CommonJS source with the fakes (and extra local modules) as `require`. */
function evaluate(source: string, db: FakeDb, local: Record<string, unknown> = {}): Record<string, unknown> {
  const modules: Record<string, unknown> = { ...fakeModules(db), dataloader: DataLoader, ...local };
  const require = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`unexpected require(${name})`);
    return modules[name];
  };
  return runCommonJs(source, require) as Record<string, unknown>;
}

/** Loads a fixture file as a CommonJS module (TypeScript and ES modules are transpiled first) with the fakes. */
function load(file: string, db: FakeDb): Partial<Record<string, (...args: unknown[]) => Promise<unknown>>> {
  const source = readFileSync(path.join(fixtures, file), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: file,
  });
  const modules = fakeModules(db);
  const require = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`unexpected require(${name})`);
    return modules[name];
  };
  return runCommonJs(outputText, require) as Partial<Record<string, (...args: unknown[]) => Promise<unknown>>>;
}

/** Runs the same call on input and output; returns both results and query counts. */
async function compare(fixture: string, fn: string, ext: string, tables: () => Record<string, Row[]>, args: unknown[]) {
  const before = new FakeDb(tables());
  const after = new FakeDb(tables());
  const inputResult = await load(`${fixture}/input${ext}`, before)[fn]?.(...args);
  const outputResult = await load(`${fixture}/output${ext}`, after)[fn]?.(...args);
  return { inputResult, outputResult, before: before.queries, after: after.queries };
}

// Five lookups: a duplicate (2 twice) and a missing key (99).
const KEYS = [2, 1, 2, 99, 3];
const users = (): Row[] => [
  { id: 1, name: 'Ada', email: 'ada@example.com' },
  { id: 2, name: 'Grace', email: 'grace@example.com' },
  { id: 3, name: 'Linus', email: 'linus@example.com' },
  { id: 4, name: 'Ada again', email: 'ada@example.com' },
];

describe('n-plus-one-to-dataloader behaviour', () => {
  it('pg: one query with = ANY($1) instead of one per id, same users in the same order', async () => {
    const result = await compare('pg-loop-cjs', 'usersByIds', '.js', () => ({ users: users() }), [KEYS]);
    expect(result.before).toBe(5);
    expect(result.after).toBe(1);
    expect(result.outputResult).toEqual(result.inputResult);
    expect((result.outputResult as (Row | null)[]).map((u) => u?.name ?? null)).toEqual([
      'Grace',
      'Ada',
      'Grace',
      null,
      'Linus',
    ]);
  });

  it('pg: string keys still match numeric ids, as they do in SQL', async () => {
    const result = await compare('pg-loop-cjs', 'usersByIds', '.js', () => ({ users: users() }), [['3', '1']]);
    expect(result.after).toBe(1);
    expect(result.outputResult).toEqual(result.inputResult);
  });

  it('mysql2: one IN (?) query instead of one per order, and none for no orders', async () => {
    const tables = () => ({
      orders: KEYS.map((customer_id, i) => ({ id: i + 1, customer_id, status: 'open' })),
      customers: users(),
    });
    const result = await compare('mysql2-request-loop-cjs', 'ordersWithCustomers', '.js', tables, ['open']);
    expect([result.before, result.after]).toEqual([6, 2]);
    expect(result.outputResult).toEqual(result.inputResult);
    expect((result.outputResult as { customer: Row | null }[]).map((order) => order.customer?.name ?? null)).toEqual([
      'Grace',
      'Ada',
      'Grace',
      null,
      'Linus',
    ]);
    const none = await compare('mysql2-request-loop-cjs', 'ordersWithCustomers', '.js', tables, ['closed']);
    expect([none.before, none.after]).toEqual([1, 1]);
    expect(none.outputResult).toEqual([]);
  });

  it('Prisma findUnique in Promise.all(map): one findMany, null for a missing author', async () => {
    const posts = KEYS.map((authorId, i) => ({ id: i, authorId }));
    const result = await compare('prisma-map-esm', 'authorsOf', '.js', () => ({ user: users() }), [posts]);
    expect([result.before, result.after]).toEqual([5, 1]);
    expect(result.outputResult).toEqual(result.inputResult);
    expect((result.outputResult as unknown[])[3]).toBeNull();
  });

  it('Prisma findFirst by a non-unique field: the first row wins, as before', async () => {
    const posts = ['ada@example.com', 'linus@example.com', 'nobody@example.com', 'ada@example.com'].map(
      (authorEmail) => ({ authorEmail }),
    );
    const result = await compare('prisma-map-cjs', 'authorsOf', '.js', () => ({ user: users() }), [posts]);
    expect([result.before, result.after]).toEqual([4, 1]);
    expect(result.outputResult).toEqual(result.inputResult);
    expect((result.outputResult as Row[])[0]?.name).toBe('Ada');
  });

  it('Mongoose findById in a loop: one find with $in, ObjectId-like keys compared as strings', async () => {
    const docs = (): Row[] => users().map((u) => ({ _id: `id${String(u.id)}`, name: u.name }));
    const orders = KEYS.map((k, i) => ({ id: i, userId: `id${k}` }));
    const result = await compare('mongoose-loop-cjs', 'buyers', '.js', () => ({ User: docs() }), [orders]);
    expect([result.before, result.after]).toEqual([5, 1]);
    expect(result.outputResult).toEqual(result.inputResult);
  });

  it('Sequelize findByPk in Promise.all(map): one findAll on the primary key', async () => {
    const lines = KEYS.map((productId) => ({ productId }));
    const result = await compare('sequelize-map-cjs', 'productsFor', '.js', () => ({ Product: users() }), [lines]);
    expect([result.before, result.after]).toEqual([5, 1]);
    expect(result.outputResult).toEqual(result.inputResult);
  });

  it('Sequelize findAll by a foreign key in a loop: one findAll, every item gets its rows ([] when none)', async () => {
    const lines = (): Row[] => [
      { id: 10, orderId: 2 },
      { id: 11, orderId: 1 },
      { id: 12, orderId: 2 },
    ];
    const orders = KEYS.map((id) => ({ id }));
    const result = await compare('sequelize-many-loop-cjs', 'linesOf', '.js', () => ({ Line: lines() }), [orders]);
    expect([result.before, result.after]).toEqual([5, 1]);
    expect(result.outputResult).toEqual(result.inputResult);
    expect((result.outputResult as unknown[][]).map((group) => group.length)).toEqual([2, 1, 2, 0, 0]);
  });

  it('TypeORM findOneBy in a loop: one findBy with In()', async () => {
    const products = (): Row[] => [
      { sku: 'a', title: 'Apple' },
      { sku: 'b', title: 'Bread' },
    ];
    const lines = ['b', 'a', 'b', 'zzz'].map((sku, qty) => ({ sku, qty }));
    const result = await compare('typeorm-loop-ts', 'linesWithProducts', '.ts', () => ({ products: products() }), [
      lines,
    ]);
    expect([result.before, result.after]).toEqual([4, 1]);
    expect(result.outputResult).toEqual(result.inputResult);
  });

  it('Knex where().first() in Promise.all(map): one whereIn, undefined for a missing row', async () => {
    const invoices = KEYS.map((customerId) => ({ customerId }));
    const result = await compare('knex-map-cjs', 'customers', '.js', () => ({ customers: users() }), [invoices]);
    expect([result.before, result.after]).toEqual([5, 1]);
    expect(result.outputResult).toEqual(result.inputResult);
    expect((result.outputResult as unknown[])[3]).toBeUndefined();
  });

  it('an empty list: no rows either way', async () => {
    const result = await compare('prisma-map-esm', 'authorsOf', '.js', () => ({ user: users() }), [[]]);
    expect(result.outputResult).toEqual([]);
    expect(result.inputResult).toEqual([]);
  });

  it('GraphQL Post.author: one query per post before, one batched query per request after', async () => {
    const resolversSource = `const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();

const resolvers = {
  Query: { posts: () => prisma.post.findMany() },
  Post: {
    author: (post) => prisma.user.findUnique({ where: { id: post.authorId } }),
    comments: (post) => prisma.comment.findMany({ where: { postId: post.id } }),
  },
};

module.exports = { resolvers, prisma };
`;
    const cwd = mkdtempSync(path.join(tmpdir(), 'n-plus-one-behaviour-'));
    mkdirSync(path.join(cwd, 'src'));
    writeFileSync(path.join(cwd, 'src/resolvers.js'), resolversSource);
    const { changes } = runRefactor({ files: ['src/resolvers.js'], cwd, dry: true });
    const after = (file: string): string => changes.find((c) => c.path === file)?.after ?? '';
    const posts = KEYS.map((authorId, id) => ({ id, authorId }));

    // What a GraphQL executor does for \`{ posts { author { name } comments { text } } }\`: the field resolvers
    // of all posts run in the same tick.
    type Resolvers = { Post: { author: (...args: unknown[]) => unknown; comments: (...args: unknown[]) => unknown } };
    const resolve = (resolvers: Resolvers, context: unknown) =>
      Promise.all(
        posts.map(async (post) => ({
          author: await resolvers.Post.author(post, {}, context),
          comments: await resolvers.Post.comments(post, {}, context),
        })),
      );
    const comments = (): Row[] => [
      { id: 1, postId: 0, text: 'first' },
      { id: 2, postId: 2, text: 'second' },
      { id: 3, postId: 0, text: 'third' },
    ];

    const before = new FakeDb({ user: users(), comment: comments() });
    const input = evaluate(resolversSource, before) as { resolvers: Resolvers };
    const inputResult = await resolve(input.resolvers, {});

    const afterDb = new FakeDb({ user: users(), comment: comments() });
    const output = evaluate(after('src/resolvers.js'), afterDb) as { resolvers: Resolvers; prisma: unknown };
    const loaders = evaluate(after('src/loaders.js'), afterDb) as { createLoaders: (deps: unknown) => unknown };
    // The context function the server would run once per request.
    const outputResult = await resolve(output.resolvers, { loaders: loaders.createLoaders({ prisma: output.prisma }) });

    // Five posts: five author and five comment queries before; one of each after.
    expect(before.queries).toBe(10);
    expect(afterDb.queries).toBe(2);
    expect(outputResult).toEqual(inputResult);
    expect(outputResult[3]?.author).toBeNull();
    expect(outputResult[0]?.comments).toEqual([
      { id: 1, postId: 0, text: 'first' },
      { id: 3, postId: 0, text: 'third' },
    ]);
    expect(outputResult[1]?.comments).toEqual([]);

    // A second request gets fresh loaders: nothing cached across requests.
    await resolve(output.resolvers, { loaders: loaders.createLoaders({ prisma: output.prisma }) });
    expect(afterDb.queries).toBe(4);
  });
});
