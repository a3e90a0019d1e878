import rule from '../../src/rules/no-n-plus-one.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-n-plus-one', rule, {
  valid: [
    {
      // Transactions that may write (\`del\`, \`zremrangebyrank\`, a \`set\` chained on a read, commands given to
      // \`pipeline()\`), queue a command chosen at run time, or are passed to a helper that queues anything: not lookups.
      code: `
import Redis from 'ioredis';
const redis = new Redis();
function queue(multi, key) { multi.del(key); }
export async function cleanup(uids, command) {
  for (const uid of uids) await redis.multi().zcard(\`uid:\${uid}\`).zremrangebyrank(\`uid:\${uid}\`, 0, -100).exec();
  for (const uid of uids) {
    const multi = redis.multi();
    multi[command](\`user:\${uid}\`);
    await multi.exec();
  }
  for (const uid of uids) {
    const multi = redis.multi();
    multi.hgetall(\`user:\${uid}\`);
    queue(multi, \`uid:\${uid}:seen\`);
    await multi.exec();
  }
  for (const uid of uids) {
    const pipeline = redis.pipeline();
    pipeline.get(\`user:\${uid}\`).set(\`seen:\${uid}\`, 1);
    await pipeline.exec();
  }
  for (const uid of uids) {
    const pipeline = redis.pipeline([['del', \`cart:\${uid}\`]]);
    pipeline.get(\`user:\${uid}\`);
    await pipeline.exec();
  }
}
`,
    },
    {
      // Not the async library: a project object named \`async\`, and the library's \`map\` over a short literal list.
      code: `
const Redis = require('ioredis');
const redis = new Redis();
const async = { map: (list, fn, done) => done(null, list.map((item) => item)) };
function carts(ids, callback) {
  async.map(ids, (id, next) => redis.get(\`cart:\${id}\`, next), callback);
  require('async').map(['a', 'b'], (id, next) => redis.get(\`flag:\${id}\`, next), callback);
}
module.exports = carts;
`,
    },
    {
      // ueberDB writes per item are not lookups, and another library's \`get\` (a Map's) is not ueberDB's.
      code: `
const ueberDB = require('ueberdb2');
const db = new ueberDB.Database('postgres', { host: 'db' });
const names = new Map();
async function savePads(pads) {
  for (const pad of pads) await db.set(\`pad:\${pad.id}\`, pad);
  for (const pad of pads) await db.remove(\`pad:\${pad.id}:draft\`);
  return pads.map((pad) => names.get(pad.id));
}
module.exports = savePads;
`,
    },
    {
      // An async function compiled for ES5: the lookup before the compiled loop (case 0) runs once, and the one in
      // the loop reads the same row on every iteration.
      code: `
const { PrismaClient } = require('@prisma/client');
const prisma = new PrismaClient();
function tagPosts(posts, userId) {
  return __awaiter(this, void 0, void 0, function () {
    var user, posts_1, posts_1_1, post, settings;
    return __generator(this, function (_a) {
      switch (_a.label) {
        case 0: return [4 /*yield*/, prisma.user.findUnique({ where: { id: userId } })];
        case 1:
          user = _a.sent();
          posts_1 = __values(posts), posts_1_1 = posts_1.next();
          _a.label = 2;
        case 2:
          if (!!posts_1_1.done) return [3 /*break*/, 5];
          post = posts_1_1.value;
          return [4 /*yield*/, prisma.settings.findUnique({ where: { userId: userId } })];
        case 3:
          settings = _a.sent();
          post.tag = settings.tag;
          _a.label = 4;
        case 4:
          posts_1_1 = posts_1.next();
          return [3 /*break*/, 2];
        case 5: return [2 /*return*/, user];
      }
    });
  });
}
`,
    },
    {
      // A \`transaction\` method of a module the rule does not know: its callback's parameter is not a query client.
      code: `
const store = require('./store');
async function save(rows) {
  await store.transaction(async (tx) => {
    for (const row of rows) await tx.get(row.id);
  });
}
`,
    },
    // One batch query instead of one per item.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function authors(posts) {
  const users = await prisma.user.findMany({ where: { id: { in: posts.map((p) => p.authorId) } } });
  return users;
}
`,
    // Start-up code: a seed loop at module level.
    `
const { Pool } = require('pg');
const pool = new Pool();
for (const name of process.argv.slice(2)) {
  pool.query('SELECT * FROM users WHERE name = $1', [name]);
}
`,
    // A fixed list of three queries.
    `
const { Pool } = require('pg');
const pool = new Pool();
async function stats() {
  return Promise.all(['users', 'orders', 'items'].map((table) => pool.query(\`SELECT count(*) FROM \${table}\`)));
}
`,
    // Already batched through a DataLoader.
    `
import DataLoader from 'dataloader';
async function authors(posts, loaders) {
  return Promise.all(posts.map((post) => loaders.user.load(post.authorId)));
}
`,
    // In-memory work in a loop; the query runs once, before it.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function totals(ids) {
  const rows = await prisma.order.findMany({ where: { userId: { in: ids } } });
  return ids.map((id) => rows.filter((row) => row.userId === id).length);
}
`,
    // The same query on every iteration does not depend on the item (a polling loop).
    `
const { Pool } = require('pg');
const pool = new Pool();
async function waitForJob(jobId) {
  let done = false;
  while (!done) {
    const { rows } = await pool.query('SELECT done FROM jobs WHERE id = $1', [jobId]);
    done = rows[0].done;
  }
}
`,
    // A local class with a \`query\` method is not a database client.
    `
class Pool { query() {} }
const pool = new Pool();
async function run(ids) {
  for (const id of ids) await pool.query('SELECT 1', [id]);
}
`,
    // A same-named method of another library's object.
    `
import { model } from './local-model';
const User = model('User');
async function run(ids) {
  return Promise.all(ids.map((id) => User.findById(id)));
}
`,
    // An HTTP request in a loop whose arguments do not come from the item.
    `
import axios from 'axios';
async function ping(servers) {
  for (const server of servers) {
    await axios.get('/health');
  }
}
`,
    // The HTTP check turned off.
    {
      code: `
import axios from 'axios';
async function profiles(ids) {
  return Promise.all(ids.map((id) => axios.get(\`/users/\${id}\`)));
}
`,
      options: [{ checkHttpClients: false }],
    },
    // A root-type resolver runs once per request.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const resolvers = {
  Query: { user: (_, { id }) => prisma.user.findUnique({ where: { id } }) },
};
`,
    // A field resolver that reads through a DataLoader.
    `
export const resolvers = {
  Query: { posts: () => [] },
  Post: { author: (post, _args, ctx) => ctx.loaders.user.load(post.authorId) },
};
`,
    // Field resolvers not checked.
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const resolvers = {
  Query: { posts: () => prisma.post.findMany() },
  Post: { author: (post) => prisma.user.findUnique({ where: { id: post.authorId } }) },
};
`,
      options: [{ checkGraphqlResolvers: false }],
    },
    // A parameter that shadows the imported client's name is not the client.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export function names(users, prisma) {
  return Promise.all(users.map((user) => prisma.user.findUnique({ where: { id: user.id } })));
}
`,
    // Writes in a loop are not lookups.
    `
const { Pool } = require('pg');
const pool = new Pool();
async function save(lines) {
  for (const line of lines) {
    await pool.query('INSERT INTO order_lines (sku, qty) VALUES ($1, $2)', [line.sku, line.qty]);
  }
}
`,
    // Exported singletons from another module are unknown without settings.
    `
import { prisma } from './db';
export function authors(posts) {
  return Promise.all(posts.map((post) => prisma.user.findUnique({ where: { id: post.authorId } })));
}
`,
    // A DataLoader batch function: the lookup runs once per batch.
    `
import DataLoader from 'dataloader';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export function createLoaders() {
  return { user: new DataLoader((ids) => prisma.user.findMany({ where: { id: { in: [...ids] } } })) };
}
export const resolvers = {
  Query: { me: () => null },
  Post: { author: (post, _args, ctx) => ctx.loaders.user.load(post.authorId) },
};
`,
    // Webhooks sent one by one are sends, not lookups (no-independent-await-in-loop applies).
    {
      code: `
const express = require('express');
const axios = require('axios');
const app = express();
app.post('/orders', async (req, res) => {
  for (const hook of req.body.hooks) {
    await axios.post(hook.url, { order: req.body.id }, { timeout: 2000 });
  }
  res.sendStatus(202);
});
`,
    },
    // A notification per subscriber through fetch with a writing method.
    {
      code: `
export async function notifyAll(subscribers, message) {
  for (const subscriber of subscribers) {
    await fetch(subscriber.endpoint, { method: 'POST', body: JSON.stringify(message) });
  }
}
`,
    },
    // Lookups in chunks of a list: a `for` loop stepping by the chunk size.
    {
      code: `
const mongoose = require('mongoose');
const User = mongoose.model('User');
async function loadAll(ids) {
  const users = [];
  for (let i = 0; i < ids.length; i += 500) {
    users.push(...(await User.find({ _id: { $in: ids.slice(i, i + 500) } })));
  }
  return users;
}
module.exports = loadAll;
`,
    },
    // Lookups in chunks of a list: a chunking helper.
    {
      code: `
import chunk from 'lodash/chunk.js';
import mongoose from 'mongoose';
const User = mongoose.model('User');
export async function loadAll(ids) {
  const users = [];
  for (const batch of chunk(ids, 500)) users.push(...(await User.find({ _id: { $in: batch } })));
  return users;
}
`,
    },
    // A retry loop with a small fixed bound.
    {
      code: `
import axios from 'axios';
const MAX_ATTEMPTS = 3;
export async function getWithRetry(url) {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      return await axios.get(url, { timeout: 1000, headers: { 'x-attempt': String(attempt) } });
    } catch (error) {
      if (attempt === MAX_ATTEMPTS) throw error;
    }
  }
}
`,
    },
    // A visibly bounded list: a query with `.limit(5)`.
    {
      code: `
const mongoose = require('mongoose');
const Post = mongoose.model('Post');
const User = mongoose.model('User');
async function leaders() {
  const top = await Post.find().sort({ score: -1 }).limit(5);
  for (const post of top) post.author = await User.findById(post.authorId);
  return top;
}
module.exports = leaders;
`,
    },
    // A visibly bounded list: `take: 3`, and `slice(0, 3)` of a list.
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function featured(ids) {
  const posts = await prisma.post.findMany({ where: { featured: true }, take: 3 });
  const authors = await Promise.all(posts.map((post) => prisma.user.findUnique({ where: { id: post.authorId } })));
  const picked = await Promise.all(ids.slice(0, 3).map((id) => prisma.tag.findUnique({ where: { id } })));
  return { authors, picked };
}
`,
    },
    // A seed file outside a seeds folder (Prisma's `prisma/seed.js`) is start-up code.
    {
      code: `const { PrismaClient } = require('@prisma/client');
const prisma = new PrismaClient();
async function main(users) {
  for (const user of users) {
    const existing = await prisma.user.findUnique({ where: { email: user.email } });
    if (!existing) await prisma.user.create({ data: user });
  }
}
module.exports = main;`,
      filename: 'prisma/seed.js',
    },
    // A `db` of another module and a Drizzle operator: without the client's creation, not a query.
    `import { db } from './local-db';
import { eq } from 'drizzle-orm';
import { users } from './schema';
export async function authors(posts) {
  for (const post of posts) await db.select().from(users).where(eq(users.id, post.authorId));
}
`,
    // Drizzle: one `inArray` query for every post.
    `import { drizzle } from 'drizzle-orm/node-postgres';
import { inArray } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL);
export async function authors(posts) {
  return db.select().from(users).where(inArray(users.id, posts.map((post) => post.authorId)));
}
`,
    // MikroORM at start-up (a seed loop at module level) and over a fixed list of three ids.
    `import { MikroORM } from '@mikro-orm/postgresql';
import { User } from './entities';
const orm = await MikroORM.init();
for (const email of ['admin@example.com', 'ops@example.com']) {
  await orm.em.fork().findOne(User, { email });
}
export async function admins() {
  const em = orm.em.fork();
  for (const id of [1, 2, 3]) await em.findOne(User, id);
}
`,
    // A `query()` of a model class that does not extend Objection's `Model`.
    `import { Model } from './base-model';
class User extends Model {}
export async function owners(pets) {
  return Promise.all(pets.map((pet) => User.query().findById(pet.ownerId)));
}
`,
    // Objection: one `findByIds` for every pet.
    `import { Model } from 'objection';
class Person extends Model {}
export async function owners(pets) {
  return Person.query().findByIds(pets.map((pet) => pet.ownerId));
}
`,
    // A local object with MikroORM's method names is not an entity manager.
    `const em = { findOne: async (entity, id) => ({ entity, id }) };
async function users(ids) {
  for (const id of ids) await em.findOne('User', id);
}
`,
    // Knex `raw` as a piece of an update's values sends no query; the update per row is a write, not a lookup.
    `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function track(events) {
  await db.transaction(async (trx) => {
    for (const [id, { openedAt }] of events) {
      const updates = {};
      updates.opened_at = trx.raw('COALESCE(opened_at, ?)', [openedAt]);
      await trx('recipients').where({ id }).update(updates);
      await trx('revisions').where({ id }).update({ opens: trx.raw('opens + ?', [openedAt ? 1 : 0]) });
    }
  });
}
`,
    // Writes started on the Knex instance (\`insert\`, \`del\`) are per-row writes, not lookups; the schema builder and
    // another library's \`select\` are no queries of Knex.
    `import knex from 'knex';
const db = knex({ client: 'pg' });
const picker = { select: (id) => ({ from: (table) => [table, id] }) };
export async function archive(rows) {
  for (const row of rows) {
    await db.insert({ ...row, archived: true }).into('archive');
    await db.del().from('live').where({ id: row.id });
    await db.schema.hasTable(row.table);
    picker.select(row.id).from('segments');
  }
}
`,
    // Each iteration locks its row: a per-item transactional routine, whose locks a batched read would not remove
    // (a TypeORM query builder's setLock, a find with a lock option, knex's forUpdate, SQL with FOR UPDATE).
    `import { DataSource } from 'typeorm';
import knex from 'knex';
import { Pool } from 'pg';
const dataSource = new DataSource({ type: 'postgres' });
const db = knex({ client: 'pg' });
const pool = new Pool();
export async function revalidate(order) {
  for (const couponCode of order.couponCodes) {
    const promotion = await dataSource.getRepository('Promotion').findOne({ where: { couponCode } });
    await dataSource.getRepository('Promotion').createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id: promotion.id }).getOne();
  }
}
export async function claim(codes) {
  for (const code of codes) {
    await dataSource.getRepository('Code').findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
  }
}
export async function reserve(items) {
  for (const item of items) {
    const stock = await db('stock').where({ sku: item.sku }).forUpdate().first();
    await db('stock').where({ sku: item.sku }).update({ quantity: stock.quantity - item.quantity });
  }
}
export async function hold(items) {
  for (const item of items) {
    await pool.query('SELECT * FROM holds WHERE sku = $1 FOR UPDATE', [item.sku]);
  }
}
`,
    // Each iteration reads another table, chosen by the item (the relations configured for an entity): no single
    // query could batch them.
    `import { DataSource, In } from 'typeorm';
import knex from 'knex';
const dataSource = new DataSource({ type: 'postgres' });
const db = knex({ client: 'pg' });
export async function loadRelations(entity, relationFields, input) {
  for (const field of relationFields) {
    const id = input[field.name];
    entity[field.name] = await dataSource.getRepository(field.entity).findOne({ where: { id } });
    entity[field.name + 'Row'] = await db(field.table).where({ id }).first();
  }
}
`,
    // Each iteration writes before it reads (remove the variant from the channel, then read which variants of its
    // product are still in it; store a bean, then look its row up): the reads depend on the writes, and reading all
    // items at once before the loop would change the results.
    `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function removeFromChannel(variants, channelId) {
  for (const variant of variants) {
    await dataSource.getRepository('VariantChannel').delete({ variantId: variant.id, channelId });
    const left = await dataSource.getRepository('VariantChannel').findBy({ productId: variant.productId });
    if (left.length === 0) await dataSource.getRepository('ProductChannel').delete({ productId: variant.productId });
  }
}
`,
    `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function renumber(rows) {
  for (const row of rows) {
    await db('positions').where({ id: row.id }).update({ position: row.position });
    const next = await db('positions').where({ position: row.position + 1 }).first();
    if (next) row.conflict = next.id;
  }
}
`,
    // A resolver that returns the parent's loaded relation and looks it up only when it is missing.
    `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const resolvers = {
  Query: { orders: () => prisma.order.findMany({ include: { payments: true, customer: true } }) },
  Order: {
    payments: async (order) => {
      if (order.payments) return order.payments;
      return prisma.payment.findMany({ where: { orderId: order.id } });
    },
    customer: (order) => order.customer ?? prisma.customer.findUnique({ where: { id: order.customerId } }),
  },
};
`,
    // The field's value computed from a relation of another name that the list queries load.
    `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const resolvers = {
  Query: { variants: () => prisma.variant.findMany({ include: { variantPrices: true } }) },
  Variant: {
    prices: async (variant, args, ctx) => {
      if (variant.variantPrices?.length) {
        return variant.variantPrices.filter((price) => price.channelId === ctx.channelId);
      }
      return prisma.variantPrice.findMany({ where: { variantId: variant.id, channelId: ctx.channelId } });
    },
  },
};
`,
    // The same fallback as TypeScript compiles \`??\` in a NestJS field resolver.
    {
      code: `import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PrismaClient } from '@prisma/client';
@Resolver(() => Channel)
export class ChannelResolver {
  private readonly prisma = new PrismaClient();
  @ResolveField()
  async seller(@Parent() channel: Channel) {
    var _a;
    return channel.sellerId
      ? (_a = channel.seller) !== null && _a !== void 0
        ? _a
        : await this.prisma.seller.findUnique({ where: { id: channel.sellerId } })
      : undefined;
  }
}
`,
      filename: 'channel.resolver.ts',
    },
    // The lookup as the alternative to the parent's loaded value, kept in a variable before more work.
    `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const resolvers = {
  Query: { users: () => prisma.user.findMany({ include: { roles: true, tags: true } }) },
  User: {
    roles: async (user) => {
      const roles = user.roles ?? (await prisma.role.findMany({ where: { userId: user.id } }).then((rows) => rows));
      return roles.filter((role) => role.visible);
    },
    tags: async (user) => {
      let tags;
      if (user.tags?.[0]?.name) tags = user.tags;
      else tags = await prisma.tag.findMany({ where: { userId: user.id } });
      return tags.map((tag) => tag.name);
    },
  },
};
`,
  ],
  invalid: [
    {
      // A 'lock' key or the words "for update" elsewhere in the iteration take no lock.
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function owners(items) {
  const out = [];
  for (const item of items) {
    log.debug('waiting for update ' + item.id);
    const user = await db('users').where({ id: item.userId }).first();
    out.push({ user, lock: item.locked });
  }
  return out;
}
`,
      errors: [{ messageId: 'queryPerItem', line: 7, column: 24, endLine: 7, endColumn: 70 }],
    },
    {
      // TypeScript's ES5 output of \`for (const post of posts) await prisma.user.findUnique(...)\`: the loop is a
      // range of the state machine's cases, from the head that tests \`done\` to the case that jumps back to it.
      code: `
const { PrismaClient } = require('@prisma/client');
const prisma = new PrismaClient();
function authorsOf(posts) {
  return __awaiter(this, void 0, void 0, function () {
    var authors, posts_1, posts_1_1, post, author;
    return __generator(this, function (_b) {
      switch (_b.label) {
        case 0:
          authors = [];
          posts_1 = __values(posts), posts_1_1 = posts_1.next();
          _b.label = 1;
        case 1:
          if (!!posts_1_1.done) return [3 /*break*/, 4];
          post = posts_1_1.value;
          return [4 /*yield*/, prisma.user.findUnique({ where: { id: post.authorId } })];
        case 2:
          author = _b.sent();
          authors.push(author);
          _b.label = 3;
        case 3:
          posts_1_1 = posts_1.next();
          return [3 /*break*/, 1];
        case 4: return [2 /*return*/, authors];
      }
    });
  });
}
`,
      errors: [
        {
          messageId: 'queryPerItem',
          data: { api: 'prisma.user.findUnique', target: 'the database', iteration: 'this loop over `posts`' },
          line: 16,
          column: 32,
          endLine: 16,
          endColumn: 88,
        },
      ],
    },
    {
      // An index loop compiled the same way (\`for (let i = 0; i < ids.length; i++)\`), and a compiled async
      // callback of \`map\`: its body is the callback's own code.
      code: `
const { PrismaClient } = require('@prisma/client');
const prisma = new PrismaClient();
function load(ids, posts) {
  var _this = this;
  return __awaiter(this, void 0, void 0, function () {
    var i, row;
    return __generator(this, function (_a) {
      switch (_a.label) {
        case 0:
          i = 0;
          _a.label = 1;
        case 1:
          if (!(i < ids.length)) return [3 /*break*/, 4];
          return [4 /*yield*/, prisma.row.findUnique({ where: { id: ids[i] } })];
        case 2:
          row = _a.sent();
          _a.label = 3;
        case 3:
          i++;
          return [3 /*break*/, 1];
        case 4: return [2 /*return*/, Promise.all(posts.map(function (post) { return __awaiter(_this, void 0, void 0, function () {
          return __generator(this, function (_a) {
            return [2 /*return*/, prisma.user.findUnique({ where: { id: post.authorId } })];
          });
        }); }))];
      }
    });
  });
}
`,
      errors: [
        { messageId: 'queryPerItem', line: 15, column: 32, endLine: 15, endColumn: 80 },
        { messageId: 'queryPerItem', line: 24, column: 35, endLine: 24, endColumn: 91 },
      ],
    },
    {
      // A TypeORM transaction's entity manager is the data source's: one findOneBy per row inside the callback.
      code: `
import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function reorder(rows) {
  await dataSource.transaction(async (manager) => {
    for (const row of rows) {
      const item = await manager.getRepository('Row').findOneBy({ id: row.id });
      await manager.save({ ...item, position: row.position });
    }
  });
}
`,
      errors: [{ messageId: 'queryPerItem', line: 7, column: 26, endLine: 7, endColumn: 80 }],
    },
    {
      // Prisma's interactive transaction client and a Knex transaction are query clients too.
      code: `
const { PrismaClient } = require('@prisma/client');
const knex = require('knex')({ client: 'pg' });
const prisma = new PrismaClient();
async function restock(items) {
  await prisma.$transaction(async (tx) => {
    for (const item of items) await tx.product.findUnique({ where: { id: item.id } });
  });
  await knex.transaction(async (trx) => {
    for (const item of items) await trx('stock').where({ id: item.id }).first();
  });
}
`,
      errors: [
        { messageId: 'queryPerItem', line: 7, column: 37, endLine: 7, endColumn: 86 },
        { messageId: 'queryPerItem', line: 10, column: 37, endLine: 10, endColumn: 80 },
      ],
    },
    {
      // A for...of loop awaiting one pg query per id.
      code: `
const { Pool } = require('pg');
const pool = new Pool();
async function load(ids) {
  const users = [];
  for (const id of ids) {
    const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
    users.push(rows[0]);
  }
  return users;
}
`,
      errors: [{ messageId: 'queryPerItem', line: 7, column: 28, endLine: 7, endColumn: 81 }],
    },
    {
      // Promise.all over a map callback with Prisma.
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function authors(posts) {
  return Promise.all(posts.map((post) => prisma.user.findUnique({ where: { id: post.authorId } })));
}
`,
      errors: [{ messageId: 'queryPerItem', line: 5, column: 42, endLine: 5, endColumn: 98 }],
    },
    {
      // A variable derived from the item; Mongoose model in a forEach.
      code: `
const mongoose = require('mongoose');
const User = mongoose.model('User', new mongoose.Schema({}));
function notify(orders) {
  orders.forEach(async (order) => {
    const userId = order.userId;
    const user = await User.findById(userId);
    send(user.email);
  });
}
`,
      errors: [{ messageId: 'queryPerItem', line: 7, column: 24, endLine: 7, endColumn: 45 }],
    },
    {
      // A Prisma client kept in a class field; flatMap callback.
      code: `
import { PrismaClient } from '@prisma/client';
export class Orders {
  private db = new PrismaClient();
  async lines(orders: { id: string }[]) {
    return orders.flatMap((order) => this.db.line.findMany({ where: { orderId: order.id } }));
  }
}
`,
      errors: [{ messageId: 'queryPerItem', line: 6, column: 38, endLine: 6, endColumn: 93 }],
    },
    {
      // A classic for loop with Knex.
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function rows(ids) {
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    out.push(await db('users').where({ id: ids[i] }).first());
  }
  return out;
}
`,
      errors: [{ messageId: 'queryPerItem', line: 7, column: 20, endLine: 7, endColumn: 61 }],
    },
    {
      // An HTTP request per item with global fetch.
      code: `
export async function prices(skus) {
  return Promise.all(skus.map((sku) => fetch(\`https://prices.example.com/\${sku}\`)));
}
`,
      errors: [{ messageId: 'queryPerItem', line: 3, column: 40, endLine: 3, endColumn: 82 }],
    },
    {
      // Redis GET per key, in an Express handler.
      code: `
const express = require('express');
const Redis = require('ioredis');
const redis = new Redis();
const app = express();
app.get('/carts', async (req, res) => {
  const carts = [];
  for (const id of req.query.ids) carts.push(await redis.get(\`cart:\${id}\`));
  res.json(carts);
});
`,
      errors: [{ messageId: 'queryPerItem', line: 8, column: 52, endLine: 8, endColumn: 75 }],
    },
    {
      // ueberDB: one key read per pad, with promises and with a callback.
      code: `
const ueberDB = require('ueberdb2');
const db = new ueberDB.Database('postgres', { host: 'db' });
async function loadPads(ids) {
  const pads = [];
  for (const id of ids) pads.push(await db.get(\`pad:\${id}\`));
  ids.forEach((id) => db.getSub(\`pad:\${id}\`, ['head'], (err, head) => {}));
  return pads;
}
module.exports = loadPads;
`,
      errors: [
        { messageId: 'queryPerItem', line: 6, column: 41, endLine: 6, endColumn: 60 },
        { messageId: 'queryPerItem', line: 7, column: 23, endLine: 7, endColumn: 74 },
      ],
    },
    {
      // The iteratees of the async library's collection functions run once per element, required or imported.
      code: `
const async = require('async');
const mapSeries = require('async/mapSeries');
const Redis = require('ioredis');
const redis = new Redis();
function carts(ids, callback) {
  async.map(ids, (id, next) => redis.get(\`cart:\${id}\`, next), callback);
  async.eachLimit(ids, 10, (id, next) => redis.hgetall(\`user:\${id}\`, next), callback);
  mapSeries(ids, (id, next) => redis.get(\`lock:\${id}\`, next), callback);
}
module.exports = carts;
`,
      errors: [
        {
          messageId: 'queryPerItem',
          data: { api: 'redis.get', target: 'Redis', iteration: 'the iteratee of `async.map(ids, …)`' },
          line: 7,
          column: 32,
          endLine: 7,
          endColumn: 61,
        },
        { messageId: 'queryPerItem', line: 8, column: 42, endLine: 8, endColumn: 75 },
        { messageId: 'queryPerItem', line: 9, column: 32, endLine: 9, endColumn: 61 },
      ],
    },
    {
      // lodash's per-element functions run their iteratee once per element, like the array methods they mirror.
      code: `
import _ from 'lodash';
import Redis from 'ioredis';
const redis = new Redis();
export function carts(ids, byUser) {
  const carts = _.map(ids, (id) => redis.get(\`cart:\${id}\`));
  _.forOwn(byUser, (cart, uid) => redis.hgetall(\`user:\${uid}\`));
  return carts;
}
`,
      errors: [
        {
          messageId: 'queryPerItem',
          data: { api: 'redis.get', target: 'Redis', iteration: 'the iteratee of `_.map(ids, …)`' },
          line: 6,
          column: 36,
          endLine: 6,
          endColumn: 59,
        },
        {
          messageId: 'queryPerItem',
          data: { api: 'redis.hgetall', target: 'Redis', iteration: 'the iteratee of `_.forOwn(byUser, …)`' },
          line: 7,
          column: 35,
          endLine: 7,
          endColumn: 63,
        },
      ],
    },
    {
      // Reads of one sorted set, set or list per item (ioredis and node-redis names); writes are not lookups.
      code: `
import Redis from 'ioredis';
import { createClient } from 'redis';
const redis = new Redis();
const client = createClient();
export async function feeds(uids) {
  for (const uid of uids) await redis.zrevrange(\`uid:\${uid}:posts\`, 0, 9);
  for (const uid of uids) await client.sMembers(\`uid:\${uid}:followers\`);
  for (const uid of uids) await redis.zadd(\`uid:\${uid}:seen\`, Date.now(), 'feed');
}
`,
      errors: [
        { messageId: 'queryPerItem', line: 7, column: 33, endLine: 7, endColumn: 74 },
        { messageId: 'queryPerItem', line: 8, column: 33, endLine: 8, endColumn: 72 },
      ],
    },
    {
      // A transaction or pipeline that only queues reads is one round trip per item; its \`exec\` is the read.
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function profiles(uids) {
  for (const uid of uids) await redis.multi().hgetall(\`user:\${uid}\`).zcard(\`uid:\${uid}:posts\`).exec();
  for (const uid of uids) {
    const pipeline = redis.pipeline();
    pipeline.hmget.apply(pipeline, [\`user:\${uid}\`, 'name', 'slug']);
    await pipeline.exec();
  }
}
`,
      errors: [
        { messageId: 'queryPerItem', line: 5, column: 33, endLine: 5, endColumn: 102 },
        { messageId: 'queryPerItem', line: 9, column: 11, endLine: 9, endColumn: 26 },
      ],
    },
    {
      // A GraphQL field resolver of a non-root type, once per post.
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const resolvers = {
  Query: { posts: () => prisma.post.findMany() },
  Post: { author: (post) => prisma.user.findUnique({ where: { id: post.authorId } }) },
};
`,
      errors: [{ messageId: 'queryPerParent', line: 6, column: 29, endLine: 6, endColumn: 85 }],
    },
    {
      // A field resolver of a code-first schema's object type (Pothos), once per post; the root query's is not.
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
builder.queryType({ fields: (t) => ({ post: t.field({ type: Post, resolve: (_, args) => prisma.post.findUnique({ where: { id: args.id } }) }) }) });
builder.objectType('Post', {
  fields: (t) => ({
    author: t.field({ type: User, resolve: (post) => prisma.user.findUnique({ where: { id: post.authorId } }) }),
  }),
});
const byId = g.field({ type: Post, resolve: (_, args) => prisma.post.findUnique({ where: { id: args.id } }) });
`,
      errors: [
        {
          messageId: 'queryPerParent',
          data: {
            api: 'prisma.user.findUnique',
            field: 'Post.author',
            type: 'Post',
            target: 'the database',
          },
          line: 7,
          column: 54,
          endLine: 7,
          endColumn: 110,
        },
      ],
    },
    {
      // An early return that tests the parent but returns nothing read from it: every other parent still queries.
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const resolvers = {
  Query: { variants: () => prisma.variant.findMany() },
  Variant: {
    prices: async (variant) => {
      if (variant.deletedAt) return [];
      return prisma.variantPrice.findMany({ where: { variantId: variant.id } });
    },
  },
};
`,
      errors: [{ messageId: 'queryPerParent', line: 9, column: 14, endLine: 9, endColumn: 80 }],
    },
    {
      // A Sequelize model class and a TypeORM repository, nested loops report the inner dependency.
      code: `
import { Model } from 'sequelize';
import { getRepository } from 'typeorm';
class Order extends Model {}
const items = getRepository('Item');
export async function details(users) {
  for (const user of users) {
    const orders = await Order.findAll({ where: { userId: user.id } });
    for (const order of orders) {
      await items.findOneBy({ orderId: order.id });
    }
  }
}
`,
      errors: [
        { messageId: 'queryPerItem', line: 8, column: 26, endLine: 8, endColumn: 71 },
        { messageId: 'queryPerItem', line: 10, column: 13, endLine: 10, endColumn: 51 },
      ],
    },
    {
      // A singleton declared in settings: \`import { prisma } from './db'\`.
      code: `
import { prisma } from './db';
export function authors(posts) {
  return Promise.all(posts.map((post) => prisma.user.findUnique({ where: { id: post.authorId } })));
}
`,
      settings: { 'backend-perf': { dataAccess: [{ module: './db', export: 'prisma', shape: 'prisma-client' }] } },
      errors: [{ messageId: 'queryPerItem', line: 4, column: 42, endLine: 4, endColumn: 98 }],
    },
    {
      // TypeScript: a client assigned in the constructor, and a pg client from pool.connect().
      code: `
import { PrismaClient } from '@prisma/client';
import { Pool } from 'pg';
export class Reports {
  private readonly db: PrismaClient;
  constructor(private readonly pool: Pool = new Pool()) {
    this.db = new PrismaClient();
  }
  async owners(ids: string[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const id of ids) out.push(await this.db.account.findFirst({ where: { ownerId: id } }));
    return out;
  }
}
const pool = new Pool();
export async function totals(ids: number[]) {
  const client = await pool.connect();
  try {
    return await Promise.all(ids.map((id) => client.query('SELECT sum(total) FROM orders WHERE user_id = $1', [id])));
  } finally {
    client.release();
  }
}
`,
      filename: 'reports.ts',
      errors: [
        { messageId: 'queryPerItem', line: 11, column: 42, endLine: 11, endColumn: 95 },
        { messageId: 'queryPerItem', line: 19, column: 46, endLine: 19, endColumn: 116 },
      ],
    },
    {
      // A NestJS field resolver: once per parent post.
      code: `
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PrismaClient } from '@prisma/client';
@Resolver(() => Post)
export class PostsResolver {
  private readonly prisma = new PrismaClient();
  @ResolveField()
  author(@Parent() post: Post) {
    return this.prisma.user.findUnique({ where: { id: post.authorId } });
  }
}
`,
      filename: 'posts.resolver.ts',
      errors: [{ messageId: 'queryPerParent', line: 9, column: 12, endLine: 9, endColumn: 73 }],
    },
    // A limit above a few items is still N+1 at scale.
    {
      code: `
const mongoose = require('mongoose');
const Post = mongoose.model('Post');
const User = mongoose.model('User');
async function page() {
  const posts = await Post.find().limit(50);
  for (const post of posts) post.author = await User.findById(post.authorId);
  return posts;
}
module.exports = page;
`,
      errors: [
        {
          messageId: 'queryPerItem',
          line: 7,
          column: 49,
          endLine: 7,
          endColumn: 77,
        },
      ],
    },
    // A GET per item is a lookup, whatever the client.
    {
      code: `
export async function profiles(users) {
  const result = [];
  for (const user of users) {
    result.push(await fetch(\`https://profiles.example.com/\${user.id}\`, { method: 'GET' }));
  }
  return result;
}
`,
      errors: [
        {
          messageId: 'queryPerItem',
          line: 5,
          column: 23,
          endLine: 5,
          endColumn: 90,
        },
      ],
    },
    // A bounded inner loop does not hide the per-item outer one.
    {
      code: `
const mongoose = require('mongoose');
const Stat = mongoose.model('Stat');
async function stats(users) {
  const rows = [];
  for (const user of users) {
    for (let day = 0; day < 7; day++) rows.push(await Stat.findOne({ user: user.id, day }));
  }
  return rows;
}
module.exports = stats;
`,
      errors: [
        {
          messageId: 'queryPerItem',
          line: 7,
          column: 55,
          endLine: 7,
          endColumn: 91,
        },
      ],
    },
    {
      // Drizzle: a select chain per item (an aliased `eq`) and the relational API per item.
      code: `import { drizzle } from 'drizzle-orm/postgres-js';
import { eq as equals } from 'drizzle-orm';
import { posts, users } from './schema';
const db = drizzle(process.env.DATABASE_URL);
export async function authors(items) {
  for (const item of items) await db.select().from(users).where(equals(users.id, item.authorId));
  return Promise.all(items.map((item) => db.query.posts.findFirst({ where: equals(posts.id, item.postId) })));
}
`,
      errors: [
        { messageId: 'queryPerItem', line: 6, column: 35, endLine: 6, endColumn: 97 },
        { messageId: 'queryPerItem', line: 7, column: 42, endLine: 7, endColumn: 108 },
      ],
    },
    {
      // Drizzle's transaction client, with a callback condition: still one query per post.
      code: `const { drizzle } = require('drizzle-orm/mysql2');
const db = drizzle(pool);
async function tagged(posts) {
  await db.transaction(async (tx) => {
    for (const post of posts) await tx.query.tags.findMany({ where: (t, { eq }) => eq(t.postId, post.id) });
  });
}
`,
      errors: [{ messageId: 'queryPerItem', line: 5, column: 37, endLine: 5, endColumn: 108 }],
    },
    {
      // MikroORM: an entity manager from `orm.em.fork()`, and a repository from the request context's manager.
      code: `import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { Author, Book } from './entities';
const orm = await MikroORM.init();
export async function books(items) {
  const em = orm.em.fork();
  for (const item of items) await em.findOne(Author, item.authorId);
  for (const item of items) await em.find(Book, { author: item.authorId });
  const repo = RequestContext.getEntityManager().getRepository(Book);
  return Promise.all(items.map((item) => repo.findOne({ id: item.bookId })));
}
`,
      errors: [
        { messageId: 'queryPerItem', line: 6, column: 35, endLine: 6, endColumn: 68 },
        { messageId: 'queryPerItem', line: 7, column: 35, endLine: 7, endColumn: 75 },
        { messageId: 'queryPerItem', line: 9, column: 42, endLine: 9, endColumn: 75 },
      ],
    },
    {
      // Objection: `findById` and `where(...).first()` per pet.
      code: `const { Model } = require('objection');
class Person extends Model {
  static get tableName() {
    return 'persons';
  }
}
async function owners(pets) {
  for (const pet of pets) await Person.query().findById(pet.ownerId);
  return Promise.all(pets.map((pet) => Person.query().where('id', pet.ownerId).first()));
}
`,
      errors: [
        { messageId: 'queryPerItem', line: 8, column: 33, endLine: 8, endColumn: 69 },
        { messageId: 'queryPerItem', line: 9, column: 40, endLine: 9, endColumn: 87 },
      ],
    },
    {
      // ioredis `Cluster`, node-redis `createCluster` and a collection from `client.db().collection()`.
      code: `import Redis from 'ioredis';
import { createCluster } from 'redis';
import { MongoClient } from 'mongodb';
const cluster = new Redis.Cluster([{ host: 'redis', port: 6379 }]);
const nodeCluster = createCluster({ rootNodes: [{ url: 'redis://redis:6379' }] });
const users = new MongoClient(process.env.MONGO_URL).db().collection('users');
export async function carts(ids) {
  for (const id of ids) await cluster.get(\`cart:\${id}\`);
  for (const id of ids) await nodeCluster.hGetAll(\`cart:\${id}\`);
  for (const id of ids) await users.findOne({ _id: id });
}
`,
      errors: [
        { messageId: 'queryPerItem', line: 8, column: 31, endLine: 8, endColumn: 56 },
        { messageId: 'queryPerItem', line: 9, column: 31, endLine: 9, endColumn: 64 },
        { messageId: 'queryPerItem', line: 10, column: 31, endLine: 10, endColumn: 57 },
      ],
    },
    {
      // A raw statement awaited per item is a query; a raw condition inside a lookup is part of that one query.
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function users(emails) {
  for (const email of emails) await db.raw('SELECT * FROM users WHERE email = ?', [email]);
  for (const email of emails) await db('users').where(db.raw('lower(email) = ?', [email])).first();
}
`,
      errors: [
        { messageId: 'queryPerItem', line: 4, column: 37, endLine: 4, endColumn: 91 },
        { messageId: 'queryPerItem', line: 5, column: 37, endLine: 5, endColumn: 99 },
      ],
    },
    {
      // Chains started on the Knex instance (\`select\`, \`from\`, \`first\`) are queries as \`db('table')\` ones are.
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function segments(ids) {
  for (const id of ids) await db.select('id', 'name').from('segments').where({ id });
  return Promise.all(ids.map((id) => db.from('segments').where({ id }).first()));
}
`,
      errors: [
        { messageId: 'queryPerItem', line: 4, column: 31, endLine: 4, endColumn: 85 },
        { messageId: 'queryPerItem', line: 5, column: 38, endLine: 5, endColumn: 79 },
      ],
    },
    {
      // A write to another client before the lookup (an audit log in Redis) leaves the database reads independent.
      code: `import { DataSource } from 'typeorm';
import Redis from 'ioredis';
const dataSource = new DataSource({ type: 'postgres' });
const redis = new Redis();
export async function audit(rows) {
  for (const row of rows) {
    await redis.set(\`seen:\${row.id}\`, '1');
    const item = await dataSource.getRepository('Row').findOneBy({ id: row.id });
    row.name = item.name;
  }
}
`,
      errors: [{ messageId: 'queryPerItem', line: 8, column: 24, endLine: 8, endColumn: 81 }],
    },
    {
      // A resolver that returns another property of the parent still queries for this field once per parent.
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const resolvers = {
  Query: { orders: () => prisma.order.findMany() },
  Order: {
    payments: (order) => (order.paid ? order.total : prisma.payment.findMany({ where: { orderId: order.id } })),
  },
};
`,
      errors: [{ messageId: 'queryPerParent', line: 6, column: 54, endLine: 6, endColumn: 111 }],
    },
    {
      // A variable set to the parent's value and then, whatever it held, to the lookup: one query per parent.
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const resolvers = {
  Query: { users: () => prisma.user.findMany() },
  User: {
    methods: async (user) => {
      let methods = [];
      if (user.methods) methods = user.methods;
      methods = await prisma.method.findMany({ where: { userId: user.id } });
      return methods;
    },
  },
};
`,
      errors: [{ messageId: 'queryPerParent', line: 9, column: 23, endLine: 9, endColumn: 77 }],
    },
  ],
});
