import { describe, expect, it } from 'vitest';
import { buildCheckReport, checkExitCode, type CheckReport } from '../src/report.js';
import { formatJson } from '../src/format/json.js';
import { formatSarif } from '../src/format/sarif.js';
import { formatStylish } from '../src/format/stylish.js';
import type { ESLint } from 'eslint';

const cwd = '/repo';

function result(filePath: string, messages: Partial<ESLint.LintResult['messages'][number]>[]): ESLint.LintResult {
  return {
    filePath,
    messages,
    suppressedMessages: [],
    errorCount: 0,
    fatalErrorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  } as unknown as ESLint.LintResult;
}

const rulesMeta = {
  'backend-perf/no-sync-io': {
    docs: {
      description: 'Disallow synchronous calls on the request path',
      url: 'https://example.com/docs/rules/no-sync-io.md',
      codemod: 'fs-sync-to-async',
    },
  },
  'no-var': { docs: { description: 'Require let or const', url: 'https://eslint.org/docs/latest/rules/no-var' } },
};

const report: CheckReport = buildCheckReport(
  cwd,
  [
    result('/repo/src/routes/a b.js', [
      {
        ruleId: 'backend-perf/no-sync-io',
        severity: 2,
        message: 'sync call',
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 20,
      },
      { ruleId: 'no-var', severity: 1, message: 'Unexpected var', line: 1, column: 1, endLine: 1, endColumn: 12 },
    ]),
    result('/repo/src/clean.js', []),
    result('/repo/src/broken.ts', [
      { ruleId: null, fatal: true, severity: 2, message: 'Parsing error: x', line: 2, column: 4 },
    ]),
    // ESLint's own notices: a file it linted, nothing the rules found.
    result('/repo/src/notes.js', [
      {
        ruleId: null,
        fatal: true,
        severity: 2,
        message: '/* eslint-env */ comments are no longer supported.',
        line: 1,
        column: 1,
      },
      {
        ruleId: null,
        severity: 1,
        message: "Unused eslint-disable directive (no problems were reported from 'no-console').",
        line: 3,
        column: 1,
      },
      {
        ruleId: 'some-plugin/rule',
        severity: 2,
        message: "Definition for rule 'some-plugin/rule' was not found.",
        line: 5,
        column: 1,
      },
    ]),
  ],
  rulesMeta,
);

describe('buildCheckReport', () => {
  it('places notices about a whole file at its start, never at undefined:undefined', () => {
    const ignored = buildCheckReport(
      cwd,
      [result('/other/x.js', [{ ruleId: null, severity: 1, message: 'File ignored because outside of base path.' }])],
      {},
    );
    expect(ignored.files[0].notices[0]).toEqual({
      message: 'File ignored because outside of base path.',
      line: 1,
      column: 1,
    });
    expect(formatStylish(ignored, { showNotices: true })).toContain(
      '  ../other/x.js:1:1  File ignored because outside of base path.',
    );
  });

  it('keeps files with findings or errors, relative with forward slashes, sorted', () => {
    expect(report.files.map((file) => file.path)).toEqual(['src/broken.ts', 'src/notes.js', 'src/routes/a b.js']);
    expect(report.summary).toEqual({
      filesLinted: 4,
      filesWithFindings: 1,
      findings: 2,
      errors: 1,
      warnings: 1,
      parseErrors: 1,
      notices: 3,
    });
    expect(report.files[2].findings[0]).toEqual({
      ruleId: 'backend-perf/no-sync-io',
      severity: 'error',
      message: 'sync call',
      line: 3,
      column: 5,
      endLine: 3,
      endColumn: 20,
      codemod: 'fs-sync-to-async',
    });
  });

  it("separates ESLint's notices from findings: never counted, never a parse error", () => {
    expect(report.files[1]).toEqual({
      path: 'src/notes.js',
      findings: [],
      errors: [],
      notices: [
        { message: '/* eslint-env */ comments are no longer supported.', line: 1, column: 1 },
        {
          message: "Unused eslint-disable directive (no problems were reported from 'no-console').",
          line: 3,
          column: 1,
        },
        { message: "Definition for rule 'some-plugin/rule' was not found.", line: 5, column: 1 },
      ],
    });
    const noticesOnly = buildCheckReport(
      cwd,
      [result('/repo/a.js', [{ ruleId: null, severity: 2, fatal: true, message: '/* eslint-env */ x', line: 1 }])],
      rulesMeta,
    );
    expect(checkExitCode(noticesOnly)).toBe(0);
    expect(formatStylish(noticesOnly)).toBe(
      'No problems found in 1 file. 1 ESLint notice not counted (unused disable directives and the like; ' +
        '--show-notices lists them).\n',
    );
  });

  it('exits 2 on parse errors, 1 on errors, 0 on warnings only', () => {
    expect(checkExitCode(report)).toBe(2);
    const warningsOnly = buildCheckReport(
      cwd,
      [result('/repo/a.js', [{ ruleId: 'no-var', severity: 1, message: 'm', line: 1, column: 1 }])],
      rulesMeta,
    );
    expect(checkExitCode(warningsOnly)).toBe(0);
    const errors = buildCheckReport(
      cwd,
      [result('/repo/a.js', [{ ruleId: 'no-var', severity: 2, message: 'm', line: 1, column: 1 }])],
      rulesMeta,
    );
    expect(checkExitCode(errors)).toBe(1);
    expect(errors.files[0].findings[0]).toMatchObject({ endLine: 1, endColumn: 1, codemod: null });
  });
});

