/**
 * The entry `@backend-perf/codemods/runner`: what a runner needs before it migrates anything, without loading ESLint,
 * the plugin, the parsers or jscodeshift. A runner whose worker threads do the migrating starts them sooner, and
 * `backend-perf list` and `--help` answer at once. The codemods themselves are in the package's root entry.
 */
export { codemodMetas as codemods, multiFileCodemodNames } from './meta.generated.js';
export { isSourceFile, SOURCE_EXTENSIONS } from './engine/extensions.js';
export { withDependency } from './engine/package-json.js';
export { numberOption, numberOptionProblem } from './engine/options.js';
export type { CodemodMeta, CodemodOptionSpec, DependencyRequest, RefactorResult } from './types.js';
