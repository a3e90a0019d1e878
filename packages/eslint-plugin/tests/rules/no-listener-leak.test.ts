import rule from '../../src/rules/no-listener-leak.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

const EXPRESS = `const express = require('express');
const app = express();
`;

ruleTester.run('no-listener-leak', rule, {
  valid: [
    {
      name: 'Registered once at start-up',
      code: `
process.on('SIGTERM', () => server.close());
`,
    },
    {
      name: "app.get('/', (req, res) => res.end());",
      code: `${EXPRESS}const { EventEmitter } = require('events');
const bus = new EventEmitter();
bus.on('price', update);
app.get('/', (req, res) => res.end());`,
    },
    {
      name: 'Per-request objects: req, res and streams created in the handler',
      code: `${EXPRESS}app.get('/', (req, res) => {
  req.on('close', () => cleanup());
  res.on('finish', () => log());
  const file = fs.createReadStream('a');
  file.on('error', () => res.end());
});`,
    },
    {
      name: 'once removes itself',
      code: `${EXPRESS}app.post('/drain', (req, res) => {
  process.once('beforeExit', () => flush());
  res.end();
});`,
    },
    {
      name: 'Removed with off/removeListener of the same event',
      code: `${EXPRESS}const { EventEmitter } = require('node:events');
const bus = new EventEmitter();
app.get('/stream', (req, res) => {
  const send = (p) => res.write(p);
  bus.on('price', send);
  req.on('close', () => bus.off('price', send));
});`,
    },
    {
      name: "res.on('close', () => process.removeListener('warning', onWarn));",
      code: `${EXPRESS}app.get('/wait', (req, res) => {
  const onWarn = (w) => res.write(String(w));
  process.on('warning', onWarn);
  res.on('close', () => process.removeListener('warning', onWarn));
});`,
    },
    {
      name: 'An emitter created per request',
      code: `${EXPRESS}const { EventEmitter } = require('events');
app.get('/', (req, res) => {
  const local = new EventEmitter();
  local.on('done', () => res.end());
});`,
    },
    {
      name: 'Not an emitter from the catalogue, and a local process',
      code: `${EXPRESS}const bus = makeBus();
app.get('/', (req, res) => { bus.on('x', f); });`,
    },
    {
      name: "app.get('/', (req, res) => { const process = child(); process.on('exit', f); });",
      code: `${EXPRESS}app.get('/', (req, res) => { const process = child(); process.on('exit', f); });`,
    },
    {
      name: 'Unknown context is not the request path',
      code: `
const { EventEmitter } = require('events');
const bus = new EventEmitter();
export function subscribe(fn) { bus.on('tick', fn); }
`,
    },
  ],
  invalid: [
    {
      name: "process.on('unhandledRejection', (err) => res.status(500).end(String(err)));",
      code: `${EXPRESS}app.get('/report', async (req, res) => {
  process.on('unhandledRejection', (err) => res.status(500).end(String(err)));
  res.json(await build());
});`,
      errors: [{ messageId: 'listenerLeak', line: 4, column: 3, endLine: 4, endColumn: 78 }],
    },
    {
      name: "bus.addListener('price', (p) => res.write(JSON.stringify(p)));",
      code: `${EXPRESS}const EventEmitter = require('events');
const bus = new EventEmitter();
app.get('/prices', (req, res) => {
  bus.addListener('price', (p) => res.write(JSON.stringify(p)));
});`,
      errors: [{ messageId: 'listenerLeak', line: 6, column: 3, endLine: 6, endColumn: 64 }],
    },
    {
      name: 'A database client, and a removal of another event does not count',
      code: `${EXPRESS}const Redis = require('ioredis');
const redis = new Redis();
app.get('/live', (req, res) => {
  redis.on('message', (channel, message) => res.write(message));
  req.on('close', () => redis.off('error', log));
});`,
      errors: [{ messageId: 'listenerLeak', line: 6, column: 3, endLine: 6, endColumn: 64 }],
    },
    {
      name: "proc.prependListener('SIGTERM', () => res.end());",
      code: `
import http from 'node:http';
import proc from 'node:process';
const server = http.createServer((req, res) => {
  proc.prependListener('SIGTERM', () => res.end());
  server.on('close', () => res.end());
});
`,
      errors: [
        { messageId: 'listenerLeak', line: 5, column: 3, endLine: 5, endColumn: 51 },
        { messageId: 'listenerLeak', line: 6, column: 3, endLine: 6, endColumn: 38 },
      ],
    },
  ],
});
