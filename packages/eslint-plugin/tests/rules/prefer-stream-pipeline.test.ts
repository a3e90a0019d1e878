import rule from '../../src/rules/prefer-stream-pipeline.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('prefer-stream-pipeline', rule, {
  valid: [
    // RxJS and other `pipe` methods are not Node streams.
    `
import express from 'express';
import { of } from 'rxjs';
import { map } from 'rxjs/operators';
const app = express();
app.get('/n', (req, res) => {
  of(1, 2).pipe(map((n) => n * 2)).subscribe((n) => res.write(String(n)));
});
`,
    // Already a pipeline.
    `
const http = require('http');
const fs = require('fs');
const zlib = require('zlib');
const { pipeline } = require('stream');
http.createServer((req, res) => {
  pipeline(fs.createReadStream('big.log'), zlib.createGzip(), res, () => {});
});
`,
    // Every stream handles its errors.
    `
const http = require('http');
const fs = require('fs');
http.createServer((req, res) => {
  const file = fs.createReadStream('big.log');
  file.on('error', () => res.destroy());
  res.on('error', () => file.destroy());
  file.pipe(res);
});
`,
    // Start-up code: a one-off copy when the module loads.
    `
const fs = require('fs');
fs.createReadStream('seed.csv').pipe(fs.createWriteStream('copy.csv'));
`,
    // A local function that shares the name of an fs API, piped to an unknown object.
    `
const express = require('express');
const app = express();
function createReadStream(name) { return { pipe: (target) => target }; }
app.get('/x', (req, res) => {
  createReadStream('a').pipe({ write() {} });
});
`,
    // Fastify's reply is not a Node stream.
    `
import Fastify from 'fastify';
import { source } from './source.js';
const app = Fastify();
app.get('/x', (request, reply) => {
  source.pipe(reply);
});
`,
  ],
  invalid: [
    {
      // A chain written over several lines is reported at its \`.pipe(...)\`.
      code: `
import express from 'express';
const app = express();
app.get('/export/:collection', async (req, res) => {
  await req.collection.find({}).stream({
    transform(item) {
      return JSON.stringify(item) + '\\n';
    },
  }).pipe(res);
});
`,
      errors: [{ messageId: 'unhandledPipeChain', line: 9, column: 6, endLine: 9, endColumn: 15, suggestions: [] }],
    },
    {
      // An upload piped into a CSV parser (csv-parse), the parser declared first and assigned once (papaparse).
      code: `
import { parse } from 'csv-parse';
import Papa from 'papaparse';
export function parseProducts(input, options) {
  const parser = parse(options);
  input.pipe(parser);
  return parser;
}
export async function parseRows(readableStream, options) {
  let csvStream;
  csvStream = Papa.parse(Papa.NODE_STREAM_INPUT, options);
  readableStream.pipe(csvStream);
  const rows = [];
  for await (const row of csvStream) rows.push(row);
  return rows;
}
`,
      errors: [
        { messageId: 'unhandledPipeChain', line: 6, column: 9, endLine: 6, endColumn: 21, suggestions: [] },
        { messageId: 'unhandledPipeChain', line: 12, column: 18, endLine: 12, endColumn: 33, suggestions: [] },
      ],
    },
    {
      code: `
const http = require('http');
const fs = require('fs');
const zlib = require('zlib');
http.createServer((req, res) => {
  res.setHeader('content-encoding', 'gzip');
  fs.createReadStream(req.url.slice(1)).pipe(zlib.createGzip()).pipe(res);
}).listen(8080);
`,
      errors: [
        {
          messageId: 'unhandledPipeChain',
          line: 7,
          column: 65,
          endLine: 7,
          endColumn: 74,
          suggestions: [
            {
              messageId: 'usePipelineCallback',
              output: `
const http = require('http');
const fs = require('fs');
const zlib = require('zlib');
const { pipeline } = require('stream');
http.createServer((req, res) => {
  res.setHeader('content-encoding', 'gzip');
  pipeline(fs.createReadStream(req.url.slice(1)), zlib.createGzip(), res, (err) => {
    if (err) res.destroy(err);
  });
}).listen(8080);
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
import { createReadStream } from 'node:fs';
import { createGzip } from 'node:zlib';
const app = express();
app.get('/logs/:day', async (req, res) => {
  res.set('content-encoding', 'gzip');
  createReadStream(\`logs/\${req.params.day}.log\`).pipe(createGzip()).pipe(res);
});
`,
      errors: [
        {
          messageId: 'unhandledPipeChain',
          line: 8,
          column: 69,
          endLine: 8,
          endColumn: 78,
          suggestions: [
            {
              messageId: 'usePipelinePromise',
              output: `
import express from 'express';
import { createReadStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
const app = express();
app.get('/logs/:day', async (req, res) => {
  res.set('content-encoding', 'gzip');
  await pipeline(createReadStream(\`logs/\${req.params.day}.log\`), createGzip(), res);
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
const express = require('express');
const fs = require('node:fs');
const router = express.Router();
router.get('/download/:name', (req, res, next) => {
  const file = fs.createReadStream(req.params.name);
  file.on('error', next);
  file.pipe(res)
});
module.exports = router;
`,
      errors: [
        {
          messageId: 'unhandledPipeChain',
          line: 8,
          column: 8,
          endLine: 8,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'usePipelineCallback',
              output: `
const express = require('express');
const fs = require('node:fs');
const { pipeline } = require('node:stream');
const router = express.Router();
router.get('/download/:name', (req, res, next) => {
  const file = fs.createReadStream(req.params.name);
  file.on('error', next);
  pipeline(file, res, (err) => {
    if (err) next(err);
  })
});
module.exports = router;
`,
            },
          ],
        },
      ],
    },
    {
      // The concise body of a handler arrow: Express ignores its value.
      code: `
const express = require('express');
const fs = require('fs');
const app = express();
app.get('/terms', (req, res, next) => fs.createReadStream(\`terms/\${req.query.lang}.html\`).pipe(res));
`,
      errors: [
        {
          messageId: 'unhandledPipeChain',
          line: 5,
          column: 91,
          endLine: 5,
          endColumn: 100,
          suggestions: [
            {
              messageId: 'usePipelineCallback',
              output: `
const express = require('express');
const fs = require('fs');
const { pipeline } = require('stream');
const app = express();
app.get('/terms', (req, res, next) => pipeline(fs.createReadStream(\`terms/\${req.query.lang}.html\`), res, (err) => {
  if (err) next(err);
}));
`,
            },
          ],
        },
      ],
    },
    {
      // Unknown context, result used: reported without a suggestion.
      code: `
import { createReadStream } from 'fs';
import { createGunzip } from 'zlib';
export function open(file: string) {
  return createReadStream(file).pipe(createGunzip());
}
`,
      errors: [{ messageId: 'unhandledPipeChain', line: 5, column: 33, endLine: 5, endColumn: 53, suggestions: [] }],
    },
    {
      // Koa: ctx.res is the Node response.
      code: `
import Koa from 'koa';
import { createReadStream } from 'node:fs';
const app = new Koa();
app.use((ctx) => {
  ctx.respond = false;
  createReadStream(\`files/\${ctx.params.name}\`).pipe(ctx.res);
});
`,
      errors: [{ messageId: 'unhandledPipeChain', line: 7, column: 48, endLine: 7, endColumn: 61, suggestions: [] }],
    },
    {
      // Fastify: reply.raw is the Node response.
      code: `
import Fastify from 'fastify';
import { createGzip } from 'node:zlib';
const app = Fastify();
app.get('/events', (request, reply) => {
  request.raw.pipe(createGzip()).pipe(reply.raw);
});
`,
      errors: [{ messageId: 'unhandledPipeChain', line: 6, column: 34, endLine: 6, endColumn: 49, suggestions: [] }],
    },
    {
      // A listener on the pipe result only covers that stream.
      code: `
const net = require('net');
const { Transform } = require('stream');
net.createServer((socket) => {
  const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });
  socket.pipe(upper).on('error', () => socket.destroy()).pipe(socket);
});
`,
      errors: [{ messageId: 'unhandledPipeChain', line: 6, column: 58, endLine: 6, endColumn: 70, suggestions: [] }],
    },
  ],
});
