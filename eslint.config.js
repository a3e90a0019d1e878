// Lint of this repository (ESLint 10 flat config): every package's sources and tests through `@eslint/js`
// recommended and typescript-eslint's `strictTypeChecked` (with type information from each package's tsconfig and
// its tests' tsconfig), rule sources and rule tests through eslint-plugin-eslint-plugin, and every package's source
// through this project's own `recommended` config (dogfooding).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';
import backendPerf from './packages/eslint-plugin/dist/index.js';

export default defineConfig([
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
    name: 'backend-perf/strict-type-checked',
    files: ['packages/*/src/**/*.ts', 'packages/*/tests/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Messages, fixes and generated code put counts, lines and columns into template literals; a number prints the
      // same in every locale, so only other types (objects, unions with undefined) must be converted by hand.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `const { omitted: _, ...rest } = object` is how a property is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    name: 'backend-perf/optional-peers',
    files: ['packages/core/src/**/*.ts', 'packages/eslint-plugin/src/**/*.ts'],
    rules: {
      // `@typescript-eslint/utils` is an optional peer of core and the plugin: a JavaScript project does not have it,
      // so only its types may be imported (test/declared-dependencies.test.ts checks the built files too).
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@typescript-eslint/utils',
              message:
                'An optional peer: import its types only; core has the helpers (`variableOf`, `skipTsWrappers`).',
              allowTypeImports: true,
            },
          ],
          patterns: [
            {
              group: ['@typescript-eslint/utils/*'],
              message: 'An optional peer: import its types only.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    name: 'backend-perf/strict-type-checked/tests',
    files: ['packages/*/tests/**/*.ts'],
    rules: {
      // Test doubles implement async interfaces (a pool's `submit`, a runner's `run`) without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // `afterAll(() => rmSync(dir, ...))`: hooks whose callback's result nobody reads.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    name: 'backend-perf/strict-type-checked/codemods-ts-morph',
    files: ['packages/codemods/src/refactors/**/*.ts'],
    rules: {
      // The refactors pass ts-morph nodes where their base class is expected (a `CallExpression` as a `Node`).
      // ts-morph declares its node classes over mixins (`class CallExpression extends CallExpressionBase`, where
      // `CallExpressionBase` is an intersection of mixin constructors), so the rule does not find `Node` among a
      // node's base classes and reports every such call.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
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
]);
