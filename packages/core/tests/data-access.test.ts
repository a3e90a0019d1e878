import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { findDataAccessCalls, readSettings } from '../src/index.js';

/** Lists the data-access calls of a file as `library operation kind key` strings, one per call. */
function calls(code: string, settings: Record<string, unknown> = {}): string[] {
  const found: string[] = [];
  const linter = new Linter({ configType: 'flat' });
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: never) {
      return {
        'Program:exit'() {
          const { sourceCode } = context as { sourceCode: never };
          for (const call of findDataAccessCalls({ sourceCode, settings })) {
            const key = call.key ? ` key=${call.key.field ?? '(pk)'}${call.key.plain ? '' : '+'}` : '';
            const model = call.model ? ` model=${call.model}` : '';
            found.push(`${call.library} ${call.operation} ${call.kind}${model}${key} @${call.node.loc.start.line}`);
          }
        },
      };
    },
  };
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, sourceType: 'module' },
        plugins: { test: { rules: { calls: rule } } },
        rules: { 'test/calls': 'error' },
      },
    ],
    { filename: 'file.ts' },
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return found;
}

describe('findDataAccessCalls', () => {
  it('follows pg pools, clients and pool.connect() clients', () => {
    expect(
      calls(`
const { Pool, Client } = require('pg');
const pool = new Pool();
async function f(id) {
  await pool.query('SELECT * FROM users WHERE id = $1', [id]);
  const client = await pool.connect();
  await client.query({ text: 'SELECT * FROM t WHERE t.owner_id = $1', values: [id] });
  const other = new Client();
  other.query('SELECT 1');
}
`),
    ).toEqual(['pg query query key=id @5', 'pg query query key=owner_id @7', 'pg query query @9']);
  });

  it('follows mysql2 pools from both entry points', () => {
    expect(
      calls(`
import mysql from 'mysql2/promise';
import { createConnection } from 'mysql2';
const pool = mysql.createPool({});
const conn = createConnection({});
pool.execute('SELECT * FROM users WHERE id = ?', [1]);
conn.query('SELECT 1');
`),
    ).toEqual(['mysql2 execute query key=id @6', 'mysql2 query query @7']);
  });

  it('follows Prisma clients through variables, class fields and this-assignments', () => {
    expect(
      calls(`
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
prisma.user.findUnique({ where: { id: 1 } });
prisma.post.findMany({ where: { authorId: 1 } });
prisma.user.findFirst({ where: { email: 'a' }, select: { id: true } });
class Repo {
  db = new PrismaClient();
  other: PrismaClient;
  constructor() { this.other = new PrismaClient(); }
  a(id: string) { return this.db.user.findUniqueOrThrow({ where: { id } }); }
  b() { return this.other.comment.count(); }
}
const { user } = prisma;
user.findUnique({ where: { id: 2 } });
prisma.$transaction([]);
`),
    ).toEqual([
      'prisma findUnique read-one model=user key=id @4',
      'prisma findMany read-many model=post key=authorId @5',
      'prisma findFirst read-one model=user key=email+ @6',
      'prisma findUniqueOrThrow read-one model=user key=id @11',
      'prisma count count model=comment @12',
      'prisma findUnique read-one model=user key=id @15',
    ]);
  });

  it('follows Mongoose, Sequelize and TypeORM models and repositories', () => {
    expect(
      calls(`
import mongoose, { model } from 'mongoose';
import { Sequelize, Model } from 'sequelize';
import { DataSource, getRepository } from 'typeorm';
const User = mongoose.model('User', {});
const Post = model('Post', {});
User.findById(1);
Post.find({ author: 1 });
const sequelize = new Sequelize('');
const Tag = sequelize.define('Tag', {});
Tag.findByPk(1);
class Order extends Model {}
Order.findAll({ where: { userId: 1 } });
Order.findOne({ where: { id: 1 } });
const source = new DataSource({});
source.getRepository('Item').findOneBy({ id: 1 });
source.manager.getRepository('Item').findBy({ kind: 1 });
getRepository('Item').findOne({ where: { sku: 'x' } });
`),
    ).toEqual([
      'mongoose findById read-one key=_id @7',
      'mongoose find read-many key=author @8',
      'sequelize findByPk read-one key=(pk) @11',
      'sequelize findAll read-many key=userId @13',
      'sequelize findOne read-one key=id @14',
      'typeorm findOneBy read-one key=id @16',
      'typeorm findBy read-many key=kind @17',
      'typeorm findOne read-one key=sku @18',
    ]);
  });

  it('follows Knex builders, Redis clients and HTTP clients', () => {
    expect(
      calls(`
import knex from 'knex';
import Redis from 'ioredis';
import { createClient } from 'redis';
import axios from 'axios';
import got from 'got';
import nodeFetch from 'node-fetch';
const db = knex({});
db('users').where({ id: 1 }).first();
db('users').where('users.id', 1).first();
db('users').where({ id: 1 }).andWhere('x', 2).first();
const redis = new Redis();
redis.get('k');
const client = createClient();
client.get('k');
axios.get('/x');
const api = axios.create({});
api.post('/y');
got('/z');
nodeFetch('/w');
fetch('/v');
`),
    ).toEqual([
      'knex first read-one key=id @9',
      'knex first read-one key=id @10',
      'knex first read-one @11',
      'redis get get @13',
      'redis get get @15',
      'http get request @16',
      'http post request @18',
      'http call request @19',
      'http call request @20',
      'http call request @21',
    ]);
  });

  it('ignores look-alikes: local classes, shadowed fetch, other libraries', () => {
    expect(
      calls(`
class Pool { query() {} }
const pool = new Pool();
pool.query('SELECT 1');
function g(fetch) { return fetch('/x'); }
const User = { findById() {} };
User.findById(1);
import { model } from './local-model';
model('X').findOne({ id: 1 });
`),
    ).toEqual([]);
  });

  it('knows exported singletons declared in settings', () => {
    expect(
      calls(
        `
import { prisma } from './db';
import * as models from '../models';
prisma.user.findUnique({ where: { id: 1 } });
models.User.findById(1);
`,
        {
          'backend-perf': {
            dataAccess: [
              { module: './db', export: 'prisma', shape: 'prisma-client' },
              { module: '../models', export: 'User', shape: 'mongoose-model' },
            ],
          },
        },
      ),
    ).toEqual(['prisma findUnique read-one model=user key=id @4', 'mongoose findById read-one key=_id @5']);
  });

  it('accepts the shapes of every data adapter in settings (Drizzle, MikroORM, Objection)', () => {
    expect(
      calls(
        `
import { db } from './db';
import { em } from './orm';
import { User } from './models';
db.query.users.findFirst({});
em.findOne(Account, { id: 1 });
User.query().findById(1);
`,
        {
          'backend-perf': {
            dataAccess: [
              { module: './db', export: 'db', shape: 'drizzle-db' },
              { module: './orm', export: 'em', shape: 'mikro-orm-entity-manager' },
              { module: './models', export: 'User', shape: 'objection-model' },
            ],
          },
        },
      ),
    ).toEqual([
      'drizzle findFirst read-one model=users @5',
      'mikro-orm findOne read-one key=id @6',
      'objection findById read-one key=(pk) @7',
    ]);
  });
});

