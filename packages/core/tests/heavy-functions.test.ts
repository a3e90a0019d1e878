import { Linter } from 'eslint';
import type { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { findHeavyFunctionCalls, getRequestPathModel, readSettings } from '../src/index.js';

function run(code: string, filename: string, settings: Record<string, unknown>) {
  const linter = new Linter({ configType: 'flat', cwd: '/project' });
  let result: { calls: string[]; frameworks: Array<string | undefined> } = { calls: [], frameworks: [] };
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*'],
        languageOptions: { sourceType: 'module' },
        settings,
        plugins: {
          probe: {
            rules: {
              probe: {
                create(context) {
                  return {
                    'Program:exit'() {
                      const input = context as unknown as Parameters<typeof findHeavyFunctionCalls>[0];
                      result = {
                        calls: findHeavyFunctionCalls(input).map((call) =>
                          (context.sourceCode as unknown as TSESLint.SourceCode).getText(call.node),
                        ),
                        frameworks: getRequestPathModel(input).handlers.map((handler) => handler.framework),
                      };
                    },
                  };
                },
              },
            },
          },
        },
        rules: { 'probe/probe': 'error' },
      },
    ],
    { filename },
  );
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return result;
}

describe('readSettings heavyFunctions', () => {
  it('accepts module + export specifiers', () => {
    expect(
      readSettings({ 'backend-perf': { heavyFunctions: [{ module: './src/lib/report.js', export: 'buildReport' }] } }),
    ).toEqual({
      heavyFunctions: [{ module: './src/lib/report.js', export: 'buildReport' }],
    });
  });
  it('rejects bare names, unknown keys and missing fields', () => {
    expect(() => readSettings({ 'backend-perf': { heavyFunctions: ['buildReport'] } })).toThrow(
      /heavyFunctions\[0\] must be an object/u,
    );
    expect(() => readSettings({ 'backend-perf': { heavyFunctions: [{ name: 'buildReport' }] } })).toThrow(
      /unknown key\(s\) "name"/u,
    );
    expect(() => readSettings({ 'backend-perf': { heavyFunctions: [{ module: './a' }] } })).toThrow(
      /heavyFunctions\[0\]\.export/u,
    );
    expect(() => readSettings({ 'backend-perf': { heavyFunctions: [{ module: '', export: 'x' }] } })).toThrow(
      /heavyFunctions\[0\]\.module/u,
    );
    expect(() => readSettings({ 'backend-perf': { heavyFunctions: {} } })).toThrow(/must be an array/u);
  });
});

describe('findHeavyFunctionCalls', () => {
  const settings = { 'backend-perf': { heavyFunctions: [{ module: './src/lib/report.js', export: 'buildReport' }] } };

  it('resolves relative imports from the importing file', () => {
    const code =
      `import { buildReport as br } from '../lib/report';\nimport * as other from './lib/report';\nbr(1);\n` +
      `other.buildReport(2);\n`;
    expect(run(code, '/project/src/routes/a.js', settings).calls).toEqual(['br(1)']);
  });

  it('finds calls of the module-scope function in the defining file', () => {
    const code =
      `export function buildReport(x) { return x; }\n` +
      `function f() { const buildReport = () => 0; return buildReport(); }\nbuildReport(3);\n`;
    expect(run(code, '/project/src/lib/report.js', settings).calls).toEqual(['buildReport(3)']);
  });

  it('matches a default export and a CommonJS module that is the function', () => {
    const defaults = { 'backend-perf': { heavyFunctions: [{ module: '@acme/pdf', export: 'default' }] } };
    expect(run(`import render from '@acme/pdf';\nrender(1);\n`, '/project/src/a.js', defaults).calls).toEqual([
      'render(1)',
    ]);
    expect(run(`const render = require('@acme/pdf');\nrender(2);\n`, '/project/src/b.js', defaults).calls).toEqual([
      'render(2)',
    ]);
  });

  it('finds nothing without settings', () => {
    expect(
      run(`import { buildReport } from '../lib/report';\nbuildReport(1);\n`, '/project/src/routes/a.js', {}).calls,
    ).toEqual([]);
  });
});

describe('request-path model handler frameworks', () => {
  it('records the framework that registered a handler', () => {
    const code =
      `import express from 'express';\nimport http from 'node:http';\nconst app = express();\n` +
      `app.get('/a', (req, res) => res.end());\nhttp.createServer((req, res) => res.end());\n` +
      `function mount(router) { router.get('/b', (req, res) => res.end()); }\nmount(app);\n`;
    expect(run(code, '/project/src/app.js', {}).frameworks).toEqual(['Express', 'http', undefined]);
  });
});
