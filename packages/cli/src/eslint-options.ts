import { languageOptionsFor, SOURCE_EXTENSIONS, sourceTypeOf } from '@backend-perf/codemods';
import tsParser from '@typescript-eslint/parser';
import type { ESLint, Linter } from 'eslint';
import plugin from 'eslint-plugin-backend-perf';

/** The plugin configs `check --config` selects from. */
export const PLUGIN_CONFIGS = ['recommended', 'strict', 'all'] as const;
export type PluginConfigName = (typeof PLUGIN_CONFIGS)[number];

/**
 * What `check` asks of ESLint, as plain data: the options are rebuilt from it in every ESLint worker thread when
 * `--concurrency` is on (ESLint options with plugins and parsers cannot be cloned to workers).
 */
export interface ESLintOptionsSpec {
  readonly cwd: string;
  /** Use the user's `eslint.config.*` when one is found; otherwise (or when none exists) the plugin alone. */
  readonly useUserConfig: boolean;
  readonly pluginConfig: PluginConfigName;
  readonly concurrency?: number | 'auto' | 'off';
  readonly cache?: boolean;
  readonly cacheLocation?: string;
}

/** Build output and dependencies that `check` never lints (ESLint itself ignores `node_modules` and `.git`). */
export const IGNORE_PATTERNS: readonly string[] = [
  '**/node_modules/',
  '**/dist/',
  '**/build/',
  '**/coverage/',
  '**/.next/',
  '**/.nuxt/',
  '**/.turbo/',
  '**/.cache/',
];

/** Extensions whose module system comes from the file's own syntax (`import`/`export` or not). */
const SYNTAX_DEPENDENT = new Set(['.js', '.jsx', '.ts', '.tsx']);

/**
 * Flat config cannot choose `sourceType` by content, so for `.js`, `.jsx`, `.ts` and `.tsx` this parser asks
 * `sourceTypeOf`, the codemods' own decision: `check` and `migrate` read every file the same way.
 */
const syntaxSensitiveParser = {
  meta: { name: 'backend-perf/source-type-aware-parser', version: plugin.meta.version },
  parseForESLint(text: string, options?: Record<string, unknown>) {
    const filePath = typeof options?.filePath === 'string' ? options.filePath : 'file.js';
    return tsParser.parseForESLint(text, {
      ...options,
      sourceType: sourceTypeOf(filePath, text),
    } as Parameters<typeof tsParser.parseForESLint>[1]);
  },
} as unknown as Linter.Parser;

/** Config objects that make every supported extension lint with `@typescript-eslint/parser`, as the codemods parse. */
export function baseConfig(): Linter.Config[] {
  const perExtension = SOURCE_EXTENSIONS.map((extension): Linter.Config => {
    const languageOptions = languageOptionsFor(`file${extension}`, '');
    if (SYNTAX_DEPENDENT.has(extension)) {
      const { sourceType: _decidedPerFile, ...rest } = languageOptions;
      return {
        name: `backend-perf/cli/${extension.slice(1)}`,
        files: [`**/*${extension}`],
        languageOptions: { ...rest, parser: syntaxSensitiveParser },
      };
    }
    return { name: `backend-perf/cli/${extension.slice(1)}`, files: [`**/*${extension}`], languageOptions };
  });
  return [{ name: 'backend-perf/cli/ignores', ignores: [...IGNORE_PATTERNS] }, ...perExtension];
}

/** The ESLint options for a spec; the default export of the options module ESLint workers load. */
export function buildESLintOptions(spec: ESLintOptionsSpec): ESLint.Options {
  return {
    cwd: spec.cwd,
    ...(spec.useUserConfig ? {} : { overrideConfigFile: true }),
    overrideConfig: [...baseConfig(), plugin.configs[spec.pluginConfig] as Linter.Config],
    errorOnUnmatchedPattern: true,
    ...(spec.concurrency !== undefined ? { concurrency: spec.concurrency } : {}),
    ...(spec.cache ? { cache: true } : {}),
    ...(spec.cacheLocation !== undefined ? { cacheLocation: spec.cacheLocation } : {}),
  };
}
