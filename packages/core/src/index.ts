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
} from './request-path/settings.js';
export * from './request-path/frameworks.js';
export { clearNodeTargetCache, getNodeTarget, type NodeTarget, type NodeTargetInput } from './node-target.js';
export {
  booleanValue,
  constInitializer,
  findOption,
  optionsArgument,
  type OptionPresence,
  type OptionsObject,
} from './detectors/options.js';
export { instanceReceivers, storedVariable, valueNode } from './detectors/instances.js';
export { axiosDefaultsAssigned, findHttpSites, type HttpSite, type HttpSiteKind } from './detectors/http-clients.js';
export { isMemoised } from './detectors/memoised.js';
