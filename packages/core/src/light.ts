/**
 * The entry `@backend-perf/core/light`: what a command line needs before it lints or migrates anything (which files
 * are the project's own code, how Node reads them, "did you mean" hints), without the catalogue, the request-path
 * model or any parser. `backend-perf migrate`'s main thread and `--help` load only this.
 */
export {
  DEFAULT_IGNORE_PATTERNS,
  DEFAULT_IGNORED_DIRECTORIES,
  DEFAULT_IGNORED_FILES,
  defaultIgnoreReason,
  isCommonJsFile,
  isMinifiedFile,
  isMinifiedText,
} from './source/ignores.js';
export { clearPackageTypeCache, moduleSyntaxOf, packageTypeOf, sourceTypeOf } from './source/module-type.js';
export { closest, didYouMean, editDistance } from './suggest.js';
