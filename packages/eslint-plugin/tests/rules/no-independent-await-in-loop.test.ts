import rule from '../../src/rules/no-independent-await-in-loop.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-independent-await-in-loop', rule, {
  valid: [
    // An await between the write and the read, inside an array literal: other iterations may change it meanwhile.
    `
export async function pairs(ids) {
  var _a;
  const out = [];
  for (const id of ids) {
    out.push((_a = lookup(id), [await settle(_a.key), _a.value]));
  }
  return out;
}
`,
    // A write that runs only on one branch: otherwise the read sees the previous iteration's value.
    `
export async function notifyAll(items) {
  var user;
  for (const item of items) {
    await notify(item, (item.owner && (user = await loadUser(item.owner)), user));
  }
}
`,
    // A `var` read before the iteration writes it: the previous iteration's value reaches the awaited call.
    `
export async function chain(ids) {
  var _a;
  const out = [];
  for (const id of ids) {
    const from = _a == null ? void 0 : _a.next;
    _a = await fetchPage(id, from);
    out.push(_a);
  }
  return out;
}
`,
    // The write and the read are in one expression, but an await between them lets other iterations change it.
    `
export async function pairs(ids) {
  var _a;
  const out = [];
  for (const id of ids) {
    out.push((_a = lookup(id), await settle(_a.key), _a.value));
  }
  return out;
}
`,
    // Whether an iteration awaits depends on what earlier ones stored in a Map: two items with the same key must not
    // both read the file.
    `
async function load(requests, current) {
  for (const request of requests) {
    if (!current.has(request.manifest)) {
      const text = await readFile(request.manifest, 'utf8');
      current.set(request.manifest, text);
    }
  }
}
`,
    // Chunks of a range, one bulk read at a time: sequential on purpose, to bound the work in flight.
    `
async function createDiff(fromRev, toRev) {
  const bulkSize = 100;
  const results = {};
  for (let rev = fromRev + 1; rev <= toRev; rev += bulkSize) {
    const { changesets } = await getChangesetsInBulk(rev, bulkSize);
    results[rev] = changesets;
  }
  return results;
}
`,
    // The same over a chunking helper.
    `
const { chunk } = require('lodash');
async function warm(ids) {
  const cached = {};
  for (const batch of chunk(ids, 500)) {
    cached[batch[0]] = await cache.mget(batch);
  }
  return cached;
}
`,
    // An async function of the file that does nothing asynchronous: no waiting to overlap.
    `
const describe = async (node) => JSON.stringify({ name: node.name, label: node.label });
async function describeAll(nodes) {
  const out = [];
  for (const node of nodes) out.push(await describe(node));
  return out;
}
`,
    // A value an earlier iteration stored, looked up for the next awaited call.
    `
async function walk(ids, seen) {
  for (const id of ids) {
    const parent = seen.get(id);
    seen.set(id, await fetchNode(id, parent));
  }
}
`,
    // A value carried from one iteration into the next awaited call.
    `
async function chain(steps, seed) {
  let previous = seed;
  for (const step of steps) {
    previous = await apply(step, previous);
  }
  return previous;
}
`,
    // Carried through a local: the next request is built from the last response.
    `
async function crawl(urls) {
  let etag = null;
  for (const url of urls) {
    const headers = { 'if-none-match': etag };
    const response = await fetch(url, { headers });
    etag = response.headers.get('etag');
  }
}
`,
    // Cursor pagination.
    `
async function all(client) {
  const items = [];
  let cursor;
  do {
    const page = await client.list({ cursor });
    items.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return items;
}
`,
    `
async function all(api) {
  let page = 1;
  let more = true;
  while (more) {
    const response = await api.get('/items', { page });
    more = response.hasMore;
    page += 1;
  }
}
`,
    // Retry with an attempt counter and a backoff sleep.
    `
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function withRetry(task) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      await sleep(100 * 2 ** attempt);
    }
  }
}
`,
    `
async function connectWithRetry(db) {
  let attempts = 0;
  while (attempts < 5) {
    try {
      await db.connect(attempts);
      break;
    } catch {
      attempts++;
    }
  }
}
`,
    // Early exits after an await.
    `
async function firstReachable(urls) {
  for (const url of urls) {
    const response = await fetch(url);
    if (response.ok) return response;
  }
}
`,
    `
async function firstAdmin(users) {
  let found;
  for (const user of users) {
    if (await isAdmin(user)) {
      found = user;
      break;
    }
  }
  return found;
}
`,
    `
async function validateAll(rows) {
  for (const row of rows) {
    const problem = await validate(row);
    if (problem) throw new Error(problem);
  }
}
`,
    // for await over a stream.
    `
async function consume(stream) {
  for await (const chunk of stream) {
    await handle(chunk);
  }
}
`,
    // Pacing on purpose.
    `
import { setTimeout as delay } from 'node:timers/promises';
async function notify(users) {
  for (const user of users) {
    await sendEmail(user);
    await delay(50);
  }
}
`,
    // The same operation repeated: polling, warm-up.
    `
async function warmUp(pool) {
  for (let i = 0; i < 3; i++) {
    await pool.ping();
  }
}
`,
    // Each item is a step of a pipeline: order matters.
    `
async function runMiddleware(middlewares, ctx) {
  for (const middleware of middlewares) {
    await middleware(ctx);
  }
}
`,
    // Awaits only in a nested loop: the inner loop is the one to judge.
    `
async function sync(accounts) {
  for (const account of accounts) {
    let token;
    do {
      const page = await fetchPage(account, token);
      token = page.next;
    } while (token);
  }
}
`,
    // An async generator yields in order.
    `
async function* pages(ids) {
  for (const id of ids) {
    yield await load(id);
  }
}
`,
    // Start-up code: migrations run in order at boot.
    `
for (const migration of migrations) {
  await migration.up(db);
}
`,
    // Bare awaits are ordered side effects by default (migrations, DDL statements, commands of one transaction).
    `
async function applyAll(client, statements) {
  for (const statement of statements) {
    await client.query(statement);
  }
}
`,
    // State kept on `this` and handed to the awaited call.
    `
class Flow {
  async loadEnv(nodes) {
    for (const node of nodes) {
      const env = await evaluate(this, node.env);
      this.env = { ...this.env, ...env };
    }
  }
}
`,
    // A labelled continue that leaves for an outer loop.
    `
async function scan(groups) {
  outer: for (const group of groups) {
    for (const item of group.items) {
      const ok = await check(item);
      if (!ok) continue outer;
    }
  }
}
`,
  ],
  invalid: [
    {
      // The value of `data[key] = await load(key)` is the loaded entry, not the collection it is stored in, so the
      // author's lookup reads nothing that an earlier iteration wrote.
      code: `
export async function exportPad(keys) {
  const data = {};
  for (const key of keys) {
    const entry = (data[key] = await load(key));
    entry.author = await loadAuthor(entry.authorId);
  }
  return data;
}
`,
      errors: [
        {
          messageId: 'independentAwaitInLoop',
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              data: { bound: '' },
              output: `
export async function exportPad(keys) {
  const data = {};
  await Promise.all(Array.from(keys, async (key) => {
    const entry = (data[key] = await load(key));
    entry.author = await loadAuthor(entry.authorId);
  }));
  return data;
}
`,
            },
          ],
        },
      ],
    },
    {
      // The same through a TypeScript cast of the stored value.
      code: `
export async function exportPad(keys: string[]) {
  const data: Record<string, unknown> = {};
  for (const key of keys) {
    const entry = (data[key] = await load(key)) as Entry;
    entry.author = await loadAuthor(entry.authorId);
  }
  return data;
}
`,
      errors: [
        {
          messageId: 'independentAwaitInLoop',
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              data: { bound: '' },
              output: `
export async function exportPad(keys: string[]) {
  const data: Record<string, unknown> = {};
  await Promise.all(keys.map(async (key) => {
    const entry = (data[key] = await load(key)) as Entry;
    entry.author = await loadAuthor(entry.authorId);
  }));
  return data;
}
`,
            },
          ],
        },
      ],
    },
    {
      // Compiled optional chaining: the function-wide `var _a` is written and then read in the same expression of
      // each iteration, so no value passes from one iteration to the next.
      code: `
export async function names(ids) {
  var _a;
  const out = [];
  for (const id of ids) {
    const name = (_a = profiles[id]) == null ? void 0 : _a.name;
    out.push(await fetchName(name));
  }
  return out;
}
`,
      errors: [
        {
          messageId: 'independentAwaitInLoop',
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 35,
          suggestions: [],
        },
      ],
    },
    {
      code: `
const express = require('express');
const app = express();
app.get('/users', async (req, res) => {
  const users = [];
  for (const id of req.query.ids) {
    const user = await getUser(id);
    users.push(user);
  }
  res.json(users);
});
`,
      errors: [
        {
          messageId: 'independentAwaitInLoop',
          line: 7,
          column: 18,
          endLine: 7,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              data: { bound: '' },
              output: `
const express = require('express');
const app = express();
app.get('/users', async (req, res) => {
  const users = [];
  const results = await Promise.all(Array.from(req.query.ids, async (id) => {
    const user = await getUser(id);
    return user;
  }));
  for (const result of results) users.push(result);
  res.json(users);
});
`,
            },
          ],
        },
      ],
    },
    {
      // With a concurrency limit: an existing p-limit import is reused; continue becomes return.
      code: `
import pLimit from 'p-limit';
export async function warm(cache) {
  for (const key of Object.keys(cache)) {
    if (!cache[key].stale) continue;
    await cache[key].refresh();
  }
}
`,
      options: [{ concurrencyLimit: 2, checkEffects: true }],
      errors: [
        {
          messageId: 'independentAwaitInLoop',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              data: { bound: ' with at most 2 at a time (`p-limit`)' },
              output: `
import pLimit from 'p-limit';
export async function warm(cache) {
  const limit = pLimit(2);
  await Promise.all(Object.keys(cache).map((key) => limit(async () => {
    if (!cache[key].stale) return;
    await cache[key].refresh();
  })));
}
`,
            },
          ],
        },
      ],
    },
    {
      // TypeScript: an array-typed parameter maps directly; the counter stays in the callback; p-limit is imported.
      code: `
import { db } from './db.js';
export async function touch(ids: string[]) {
  let touched = 0;
  for (const id of ids) {
    // one row per id
    await db.touch(id);
    touched++;
  }
  return touched;
}
`,
      options: [{ concurrencyLimit: 5, checkEffects: true }],
      errors: [
        {
          messageId: 'independentAwaitInLoop',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              data: { bound: ' with at most 5 at a time (`p-limit`)' },
              output: `
import { db } from './db.js';
import pLimit from 'p-limit';
export async function touch(ids: string[]) {
  let touched = 0;
  const limit = pLimit(5);
  await Promise.all(ids.map((id) => limit(async () => {
    // one row per id
    await db.touch(id);
    touched++;
  })));
  return touched;
}
`,
            },
          ],
        },
      ],
    },
    {
      // Accumulating in order and counting do not make iterations dependent.
      code: `
async function prices(items) {
  const totals = [];
  let count = 0;
  for (const item of items) {
    totals.push(await priceOf(item.sku));
    count++;
  }
  return { totals, count };
}
`,
      errors: [
        { messageId: 'independentAwaitInLoop', line: 6, column: 17, endLine: 6, endColumn: 40, suggestions: [] },
      ],
    },
    {
      code: `
async function load(ids) {
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    out[i] = await fetchItem(ids[i]);
  }
  return out;
}
`,
      errors: [
        { messageId: 'independentAwaitInLoop', line: 5, column: 14, endLine: 5, endColumn: 37, suggestions: [] },
      ],
    },
    {
      code: `
async function refresh(cache) {
  for (const key in cache) {
    cache[key] = await reload(key);
  }
}
`,
      errors: [
        { messageId: 'independentAwaitInLoop', line: 4, column: 18, endLine: 4, endColumn: 35, suggestions: [] },
      ],
    },
    {
      // With checkEffects, bare awaits count too; per-item error handling that moves on is not an exit.
      code: `
async function sendAll(messages, failures) {
  for (const message of messages) {
    try {
      await transport.send(message);
    } catch (error) {
      failures.push({ message, error });
      continue;
    }
  }
}
`,
      options: [{ checkEffects: true }],
      errors: [{ messageId: 'independentAwaitInLoop', line: 5, column: 7, endLine: 5, endColumn: 36, suggestions: [] }],
    },
  ],
});
