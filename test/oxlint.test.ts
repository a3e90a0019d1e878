// Oxlint as a host of the plugin: `backend-perf check --engine oxlint` runs the same rules under Oxlint's JavaScript
// plugins (oxlint is a devDependency of the workspace). Both engines must give the same findings, position for
// position, on examples/ and on the real-code subset of the corpus (bench/corpus.mjs, fetched with `npm pack`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { ensureCorpus, SUBSET } from '../bench/corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'packages/cli/dist/bin.js');
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

interface Report {
  readonly summary: { readonly filesLinted: number; readonly findings: number; readonly parseErrors: number };
  readonly files: readonly {
    readonly path: string;
    readonly findings: readonly Record<string, unknown>[];
    readonly errors: readonly Record<string, unknown>[];
  }[];
}

function check(cwd: string, ...args: string[]): Report {
  const run = spawnSync(
    process.execPath,
    [bin, 'check', '--no-config-lookup', '--config', 'all', '--format', 'json', ...args],
    { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`check ${args.join(' ')} exited ${run.status}\n${run.stderr}`);
  return JSON.parse(run.stdout) as Report;
}

/** Every finding as one comparable line. */
function findings(report: Report): string[] {
  return report.files.flatMap((file) =>
    file.findings.map(
      (finding) =>
        `${file.path}:${String(finding['line'])}:${String(finding['column'])}-${String(finding['endLine'])}:${String(finding['endColumn'])} ${String(finding['ruleId'])} ${String(finding['message'])}`,
    ),
  );
}

describe('ESLint and Oxlint give the same findings', { timeout: 600_000 }, () => {
  it('on examples/', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-oxlint-'));
    temporary.push(dir);
    fs.cpSync(path.join(root, 'examples'), dir, { recursive: true });
    const eslint = check(dir);
    const oxlint = check(dir, '--engine', 'oxlint');
    expect(eslint.summary.findings).toBeGreaterThan(30);
    expect(oxlint.summary).toEqual(eslint.summary);
    expect(findings(oxlint)).toEqual(findings(eslint));
    expect(findings(oxlint)).toHaveLength(eslint.summary.findings);
  });

  it("with the shipped .oxlintrc.json preset and Oxlint's own command line", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-oxlintrc-'));
    temporary.push(dir);
    fs.cpSync(path.join(root, 'examples'), dir, { recursive: true });
    // As after `npm install --save-dev oxlint eslint-plugin-backend-perf` and the README's `cp`.
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(
      path.join(root, 'packages/eslint-plugin'),
      path.join(dir, 'node_modules/eslint-plugin-backend-perf'),
    );
    fs.copyFileSync(
      path.join(root, 'packages/eslint-plugin/oxlint/recommended.json'),
      path.join(dir, '.oxlintrc.json'),
    );
    const oxlintBin = path.join(root, 'node_modules/oxlint/bin/oxlint');
    const run = spawnSync(process.execPath, [oxlintBin, '--format', 'json', '-A', 'all'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const diagnostics = (
      JSON.parse(run.stdout) as {
        diagnostics: {
          code?: string;
          filename: string;
          message: string;
          labels: { span: { line: number; column: number } }[];
        }[];
      }
    ).diagnostics.filter((diagnostic) => diagnostic.code?.startsWith('backend-perf('));
    const oxlint = diagnostics
      .map(
        (diagnostic) =>
          `${diagnostic.filename}:${diagnostic.labels[0]!.span.line}:${diagnostic.labels[0]!.span.column} ${diagnostic.code!.replace(/^backend-perf\((.*)\)$/u, 'backend-perf/$1')} ${diagnostic.message}`,
      )
      .sort();
    const eslint = check(dir, '--config', 'recommended')
      .files.flatMap((file) =>
        file.findings.map(
          (finding) =>
            `${file.path}:${String(finding['line'])}:${String(finding['column'])} ${String(finding['ruleId'])} ${String(finding['message'])}`,
        ),
      )
      .sort();
    expect(eslint.length).toBeGreaterThan(10);
    expect(oxlint).toEqual(eslint);
  });

  it('on the real-code subset of the corpus', () => {
    const folders = (ensureCorpus as (specs: readonly string[], options: object) => string[])(
      SUBSET as readonly string[],
      { log: () => {} },
    );
    let total = 0;
    for (const folder of folders) {
      const eslint = check(folder, '--no-default-ignores');
      const oxlint = check(folder, '--no-default-ignores', '--engine', 'oxlint');
      // ESLint also lints declaration files (`.d.ts`, never a finding) and reports its own notices (unused disable
      // directives); the findings and parse errors are the same.
      expect(oxlint.summary.findings, folder).toBe(eslint.summary.findings);
      expect(oxlint.summary.parseErrors, folder).toBe(eslint.summary.parseErrors);
      expect(findings(oxlint), folder).toEqual(findings(eslint));
      total += eslint.summary.findings;
    }
    expect(total).toBeGreaterThan(0);
  });
});
