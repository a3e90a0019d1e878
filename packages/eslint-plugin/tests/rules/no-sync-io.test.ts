import rule from '../../src/rules/no-sync-io.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-sync-io', rule, {
  valid: [
    {
      name: 'start-up code at module top level',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import fs from 'node:fs';
const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));
export const app = express();
app.get('/config', (req, res) => res.json(config));
`,
    },
    {
      name: 'listen callback',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import { writeFileSync } from 'fs';
const app = express();
app.listen(3000, () => {
  writeFileSync('server.pid', String(process.pid));
});
`,
    },
    {
      name: 'function only called from start-up code',
      filename: 'src/routes/file.js',
      code: `
import { readdirSync } from 'fs';
function loadRoutes(dir) { return readdirSync(dir); }
export const routes = loadRoutes('./routes');
`,
    },
    {
      name: 'a command-line script with a shebang',
      filename: 'src/routes/file.js',
      code: `#!/usr/bin/env node
import http from 'node:http';
import fs from 'node:fs';
http.createServer((req, res) => res.end(fs.readFileSync('index.html')));
`,
    },
    {
      name: 'a start-up file by the default globs (migrations)',
      filename: 'migrations/001-init.js',
      code: `
import express from 'express';
import fs from 'fs';
express().get('/x', (req, res) => res.send(fs.readFileSync('x')));
`,
    },
    {
      name: "a build tool's task file by the default globs (gulpfile)",
      filename: 'themes/casper/gulpfile.js',
      code: `
const fs = require('fs');
exports.release = async () => {
  const packageJSON = JSON.parse(fs.readFileSync('./package.json'));
  return packageJSON.version;
};
`,
      options: [{ checkUnknownContext: true }],
    },
    {
      name: 'a local function named readFileSync',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
const app = express();
function readFileSync(name) { return cache.get(name); }
app.get('/a', (req, res) => res.send(readFileSync('a')));
`,
    },
    {
      name: 'Effect.runSync is not Node I/O',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import { Effect } from 'effect';
const app = express();
app.get('/a', (req, res) => res.json(Effect.runSync(program)));
`,
    },
    {
      name: 'fs.promises.readFile is already asynchronous',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import fs from 'fs';
const app = express();
app.get('/a', async (req, res) => res.send(await fs.promises.readFile('a')));
`,
    },
    {
      name: 'a parameter that shadows the fs import',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import fs from 'fs';
const app = express();
function read(fs, name) { return fs.readFileSync(name); }
app.get('/a', (req, res) => res.send(read(req.app.locals.memoryFs, 'a')));
`,
    },
    {
      name: 'async function of unknown context without checkUnknownContext',
      filename: 'src/routes/file.js',
      code: `
import fs from 'fs';
export async function loadTemplate(name) { return fs.readFileSync(name, 'utf8'); }
`,
    },
    {
      name: 'synchronous function of unknown context with checkUnknownContext',
      filename: 'src/routes/file.js',
      code: `
import fs from 'fs';
export function loadTemplate(name) { return fs.readFileSync(name, 'utf8'); }
`,
      options: [{ checkUnknownContext: true }],
    },
    {
      name: 'NestJS onModuleInit runs once at start-up',
      code: `
import { Injectable, OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';
@Injectable()
export class KeysService implements OnModuleInit {
  private key = '';
  onModuleInit(): void {
    this.key = readFileSync('key.pem', 'utf8');
  }
}
`,
    },
    // glob at start-up, the async glob on the request path, and another library's `sync`.
    {
      code: `
import express from 'express';
import { glob, globSync } from 'glob';
import cache from './cache.js';
const templates = globSync('views/*.html');
const app = express();
app.get('/exports', async (req, res) => {
  await cache.sync();
  res.json([templates, await glob('exports/*.csv')]);
});
`,
      filename: 'src/routes/file.js',
    },
    // fs-extra at start-up, its promise forms on the request path, and another object's `statSync`.
    {
      code: `
import express from 'express';
import fse from 'fs-extra';
const config = fse.readJsonSync('config.json');
const disk = { statSync: (name) => ({ name }) };
const app = express();
app.get('/assets/:name', async (req, res) => {
  const stat = await fse.stat(\`assets/\${req.params.name}\`);
  res.json([config, stat, disk.statSync(req.params.name), await fse.pathExists('assets')]);
});
`,
      filename: 'src/routes/file.js',
    },
    // A local `fg` and a parameter named `readChunk` are not the libraries.
    {
      code: `
import express from 'express';
const fg = { sync: (pattern) => [pattern] };
const app = express();
app.get('/a', (req, res) => {
  res.json(fg.sync('*.js'));
});
export function head(readChunk, file) {
  return readChunk.sync(file, 0, 4);
}
`,
      filename: 'src/routes/file.js',
    },
    // Development-only work in a handler, under an environment check.
    {
      code: `const express = require('express');
const fs = require('fs');
const app = express();
const isDev = process.env.NODE_ENV !== 'production';
app.get('/orders', (req, res) => {
  if (isDev) fs.writeFileSync('last-request.json', JSON.stringify(req.headers));
  if (process.env.NODE_ENV === 'test') fs.appendFileSync('requests.log', req.url);
  res.end();
});`,
    },
    // A watcher that returns at once unless the process runs a development command.
    {
      code: `const fs = require('fs');
class Gateway {
  async watch() {
    if (!process.env.IS_DEV_CMD) {
      return;
    }
    const file = process.env.WATCH_FILE;
    if (!fs.existsSync(file)) await fs.promises.writeFile(file, 'export const watchId = 1;');
  }
}
module.exports = Gateway;`,
      options: [{ checkUnknownContext: true }],
    },
    // A debug route registered only in development.
    {
      code: `const express = require('express');
const fs = require('fs');
const app = express();
if (app.get('env') === 'development') {
  app.get('/debug/config', (req, res) => res.send(fs.readFileSync('config.json', 'utf8')));
}`,
    },
    // A child process's output listener is no request: it runs where the child was started.
    {
      code: `const { spawn } = require('child_process');
const fs = require('fs');
function run(cmd) {
  const child = spawn(cmd);
  child.stdout.on('data', (chunk) => fs.appendFileSync('out.log', chunk));
  child.on('exit', (code) => fs.writeFileSync('exit-code', String(code)));
}
module.exports = run;`,
    },
    // A test helper module: it builds fixtures for tests, never serves a request.
    {
      code: `const express = require('express');
const fs = require('fs');
exports.makeApp = function makeApp() {
  const app = express();
  app.get('/fixture', (req, res) => res.send(fs.readFileSync(__dirname + '/fixture.json')));
  return app;
};`,
      filename: 'src/test-utils.js',
    },
    // Reads behind a kept value run once per miss: a value a helper of the file sets, a singleton's field that an
    // mtime check keeps fresh.
    {
      code: `const express = require('express');
const fs = require('fs');
const cache = {};
function remember(value) {
  cache.outdated = value;
}
async function outdated() {
  if (cache.outdated !== undefined) return cache.outdated;
  const list = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  await check(list).then(() => remember(false));
  return cache.outdated;
}
class Pages {
  static getInstance() {
    if (!Pages.instance) Pages.instance = new Pages();
    return Pages.instance;
  }
  async index() {
    const { mtimeMs } = await fs.promises.stat('index.html');
    if (this.cached && this.cached.mtimeMs === mtimeMs) return this.cached.html;
    const html = fs.readFileSync('index.html', 'utf8');
    this.cached = { mtimeMs, html };
    return html;
  }
}
const app = express();
app.get('/', async (req, res) => res.send((await Pages.getInstance().index()) + (await outdated())));`,
      filename: 'src/routes/pages.js',
    },
  ],
  invalid: [
    {
      name: 'member call in an async Express handler: suggestion to fs.promises',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import fs from 'fs';
const app = express();
app.get('/users', async (req, res) => {
  const data = fs.readFileSync('users.json', 'utf8');
  res.json(JSON.parse(data));
});
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          data: {
            api: 'fs.readFileSync',
            reason: 'Express route handler `GET /users`',
            cost: 'waits for the disk with the event loop stopped, so every other request in this process waits too',
            advice: 'use `fs.promises.readFile()`',
          },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              data: { replacement: 'await fs.promises.readFile(…)' },
              output: `
import express from 'express';
import fs from 'fs';
const app = express();
app.get('/users', async (req, res) => {
  const data = await fs.promises.readFile('users.json', 'utf8');
  res.json(JSON.parse(data));
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'named import in ESM: adds an import of node:fs/promises',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import { readFileSync } from 'node:fs';
const app = express();
app.get('/a', async (req, res) => {
  res.send(readFileSync('a.txt'));
});
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              data: { replacement: 'await readFile(…)' },
              output: `
import express from 'express';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
const app = express();
app.get('/a', async (req, res) => {
  res.send(await readFile('a.txt'));
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'destructured require in CommonJS: adds a require of fs/promises',
      filename: 'src/routes/file.js',
      languageOptions: { sourceType: 'commonjs' },
      code: `
const express = require('express');
const { readFileSync } = require('fs');
const router = express.Router();
router.post('/upload', async function upload(req, res) {
  res.send(readFileSync(req.file.path));
});
module.exports = router;
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
const express = require('express');
const { readFileSync } = require('fs');
const { readFile } = require('fs/promises');
const router = express.Router();
router.post('/upload', async function upload(req, res) {
  res.send(await readFile(req.file.path));
});
module.exports = router;
`,
            },
          ],
        },
      ],
    },
    {
      name: 'reuses an existing import of the promise API',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import { readFileSync, writeFileSync } from 'fs';
import { readFile as read } from 'fs/promises';
const app = express();
app.get('/a', async (req, res) => res.send(readFileSync('a')));
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          line: 6,
          column: 44,
          endLine: 6,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import express from 'express';
import { readFileSync, writeFileSync } from 'fs';
import { readFile as read } from 'fs/promises';
const app = express();
app.get('/a', async (req, res) => res.send(await read('a')));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'adds the name to an existing named import of the promise module',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import { readFileSync } from 'fs';
import { readdir } from 'fs/promises';
const app = express();
app.get('/a', async (req, res) => res.send(readFileSync('a')));
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          line: 6,
          column: 44,
          endLine: 6,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import express from 'express';
import { readFileSync } from 'fs';
import { readdir, readFile } from 'fs/promises';
const app = express();
app.get('/a', async (req, res) => res.send(await readFile('a')));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'adds the name to an existing destructuring require in CommonJS',
      filename: 'src/routes/file.js',
      languageOptions: { sourceType: 'commonjs' },
      code: `
const express = require('express');
const { statSync } = require('node:fs');
const { readdir } = require('node:fs/promises');
const app = express();
app.get('/a', async (req, res) => res.json(statSync('a')));
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          line: 6,
          column: 44,
          endLine: 6,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
const express = require('express');
const { statSync } = require('node:fs');
const { readdir, stat } = require('node:fs/promises');
const app = express();
app.get('/a', async (req, res) => res.json(await stat('a')));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a name conflict gets an alias',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import { readFileSync } from 'fs';
const app = express();
const readFile = (name) => name;
app.get('/a', async (req, res) => res.send(readFileSync(readFile('a'))));
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          line: 6,
          column: 44,
          endLine: 6,
          endColumn: 71,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import express from 'express';
import { readFileSync } from 'fs';
import { readFile as readFileAsync } from 'fs/promises';
const app = express();
const readFile = (name) => name;
app.get('/a', async (req, res) => res.send(await readFileAsync(readFile('a'))));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'existsSync becomes access().then(() => true, () => false)',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import fs from 'fs';
const app = express();
app.get('/a', async (req, res) => {
  if (fs.existsSync('a')) res.sendStatus(200);
});
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              data: { replacement: 'await fs.promises.access(…).then(() => true, () => false)' },
              output: `
import express from 'express';
import fs from 'fs';
const app = express();
app.get('/a', async (req, res) => {
  if (await fs.promises.access('a').then(() => true, () => false)) res.sendStatus(200);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'parentheses when the result is used as an object (.toString())',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import fs from 'fs';
const app = express();
app.get('/a', async (req, res) => res.send(fs.readFileSync('a').toString()));
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          line: 5,
          column: 44,
          endLine: 5,
          endColumn: 64,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import express from 'express';
import fs from 'fs';
const app = express();
app.get('/a', async (req, res) => res.send((await fs.promises.readFile('a')).toString()));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'no suggestion in a synchronous handler',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import fs from 'fs';
const app = express();
app.get('/a', (req, res) => {
  res.send(fs.readFileSync('a'));
});
`,
      errors: [{ messageId: 'syncIoOnRequestPath', line: 6, column: 12, endLine: 6, endColumn: 32, suggestions: [] }],
    },
    {
      name: 'no suggestion with throwIfNoEntry (the promise form has no such option)',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import fs from 'fs';
const app = express();
app.get('/a', async (req, res) => {
  const stats = fs.statSync('a', { throwIfNoEntry: false });
  res.json(stats);
});
`,
      errors: [{ messageId: 'syncIoOnRequestPath', line: 6, column: 17, endLine: 6, endColumn: 60, suggestions: [] }],
    },
    {
      name: 'child_process in a http.createServer listener, no drop-in replacement',
      filename: 'src/routes/file.js',
      languageOptions: { sourceType: 'commonjs' },
      code: `
const http = require('http');
const { execSync } = require('child_process');
http.createServer(async (req, res) => {
  res.end(execSync('git rev-parse HEAD'));
}).listen(8080);
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          data: {
            api: 'child_process.execSync',
            reason: 'http request listener',
            cost: 'blocks the event loop until the child process exits, so no other request is served meanwhile',
            advice: 'use `util.promisify(child_process.exec)`, or `execFile` to avoid a shell',
          },
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 41,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a same-file helper that a handler calls',
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import fs from 'fs';
const app = express();
async function loadUser(id) {
  return JSON.parse(fs.readFileSync(\`users/\${id}.json\`, 'utf8'));
}
app.get('/users/:id', async (req, res) => res.json(await loadUser(req.params.id)));
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          data: {
            api: 'fs.readFileSync',
            reason: 'called from Express route handler `GET /users/:id`',
            cost: 'waits for the disk with the event loop stopped, so every other request in this process waits too',
            advice: 'use `fs.promises.readFile()`',
          },
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 64,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import express from 'express';
import fs from 'fs';
const app = express();
async function loadUser(id) {
  return JSON.parse(await fs.promises.readFile(\`users/\${id}.json\`, 'utf8'));
}
app.get('/users/:id', async (req, res) => res.json(await loadUser(req.params.id)));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'strict: an async function of unknown context',
      filename: 'src/routes/file.js',
      options: [{ checkUnknownContext: true }],
      code: `
import fs from 'fs';
export async function loadTemplate(name) {
  return fs.readFileSync(name, 'utf8');
}
`,
      errors: [
        {
          messageId: 'syncIoInUnknownAsync',
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import fs from 'fs';
export async function loadTemplate(name) {
  return await fs.promises.readFile(name, 'utf8');
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'strict: a callback inside an async function of unknown context has no suggestion',
      filename: 'src/routes/file.js',
      options: [{ checkUnknownContext: true }],
      code: `
import fs from 'fs';
export async function sizes(names) {
  return names.map((name) => fs.statSync(name).size);
}
`,
      errors: [{ messageId: 'syncIoInUnknownAsync', line: 4, column: 30, endLine: 4, endColumn: 47, suggestions: [] }],
    },
    {
      name: 'TypeScript: a NestJS controller method',
      code: `
import { Controller, Get, Param } from '@nestjs/common';
import * as fs from 'node:fs';
@Controller('files')
export class FilesController {
  @Get(':name')
  async read(@Param('name') name: string): Promise<string> {
    return fs.readFileSync(name, 'utf8') as string;
  }
}
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          data: {
            api: 'fs.readFileSync',
            reason: 'NestJS handler `FilesController.read` (@Get)',
            cost: 'waits for the disk with the event loop stopped, so every other request in this process waits too',
            advice: 'use `fs.promises.readFile()`',
          },
          line: 8,
          column: 12,
          endLine: 8,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import { Controller, Get, Param } from '@nestjs/common';
import * as fs from 'node:fs';
@Controller('files')
export class FilesController {
  @Get(':name')
  async read(@Param('name') name: string): Promise<string> {
    return await fs.promises.readFile(name, 'utf8') as string;
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'TypeScript: import x = require() in CommonJS',
      filename: 'file.ts',
      languageOptions: { sourceType: 'commonjs' },
      code: `
import express = require('express');
import fs = require('fs');
const app = express();
app.get('/a', async (req, res) => res.send(fs.readFileSync('a')));
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          line: 5,
          column: 44,
          endLine: 5,
          endColumn: 64,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import express = require('express');
import fs = require('fs');
const app = express();
app.get('/a', async (req, res) => res.send(await fs.promises.readFile('a')));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'TypeScript: a Fastify route with a named import and type arguments',
      filename: 'file.ts',
      code: `
import Fastify from 'fastify';
import { readdirSync } from 'fs';
const app = Fastify();
app.get<{ Params: { dir: string } }>('/list/:dir', async (request) => readdirSync(request.params.dir));
`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          line: 5,
          column: 71,
          endLine: 5,
          endColumn: 102,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import Fastify from 'fastify';
import { readdirSync } from 'fs';
import { readdir } from 'fs/promises';
const app = Fastify();
app.get<{ Params: { dir: string } }>('/list/:dir', async (request) => await readdir(request.params.dir));
`,
            },
          ],
        },
      ],
    },
    // glob: `glob.sync` (every version), `globSync` (glob 9 and later), aliased.
    {
      filename: 'src/routes/file.js',
      code: `
const express = require('express');
const glob = require('glob');
const { globSync: findFiles } = require('glob');
const app = express();
app.get('/exports', (req, res) => {
  res.json([glob.sync('exports/*.csv'), findFiles('exports/*.json', { nodir: true })]);
});
`,
      errors: [
        { messageId: 'syncIoOnRequestPath', line: 7, column: 13, endLine: 7, endColumn: 39, suggestions: [] },
        { messageId: 'syncIoOnRequestPath', line: 7, column: 41, endLine: 7, endColumn: 85, suggestions: [] },
      ],
    },
    // fast-glob's `sync` and `globSync`, as a default and a named import.
    {
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import fg, { globSync } from 'fast-glob';
const app = express();
app.get('/assets', (req, res) => {
  res.json([fg.sync(['public/**/*.css']), globSync('public/**/*.js')]);
});
`,
      errors: [
        { messageId: 'syncIoOnRequestPath', line: 6, column: 13, endLine: 6, endColumn: 41, suggestions: [] },
        { messageId: 'syncIoOnRequestPath', line: 6, column: 43, endLine: 6, endColumn: 69, suggestions: [] },
      ],
    },
    // fs-extra: Node's sync functions (a promise form of the same name: `await fse.stat()`), its own (`readJsonSync`),
    // and `existsSync` (`pathExists` resolves to a boolean), also as compiled TypeScript reads a default import.
    {
      filename: 'src/routes/file.js',
      code: `
const express = require('express');
const fse = require('fs-extra');
const app = express();
app.get('/assets/:name', async (req, res) => {
  const file = \`assets/\${req.params.name}\`;
  if (!fse.existsSync(file)) return res.sendStatus(404);
  res.json([fse.statSync(file).size, fse.readJsonSync(\`\${file}.json\`)]);
});
`,
      errors: [
        { messageId: 'syncIoOnRequestPath', line: 7, column: 8, endLine: 7, endColumn: 28, suggestions: [] },
        {
          messageId: 'syncIoOnRequestPath',
          line: 8,
          column: 13,
          endLine: 8,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              data: { replacement: 'await fse.stat(…)' },
              output: `
const express = require('express');
const fse = require('fs-extra');
const app = express();
app.get('/assets/:name', async (req, res) => {
  const file = \`assets/\${req.params.name}\`;
  if (!fse.existsSync(file)) return res.sendStatus(404);
  res.json([(await fse.stat(file)).size, fse.readJsonSync(\`\${file}.json\`)]);
});
`,
            },
          ],
        },
        { messageId: 'syncIoOnRequestPath', line: 8, column: 38, endLine: 8, endColumn: 70, suggestions: [] },
      ],
    },
    {
      filename: 'src/routes/file.js',
      code: `"use strict";
const express_1 = __importDefault(require("express"));
const fs_extra_1 = __importDefault(require("fs-extra"));
const app = (0, express_1.default)();
app.get('/import', (req, res) => {
  res.json(fs_extra_1.default.readdirSync(req.query.dir));
});
`,
      errors: [{ messageId: 'syncIoOnRequestPath', line: 6, column: 12, endLine: 6, endColumn: 57, suggestions: [] }],
    },
    // read-chunk: `readChunk.sync` (3 and earlier) and `readChunkSync` (4 and later).
    {
      filename: 'src/routes/file.js',
      code: `
import express from 'express';
import readChunk from 'read-chunk';
import { readChunkSync } from 'read-chunk';
const app = express();
app.get('/uploads/:id/type', (req, res) => {
  const head = readChunk.sync(\`uploads/\${req.params.id}\`, 0, 12);
  res.json([head, readChunkSync(\`uploads/\${req.params.id}\`, { length: 12, startPosition: 0 })]);
});
`,
      errors: [
        { messageId: 'syncIoOnRequestPath', line: 7, column: 16, endLine: 7, endColumn: 65, suggestions: [] },
        { messageId: 'syncIoOnRequestPath', line: 8, column: 19, endLine: 8, endColumn: 94, suggestions: [] },
      ],
    },
    // A comparison of request data with an environment-like name is no environment check; production branches run.
    {
      code: `const express = require('express');
const fs = require('fs');
const app = express();
const isProd = process.env.NODE_ENV === 'production';
app.get('/report', (req, res) => {
  if (req.query.mode === 'test') fs.writeFileSync('probe.txt', 'x');
  if (isProd) fs.appendFileSync('audit.log', req.url);
  res.end();
});`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          line: 6,
          column: 34,
          endLine: 6,
          endColumn: 68,
        },
        {
          messageId: 'syncIoOnRequestPath',
          line: 7,
          column: 15,
          endLine: 7,
          endColumn: 54,
        },
      ],
    },
    // A child process started per request: its listener is part of that request's work.
    {
      code: `const express = require('express');
const { spawn } = require('child_process');
const fs = require('fs');
const app = express();
app.post('/build', (req, res) => {
  const child = spawn('make');
  child.stdout.on('data', (chunk) => fs.appendFileSync('build.log', chunk));
  child.on('close', () => res.end());
});`,
      errors: [
        {
          messageId: 'syncIoOnRequestPath',
          line: 7,
          column: 38,
          endLine: 7,
          endColumn: 75,
        },
      ],
    },
  ],
});
