export type { ApiEntry, Category, SyncApiEntry, Usage } from './types.js';
export { SYNC_IO_APIS } from './node-sync.js';
export {
  DATA_ACCESS_APIS,
  DATA_ACCESS_SHAPES,
  DATA_ADAPTERS,
  dataAdapter,
  SHAPES_BY_NAME,
  CONNECTION_METHODS,
  PACKAGE_TYPE_SHAPES,
  DATALOADER_APIS,
  type BatchPlan,
  type BatchSite,
  type DataAccessEntry,
  type DataAdapter,
  type DataAccessKind,
  type DataAccessLibrary,
  type DataAccessOperation,
  type ValueShape,
} from './data-access.js';
export { CPU_BOUND_APIS, type CpuApiEntry } from './cpu.js';
export {
  STREAM_COMPLETION_APIS,
  STREAM_SOURCES,
  WHOLE_FILE_READS,
  type StreamApiEntry,
  type WholeFileReadEntry,
} from './streams.js';
export { NODE_BUILTINS, withNodePrefix } from './modules.js';
export { ASYNC_APIS, ASYNC_COLLECTION_APIS, type AsyncCollectionEntry } from './async.js';
export { LODASH_ITERATEE_APIS, LODASH_SEARCH_APIS, type LodashCollectionEntry } from './lodash.js';
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
export {
  REDIS_CLIENTS,
  REDIS_METHODS,
  REDIS_SET_EXPIRY_OPTIONS,
  type RedisClientEntry,
  type RedisClientKind,
  type RedisMethod,
  type RedisMethodRole,
} from './redis.js';
export { CLUSTER_APIS, GC_APIS, INTERVAL_APIS, LISTENER_METHODS, PROCESS_LISTENER_APIS } from './process.js';
export { COLLECTION_CONSTRUCTORS, LONG_LIVED_EMITTERS, MODULE_RESOLVERS } from './memory.js';
