import rule from '../../src/rules/require-http-timeout.js';
import { createRuleTester } from '../RuleTester.js';

createRuleTester().run('require-http-timeout', rule, {
  valid: [
    // axios: instance defaults count for every call of the instance.
    {
      code: "import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://api.example.com', timeout: 2000 });\nexport async function handler(req, res) {\n  const { data } = await api.get('/users');\n  res.json(data);\n}",
    },
    {
      code: "const axios = require('axios');\nasync function handler(req, res) {\n  const { data } = await axios.post('https://api.example.com', req.body, { signal: AbortSignal.timeout(2000) });\n  res.json(data);\n}\nmodule.exports = handler;",
    },
    // axios defaults set in the file.
    {
      code: "const axios = require('axios');\naxios.defaults.timeout = 2000;\nasync function handler(req, res) {\n  res.json((await axios.get('https://api.example.com')).data);\n}\nmodule.exports = handler;",
    },
    // fetch with a signal: global, undici and node-fetch.
    {
      code: "import { fetch as undiciFetch } from 'undici';\nimport nodeFetch from 'node-fetch';\nexport async function handler() {\n  await undiciFetch('https://a.example.com', { signal: AbortSignal.timeout(1000) });\n  await nodeFetch('https://b.example.com', { signal: AbortSignal.timeout(1000) });\n  return fetch('https://c.example.com', { signal: AbortSignal.timeout(1000) });\n}",
    },
    // A local function called fetch is not the global one.
    {
      code: "async function fetch(url) {\n  return url;\n}\nexport async function handler() {\n  return fetch('https://c.example.com');\n}",
    },
    // got with a timeout, and an extended instance with a default timeout.
    {
      code: "import got from 'got';\nconst client = got.extend({ prefixUrl: 'https://api.example.com', timeout: { request: 2000 } });\nexport async function handler() {\n  await got('https://a.example.com', { timeout: { request: 1000 } });\n  return client.get('users').json();\n}",
    },
    // http(s).request with a timeout option, or a timeout set on the request.
    {
      code: "const https = require('https');\nfunction handler(req, res) {\n  const upstream = https.get('https://api.example.com', (response) => response.pipe(res));\n  upstream.setTimeout(2000, () => upstream.destroy());\n  https.request({ host: 'api.example.com', timeout: 2000 }).end();\n}\nmodule.exports = handler;",
    },
    // Options the file cannot see.
    {
      code: "import axios from 'axios';\nexport function makeClient(config) {\n  return axios.create(config);\n}\nexport async function handler(init) {\n  return fetch('https://api.example.com', init);\n}",
    },
    // A request made once at start-up.
    {
      code: "const config = await fetch('https://config.example.com').then((response) => response.json());\nexport default config;",
    },
    // Another library's `get` is not axios'.
    {
      code: "import cache from './cache.js';\nexport async function handler() {\n  return cache.get('https://api.example.com');\n}",
    },
  ],
  invalid: [
    {
      code: "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://api.example.com' });",
      errors: [
        {
          messageId: 'clientWithoutTimeout',
          line: 2,
          column: 20,
          endLine: 2,
          endColumn: 72,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://api.example.com', timeout: 10_000 });",
            },
          ],
        },
      ],
    },
    {
      code: "const axios = require('axios');\nasync function handler(req, res) {\n  const { data } = await axios.get('https://api.example.com/users');\n  res.json(data);\n}\nmodule.exports = handler;",
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "const axios = require('axios');\nasync function handler(req, res) {\n  const { data } = await axios.get('https://api.example.com/users', { timeout: 10_000 });\n  res.json(data);\n}\nmodule.exports = handler;",
            },
          ],
        },
      ],
    },
    {
      code: "const express = require('express');\nconst app = express();\napp.get('/weather', async (req, res) => {\n  const response = await fetch(`https://weather.example.com/${req.query.city}`);\n  res.json(await response.json());\n});",
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 26,
          endLine: 4,
          endColumn: 80,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "const express = require('express');\nconst app = express();\napp.get('/weather', async (req, res) => {\n  const response = await fetch(`https://weather.example.com/${req.query.city}`, { signal: AbortSignal.timeout(10_000) });\n  res.json(await response.json());\n});",
            },
          ],
        },
      ],
    },
    {
      code: "import { request } from 'undici';\nimport fetch from 'node-fetch';\nexport async function handler() {\n  await request('https://a.example.com', { method: 'POST' });\n  return fetch('https://b.example.com', { headers: { accept: 'application/json' } });\n}",
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "import { request } from 'undici';\nimport fetch from 'node-fetch';\nexport async function handler() {\n  await request('https://a.example.com', { method: 'POST', signal: AbortSignal.timeout(10_000) });\n  return fetch('https://b.example.com', { headers: { accept: 'application/json' } });\n}",
            },
          ],
        },
        {
          messageId: 'requestWithoutTimeout',
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 85,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "import { request } from 'undici';\nimport fetch from 'node-fetch';\nexport async function handler() {\n  await request('https://a.example.com', { method: 'POST' });\n  return fetch('https://b.example.com', { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });\n}",
            },
          ],
        },
      ],
    },
    {
      code: "import got from 'got';\nexport const client = got.extend({ prefixUrl: 'https://api.example.com' });\nexport async function handler() {\n  return got.get('https://a.example.com').json();\n}",
      errors: [
        {
          messageId: 'clientWithoutTimeout',
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "import got from 'got';\nexport const client = got.extend({ prefixUrl: 'https://api.example.com', timeout: { request: 10_000 } });\nexport async function handler() {\n  return got.get('https://a.example.com').json();\n}",
            },
          ],
        },
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "import got from 'got';\nexport const client = got.extend({ prefixUrl: 'https://api.example.com' });\nexport async function handler() {\n  return got.get('https://a.example.com', { timeout: { request: 10_000 } }).json();\n}",
            },
          ],
        },
      ],
    },
    {
      code: "const http = require('node:http');\nfunction handler(req, res) {\n  http.get('http://inventory.internal/stock', (response) => response.pipe(res));\n}\nmodule.exports = handler;",
      errors: [{ messageId: 'requestWithoutTimeout', line: 3, column: 3, endLine: 3, endColumn: 80, suggestions: [] }],
    },
    // The suggested timeout is an option; multi-line objects keep their layout.
    {
      code: "import axios from 'axios';\nexport const api = axios.create({\n  baseURL: 'https://api.example.com',\n});",
      options: [{ suggestedTimeoutMs: 2500 }],
      errors: [
        {
          messageId: 'clientWithoutTimeout',
          line: 2,
          column: 20,
          endLine: 4,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "import axios from 'axios';\nexport const api = axios.create({\n  baseURL: 'https://api.example.com',\n  timeout: 2_500,\n});",
            },
          ],
        },
      ],
    },
    // `globalThis.fetch` is the global too.
    {
      code: "export async function handler() {\n  return globalThis.fetch('https://api.example.com');\n}",
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "export async function handler() {\n  return globalThis.fetch('https://api.example.com', { signal: AbortSignal.timeout(10_000) });\n}",
            },
          ],
        },
      ],
    },
  ],
});
