export * from './catalogue/index.js';
export * from './ast.js';
export { findApiUses, entriesWithTag, type ApiUse } from './tracker.js';
export {
  getRequestPathModel,
  isTestFile,
  type ExecutionContext,
  type FunctionContext,
  type Handler,
  type HandlerKind,
  type ModelInput,
  type RequestPathModel,
} from './request-path/model.js';
export {
  DEFAULT_STARTUP_FILES,
  DEFAULT_TEST_FILES,
  readSettings,
  type BackendPerfSettings,
  type HandlerRegistrationSetting,
  type RedisClientSetting,
} from './request-path/settings.js';
export * from './request-path/frameworks.js';
export { findInstanceReferences, instanceLookup, type InstanceOptions, type InstanceReference } from './instances.js';
export { findRedisCommands, type RedisCommandCall } from './detectors/redis.js';
