export * from './catalogue/index.js';
export * from './ast.js';
export { eolOf, indentAt, indentUnitOf, nodeModuleName, quotedCode, usesNodePrefix, wholeLines } from './text.js';
export { findApiUses, entriesWithTag, type ApiUse } from './tracker.js';
export {
  analysisOf,
  getRequestPathModel,
  graphOf,
  isTestFile,
  type ExecutionContext,
  type FunctionContext,
  type Handler,
  type HandlerKind,
  type ModelInput,
  type RequestPathModel,
} from './request-path/model.js';
export { analyzeFile, hasHandlerSignature, type FileAnalysis } from './request-path/analyze.js';
export {
  ProjectGraph,
  type GraphContext,
  type GraphFile,
  type GraphHandler,
  type RequestData,
} from './request-path/graph.js';
export type * from './request-path/summary.js';
export {
  clearProjects,
  Project,
  projectFingerprint,
  projectFor,
  projectRootOf,
  type ProjectOptions,
} from './project/project.js';
export { summarizeText } from './project/summarize.js';
export { ModuleResolver } from './project/resolve.js';
export { ProjectFileList, projectFiles } from './project/files.js';
export {
  findTypescriptSetupProblem,
  languageOptionsFor,
  MAX_NESTING,
  moduleSyntaxOf,
  nestingProblem,
  outputProblem,
  readerOf,
  sourceParser,
  sourceTypeOf,
  typescriptSetupProblem,
  type ParseProblem,
  type SourceReader,
} from './source/parser.js';
export { clearPackageTypeCache, packageTypeOf } from './source/module-type.js';
export {
  DEFAULT_IGNORE_PATTERNS,
  DEFAULT_IGNORED_DIRECTORIES,
  DEFAULT_IGNORED_FILES,
  defaultIgnoreReason,
  isCommonJsFile,
  isMinifiedFile,
  isMinifiedText,
} from './source/ignores.js';
export {
  DATA_ACCESS_SHAPE_NAMES,
  DEFAULT_STARTUP_FILES,
  DEFAULT_TEST_FILES,
  readSettings,
  type BackendPerfSettings,
  type DataAccessSetting,
  type HandlerRegistrationSetting,
  type HeavyFunctionSetting,
  type RedisClientSetting,
} from './request-path/settings.js';
export * from './request-path/frameworks/index.js';
export {
  dependsOnWrites,
  derivedVariables,
  isDeclaredIn,
  moduleScopes,
  readOnlyLiteral,
  readVariables,
  referencesWithin,
  returnedExpression,
  rootIdentifier,
  variableOf,
  walk,
  writtenVariables,
  type Variable,
} from './analysis/bindings.js';
export {
  CONCURRENCY_MAPPERS,
  isAsyncInNameOnly,
  isGlobalReference,
  isLimitedCall,
  limitsConcurrency,
  isSleep,
  localFunction,
  promiseStaticMethod,
} from './analysis/async.js';
export {
  detectDataAccessCalls,
  choosersAlong,
  tableChoosers,
  type DataAccessCall,
  type DataAccessInput,
  type DataAccessSeed,
  type LookupKey,
} from './detectors/data-access.js';
export { findDataAccessCalls, findProjectSearches, type ProjectSearch } from './detectors/project-data.js';
export {
  dependsOnIteration,
  enclosingIterations,
  EVERY_ITEM_METHODS,
  isInIteration,
  isChunkedIteration,
  isLibraryIteratee,
  describeCallback,
  isSmallLiteralArray,
  literalListLength,
  iterationParts,
  visibleListBound,
  visibleLoopBound,
  visibleMinimum,
  iterationCallOf,
  PER_ITEM_METHODS,
  SMALL_LITERAL_ARRAY,
  type Iteration,
} from './detectors/iteration.js';
export { compiledAwaitRuns, isCompiledAsyncBody, type CompiledAwait } from './detectors/compiled-loops.js';
export { clearNodeTargetCache, getNodeTarget, type NodeTarget, type NodeTargetInput } from './node-target.js';
export { clearPackageVersionCache, getPackageVersion, type PackageVersion } from './package-version.js';
export {
  booleanValue,
  constInitializer,
  findOption,
  helperOptions,
  optionsArgument,
  type OptionPresence,
  type OptionsObject,
} from './detectors/options.js';
export {
  axiosDefaultsAssigned,
  chainedCalls,
  findHttpSites,
  httpSiteApi,
  superagentSettings,
  type HttpSite,
  type HttpSiteKind,
} from './detectors/http-clients.js';
export { isBrowserModule } from './detectors/browser.js';
export { browserOnlyFolders, clearBrowserBuildCache, isBrowserBuildFile } from './source/browser-build.js';
export { isMemoised } from './detectors/memoised.js';
export { isConnectionProbe, isProbeName } from './detectors/probes.js';
export { findHeavyFunctionCalls, isHeavyFunctionModule, type HeavyFunctionCall } from './detectors/heavy-functions.js';
export {
  handlerParams,
  isPipeCall,
  listenerEvent,
  refersToParam,
  StreamProvenance,
  type HandlerParams,
  type StreamOrigin,
} from './detectors/streams.js';
export {
  findInstanceReferences,
  declaredVariable,
  followInstances,
  instanceLookup,
  instanceReceivers,
  storedVariable,
  thisClass,
  thisMembersByName,
  valueNode,
  type FollowOptions,
  type InstanceOptions,
  type InstanceOrigin,
  type InstanceReference,
} from './instances.js';
export { findRedisCommands, type RedisCommandCall } from './detectors/redis.js';
export { keyMatch, listSearchOf, type KeyMatch, type ListSearch } from './detectors/searches.js';
export { closest, didYouMean, editDistance } from './suggest.js';
