import rule from '../../src/rules/no-blocking-cpu.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

const heavySettings = {
  'backend-perf': {
    heavyFunctions: [
      { module: './src/lib/report.js', export: 'buildReport' },
      { module: '@acme/pdf', export: 'render' },
    ],
  },
};

ruleTester.run('no-blocking-cpu', rule, {
  valid: [
    // Start-up: a key derived once when the module loads.
    `
const crypto = require('node:crypto');
const key = crypto.pbkdf2Sync(process.env.SECRET, 'salt', 100000, 32, 'sha256');
module.exports = { key };
`,
    // Cheap crypto on the request path.
    `
const express = require('express');
const crypto = require('crypto');
const app = express();
app.get('/etag', (req, res) => {
  res.send(crypto.createHash('sha1').update(req.query.q).digest('hex'));
});
`,
    // The callback form runs on the libuv thread pool.
    `
const express = require('express');
const { pbkdf2 } = require('crypto');
const app = express();
app.post('/login', (req, res, next) => {
  pbkdf2(req.body.password, 'salt', 100000, 32, 'sha256', (err, key) => (err ? next(err) : res.send(key)));
});
`,
    // A local function that happens to share the name.
    `
const express = require('express');
const app = express();
function gzipSync(text) { return text; }
app.get('/a', (req, res) => {
  res.send(gzipSync(req.query.q));
});
`,
    // Another library's method of the same name.
    `
import express from 'express';
import { Effect } from 'effect';
const app = express();
app.get('/a', (req, res) => {
  res.send(Effect.hashSync(req.query.q));
});
`,
    // Unknown context: quiet by default.
    `
const zlib = require('zlib');
async function pack(data) {
  return zlib.gzipSync(data);
}
module.exports = { pack };
`,
    // Strict: unknown context, but not async.
    {
      code: `
const zlib = require('zlib');
function pack(data) {
  return zlib.gzipSync(data);
}
module.exports = { pack };
`,
      options: [{ checkUnknownContext: true }],
    },
    // A heavy function name without settings.
    `
const express = require('express');
const { buildReport } = require('./lib/report');
const app = express();
app.get('/r', (req, res) => res.json(buildReport(req.query)));
`,
    // A same-named function from another module than the configured one.
    {
      code: `
const express = require('express');
const { buildReport } = require('./lib/other');
const app = express();
app.get('/r', (req, res) => res.json(buildReport(req.query)));
`,
      filename: 'src/app.js',
      settings: heavySettings,
    },
    // The configured heavy function called at start-up.
    {
      code: `
const { buildReport } = require('../lib/report');
const warm = buildReport({});
module.exports = { warm };
`,
      filename: 'src/routes/warm.js',
      settings: heavySettings,
    },
    // Another library's `zstdCompressSync`, and zlib's at start-up.
    {
      code: `
import express from 'express';
import zlib from 'node:zlib';
import { zstdCompressSync } from './codecs.js';
const banner = zlib.zstdCompressSync('welcome');
const app = express();
app.post('/snapshot', (req, res) => {
  res.send([banner, zstdCompressSync(req.body)]);
});
`,
    },
    // The reply of an outbound request, accumulated: its size is the upstream service's, not a client's.
    {
      code: `const https = require('https');
const express = require('express');
function profile(token) {
  return new Promise((resolve, reject) => {
    https.get({ host: 'graph.example.com', path: '/me', headers: { authorization: token } }, (res) => {
      let data = '';
      res.on('data', (chunk) => {
        data += chunk;
      });
      res.on('end', () => resolve(JSON.parse(data)));
    }).on('error', reject);
  });
}
express().post('/login', async (req, res) => res.json(await profile(req.body.token)));`,
    },
    // A stream's events run where the stream is read: a job reading back the file it wrote is no request.
    {
      code: `const fs = require('fs');
class ImportStrategy {
  readOperations(file) {
    return new Promise((resolve) => {
      let data = '';
      const stream = fs.createReadStream(file);
      stream.on('data', (chunk) => {
        data += chunk;
      });
      stream.on('end', () => resolve(JSON.parse(data)));
    });
  }
}
module.exports = ImportStrategy;`,
    },
    // A body accumulated with a size check.
    {
      code: `const http = require('http');
http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
    if (body.length > 1e6) req.destroy();
  });
  req.on('end', () => res.end(String(JSON.parse(body).id)));
}).listen(3000);`,
    },
    // `raw-body` with a limit, a body parser's body, and small values.
    {
      code: `import express from 'express';
import getRawBody from 'raw-body';
const app = express();
app.use(express.text());
app.post('/hooks', async (req, res) => {
  const payload = JSON.parse((await getRawBody(req, { limit: '1mb' })).toString('utf8'));
  const settings = JSON.parse(req.body);
  res.send(JSON.stringify({ ok: true, payload, settings }));
});`,
    },
    // A query with a limit, a single row, and a local `JSON` that is not the global one.
    {
      code: `const express = require('express');
const mongoose = require('mongoose');
const Order = mongoose.model('Order');
const app = express();
app.get('/orders/recent', async (req, res) => {
  const recent = await Order.find({ status: 'open' }).limit(50);
  const order = await Order.findById(req.query.id);
  res.send(JSON.stringify(recent) + JSON.stringify(order));
});
app.get('/orders/all', async (req, res) => {
  const JSON = { stringify: (value) => String(value) };
  res.send(JSON.stringify(await Order.find()));
});`,
    },
    // The factory of a read-through cache with a fixed key runs once per miss, not per request.
    {
      code: `const express = require('express');
const mongoose = require('mongoose');
const Role = mongoose.model('Role');
const app = express();
class Roles {
  constructor(cache) {
    this.cache = cache;
  }
  async all() {
    return JSON.parse(await this.cache.get('roles.all', async () => JSON.stringify(await Role.find())));
  }
}
const roles = new Roles(createCache());
app.get('/roles', async (req, res) => res.json(await roles.all()));`,
    },
    {
      name: "node-forge with a callback, another library's generateKeyPair, and a key made at start-up",
      code: `
const express = require('express');
const forge = require('node-forge');
const keys = require('./lib/keys');
const caKeys = forge.pki.rsa.generateKeyPair(2048);
const app = express();
app.post('/certs', (req, res, next) => {
  forge.pki.rsa.generateKeyPair({ bits: 2048, workers: -1 }, (error, pair) => {
    if (error) return next(error);
    res.json({ publicKey: forge.pki.publicKeyToPem(pair.publicKey), ca: caKeys.publicKey.n.bitLength() });
  });
});
app.post('/derive', (req, res, next) => {
  forge.pkcs5.pbkdf2(req.body.password, req.body.salt, 10000, 32, onKey);
  function onKey(error, key) {
    if (error) return next(error);
    res.send(forge.util.bytesToHex(key));
  }
});
app.post('/local', (req, res) => res.json(keys.rsa.generateKeyPair(2048)));
module.exports = app;
`,
    },
  ],
  invalid: [
    {
      name: "node-forge's key generation and PBKDF2 without a callback, compiled and written",
      code: `
const express = require('express');
const node_forge_1 = require('node-forge');
const { pkcs5, rsa } = require('node-forge');
const router = express.Router();
router.post('/certs', (req, res) => {
  const keys = node_forge_1.pki.rsa.generateKeyPair(2048);
  const other = rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  res.json({ key: pkcs5.pbkdf2(req.body.password, req.body.salt, 10000, 32), keys, other });
});
module.exports = router;
`,
      errors: [
        { messageId: 'cpuOnRequestPath', line: 7, column: 16, endLine: 7, endColumn: 58 },
        { messageId: 'cpuOnRequestPath', line: 8, column: 17, endLine: 8, endColumn: 64 },
        { messageId: 'cpuOnRequestPath', line: 9, column: 19, endLine: 9, endColumn: 76 },
      ],
    },
    {
      code: `
const express = require('express');
const crypto = require('node:crypto');
const app = express();
app.post('/login', (req, res) => {
  const key = crypto.pbkdf2Sync(req.body.password, 'salt', 100000, 64, 'sha512');
  res.send(key.toString('hex'));
});
`,
      errors: [{ messageId: 'cpuOnRequestPath', line: 6, column: 15, endLine: 6, endColumn: 81 }],
    },
    {
      code: `
import express from 'express';
import { gzipSync as gz, brotliCompressSync } from 'zlib';
const app = express();
app.get('/export', async (req, res) => {
  const body = JSON.stringify(await load(req.query.id));
  res.send(req.acceptsEncodings('br') ? brotliCompressSync(body) : gz(body));
});
`,
      errors: [
        { messageId: 'cpuOnRequestPath', line: 7, column: 41, endLine: 7, endColumn: 65 },
        { messageId: 'cpuOnRequestPath', line: 7, column: 68, endLine: 7, endColumn: 76 },
      ],
    },
    {
      code: `
const express = require('express');
const bcrypt = require('bcryptjs');
const router = express.Router();
function check(user, password) {
  return bcrypt.compareSync(password, user.hash);
}
router.post('/login', (req, res) => {
  res.json({ ok: check(req.user, req.body.password) });
});
module.exports = router;
`,
      errors: [{ messageId: 'cpuOnRequestPath', line: 6, column: 10, endLine: 6, endColumn: 49 }],
    },
    {
      code: `
const { scryptSync } = require('crypto');
async function deriveKey(password) {
  return scryptSync(password, 'salt', 64);
}
module.exports = { deriveKey };
`,
      options: [{ checkUnknownContext: true }],
      errors: [{ messageId: 'cpuInUnknownAsync', line: 4, column: 10, endLine: 4, endColumn: 42 }],
    },
    {
      code: `
const express = require('express');
const { buildReport } = require('../lib/report');
const pdf = require('@acme/pdf');
const router = express.Router();
router.get('/report', (req, res) => {
  const report = buildReport(req.query);
  res.type('pdf').send(pdf.render(report));
});
module.exports = router;
`,
      filename: 'src/routes/reports.js',
      settings: heavySettings,
      errors: [
        { messageId: 'heavyFunctionOnRequestPath', line: 7, column: 18, endLine: 7, endColumn: 40 },
        { messageId: 'heavyFunctionOnRequestPath', line: 8, column: 24, endLine: 8, endColumn: 42 },
      ],
    },
    {
      code: `
import express from 'express';
import * as reports from './lib/report.js';
const app = express();
app.get('/report', async (req, res) => {
  res.json(reports.buildReport(req.query));
});
`,
      filename: 'src/app.ts',
      settings: heavySettings,
      errors: [{ messageId: 'heavyFunctionOnRequestPath', line: 6, column: 12, endLine: 6, endColumn: 42 }],
    },
    {
      code: `
const express = require('express');
const app = express();
function buildReport(rows) {
  return rows.map((row) => row.total).sort();
}
app.get('/report', (req, res) => {
  res.json(buildReport(req.body.rows));
});
module.exports = { buildReport };
`,
      filename: 'src/lib/report.js',
      settings: heavySettings,
      errors: [{ messageId: 'heavyFunctionOnRequestPath', line: 8, column: 12, endLine: 8, endColumn: 38 }],
    },
    {
      code: `
const { buildReport } = require('./lib/report');
async function nightly(rows) {
  return buildReport(rows);
}
module.exports = { nightly };
`,
      filename: 'src/jobs.js',
      settings: heavySettings,
      options: [{ checkUnknownContext: true }],
      errors: [{ messageId: 'heavyFunctionInUnknownAsync', line: 4, column: 10, endLine: 4, endColumn: 27 }],
    },
    // zlib's Zstandard one-shot calls (Node 22.15 and later).
    {
      code: `
import express from 'express';
import { zstdCompressSync } from 'node:zlib';
const app = express();
app.post('/snapshot', (req, res) => {
  res.type('application/zstd').send(zstdCompressSync(JSON.stringify(req.body)));
});
`,
      errors: [{ messageId: 'cpuOnRequestPath', line: 6, column: 37, endLine: 6, endColumn: 79 }],
    },
    // A raw body accumulated from `data` events without a size check.
    {
      code: `const http = require('http');
http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    const event = JSON.parse(body);
    res.end(String(event.id));
  });
}).listen(3000);`,
      errors: [
        {
          messageId: 'unboundedJsonOnRequestPath',
          line: 8,
          column: 19,
          endLine: 8,
          endColumn: 35,
        },
      ],
    },
    // A body read whole with `raw-body` without `limit`, and with `stream/consumers`.
    {
      code: `import express from 'express';
import getRawBody from 'raw-body';
import { text } from 'node:stream/consumers';
const app = express();
app.post('/hooks', async (req, res) => {
  const payload = JSON.parse((await getRawBody(req)).toString('utf8'));
  res.json(payload);
});
app.post('/events', async (req, res) => {
  res.json(JSON.parse(await text(req)));
});`,
      errors: [
        {
          messageId: 'unboundedJsonOnRequestPath',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 71,
        },
        {
          messageId: 'unboundedJsonOnRequestPath',
          line: 10,
          column: 12,
          endLine: 10,
          endColumn: 39,
        },
      ],
    },
    // Every row of a query without a limit, stringified at once.
    {
      code: `const express = require('express');
const mongoose = require('mongoose');
const Order = mongoose.model('Order');
const app = express();
app.get('/orders/export', async (req, res) => {
  const orders = await Order.find({ status: 'open' });
  res.type('json').send(JSON.stringify(orders));
});`,
      errors: [
        {
          messageId: 'unboundedJsonOnRequestPath',
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 47,
        },
      ],
    },
    // A key from the request names one entry per input: the factory runs for every new one.
    {
      code: `const express = require('express');
const mongoose = require('mongoose');
const Order = mongoose.model('Order');
const app = express();
const cache = createCache();
app.get('/orders', async (req, res) => {
  const json = await cache.get('orders:' + req.query.user, async () => JSON.stringify(await Order.find()));
  res.type('json').send(json);
});`,
      errors: [{ messageId: 'unboundedJsonOnRequestPath', line: 7, column: 72, endLine: 7, endColumn: 106 }],
    },
  ],
});
