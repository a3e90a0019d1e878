import type { ApiEntry } from './types.js';

/**
 * What an outbound HTTP API is:
 * - `agent`: an `http.Agent`/`https.Agent` constructor (a socket pool);
 * - `node-request`: `http(s).request`/`get`, options `agent` and `timeout`;
 * - `axios-call`: a request through axios' default instance; `axios-create`: `axios.create(config)`;
 * - `got-call`: a request through got; `got-extend`: `got.extend(options)`;
 * - `fetch`: WHATWG fetch (global, undici, node-fetch); `undici-request`: `undici.request`;
 * - `undici-dispatcher`: `new Client`/`Pool`/`BalancedPool`/`Agent` of undici (a connection pool with defaults);
 * - `request-call`: a request through the `request` package; `request-defaults`: `request.defaults(options)`;
 * - `superagent-call`: a request through superagent, configured by methods of the returned request
 *   (`.timeout(ms)`, `.agent(agent)`); `superagent-agent`: `superagent.agent()`, whose methods set defaults;
 * - `needle-call`: a request through needle; `needle-defaults`: `needle.defaults(options)`, which sets the options of
 *   every later needle request of the process.
 */
export type HttpApiKind =
  | 'agent'
  | 'node-request'
  | 'axios-call'
  | 'axios-create'
  | 'got-call'
  | 'got-extend'
  | 'fetch'
  | 'undici-request'
  | 'undici-dispatcher'
  | 'request-call'
  | 'request-defaults'
  | 'superagent-call'
  | 'superagent-agent'
  | 'needle-call'
  | 'needle-defaults';

export interface HttpApiEntry extends ApiEntry {
  readonly category: 'http';
  readonly kind: HttpApiKind;
  /** The library, as users know it (`axios`, `got`, `node-fetch`, `http`). */
  readonly library: string;
  /**
   * Where the options (or config) object is among the arguments: a fixed index, or `url-or-options` for
   * `(url?, options?, callback?)` signatures where a leading object is the options; `null` for APIs configured by
   * methods of what they return (superagent's `.timeout()`, `.agent()`).
   */
  readonly optionsArgument: number | 'url-or-options' | null;
  /** For `http`/`https` APIs: the protocol, which selects the shared agent. */
  readonly protocol?: 'http' | 'https';
}

function entry(
  id: string,
  kind: HttpApiKind,
  library: string,
  modules: readonly string[],
  path: readonly string[],
  usage: 'call' | 'construct',
  optionsArgument: HttpApiEntry['optionsArgument'],
  extra: { protocol?: 'http' | 'https'; globalPath?: readonly string[] } = {},
): HttpApiEntry {
  return {
    id,
    kind,
    library,
    modules,
    path,
    usage,
    optionsArgument,
    category: 'http',
    tags: ['http', `http-${kind}`],
    ...extra,
  };
}

/** axios methods without a request body: `(url, config)`. */
export const AXIOS_URL_METHODS = ['get', 'delete', 'head', 'options', 'getUri'] as const;
/** axios methods with a request body: `(url, data, config)`. */
export const AXIOS_DATA_METHODS = ['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'] as const;
/** got's shortcut methods: `(url, options)`. */
export const GOT_METHODS = ['get', 'post', 'put', 'patch', 'head', 'delete', 'stream', 'paginate'] as const;
/** got's `paginate` helpers: `got.paginate.all(url, options)`, `got.paginate.each(url, options)`. */
export const GOT_PAGINATE_METHODS = ['all', 'each'] as const;
/** The `request` package's shortcut methods, on the module and on `request.defaults()` instances: `(url, options)`. */
export const REQUEST_METHODS = ['get', 'head', 'options', 'post', 'put', 'patch', 'del', 'delete'] as const;
/** Modules with the `request` package's API (request-promise wraps it with the same signatures and options). */
export const REQUEST_MODULES = ['request', 'request-promise', 'request-promise-native'] as const;
/** superagent's request methods, on the module and on `superagent.agent()` instances: `(url, data?, callback?)`. */
export const SUPERAGENT_METHODS = ['get', 'head', 'options', 'post', 'put', 'patch', 'del', 'delete'] as const;
/** Methods of a superagent request that return the request, so that settings can follow in a chain. */
export const SUPERAGENT_REQUEST_CHAIN = [
  'set',
  'unset',
  'query',
  'send',
  'type',
  'accept',
  'auth',
  'retry',
  'ok',
  'redirects',
  'timeout',
  'agent',
  'buffer',
  'serialize',
  'parse',
  'ca',
  'key',
  'cert',
  'pfx',
  'disableTLSCerts',
  'trustLocalhost',
  'withCredentials',
  'sortQuery',
  'use',
  'on',
  'once',
  'field',
  'attach',
  'lookup',
  'http2',
  'connect',
  'responseType',
  'maxResponseSize',
] as const;
/** Methods of `superagent.agent()` that record a default for its requests and return the agent. */
export const SUPERAGENT_AGENT_CHAIN = [
  'use',
  'on',
  'once',
  'set',
  'query',
  'type',
  'accept',
  'auth',
  'withCredentials',
  'sortQuery',
  'retry',
  'ok',
  'redirects',
  'timeout',
  'buffer',
  'serialize',
  'parse',
  'ca',
  'key',
  'pfx',
  'cert',
  'disableTLSCerts',
] as const;
/** needle's methods without a request body: `(url, options?, callback?)`. */
export const NEEDLE_URL_METHODS = ['get', 'head'] as const;
/** needle's methods with a request body: `(url, data, options?, callback?)`. */
export const NEEDLE_DATA_METHODS = ['post', 'put', 'patch', 'delete'] as const;
/** Request methods of undici's dispatchers (`pool.request(options)`): the options come first. */
export const UNDICI_DISPATCHER_METHODS = ['request', 'stream', 'pipeline'] as const;

