export * from './catalogue/index.js';
export * from './ast.js';
export { findApiUses, entriesWithTag, type ApiUse } from './tracker.js';
export {
  getRequestPathModel,
  type ExecutionContext,
  type FunctionContext,
  type Handler,
  type HandlerKind,
  type ModelInput,
  type RequestPathModel,
} from './request-path/model.js';
export {
  DEFAULT_STARTUP_FILES,
  readSettings,
  type BackendPerfSettings,
  type HandlerRegistrationSetting,
  type HeavyFunctionSetting,
} from './request-path/settings.js';
export * from './request-path/frameworks.js';
export { findHeavyFunctionCalls, isHeavyFunctionModule, type HeavyFunctionCall } from './detectors/heavy-functions.js';
export {
  handlerParams,
  isPipeCall,
  listenerEvent,
  refersToParam,
  StreamProvenance,
  variableOf,
  type HandlerParams,
  type StreamOrigin,
} from './detectors/streams.js';
