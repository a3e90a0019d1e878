/**
 * The entry `eslint-plugin-backend-perf/oxlint`: the plugin's configs as Oxlint configuration objects (the shape of
 * `.oxlintrc.json`), for Oxlint's JavaScript plugins. The package also ships them as JSON files
 * (`eslint-plugin-backend-perf/oxlint/recommended.json`, `strict.json`, `all.json`), generated from these objects, to
 * copy to a project's `.oxlintrc.json` or merge into it: `ignorePatterns` are relative to the config file.
 */
import { DEFAULT_IGNORE_PATTERNS } from '@backend-perf/core';
import { allRules, recommendedRules, strictRules } from './configs.generated.js';

export interface OxlintConfig {
  readonly $schema: string;
  /** Oxlint loads the plugin by its package name, from the project's `node_modules`. */
  readonly jsPlugins: readonly string[];
  /** Dependencies, vendored code, build output and minified files, as the ESLint configs' `backend-perf/ignores`. */
  readonly ignorePatterns: readonly string[];
  readonly rules: Readonly<Record<string, unknown>>;
}

function config(rules: Readonly<Record<string, unknown>>): OxlintConfig {
  return {
    $schema: './node_modules/oxlint/configuration_schema.json',
    jsPlugins: ['eslint-plugin-backend-perf'],
    ignorePatterns: [...DEFAULT_IGNORE_PATTERNS],
    rules,
  };
}

export const oxlintConfigs: {
  readonly recommended: OxlintConfig;
  readonly strict: OxlintConfig;
  readonly all: OxlintConfig;
} = { recommended: config(recommendedRules), strict: config(strictRules), all: config(allRules) };

export default oxlintConfigs;
