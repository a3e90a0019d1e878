import rule from '../../src/rules/no-listener-leak.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

const EXPRESS = "const express = require('express');\nconst app = express();\n";

ruleTester.run('no-listener-leak', rule, {
  valid: [
    // Registered once at start-up.
    "process.on('SIGTERM', () => server.close());",
    `${EXPRESS}const { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nbus.on('price', update);\napp.get('/', (req, res) => res.end());`,
    // Per-request objects: req, res and streams created in the handler.
    `${EXPRESS}app.get('/', (req, res) => {\n  req.on('close', () => cleanup());\n  res.on('finish', () => log());\n  const file = fs.createReadStream('a');\n  file.on('error', () => res.end());\n});`,
    // once removes itself.
    `${EXPRESS}app.post('/drain', (req, res) => {\n  process.once('beforeExit', () => flush());\n  res.end();\n});`,
    // Removed with off/removeListener of the same event.
    `${EXPRESS}const { EventEmitter } = require('node:events');\nconst bus = new EventEmitter();\napp.get('/stream', (req, res) => {\n  const send = (p) => res.write(p);\n  bus.on('price', send);\n  req.on('close', () => bus.off('price', send));\n});`,
    `${EXPRESS}app.get('/wait', (req, res) => {\n  const onWarn = (w) => res.write(String(w));\n  process.on('warning', onWarn);\n  res.on('close', () => process.removeListener('warning', onWarn));\n});`,
    // An emitter created per request.
    `${EXPRESS}const { EventEmitter } = require('events');\napp.get('/', (req, res) => {\n  const local = new EventEmitter();\n  local.on('done', () => res.end());\n});`,
    // Not an emitter from the catalogue, and a local process.
    `${EXPRESS}const bus = makeBus();\napp.get('/', (req, res) => { bus.on('x', f); });`,
    `${EXPRESS}app.get('/', (req, res) => { const process = child(); process.on('exit', f); });`,
    // Unknown context is not the request path.
    "const { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nexport function subscribe(fn) { bus.on('tick', fn); }",
  ],
  invalid: [
    {
      code: `${EXPRESS}app.get('/report', async (req, res) => {\n  process.on('unhandledRejection', (err) => res.status(500).end(String(err)));\n  res.json(await build());\n});`,
      errors: [{ messageId: 'listenerLeak', line: 4, column: 3, endLine: 4, endColumn: 78 }],
    },
    {
      code: `${EXPRESS}const EventEmitter = require('events');\nconst bus = new EventEmitter();\napp.get('/prices', (req, res) => {\n  bus.addListener('price', (p) => res.write(JSON.stringify(p)));\n});`,
      errors: [{ messageId: 'listenerLeak', line: 6, column: 3, endLine: 6, endColumn: 64 }],
    },
    {
      // A database client, and a removal of another event does not count.
      code: `${EXPRESS}const Redis = require('ioredis');\nconst redis = new Redis();\napp.get('/live', (req, res) => {\n  redis.on('message', (channel, message) => res.write(message));\n  req.on('close', () => redis.off('error', log));\n});`,
      errors: [{ messageId: 'listenerLeak', line: 6, column: 3, endLine: 6, endColumn: 64 }],
    },
    {
      code: "import http from 'node:http';\nimport proc from 'node:process';\nconst server = http.createServer((req, res) => {\n  proc.prependListener('SIGTERM', () => res.end());\n  server.on('close', () => res.end());\n});",
      errors: [
        { messageId: 'listenerLeak', line: 4, column: 3, endLine: 4, endColumn: 51 },
        { messageId: 'listenerLeak', line: 5, column: 3, endLine: 5, endColumn: 38 },
      ],
    },
  ],
});