describe("settings['backend-perf'].dataAccess", () => {
  it('accepts module + export + shape', () => {
    expect(
      readSettings({ 'backend-perf': { dataAccess: [{ module: './db', export: 'pool', shape: 'pg-pool' }] } }),
    ).toEqual({
      dataAccess: [{ module: './db', export: 'pool', shape: 'pg-pool' }],
    });
  });

  it('rejects malformed entries with a clear message', () => {
    expect(() => readSettings({ 'backend-perf': { dataAccess: {} } })).toThrow(
      "settings['backend-perf'].dataAccess must be an array",
    );
    expect(() => readSettings({ 'backend-perf': { dataAccess: [{ export: 'pool', shape: 'pg-pool' }] } })).toThrow(
      "settings['backend-perf'].dataAccess[0].module must be a module specifier",
    );
    expect(() => readSettings({ 'backend-perf': { dataAccess: [{ module: './db', shape: 'postgres' }] } })).toThrow(
      "settings['backend-perf'].dataAccess[0].shape must be one of",
    );
  });

  it('shares Redis clients with redisClients: one declaration under either key', () => {
    expect(
      readSettings({
        'backend-perf': { redisClients: [{ module: './lib/redis', export: 'cache', client: 'ioredis' }] },
      }),
    ).toEqual({
      redisClients: [{ module: './lib/redis', export: 'cache', client: 'ioredis' }],
      dataAccess: [{ module: './lib/redis', export: 'cache', shape: 'redis-client', client: 'ioredis' }],
    });
    expect(
      readSettings({
        'backend-perf': { dataAccess: [{ module: './lib/redis', shape: 'redis-client', client: 'node-redis' }] },
      }),
    ).toEqual({
      dataAccess: [{ module: './lib/redis', shape: 'redis-client', client: 'node-redis' }],
      redisClients: [{ module: './lib/redis', client: 'node-redis' }],
    });
    expect(() =>
      readSettings({ 'backend-perf': { dataAccess: [{ module: './db', shape: 'pg-pool', client: 'ioredis' }] } }),
    ).toThrow(
      'settings[\'backend-perf\'].dataAccess[0].client must be "ioredis" or "node-redis", and only with the ' +
        'shape "redis-client"',
    );
  });

  it('lets the N+1 detector see a client declared in redisClients', () => {
    expect(
      calls(
        `import { cache } from './lib/redis';\nasync function f(ids) { for (const id of ids) await cache.get(id); }\n`,
        {
          'backend-perf': { redisClients: [{ module: './lib/redis', export: 'cache', client: 'ioredis' }] },
        },
      ),
    ).toHaveLength(1);
  });
});
