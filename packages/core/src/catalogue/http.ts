import type { ApiEntry } from './types.js';

/**
 * What an outbound HTTP API is:
 * - `agent`: an `http.Agent`/`https.Agent` constructor (a socket pool);
 * - `node-request`: `http(s).request`/`get`, options `agent` and `timeout`;
 * - `axios-call`: a request through axios' default instance; `axios-create`: `axios.create(config)`;
 * - `got-call`: a request through got; `got-extend`: `got.extend(options)`;
 * - `fetch`: WHATWG fetch (global, undici, node-fetch); `undici-request`: `undici.request`.
 */
export type HttpApiKind =
  'agent' | 'node-request' | 'axios-call' | 'axios-create' | 'got-call' | 'got-extend' | 'fetch' | 'undici-request';

export interface HttpApiEntry extends ApiEntry {
  readonly category: 'http';
  readonly kind: HttpApiKind;
  /** The library, as users know it (`axios`, `got`, `node-fetch`, `http`). */
  readonly library: string;
  /**
   * Where the options (or config) object is among the arguments: a fixed index, or `url-or-options` for
   * `(url?, options?, callback?)` signatures where a leading object is the options.
   */
  readonly optionsArgument: number | 'url-or-options';
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
  entry('got.extend', 'got-extend', 'got', ['got'], ['extend'], 'call', 0),
  entry('node-fetch', 'fetch', 'node-fetch', ['node-fetch'], [], 'call', 1),
  entry('undici.fetch', 'fetch', 'undici', ['undici'], ['fetch'], 'call', 1),
  entry('undici.request', 'undici-request', 'undici', ['undici'], ['request'], 'call', 1),
  entry('fetch', 'fetch', 'fetch', [], [], 'call', 1, { globalPath: ['fetch'] }),
];

/** Reads of `axios.defaults`, to see whether a file configures the default instance (`axios.defaults.timeout = …`). */
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
