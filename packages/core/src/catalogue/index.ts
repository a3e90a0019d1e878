export type { ApiEntry, Category, SyncApiEntry, Usage } from './types.js';
export { SYNC_IO_APIS } from './node-sync.js';
export { CPU_BOUND_APIS, type CpuApiEntry } from './cpu.js';
export {
  STREAM_COMPLETION_APIS,
  STREAM_SOURCES,
  WHOLE_FILE_READS,
  type StreamApiEntry,
  type WholeFileReadEntry,
} from './streams.js';
export { NODE_BUILTINS, withNodePrefix } from './modules.js';
