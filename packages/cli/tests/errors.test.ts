// Errors the user can act on: one line and exit 2 for what the user asked wrongly, never a stack trace or a hang.
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scratchProjects } from './projects.js';

const project = scratchProjects(os.tmpdir(), 'backend-perf-errors-');

const handler = "const fs = require('fs');\nexports.h = async (req, res) => res.send(fs.readFileSync('x'));\n";

describe('check --output', () => {
  it('says in one line why the report cannot be written, with exit 2', async () => {
    const dir = project({ 'a.js': handler, 'reports/.keep': '' });
    expect(await cli(dir, 'check', '--no-config-lookup', '-o', 'reports', 'a.js')).toEqual({
      code: 2,
      out: '',
      err:
        `backend-perf check: cannot write the report to reports: EISDIR: illegal operation on a directory, open ` +
        `'${path.join(dir, 'reports')}'\n`,
    });
    expect(await cli(dir, 'check', '--no-config-lookup', '-o', '/dev/full', 'a.js')).toEqual({
      code: 2,
      out: '',
      err: 'backend-perf check: cannot write the report to /dev/full: ENOSPC: no space left on device, write\n',
    });
    // `mkdir -p` under /proc never returns in Node; the report's folders are created one by one.
    expect(await cli(dir, 'check', '--no-config-lookup', '-o', '/proc/backend-perf/report.json', 'a.js')).toEqual({
      code: 2,
      out: '',
      err:
        'backend-perf check: cannot write the report to /proc/backend-perf/report.json: ENOENT: no such file or ' +
        "directory, mkdir '/proc/backend-perf'\n",
    });
  });
});

describe('codemod options', () => {
  it('refuses numbers the option does not allow instead of using the default', async () => {
    const dir = project({ 'memo.js': 'const memo = {};\nexports.put = (k, v) => { memo[k] = v; };\n' });
    const usage = (message: string) => ({
      code: 2,
      out: '',
      err: `backend-perf: ${message}\nRun "backend-perf migrate --help" for usage.\n`,
    });
    expect(await cli(dir, 'migrate', 'cache-to-lru', '--dry', '--max', '0')).toEqual(
      usage('--max expects a whole number >= 1, got "0"'),
    );
    expect(await cli(dir, 'migrate', 'cache-to-lru', '--dry', '--ttl=-100')).toEqual(
      usage('--ttl expects a whole number >= 0, got "-100"'),
    );
    expect(await cli(dir, 'migrate', 'cache-to-lru', '--dry', '--max', '2.5')).toEqual(
      usage('--max expects a whole number, got "2.5"'),
    );
    expect(await cli(dir, 'migrate', 'redis-keys-to-scan', '--dry', '--count', '0')).toEqual(
      usage('--count expects a whole number >= 1, got "0"'),
    );
  });
});

