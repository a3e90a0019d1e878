import rule from '../../src/rules/no-unbounded-cache.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

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
      code: `
const seen = new Set();
app.get('/', (req, res) => { seen.add(req.ip); res.end(); });
function reset() { seen.clear(); }
`,
    },
    {
      name: 'Cleared by a timer',
      code: `
const memo = new Map();
setInterval(() => memo.clear(), 60_000);
function lookup(k) { if (!memo.has(k)) memo.set(k, compute(k)); return memo.get(k); }
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
      code: `
const cache = {};
function put(k, v) { if (Object.keys(cache).length >= 500) return; cache[k] = v; }
`,
    },
    {
      name: 'function put(k, v) { if (cache.size > 100) cache.delete(cache.keys().next().v…',
      code: `
const cache = new Map();
function put(k, v) { if (cache.size > 100) cache.delete(cache.keys().next().value); cache.set(k, v); }
`,
    },
    {
      name: 'Reassigned: cleared by replacing it',
      code: `
let buffer = [];
function add(x) { buffer.push(x); }
function flush() { const b = buffer; buffer = []; return b; }
`,
    },
    {
      name: 'Escapes to code this file cannot see',
      code: `
const cache = {};
function put(k, v) { cache[k] = v; }
module.exports = { cache, put };
`,
    },
    {
      name: 'export function register(k, v) { registry.set(k, v); }',
      code: `
export const registry = new Map();
export function register(k, v) { registry.set(k, v); }
`,
    },
    {
      name: 'watch(cache);',
      code: `
const cache = new Map();
function put(k, v) { cache.set(k, v); }
watch(cache);
`,
    },
    {
      name: 'Written only at start-up',
      code: `
const handlers = {};
for (const name of names) handlers[name] = load(name);
function get(name) { return handlers[name]; }
`,
    },
    {
      name: 'Weak collections and a shadowed Map',
      code: `
const meta = new WeakMap();
function tag(o) { meta.set(o, Date.now()); }
`,
    },
    {
      name: 'function put(k) { m.set(k, 1); }',
      code: `
class Map { set() {} }
const m = new Map();
function put(k) { m.set(k, 1); }
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
const requests = [];
app.use((req, res, next) => {
  requests.push({ url: req.url, at: Date.now() });
  next();
});
app.get('/debug', (req, res) => res.json(requests.slice(-10)));
`,
      errors: [{ messageId: 'unboundedCollection', line: 2, column: 7, endLine: 2, endColumn: 15 }],
    },
    {
      name: 'const users = new Map<string, User>();',
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
      code: `
var byToken = Object.create(null);
function remember(token, user) { byToken[token] = user; }
`,
      errors: [{ messageId: 'unboundedCollection', line: 2, column: 5, endLine: 2, endColumn: 12 }],
    },
  ],
});
