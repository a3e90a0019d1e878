import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'packages/cli/dist/bin.js');
const examples = path.join(root, 'examples');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(cwd: string, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temporary: string[] = [];

function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `backend-perf-${name}-`));
  temporary.push(dir);
  return dir;
}

/** A fresh copy of examples/ in the system temp folder (outside any git repository and ESLint config). */
function copyExamples(): string {
  const dir = tempDir('examples');
  fs.cpSync(examples, dir, { recursive: true });
  return dir;
}

function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  });
}

/** The async route of a tiny Express app with one `readFileSync` the codemod rewrites. */
const ROUTE = `'use strict';

const fs = require('fs');
const express = require('express');

const app = express();

app.get('/report', async (req, res) => {
  const text = fs.readFileSync('report.json', 'utf8');
  res.send(text);
});

module.exports = app;
`;

beforeAll(() => {
  if (!fs.existsSync(bin)) throw new Error(`build the CLI first (${bin} is missing): pnpm build`);
});

afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backend-perf check', { timeout: 240_000 }, () => {
  it('prints findings grouped by rule with the codemod that fixes them and exits 1', () => {
    const dir = copyExamples();
    const run = cli(dir, 'check');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^backend-perf\/no-sync-io \(\d+ findings\)$/mu);
    expect(run.stdout).toContain(
      '  docs: https://github.com/backend-perf/backend-perf/blob/main/docs/rules/no-sync-io.md',
    );
    expect(run.stdout).toContain('  fix:  npx backend-perf migrate fs-sync-to-async');
    expect(run.stdout).toMatch(
      /^ {2}src\/routes\/reports\.js:20:17 {2}`fs\.readdirSync` blocks the event loop on the request path/mu,
    );
    expect(run.stdout).toMatch(/^✖ \d+ findings \(\d+ errors, 0 warnings\), in \d+ files of \d+ linted\.$/mu);
    // Start-up code stays quiet: the listen callback's writeFileSync in server.js and scripts/seed.js.
    expect(run.stdout).not.toContain('writeFileSync');
    expect(run.stdout).not.toContain('scripts/seed.js');
  });

  it('prints a stable JSON report', () => {
    const dir = copyExamples();
    const run = cli(dir, 'check', '--format', 'json');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as {
      version: number;
      summary: Record<string, number>;
      rules: Record<string, { id: string; url: string; codemod: string | null }>;
      files: { path: string; findings: Record<string, unknown>[]; errors: unknown[] }[];
    };
    expect(report.version).toBe(2);
    expect(Object.keys(report.summary).sort()).toEqual([
      'errors',
      'filesLinted',
      'filesWithFindings',
      'findings',
      'notices',
      'parseErrors',
      'warnings',
    ]);
    expect(report.rules['backend-perf/no-sync-io']).toMatchObject({
      id: 'backend-perf/no-sync-io',
      codemod: 'fs-sync-to-async',
    });
    const reports = report.files.find((file) => file.path === 'src/routes/reports.js');
    expect(reports?.errors).toEqual([]);
    expect(reports?.findings).toContainEqual({
      ruleId: 'backend-perf/no-sync-io',
      severity: 'error',
      message: expect.stringContaining(
        '`fs.readdirSync` blocks the event loop on the request path',
      ) as unknown as string,
      line: 20,
      column: 17,
      endLine: 20,
      endColumn: 40,
      codemod: 'fs-sync-to-async',
    });
    for (const finding of report.files.flatMap((file) => file.findings)) {
      expect(Object.keys(finding)).toEqual([
        'ruleId',
        'severity',
        'message',
        'line',
        'column',
        'endLine',
        'endColumn',
        'codemod',
      ]);
    }
  });

  it('prints SARIF 2.1.0 with rules, results and regions', () => {
    const dir = copyExamples();
    const run = cli(dir, 'check', '--format', 'sarif');
    expect(run.status).toBe(1);
    const sarif = JSON.parse(run.stdout) as {
      $schema: string;
      version: string;
      runs: {
        tool: {
          driver: {
            name: string;
            informationUri: string;
            version: string;
            rules: { id: string; shortDescription: { text: string }; helpUri: string }[];
          };
        };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
        }[];
      }[];
    };
    expect(sarif.$schema).toMatch(/sarif.*2\.1\.0/u);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const [runResult] = sarif.runs;
    const driver = runResult!.tool.driver;
    expect(driver.name).toBe('backend-perf');
    expect(driver.informationUri).toMatch(/^https:\/\//u);
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/u);
    expect(driver.rules).toContainEqual(
      expect.objectContaining({
        id: 'backend-perf/no-sync-io',
        shortDescription: { text: expect.any(String) as unknown as string },
        helpUri: expect.stringMatching(/docs\/rules\/no-sync-io\.md$/u) as unknown as string,
      }),
    );
    expect(runResult!.results.length).toBeGreaterThan(0);
    for (const result of runResult!.results) {
      expect(driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.level).toBe('error');
      expect(result.message.text).not.toBe('');
      const location = result.locations[0]!.physicalLocation;
      expect(location.artifactLocation.uri).toMatch(/^src\/[\w/.-]+\.(?:js|ts)$/u);
      expect(Object.keys(location.region).sort()).toEqual(['endColumn', 'endLine', 'startColumn', 'startLine']);
      expect(location.region.startLine).toBeGreaterThan(0);
    }
  });

  it('exits 0 on a clean folder without any ESLint config', () => {
    const dir = tempDir('clean');
    fs.writeFileSync(
      path.join(dir, 'server.mjs'),
      "import fs from 'node:fs';\nexport async function handler() {\n  return fs.promises.readFile('x');\n}\n",
    );
    const run = cli(dir, 'check');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('No problems found in 1 file.\n');
  });

  it('lints TypeScript and ESM files and ignores dist and node_modules', () => {
    const dir = tempDir('ts');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.mkdirSync(path.join(dir, 'node_modules/dep'), { recursive: true });
    const handler = (ext: string) =>
      `import express from 'express';\nimport { readFileSync } from 'node:fs';\nconst app = express();\napp.get('/', async (req${ext === 'ts' ? ': unknown' : ''}, res) => {\n  res.send(readFileSync('a'));\n});\n`;
    fs.writeFileSync(path.join(dir, 'src/app.ts'), handler('ts'));
    fs.writeFileSync(path.join(dir, 'src/app.mjs'), handler('mjs'));
    fs.writeFileSync(path.join(dir, 'dist/app.js'), handler('js'));
    fs.writeFileSync(path.join(dir, 'node_modules/dep/index.js'), handler('js'));
    const run = cli(dir, 'check', '--format', 'json');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { files: { path: string }[]; summary: { filesLinted: number } };
    expect(report.files.map((file) => file.path)).toEqual(['src/app.mjs', 'src/app.ts']);
    expect(report.summary.filesLinted).toBe(2);
  });

  it("counts ESLint's notices apart from findings and lints files with eslint-env comments", () => {
    const dir = tempDir('notices');
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "notices" }\n');
    fs.writeFileSync(
      path.join(dir, 'legacy.js'),
      "/* eslint-env node */\n// eslint-disable-next-line no-console\nconst fs = require('fs');\n// eslint-disable-line some-plugin/rule\nmodule.exports = fs;\n",
    );
    fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), 'export default [];\n');
    const run = cli(dir, 'check');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'No problems found in 2 files. 3 ESLint notices not counted (unused disable directives and the like; --show-notices lists them).\n',
    );
    const shown = cli(dir, 'check', '--show-notices');
    expect(shown.status).toBe(0);
    expect(shown.stdout).toBe(
      [
        'ESLint notices (3 notices, not counted as findings)',
        '  legacy.js:1:1  /* eslint-env */ comments are no longer supported.',
        "  legacy.js:2:1  Unused eslint-disable directive (no problems were reported from 'no-console').",
        "  legacy.js:4:1  Definition for rule 'some-plugin/rule' was not found.",
        '',
        'No problems found in 2 files. 3 ESLint notices (not counted).',
        '',
      ].join('\n'),
    );
    const sarif = JSON.parse(cli(dir, 'check', '--format', 'sarif').stdout) as {
      runs: { results: unknown[]; invocations: { executionSuccessful: boolean }[] }[];
    };
    expect(sarif.runs[0]!.results).toEqual([]);
    expect(sarif.runs[0]!.invocations[0]!.executionSuccessful).toBe(true);
  });

  it('parses CommonJS files as CommonJS, as plain ESLint does with the plugin config', () => {
    const dir = tempDir('commonjs');
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "commonjs" }\n');
    // `protected` is a reserved word only in strict mode (ES modules).
    fs.writeFileSync(
      path.join(dir, 'routes.js'),
      `${ROUTE}const protected = ['/admin'];\nmodule.exports.protected = protected;\n`,
    );
    const run = cli(dir, 'check', '--format', 'json');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { summary: { parseErrors: number; findings: number } };
    expect(report.summary).toMatchObject({ parseErrors: 0, findings: 1 });
  });

  it('skips vendored, built and minified files and .gitignore, like migrate; --no-default-ignores takes them', () => {
    const dir = tempDir('ignores');
    git(dir, 'init', '-q');
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "ignores" }\n');
    fs.writeFileSync(path.join(dir, '.gitignore'), 'generated/\n');
    for (const file of [
      'src/app.js',
      'public/libs/htmx.min.js',
      'vendor/lib.js',
      'generated/app.js',
      'public/bundle.js',
    ]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), ROUTE);
    }
    // A bundle without a telling name: one long line.
    fs.writeFileSync(path.join(dir, 'public/bundle.js'), `${ROUTE.replaceAll('\n', ' ')}${' '.repeat(3_000)}\n`);
    type Report = { files: { path: string }[]; summary: { filesLinted: number } };
    const checked = JSON.parse(cli(dir, 'check', '--format', 'json').stdout) as Report;
    expect(checked.files.map((file) => file.path)).toEqual(['src/app.js']);
    expect(checked.summary.filesLinted).toBe(1);
    const migrated = JSON.parse(cli(dir, 'migrate', 'fs-sync-to-async', '--dry', '--json').stdout) as {
      files: { path: string; status: string }[];
    };
    expect(migrated.files.map((file) => [file.path, file.status])).toEqual([['src/app.js', 'changed']]);

    const all = JSON.parse(cli(dir, 'check', '--format', 'json', '--no-default-ignores').stdout) as Report;
    expect(all.files.map((file) => file.path)).toEqual([
      'public/bundle.js',
      'public/libs/htmx.min.js',
      'src/app.js',
      'vendor/lib.js',
    ]);
    const allMigrated = JSON.parse(
      cli(dir, 'migrate', 'fs-sync-to-async', '--dry', '--json', '--no-default-ignores').stdout,
    ) as { files: { path: string; status: string }[] };
    expect(allMigrated.files.map((file) => file.path)).toEqual(all.files.map((file) => file.path));

    const named = JSON.parse(cli(dir, 'migrate', 'fs-sync-to-async', 'vendor/lib.js', '--dry', '--json').stdout) as {
      files: { path: string; status: string; reason?: string }[];
    };
    expect(named.files).toEqual([
      { path: 'vendor/lib.js', status: 'skipped', reports: [], reason: 'ignored: in a vendor folder' },
    ]);
  });

  it('says in one line that a plugin of the user config does not work with this ESLint', () => {
    const dir = tempDir('old-plugin');
    fs.writeFileSync(path.join(dir, 'app.js'), ROUTE);
    fs.writeFileSync(
      path.join(dir, 'eslint.config.mjs'),
      "const old = { rules: { spacing: { create: (context) => ({ Program: (node) => context.getSourceCode().isSpaceBetweenTokens(node, node) }) } } };\nexport default [{ plugins: { old }, rules: { 'old/spacing': 'error' } }];\n",
    );
    const run = cli(dir, 'check');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    // ESLint reads and lints the files concurrently: the error names whichever of the two files failed first.
    expect(run.stderr).toMatch(
      /^backend-perf check: the rule "old\/spacing" of your ESLint config does not work with ESLint \d+\.\d+\.\d+ \(context\.getSourceCode is not a function, while linting .*(?:app\.js|eslint\.config\.mjs):1\)\. Upgrade it, or run with --no-config-lookup to check with backend-perf's rules alone\.\n$/u,
    );
    expect(cli(dir, 'check', '--no-config-lookup').status).toBe(1);
  });

  it("respects the folder's own eslint.config.mjs, and --no-config-lookup ignores it", () => {
    const dir = copyExamples();
    fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), "export default [{ rules: { 'no-var': 'error' } }];\n");
    fs.writeFileSync(path.join(dir, 'src/legacy.js'), "'use strict';\nvar answer = 42;\nmodule.exports = answer;\n");
    const withConfig = cli(dir, 'check');
    expect(withConfig.status).toBe(1);
    expect(withConfig.stdout).toContain('backend-perf/no-sync-io (');
    expect(withConfig.stdout).toMatch(/^no-var \(1 finding\)$/mu);
    expect(withConfig.stdout).toContain('  src/legacy.js:2:1  Unexpected var, use let or const instead.');
    // Our groups come before the user's.
    expect(withConfig.stdout.indexOf('backend-perf/no-sync-io')).toBeLessThan(withConfig.stdout.indexOf('no-var'));

    const alone = cli(dir, 'check', '--no-config-lookup');
    expect(alone.status).toBe(1);
    expect(alone.stdout).toContain('backend-perf/no-sync-io (');
    expect(alone.stdout).not.toContain('no-var');
  });

  it("lets the folder's own config turn our rules off and ignore files, also from a subfolder", () => {
    const dir = copyExamples();
    fs.writeFileSync(
      path.join(dir, 'eslint.config.mjs'),
      "export default [{ ignores: ['src/server.js'] }, { files: ['src/routes/**'], rules: { 'backend-perf/no-sync-io': 'off' } }];\n",
    );
    const run = cli(dir, 'check', '--strict', '--format', 'json');
    // Files with a no-sync-io finding (the other rules report elsewhere in examples/ and are not at issue here).
    type Report = { files: { path: string; findings: { ruleId: string }[] }[] };
    const syncIoPaths = (report: Report) =>
      report.files
        .filter((file) => file.findings.some((finding) => finding.ruleId === 'backend-perf/no-sync-io'))
        .map((file) => file.path);
    const report = JSON.parse(run.stdout) as Report;
    expect(syncIoPaths(report)).toEqual(['src/lib/templates.ts']);
    expect(report.files.map((file) => file.path)).not.toContain('src/server.js');
    const fromSubfolder = JSON.parse(
      cli(path.join(dir, 'src'), 'check', '--strict', '--format', 'json').stdout,
    ) as Report;
    expect(syncIoPaths(fromSubfolder)).toEqual(['lib/templates.ts']);
  });

  it('reports a file that does not parse and exits 2', () => {
    const dir = copyExamples();
    fs.writeFileSync(path.join(dir, 'src/broken.js'), 'const = ;\n');
    const run = cli(dir, 'check');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('Could not lint (1 file)');
    expect(run.stdout).toMatch(/^ {2}src\/broken\.js:1:\d+ {2}Parsing error: /mu);
    expect(run.stdout).toMatch(/, 1 parse error\.$/mu);
    expect(run.stdout).toContain('backend-perf/no-sync-io (');
  });

  it('selects the strict config', () => {
    const dir = tempDir('strict');
    fs.writeFileSync(
      path.join(dir, 'lib.js'),
      "const fs = require('fs');\nasync function load() {\n  return fs.readFileSync('a');\n}\nmodule.exports = load;\n",
    );
    expect(cli(dir, 'check').status).toBe(0);
    const strict = cli(dir, 'check', '--config', 'strict');
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('  lib.js:3:10  ');
    expect(cli(dir, 'check', '--strict').status).toBe(1);
  });

  it('writes the report to --output and prints the summary', () => {
    const dir = copyExamples();
    const run = cli(dir, 'check', '--format', 'sarif', '--output', 'reports/check.sarif');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^✖ \d+ findings .*\nReport written to reports\/check\.sarif\n$/u);
    expect(JSON.parse(read(dir, 'reports/check.sarif'))).toMatchObject({ version: '2.1.0' });
  });

  it('lints in ESLint worker threads with --concurrency', () => {
    const dir = copyExamples();
    const serial = cli(dir, 'check', '--format', 'json');
    const parallel = cli(dir, 'check', '--format', 'json', '--concurrency', '2');
    // ESLint may warn that a few files lint faster without threads; nothing else goes to stderr.
    expect(parallel.stderr.replace(/^.*ESLintPoorConcurrencyWarning.*\n(?:.*--trace-warnings.*\n)?/mu, '')).toBe('');
    expect(parallel.status).toBe(1);
    expect(parallel.stdout).toBe(serial.stdout);
  });

  it('passes --cache and --cache-location to ESLint', () => {
    const dir = copyExamples();
    const first = cli(dir, 'check', '--format', 'json', '--cache', '--cache-location', '.cache-dir/eslint');
    expect(first.status).toBe(1);
    const cache = JSON.parse(read(dir, '.cache-dir/eslint')) as unknown[];
    expect(JSON.stringify(cache)).toContain('src/routes/reports.js');
    // A second run reads the cache and reports the same findings.
    const second = cli(dir, 'check', '--format', 'json', '--cache', '--cache-location', '.cache-dir/eslint');
    expect(second.stdout).toBe(first.stdout);
    expect(fs.existsSync(path.join(dir, '.eslintcache'))).toBe(false);
    // With ESLint's worker threads too (the graph's fingerprint is computed before they start).
    const parallel = cli(dir, 'check', '--format', 'json', '--cache', '--concurrency', '2');
    expect(parallel.status).toBe(1);
    expect(parallel.stdout).toBe(first.stdout);
  });

  it('exits 2 on bad arguments and when no files match', () => {
    const dir = tempDir('args');
    expect(cli(dir, 'check', '--format', 'xml')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('unknown format "xml"') as unknown as string,
    });
    expect(cli(dir, 'check', '--bogus').status).toBe(2);
    const empty = cli(dir, 'check');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/No files matching/u);
  });
});