describe('ESLint config errors', () => {
  const withConfig = (config: string) => project({ 'eslint.config.js': config, 'a.js': handler });

  it('migrate accepts what check accepts: plugin rules configured without the plugin object', async () => {
    const dir = withConfig("module.exports = [{ rules: { 'backend-perf/no-sync-io': 'error' } }];\n");
    // The exported `(req, res)` function counts as a handler: one finding, and no configuration error.
    expect(await cli(dir, 'check', 'a.js')).toMatchObject({ code: 1, err: '' });
    expect(await cli(dir, 'migrate', 'fs-sync-to-async', '--dry', '--quiet', 'a.js')).toMatchObject({
      code: 0,
      err: '',
    });
  });

  it('an invalid rule option: the same one line from check and migrate, exit 2', async () => {
    const dir = withConfig("module.exports = [{ rules: { 'backend-perf/no-sync-io': ['error', { bogus: 1 }] } }];\n");
    const message =
      'Key "rules": Key "backend-perf/no-sync-io": Value {"checkUnknownContext":false,"bogus":1} should NOT have ' +
      'additional properties. Unexpected property "bogus". Expected properties: "checkUnknownContext".';
    expect(await cli(dir, 'check', 'a.js')).toEqual({ code: 2, out: '', err: `backend-perf check: ${message}\n` });
    expect(await cli(dir, 'migrate', 'fs-sync-to-async', '--dry', '--quiet', 'a.js')).toEqual({
      code: 2,
      out: '',
      err: `backend-perf migrate: ${message}\n`,
    });
  });

  it("settings['backend-perf'] that the rules cannot read: one usage error, not every file failed", async () => {
    const invalid = withConfig("module.exports = [{ settings: { 'backend-perf': { handlers: 5 } } }];\n");
    expect(await cli(invalid, 'check', 'a.js')).toEqual({
      code: 2,
      out: '',
      err: "backend-perf check: settings['backend-perf'].handlers must be an array\n",
    });
    expect(await cli(invalid, 'migrate', 'fs-sync-to-async', '--dry', '--quiet', 'a.js')).toEqual({
      code: 2,
      out: '',
      err:
        "backend-perf: eslint.config.js: settings['backend-perf'].handlers must be an array\n" +
        'Run "backend-perf migrate --help" for usage.\n',
    });
    const misspelt = withConfig(
      "module.exports = [{ settings: { 'backend-perf': { startupFile: ['bin/*.js'] } } }];\n",
    );
    expect(await cli(misspelt, 'migrate', 'fs-sync-to-async', '--dry', '--quiet', 'a.js')).toMatchObject({
      code: 2,
      err: expect.stringContaining(
        `settings['backend-perf'] has unknown key "startupFile"; known keys: handlers,`,
      ) as string,
    });
  });
});

describe('deeply nested code', () => {
  it('is refused at its position or migrated with a large stack, alike with one worker and with a pool', async () => {
    const ifs =
      `${handler.split('\n')[0]}\nexports.h = async (req, res) => {\n` +
      `${'if (req.a) {\n'.repeat(3000)}res.send(fs.readFileSync('x'));\n${'}\n'.repeat(3000)}};\n`;
    const dir = project({
      'ifs.js': ifs,
      'parens.js': `exports.x = ${'('.repeat(5000)}1${')'.repeat(5000)};\n`,
      'functions.js': `exports.f = ${'function () { return '.repeat(600)}1${'; }'.repeat(600)};\n`,
      'plain.js': handler,
      // Within the bracket limit, but deeper than the main thread's stack takes (a worker's takes more): both run it
      // again in a thread with a large stack.
      'sum.js': `exports.s = ${Array.from({ length: 20_000 }, (_, index) => `a${index}`).join(' + ')};\n`,
      'nested.js':
        `const fs = require('fs');\nexports.f = ` +
        `${'async function () { return '.repeat(490)}fs.readFileSync('x')${'; }'.repeat(490)};\n`,
    });
    const runs = [];
    for (const workers of ['1', '2']) {
      // One-line generated files look minified, which the default ignores skip: migrate them here all the same.
      const run = await cli(
        dir,
        'migrate',
        '--all',
        '--config',
        'all',
        '--dry',
        '--json',
        '--no-config-lookup',
        '--no-default-ignores',
        '--workers',
        workers,
      );
      expect(run.code).toBe(1);
      runs.push(JSON.parse(run.out) as { files: { path: string; status: string; reason?: string }[] });
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0].files.map(({ path: file, status, reason }) => ({ file, status, reason }))).toEqual([
      {
        file: 'functions.js',
        status: 'failed',
        reason: 'not migrated: nested deeper than 500 levels at 1:10522 (too deep for the parsers)',
      },
      {
        file: 'ifs.js',
        status: 'failed',
        reason: 'not migrated: nested deeper than 500 levels at 502:4 (too deep for the parsers)',
      },
      { file: 'nested.js', status: 'changed', reason: undefined },
      {
        file: 'parens.js',
        status: 'failed',
        reason: 'not migrated: nested deeper than 500 levels at 1:513 (too deep for the parsers)',
      },
      { file: 'plain.js', status: 'changed', reason: undefined },
      { file: 'sum.js', status: 'unchanged', reason: undefined },
    ]);
  }, 60_000);
});
