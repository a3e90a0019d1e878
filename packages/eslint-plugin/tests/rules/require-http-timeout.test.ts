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
    // request with a timeout, and an instance whose defaults set one.
    {
      code: "const request = require('request');\nconst api = request.defaults({ baseUrl: 'https://api.example.com', timeout: 2000 });\nfunction handler(req, res) {\n  request.get('https://prices.example.com', { json: true, timeout: 2000 }, (error, response, body) => res.json(body));\n  api.get('/stock', (error, response, body) => res.json(body));\n}\nmodule.exports = handler;",
    },
    // superagent with `.timeout()` in the chain, on a variable, or on the agent its requests come from.
    {
      code: "import superagent from 'superagent';\nconst agent = superagent.agent().timeout({ response: 2000, deadline: 10000 });\nexport async function handler(req, res) {\n  const users = await superagent.get('https://api.example.com/users').set('accept', 'json').timeout(2000);\n  const upload = superagent.post('https://files.example.com').attach('file', req.file.path);\n  upload.timeout(30000);\n  await upload;\n  res.json([users.body, (await agent.get('https://api.example.com/me')).body]);\n}",
    },
    // undici: a pool with a headers timeout, a request with a signal.
    {
      code: "import { Client, Pool } from 'undici';\nconst pool = new Pool('https://stock.example.com', { headersTimeout: 2000, bodyTimeout: 5000 });\nconst client = new Client('https://prices.example.com');\nexport async function handler(req, res) {\n  const stock = await pool.request({ path: '/stock', method: 'GET' });\n  const prices = await client.request({ path: '/prices', method: 'GET', signal: AbortSignal.timeout(2000) });\n  res.json([await stock.body.json(), await prices.body.json()]);\n}",
    },
    // got: a number (got 11 and earlier), phase limits that bound the response (every version), `paginate.each`.
    {
      code: "import got from 'got';\nexport async function handler(req, res) {\n  await got.post('https://a.example.com', { json: req.body, timeout: 2000 });\n  await got('https://b.example.com', { timeout: { connect: 500, response: 2000 } });\n  for await (const item of got.paginate.each('https://c.example.com/items', { timeout: { request: 5000 } })) res.write(item);\n  res.end();\n}",
    },
    // A local `request` and `superagent` are not the libraries; supertest shares superagent's methods but is not it.
    {
      code: "import supertest from 'supertest';\nimport { client as superagent } from './http-client.js';\nexport async function handler(req, res) {\n  const request = { get: (url) => url };\n  request.get('https://a.example.com');\n  await superagent.get('https://b.example.com');\n  return supertest(req.app).get('/health');\n}",
    },
    // Requests made once at start-up.
    {
      code: "import superagent from 'superagent';\nimport request from 'request';\nconst config = (await superagent.get('https://config.example.com')).body;\nrequest('https://hooks.example.com/boot', () => {});\nexport default config;",
    },
    // Browser code shipped in a server package (an admin panel): React components, compiled or bundled.
    {
      code: "import { useCallback } from 'react';\nexport function useUnlock(url) {\n  return useCallback(async () => {\n    await fetch(url, { method: 'POST' });\n  }, [url]);\n}",
    },
    {
      code: "const _react = require('react');\nasync function unlock(url) {\n  return fetch(url, { method: 'POST' });\n}\nexports.unlock = unlock;",
    },
    {
      code: "import { o as e } from './react-0T9Avz-T.js';\nexport async function loadConfig() {\n  return fetch('/api/admin/ui-config');\n}",
    },
    {
      code: "export async function save(form) {\n  await fetch('/api/forms', { method: 'POST', body: JSON.stringify(form) });\n  window.location.reload();\n}",
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
    // request: calls, shortcuts and `defaults` instances (judged at the instance).
    {
      code: "const request = require('request');\nconst api = request.defaults({ baseUrl: 'https://api.example.com', json: true });\nfunction handler(req, res) {\n  request.get('https://prices.example.com', { json: true }, (error, response, body) => res.json(body));\n  api('/stock', (error, response, body) => res.json(body));\n}\nmodule.exports = handler;",
      errors: [
        {
          messageId: 'clientWithoutTimeout',
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 81,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "const request = require('request');\nconst api = request.defaults({ baseUrl: 'https://api.example.com', json: true, timeout: 10_000 });\nfunction handler(req, res) {\n  request.get('https://prices.example.com', { json: true }, (error, response, body) => res.json(body));\n  api('/stock', (error, response, body) => res.json(body));\n}\nmodule.exports = handler;",
            },
          ],
        },
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 103,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "const request = require('request');\nconst api = request.defaults({ baseUrl: 'https://api.example.com', json: true });\nfunction handler(req, res) {\n  request.get('https://prices.example.com', { json: true, timeout: 10_000 }, (error, response, body) => res.json(body));\n  api('/stock', (error, response, body) => res.json(body));\n}\nmodule.exports = handler;",
            },
          ],
        },
      ],
    },
    // request-promise has request's API; a leading options object is the options.
    {
      code: "import rp from 'request-promise-native';\nexport async function handler(req, res) {\n  res.json(await rp({ uri: 'https://api.example.com', json: true }));\n}",
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "import rp from 'request-promise-native';\nexport async function handler(req, res) {\n  res.json(await rp({ uri: 'https://api.example.com', json: true, timeout: 10_000 }));\n}",
            },
          ],
        },
      ],
    },
    // superagent: the request, through a chain or a variable; with a callback it is sent at once, so no suggestion.
    {
      code: "import superagent from 'superagent';\nexport async function handler(req, res) {\n  const { body } = await superagent.get('https://api.example.com/users').set('accept', 'json');\n  const upload = superagent.post('https://files.example.com').attach('file', req.file.path);\n  await upload;\n  superagent('GET', 'https://api.example.com/ping', (error) => res.json({ body, ok: !error }));\n}",
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 73,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "import superagent from 'superagent';\nexport async function handler(req, res) {\n  const { body } = await superagent.get('https://api.example.com/users').timeout(10_000).set('accept', 'json');\n  const upload = superagent.post('https://files.example.com').attach('file', req.file.path);\n  await upload;\n  superagent('GET', 'https://api.example.com/ping', (error) => res.json({ body, ok: !error }));\n}",
            },
          ],
        },
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "import superagent from 'superagent';\nexport async function handler(req, res) {\n  const { body } = await superagent.get('https://api.example.com/users').set('accept', 'json');\n  const upload = superagent.post('https://files.example.com').timeout(10_000).attach('file', req.file.path);\n  await upload;\n  superagent('GET', 'https://api.example.com/ping', (error) => res.json({ body, ok: !error }));\n}",
            },
          ],
        },
        { messageId: 'requestWithoutTimeout', line: 6, column: 3, endLine: 6, endColumn: 95, suggestions: [] },
      ],
    },
    // superagent.agent(): its defaults apply to its requests, which are judged one by one.
    {
      code: "const superagent = require('superagent');\nconst agent = superagent.agent().set('accept', 'json');\nasync function handler(req, res) {\n  res.json((await agent.get('https://api.example.com/users')).body);\n}\nmodule.exports = handler;",
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "const superagent = require('superagent');\nconst agent = superagent.agent().set('accept', 'json');\nasync function handler(req, res) {\n  res.json((await agent.get('https://api.example.com/users').timeout(10_000)).body);\n}\nmodule.exports = handler;",
            },
          ],
        },
      ],
    },
    // undici: a pool's requests, unless the pool or the request bounds them.
    {
      code: "import { Pool } from 'undici';\nconst pool = new Pool('https://stock.example.com', { connections: 16 });\nexport async function handler(req, res) {\n  const { body } = await pool.request({ path: `/stock/${req.params.sku}`, method: 'GET' });\n  res.json(await body.json());\n}",
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 26,
          endLine: 4,
          endColumn: 91,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "import { Pool } from 'undici';\nconst pool = new Pool('https://stock.example.com', { connections: 16 });\nexport async function handler(req, res) {\n  const { body } = await pool.request({ path: `/stock/${req.params.sku}`, method: 'GET', signal: AbortSignal.timeout(10_000) });\n  res.json(await body.json());\n}",
            },
          ],
        },
      ],
    },
    // got: `paginate.all`, and a `timeout` object that only limits connecting.
    {
      code: "import got from 'got';\nexport async function handler(req, res) {\n  const items = await got.paginate.all('https://api.example.com/items', { timeout: { connect: 500 } });\n  res.json(items);\n}",
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 103,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "import got from 'got';\nexport async function handler(req, res) {\n  const items = await got.paginate.all('https://api.example.com/items', { timeout: { connect: 500, request: 10_000 } });\n  res.json(items);\n}",
            },
          ],
        },
      ],
    },
    // An aliased undici `Client`, and `stream` on it.
    {
      code: "import { Client as Upstream } from 'undici';\nconst upstream = new Upstream('https://files.example.com');\nexport function handler(req, res) {\n  return upstream.stream({ path: req.path, method: 'GET' }, () => res);\n}",
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 71,
          suggestions: [
            {
              messageId: 'addTimeout',
              output:
                "import { Client as Upstream } from 'undici';\nconst upstream = new Upstream('https://files.example.com');\nexport function handler(req, res) {\n  return upstream.stream({ path: req.path, method: 'GET', signal: AbortSignal.timeout(10_000) }, () => res);\n}",
            },
          ],
        },
      ],
    },
    {
      // Universal code that tests for a browser still runs on the server.
      code: "const inBrowser = typeof window !== 'undefined';\nexport async function handler(req, res) {\n  res.json(await (await fetch('https://api.example.com')).json());\n}",
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
              output:
                "const inBrowser = typeof window !== 'undefined';\nexport async function handler(req, res) {\n  res.json(await (await fetch('https://api.example.com', { signal: AbortSignal.timeout(10_000) })).json());\n}",
            },
          ],
        },
      ],
    },
  ],
});
