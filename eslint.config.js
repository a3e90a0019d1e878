// Lint of this repository (ESLint 10 flat config): rule sources and rule tests through eslint-plugin-eslint-plugin,
// and every package's source through this project's own `recommended` config (dogfooding).
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';
import backendPerf from './packages/eslint-plugin/dist/index.js';

export default [
  {
    name: 'backend-perf/ignores',
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      'packages/codemods/tests/fixtures/**',
      'packages/eslint-plugin/tests/fixtures/**',
      'bench/corpus/**',
    ],
  },
  {
    name: 'backend-perf/typescript',
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
  },
  {
    name: 'backend-perf/rule-sources',
    files: ['packages/eslint-plugin/src/rules/**/*.ts'],
    ...eslintPlugin.configs['rules-recommended'],
    rules: {
      ...eslintPlugin.configs['rules-recommended'].rules,
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Enforce|Require|Prefer)' }],
      'eslint-plugin/require-meta-docs-recommended': ['error', { allowNonBoolean: true }],
      'eslint-plugin/meta-property-ordering': 'error',
      'eslint-plugin/no-property-in-node': 'off',
      'eslint-plugin/prefer-placeholders': 'error',
      'eslint-plugin/report-message-format': ['error', '^[`A-Z].*\\.$'],
    },
  },
  {
    name: 'backend-perf/rule-tests',
    files: ['packages/eslint-plugin/tests/rules/**/*.ts'],
    ...eslintPlugin.configs['tests-recommended'],
    // Rule tests get their tester from `createRuleTester()` (tests/RuleTester.ts).
    settings: { 'eslint-plugin': { ruleTesterConstructors: ['RuleTester', 'createRuleTester'] } },
    rules: {
      ...eslintPlugin.configs['tests-recommended'].rules,
      'eslint-plugin/require-test-error-positions': 'error',
      'eslint-plugin/unique-test-case-names': 'error',
      'eslint-plugin/consistent-output': 'error',
    },
  },
  {
    // The rules object of the config (its other objects ignore build output and parse CommonJS files as CommonJS,
    // which this repository's own ignores and ES modules already do).
    ...backendPerf.configs.recommended.find((config) => config.name === 'backend-perf/recommended'),
    name: 'backend-perf/dogfooding',
    files: ['packages/*/src/**/*.ts', 'scripts/**/*.mjs'],
  },
];
