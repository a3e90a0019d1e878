import rule from '../../src/rules/no-whole-file-read.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-whole-file-read', rule, {
  valid: [
    // A fixed, known file.
    `
const express = require('express');
const fs = require('fs');
const path = require('path');
const app = express();
app.get('/config', (req, res) => {
  res.json(JSON.parse(fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8')));
});
`,
    // Start-up: read once.
    `
const fs = require('fs');
const defaults = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
module.exports = defaults;
`,
    // Request-chosen file, but only its size is used.
    `
import express from 'express';
import { readFile } from 'node:fs/promises';
const app = express();
app.get('/size/:name', async (req, res) => {
  const bytes = await readFile(\`files/\${req.params.name}\`);
  res.json({ size: bytes.length });
});
`,
    // A local function named like the fs API.
    `
const express = require('express');
const app = express();
async function readFile(name) { return JSON.stringify({ name }); }
app.get('/x/:name', async (req, res) => {
  res.json(JSON.parse(await readFile(req.params.name)));
});
`,
    // Not on the request path.
    `
const { readFileSync } = require('fs');
function load(name) {
  return JSON.parse(readFileSync(name, 'utf8'));
}
module.exports = { load };
`,
  ],
  invalid: [
    {
      code: `
const { Router } = require('express');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const router = Router();
function reportPath(name) {
  return path.join('/srv/reports', path.basename(name));
}
router.get('/:name/raw', async (req, res) => {
  const body = readFileSync(reportPath(req.params.name));
  res.type('json').send(body);
});
module.exports = router;
`,
      errors: [
        {
          messageId: 'wholeFileSent',
          line: 10,
          column: 16,
          endLine: 10,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'streamToResponse',
              output: `
const { Router } = require('express');
const { readFileSync, createReadStream } = require('node:fs');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const router = Router();
function reportPath(name) {
  return path.join('/srv/reports', path.basename(name));
}
router.get('/:name/raw', async (req, res) => {
  res.type('json');
  await pipeline(createReadStream(reportPath(req.params.name)), res);
});
module.exports = router;
`,
            },
          ],
        },
      ],
    },
    {
      code: `
const express = require('express');
const fs = require('fs');
const router = express.Router();
function readReport(name) {
  return JSON.parse(fs.readFileSync(\`reports/\${name}.json\`, 'utf8'));
}
router.get('/:name', (req, res) => {
  res.json(readReport(req.params.name));
});
module.exports = router;
`,
      errors: [{ messageId: 'wholeFileParsed', line: 6, column: 21, endLine: 6, endColumn: 68, suggestions: [] }],
    },
    {
      code: `
import express from 'express';
import { readFile } from 'node:fs/promises';
const app = express();
app.get('/logs/:day/errors', async (req, res) => {
  const { day } = req.params;
  const text = await readFile(\`logs/\${day}.log\`, 'utf8');
  let errors = 0;
  for (const line of text.split('\\n')) {
    if (line.includes('ERROR')) errors += 1;
  }
  res.json({ errors });
});
`,
      errors: [
        {
          messageId: 'wholeFileSplit',
          line: 7,
          column: 22,
          endLine: 7,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'readLinesWithReadline',
              output: `
import express from 'express';
import { readFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
const app = express();
app.get('/logs/:day/errors', async (req, res) => {
  const { day } = req.params;
  let errors = 0;
  for await (const line of createInterface({ input: createReadStream(\`logs/\${day}.log\`), crlfDelay: Infinity })) {
    if (line.includes('ERROR')) errors += 1;
  }
  res.json({ errors });
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
const http = require('http');
const fs = require('fs');
http.createServer((req, res) => {
  fs.readFile('public' + req.url, (err, data) => {
    if (err) return res.writeHead(404).end();
    res.end(data);
  });
});
`,
      errors: [{ messageId: 'wholeFileSent', line: 5, column: 3, endLine: 8, endColumn: 5, suggestions: [] }],
    },
    {
      code: `
import Koa from 'koa';
import fs from 'fs';
const app = new Koa();
app.use(async (ctx) => {
  ctx.body = await fs.promises.readFile(\`uploads/\${ctx.query.id}\`);
});
`,
      errors: [{ messageId: 'wholeFileSent', line: 6, column: 20, endLine: 6, endColumn: 67, suggestions: [] }],
    },
    {
      // GraphQL field arguments are chosen by the client.
      code: `
const { readFile } = require('fs/promises');
const resolvers = {
  Query: {
    async document(parent, { path }) {
      return JSON.parse(await readFile(\`docs/\${path}.json\`, 'utf8'));
    },
  },
};
module.exports = { resolvers };
`,
      errors: [{ messageId: 'wholeFileParsed', line: 6, column: 31, endLine: 6, endColumn: 68, suggestions: [] }],
    },
    {
      code: `
const express = require('express');
const fs = require('fs');
const app = express();
app.get('/download/:file', (req, res, next) => {
  const data = fs.readFileSync(\`downloads/\${req.params.file}\`);
  res.end(data);
});
`,
      errors: [
        {
          messageId: 'wholeFileSent',
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'streamToResponse',
              output: `
const express = require('express');
const fs = require('fs');
const { pipeline } = require('stream');
const app = express();
app.get('/download/:file', (req, res, next) => {
  pipeline(fs.createReadStream(\`downloads/\${req.params.file}\`), res, (err) => {
    if (err) next(err);
  });
});
`,
            },
          ],
        },
      ],
    },
  ],
});
