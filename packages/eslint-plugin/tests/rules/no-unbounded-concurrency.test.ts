import rule from '../../src/rules/no-unbounded-concurrency.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-unbounded-concurrency', rule, {
  valid: [
    // Lists that functions of the file fill in loops whose count the request does not decide: a literal list filtered
    // by a request value, a counted loop, a function without parameters, a fixed catalogue, a visible slice, a capped
    // `while`; and calls of what is not a function of the file (a parameter, a reassigned `let`), of a generator,
    // and of a builder over the keys of a GraphQL resolver's arguments (bounded by the schema).
    `
const express = require('express');
const app = express();
const FIELDS = ['name', 'email', 'role'];
function columns(skip) {
  const out = [];
  for (const k of ['a', 'b', 'c']) if (k !== skip) out.push(k);
  return out;
}
function week(start) {
  const out = [];
  for (let i = 0; i < 7; i++) out.push(start + i);
  return out;
}
function zones() {
  const out = [];
  for (const zone of Intl.supportedValuesOf('timeZone')) out.push(zone);
  return out;
}
function permitted(user) {
  const out = [];
  for (const field of FIELDS) if (user.can(field)) out.push(field);
  return out;
}
function firstFive(ids) {
  const out = [];
  for (const id of ids.slice(0, 5)) out.push(id);
  return out;
}
function capped(ids) {
  const out = [];
  while (out.length < 5) out.push(ids[out.length]);
  return out;
}
function* each(ids) {
  const out = [];
  for (const id of ids) out.push(id);
  return out;
}
let build = function (ids) { const out = []; for (const id of ids) out.push(id); return out; };
build = (ids) => ids.slice(0, 3);
async function handle(req, res, pick) {
  await Promise.all(pick(req.query.ids).map(async (id) => load(id)));
}
app.get('/report', async (req, res) => {
  await Promise.all(columns(req.query.skip).map(async (c) => load(c)));
  await Promise.all(week(req.query.start).map(async (d) => load(d)));
  await Promise.all(zones(req.query.tz).map(async (z) => load(z)));
  await Promise.all(permitted(req.user).map(async (f) => load(f)));
  await Promise.all(firstFive(req.query.ids).map(async (id) => load(id)));
  await Promise.all(capped(req.query.ids).map(async (id) => load(id)));
  await Promise.all(Array.from(each(req.query.ids), async (id) => load(id)));
  await Promise.all(build(req.query.ids).map(async (id) => load(id)));
  await handle(req, res, firstFive);
  res.end();
});
`,
    `
function fieldsOf(where) {
  const out = [];
  for (const key in where) out.push(key);
  return out;
}
export const resolvers = {
  Query: {
    async items(parent, args) {
      return Promise.all(fieldsOf(args.where).map(async (field) => count(field)));
    },
  },
};
`,
    // A helper fed with a list the handler builds, or with the request object itself.
    `
const express = require('express');
const app = express();
async function updateTags(list) {
  await Promise.all(list.map(async (tag) => createTag(tag)));
}
app.put('/tags', async (req, res) => {
  await updateTags(['a', 'b']);
  await updateTags(req);
  res.end();
});
`,
    // A property of a parameter that the request feeds: the function may load an object for an id it is given.
    `
const express = require('express');
const app = express();
async function refresh(cartOrId) {
  if (typeof cartOrId === 'string') return refresh(await loadCart(cartOrId));
  await Promise.all(cartOrId.items.map(async (item) => price(item)));
}
app.post('/carts/:id/refresh', async (req, res) => {
  await refresh(req.params.id);
  res.end();
});
`,
    // The fields of a GraphQL resolver's input objects are those of their types: the keys of \`where\` are as many as
    // the schema has, in the resolver and in a helper it feeds.
    `
const { g } = require('@graphql-ts/schema');
async function resolveWhere(filter) {
  return Promise.all(Object.entries(filter).map(async ([key, value]) => resolveField(key, value)));
}
exports.findMany = g.field({
  type: g.list(Item),
  async resolve(_, args, context) {
    await Promise.all(Object.values(context.loaders).map(async (loader) => loader.clearAll()));
    await Promise.all(Object.keys(args.where).map(async (key) => check(key)));
    return resolveWhere(args.where);
  },
});
`,
    // Returned maps over a literal list, of a synchronous callback, and of a helper no request reaches.
    `
const express = require('express');
const app = express();
const notifyAll = () => ['ops', 'billing'].map(async (team) => notify(team));
function ids(list) {
  return list.map((item) => item.id);
}
function later(list) {
  return list.map(async (item) => save(item));
}
app.post('/items', async (req, res) => {
  await Promise.all(notifyAll());
  res.json(ids(req.body.items));
});
// Mappers passed by name or returning a call may be synchronous: a returned map of them is no fan-out.
app.get('/users', async (req, res) => {
  const rows = await db.select('users');
  const list = () => rows.map(toUser);
  const views = () => rows.map((row) => render(row));
  res.json([list(), views()]);
});
`,
    // Work pushed through a limiter, over a literal list, into an array that starts with items, or after the
    // promises are settled; and a loop over a list of unknown origin.
    `
const express = require('express');
const pLimit = require('p-limit');
const app = express();
const limit = pLimit(4);
async function sync(list) {
  const pending = [];
  for (const item of list) pending.push(save(item));
  await Promise.all(pending);
}
app.post('/import', async (req, res) => {
  const limited = [];
  for (const row of req.body.rows) limited.push(limit(() => save(row)));
  await Promise.all(limited);
  const fixed = [];
  for (const name of ['a', 'b']) fixed.push(load(name));
  await Promise.all(fixed);
  const seeded = [audit(req)];
  for (const row of req.body.rows) seeded.push(save(row));
  await Promise.all(seeded);
  const late = [];
  await Promise.all(late);
  for (const row of req.body.rows) late.push(save(row));
  const first = [];
  req.body.paths.forEach((path, index) => {
    if (index === 0) first.push(validate(path));
  });
  for (let i = 0; i < req.body.rows.length; i++) {
    if (i === 0) first.push(save(req.body.rows[i]));
  }
  await Promise.all(first);
  // Settled in batches: the array is emptied again; and a few promises per item, settled in each iteration.
  let batch = [];
  for (const item of req.body.items) {
    batch.push(save(item));
    if (batch.length >= 10) {
      await Promise.all(batch);
      batch = [];
    }
  }
  await Promise.all(batch);
  const pending = [];
  for (const item of req.body.items) {
    pending.push(save(item));
    if (pending.length >= 10) {
      await Promise.all(pending);
      pending.length = 0;
    }
  }
  await Promise.all(pending);
  for (const user of req.body.users) {
    const tasks = [];
    tasks.push(sendEmail(user));
    if (user.phone) tasks.push(sendSms(user));
    await Promise.all(tasks);
  }
  res.end();
});
`,
    // A function with a handler's parameters that no request reaches: its \`req\` is not known to be one.
    `
function upload(req, res) {
  return Promise.all(req.files.map(async (f) => store(f)));
}
`,
    // A \`let\` only ever given literal lists, and promises held in a variable that is given two lists.
    `
async function warm(cache, full) {
  let keys = ['a', 'b'];
  if (full) keys = ['a', 'b', 'c'];
  await Promise.all(keys.map(async (key) => cache.load(key)));
  let pending = keys.map(async (key) => cache.refresh(key));
  if (full) pending = [];
  await Promise.all(pending);
}
`,
    // A literal array: a small fixed set.
    `
async function handler() {
  return Promise.all(['users', 'orders', 'stock'].map(async (table) => count(table)));
}
`,
    // Bounded with p-limit.
    `
import pLimit from 'p-limit';
import express from 'express';
const app = express();
const limit = pLimit(8);
app.post('/import', async (req, res) => {
  const rows = await Promise.all(req.body.rows.map((row) => limit(() => save(row))));
  res.json(rows);
});
`,
    // A literal slice of fetched rows is small and fixed.
    `
async function preview(db) {
  const rows = await db.query('select * from posts');
  return Promise.all(rows.slice(0, 5).map(async (row) => render(row)));
}
`,
    // A size that is not known to come from data: a parameter of a helper of unknown context.
    `
async function saveAll(items) {
  return Promise.all(items.map(async (item) => save(item)));
}
`,
    // Synchronous mapping: nothing runs concurrently.
    `
async function handler(db) {
  const rows = await db.query('select 1');
  return Promise.all(rows.map((row) => row.id));
}
`,
    // A local Promise is not the global one.
    `
import Promise from './promise-shim';
async function handler(db) {
  const rows = await db.query('select 1');
  return Promise.all(rows.map(async (row) => save(row)));
}
`,
    // Mappers given a concurrency, or options they cannot be read from.
    `
import pMap from 'p-map';
import Bluebird from 'bluebird';
export async function handler(db, options) {
  const rows = await db.query('select 1');
  await pMap(rows, async (row) => save(row), { concurrency: 8 });
  await Bluebird.map(rows, (row) => save(row), { concurrency: 4 });
  await pMap(rows, async (row) => save(row), options);
}
`,
    // Another library's promiseAll.
    `
import { promiseAll } from './utils';
export async function handler(db) {
  const rows = await db.query('select 1');
  return promiseAll(rows.map(async (row) => save(row)));
}
`,
    // Start-up code.
    `
const services = await discover();
await Promise.all(services.map(async (service) => service.connect()));
`,
    // A query with a row limit: at most that many operations.
    {
      code: `
const express = require('express');
const mongoose = require('mongoose');
const Post = mongoose.model('Post');
const app = express();
app.get('/top', async (req, res) => {
  const posts = await Post.find().sort({ score: -1 }).limit(10);
  res.json(await Promise.all(posts.map(async (post) => ({ ...post, views: await countViews(post.id) }))));
});
`,
    },
    // A slice whose end is a constant.
    {
      code: `
const express = require('express');
const app = express();
const PREVIEW = 5;
app.post('/preview', async (req, res) => {
  res.json(await Promise.all(req.body.urls.slice(0, PREVIEW).map(async (url) => fetchPreview(url))));
});
`,
    },
    // `take: n` in the query's options, through destructuring.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/recent', async (req, res) => {
  const recent = await prisma.order.findMany({ orderBy: { createdAt: 'desc' }, take: 20 });
  res.json(await Promise.all(recent.map(async (order) => enrich(order))));
});
`,
    },
    // Promise chains whose first call hands the work to a limiter, and chains over promises that already run; a list
    // read by a method of a value the code makes (not loaded); lists filled in loops the code bounds, and a loop that
    // counts the span from a value derived from its end (at most the distance between them).
    `
