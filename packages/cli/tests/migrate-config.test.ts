// `migrate` rewrites exactly the sites `check` reports with the same configuration: the user's ESLint config over
// the plugin config `--config` names, with its disable comments, rules turned off, rule options and ignores.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MigrateReport } from '../src/commands/migrate.js';
import { cli, scratchProjects } from './projects.js';

const project = scratchProjects(os.tmpdir(), 'backend-perf-migrate-config-');

/** `check --format json`: the lines of each file's findings of the plugin's rules, by rule. */
async function checkedLines(cwd: string, ...args: string[]): Promise<Record<string, number[]>> {
  const run = await cli(cwd, 'check', '-f', 'json', ...args);
  const report = JSON.parse(run.out) as {
    files: { path: string; findings: { ruleId: string | null; line: number }[] }[];
  };
  const lines: Record<string, number[]> = {};
  for (const file of report.files) {
    for (const finding of file.findings) {
      // ESLint's own notices (an unused disable comment) have no rule.
      if (finding.ruleId !== null) (lines[`${file.path} ${finding.ruleId}`] ??= []).push(finding.line);
    }
  }
  return lines;
}

async function migrateJson(cwd: string, ...args: string[]): Promise<MigrateReport & { code: number; err: string }> {
  const run = await cli(cwd, 'migrate', '--workers', '1', '--json', ...args);
  return { ...(JSON.parse(run.out) as MigrateReport), code: run.code, err: run.err };
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

const handler = [
  "const fs = require('fs');",
  "const app = require('express')();",
  "app.get('/a', async (req, res) => {",
  '  // eslint-disable-next-line backend-perf/no-sync-io',
  "  const a = fs.readFileSync('a');",
  "  const b = fs.readFileSync('b');",
  '  res.send(a + b);',
  '});',
  'async function helper() {',
  "  return fs.readFileSync('c');",
  '}',
  'module.exports = { helper };',
  '',
].join('\n');

const cache = [
  "const app = require('express')();",
  'const users = new Map();',
  "app.get('/u/:id', async (req, res) => {",
  '  if (!users.has(req.params.id)) users.set(req.params.id, await load(req.params.id));',
  '  res.send(users.get(req.params.id));',
  '});',
  'async function load(id) {',
  '  return { id };',
  '}',
  '',
].join('\n');

describe('migrate rewrites the sites check reports', { timeout: 60_000 }, () => {
  it('leaves a line an eslint-disable comment silences, and code check does not report under the config', async () => {
    const dir = project({ 'a.js': handler });
    expect(await checkedLines(dir, '--no-config-lookup')).toEqual({ 'a.js backend-perf/no-sync-io': [6] });
    expect(await cli(dir, 'migrate', 'fs-sync-to-async', '--quiet', '--no-config-lookup', '--workers', '1')).toEqual({
      code: 0,
      out: '',
      err: '',
    });
    expect(read(dir, 'a.js')).toBe(
      handler.replace("const b = fs.readFileSync('b')", "const b = await fs.promises.readFile('b')"),
    );
    expect(await checkedLines(dir, '--no-config-lookup')).toEqual({});
  });

  it('takes --config as check does: strict also rewrites what strict reports', async () => {
    const dir = project({ 'a.js': handler });
    expect(await checkedLines(dir, '--no-config-lookup', '--config', 'strict')).toEqual({
      'a.js backend-perf/no-sync-io': [6, 10],
    });
    expect((await cli(dir, 'migrate', 'fs-sync-to-async', '--strict', '--quiet', '--no-config-lookup')).code).toBe(0);
    expect(read(dir, 'a.js')).toBe(
      handler
        .replace("const b = fs.readFileSync('b')", "const b = await fs.promises.readFile('b')")
        .replace("return fs.readFileSync('c')", "return await fs.promises.readFile('c')"),
    );
    expect(await checkedLines(dir, '--no-config-lookup', '--config', 'strict')).toEqual({});
  });

  it('names the --config that enables a codemod whose rules the config leaves off, and changes nothing', async () => {
    const dir = project({ 'users.js': cache });
    expect(await checkedLines(dir, '--no-config-lookup')).toEqual({});
    const run = await cli(dir, 'migrate', 'cache-to-lru', '--quiet', '--no-config-lookup');
    expect(run).toEqual({
      code: 0,
      out: '',
      err:
        'cache-to-lru changed nothing: its rule backend-perf/no-unbounded-cache is not enabled by the configuration, ' +
        'so check reports no site for it; pass --config strict (to check and migrate alike).\n',
    });
    expect(read(dir, 'users.js')).toBe(cache);
    const report = await migrateJson(dir, 'cache-to-lru', '--no-config-lookup');
    expect(report).toMatchObject({
      codemods: [],
      notEnabled: [
        {
          codemod: 'cache-to-lru',
          rules: ['no-unbounded-cache'],
          enable: 'pass --config strict (to check and migrate alike)',
        },
      ],
      totals: { changed: 0, unchanged: 1 },
    });

    expect(await checkedLines(dir, '--no-config-lookup', '--config', 'strict')).toEqual({
      'users.js backend-perf/no-unbounded-cache': [2],
    });
    const strict = await migrateJson(dir, 'cache-to-lru', '--config', 'strict', '--dry', '--no-config-lookup');
    expect(strict).toMatchObject({ codemods: ['cache-to-lru'], notEnabled: [], totals: { changed: 1 } });
  });

  it('refuses --strict with another --config, and an unknown config', async () => {
    const dir = project({ 'a.js': handler });
    expect(await cli(dir, 'migrate', 'fs-sync-to-async', '--strict', '--config', 'all')).toEqual({
      code: 2,
      out: '',
      err: 'backend-perf: --strict conflicts with --config all\nRun "backend-perf migrate --help" for usage.\n',
    });
    expect(await cli(dir, 'migrate', 'fs-sync-to-async', '--config', 'loose')).toEqual({
      code: 2,
      out: '',
      err:
        'backend-perf: unknown config "loose"; expected one of recommended, strict, all\n' +
        'Run "backend-perf migrate --help" for usage.\n',
    });
  });

  it('--all runs the codemods of the enabled rules only, without a word about the others', async () => {
    const dir = project({ 'a.js': handler, 'users.js': cache });
    const report = await migrateJson(dir, '--all', '--dry', '--no-config-lookup');
    expect(report.notEnabled).toEqual([]);
    expect(report.codemods).not.toContain('cache-to-lru');
    expect(report.codemods).toContain('fs-sync-to-async');
    expect(report.files.map((file) => [file.path, file.status])).toEqual([
      ['a.js', 'changed'],
      ['users.js', 'unchanged'],
    ]);
    const all = await migrateJson(dir, '--all', '--config', 'all', '--dry', '--no-config-lookup');
    expect(all.codemods).toContain('cache-to-lru');
    expect(all.files.map((file) => [file.path, file.status])).toEqual([
      ['a.js', 'changed'],
      ['users.js', 'changed'],
    ]);
  });
});

describe("the user's ESLint config", { timeout: 60_000 }, () => {
  it('a rule turned off for every file: the codemod changes nothing and says which line enables it', async () => {
    const dir = project({
      'eslint.config.mjs': "export default [{ rules: { 'backend-perf/no-sync-io': 'off' } }];\n",
      'a.js': handler,
    });
    expect(await checkedLines(dir)).toEqual({});
    expect(await cli(dir, 'migrate', 'fs-sync-to-async', '--quiet')).toEqual({
      code: 0,
      out: '',
      err:
        'fs-sync-to-async changed nothing: its rule backend-perf/no-sync-io is not enabled by the configuration, so ' +
        "check reports no site for it; turn it on in eslint.config.mjs (rules: { 'backend-perf/no-sync-io': " +
        "'error' }).\n",
    });
    expect(read(dir, 'a.js')).toBe(handler);
  });

  it('a rule turned off for some files, and files the config ignores, are left as check leaves them', async () => {
    const dir = project({
      'eslint.config.mjs': [
        'export default [',
        "  { ignores: ['generated/**'] },",
        "  { files: ['legacy/**'], rules: { 'backend-perf/no-sync-io': 'off' } },",
        '];',
        '',
      ].join('\n'),
      'src/a.js': handler,
      'legacy/a.js': handler,
      'generated/a.js': handler,
    });
    expect(await checkedLines(dir)).toEqual({ 'src/a.js backend-perf/no-sync-io': [6] });
    const report = await migrateJson(dir, 'fs-sync-to-async');
    expect(report.notEnabled).toEqual([]);
    expect(report.files.map((file) => [file.path, file.status])).toEqual([
      ['generated/a.js', 'skipped'],
      ['eslint.config.mjs', 'unchanged'],
      ['legacy/a.js', 'unchanged'],
      ['src/a.js', 'changed'],
    ]);
    expect(read(dir, 'legacy/a.js')).toBe(handler);
    expect(read(dir, 'generated/a.js')).toBe(handler);
    expect(await checkedLines(dir)).toEqual({});
  });

  it("rule options apply: the config's checkUnknownContext makes both commands take the helper", async () => {
    const dir = project({
      'eslint.config.mjs':
        "export default [{ rules: { 'backend-perf/no-sync-io': ['error', { checkUnknownContext: true }] } }];\n",
      'a.js': handler,
    });
    expect(await checkedLines(dir)).toEqual({ 'a.js backend-perf/no-sync-io': [6, 10] });
    expect((await cli(dir, 'migrate', 'fs-sync-to-async', '--quiet')).code).toBe(0);
    expect(await checkedLines(dir)).toEqual({});
    expect(read(dir, 'a.js')).toContain("return await fs.promises.readFile('c');");
  });

  it('a file-wide eslint-disable comment leaves the whole file', async () => {
    const disabled = `/* eslint-disable backend-perf/no-sync-io */\n${handler}`;
    const dir = project({ 'eslint.config.mjs': 'export default [];\n', 'a.js': disabled });
    expect(await checkedLines(dir)).toEqual({});
    expect(await migrateJson(dir, 'fs-sync-to-async', '--dry')).toMatchObject({
      notEnabled: [],
      totals: { changed: 0, unchanged: 2 },
    });
  });
});
