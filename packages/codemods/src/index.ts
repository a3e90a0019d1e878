import { codemodModules } from './registry.generated.js';
import type { CodemodMeta, CodemodModule, RefactorModule } from './types.js';

export type {
  CodemodMeta,
  CodemodModule,
  CodemodOptionSpec,
  CodemodRunOptions,
  DependencyRequest,
  RefactorChange,
  RefactorInput,
  RefactorModule,
  RefactorResult,
  Transform,
} from './types.js';
export {
  CodemodParseError,
  codemodRules,
  codemodSites,
  detectCodemodSites,
  findRuleSites,
  markerText,
  runRuleCodemod,
  type RuleCodemodInput,
  type RuleCodemodResult,
  type RuleSite,
  type SiteDetectionInput,
  type SkippedSite,
} from './engine/rule-codemod.js';
export { withDependency } from './engine/package-json.js';
export { numberOption, numberOptionProblem } from './engine/options.js';
export { jscodeshiftFor } from './engine/jscodeshift.js';
export {
  isSourceFile,
  jscodeshiftParser,
  languageOptionsFor,
  MAX_NESTING,
  moduleSyntaxOf,
  nestingProblem,
  outputProblem,
  readerOf,
  SOURCE_EXTENSIONS,
  sourceParser,
  sourceTypeOf,
  type ParseProblem,
  type SourceReader,
} from './engine/language.js';

/** Every codemod, by name. */
export const codemodsByName: Readonly<Record<string, CodemodModule>> = codemodModules;

/** The codemods that edit several files at once (`runRefactor`), by name. */
export const refactorsByName: Readonly<Record<string, RefactorModule>> = Object.fromEntries(
  Object.entries(codemodModules).filter(
    (entry): entry is [string, RefactorModule] => typeof entry[1].runRefactor === 'function',
  ),
);

/** Every codemod's metadata, sorted by name. */
export const codemods: readonly CodemodMeta[] = Object.values(codemodModules)
  .map((module) => module.meta)
  .sort((a, b) => a.name.localeCompare(b.name));
