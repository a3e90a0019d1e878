export type { ApiEntry, Category, SyncApiEntry, Usage } from './types.js';
export { SYNC_IO_APIS } from './node-sync.js';
export { NODE_BUILTINS, withNodePrefix } from './modules.js';
export { ASYNC_APIS } from './async.js';
