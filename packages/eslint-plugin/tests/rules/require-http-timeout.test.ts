import rule from '../../src/rules/require-http-timeout.js';
import { createRuleTester, fixtureFile } from '../RuleTester.js';

const nodeFetch2 = fixtureFile('node-fetch-2', 'src', 'client.js');
const nodeFetch3 = fixtureFile('node-fetch-3', 'src', 'client.js');

createRuleTester().run('require-http-timeout', rule, {
  valid: [
    {
      name: 'a value shown to be a string and then given another value before the request, or in a loop around it',
      code: `
const request = require('request');
const validator = require('validator');
function handler(req, res) {
  const data = req.body;
  if (!validator.isURL(data.link)) return res.end();
  data.link = req.app.locals.linkOptions;
  request(data.link, (error, response, body) => res.send(body));
  let target = req.query.target;
  for (const step of req.body.steps) {
    if (target.startsWith('/')) request(target, (error, response, body) => res.write(body));
    target = step;
  }
}
module.exports = handler;
`,
    },
    {
      name: "a value whose type the code asks, another library's parse, a root given another value",
      code: `
const request = require('request');
const { parse } = require('./config-parser');
function fetchJson(input, done) {
  const local = typeof input === 'string' && input.startsWith('/');
  request(input, (error, response, body) => done(error, local, body));
}
function handler(req, res) {
  parse(req.app.locals.requestOptions);
  request(req.app.locals.requestOptions, (error, response, body) => res.send(body));
  let data = req.body;
  if (data.link.startsWith('https:')) data = req.app.locals.linkOptions;
  request(data.link, (error, response, body) => res.send(body));
  fetchJson(req.query.path, () => res.end());
}
module.exports = handler;
`,
    },
    {
      name: 'a second argument that may be options: a parameter not named like a continuation and never called',
      code: `
const request = require('request');
function handler(req, res) {
  fetchThumb(req.body.thumb, req.app.locals.requestOptions);
  res.end();
}
function fetchThumb(url, settings) {
  if (url.startsWith('https:')) request.head(url, settings);
}
module.exports = handler;
`,
    },
    {
      name: 'request given a value the code does not show to be a URL string (it may be an options object with a timeout)',
      code: `
const request = require('request');
const validator = require('validator');
function handler(req, res) {
  const target = req.app.locals.fetchOptions;
  request.head(target, (error, response) => res.json(response.headers));
  request(req.body.source, (error, response, body) => res.send(body));
  if (validator.isURL(req.body.link)) req.body.link = { url: req.body.link, timeout: 2000 };
  request(req.body.link, (error, response, body) => res.send(body));
  let address = req.query.address;
  if (address.startsWith('//')) address = { uri: 'https:' + address, timeout: 2000 };
  request(address, (error, response, body) => res.send(body));
}
module.exports = handler;
`,
    },
    {
      name: 'a timeout assigned to the options variable after its literal, under a computed name, by a merge or through another name',
      code: `
import axios from 'axios';
export async function send(req, res) {
  const config = { headers: {} };
  config.timeout = 5000;
  await axios.post(req.body.url, req.body.data, config);
  let other = { headers: {} };
  other[req.body.option] = 5000;
  await axios.post(req.body.url, req.body.data, other);
  const merged = { headers: {} };
  Object.assign(merged, req.app.locals.httpDefaults);
  await axios.post(req.body.url, req.body.data, merged);
  const aliased = { headers: {} };
  const options = aliased;
  options.timeout = 5000;
  await axios.post(req.body.url, req.body.data, aliased);
  res.end();
}
`,
    },
    {
      name: 'axios: instance defaults count for every call of the instance',
      code: `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 2000 });
export async function handler(req, res) {
  const { data } = await api.get('/users');
  res.json(data);
}
`,
    },
    {
      name: 'axios with a signal, in a CommonJS handler',
      code: `
const axios = require('axios');
async function handler(req, res) {
  const { data } = await axios.post('https://api.example.com', req.body, { signal: AbortSignal.timeout(2000) });
  res.json(data);
}
module.exports = handler;
`,
    },
    {
      name: 'axios defaults set in the file',
      code: `
const axios = require('axios');
axios.defaults.timeout = 2000;
async function handler(req, res) {
  res.json((await axios.get('https://api.example.com')).data);
}
module.exports = handler;
`,
    },
    {
      name: 'fetch with a signal: global, undici and node-fetch',
      code: `
import { fetch as undiciFetch } from 'undici';
import nodeFetch from 'node-fetch';
export async function handler() {
  await undiciFetch('https://a.example.com', { signal: AbortSignal.timeout(1000) });
  await nodeFetch('https://b.example.com', { signal: AbortSignal.timeout(1000) });
  return fetch('https://c.example.com', { signal: AbortSignal.timeout(1000) });
}
`,
    },
    {
      name: 'A local function called fetch is not the global one',
      code: `
async function fetch(url) {
  return url;
}
export async function handler() {
  return fetch('https://c.example.com');
}
`,
    },
    {
      name: 'got with a timeout, and an extended instance with a default timeout',
      code: `
import got from 'got';
const client = got.extend({ prefixUrl: 'https://api.example.com', timeout: { request: 2000 } });
export async function handler() {
  await got('https://a.example.com', { timeout: { request: 1000 } });
  return client.get('users').json();
}
`,
    },
    {
      name: 'http(s).request with a timeout option, or a timeout set on the request',
      code: `
const https = require('https');
function handler(req, res) {
  const upstream = https.get('https://api.example.com', (response) => response.pipe(res));
  upstream.setTimeout(2000, () => upstream.destroy());
  https.request({ host: 'api.example.com', timeout: 2000 }).end();
}
module.exports = handler;
`,
    },
    {
      name: 'Options the file cannot see',
      code: `
import axios from 'axios';
export function makeClient(config) {
  return axios.create(config);
}
export async function handler(init) {
  return fetch('https://api.example.com', init);
}
`,
    },
    {
      name: 'A request made once at start-up',
      code: `
const config = await fetch('https://config.example.com').then((response) => response.json());
export default config;
`,
    },
    {
      name: "Another library's `get` is not axios'",
      code: `
import cache from './cache.js';
export async function handler() {
  return cache.get('https://api.example.com');
}
`,
    },
    {
      name: 'request with a timeout, and an instance whose defaults set one',
      code: `
const request = require('request');
const api = request.defaults({ baseUrl: 'https://api.example.com', timeout: 2000 });
function handler(req, res) {
  request.get('https://prices.example.com', { json: true, timeout: 2000 }, (error, response, body) => res.json(body));
  api.get('/stock', (error, response, body) => res.json(body));
}
module.exports = handler;
`,
    },
    {
      name: 'superagent with `.timeout()` in the chain, on a variable, or on the agent its requests come from',
      code: `
import superagent from 'superagent';
const agent = superagent.agent().timeout({ response: 2000, deadline: 10000 });
export async function handler(req, res) {
  const users = await superagent.get('https://api.example.com/users').set('accept', 'json').timeout(2000);
  const upload = superagent.post('https://files.example.com').attach('file', req.file.path);
  upload.timeout(30000);
  await upload;
  res.json([users.body, (await agent.get('https://api.example.com/me')).body]);
}
`,
    },
    {
      name: 'undici: a pool with a headers timeout, a request with a signal',
      code: `
import { Client, Pool } from 'undici';
const pool = new Pool('https://stock.example.com', { headersTimeout: 2000, bodyTimeout: 5000 });
const client = new Client('https://prices.example.com');
export async function handler(req, res) {
  const stock = await pool.request({ path: '/stock', method: 'GET' });
  const prices = await client.request({ path: '/prices', method: 'GET', signal: AbortSignal.timeout(2000) });
  res.json([await stock.body.json(), await prices.body.json()]);
}
`,
    },
    {
      name: 'got: a number (got 11 and earlier), phase limits that bound the response (every version), `paginate.each`',
      code: `
import got from 'got';
export async function handler(req, res) {
  await got.post('https://a.example.com', { json: req.body, timeout: 2000 });
  await got('https://b.example.com', { timeout: { connect: 500, response: 2000 } });
  for await (const item of got.paginate.each('https://c.example.com/items', { timeout: { request: 5000 } }))
    res.write(item);
  res.end();
}
`,
    },
    {
      name:
        'A local `request` and `superagent` are not the libraries; ' +
        "supertest shares superagent's methods but is not it",
      code: `
import supertest from 'supertest';
import { client as superagent } from './http-client.js';
export async function handler(req, res) {
  const request = { get: (url) => url };
  request.get('https://a.example.com');
  await superagent.get('https://b.example.com');
  return supertest(req.app).get('/health');
}
`,
    },
    {
      name: 'Requests made once at start-up',
      code: `
import superagent from 'superagent';
import request from 'request';
const config = (await superagent.get('https://config.example.com')).body;
request('https://hooks.example.com/boot', () => {});
export default config;
`,
    },
    // needle: `response_timeout` or `read_timeout` (the promise form takes the options fourth, after the data).
    {
      code: `const needle = require('needle');
async function handler(req, res) {
  const response = await needle('get', 'https://api.example.com/users', null, { response_timeout: 2000 });
  needle.get('https://api.example.com/ping', { read_timeout: 1000 }, () => res.end());
  res.json(response.body);
}
module.exports = handler;`,
    },
    // needle: `needle.defaults` with a response timeout applies to every needle request of the process.
    {
      code: `import needle from 'needle';
needle.defaults({ response_timeout: 2000, read_timeout: 5000 });
export async function handler(req) {
  return needle('post', 'https://api.example.com/events', req.body, { json: true });
}`,
    },
    // A local function called needle is not the package.
    {
      code: `function needle(method, url) {
  return { method, url };
}
export async function handler() {
  return needle('get', 'https://api.example.com/users');
}`,
    },
    // node-fetch 2 reads its `timeout` option (the project depends on node-fetch 2).
    {
      code: `import fetch from 'node-fetch';
export async function handler(req, res) {
  const response = await fetch('https://api.example.com/users', { timeout: 2000 });
  res.json(await response.json());
}`,
      filename: nodeFetch2,
      settings: {
        'backend-perf': {
          defaultStartupFiles: false,
        },
      },
    },
    // Options built by helpers of this file that set a timeout on every path.
    {
      code: `import axios from 'axios';
import got from 'got';
function requestOptions(req) {
  if (req.query.fast) return { timeout: 500 };
  return { timeout: 5000, headers: { accept: 'application/json' } };
}
const gotOptions = (req) => ({ headers: { cookie: req.headers.cookie }, timeout: { request: 2000 } });
export async function handler(req) {
  const options = requestOptions(req);
  await got('https://api.example.com/me', gotOptions(req));
  return axios.get('https://api.example.com/me', options);
}`,
    },
    // Helpers that visibly set a timeout count for fetch, needle and undici too.
    {
      code: `import needle from 'needle';
import { request } from 'undici';
const withTimeout = (init = {}) => ({ ...init, signal: AbortSignal.timeout(2000) });
function needleOptions() {
  return { response_timeout: 2000, json: true };
}
function undiciOptions(method) {
  return { method, headersTimeout: 2000 };
}
export async function handler(req) {
  await needle('post', 'https://api.example.com/events', req.body, needleOptions());
  await request('https://api.example.com/ping', undiciOptions('GET'));
  return fetch('https://api.example.com/me', withTimeout({ headers: { accept: 'application/json' } }));
}`,
    },
    // Browser code shipped in a server package (an admin panel): React components, compiled or bundled.
    {
      code: `import { useCallback } from 'react';
export function useUnlock(url) {
  return useCallback(async () => {
    await fetch(url, { method: 'POST' });
  }, [url]);
}`,
    },
    {
      code: `const _react = require('react');
async function unlock(url) {
  return fetch(url, { method: 'POST' });
}
exports.unlock = unlock;`,
    },
    {
      code: `import { o as e } from './react-0T9Avz-T.js';
export async function loadConfig() {
  return fetch('/api/admin/ui-config');
}`,
    },
    {
      code: `export async function save(form) {
  await fetch('/api/forms', { method: 'POST', body: JSON.stringify(form) });
  window.location.reload();
}`,
    },
  ],
  invalid: [
    {
      name: 'a continuation where the options may be: a parameter named like one, a function bound to a const',
      code: `
const async = require('async');
const http = require('http');
const request = require('request');
const validator = require('validator');
module.exports = function (Topics) {
  Topics.thumb = function (data, callback) {
    if (!validator.isURL(data.thumb)) return callback();
    async.waterfall([
      function (next) {
        request.head(data.thumb, next);
      },
      function (response, body, next) {
        data.thumb = '/uploads/' + Date.now();
        next();
      },
    ], callback);
  };
  Topics.ping = function (address, done) {
    const reply = (response) => done(null, response.statusCode);
    if (address.startsWith('http:')) http.get(address, reply);
  };
};
function handler(req, res) {
  Topics.thumb(req.body, () => res.end());
  Topics.ping(req.query.address, () => res.end());
}
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 11,
          column: 9,
          endLine: 11,
          endColumn: 39,
          // A suggestion inserts options only before a function written in the call.
          suggestions: [],
        },
        {
          messageId: 'requestWithoutTimeout',
          line: 21,
          column: 38,
          endLine: 21,
          endColumn: 62,
          suggestions: [],
        },
      ],
    },
    {
      name: 'request given a value the code shows to be a string: checked as a URL, parsed, or a string method called on it',
      code: `
const request = require('request');
const path = require('path');
const validator = require('validator');
function handler(req, res) {
  const data = req.body;
  if (!data.thumb || !validator.isURL(data.thumb)) return res.end();
  request.head(data.thumb, (error, response) => {
    const extension = path.extname(data.thumb);
    request(data.thumb).pipe(res.attachment('thumb' + extension));
  });
  const link = req.query.link;
  if (link.startsWith('https:')) request.get(link, (error, response, body) => res.send(body));
}
module.exports = handler;
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 8,
          column: 3,
          endLine: 11,
          endColumn: 5,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
const request = require('request');
const path = require('path');
const validator = require('validator');
function handler(req, res) {
  const data = req.body;
  if (!data.thumb || !validator.isURL(data.thumb)) return res.end();
  request.head(data.thumb, { timeout: 10_000 }, (error, response) => {
    const extension = path.extname(data.thumb);
    request(data.thumb).pipe(res.attachment('thumb' + extension));
  });
  const link = req.query.link;
  if (link.startsWith('https:')) request.get(link, (error, response, body) => res.send(body));
}
module.exports = handler;
`,
            },
          ],
        },
        {
          messageId: 'requestWithoutTimeout',
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
const request = require('request');
const path = require('path');
const validator = require('validator');
function handler(req, res) {
  const data = req.body;
  if (!data.thumb || !validator.isURL(data.thumb)) return res.end();
  request.head(data.thumb, (error, response) => {
    const extension = path.extname(data.thumb);
    request(data.thumb, { timeout: 10_000 }).pipe(res.attachment('thumb' + extension));
  });
  const link = req.query.link;
  if (link.startsWith('https:')) request.get(link, (error, response, body) => res.send(body));
}
module.exports = handler;
`,
            },
          ],
        },
        {
          messageId: 'requestWithoutTimeout',
          line: 13,
          column: 34,
          endLine: 13,
          endColumn: 94,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
const request = require('request');
const path = require('path');
const validator = require('validator');
function handler(req, res) {
  const data = req.body;
  if (!data.thumb || !validator.isURL(data.thumb)) return res.end();
  request.head(data.thumb, (error, response) => {
    const extension = path.extname(data.thumb);
    request(data.thumb).pipe(res.attachment('thumb' + extension));
  });
  const link = req.query.link;
  if (link.startsWith('https:')) request.get(link, { timeout: 10_000 }, (error, response, body) => res.send(body));
}
module.exports = handler;
`,
            },
          ],
        },
      ],
    },
    {
      name: "export const api = axios.create({ baseURL: 'https://api.example.com' });",
      code: `
import axios from 'axios';
export const api = axios.create({ baseURL: 'https://api.example.com' });
`,
      errors: [
        {
          messageId: 'clientWithoutTimeout',
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 72,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
import axios from 'axios';
export const api = axios.create({ baseURL: 'https://api.example.com', timeout: 10_000 });
`,
            },
          ],
        },
      ],
    },
    {
      name: "const { data } = await axios.get('https://api.example.com/users');",
      code: `
const axios = require('axios');
async function handler(req, res) {
  const { data } = await axios.get('https://api.example.com/users');
  res.json(data);
}
module.exports = handler;
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 26,
          endLine: 4,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
const axios = require('axios');
async function handler(req, res) {
  const { data } = await axios.get('https://api.example.com/users', { timeout: 10_000 });
  res.json(data);
}
module.exports = handler;
`,
            },
          ],
        },
      ],
    },
    {
      name: 'const response = await fetch(`https://weather.example.com/${req.query.city}`);',
      code: `
const express = require('express');
const app = express();
app.get('/weather', async (req, res) => {
  const response = await fetch(
    \`https://weather.example.com/\${req.query.city}\`
  );
  res.json(await response.json());
});
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 5,
          column: 26,
          endLine: 7,
          endColumn: 4,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
const express = require('express');
const app = express();
app.get('/weather', async (req, res) => {
  const response = await fetch(
    \`https://weather.example.com/\${req.query.city}\`, { signal: AbortSignal.timeout(10_000) }
  );
  res.json(await response.json());
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'node-fetch loaded by a dynamic import, written and compiled to CommonJS',
      code: `
async function handler(req, res) {
  const { default: fetch } = await import('node-fetch');
  const upstream = await fetch(req.query.url, { method: 'GET' });
  res.send(await upstream.text());
}
async function getExternalFile(req, res) {
  const { default: fetch } = await Promise.resolve().then(() => _interop_require_wildcard(require('node-fetch')));
  const upstream = await fetch(req.query.url, { headers: { ...req.headers } });
  res.send(await upstream.buffer());
}
module.exports = { handler, getExternalFile };
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 26,
          endLine: 4,
          endColumn: 65,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
async function handler(req, res) {
  const { default: fetch } = await import('node-fetch');
  const upstream = await fetch(req.query.url, { method: 'GET', signal: AbortSignal.timeout(10_000) });
  res.send(await upstream.text());
}
async function getExternalFile(req, res) {
  const { default: fetch } = await Promise.resolve().then(() => _interop_require_wildcard(require('node-fetch')));
  const upstream = await fetch(req.query.url, { headers: { ...req.headers } });
  res.send(await upstream.buffer());
}
module.exports = { handler, getExternalFile };
`,
            },
          ],
        },
        {
          messageId: 'requestWithoutTimeout',
          line: 9,
          column: 26,
          endLine: 9,
          endColumn: 79,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
async function handler(req, res) {
  const { default: fetch } = await import('node-fetch');
  const upstream = await fetch(req.query.url, { method: 'GET' });
  res.send(await upstream.text());
}
async function getExternalFile(req, res) {
  const { default: fetch } = await Promise.resolve().then(() => _interop_require_wildcard(require('node-fetch')));
  const upstream = await fetch(req.query.url, { headers: { ...req.headers }, signal: AbortSignal.timeout(10_000) });
  res.send(await upstream.buffer());
}
module.exports = { handler, getExternalFile };
`,
            },
          ],
        },
      ],
    },
    {
      name: "await request('https://a.example.com', { method: 'POST' });",
      code: `
import { request } from 'undici';
import fetch from 'node-fetch';
export async function handler() {
  await request('https://a.example.com', { method: 'POST' });
  return fetch('https://b.example.com', {
    headers: { accept: 'application/json' },
  });
}
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
import { request } from 'undici';
import fetch from 'node-fetch';
export async function handler() {
  await request('https://a.example.com', { method: 'POST', signal: AbortSignal.timeout(10_000) });
  return fetch('https://b.example.com', {
    headers: { accept: 'application/json' },
  });
}
`,
            },
          ],
        },
        {
          messageId: 'requestWithoutTimeout',
          line: 6,
          column: 10,
          endLine: 8,
          endColumn: 5,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
import { request } from 'undici';
import fetch from 'node-fetch';
export async function handler() {
  await request('https://a.example.com', { method: 'POST' });
  return fetch('https://b.example.com', {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "export const client = got.extend({ prefixUrl: 'https://api.example.com' });",
      code: `
import got from 'got';
export const client = got.extend({ prefixUrl: 'https://api.example.com' });
export async function handler() {
  return got.get('https://a.example.com').json();
}
`,
      errors: [
        {
          messageId: 'clientWithoutTimeout',
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
import got from 'got';
export const client = got.extend({ prefixUrl: 'https://api.example.com', timeout: { request: 10_000 } });
export async function handler() {
  return got.get('https://a.example.com').json();
}
`,
            },
          ],
        },
        {
          messageId: 'requestWithoutTimeout',
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
import got from 'got';
export const client = got.extend({ prefixUrl: 'https://api.example.com' });
export async function handler() {
  return got.get('https://a.example.com', { timeout: { request: 10_000 } }).json();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "http.get('http://inventory.internal/stock', (response) => response.pipe(res));",
      code: `
const http = require('node:http');
function handler(req, res) {
  http.get('http://inventory.internal/stock', (response) => response.pipe(res));
}
module.exports = handler;
`,
      errors: [{ messageId: 'requestWithoutTimeout', line: 4, column: 3, endLine: 4, endColumn: 80, suggestions: [] }],
    },
    {
      name: 'The suggested timeout is an option; multi-line objects keep their layout',
      code: `
import axios from 'axios';
export const api = axios.create({
  baseURL: 'https://api.example.com',
});
`,
      options: [{ suggestedTimeoutMs: 2500 }],
      errors: [
        {
          messageId: 'clientWithoutTimeout',
          line: 3,
          column: 20,
          endLine: 5,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
import axios from 'axios';
export const api = axios.create({
  baseURL: 'https://api.example.com',
  timeout: 2_500,
});
`,
            },
          ],
        },
      ],
    },
    {
      name: '`globalThis.fetch` is the global too',
      code: `
export async function handler() {
  return globalThis.fetch('https://api.example.com');
}
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
export async function handler() {
  return globalThis.fetch('https://api.example.com', { signal: AbortSignal.timeout(10_000) });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'options in a variable that later gets other properties (a webhook with extra headers)',
      code: `
import axios from 'axios';
export async function send(req, res) {
  let config = { headers: {} };
  if (req.body.headers) config.headers = { ...config.headers, ...JSON.parse(req.body.headers) };
  await axios.post(req.body.url, req.body.data, config);
  res.end();
}
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 56,
          // Options held by a variable may be shared: the suggestion edits only a literal in the call.
          suggestions: [],
        },
      ],
    },
    {
      name: 'request: calls, shortcuts and `defaults` instances (judged at the instance)',
      code: `
const request = require('request');
const api = request.defaults({ baseUrl: 'https://api.example.com', json: true });
function handler(req, res) {
  request.get('https://prices.example.com', { json: true }, (error, response, body) => res.json(body));
  api('/stock', (error, response, body) => res.json(body));
}
module.exports = handler;
`,
      errors: [
        {
          messageId: 'clientWithoutTimeout',
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 81,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
const request = require('request');
const api = request.defaults({ baseUrl: 'https://api.example.com', json: true, timeout: 10_000 });
function handler(req, res) {
  request.get('https://prices.example.com', { json: true }, (error, response, body) => res.json(body));
  api('/stock', (error, response, body) => res.json(body));
}
module.exports = handler;
`,
            },
          ],
        },
        {
          messageId: 'requestWithoutTimeout',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 103,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
const request = require('request');
const api = request.defaults({ baseUrl: 'https://api.example.com', json: true });
function handler(req, res) {
  request.get('https://prices.example.com', { json: true, timeout: 10_000 }, (error, response, body) => res.json(body));
  api('/stock', (error, response, body) => res.json(body));
}
module.exports = handler;
`,
            },
          ],
        },
      ],
    },
    {
      name: "request-promise has request's API; a leading options object is the options",
      code: `
import rp from 'request-promise-native';
export async function handler(req, res) {
  res.json(await rp({ uri: 'https://api.example.com', json: true }));
}
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
import rp from 'request-promise-native';
export async function handler(req, res) {
  res.json(await rp({ uri: 'https://api.example.com', json: true, timeout: 10_000 }));
}
`,
            },
          ],
        },
      ],
    },
    {
      name:
        'superagent: the request, through a chain or a variable; ' +
        'with a callback it is sent at once, so no suggestion',
      code: `
import superagent from 'superagent';
export async function handler(req, res) {
  const { body } = await superagent.get('https://api.example.com/users').set('accept', 'json');
  const upload = superagent.post('https://files.example.com').attach('file', req.file.path);
  await upload;
  superagent('GET', 'https://api.example.com/ping', (error) => res.json({ body, ok: !error }));
}
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 26,
          endLine: 4,
          endColumn: 73,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
import superagent from 'superagent';
export async function handler(req, res) {
  const { body } = await superagent.get('https://api.example.com/users').timeout(10_000).set('accept', 'json');
  const upload = superagent.post('https://files.example.com').attach('file', req.file.path);
  await upload;
  superagent('GET', 'https://api.example.com/ping', (error) => res.json({ body, ok: !error }));
}
`,
            },
          ],
        },
        {
          messageId: 'requestWithoutTimeout',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
import superagent from 'superagent';
export async function handler(req, res) {
  const { body } = await superagent.get('https://api.example.com/users').set('accept', 'json');
  const upload = superagent.post('https://files.example.com').timeout(10_000).attach('file', req.file.path);
  await upload;
  superagent('GET', 'https://api.example.com/ping', (error) => res.json({ body, ok: !error }));
}
`,
            },
          ],
        },
        { messageId: 'requestWithoutTimeout', line: 7, column: 3, endLine: 7, endColumn: 95, suggestions: [] },
      ],
    },
    {
      name: 'superagent.agent(): its defaults apply to its requests, which are judged one by one',
      code: `
const superagent = require('superagent');
const agent = superagent.agent().set('accept', 'json');
async function handler(req, res) {
  res.json((await agent.get('https://api.example.com/users')).body);
}
module.exports = handler;
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
const superagent = require('superagent');
const agent = superagent.agent().set('accept', 'json');
async function handler(req, res) {
  res.json((await agent.get('https://api.example.com/users').timeout(10_000)).body);
}
module.exports = handler;
`,
            },
          ],
        },
      ],
    },
    {
      name: "undici: a pool's requests, unless the pool or the request bounds them",
      code: `
import { Pool } from 'undici';
const pool = new Pool('https://stock.example.com', { connections: 16 });
export async function handler(req, res) {
  const { body } = await pool.request({
    path: \`/stock/\${req.params.sku}\`,
    method: 'GET',
  });
  res.json(await body.json());
}
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 5,
          column: 26,
          endLine: 8,
          endColumn: 5,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
import { Pool } from 'undici';
const pool = new Pool('https://stock.example.com', { connections: 16 });
export async function handler(req, res) {
  const { body } = await pool.request({
    path: \`/stock/\${req.params.sku}\`,
    method: 'GET',
    signal: AbortSignal.timeout(10_000),
  });
  res.json(await body.json());
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'got: `paginate.all`, and a `timeout` object that only limits connecting',
      code: `
import got from 'got';
export async function handler(req, res) {
  const items = await got.paginate.all('https://api.example.com/items', { timeout: { connect: 500 } });
  res.json(items);
}
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 103,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
import got from 'got';
export async function handler(req, res) {
  const items = await got.paginate.all('https://api.example.com/items', { timeout: { connect: 500, request: 10_000 } });
  res.json(items);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'An aliased undici `Client`, and `stream` on it',
      code: `
import { Client as Upstream } from 'undici';
const upstream = new Upstream('https://files.example.com');
export function handler(req, res) {
  return upstream.stream({ path: req.path, method: 'GET' }, () => res);
}
`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 71,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `
import { Client as Upstream } from 'undici';
const upstream = new Upstream('https://files.example.com');
export function handler(req, res) {
  return upstream.stream({ path: req.path, method: 'GET', signal: AbortSignal.timeout(10_000) }, () => res);
}
`,
            },
          ],
        },
      ],
    },
    // needle's promise form without options: no suggestion, the data argument is missing.
    {
      code: `const needle = require('needle');
async function handler(req, res) {
  const response = await needle('get', \`https://api.example.com/users/\${req.params.id}\`);
  res.json(response.body);
}
module.exports = handler;`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 89,
        },
      ],
    },
    // needle with a callback: the options go before it.
    {
      code: `const needle = require('needle');
function handler(req, res) {
  needle.get('https://api.example.com/users', (error, response) =>
    res.json(response.body),
  );
}
module.exports = handler;`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 3,
          column: 3,
          endLine: 5,
          endColumn: 4,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `const needle = require('needle');
function handler(req, res) {
  needle.get('https://api.example.com/users', { response_timeout: 10_000, read_timeout: 10_000 }, (error, response) =>
    res.json(response.body),
  );
}
module.exports = handler;`,
            },
          ],
        },
      ],
    },
    // needle's `open_timeout` only bounds connecting; a stalled response still waits forever.
    {
      code: `import needle from 'needle';
export async function handler(req) {
  return needle.post('https://api.example.com/events', req.body, {
    json: true,
    open_timeout: 2000,
  });
}`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 3,
          column: 10,
          endLine: 6,
          endColumn: 5,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `import needle from 'needle';
export async function handler(req) {
  return needle.post('https://api.example.com/events', req.body, {
    json: true,
    open_timeout: 2000,
    response_timeout: 10_000, read_timeout: 10_000,
  });
}`,
            },
          ],
        },
      ],
    },
    // Options built by a helper that sets no timeout.
    {
      code: `import axios from 'axios';
function requestOptions(req) {
  return { headers: { authorization: req.headers.authorization } };
}
export async function handler(req) {
  return axios.get('https://api.example.com/me', requestOptions(req));
}`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 70,
        },
      ],
    },
    // Options built by a helper that sets a timeout on one path only.
    {
      code: `import axios from 'axios';
function requestOptions(req) {
  if (req.query.fast) return { timeout: 500 };
  return { headers: { accept: 'application/json' } };
}
export async function handler(req) {
  return axios.get('https://api.example.com/me', requestOptions(req));
}`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 7,
          column: 10,
          endLine: 7,
          endColumn: 70,
        },
      ],
    },
    // Options built by a helper the file does not show: it counts as setting none.
    {
      code: `import got from 'got';
import { requestOptions } from './options.js';
export async function handler(req) {
  return got('https://api.example.com/me', requestOptions(req)).json();
}`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 64,
        },
      ],
    },
    // node-fetch 3 ignores `timeout` (the project depends on node-fetch 3).
    {
      code: `import fetch from 'node-fetch';
export async function handler(req, res) {
  const response = await fetch('https://api.example.com/users', { timeout: 2000 });
  res.json(await response.json());
}`,
      filename: nodeFetch3,
      settings: {
        'backend-perf': {
          defaultStartupFiles: false,
        },
      },
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 83,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `import fetch from 'node-fetch';
export async function handler(req, res) {
  const response = await fetch('https://api.example.com/users', { timeout: 2000, signal: AbortSignal.timeout(10_000) });
  res.json(await response.json());
}`,
            },
          ],
        },
      ],
    },
    // A helper of the file that sets no signal: fetch has no timeout.
    {
      code: `function jsonInit(body) {
  return { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}
export async function handler(req) {
  return fetch('https://api.example.com/events', jsonInit(req.body));
}`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 69,
        },
      ],
    },
    {
      // Universal code that tests for a browser still runs on the server.
      code: `const inBrowser = typeof window !== 'undefined';
export async function handler(req, res) {
  res.json(await (await fetch('https://api.example.com')).json());
}`,
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `const inBrowser = typeof window !== 'undefined';
export async function handler(req, res) {
  res.json(await (await fetch('https://api.example.com', { signal: AbortSignal.timeout(10_000) })).json());
}`,
            },
          ],
        },
      ],
    },
  ],
});