const express = require('express');
const pLimit = require('p-limit');
const app = express();
const limit = pLimit(4);
app.get('/chains', async (req, res) => {
  const rows = await db.query('SELECT id FROM users');
  await Promise.all(rows.map((row) => limit(() => load(row.id)).then((user) => user.name)));
  const pending = rows.map((row) => row.promise);
  await Promise.all(pending.map((promise) => promise.then((value) => log(value))));
  const registry = new Registry();
  await Promise.all(registry.getAll().map(async (entry) => load(entry)));
  const first = [];
  for (let i = 0; i < 5; i++) first.push(rows[i].id);
  await Promise.all(first.map(async (id) => load(id)));
  const target = req.query.rev;
  const key = Math.floor(target / 100) * 100;
  const revisions = [];
  for (let rev = key; rev < target; ) revisions.push(++rev);
  await Promise.all(revisions.map(async (rev) => load(rev)));
  const window = [];
  for (let rev = keyRevision(target); rev < target; rev++) window.push(rev);
  await Promise.all(window.map(async (rev) => load(rev)));
  res.end();
});
`,
    // Lists filled in batches that are settled and emptied, capped by \`Math.min\`, made anew in each iteration, or
    // filled at module scope by another function; promise chains that start from a value; a list reader given
    // arguments, or called on what the request sends; lists whose loops read each other's length.
    `
