export type { ApiEntry, Category, SyncApiEntry, Usage } from './types.js';
export { SYNC_IO_APIS } from './node-sync.js';
export { NODE_BUILTINS, withNodePrefix } from './modules.js';
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
export { COLLECTION_CONSTRUCTORS, LONG_LIVED_EMITTERS } from './memory.js';
