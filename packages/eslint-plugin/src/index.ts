import type { TSESLint } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';
import { allRules, recommendedRules, strictRules } from './configs/index.js';
import { rules } from './rules/index.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

type Config = TSESLint.FlatConfig.Config;

export interface BackendPerfPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: { recommended: Config; strict: Config; all: Config };
}

const plugin: BackendPerfPlugin = {
  meta: { name, version, namespace: 'backend-perf' },
  rules,
  configs: {} as BackendPerfPlugin['configs'],
};

const pluginsEntry = { 'backend-perf': plugin as unknown as TSESLint.FlatConfig.Plugin };

plugin.configs.recommended = { name: 'backend-perf/recommended', plugins: pluginsEntry, rules: recommendedRules };
plugin.configs.strict = { name: 'backend-perf/strict', plugins: pluginsEntry, rules: strictRules };
plugin.configs.all = { name: 'backend-perf/all', plugins: pluginsEntry, rules: allRules };

export { rules };
export type { BackendPerfDocs } from './util/createRule.js';
export default plugin;
