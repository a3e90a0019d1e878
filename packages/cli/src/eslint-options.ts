import { languageOptionsFor, SOURCE_EXTENSIONS } from '@backend-perf/codemods';
import { ESLint, type Linter } from 'eslint';
import plugin from 'eslint-plugin-backend-perf';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createIgnoreFilter, ignoresEntry } from './ignores.js';
import { UsageError } from './io.js';
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
  /** Skip dependencies, vendored code, build output and minified files (default true; `--no-default-ignores`). */
  readonly defaultIgnores?: boolean;
  /**
   * With `cache`: the fingerprint of the linted projects' graphs, a setting of every file's config, so that ESLint's
   * cache (which keys each file's results by its text and its config) is not reused after a change elsewhere in the
   * project that can change the file's findings.
   */
  readonly graphKey?: string;
}

/**
 * The name of the plugin configs' object of default ignores: `--no-default-ignores` drops it from the plugin config and
 * from the user's config (which usually spreads one of the plugin's configs).
 */
const DEFAULT_IGNORES_NAME = 'backend-perf/ignores';

/** Type declaration files hold no code that runs: `check` never lints them, as `migrate` never takes them. */
const DECLARATION_FILES: readonly string[] = ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];

/**
 * Config objects that make every supported extension lint with the codemods' own parser (`sourceParser`: espree for
 * JavaScript, `@typescript-eslint/parser` for TypeScript), so `check` and `migrate` read every file the same way. The
 * source type is the configured one, as in plain ESLint: the plugin's configs make the files Node runs as CommonJS
 * `commonjs`, and a user's config may say otherwise.
 */
export function baseConfig(): Linter.Config[] {
  return SOURCE_EXTENSIONS.map((extension): Linter.Config => {
    const { sourceType: _, ...languageOptions } = languageOptionsFor(`file${extension}`, '');
    return { name: `backend-perf/cli/${extension.slice(1)}`, files: [`**/*${extension}`], languageOptions };
  });
}

/**
 * The paths `check` skips, the same as `migrate`: `.gitignore` files, type declaration files and, unless turned off,
 * the default ignores.
 */
export function ignoreConfig(cwd: string, defaults = true): Linter.Config {
  return {
    name: 'backend-perf/cli/ignores',
    ignores: [ignoresEntry(createIgnoreFilter(cwd, { defaults })), ...DECLARATION_FILES] as never,
  };
}

const [major = 0, minor = 0] = ESLint.version.split('.').map(Number);
/** ESLint 9.30 added `basePath` to config objects, which layering the user's config objects over ours needs. */
const HAS_BASE_PATH = major > 9 || (major === 9 && minor >= 30);
/** ESLint 9.34 added linting in worker threads (`concurrency`). */
const HAS_CONCURRENCY = major > 9 || (major === 9 && minor >= 34);

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
  const defaults = spec.defaultIgnores ?? true;
  const keep = (object: Linter.Config) => defaults || object.name !== DEFAULT_IGNORES_NAME;
  const pluginConfig = (plugin.configs[spec.pluginConfig] as Linter.Config[]).filter(keep);
  const ours = [ignoreConfig(spec.cwd, defaults), ...baseConfig()];
  let configuration: Pick<ESLint.Options, 'overrideConfigFile' | 'overrideConfig'>;
  if (spec.userConfigFile === undefined) {
    configuration = { overrideConfigFile: true, overrideConfig: [...ours, ...pluginConfig] };
  } else {
    const user = HAS_BASE_PATH ? await loadUserConfig(spec.userConfigFile) : undefined;
    // ESLint refuses two different objects under one plugin name: when the user's config brings its own copy of
    // the plugin (another install of it), our config's rules run from that copy.
    const theirs = user?.map((object) => object.plugins?.['backend-perf']).find((found) => found !== undefined);
    const withTheirs = theirs
      ? pluginConfig.map((object) => (object.plugins ? { ...object, plugins: { 'backend-perf': theirs } } : object))
      : pluginConfig;
    configuration = user
      ? {
          overrideConfigFile: true,
          overrideConfig: [...ours, ...withTheirs, ...(user as Linter.Config[]).filter(keep)],
        }
      : { overrideConfigFile: spec.userConfigFile, overrideConfig: [...ours, ...pluginConfig] };
  }
  if (spec.graphKey !== undefined) {
    configuration = {
      ...configuration,
      overrideConfig: [
        ...(configuration.overrideConfig as Linter.Config[]),
        { name: 'backend-perf/cli/graph', settings: { 'backend-perf/graph': spec.graphKey } },
      ],
    };
  }
  if (spec.concurrency !== undefined && spec.concurrency !== 'off' && !HAS_CONCURRENCY) {
    throw new UsageError(`--concurrency needs ESLint 9.34 or later; this project has ESLint ${ESLint.version}`);
  }
  return {
    cwd: spec.cwd,
    ...configuration,
    errorOnUnmatchedPattern: true,
    ...(spec.concurrency !== undefined && HAS_CONCURRENCY ? { concurrency: spec.concurrency } : {}),
    ...(spec.cache ? { cache: true } : {}),
    ...(spec.cacheLocation !== undefined ? { cacheLocation: spec.cacheLocation } : {}),
  };
}
