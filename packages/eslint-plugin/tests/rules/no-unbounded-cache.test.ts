import rule from '../../src/rules/no-unbounded-cache.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-unbounded-cache', rule, {
  valid: [
    // Constants: never written after start-up.
    "const STATUS = { ok: 200 };\napp.get('/', (req, res) => res.json(STATUS[req.query.s]));",
    "const routes = new Map();\nroutes.set('/a', 1);\nroutes.set('/b', 2);\napp.get('/', (req, res) => res.json(routes.get(req.path)));",
    // Fixed keys do not grow.
    "const stats = { hits: 0 };\napp.get('/', (req, res) => { stats.hits += 1; stats['last'] = Date.now(); res.end(); });",
    // A delete path anywhere in the file.
    "const sessions = {};\napp.post('/login', (req, res) => { sessions[req.body.id] = req.body; res.end(); });\napp.post('/logout', (req, res) => { delete sessions[req.body.id]; res.end(); });",
    "const seen = new Set();\napp.get('/', (req, res) => { seen.add(req.ip); res.end(); });\nfunction reset() { seen.clear(); }",
    // Cleared by a timer.
    'const memo = new Map();\nsetInterval(() => memo.clear(), 60_000);\nfunction lookup(k) { if (!memo.has(k)) memo.set(k, compute(k)); return memo.get(k); }',
    // Size-checked.
    'const log = [];\napp.use((req, res, next) => { log.push(req.url); if (log.length > 1000) log.shift(); next(); });',
    'const cache = {};\nfunction put(k, v) { if (Object.keys(cache).length >= 500) return; cache[k] = v; }',
    'const cache = new Map();\nfunction put(k, v) { if (cache.size > 100) cache.delete(cache.keys().next().value); cache.set(k, v); }',
    // Reassigned: cleared by replacing it.
    'let buffer = [];\nfunction add(x) { buffer.push(x); }\nfunction flush() { const b = buffer; buffer = []; return b; }',
    // Escapes to code this file cannot see.
    'const cache = {};\nfunction put(k, v) { cache[k] = v; }\nmodule.exports = { cache, put };',
    'export const registry = new Map();\nexport function register(k, v) { registry.set(k, v); }',
    'const cache = new Map();\nfunction put(k, v) { cache.set(k, v); }\nwatch(cache);',
    // Written only at start-up.
    'const handlers = {};\nfor (const name of names) handlers[name] = load(name);\nfunction get(name) { return handlers[name]; }',
    // Weak collections and a shadowed Map.
    'const meta = new WeakMap();\nfunction tag(o) { meta.set(o, Date.now()); }',
    'class Map { set() {} }\nconst m = new Map();\nfunction put(k) { m.set(k, 1); }',
    // Function-scope collections die with the call.
    "app.get('/', (req, res) => { const seen = new Set(); for (const x of req.body) seen.add(x); res.json([...seen]); });",
  ],
  invalid: [
    {
      code: "const express = require('express');\nconst app = express();\nconst memo = {};\napp.get('/price/:sku', async (req, res) => {\n  if (!memo[req.params.sku]) memo[req.params.sku] = await quote(req.params.sku);\n  res.json(memo[req.params.sku]);\n});",
      errors: [{ messageId: 'unboundedCollection', line: 3, column: 7, endLine: 3, endColumn: 11 }],
    },
    {
      code: 'const seen = new Set();\nexport function track(id) {\n  seen.add(id);\n  return seen.size;\n}',
      errors: [{ messageId: 'unboundedCollection', line: 1, column: 7, endLine: 1, endColumn: 11 }],
    },
    {
      code: "const requests = [];\napp.use((req, res, next) => {\n  requests.push({ url: req.url, at: Date.now() });\n  next();\n});\napp.get('/debug', (req, res) => res.json(requests.slice(-10)));",
      errors: [{ messageId: 'unboundedCollection', line: 1, column: 7, endLine: 1, endColumn: 15 }],
    },
    {
      code: 'const users = new Map<string, User>();\nexport async function getUser(id: string): Promise<User> {\n  let user = users.get(id);\n  if (!user) {\n    user = await db.users.find(id);\n    users.set(id, user);\n  }\n  return user;\n}',
      errors: [{ messageId: 'unboundedCollection', line: 1, column: 7, endLine: 1, endColumn: 12 }],
    },
    {
      code: 'var byToken = Object.create(null);\nfunction remember(token, user) { byToken[token] = user; }',
      errors: [{ messageId: 'unboundedCollection', line: 1, column: 5, endLine: 1, endColumn: 12 }],
    },
  ],
});