describe('backend-perf migrate', { timeout: 240_000 }, () => {
  it('--dry prints a unified diff and writes nothing', () => {
    const dir = copyExamples();
    const before = read(dir, 'src/routes/reports.js');
    const run = cli(dir, 'migrate', 'fs-sync-to-async', '--dry');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--- a/src/routes/reports.js\n+++ b/src/routes/reports.js\n');
    expect(run.stdout).toMatch(/^-\s+const names = readdirSync\(REPORT_DIR\)/mu);
    expect(run.stdout).toMatch(/^\+\s+const names = \(await readdir\(REPORT_DIR\)\)/mu);
    expect(run.stdout).toMatch(/^\+\s+const body = await readFile\(/mu);
    expect(run.stderr).toMatch(/^Running fs-sync-to-async on \d+ files \(dry run\)$/mu);
    expect(run.stderr).toMatch(/^2 would change, \d+ unchanged, 0 failed, \d+ reports\.$/mu);
    expect(run.stdout).toContain('--- a/src/lib/templates.ts\n+++ b/src/lib/templates.ts\n');
    expect(read(dir, 'src/routes/reports.js')).toBe(before);
  });

  it('refuses a dirty git work tree with exit 2 and runs with --force', () => {
    const dir = copyExamples();
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'initial');
    fs.appendFileSync(path.join(dir, 'src/config.js'), '\n// local edit\n');
    const before = read(dir, 'src/routes/reports.js');

    const refused = cli(dir, 'migrate', 'fs-sync-to-async');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('refusing to migrate: the git work tree has uncommitted changes');
    expect(refused.stderr).toContain('src/config.js');
    expect(refused.stderr).toContain('--force');
    expect(read(dir, 'src/routes/reports.js')).toBe(before);

    // A path whose own files are clean is fine even when the rest of the repository is not.
    expect(cli(dir, 'migrate', 'fs-sync-to-async', 'src/routes').status).toBe(0);
    git(dir, 'checkout', '-q', '--', 'src/routes');

    // --dry needs no clean tree.
    expect(cli(dir, 'migrate', 'fs-sync-to-async', '--dry').status).toBe(0);

    const forced = cli(dir, 'migrate', 'fs-sync-to-async', '--force');
    expect(forced.status).toBe(0);
    expect(read(dir, 'src/routes/reports.js')).toContain('(await readdir(REPORT_DIR))');
  });

  it('reports a file with a syntax error while the others migrate, exit 1', () => {
    const dir = tempDir('broken');
    fs.writeFileSync(path.join(dir, 'good.js'), ROUTE);
    fs.writeFileSync(path.join(dir, 'broken.js'), "const fs = require('fs');\nasync function f( {\n");
    const run = cli(dir, 'migrate', 'fs-sync-to-async');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^broken\.js: parse error at \d+:\d+: '\}' expected\.$/mu);
    expect(run.stderr).toMatch(/^1 changed, 0 unchanged, 1 failed, 0 reports\.$/mu);
    expect(read(dir, 'good.js')).toContain("await fs.promises.readFile('report.json', 'utf8')");
    expect(read(dir, 'broken.js')).toBe("const fs = require('fs');\nasync function f( {\n");
    expect(fs.readdirSync(dir).sort()).toEqual(['broken.js', 'good.js']);
  });

  it('keeps CRLF line endings, the file mode and untouched files byte for byte', () => {
    const dir = tempDir('crlf');
    const crlf = ROUTE.replace(/\n/gu, '\r\n');
    fs.writeFileSync(path.join(dir, 'route.js'), crlf);
    fs.chmodSync(path.join(dir, 'route.js'), 0o640);
    const untouched = '// nothing to do here  \r\nmodule.exports = 1;\n';
    fs.writeFileSync(path.join(dir, 'other.js'), untouched);
    const run = cli(dir, 'migrate', 'fs-sync-to-async');
    expect(run.status).toBe(0);
    const output = read(dir, 'route.js');
    expect(output).toContain("await fs.promises.readFile('report.json', 'utf8')");
    expect(output.replace(/\r\n/gu, '')).not.toContain('\n');
    expect(output).toBe(
      crlf.replace("fs.readFileSync('report.json', 'utf8')", "await fs.promises.readFile('report.json', 'utf8')"),
    );
    expect(fs.statSync(path.join(dir, 'route.js')).mode & 0o777).toBe(0o640);
    expect(read(dir, 'other.js')).toBe(untouched);
  });

  it('--json prints a machine-readable report', () => {
    const dir = tempDir('json');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/good.js'), ROUTE);
    fs.writeFileSync(path.join(dir, 'src/plain.js'), 'module.exports = 1;\n');
    fs.writeFileSync(path.join(dir, 'src/broken.js'), 'const = ;\n');
    fs.writeFileSync(
      path.join(dir, 'src/sync.js'),
      "const fs = require('fs');\nconst express = require('express');\nconst app = express();\napp.get('/', (req, res) => {\n  res.send(fs.readFileSync('a'));\n});\n",
    );
    const run = cli(dir, 'migrate', 'fs-sync-to-async', '--json', '--dry');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as {
      version: number;
      codemods: string[];
      dry: boolean;
      shard: string | null;
      files: { path: string; status: string; reports: string[]; reason?: string; diff?: string }[];
      totals: Record<string, number>;
    };
    expect(report).toMatchObject({ version: 1, codemods: ['fs-sync-to-async'], dry: true, shard: null });
    expect(report.totals).toEqual({ files: 4, changed: 1, unchanged: 2, failed: 1, skipped: 0, reports: 1 });
    const byPath = Object.fromEntries(report.files.map((file) => [file.path, file]));
    expect(byPath['src/good.js']).toMatchObject({ status: 'changed', reports: [] });
    expect(byPath['src/good.js']?.diff).toContain('+++ b/src/good.js');
    expect(byPath['src/plain.js']).toEqual({ path: 'src/plain.js', status: 'unchanged', reports: [] });
    expect(byPath['src/broken.js']).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^parse error at 1:\d+: /u) as unknown as string,
    });
    expect(byPath['src/sync.js']?.status).toBe('unchanged');
    expect(byPath['src/sync.js']?.reports).toEqual([
      'src/sync.js:5:12: left for review: it is in a synchronous function: awaiting it there would make the function return a promise, so its callers have to change first',
    ]);
  });

  it("applies settings['backend-perf'] from the folder's eslint.config.mjs, unless --no-config-lookup", () => {
    const dir = copyExamples();
    fs.writeFileSync(
      path.join(dir, 'eslint.config.mjs'),
      "export default [{ settings: { 'backend-perf': { startupFiles: ['src/routes/**'] } } }];\n",
    );
    const changedFiles = (run: Run) =>
      (JSON.parse(run.stdout) as { files: { path: string; status: string }[] }).files
        .filter((file) => file.status === 'changed')
        .map((file) => file.path);
    // The routes count as start-up code now, and so does the TypeScript helper that only they call.
    expect(changedFiles(cli(dir, 'migrate', 'fs-sync-to-async', '--dry', '--json'))).toEqual([]);
    const check = cli(dir, 'check', '--format', 'json');
    const paths = (JSON.parse(check.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] }).files
      .filter((file) => file.findings.some((finding) => finding.ruleId === 'backend-perf/no-sync-io'))
      .map((file) => file.path);
    expect(paths).toEqual(['src/server.js']);

    expect(changedFiles(cli(dir, 'migrate', 'fs-sync-to-async', '--dry', '--json', '--no-config-lookup'))).toEqual([
      'src/lib/templates.ts',
      'src/routes/reports.js',
    ]);
  });

  it('migrates TypeScript files', () => {
    const dir = tempDir('ts-migrate');
    const source =
      "import { readFileSync } from 'node:fs';\nimport express, { type Request } from 'express';\n\nconst app = express();\n\napp.get('/', async (req: Request, res) => {\n  res.send(readFileSync('a.txt', 'utf8') as string);\n});\n";
    fs.writeFileSync(path.join(dir, 'app.ts'), source);
    const run = cli(dir, 'migrate', 'fs-sync-to-async');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^1 changed, 0 unchanged, 0 failed, 0 reports\.$/mu);
    expect(read(dir, 'app.ts')).toContain("res.send(await readFile('a.txt', 'utf8') as string);");
  });

  it('splits the files with --shard i/n', () => {
    const dir = copyExamples();
    // The source files each shard migrates; what multi-file codemods add besides them (package.json entries, a
    // generated shared module, run-level reports under ".") is the same in every shard, by design.
    type Report = { shard: string; files: { path: string; created?: boolean }[] };
    const ownFiles = (report: Report) =>
      report.files
        .filter((file) => file.path !== '.' && !file.created && !file.path.endsWith('package.json'))
        .map((file) => file.path);
    const shards = ['1/2', '2/2'].map((shard) => {
      const report = JSON.parse(cli(dir, 'migrate', '--all', '--dry', '--json', '--shard', shard).stdout) as Report;
      expect(report.shard).toBe(shard);
      return ownFiles(report);
    });
    const all = ownFiles(JSON.parse(cli(dir, 'migrate', '--all', '--dry', '--json').stdout) as Report);
    expect(shards[0]!.length).toBeGreaterThan(0);
    expect([...shards[0]!, ...shards[1]!].sort()).toEqual([...all].sort());
    expect(shards[0]!.filter((file) => shards[1]!.includes(file))).toEqual([]);
  });

  it('exits 2 for an unknown codemod, a missing codemod and a foreign option', () => {
    const dir = copyExamples();
    const unknown = cli(dir, 'migrate', 'sync-to-nothing', '--dry');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('"sync-to-nothing" is neither a codemod nor an existing path');
    expect(cli(dir, 'migrate', 'src', '--dry').status).toBe(2);
    expect(cli(dir, 'migrate', 'fs-sync-to-async', '--dry', '--bogus').status).toBe(2);
  });
});