const express = require('express');
const app = express();
const tenants = [];
async function init() {
  for (const row of await db.query('SELECT id FROM tenants')) tenants.push(row.id);
}
app.get('/batches', async (req, res) => {
  const rows = await db.query('SELECT id FROM users');
  const batch = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= 10) {
      await Promise.all(batch.map(async (r) => save(r)));
      batch.length = 0;
    }
  }
  const first = [];
  for (let i = 0; i < Math.min(rows.length, 10); i++) first.push(rows[i]);
  await Promise.all(first.map(async (r) => save(r)));
  for (const row of rows) {
    const one = [];
    one.push(row);
    await Promise.all(one.map(async (r) => save(r)));
  }
  await Promise.all(tenants.map(async (id) => load(id)));
  await Promise.all(rows.map((row) => Promise.resolve(row).then((r) => r.name)));
  const pad = await pads.get(req.params.pad);
  await Promise.all(pad.getAuthors(10).map(async (id) => users.get(id)));
  await Promise.all(req.listFiles().map(async (file) => scan(file)));
  const a = [];
  const b = [];
  while (a.length < b.length) a.push(1);
  while (b.length < a.length) b.push(2);
  await Promise.all(a.map(async (x) => load(x)));
  res.end();
});
`,
  ],
  invalid: [
    {
      // Promise chains start their first call per item; a list read by a method of loaded data; lists filled in loops
      // over loaded rows and up to what the request sends.
      code: `
