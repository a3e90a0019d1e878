import rule from '../../src/rules/require-keep-alive.js';
import { createRuleTester, fixtureFile } from '../RuleTester.js';

/** A file of a package with `engines.node` `>=18`: the global agent does not keep connections alive. */
const node18 = fixtureFile('node18', 'src', 'client.js');
/** A file of a package with `engines.node` `>=22`: the global agent keeps connections alive. */
const node22 = fixtureFile('node22', 'src', 'client.js');
/** Fixture files live below `tests/`, which the default start-up globs cover. */
const settings = { 'backend-perf': { defaultStartupFiles: false } };

createRuleTester().run('require-keep-alive', rule, {
  valid: [
    {
      name: 'an uptime check that turns TLS session reuse off on purpose, per check',
      code: `import axios from 'axios';
import https from 'node:https';
export async function beat(monitor) {
  const httpsAgentOptions = { maxCachedSessions: 0, rejectUnauthorized: !monitor.ignoreTls };
  const options = { url: monitor.url, timeout: monitor.timeout * 1000 };
  options.httpsAgent = new https.Agent(httpsAgentOptions);
  return axios.request(options);
}
export const probeAgent = new https.Agent({ maxCachedSessions: 0 });`,
      filename: node22,
      settings,
    },
    {
      name: 'the same check run per tick of a timer loop',
      code: `import axios from 'axios';
import https from 'node:https';
async function beat(monitor) {
  const options = { url: monitor.url, timeout: 48000 };
  options.httpsAgent = new https.Agent({ maxCachedSessions: 0 });
  await axios.request(options);
  setTimeout(() => beat(monitor), monitor.interval * 1000);
}
export function start(monitor) {
  beat(monitor);
}`,
      filename: node22,
      settings,
    },
    {
      name: 'Node 18: a notification sent where no handler is seen to reach, minutes or days apart',
      code: `
import axios from 'axios';
export async function notify(webhookUrl, text) {
  await axios.post(webhookUrl, { text }, { timeout: 5000 });
}
`,
      filename: node18,
      settings,
    },
    {
      name: 'Agents with keep-alive, on any target',
      code: `
const http = require('http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
`,
      filename: node18,
      settings,
    },
    {
      name: 'Options the file cannot see may set keepAlive',
      code: `
import https from 'node:https';
export function make(options) {
  return new https.Agent(options);
}
`,
      filename: node18,
      settings,
    },
    {
      name: 'export const agent = new https.Agent({ ...base, maxSockets: 10 });',
      code: `
import https from 'node:https';
const base = { keepAlive: true };
export const agent = new https.Agent({ ...base, maxSockets: 10 });
`,
      filename: node18,
      settings,
    },
    {
      name: 'An agent created on first use and kept',
      code: `
const express = require('express');
const https = require('https');
let agent;
const app = express();
app.get('/proxy', (req, res) => {
  agent ??= new https.Agent({ keepAlive: true });
  https.get('https://api.example.com', { agent, timeout: 1000 }, (upstream) => upstream.pipe(res));
});
`,
      filename: node22,
      settings,
    },
    {
      name: "A local class called Agent is not Node's",
      code: `
class Agent {}
const agent = new Agent();
`,
      filename: node18,
      settings,
    },
    {
      name: 'Node 22: the global agent keeps connections alive, so default-agent clients are fine',
      code: `
import axios from 'axios';
import got from 'got';
import https from 'https';
export const api = axios.create({ baseURL: 'https://api.example.com', timeout: 2000 });
export async function handler(req, res) {
  const { data } = await axios.get('https://api.example.com/a');
  await got('https://api.example.com/b');
  https.get('https://api.example.com/c', (response) => response.resume());
  res.json(data);
}
`,
      filename: node22,
      settings,
    },
    {
      name: 'Node 18 with shared agents',
      code: `
import axios from 'axios';
import got from 'got';
import fetch from 'node-fetch';
import { httpAgent, httpsAgent } from './http-agents.js';
export const api = axios.create({ httpAgent, httpsAgent });
export async function handler(req, res) {
  await got('https://api.example.com/b', { agent: { http: httpAgent, https: httpsAgent } });
  await fetch('https://api.example.com/c', { agent: httpsAgent });
  res.end();
}
`,
      filename: node18,
      settings,
    },
    {
      name: 'Node 18, axios defaults configured in the file',
      code: `
const axios = require('axios');
const https = require('https');
axios.defaults.httpsAgent = new https.Agent({ keepAlive: true });
async function handler(req, res) {
  res.json((await axios.get('https://api.example.com')).data);
}
module.exports = handler;
`,
      filename: node18,
      settings,
    },
    {
      name: 'Node 18: requests made once at start-up gain nothing from keep-alive',
      code: `
const https = require('https');
https.get('https://example.com/warm-up', (res) => res.resume());
`,
      filename: node18,
      settings,
    },
    {
      name: 'The setting overrides engines.node',
      code: `
import got from 'got';
export async function handler() {
  return got('https://api.example.com');
}
`,
      filename: node18,
      settings: { 'backend-perf': { defaultStartupFiles: false, node: '>=20' } },
    },
    {
      name: 'No package.json says which Node: version-dependent advice stays quiet',
      code: `
import got from 'got';
export async function handler() {
  return got('https://api.example.com');
}
`,
    },
    {
      name: 'Global fetch and undici keep connections alive on every version',
      code: `
import { fetch as undiciFetch } from 'undici';
export async function handler() {
  await undiciFetch('https://a.example.com');
  return fetch('https://b.example.com');
}
`,
      filename: node18,
      settings,
    },
    {
      name: 'Turned off by option',
      code: `
import got from 'got';
export async function handler() {
  return got('https://api.example.com');
}
`,
      filename: node18,
      settings,
      options: [{ checkDefaultAgent: false }],
    },
    {
      name: 'superagent with an agent, in the chain or on a variable; at start-up',
      code: `
import superagent from 'superagent';
import { httpsAgent } from './http-agents.js';
const config = (await superagent.get('https://config.example.com').timeout(2000)).body;
export async function handler(req, res) {
  const users = await superagent.get('https://api.example.com/users').agent(httpsAgent).timeout(2000);
  const upload = superagent.post('https://files.example.com').timeout(30000);
  upload.agent(httpsAgent);
  res.json([config, users.body, (await upload).body]);
}
`,
      filename: node18,
      settings,
    },
    {
      name: 'Node 18: `request` with `forever` (its keep-alive agents), an agent, or a pool',
      code: `
const request = require('request');
const { httpsAgent } = require('./http-agents');
const api = request.defaults({ baseUrl: 'https://api.example.com', forever: true, timeout: 2000 });
function handler(req, res) {
  request.get('https://a.example.com', { agent: httpsAgent, timeout: 2000 }, () => res.end());
  request({ uri: 'https://b.example.com', pool: { maxSockets: 10 }, timeout: 2000 }, () => res.end());
  api.get('/c', () => res.end());
}
module.exports = handler;
`,
      filename: node18,
      settings,
    },
    {
      name: 'undici dispatchers made once, with keep-alive (the default, or a pipelining factor)',
      code: `
import { Agent, Pool } from 'undici';
export const dispatcher = new Agent({ connections: 16 });
export const pool = new Pool('https://stock.example.com', { pipelining: 4 });
`,
      filename: node18,
      settings,
    },
    {
      name: "A local `Pool` and pg's `Pool` are not undici's",
      code: `
const express = require('express');
const pg = require('pg');
class Pool {}
const app = express();
app.get('/a', (req, res) => {
  res.json([new Pool(), new pg.Pool()]);
});
`,
      filename: node18,
      settings,
    },
    // needle.defaults({ agent }) gives every needle request that agent.
    {
      code: `import https from 'node:https';
import needle from 'needle';
needle.defaults({ agent: new https.Agent({ keepAlive: true }) });
export async function handler(req) {
  return needle('post', 'https://api.example.com/events', req.body, { json: true });
}`,
      filename: node18,
      settings,
    },
    // needle on Node 22: the global agent keeps connections alive.
    {
      code: `import needle from 'needle';
export async function handler(req) {
  return needle('post', 'https://api.example.com/events', req.body, { json: true });
}`,
      filename: node22,
      settings,
    },
    // A health check that tests connecting opens its own connection on purpose.
    {
      code: `const express = require('express');
const https = require('https');
const app = express();
app.get('/healthz', (req, res) => {
  const agent = new https.Agent({ keepAlive: false });
  https.get('https://payments.internal/ping', { agent, timeout: 1000 }, (upstream) =>
    res.sendStatus(upstream.statusCode),
  );
});`,
      filename: node18,
      settings,
    },
    // A probe function named for it, with `agent: false`.
    {
      code: `import http from 'node:http';
export function checkUpstreamConnection(url) {
  return new Promise((resolve) => {
    http
      .get(url, { agent: false, timeout: 1000 }, (response) => resolve(response.statusCode === 200))
      .on('error', () => resolve(false));
  });
}`,
      filename: node18,
      settings,
    },
  ],
  invalid: [
    {
      name: 'const agent = new http.Agent();',
      code: `
const http = require('http');
const agent = new http.Agent();
`,
      filename: node22,
      settings,
      errors: [
        {
          messageId: 'agentWithoutKeepAlive',
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'addKeepAlive',
              output: `
const http = require('http');
const agent = new http.Agent({ keepAlive: true });
`,
            },
          ],
        },
      ],
    },
    {
      name: 'export const agent = new Agent({ maxSockets: 20 });',
      code: `
import { Agent } from 'node:https';
export const agent = new Agent({ maxSockets: 20 });
`,
      filename: node22,
      settings,
      errors: [
        {
          messageId: 'agentWithoutKeepAlive',
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'addKeepAlive',
              output: `
import { Agent } from 'node:https';
export const agent = new Agent({ keepAlive: true, maxSockets: 20 });
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an https agent without keepAlive, options over several lines',
      code: `
import * as https from 'https';
export const agent = new https.Agent({
  maxSockets: 20,
});
`,
      filename: node22,
      settings,
      errors: [
        {
          messageId: 'agentWithoutKeepAlive',
          line: 3,
          column: 22,
          endLine: 5,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'addKeepAlive',
              output: `
import * as https from 'https';
export const agent = new https.Agent({
  keepAlive: true,
  maxSockets: 20,
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'const agent = new HttpAgent({ keepAlive: false, maxSockets: 5 });',
      code: `
const { Agent: HttpAgent } = require('node:http');
const agent = new HttpAgent({ keepAlive: false, maxSockets: 5 });
`,
      filename: node22,
      settings,
      errors: [
        {
          messageId: 'keepAliveDisabled',
          line: 3,
          column: 31,
          endLine: 3,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'enableKeepAlive',
              output: `
const { Agent: HttpAgent } = require('node:http');
const agent = new HttpAgent({ keepAlive: true, maxSockets: 5 });
`,
            },
          ],
        },
      ],
    },
    {
      name: '`agent: false` on any Node version',
      code: `
const https = require('https');
function handler(req, res) {
  https.get('https://api.example.com', { agent: false }, (upstream) => upstream.pipe(res));
}
module.exports = handler;
`,
      filename: node22,
      settings,
      errors: [{ messageId: 'agentDisabled', line: 4, column: 42, endLine: 4, endColumn: 54 }],
    },
    {
      name: 'An agent per request: nothing is reused, whatever its options',
      code: `
const express = require('express');
const https = require('https');
const app = express();
app.get('/proxy', (req, res) => {
  const agent = new https.Agent({ keepAlive: true });
  https.get('https://api.example.com', { agent, timeout: 1000 }, (upstream) => upstream.pipe(res));
});
`,
      filename: node22,
      settings,
      errors: [{ messageId: 'agentPerRequest', line: 6, column: 17, endLine: 6, endColumn: 53 }],
    },
    {
      name: 'Node 18: clients on the global agent',
      code: `
import axios from 'axios';
export const api = axios.create({ baseURL: 'https://api.example.com', timeout: 2000 });
`,
      filename: node18,
      settings,
      errors: [{ messageId: 'defaultAgentWithoutKeepAlive', line: 3, column: 20, endLine: 3, endColumn: 87 }],
    },
    {
      name: "const { data } = await axios.get('https://api.example.com/a', { timeout: 1000…",
      code: `
import axios from 'axios';
import got from 'got';
import fetch from 'node-fetch';
import https from 'https';
import express from 'express';
export async function handler(req, res) {
  const { data } = await axios.get('https://api.example.com/a', { timeout: 1000 });
  await got.post('https://api.example.com/b', { json: data });
  await fetch('https://api.example.com/c');
  https.request({ host: 'api.example.com', path: '/d' }).end();
  res.end();
}
express().get('/sync', handler);
`,
      filename: node18,
      settings,
      errors: [
        { messageId: 'defaultAgentWithoutKeepAlive', line: 8, column: 26, endLine: 8, endColumn: 83 },
        { messageId: 'defaultAgentWithoutKeepAlive', line: 9, column: 9, endLine: 9, endColumn: 62 },
        { messageId: 'defaultAgentWithoutKeepAlive', line: 10, column: 9, endLine: 10, endColumn: 43 },
        { messageId: 'defaultAgentWithoutKeepAlive', line: 11, column: 3, endLine: 11, endColumn: 57 },
      ],
    },
    {
      name: 'Node 18, checkUnknownContext: a request where no handler is seen to reach',
      code: `
import axios from 'axios';
export async function notify(webhookUrl, text) {
  await axios.post(webhookUrl, { text }, { timeout: 5000 });
}
`,
      filename: node18,
      settings,
      options: [{ checkUnknownContext: true }],
      errors: [{ messageId: 'defaultAgentWithoutKeepAlive', line: 4, column: 9, endLine: 4, endColumn: 60 }],
    },
    {
      name: 'The setting overrides engines.node the other way too',
      code: `
const got = require('got');
const client = got.extend({ prefixUrl: 'https://api.example.com' });
module.exports = client;
`,
      filename: node22,
      settings: { 'backend-perf': { defaultStartupFiles: false, node: '18' } },
      errors: [{ messageId: 'defaultAgentWithoutKeepAlive', line: 3, column: 16, endLine: 3, endColumn: 68 }],
    },
    {
      name: 'superagent opens a connection per request unless `.agent()` gives it an agent, on any Node version',
      code: `
import superagent from 'superagent';
import express from 'express';
const session = superagent.agent().set('accept', 'json');
export async function handler(req, res) {
  const { body } = await superagent.get('https://api.example.com/users').timeout(2000);
  const me = await session.get('https://api.example.com/me').timeout(2000);
  res.json([body, me.body]);
}
express().get('/users', handler);
`,
      filename: node22,
      settings,
      errors: [
        { messageId: 'requestWithoutAgent', line: 6, column: 26, endLine: 6, endColumn: 73 },
        { messageId: 'requestWithoutAgent', line: 7, column: 20, endLine: 7, endColumn: 61 },
      ],
    },
    {
      name: 'Node 18: `request` and its `defaults` instances on the global agent',
      code: `
const request = require('request');
const express = require('express');
const api = request.defaults({ baseUrl: 'https://api.example.com', timeout: 2000 });
function handler(req, res) {
  request.get('https://prices.example.com', { json: true, timeout: 2000 }, (error, response, body) => res.json(body));
}
express().get('/prices', handler);
module.exports = { api, handler };
`,
      filename: node18,
      settings,
      errors: [
        { messageId: 'defaultAgentWithoutKeepAlive', line: 4, column: 13, endLine: 4, endColumn: 84 },
        { messageId: 'defaultAgentWithoutKeepAlive', line: 6, column: 3, endLine: 6, endColumn: 118 },
      ],
    },
    {
      name: 'undici: a pool built per request, and `pipelining: 0`, which turns keep-alive off',
      code: `
const express = require('express');
const { Pool, Agent } = require('undici');
const dispatcher = new Agent({ pipelining: 0 });
const app = express();
app.get('/stock/:sku', async (req, res) => {
  const pool = new Pool('https://stock.example.com', { headersTimeout: 2000 });
  const { body } = await pool.request({ path: \`/stock/\${req.params.sku}\`, method: 'GET' });
  res.json(await body.json());
});
module.exports = { app, dispatcher };
`,
      filename: node22,
      settings,
      errors: [
        { messageId: 'pipeliningDisabled', line: 4, column: 32, endLine: 4, endColumn: 45 },
        { messageId: 'agentPerRequest', line: 7, column: 16, endLine: 7, endColumn: 79 },
      ],
    },
    // needle on Node 18 without an agent.
    {
      code: `const needle = require('needle');
const express = require('express');
async function handler(req, res) {
  const response = await needle('get', 'https://api.example.com/users', null, { response_timeout: 2000 });
  res.json(response.body);
}
express().get('/users', handler);
module.exports = handler;`,
      filename: node18,
      settings,
      errors: [
        {
          messageId: 'defaultAgentWithoutKeepAlive',
          line: 4,
          column: 26,
          endLine: 4,
          endColumn: 106,
        },
      ],
    },
    // needle with `agent: false`.
    {
      code: `import needle from 'needle';
export function handler(req, res) {
  needle.get('https://api.example.com/users', { agent: false }, (error, response) => res.json(response.body));
}`,
      filename: node18,
      settings,
      errors: [
        {
          messageId: 'agentDisabled',
          line: 3,
          column: 49,
          endLine: 3,
          endColumn: 61,
        },
      ],
    },
    // An agent built per call: the advice is to hoist it, not to add `keepAlive`.
    {
      code: `import https from 'node:https';
export function getJson(url) {
  const agent = new https.Agent({ maxSockets: 10 });
  return https.get(url, { agent, timeout: 1000 });
}`,
      filename: node22,
      settings,
      errors: [
        {
          messageId: 'agentPerCall',
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 52,
        },
      ],
    },
    // maxCachedSessions is a TLS option: on an http.Agent it turns nothing off.
    {
      code: `import http from 'node:http';
export const agent = new http.Agent({ maxCachedSessions: 0 });`,
      filename: node22,
      settings,
      errors: [
        {
          messageId: 'agentWithoutKeepAlive',
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'addKeepAlive',
              output: `import http from 'node:http';
export const agent = new http.Agent({ keepAlive: true, maxCachedSessions: 0 });`,
            },
          ],
        },
      ],
    },
    // Inline in the options, with `keepAlive: true` already: still thrown away after the call.
    {
      code: `import axios from 'axios';
import https from 'node:https';
export async function getJson(url) {
  return axios.get(url, { timeout: 1000, httpsAgent: new https.Agent({ keepAlive: true }) });
}`,
      filename: node22,
      settings,
      errors: [
        {
          messageId: 'agentPerCall',
          line: 4,
          column: 54,
          endLine: 4,
          endColumn: 90,
        },
      ],
    },
  ],
});
