export type { ApiEntry, Category, SyncApiEntry, Usage } from './types.js';
export { SYNC_IO_APIS } from './node-sync.js';
export {
  DATA_ACCESS_APIS,
  DATA_ACCESS_SHAPES,
  DATALOADER_APIS,
  type DataAccessEntry,
  type DataAccessKind,
  type DataAccessLibrary,
  type DataAccessOperation,
  type ValueShape,
} from './data-access.js';
export { NODE_BUILTINS, withNodePrefix } from './modules.js';
export { ASYNC_APIS } from './async.js';