describe('formatJson', () => {
  it('prints the documented shape', () => {
    expect(JSON.parse(formatJson(report))).toEqual({
      version: 2,
      summary: {
        filesLinted: 4,
        filesWithFindings: 1,
        findings: 2,
        errors: 1,
        warnings: 1,
        parseErrors: 1,
        notices: 3,
      },
      rules: {
        'backend-perf/no-sync-io': {
          id: 'backend-perf/no-sync-io',
          description: 'Disallow synchronous calls on the request path',
          url: 'https://example.com/docs/rules/no-sync-io.md',
          codemod: 'fs-sync-to-async',
        },
        'no-var': {
          id: 'no-var',
          description: 'Require let or const',
          url: 'https://eslint.org/docs/latest/rules/no-var',
          codemod: null,
        },
      },
      files: [
        {
          path: 'src/broken.ts',
          findings: [],
          errors: [{ message: 'Parsing error: x', line: 2, column: 4 }],
          notices: [],
        },
        {
          path: 'src/notes.js',
          findings: [],
          errors: [],
          notices: [
            { message: '/* eslint-env */ comments are no longer supported.', line: 1, column: 1 },
            {
              message: "Unused eslint-disable directive (no problems were reported from 'no-console').",
              line: 3,
              column: 1,
            },
            { message: "Definition for rule 'some-plugin/rule' was not found.", line: 5, column: 1 },
          ],
        },
        {
          path: 'src/routes/a b.js',
          findings: [
            {
              ruleId: 'backend-perf/no-sync-io',
              severity: 'error',
              message: 'sync call',
              line: 3,
              column: 5,
              endLine: 3,
              endColumn: 20,
              codemod: 'fs-sync-to-async',
            },
            {
              ruleId: 'no-var',
              severity: 'warning',
              message: 'Unexpected var',
              line: 1,
              column: 1,
              endLine: 1,
              endColumn: 12,
              codemod: null,
            },
          ],
          errors: [],
          notices: [],
        },
      ],
    });
  });
});

