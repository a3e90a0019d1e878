import { describe, expect, it } from 'vitest';
import { explainFailure, setupProblem } from '../src/commands/check.js';
import { buildCheckReport } from '../src/report.js';
import type { ESLint } from 'eslint';

function result(filePath: string, message: string): ESLint.LintResult {
  return {
    filePath,
    messages: [{ ruleId: null, fatal: true, severity: 2, message, line: undefined, column: undefined }],
    suppressedMessages: [],
  } as unknown as ESLint.LintResult;
}

describe('setupProblem', () => {
  it('turns the TypeScript setup error of the files into one line', () => {
    const report = buildCheckReport(
      '/repo',
      [
        result(
          '/repo/a.ts',
          'Parsing error: backend-perf: TypeScript 3.9.10 is older than @typescript-eslint/parser 8.74.0 ' +
            'supports (>=4.8.4 <6.1.0): upgrade typescript.',
        ),
        result('/repo/b.ts', 'Parsing error: backend-perf: TypeScript 3.9.10 is older than ...'),
      ],
      {},
    );
    expect(setupProblem(report)).toBe(
      'TypeScript 3.9.10 is older than @typescript-eslint/parser 8.74.0 supports (>=4.8.4 <6.1.0): upgrade typescript.',
    );
  });

  it('leaves ordinary parse errors to "Could not lint"', () => {
    expect(setupProblem(buildCheckReport('/repo', [result('/repo/a.js', 'Parsing error: Unexpected token')], {}))).toBe(
      undefined,
    );
  });
});

describe('explainFailure', () => {
  it("names the user's rule that calls an API this ESLint no longer has, and what to do", () => {
    const error = new TypeError(
      'scopeManager.addGlobals is not a function\nOccurred while linting /repo/src/a.js:1\nRule: "legacy/rule"',
    );
    expect(explainFailure(error, true)).toMatch(
      new RegExp(
        String.raw`^the rule "legacy\/rule" of your ESLint config does not work with ESLint \d+\.\d+\.\d+ ` +
          String.raw`\(scopeManager\.addGlobals is not a function, while linting \/repo\/src\/a\.js:1\)\. ` +
          String.raw`Upgrade it, or run with --no-config-lookup to check with backend-perf's rules alone\.$`,
        'u',
      ),
    );
  });

  it('blames a plugin or parser when ESLint does not name a rule', () => {
    expect(explainFailure(new TypeError('scopeManager.addGlobals is not a function'), true)).toMatch(
      /^a plugin or parser of your ESLint config does not work with ESLint/u,
    );
  });

  it("prints ESLint's message of other errors and of our own rules' failures on one line, without a stack", () => {
    expect(explainFailure(new Error('No files matching the pattern "x" were found.'), true)).toBe(
      'No files matching the pattern "x" were found.',
    );
    expect(
      explainFailure(
        new TypeError('x is not a function\nOccurred while linting /repo/a.js:3\nRule: "backend-perf/no-sync-io"'),
        true,
      ),
    ).toBe('x is not a function (rule "backend-perf/no-sync-io", while linting /repo/a.js:3)');
    expect(explainFailure(new TypeError('x is not a function'), false)).toBe('x is not a function');
  });

  it("joins the lines of a config error, as migrate prints it, even when it names the user's rule", () => {
    const error = new TypeError(
      'Key "rules": Key "legacy/rule":\n\tValue 1 should be string.\nOccurred while linting /repo/a.js\n' +
        'Rule: "legacy/rule"',
    );
    expect(explainFailure(error, true)).toBe('Key "rules": Key "legacy/rule": Value 1 should be string.');
  });
});