const express = require('express');
const app = express();
app.get('/authors/:pad', async (req, res) => {
  const pad = await pads.get(req.params.pad);
  await Promise.all(pad.getAllAuthors().map((id) => users.get(id).then((user) => user.name)));
  const rows = await db.query('SELECT id FROM users');
  const ids = [];
  for (const row of rows) ids.push(row.id);
  await Promise.all(ids.map((id) => fetch(url(id)).then((r) => r.json()).catch(() => null)));
  const { start, end } = req.query;
  const entries = [];
  for (let n = start; n <= end; n++) entries.push(n);
  await Promise.all(entries.map(async (n) => load(n)));
  const { from, count } = req.body;
  const pages = [];
  for (let page = from; page < from + count; page++) pages.push(page);
  await Promise.all(pages.map(async (page) => render(page)));
  res.end();
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'Promise.all',
            collection: 'pad.getAllAuthors()',
            source: 'data loaded at runtime (`await pads.get(req.params.pad)`)',
          },
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 93,
        },
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'Promise.all',
            collection: 'ids',
            source: "data loaded at runtime (`await db.query('SELECT id FROM users')`)",
          },
          line: 10,
          column: 21,
          endLine: 10,
          endColumn: 92,
        },
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'entries', source: 'the request (`req`)' },
          line: 14,
          column: 21,
          endLine: 14,
          endColumn: 54,
        },
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'pages', source: 'the request (`req`)' },
          line: 18,
          column: 21,
          endLine: 18,
          endColumn: 60,
        },
      ],
    },
    {
      // The builder's second parameter decides the count, through a lodash iteratee.
      code: `
const express = require('express');
const _ = require('lodash');
const app = express();
function labelled(prefix, names) {
  const out = [];
  _.forEach(names, (name) => out.push(prefix + name));
  return out;
}
app.post('/tags', async (req, res) => {
  res.json(await Promise.all(labelled('tag:', req.body.names).map(async (tag) => save(tag))));
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'Promise.all',
            collection: "labelled('tag:', req.body.names)",
            source: "the request (`labelled('tag:', req.body.names)`)",
          },
          line: 11,
          column: 30,
          endLine: 11,
          endColumn: 92,
        },
      ],
    },
    {
      // Promises pushed in a lodash iteratee (found through the import), like in an array's `forEach`.
      code: `
const express = require('express');
const _ = require('lodash');
const app = express();
app.post('/invites', async (req, res) => {
  const sends = [];
  _.forEach(req.body.emails, (email) => {
    sends.push(mailer.send(email));
  });
  await Promise.all(sends);
  res.end();
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'req.body.emails', source: 'the request (`req`)' },
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 27,
        },
      ],
    },
    {
      // A list that a function of the file fills in a loop from the request's values (an hourly range between two
      // dates of the query string, through the function's own variables): as long as the request makes it. Not the
      // same builder given literals, nor a list made without a loop.
      code: `
const express = require('express');
const app = express();
const hoursBetween = (start, end) => {
  const result = [];
  for (let time = new Date(start); time <= new Date(end); time.setHours(time.getHours() + 1)) {
    result.push(time.toISOString().slice(0, 13));
  }
  return result;
};
function pair(start, end) {
  const result = [];
  result.push(start, end);
  return result;
}
app.get('/logs', async (req, res) => {
  const q = req.query;
  const hours = hoursBetween(q.start, q.end);
  const logs = await Promise.all(hours.map(async (hour) => readLog(hour)));
  const fixed = await Promise.all(hoursBetween('2026-01-01', '2026-01-02').map(async (hour) => readLog(hour)));
  const both = await Promise.all(pair(req.query.start, req.query.end).map(async (hour) => readLog(hour)));
  const archived = await Promise.all(hoursBetween(await firstHour(), q.end).map(async (hour) => readLog(hour)));
  res.json({ logs, fixed, both, archived });
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'Promise.all',
            collection: 'hours',
            source: 'the request (`hoursBetween(q.start, q.end)`)',
          },
          line: 19,
          column: 34,
          endLine: 19,
          endColumn: 74,
        },
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'Promise.all',
            collection: 'hoursBetween(await firstHour(), q.end)',
            source: 'data loaded at runtime (`hoursBetween(await firstHour(), q.end)`)',
          },
          line: 22,
          column: 38,
          endLine: 22,
          endColumn: 111,
        },
      ],
    },
    {
      // Inside the handler, a transaction callback's own \`ctx\` is not the request; the handler's \`req\` still is.
      // A mapper inside the callback limits the fan-out only with a finite concurrency.
      code: `
const express = require('express');
const Bluebird = require('bluebird');
const app = express();
app.post('/orders', async (req, res) => {
  await db.transaction(async (ctx) => {
    await Promise.all(ctx.pendingHooks.map(async (hook) => hook.run()));
    await Promise.all(req.body.ids.map(async (id) => ctx.save(id)));
  });
  await Promise.all(req.body.orders.map(async (order) => Bluebird.map(order.lines, saveLine)));
  await Promise.all(req.body.orders.map(async (order) => Bluebird.map(order.lines, saveLine, { concurrency: 0 })));
  await Promise.all(req.body.orders.map(async (order) => Bluebird.map(order.lines, saveLine, { concurrency: 4 })));
  res.end();
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'req.body.ids', source: 'the request (`req`)' },
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 67,
        },
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'req.body.orders', source: 'the request (`req`)' },
          line: 10,
          column: 21,
          endLine: 10,
          endColumn: 94,
        },
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'req.body.orders', source: 'the request (`req`)' },
          line: 11,
          column: 21,
          endLine: 11,
          endColumn: 114,
        },
      ],
    },
    {
      // The keys of an Express request body are the client's to choose, and a GraphQL list argument is as long as the
      // client sends, in a resolver of a code-first schema (\`g.field\`).
      code: `
const express = require('express');
const { g } = require('@graphql-ts/schema');
const app = express();
app.patch('/settings', async (req, res) => {
  await Promise.all(Object.keys(req.body).map(async (key) => save(key, req.body[key])));
  res.end();
});
exports.deleteMany = g.field({
  type: g.list(Item),
  async resolve(_, { where }) {
    return Promise.all(where.map(async (filter) => remove(filter)));
  },
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'Object.keys(req.body)', source: 'the request (`req`)' },
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 87,
        },
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'where', source: 'the request (`where`)' },
          line: 12,
          column: 24,
          endLine: 12,
          endColumn: 67,
        },
      ],
    },
    {
      // A helper that returns the promises of a request-sized map has started them all: its caller only settles them.
      code: `
const { g } = require('@graphql-ts/schema');
async function createMany(inputs, context) {
  return inputs.map(async (input) => context.db.create(input));
}
const deleteMany = (wheres, context) => wheres?.map(async (where) => context.db.delete(where));
exports.createItems = g.field({
  type: g.list(Item),
  async resolve(_, { data }, context) {
    return Promise.allSettled(await createMany(data, context));
  },
});
exports.deleteItems = g.field({
  type: g.list(Item),
  async resolve(_, args, context) {
    return Promise.allSettled(deleteMany(args.where, context));
  },
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'map()',
            collection: 'inputs',
            source: 'the request (`inputs`, passed in from GraphQL resolver `createItems`)',
          },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 63,
        },
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'map()',
            collection: 'wheres',
            source: 'the request (`wheres`, passed in from GraphQL resolver `deleteItems`)',
          },
          line: 6,
          column: 41,
          endLine: 6,
          endColumn: 95,
        },
      ],
    },
    {
      // Work pushed into an array in a loop, then settled at once: over the request's list, over rows walked by index,
      // and in a per-item callback.
      code: `
const express = require('express');
const app = express();
app.post('/orders', async (req, res) => {
  const promises = [];
  for (const order of req.body.orders) {
    promises.push(save(order).then(() => notify(order)));
  }
  await Promise.all(promises);
  const { rows } = await db.query('SELECT id FROM users');
  const reads = [];
  for (let i = 0; i < rows.length; i++) reads.push(load(rows[i].id));
  await Promise.allSettled(reads);
  const sends = [];
  req.body.emails.forEach((email) => sends.push(mailer.send(email)));
  await Promise.all(sends);
  res.end();
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'req.body.orders', source: 'the request (`req`)' },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 30,
        },
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'Promise.allSettled',
            collection: 'rows',
            source: "data loaded at runtime (`await db.query('SELECT id FROM users')`)",
          },
          line: 13,
          column: 9,
          endLine: 13,
          endColumn: 34,
        },
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'req.body.emails', source: 'the request (`req`)' },
          line: 16,
          column: 9,
          endLine: 16,
          endColumn: 27,
        },
      ],
    },
    {
      // An array refilled by its own settled results, and per-item callbacks that each wait for their own array: every
      // item still starts at once.
      code: `
const express = require('express');
const app = express();
app.post('/items', async (req, res) => {
  let results = [];
  for (const item of req.body.items) results.push(save(item));
  results = await Promise.all(results);
  req.body.users.forEach(async (user) => {
    const tasks = [];
    tasks.push(sendEmail(user));
    await Promise.all(tasks);
  });
  let dropped = [];
  for (const id of req.body.ids) {
    dropped.push(remove(id));
    if (dropped.length > 100) dropped = [];
  }
  await Promise.all(dropped);
  res.json(results);
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'req.body.items', source: 'the request (`req`)' },
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 39,
        },
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'req.body.users', source: 'the request (`req`)' },
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 29,
        },
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'req.body.ids', source: 'the request (`req`)' },
          line: 18,
          column: 9,
          endLine: 18,
          endColumn: 29,
        },
      ],
    },
    {
      // The keys of what a route's request feeds count, whichever handler the project lists first.
      code: `
const express = require('express');
const { g } = require('@graphql-ts/schema');
const app = express();
async function saveAll(filter) {
  await Promise.all(Object.keys(filter).map(async (key) => save(key)));
}
exports.update = g.field({ type: Item, async resolve(_, args) { await saveAll(args.where); } });
app.patch('/settings', async (req, res) => {
  await saveAll(req.body);
  res.end();
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'Promise.all',
            collection: 'Object.keys(filter)',
            source: 'the request (`filter`, passed in from Express route handler `PATCH /settings`)',
          },
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 70,
        },
      ],
    },
    {
      // A helper whose parameter the handler feeds with what the request sends.
      code: `
const express = require('express');
const app = express();
async function updateTags(id, added) {
  await Promise.all(added.map(async (tag) => createTag(id, tag)));
}
app.put('/tags/:id', async (req, res) => {
  const { tags } = req.body;
  await updateTags(req.params.id, tags.added);
  res.end();
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'Promise.all',
            collection: 'added',
            source: 'the request (`added`, passed in from Express route handler `PUT /tags/:id`)',
          },
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 65,
        },
      ],
    },
    {
      // A route function that the handler calls with its request: its own `(req, res)` parameters are the request;
      // its callback is an async function compiled to `__awaiter`.
      code: `
const express = require('express');
const router = express.Router();
router.post('/uploads', (req, res, next) => {
  upload(req, res).catch(next);
});
function upload(req, res) {
  return __awaiter(this, void 0, void 0, function* () {
    const saved = yield Promise.all(req.files.map(function (f) { return __awaiter(this, void 0, void 0, function* () { return store(f); }); }));
    res.json(saved);
  });
}
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'Promise.all', collection: 'req.files', source: 'the request (`req`)' },
          line: 9,
          column: 37,
          endLine: 9,
          endColumn: 143,
        },
      ],
    },
    {
      // Library fan-outs: Bluebird's combinator, Medusa's promiseAll, and mappers without a concurrency (p-map's
      // default is Infinity), compiled interop included.
      code: `
const express = require('express');
const Bluebird = require('bluebird');
const pMap = require('p-map');
const utils_1 = require('@medusajs/utils');
const app = express();
app.post('/upload', async (req, res) => {
  const rows = await req.db.query('select 1');
  await Bluebird.all(rows.map(async (row) => save(row)));
  await (0, utils_1.promiseAll)(req.files.map(function (f) { return upload(f); }));
  await pMap(req.body.ids, async (id) => fetchOne(id));
  await Bluebird.map(rows, (row) => save(row), { concurrency: Number.POSITIVE_INFINITY });
  res.end();
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'bluebird.all',
            collection: 'rows',
            source: "data loaded at runtime (`await req.db.query('select 1')`)",
          },
          line: 9,
          column: 22,
          endLine: 9,
          endColumn: 56,
        },
        {
          messageId: 'unboundedConcurrency',
          data: { api: '@medusajs/utils.promiseAll', collection: 'req.files', source: 'the request (`req`)' },
          line: 10,
          column: 33,
          endLine: 10,
          endColumn: 82,
        },
        {
          messageId: 'unboundedConcurrency',
          data: { api: 'p-map', collection: 'req.body.ids', source: 'the request (`req`)' },
          line: 11,
          column: 9,
          endLine: 11,
          endColumn: 55,
        },
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'bluebird.map',
            collection: 'rows',
            source: "data loaded at runtime (`await req.db.query('select 1')`)",
          },
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 90,
        },
      ],
    },
    {
      // A list a \`let\` is given in either branch, mapped to promises held in a variable and awaited together.
      code: `
async function updateMany(db, where, draft) {
  let docs;
  if (draft) {
    const query = await db.queryDrafts({ where });
    docs = query.docs;
  } else {
    const query = await db.find({ where, limit: 0 });
    docs = query.docs;
  }
  const promises = docs.map(async (doc) => db.updateOne({ id: doc.id }));
  return Promise.all(promises);
}
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          data: {
            api: 'Promise.all',
            collection: 'docs',
            source: 'data loaded at runtime (`await db.queryDrafts({ where })`)',
          },
          line: 12,
          column: 10,
          endLine: 12,
          endColumn: 31,
        },
      ],
    },
    {
      code: `
const express = require('express');
const app = express();
app.post('/notify', async (req, res) => {
  const { userIds } = req.body;
  await Promise.all(userIds.map(async (id) => notify(id)));
  res.sendStatus(202);
});
`,
      errors: [{ messageId: 'unboundedConcurrency', line: 6, column: 21, endLine: 6, endColumn: 58 }],
    },
    {
      code: `
async function reindex(pool) {
  const { rows } = await pool.query('select id from documents');
  return Promise.allSettled(rows.filter((r) => r.stale).map((row) => search.index(row.id)));
}
`,
      errors: [{ messageId: 'unboundedConcurrency', line: 4, column: 29, endLine: 4, endColumn: 91 }],
    },
    {
      code: `
const express = require('express');
const app = express();
app.get('/avatars', async (req, res) => {
  const ids = String(req.query.ids).split(',');
  const avatars = await Promise.all(Array.from(new Set(req.query.list), fetchAvatar));
  res.json({ ids, avatars });
});
`,
      errors: [{ messageId: 'unboundedConcurrency', line: 6, column: 37, endLine: 6, endColumn: 85 }],
    },
    // A limit above `maxFixedSize` is still a large fan-out.
    {
      code: `
const express = require('express');
const mongoose = require('mongoose');
const Post = mongoose.model('Post');
const app = express();
app.get('/all', async (req, res) => {
  const posts = await Post.find().limit(1000);
  res.json(await Promise.all(posts.map(async (post) => countViews(post.id))));
});
`,
      errors: [
        {
          messageId: 'unboundedConcurrency',
          line: 8,
          column: 30,
          endLine: 8,
          endColumn: 76,
        },
      ],
    },
  ],
});