describe('formatSarif', () => {
  const sarif = JSON.parse(formatSarif(report, { version: '1.2.3' })) as {
    $schema: string;
    version: string;
    runs: { tool: { driver: unknown }; results: { ruleId: string }[]; invocations: unknown }[];
  };

  it('is a SARIF 2.1.0 log with one run and the driver rules', () => {
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].tool.driver).toEqual({
      name: 'backend-perf',
      informationUri: 'https://github.com/backend-perf/backend-perf',
      version: '1.2.3',
      rules: [
        {
          id: 'backend-perf/no-sync-io',
          shortDescription: { text: 'Disallow synchronous calls on the request path' },
          helpUri: 'https://example.com/docs/rules/no-sync-io.md',
          help: { text: 'Migrate with: npx backend-perf migrate fs-sync-to-async' },
          properties: { codemod: 'fs-sync-to-async' },
        },
        {
          id: 'no-var',
          shortDescription: { text: 'Require let or const' },
          helpUri: 'https://eslint.org/docs/latest/rules/no-var',
        },
      ],
    });
  });

  it('gives every result a level, message and a region on a relative, encoded URI', () => {
    expect(sarif.runs[0].results).toEqual([
      {
        ruleId: 'backend-perf/no-sync-io',
        ruleIndex: 0,
        level: 'error',
        message: { text: 'sync call' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'src/routes/a%20b.js' },
              region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 20 },
            },
          },
        ],
      },
      {
        ruleId: 'no-var',
        ruleIndex: 1,
        level: 'warning',
        message: { text: 'Unexpected var' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'src/routes/a%20b.js' },
              region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 12 },
            },
          },
        ],
      },
    ]);
  });

  it('reports files that could not be linted as error notifications, and notices as notes, never as results', () => {
    expect(sarif.runs[0].results.map((result: { ruleId: string }) => result.ruleId)).toEqual([
      'backend-perf/no-sync-io',
      'no-var',
    ]);
    const note = (text: string, startLine: number) => ({
      level: 'note',
      message: { text },
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'src/notes.js' }, region: { startLine, startColumn: 1 } } },
      ],
    });
    expect(sarif.runs[0].invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'Parsing error: x' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'src/broken.ts' },
                  region: { startLine: 2, startColumn: 4 },
                },
              },
            ],
          },
          note('/* eslint-env */ comments are no longer supported.', 1),
          note("Unused eslint-disable directive (no problems were reported from 'no-console').", 3),
          note("Definition for rule 'some-plugin/rule' was not found.", 5),
        ],
      },
    ]);
  });
});

describe('formatStylish', () => {
  it('groups by rule, ours first, with docs and codemod, then parse errors and the summary', () => {
    expect(formatStylish(report)).toBe(
      [
        'backend-perf/no-sync-io (1 finding)',
        '  docs: https://example.com/docs/rules/no-sync-io.md',
        '  fix:  npx backend-perf migrate fs-sync-to-async',
        '  src/routes/a b.js:3:5  sync call',
        '',
        'no-var (1 finding)',
        '  docs: https://eslint.org/docs/latest/rules/no-var',
        '  src/routes/a b.js:1:1  Unexpected var  (warning)',
        '',
        'Could not lint (1 file)',
        '  src/broken.ts:2:4  Parsing error: x',
        '',
        '✖ 2 findings (1 error, 1 warning), in 1 file of 4 linted, 1 parse error. 3 ESLint notices not counted ' +
          '(unused disable directives and the like; --show-notices lists them).',
        '',
      ].join('\n'),
    );
  });

  it('lists the notices with --show-notices, and a parse error without a position at the start of the file', () => {
    const withNotices = formatStylish(report, { showNotices: true });
    expect(withNotices).toContain(
      [
        'ESLint notices (3 notices, not counted as findings)',
        '  src/notes.js:1:1  /* eslint-env */ comments are no longer supported.',
        "  src/notes.js:3:1  Unused eslint-disable directive (no problems were reported from 'no-console').",
        "  src/notes.js:5:1  Definition for rule 'some-plugin/rule' was not found.",
        '',
        '✖ 2 findings (1 error, 1 warning), in 1 file of 4 linted, 1 parse error. 3 ESLint notices (not counted).',
      ].join('\n'),
    );
    const unplaced = buildCheckReport(
      cwd,
      [result('/repo/a.ts', [{ ruleId: null, fatal: true, severity: 2, message: 'Parsing error: boom' }])],
      {},
    );
    expect(formatStylish(unplaced)).toContain('Could not lint (1 file)\n  a.ts:1:1  Parsing error: boom\n');
  });

  it('says so when nothing was found', () => {
    expect(formatStylish(buildCheckReport(cwd, [result('/repo/a.js', [])], {}))).toBe('No problems found in 1 file.\n');
  });
});
