import { codemodModules, refactorModules } from './registry.generated.js';
import type { CodemodMeta, CodemodModule, RefactorModule } from './types.js';

export type {
  CodemodMeta,
  CodemodModule,
  CodemodOptionSpec,
  CodemodRunOptions,
  RefactorChange,
  RefactorInput,
  RefactorModule,
  RefactorResult,
  Transform,
} from './types.js';
export {
  CodemodParseError,
  findRuleSites,
  markerText,
  runRuleCodemod,
  type RuleCodemodInput,
  type RuleCodemodResult,
  type RuleSite,
  type SkippedSite,
} from './engine/rule-codemod.js';
export { isSourceFile, jscodeshiftParser, languageOptionsFor, SOURCE_EXTENSIONS, sourceTypeOf } from './engine/language.js';

/** Every single-file codemod (jscodeshift transform), by name. */
export const codemodsByName: Readonly<Record<string, CodemodModule>> = codemodModules;

/** Every multi-file codemod (ts-morph refactor with `runRefactor`), by name. */
export const refactorsByName: Readonly<Record<string, RefactorModule>> = refactorModules;

/** Every codemod's metadata (transforms and refactors), sorted by name. */
export const codemods: readonly CodemodMeta[] = [...Object.values(codemodModules), ...Object.values(refactorModules)]
  .map((module) => module.meta)
  .sort((a, b) => a.name.localeCompare(b.name));