/** Where the config object is in a call of an axios instance method; `null` for anything that is not a request. */
export function axiosConfigArgument(method: string | null): number | null {
  if (method === null || method === 'request') return 0;
  if ((AXIOS_URL_METHODS as readonly string[]).includes(method)) return 1;
  if ((AXIOS_DATA_METHODS as readonly string[]).includes(method)) return 2;
  return null;
}

const NODE_HTTP: ReadonlyArray<readonly [module: 'http' | 'https', name: 'request' | 'get']> = [
  ['http', 'request'],
  ['http', 'get'],
  ['https', 'request'],
  ['https', 'get'],
];

/**
 * Outbound HTTP APIs: agents, request functions and client instances. A default import (`import axios from 'axios'`)
 * stands for the module object itself (the tracker's legacy mode), so there are no separate `default` paths: they
 * would hide the module's other exports from default imports.
 */
export const HTTP_APIS: readonly HttpApiEntry[] = [
  entry('http.Agent', 'agent', 'http', ['http'], ['Agent'], 'construct', 0, { protocol: 'http' }),
  entry('https.Agent', 'agent', 'https', ['https'], ['Agent'], 'construct', 0, { protocol: 'https' }),
  ...NODE_HTTP.map(([module, name]) =>
    entry(`${module}.${name}`, 'node-request', module, [module], [name], 'call', 'url-or-options', {
      protocol: module,
    }),
  ),
  entry('axios', 'axios-call', 'axios', ['axios'], [], 'call', 'url-or-options'),
  entry('axios.request', 'axios-call', 'axios', ['axios'], ['request'], 'call', 0),
  ...AXIOS_URL_METHODS.filter((m) => m !== 'getUri').map((method) =>
    entry(`axios.${method}`, 'axios-call', 'axios', ['axios'], [method], 'call', 1),
  ),
  ...AXIOS_DATA_METHODS.map((method) =>
    entry(`axios.${method}`, 'axios-call', 'axios', ['axios'], [method], 'call', 2),
  ),
  entry('axios.create', 'axios-create', 'axios', ['axios'], ['create'], 'call', 0),
  entry('got', 'got-call', 'got', ['got'], [], 'call', 'url-or-options'),
  entry('got', 'got-call', 'got', ['got'], ['got'], 'call', 'url-or-options'),
  ...GOT_METHODS.map((method) =>
    entry(`got.${method}`, 'got-call', 'got', ['got'], [method], 'call', 'url-or-options'),
  ),
  ...GOT_PAGINATE_METHODS.map((method) =>
    entry(`got.paginate.${method}`, 'got-call', 'got', ['got'], ['paginate', method], 'call', 'url-or-options'),
  ),
  entry('got.extend', 'got-extend', 'got', ['got'], ['extend'], 'call', 0),
  entry('node-fetch', 'fetch', 'node-fetch', ['node-fetch'], [], 'call', 1),
  entry('undici.fetch', 'fetch', 'undici', ['undici'], ['fetch'], 'call', 1),
  entry('undici.request', 'undici-request', 'undici', ['undici'], ['request'], 'call', 1),
  ...(
    [
      ['Client', 1],
      ['Pool', 1],
      ['BalancedPool', 1],
      ['Agent', 0],
    ] as const
  ).map(([name, options]) =>
    entry(`undici.${name}`, 'undici-dispatcher', 'undici', ['undici'], [name], 'construct', options),
  ),
  entry('fetch', 'fetch', 'fetch', [], [], 'call', 1, { globalPath: ['fetch'] }),
  entry('request', 'request-call', 'request', REQUEST_MODULES, [], 'call', 'url-or-options'),
  ...REQUEST_METHODS.map((method) =>
    entry(`request.${method}`, 'request-call', 'request', REQUEST_MODULES, [method], 'call', 'url-or-options'),
  ),
  entry('request.defaults', 'request-defaults', 'request', REQUEST_MODULES, ['defaults'], 'call', 0),
  entry('superagent', 'superagent-call', 'superagent', ['superagent'], [], 'call', null),
  ...SUPERAGENT_METHODS.map((method) =>
    entry(`superagent.${method}`, 'superagent-call', 'superagent', ['superagent'], [method], 'call', null),
  ),
  entry('superagent.agent', 'superagent-agent', 'superagent', ['superagent'], ['agent'], 'call', null),
  entry('superagent.agent', 'superagent-agent', 'superagent', ['superagent'], ['agent'], 'construct', null),
  // `needle(method, url, data, options)` (the promise form) and `needle.request(method, url, data, options, cb)`.
  entry('needle', 'needle-call', 'needle', ['needle'], [], 'call', 3),
  entry('needle.request', 'needle-call', 'needle', ['needle'], ['request'], 'call', 3),
  ...NEEDLE_URL_METHODS.map((method) =>
    entry(`needle.${method}`, 'needle-call', 'needle', ['needle'], [method], 'call', 1),
  ),
  ...NEEDLE_DATA_METHODS.map((method) =>
    entry(`needle.${method}`, 'needle-call', 'needle', ['needle'], [method], 'call', 2),
  ),
  entry('needle.defaults', 'needle-defaults', 'needle', ['needle'], ['defaults'], 'call', 0),
];

/**
 * Reads of `axios.defaults`, to see whether a file configures the default instance (`axios.defaults.timeout = …`).
 */
export const AXIOS_DEFAULTS_APIS: readonly ApiEntry[] = [
  {
    id: 'axios.defaults',
    modules: ['axios'],
    path: ['defaults'],
    usage: 'read',
    category: 'http',
    tags: ['axios-defaults'],
  },
];
