import { DEFAULT_IGNORE_PATTERNS, isCommonJsFile, isMinifiedFile } from '@backend-perf/core';
import type { TSESLint } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';
import {
  allRules,
  coexistenceRules,
  coexistenceStrictRules,
  recommendedRules,
  strictRules,
} from './configs.generated.js';
import { rules } from './rules.generated.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

type Config = TSESLint.FlatConfig.Config;
/** A config: flat-config objects that go into `eslint.config.*` as they are (ESLint flattens nested arrays). */
type ConfigArray = TSESLint.FlatConfig.Config[];

export interface BackendPerfPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: {
    recommended: ConfigArray;
    strict: ConfigArray;
    all: ConfigArray;
    coexistence: ConfigArray;
    'coexistence-strict': ConfigArray;
  };
}

const plugin: BackendPerfPlugin = {
  meta: { name, version, namespace: 'backend-perf' },
  rules,
  configs: {} as BackendPerfPlugin['configs'],
};

const pluginsEntry = { 'backend-perf': plugin as unknown as TSESLint.FlatConfig.Plugin };

/**
 * What every config brings besides its rules: other people's code is not linted (dependencies, vendored libraries,
 * build output, minified bundles), and files that Node.js runs as CommonJS parse as CommonJS (ESLint's defaults parse
 * every `.js` file as a module), from the nearest `package.json` `type`, the extension and the file's own syntax,
 * as `backend-perf check` and `migrate` read them.
 */
const shared: Config[] = [
  { name: 'backend-perf/ignores', ignores: [...DEFAULT_IGNORE_PATTERNS, isMinifiedFile] as string[] },
  {
    name: 'backend-perf/commonjs',
    files: [isCommonJsFile] as unknown as string[],
    languageOptions: { sourceType: 'commonjs' },
  },
];

plugin.configs.recommended = [
  ...shared,
  { name: 'backend-perf/recommended', plugins: pluginsEntry, rules: recommendedRules },
];
plugin.configs.strict = [...shared, { name: 'backend-perf/strict', plugins: pluginsEntry, rules: strictRules }];
plugin.configs.all = [...shared, { name: 'backend-perf/all', plugins: pluginsEntry, rules: allRules }];
// Turn off the rules of ESLint and other plugins that report what the config's own rules report with more precision
// (`meta.docs.replaces`); rules of plugins that are not loaded can be turned off without error.
plugin.configs.coexistence = [{ name: 'backend-perf/coexistence', rules: coexistenceRules }];
plugin.configs['coexistence-strict'] = [{ name: 'backend-perf/coexistence-strict', rules: coexistenceStrictRules }];

export { rules };
export type { BackendPerfDocs } from './util/createRule.js';
export default plugin;
// `require('eslint-plugin-backend-perf')` from CommonJS (an `eslint.config.js` or `.cjs` with `require`) returns the
// plugin itself, not a namespace with `default`: Node's require of an ES module returns the `module.exports` export.
export { plugin as 'module.exports' };
