export type { ApiEntry, Category, SyncApiEntry, Usage } from './types.js';
export { SYNC_IO_APIS } from './node-sync.js';
export { NODE_BUILTINS, withNodePrefix } from './modules.js';
export {
  CLIENT_APIS,
  POOL_CHECKOUT_METHODS,
  POOL_OWNER_APIS,
  type ClientApiEntry,
  type ClientKind,
  type PoolOwnerEntry,
} from './clients.js';
export {
  AXIOS_DATA_METHODS,
  AXIOS_DEFAULTS_APIS,
  AXIOS_URL_METHODS,
  axiosConfigArgument,
  GOT_METHODS,
  HTTP_APIS,
  type HttpApiEntry,
  type HttpApiKind,
} from './http.js';
