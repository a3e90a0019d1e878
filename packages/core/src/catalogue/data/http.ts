import { factory, operationEntry, REQUEST } from './shared.js';
import type { DataAccessEntry, DataAdapter, ValueShape } from './types.js';

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'request'] as const;
const HTTP_CLIENT: ValueShape = {
  name: 'http-client',
  callable: REQUEST,
  methods: Object.fromEntries(HTTP_METHODS.map((m) => [m, REQUEST])),
};
const AXIOS: ValueShape = { ...HTTP_CLIENT, name: 'axios', returns: { create: HTTP_CLIENT } };
const GOT: ValueShape = { ...HTTP_CLIENT, name: 'got', returns: { extend: HTTP_CLIENT } };

/**
 * A client module that is callable (`axios(config)`), has request methods (`axios.get`) and factories (`axios.create`).
 */
function httpModuleEntries(module: string, shape: ValueShape): DataAccessEntry[] {
  return [
    operationEntry(module, [module], [], 'http', REQUEST),
    ...Object.keys(shape.methods ?? {}).map((method) =>
      operationEntry(`${module}.${method}`, [module], [method], 'http', REQUEST),
    ),
    ...Object.entries(shape.returns ?? {}).map(([method, creates]) =>
      factory(`${module}.${method}`, [module], [method], 'http', creates),
    ),
  ];
}

/** HTTP clients (axios, got, node-fetch, undici, the global `fetch`): requests whose arguments come from the item. */
export const http: DataAdapter = {
  library: 'http',
  target: 'the remote service',
  entries: [
    ...httpModuleEntries('axios', AXIOS),
    ...httpModuleEntries('got', GOT),
    operationEntry('node-fetch', ['node-fetch'], [], 'http', REQUEST),
    operationEntry('undici.fetch', ['undici'], ['fetch'], 'http', REQUEST),
    operationEntry('undici.request', ['undici'], ['request'], 'http', REQUEST),
  ],
  settingShapes: [HTTP_CLIENT],
};
