import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rule from '../../src/rules/require-keep-alive.js';
import { createRuleTester } from '../RuleTester.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
/** A file of a package with `engines.node` `>=18`: the global agent does not keep connections alive. */
const node18 = path.join(fixtures, 'node18', 'src', 'client.js');
/** A file of a package with `engines.node` `>=22`: the global agent keeps connections alive. */
const node22 = path.join(fixtures, 'node22', 'src', 'client.js');
/** Fixture files live below `tests/`, which the default start-up globs cover. */
const settings = { 'backend-perf': { defaultStartupFiles: false } };

createRuleTester().run('require-keep-alive', rule, {
  valid: [
    // Agents with keep-alive, on any target.
    {
      code: "const http = require('http');\nconst agent = new http.Agent({ keepAlive: true, maxSockets: 50 });",
      filename: node18,
      settings,
    },
    // Options the file cannot see may set keepAlive.
    {
      code: "import https from 'node:https';\nexport function make(options) {\n  return new https.Agent(options);\n}",
      filename: node18,
      settings,
    },
    {
      code: "import https from 'node:https';\nconst base = { keepAlive: true };\nexport const agent = new https.Agent({ ...base, maxSockets: 10 });",
      filename: node18,
      settings,
    },
    // An agent created on first use and kept.
    {
      code: "const express = require('express');\nconst https = require('https');\nlet agent;\nconst app = express();\napp.get('/proxy', (req, res) => {\n  agent ??= new https.Agent({ keepAlive: true });\n  https.get('https://api.example.com', { agent, timeout: 1000 }, (upstream) => upstream.pipe(res));\n});",
      filename: node22,
      settings,
    },
    // A local class called Agent is not Node's.
    { code: 'class Agent {}\nconst agent = new Agent();', filename: node18, settings },
    // Node 22: the global agent keeps connections alive, so default-agent clients are fine.
    {
      code: "import axios from 'axios';\nimport got from 'got';\nimport https from 'https';\nexport const api = axios.create({ baseURL: 'https://api.example.com', timeout: 2000 });\nexport async function handler(req, res) {\n  const { data } = await axios.get('https://api.example.com/a');\n  await got('https://api.example.com/b');\n  https.get('https://api.example.com/c', (response) => response.resume());\n  res.json(data);\n}",
      filename: node22,
      settings,
    },
    // Node 18 with shared agents.
    {
      code: "import axios from 'axios';\nimport got from 'got';\nimport fetch from 'node-fetch';\nimport { httpAgent, httpsAgent } from './http-agents.js';\nexport const api = axios.create({ httpAgent, httpsAgent });\nexport async function handler(req, res) {\n  await got('https://api.example.com/b', { agent: { http: httpAgent, https: httpsAgent } });\n  await fetch('https://api.example.com/c', { agent: httpsAgent });\n  res.end();\n}",
      filename: node18,
      settings,
    },
    // Node 18, axios defaults configured in the file.
    {
      code: "const axios = require('axios');\nconst https = require('https');\naxios.defaults.httpsAgent = new https.Agent({ keepAlive: true });\nasync function handler(req, res) {\n  res.json((await axios.get('https://api.example.com')).data);\n}\nmodule.exports = handler;",
      filename: node18,
      settings,
    },
    // Node 18: requests made once at start-up gain nothing from keep-alive.
    {
      code: "const https = require('https');\nhttps.get('https://example.com/warm-up', (res) => res.resume());",
      filename: node18,
      settings,
    },
    // The setting overrides engines.node.
    {
      code: "import got from 'got';\nexport async function handler() {\n  return got('https://api.example.com');\n}",
      filename: node18,
      settings: { 'backend-perf': { defaultStartupFiles: false, node: '>=20' } },
    },
    // No package.json says which Node: version-dependent advice stays quiet.
    { code: "import got from 'got';\nexport async function handler() {\n  return got('https://api.example.com');\n}" },
    // Global fetch and undici keep connections alive on every version.
    {
      code: "import { fetch as undiciFetch } from 'undici';\nexport async function handler() {\n  await undiciFetch('https://a.example.com');\n  return fetch('https://b.example.com');\n}",
      filename: node18,
      settings,
    },
    // Turned off by option.
    {
      code: "import got from 'got';\nexport async function handler() {\n  return got('https://api.example.com');\n}",
      filename: node18,
      settings,
      options: [{ checkDefaultAgent: false }],
    },
    // superagent with an agent, in the chain or on a variable; at start-up.
    {
      code: "import superagent from 'superagent';\nimport { httpsAgent } from './http-agents.js';\nconst config = (await superagent.get('https://config.example.com').timeout(2000)).body;\nexport async function handler(req, res) {\n  const users = await superagent.get('https://api.example.com/users').agent(httpsAgent).timeout(2000);\n  const upload = superagent.post('https://files.example.com').timeout(30000);\n  upload.agent(httpsAgent);\n  res.json([config, users.body, (await upload).body]);\n}",
      filename: node18,
      settings,
    },
    // Node 18: `request` with `forever` (its keep-alive agents), an agent, or a pool.
    {
      code: "const request = require('request');\nconst { httpsAgent } = require('./http-agents');\nconst api = request.defaults({ baseUrl: 'https://api.example.com', forever: true, timeout: 2000 });\nfunction handler(req, res) {\n  request.get('https://a.example.com', { agent: httpsAgent, timeout: 2000 }, () => res.end());\n  request({ uri: 'https://b.example.com', pool: { maxSockets: 10 }, timeout: 2000 }, () => res.end());\n  api.get('/c', () => res.end());\n}\nmodule.exports = handler;",
      filename: node18,
      settings,
    },
    // undici dispatchers made once, with keep-alive (the default, or a pipelining factor).
    {
      code: "import { Agent, Pool } from 'undici';\nexport const dispatcher = new Agent({ connections: 16 });\nexport const pool = new Pool('https://stock.example.com', { pipelining: 4 });",
      filename: node18,
      settings,
    },
    // A local `Pool` and pg's `Pool` are not undici's.
    {
      code: "const express = require('express');\nconst pg = require('pg');\nclass Pool {}\nconst app = express();\napp.get('/a', (req, res) => {\n  res.json([new Pool(), new pg.Pool()]);\n});",
      filename: node18,
      settings,
    },
    // needle.defaults({ agent }) gives every needle request that agent.
    {
      code: "import https from 'node:https';\nimport needle from 'needle';\nneedle.defaults({ agent: new https.Agent({ keepAlive: true }) });\nexport async function handler(req) {\n  return needle('post', 'https://api.example.com/events', req.body, { json: true });\n}",
      filename: node18,
      settings,
    },
    // needle on Node 22: the global agent keeps connections alive.
    {
      code: "import needle from 'needle';\nexport async function handler(req) {\n  return needle('post', 'https://api.example.com/events', req.body, { json: true });\n}",
      filename: node22,
      settings,
    },
    // A health check that tests connecting opens its own connection on purpose.
    {
      code: "const express = require('express');\nconst https = require('https');\nconst app = express();\napp.get('/healthz', (req, res) => {\n  const agent = new https.Agent({ keepAlive: false });\n  https.get('https://payments.internal/ping', { agent, timeout: 1000 }, (upstream) => res.sendStatus(upstream.statusCode));\n});",
      filename: node18,
      settings,
    },
    // A probe function named for it, with `agent: false`.
    {
      code: "import http from 'node:http';\nexport function checkUpstreamConnection(url) {\n  return new Promise((resolve) => {\n    http.get(url, { agent: false, timeout: 1000 }, (response) => resolve(response.statusCode === 200)).on('error', () => resolve(false));\n  });\n}",
      filename: node18,
      settings,
    },
  ],
  invalid: [
    {
      code: "const http = require('http');\nconst agent = new http.Agent();",
      filename: node22,
      settings,
      errors: [
        {
          messageId: 'agentWithoutKeepAlive',
          line: 2,
          column: 15,
          endLine: 2,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'addKeepAlive',
              output: "const http = require('http');\nconst agent = new http.Agent({ keepAlive: true });",
            },
          ],
        },
      ],
    },
    {
      code: "import { Agent } from 'node:https';\nexport const agent = new Agent({ maxSockets: 20 });",
      filename: node22,
      settings,
      errors: [
        {
          messageId: 'agentWithoutKeepAlive',
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'addKeepAlive',
              output:
                "import { Agent } from 'node:https';\nexport const agent = new Agent({ keepAlive: true, maxSockets: 20 });",
            },
          ],
        },
      ],
    },
    {
      code: "import * as https from 'https';\nexport const agent = new https.Agent({\n  maxSockets: 20,\n});",
      filename: node22,
      settings,
      errors: [
        {
          messageId: 'agentWithoutKeepAlive',
          line: 2,
          column: 22,
          endLine: 4,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'addKeepAlive',
              output:
                "import * as https from 'https';\nexport const agent = new https.Agent({\n  keepAlive: true,\n  maxSockets: 20,\n});",
            },
          ],
        },
      ],
    },
    {
      code: "const { Agent: HttpAgent } = require('node:http');\nconst agent = new HttpAgent({ keepAlive: false, maxSockets: 5 });",
      filename: node22,
      settings,
      errors: [
        {
          messageId: 'keepAliveDisabled',
          line: 2,
          column: 31,
          endLine: 2,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'enableKeepAlive',
              output:
                "const { Agent: HttpAgent } = require('node:http');\nconst agent = new HttpAgent({ keepAlive: true, maxSockets: 5 });",
            },
          ],
        },
      ],
    },
    // `agent: false` on any Node version.
    {
      code: "const https = require('https');\nfunction handler(req, res) {\n  https.get('https://api.example.com', { agent: false }, (upstream) => upstream.pipe(res));\n}\nmodule.exports = handler;",
      filename: node22,
      settings,
      errors: [{ messageId: 'agentDisabled', line: 3, column: 42, endLine: 3, endColumn: 54 }],
    },
    // An agent per request: nothing is reused, whatever its options.
    {
      code: "const express = require('express');\nconst https = require('https');\nconst app = express();\napp.get('/proxy', (req, res) => {\n  const agent = new https.Agent({ keepAlive: true });\n  https.get('https://api.example.com', { agent, timeout: 1000 }, (upstream) => upstream.pipe(res));\n});",
      filename: node22,
      settings,
      errors: [{ messageId: 'agentPerRequest', line: 5, column: 17, endLine: 5, endColumn: 53 }],
    },
    // Node 18: clients on the global agent.
    {
      code: "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://api.example.com', timeout: 2000 });",
      filename: node18,
      settings,
      errors: [{ messageId: 'defaultAgentWithoutKeepAlive', line: 2, column: 20, endLine: 2, endColumn: 87 }],
    },
    {
      code: "import axios from 'axios';\nimport got from 'got';\nimport fetch from 'node-fetch';\nimport https from 'https';\nexport async function handler(req, res) {\n  const { data } = await axios.get('https://api.example.com/a', { timeout: 1000 });\n  await got.post('https://api.example.com/b', { json: data });\n  await fetch('https://api.example.com/c');\n  https.request({ host: 'api.example.com', path: '/d' }).end();\n  res.end();\n}",
      filename: node18,
      settings,
      errors: [
        { messageId: 'defaultAgentWithoutKeepAlive', line: 6, column: 26, endLine: 6, endColumn: 83 },
        { messageId: 'defaultAgentWithoutKeepAlive', line: 7, column: 9, endLine: 7, endColumn: 62 },
        { messageId: 'defaultAgentWithoutKeepAlive', line: 8, column: 9, endLine: 8, endColumn: 43 },
        { messageId: 'defaultAgentWithoutKeepAlive', line: 9, column: 3, endLine: 9, endColumn: 57 },
      ],
    },
    // The setting overrides engines.node the other way too.
    {
      code: "const got = require('got');\nconst client = got.extend({ prefixUrl: 'https://api.example.com' });\nmodule.exports = client;",
      filename: node22,
      settings: { 'backend-perf': { defaultStartupFiles: false, node: '18' } },
      errors: [{ messageId: 'defaultAgentWithoutKeepAlive', line: 2, column: 16, endLine: 2, endColumn: 68 }],
    },
    // superagent opens a connection per request unless `.agent()` gives it an agent, on any Node version.
    {
      code: "import superagent from 'superagent';\nconst session = superagent.agent().set('accept', 'json');\nexport async function handler(req, res) {\n  const { body } = await superagent.get('https://api.example.com/users').timeout(2000);\n  const me = await session.get('https://api.example.com/me').timeout(2000);\n  res.json([body, me.body]);\n}",
      filename: node22,
      settings,
      errors: [
        { messageId: 'requestWithoutAgent', line: 4, column: 26, endLine: 4, endColumn: 73 },
        { messageId: 'requestWithoutAgent', line: 5, column: 20, endLine: 5, endColumn: 61 },
      ],
    },
    // Node 18: `request` and its `defaults` instances on the global agent.
    {
      code: "const request = require('request');\nconst api = request.defaults({ baseUrl: 'https://api.example.com', timeout: 2000 });\nfunction handler(req, res) {\n  request.get('https://prices.example.com', { json: true, timeout: 2000 }, (error, response, body) => res.json(body));\n}\nmodule.exports = { api, handler };",
      filename: node18,
      settings,
      errors: [
        { messageId: 'defaultAgentWithoutKeepAlive', line: 2, column: 13, endLine: 2, endColumn: 84 },
        { messageId: 'defaultAgentWithoutKeepAlive', line: 4, column: 3, endLine: 4, endColumn: 118 },
      ],
    },
    // undici: a pool built per request, and `pipelining: 0`, which turns keep-alive off.
    {
      code: "const express = require('express');\nconst { Pool, Agent } = require('undici');\nconst dispatcher = new Agent({ pipelining: 0 });\nconst app = express();\napp.get('/stock/:sku', async (req, res) => {\n  const pool = new Pool('https://stock.example.com', { headersTimeout: 2000 });\n  const { body } = await pool.request({ path: `/stock/${req.params.sku}`, method: 'GET' });\n  res.json(await body.json());\n});\nmodule.exports = { app, dispatcher };",
      filename: node22,
      settings,
      errors: [
        { messageId: 'pipeliningDisabled', line: 3, column: 32, endLine: 3, endColumn: 45 },
        { messageId: 'agentPerRequest', line: 6, column: 16, endLine: 6, endColumn: 79 },
      ],
    },
    // needle on Node 18 without an agent.
    {
      code: "const needle = require('needle');\nasync function handler(req, res) {\n  const response = await needle('get', 'https://api.example.com/users', null, { response_timeout: 2000 });\n  res.json(response.body);\n}\nmodule.exports = handler;",
      filename: node18,
      settings,
      errors: [
        {
          messageId: 'defaultAgentWithoutKeepAlive',
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 106,
        },
      ],
    },
    // needle with `agent: false`.
    {
      code: "import needle from 'needle';\nexport function handler(req, res) {\n  needle.get('https://api.example.com/users', { agent: false }, (error, response) => res.json(response.body));\n}",
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
      code: "import https from 'node:https';\nexport function getJson(url) {\n  const agent = new https.Agent({ maxSockets: 10 });\n  return https.get(url, { agent, timeout: 1000 });\n}",
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
    // Inline in the options, with `keepAlive: true` already: still thrown away after the call.
    {
      code: "import axios from 'axios';\nimport https from 'node:https';\nexport async function getJson(url) {\n  return axios.get(url, { timeout: 1000, httpsAgent: new https.Agent({ keepAlive: true }) });\n}",
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
