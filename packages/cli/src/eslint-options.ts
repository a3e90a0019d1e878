import { languageOptionsFor, SOURCE_EXTENSIONS } from '@backend-perf/codemods';
import type { ESLint, Linter } from 'eslint';
import plugin from 'eslint-plugin-backend-perf';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IGNORED_DIRECTORIES } from './files.js';
import type { PluginConfigName } from './plugin-configs.js';

export { PLUGIN_CONFIGS, type PluginConfigName } from './plugin-configs.js';

/**
 * What `check` asks of ESLint, as plain data: the options are rebuilt from it in every ESLint worker thread when
 * `--concurrency` is on (ESLint options with plugins and parsers cannot be cloned to workers).
 */
export interface ESLintOptionsSpec {
  readonly cwd: string;
  /** The user's `eslint.config.*` (absolute path), layered over the plugin config; absent: the plugin alone. */
  readonly userConfigFile?: string;
  readonly pluginConfig: PluginConfigName;
  readonly concurrency?: number | 'auto' | 'off';
  readonly cache?: boolean;
  readonly cacheLocation?: string;
}

/**
 * What `check` never lints, the same as what `migrate` never migrates: dependency, version-control and build
 * folders at any depth (`IGNORED_DIRECTORIES`), and type declaration files, which hold no code that runs.
 */
export const IGNORE_PATTERNS: readonly string[] = [
  ...IGNORED_DIRECTORIES.map((folder) => `**/${folder}/`),
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
];

/** Extensions whose module system comes from the file's own syntax (`import`/`export` or not). */
const SYNTAX_DEPENDENT = new Set(['.js', '.jsx', '.ts', '.tsx']);

/**
 * Config objects that make every supported extension lint with the codemods' own parser (`sourceParser`: espree for
 * JavaScript, `@typescript-eslint/parser` for TypeScript, the module system from each file's syntax), so `check` and
 * `migrate` read every file the same way. A flat config cannot choose `sourceType` by content: for `.js`, `.jsx`,
 * `.ts` and `.tsx` the parser does.
 */
export function baseConfig(): Linter.Config[] {
  const perExtension = SOURCE_EXTENSIONS.map((extension): Linter.Config => {
    const { sourceType, ...rest } = languageOptionsFor(`file${extension}`, '');
    // `.cjs`, `.mjs`, `.cts` and `.mts` say their module system; for the others the parser decides per file.
    const languageOptions = SYNTAX_DEPENDENT.has(extension) ? rest : { ...rest, sourceType };
    return { name: `backend-perf/cli/${extension.slice(1)}`, files: [`**/*${extension}`], languageOptions };
  });
  return [{ name: 'backend-perf/cli/ignores', ignores: [...IGNORE_PATTERNS] }, ...perExtension];
}

type ConfigObject = Linter.Config & { basePath?: string };

/**
 * Loads the user's flat config as ESLint would (a config array, object, or a promise of either, possibly nested) and
 * anchors every object to the config file's folder with `basePath`, so its `files` and `ignores` patterns keep their
 * meaning when the objects are passed as `overrideConfig`. Returns `undefined` when the file cannot be imported
 * directly (for example an `eslint.config.ts` on a Node version without type stripping).
 */
export async function loadUserConfig(configFile: string): Promise<ConfigObject[] | undefined> {
  let exported: unknown;
  try {
    exported = ((await import(pathToFileURL(configFile).href)) as { default?: unknown }).default;
  } catch {
    return undefined;
  }
  const resolved: unknown = await exported;
  const objects = (Array.isArray(resolved) ? resolved.flat(Infinity) : [resolved]) as unknown[];
  if (!objects.every((object) => object !== null && typeof object === 'object')) return undefined;
  const directory = path.dirname(configFile);
  return (objects as ConfigObject[]).map((object) =>
    object.basePath === undefined
      ? { ...object, basePath: directory }
      : { ...object, basePath: path.resolve(directory, object.basePath) },
  );
}

/**
 * The ESLint options for a spec. The order decides who wins: our parser setup and the plugin config come first and
 * the user's own config after them, so a rule the user turns off or configures stays as they set it. When the
 * user's config cannot be loaded here, ESLint loads it itself and the plugin config goes on top instead.
 */
export async function loadESLintOptions(spec: ESLintOptionsSpec): Promise<ESLint.Options> {
  const pluginConfig = plugin.configs[spec.pluginConfig] as Linter.Config;
  let configuration: Pick<ESLint.Options, 'overrideConfigFile' | 'overrideConfig'>;
  if (spec.userConfigFile === undefined) {
    configuration = { overrideConfigFile: true, overrideConfig: [...baseConfig(), pluginConfig] };
  } else {
    const user = await loadUserConfig(spec.userConfigFile);
    // ESLint refuses two different objects under one plugin name: when the user's config brings its own copy of
    // the plugin (another install of it), our config's rules run from that copy.
    const theirs = user?.map((object) => object.plugins?.['backend-perf']).find((found) => found !== undefined);
    const ours = theirs ? { ...pluginConfig, plugins: { 'backend-perf': theirs } } : pluginConfig;
    configuration = user
      ? { overrideConfigFile: true, overrideConfig: [...baseConfig(), ours, ...(user as Linter.Config[])] }
      : { overrideConfigFile: spec.userConfigFile, overrideConfig: [...baseConfig(), pluginConfig] };
  }
  return {
    cwd: spec.cwd,
    ...configuration,
    errorOnUnmatchedPattern: true,
    ...(spec.concurrency !== undefined ? { concurrency: spec.concurrency } : {}),
    ...(spec.cache ? { cache: true } : {}),
    ...(spec.cacheLocation !== undefined ? { cacheLocation: spec.cacheLocation } : {}),
  };
}