describe('backend-perf migrate at scale', { timeout: 240_000 }, () => {
  it('gives the same diffs on a worker pool as in one thread, and --quiet keeps only diffs and errors', () => {
    const dir = copyExamples();
    const single = cli(dir, 'migrate', '--all', '--dry', '--workers', '1');
    const pooled = cli(dir, 'migrate', '--all', '--dry', '--workers', '2', '--quiet');
    expect(single.status).toBe(0);
    expect(pooled.status).toBe(0);
    expect(single.stdout).toContain('+++ b/src/routes/reports.js');
    expect(pooled.stdout).toBe(single.stdout);
    expect(pooled.stderr).toBe('');
    expect(single.stderr).toMatch(/^Files:\n {2}would change +\d+$/mu);
    expect(single.stderr).toMatch(/^Time: .+ files\/s, 1 worker\.$/mu);
    // stderr is a pipe here: no progress bar.
    expect(single.stderr).not.toContain('\r');
  });
});

describe('backend-perf list, --help and --version', { timeout: 240_000 }, () => {
  it('lists rules and codemods', () => {
    const run = cli(root, 'list');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ {2}no-sync-io +recommended +.+\[codemod: fs-sync-to-async\]$/mu);
    expect(run.stdout).toMatch(/^ {2}fs-sync-to-async +.+\[fixes: no-sync-io\]$/mu);
    const json = JSON.parse(cli(root, 'list', '--json').stdout) as {
      rules: { name: string; codemod: string }[];
      codemods: { name: string; rules: string[] }[];
    };
    expect(json.rules).toContainEqual(expect.objectContaining({ name: 'no-sync-io', codemod: 'fs-sync-to-async' }));
    expect(json.codemods).toContainEqual(expect.objectContaining({ name: 'fs-sync-to-async', rules: ['no-sync-io'] }));
  });

  it('prints help and the version', () => {
    const version = (
      JSON.parse(fs.readFileSync(path.join(root, 'packages/cli/package.json'), 'utf8')) as { version: string }
    ).version;
    expect(cli(root, '--version')).toMatchObject({ status: 0, stdout: `${version}\n` });
    expect(cli(root, '--help').stdout).toContain('Usage: backend-perf <command>');
    expect(cli(root, 'check', '--help').stdout).toContain('Usage: backend-perf check');
    expect(cli(root, 'migrate', '--help').stdout).toContain('--annotate');
    expect(cli(root, 'list', '--help').stdout).toContain('Usage: backend-perf list');
    expect(cli(root, 'frobnicate').status).toBe(2);
  });
});
