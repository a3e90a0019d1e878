import { Linter } from 'eslint';
import type { TSESTree } from '@typescript-eslint/utils';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { isDevelopmentOnly } from '../src/analysis/environment.js';

/** For every call of `probe()`: whether the code there runs only outside production. */
function probe(code: string): boolean[] {
  const found: boolean[] = [];
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create() {
      return {
        'CallExpression[callee.name="probe"]'(call: TSESTree.CallExpression) {
          found.push(isDevelopmentOnly(call));
        },
      };
    },
  };
  new Linter({ configType: 'flat' }).verify(
    code,
    [
      {
        files: ['**/*.js'],
        languageOptions: { parser: tseslint.parser, sourceType: 'module' },
        plugins: { test: { rules: { probe: rule } } },
        rules: { 'test/probe': 'error' },
      },
    ],
    { filename: 'file.js' },
  );
  return found;
}

describe('isDevelopmentOnly', () => {
  it('knows development flags, environment comparisons and negated production flags', () => {
    expect(
      probe(`
if (isDev) probe();
if (__DEV__ && verbose) probe();
if (config.isDevelopment) probe();
if (process.env.NODE_ENV !== 'production') probe();
if ('test' === process.env.NODE_ENV) probe();
if (app.get('env') === 'development') { app.get('/debug', () => probe()); }
if (!isProd) probe();
const value = isLocal ? probe() : 0;
isDev && probe();
`),
    ).toEqual([true, true, true, true, true, true, true, true, true]);
  });

  it('knows the code after a guard that returns or throws in production', () => {
    expect(
      probe(`
async function watch() {
  if (!process.env.IS_DEV_CMD) {
    return;
  }
  probe();
}
function devServer() {
  if (process.env.NODE_ENV === 'production') throw new Error('development only');
  if (verbose) probe();
}
const reload = () => { if (isProd || !options.devServer) return; probe(); };
if (useDevServer || isTest) probe();
if (options.developmentMode) probe();
if (config.devEnv) probe();
`),
    ).toEqual([true, true, true, true, true, true]);
  });

  it('leaves code before such a guard, after other guards and outside functions', () => {
    expect(
      probe(`
function handler(req) {
  probe();
  if (!isDev) return;
}
function other(req) {
  if (!req.user) return;
  probe();
}
function branch() {
  if (!isDev) { log(); } else { return; }
  probe();
}
function partial() {
  if (isDev && verbose) return;
  probe();
}
for (const item of items) {
  if (!isDev) continue;
  probe();
}
if (isDev || isAdmin) probe();
if (useLocal) probe();
`),
    ).toEqual([false, false, false, false, false, false, false]);
  });

  it('leaves production branches, else branches and comparisons of other values', () => {
    expect(
      probe(`
if (isProd) probe();
if (isDev) {} else probe();
if (req.query.mode === 'test') probe();
if (provider === 'local') probe();
if (process.env.NODE_ENV === 'production') probe();
if (isDev || isAdmin) probe();
if (regex.test) probe();
probe();
`),
    ).toEqual([false, false, false, false, false, false, false, false]);
  });
});
