import rule from '../../src/rules/no-unbounded-cache.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

/** For code whose functions the model cannot place (no handler, no start-up caller in the snippet). */
const anywhere: [{ checkUnknownContext: boolean }] = [{ checkUnknownContext: true }];

ruleTester.run('no-unbounded-cache', rule, {
  valid: [
    {
      name: 'Constants: never written after start-up',
      code: `
const STATUS = { ok: 200 };
app.get('/', (req, res) => res.json(STATUS[req.query.s]));
`,
    },
    {
      name: "app.get('/', (req, res) => res.json(routes.get(req.path)));",
      code: `
const routes = new Map();
routes.set('/a', 1);
routes.set('/b', 2);
app.get('/', (req, res) => res.json(routes.get(req.path)));
`,
    },
    {
      name: 'Fixed keys do not grow',
      code: `
const stats = { hits: 0 };
app.get('/', (req, res) => { stats.hits += 1; stats['last'] = Date.now(); res.end(); });
`,
    },
    {
      name: 'A delete path anywhere in the file',
      code: `
const sessions = {};
app.post('/login', (req, res) => { sessions[req.body.id] = req.body; res.end(); });
app.post('/logout', (req, res) => { delete sessions[req.body.id]; res.end(); });
`,
    },
    {
      name: 'function reset() { seen.clear(); }',
      options: anywhere,
      code: `
const seen = new Set();
app.get('/', (req, res) => { seen.add(req.ip); res.end(); });
function reset() { seen.clear(); }
`,
    },
    {
      name: 'Cleared by a timer',
      options: anywhere,
      code: `
const memo = new Map();
setInterval(() => memo.clear(), 60_000);
function lookup(k) { if (!memo.has(k)) memo.set(k, compute(k)); return memo.get(k); }
`,
    },
    {
      name: 'A field of an instance that each request creates dies with it',
      code: `
const express = require('express');
const app = express();
class Basket {
  constructor() {
    this.lines = new Map();
  }
  add(sku, n) {
    this.lines.set(sku, n);
  }
}
app.post('/basket', (req, res) => {
  const basket = new Basket();
  basket.add(req.body.sku, 1);
  res.end();
});
`,
    },
    {
      name: 'A field bounded by another method of the class',
      code: `
const express = require('express');
const app = express();
class Sessions {
  byId = new Map();
  open(id, user) {
    this.byId.set(id, user);
  }
  close(id) {
    this.byId.delete(id);
  }
}
const sessions = new Sessions();
app.post('/login', (req, res) => {
  sessions.open(req.body.id, req.body.user);
  res.end();
});
`,
    },
    {
      name: 'A field that a timer fills runs with the program’s own data',
      code: `
class Scheduler {
  constructor() {
    this.lastRun = new Map();
  }
  tick(task) {
    this.lastRun.set(task.id, Date.now());
  }
}
const scheduler = new Scheduler();
setInterval(() => scheduler.tick(nextTask()), 1000);
`,
    },
    {
      name: 'A field read through another object of the file may be bounded there',
      code: `
const express = require('express');
const app = express();
class Locale {
  constructor() {
    this.instances = new Map();
  }
  instance(lang) {
    if (!this.instances.has(lang)) this.instances.set(lang, clone(lang));
    return this.instances.get(lang);
  }
}
const locale = new Locale();
app.get('/', (req, res) => res.json(locale.instance(req.get('X-Locale'))));
app.post('/reset', (req, res) => {
  locale.instances.clear();
  res.end();
});
`,
    },
    {
      name: 'A NestJS provider given a request-scoped one is built per request, and its fields with it',
      code: `
import { Injectable, Controller, Post, Body, Scope } from '@nestjs/common';
@Injectable({ scope: Scope.REQUEST })
export class RequestContext {
  tenant = '';
}
@Injectable()
export class AssetImporter {
  private readonly assets: Map<string, string> = new Map();
  constructor(private readonly context: RequestContext) {}
  async importAll(paths: string[]) {
    for (const path of paths) {
      if (!this.assets.has(path)) this.assets.set(path, this.context.tenant);
    }
  }
}
@Controller('import')
export class ImportController {
  constructor(private readonly importer: AssetImporter) {}
  @Post()
  run(@Body() body: { paths: string[] }) {
    return this.importer.importAll(body.paths);
  }
}
`,
    },
    {
      name: 'A parameter that the method prefixes with a constant still keys the map with fixed names',
      code: `
const express = require('express');
const app = express();
class Stats {
  constructor() {
    this.memory = new Map();
    this.users = () => this.memorize('users', countUsers);
  }
  memorize(key, fn) {
    key = 'stats:' + key;
    key += ':v2';
    if (!this.memory.has(key)) this.memory.set(key, fn());
    return this.memory.get(key);
  }
}
const stats = new Stats();
app.get('/stats', (req, res) => res.json(stats.users()));
`,
    },
    {
      name: 'Keys chosen by a switch on the key, and keys the class passes itself',
      code: `
const express = require('express');
const app = express();
const loaded = new Map();
class Stats {
  constructor() {
    this.memory = new Map();
    this.users = () => this.memorize('users', countUsers);
  }
  memorize(key, fn) {
    if (!this.memory.has(key)) this.memory.set(key, fn());
    return this.memory.get(key);
  }
}
const stats = new Stats();
app.get('/stats', (req, res) => res.json(stats.users()));
app.get('/sso/:provider', (req, res) => {
  const provider = req.params.provider;
  switch (provider) {
    case 'google':
      loaded.set(provider, google());
      break;
    case 'github':
      loaded.set(provider, github());
      break;
  }
  res.end();
});
`,
    },
    {
      name: 'An update of an entry the code has found adds no key',
      code: `
const express = require('express');
const app = express();
class Tasks {
  constructor() {
    this.tasks = new Map();
  }
  mark(id) {
    const task = this.tasks.get(id);
    if (task && !task.done) this.tasks.set(id, { ...task, done: true });
  }
}
const tasks = new Tasks();
app.post('/tasks/:id/done', (req, res) => {
  tasks.mark(req.params.id);
  res.end();
});
`,
    },
    {
      name: 'An entry updated only when it is there, and a this of another function',
      code: `
const express = require('express');
const app = express();
const counts = {};
class Queue {
  constructor() {
    this.pending = new Map();
  }
  push(ids, job) {
    ids.forEach(function (id) {
      this.pending.set(id, job);
    }, registry);
  }
}
const queue = new Queue();
app.post('/hit/:k', (req, res) => {
  if (counts[req.params.k]) counts[req.params.k] = counts[req.params.k] + 1;
  queue.push([req.params.k], req.body);
  res.end();
});
`,
    },
    {
      name: 'The base class of an instance that each request creates: super() runs per request',
      code: `
const express = require('express');
const app = express();
class Base {
  constructor() { this.cache = new Map(); }
  get(k) { if (!this.cache.has(k)) this.cache.set(k, compute(k)); return this.cache.get(k); }
}
class RequestContext extends Base {
  constructor(req) { super(); this.req = req; }
  user() { return this.get(this.req.query.user); }
}
app.get('/x', (req, res) => res.send(new RequestContext(req).user()));
`,
    },
    {
      name: 'A subclass in the file clears the field',
      code: `
const express = require('express');
const app = express();

class A {
  constructor() { this.cache = new Map(); }
  get(k) { if (!this.cache.has(k)) this.cache.set(k, compute(k)); return this.cache.get(k); }
}
class B extends A {
  reset() { this.cache.clear(); }
}
const svc = new B();
setInterval(() => svc.reset(), 60000);
app.get('/x', (req, res) => res.send(svc.get(req.query.k)));
`,
    },
    {
      name: 'A method takes the field off this and clears it',
      code: `
const express = require('express');
const app = express();

class A {
  constructor() { this.cache = new Map(); }
  get(k) { if (!this.cache.has(k)) this.cache.set(k, compute(k)); return this.cache.get(k); }
  reset() { const { cache } = this; cache.clear(); }
}
const svc = new A();
app.get('/x', (req, res) => res.send(svc.get(req.query.k)));
app.post('/reset', (req, res) => { svc.reset(); res.end(); });
`,
    },
    {
      name: 'NestJS: a request-scoped provider is built per request',
      code: `
import { Injectable, Scope, Controller, Get, Query } from '@nestjs/common';
@Injectable({ scope: Scope.REQUEST })
export class Seen {
  ids = new Set<string>();
  constructor() {}
  mark(id: string) {
    this.ids.add(id);
  }
}
@Controller('seen')
export class SeenController {
  constructor(private readonly seen: Seen) {}
  @Get()
  get(@Query('id') id: string) {
    this.seen.mark(id);
  }
}
`,
    },
    {
      name: 'Size-checked',
      code: `
const log = [];
app.use((req, res, next) => { log.push(req.url); if (log.length > 1000) log.shift(); next(); });
`,
    },
    {
      name: 'function put(k, v) { if (Object.keys(cache).length >= 500) return; cache[k] =…',
      options: anywhere,
      code: `
const cache = {};
function put(k, v) { if (Object.keys(cache).length >= 500) return; cache[k] = v; }
`,
    },
    {
      name: 'function put(k, v) { if (cache.size > 100) cache.delete(cache.keys().next().v…',
      options: anywhere,
      code: `
const cache = new Map();
function put(k, v) { if (cache.size > 100) cache.delete(cache.keys().next().value); cache.set(k, v); }
`,
    },
    {
      name: 'Reassigned: cleared by replacing it',
      options: anywhere,
      code: `
let buffer = [];
function add(x) { buffer.push(x); }
function flush() { const b = buffer; buffer = []; return b; }
`,
    },
    {
      name: 'Escapes to code this file cannot see',
      options: anywhere,
      code: `
const cache = {};
function put(k, v) { cache[k] = v; }
module.exports = { cache, put };
`,
    },
    {
      name: 'export function register(k, v) { registry.set(k, v); }',
      options: anywhere,
      code: `
export const registry = new Map();
export function register(k, v) { registry.set(k, v); }
`,
    },
    {
      name: 'watch(cache);',
      options: anywhere,
      code: `
const cache = new Map();
function put(k, v) { cache.set(k, v); }
watch(cache);
`,
    },
    {
      name: 'Written only at start-up',
      options: anywhere,
      code: `
const handlers = {};
for (const name of names) handlers[name] = load(name);
function get(name) { return handlers[name]; }
`,
    },
    {
      name: 'Weak collections and a shadowed Map',
      options: anywhere,
      code: `
const meta = new WeakMap();
function tag(o) { meta.set(o, Date.now()); }
`,
    },
    {
      name: 'function put(k) { m.set(k, 1); }',
      options: anywhere,
      code: `
class Map { set() {} }
const m = new Map();
function put(k) { m.set(k, 1); }
`,
    },
    {
      name: 'Growth in functions the project does not place is left to checkUnknownContext',
      code: `
const seen = new Set();
export function track(id) {
  seen.add(id);
  return seen.size;
}
`,
    },
    {
      name: 'A key read from a lookup table of the module, with a literal fallback: at most its values',
      code: `
const express = require('express');
const app = express();
const anonCache = {};
var terms = { daily: 'day', weekly: 'week', monthly: 'month' };
app.get('/popular/:term?', async (req, res) => {
  let term = terms[req.params.term];
  term = term || 'alltime';
  if (!anonCache[term]) anonCache[term] = await load(term);
  res.json(anonCache[term]);
});
`,
    },
    {
      name: 'A path that a module resolver finds for a key of a fixed set',
      code: `
const express = require('express');
const resolve = require('resolve');
const app = express();
const PAGES = { home: 'index', about: 'about' };
const templates = new Map();
const compiled = {};
app.get('/page/:name', (req, res) => {
  const file = resolve.sync('./views/' + (PAGES[req.params.name] || 'index'), { basedir: __dirname });
  if (!templates.has(file)) templates.set(file, compile(file));
  compiled[require.resolve(\`./views/\${PAGES[req.params.name]}.html\`)] = true;
  res.send(templates.get(file)());
});
`,
    },
    {
      name: 'Function-scope collections die with the call',
      code: `
app.get('/', (req, res) => { const seen = new Set(); for (const x of req.body) seen.add(x); res.json([...seen]); });
`,
    },
  ],
  invalid: [
    {
      name: 'const memo = {};',
      code: `
const express = require('express');
const app = express();
const memo = {};
app.get('/price/:sku', async (req, res) => {
  if (!memo[req.params.sku]) memo[req.params.sku] = await quote(req.params.sku);
  res.json(memo[req.params.sku]);
});
`,
      errors: [{ messageId: 'unboundedCollection', line: 4, column: 7, endLine: 4, endColumn: 11 }],
    },
    {
      name: 'const seen = new Set();',
      options: anywhere,
      code: `
const seen = new Set();
export function track(id) {
  seen.add(id);
  return seen.size;
}
`,
      errors: [{ messageId: 'unboundedCollection', line: 2, column: 7, endLine: 2, endColumn: 11 }],
    },
    {
      name: 'const requests = [];',
      code: `
const express = require('express');
const app = express();
const requests = [];
app.use((req, res, next) => {
  requests.push({ url: req.url, at: Date.now() });
  next();
});
app.get('/debug', (req, res) => res.json(requests.slice(-10)));
`,
      errors: [{ messageId: 'unboundedCollection', line: 4, column: 7, endLine: 4, endColumn: 15 }],
    },
    {
      name: 'const users = new Map<string, User>();',
      options: anywhere,
      code: `
const users = new Map<string, User>();
export async function getUser(id: string): Promise<User> {
  let user = users.get(id);
  if (!user) {
    user = await db.users.find(id);
    users.set(id, user);
  }
  return user;
}
`,
      errors: [{ messageId: 'unboundedCollection', line: 2, column: 7, endLine: 2, endColumn: 12 }],
    },
    {
      name: 'var byToken = Object.create(null);',
      options: anywhere,
      code: `
var byToken = Object.create(null);
function remember(token, user) { byToken[token] = user; }
`,
      errors: [{ messageId: 'unboundedCollection', line: 2, column: 5, endLine: 2, endColumn: 12 }],
    },
    {
      name: 'A table that the code also writes to is no fixed set of keys',
      code: `
const express = require('express');
const app = express();
const seen = {};
const aliases = { a: 'alpha' };
app.post('/alias', (req, res) => {
  aliases[req.body.name] = req.body.target;
  const key = aliases[req.body.name];
  seen[key] = Date.now();
  res.end();
});
`,
      errors: [
        { messageId: 'unboundedCollection', line: 4, column: 7, endLine: 4, endColumn: 11 },
        { messageId: 'unboundedCollection', line: 5, column: 7, endLine: 5, endColumn: 14 },
      ],
    },
    {
      name: 'A variable with one value from the request is no fixed key',
      code: `
const express = require('express');
const app = express();
const hits = new Map();
const terms = { daily: 'day' };
app.get('/t/:term', (req, res) => {
  let term = terms[req.params.term];
  if (!term) term = req.params.term;
  hits.set(term, (hits.get(term) ?? 0) + 1);
  res.end();
});
`,
      errors: [{ messageId: 'unboundedCollection', line: 4, column: 7, endLine: 4, endColumn: 11 }],
    },
    {
      name: 'A field of a service created at start-up grows per request',
      code: `
const express = require('express');
const app = express();
class Locale {
  constructor() {
    this.instances = new Map();
  }
  instance(lang) {
    let found = this.instances.get(lang);
    if (!found) {
      found = clone(lang);
      this.instances.set(lang, found);
    }
    return found;
  }
}
const locale = new Locale();
app.get('/', (req, res) => res.json(locale.instance(req.get('X-Locale'))));
`,
      errors: [
        {
          messageId: 'unboundedField',
          data: {
            name: 'this.instances',
            kind: 'a `Map`',
            className: 'Locale',
            lifetime: 'created at start-up: only called from start-up code',
            growth: 'gets a new key',
            line: '12',
            reason: 'called from Express route handler `GET /`',
          },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 19,
        },
      ],
    },
    {
      name: 'A field of an instance that no request creates (an exported boot function nobody calls here)',
      code: `
const express = require('express');
const app = express();
class Locale {
  constructor() {
    this.instances = new Map();
  }
  instance(lang) {
    if (!this.instances.has(lang)) this.instances.set(lang, clone(lang));
    return this.instances.get(lang);
  }
}
let locale;
exports.boot = function boot() {
  locale = new Locale();
};
app.get('/', (req, res) => res.json(locale.instance(req.query.lang)));
`,
      errors: [
        {
          messageId: 'unboundedField',
          data: {
            name: 'this.instances',
            kind: 'a `Map`',
            className: 'Locale',
            lifetime: 'created by code that the project places on no request path',
            growth: 'gets a new key',
            line: '9',
            reason: 'called from Express route handler `GET /`',
          },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 19,
        },
      ],
    },
    {
      name: 'A NestJS provider keeps what each request adds (TypeScript class field)',
      code: `
import { Injectable, Controller, Post, Body } from '@nestjs/common';
@Injectable()
export class AssetImporter {
  private readonly assets: Map<string, string> = new Map();
  private byName: Record<string, number> = {};
  constructor(private readonly store: Store) {}
  async importAll(paths: string[]) {
    for (const path of paths) {
      if (!this.assets.has(path)) this.assets.set(path, await this.store.save(path));
      this.byName[path] = Date.now();
    }
  }
}
@Controller('import')
export class ImportController {
  constructor(private readonly importer: AssetImporter) {}
  @Post()
  run(@Body() body: { paths: string[] }) {
    return this.importer.importAll(body.paths);
  }
}
`,
      errors: [
        {
          messageId: 'unboundedField',
          data: {
            name: 'this.assets',
            kind: 'a `Map`',
            className: 'AssetImporter',
            lifetime: 'created at start-up: NestJS provider constructor',
            growth: 'gets a new key',
            line: '10',
            reason: 'called from NestJS handler `ImportController.run` (@Post)',
          },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 26,
        },
        { messageId: 'unboundedField', line: 6, column: 11, endLine: 6, endColumn: 17 },
      ],
    },
    {
      name: 'A parameter that the method reassigns is no fixed key, whatever its callers pass',
      code: `
const express = require('express');
const app = express();
class Stats {
  constructor() {
    this.memory = new Map();
    this.users = (req) => this.memorize('users', countUsers, req);
  }
  memorize(key, fn, req) {
    key = key + ':' + req.query.user;
    if (!this.memory.has(key)) this.memory.set(key, fn());
    return this.memory.get(key);
  }
}
const stats = new Stats();
app.get('/stats', (req, res) => res.json(stats.users(req)));
`,
      errors: [{ messageId: 'unboundedField', line: 6, column: 5, endLine: 6, endColumn: 16 }],
    },
    {
      name: 'A method passed as a callback is no call of it with a fixed key',
      code: `
const express = require('express');
const app = express();

const seen = new Set();
class Consumer {
  handle(req) { req.on('data', this.track); }
  track(chunk) { seen.add(chunk); }
}
const c = new Consumer();
app.post('/x', (req, res) => { c.handle(req); res.end(); });
`,
      errors: [{ messageId: 'unboundedCollection', line: 5, column: 7, endLine: 5, endColumn: 11 }],
    },
    {
      name: 'A default clause that falls into the case lets any key through',
      code: `
const express = require('express');
const app = express();

const providers = new Map();
function provider(name) {
  switch (name) {
    default:
      console.warn('unknown provider', name);
    // falls through
    case 'azure':
      providers.set(name, create(name));
  }
  return providers.get(name);
}
app.get('/x', (req, res) => res.send(provider(req.query.p)));
`,
      errors: [{ messageId: 'unboundedCollection', line: 5, column: 7, endLine: 5, endColumn: 16 }],
    },
    {
      name: 'An inner variable of the same name is another key than the one found',
      code: `
const express = require('express');
const app = express();

const cache = new Map();
app.post('/x', (req, res) => {
  const key = req.body.parent;
  if (cache.has(key)) {
    for (const key of req.body.children) cache.set(key, cache.get(req.body.parent));
  }
  res.end();
});
`,
      errors: [{ messageId: 'unboundedCollection', line: 5, column: 7, endLine: 5, endColumn: 12 }],
    },
    {
      name: 'A resolver of another library is not a module resolver',
      code: `
const express = require('express');
const resolver = require('./resolver');
const app = express();
const byPath = new Map();
app.get('/r/:name', (req, res) => {
  const file = resolver.sync(req.params.name);
  byPath.set(file, Date.now());
  res.end();
});
`,
      errors: [{ messageId: 'unboundedCollection', line: 5, column: 7, endLine: 5, endColumn: 13 }],
    },
    {
      name: 'A resolver given a name from the request can return any file on disk',
      code: `
import express from 'express';
const app = express();
const modules = new Map();
const seen = new Set();
app.get('/m/:name', async (req, res) => {
  const url = import.meta.resolve(req.params.name);
  if (!modules.has(url)) modules.set(url, await import(url));
  seen.add(require.resolve(req.params.name));
  res.json(Object.keys(modules.get(url)));
});
`,
      errors: [
        { messageId: 'unboundedCollection', line: 4, column: 7, endLine: 4, endColumn: 14 },
        { messageId: 'unboundedCollection', line: 5, column: 7, endLine: 5, endColumn: 11 },
      ],
    },
    {
      name: 'The variable of a for...of loop takes every element of its list',
      code: `
const express = require('express');
const app = express();
const hits = {};
app.post('/hits', (req, res) => {
  for (let k of req.body.keys) {
    k = k || 'none';
    hits[k] = 1;
  }
  res.end();
});
`,
      errors: [{ messageId: 'unboundedCollection', line: 4, column: 7, endLine: 4, endColumn: 11 }],
    },
    {
      name: 'An exported table may be written by other modules',
      code: `
import express from 'express';
const app = express();
const seen = {};
export const ALIASES = { a: 'alpha' };
app.get('/alias', (req, res) => {
  seen[ALIASES[req.query.name]] = 1;
  res.end();
});
`,
      errors: [{ messageId: 'unboundedCollection', line: 4, column: 7, endLine: 4, endColumn: 11 }],
    },
  ],
});
