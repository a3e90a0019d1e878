import { codemodsByName, isSourceFile, jscodeshiftParser } from '@backend-perf/codemods';
import { ESLint } from 'eslint';
import jscodeshift from 'jscodeshift';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../src/git.js';
import { findDirtyRepositories } from '../src/git.js';
import { displayPath, parseShard, selectShard } from '../src/files.js';
import { main } from '../src/main.js';
import { migrateSource } from '../src/migrate-runner.js';

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { cwd, stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) }, out, err };
}

describe('shards', () => {
  it('deals the sorted list round-robin', () => {
    const files = ['a', 'b', 'c', 'd', 'e'];
    expect(selectShard(files, parseShard('1/2'))).toEqual(['a', 'c', 'e']);
    expect(selectShard(files, parseShard('2/2'))).toEqual(['b', 'd']);
    expect(selectShard(files, undefined)).toEqual(files);
  });

  it('rejects malformed shards', () => {
    for (const text of ['0/2', '3/2', '1/0', 'a/b', '1'])
      expect(() => parseShard(text)).toThrow(/--shard expects i\/n/u);
  });
});

describe('displayPath', () => {
  it('is relative with forward slashes', () => {
    expect(displayPath('/repo', path.join('/repo', 'src', 'a.js'))).toBe('src/a.js');
    expect(displayPath('/repo', '/repo')).toBe('.');
  });
});

describe('findDirtyRepositories (git mocked)', () => {
  it('asks git about the given paths of each repository', async () => {
    const calls: string[] = [];
    const run: CommandRunner = async (command, args, cwd) => {
      calls.push(`${cwd}$ ${command} ${args.join(' ')}`);
      if (args[0] === 'rev-parse') return '/repo\n';
      return ' M src/a.js\n?? src/new.js\n';
    };
    const dirty = await findDirtyRepositories('/repo', ['src'], run);
    expect(dirty).toEqual([{ root: '/repo', changes: [' M src/a.js', '?? src/new.js'] }]);
    expect(calls).toEqual(['/repo$ git rev-parse --show-toplevel', '/repo$ git status --porcelain -- /repo/src']);
  });

  it('treats folders outside git as clean', async () => {
    const run: CommandRunner = async () => {
      throw new Error('fatal: not a git repository');
    };
    expect(await findDirtyRepositories('/tmp/x', ['.'], run)).toEqual([]);
  });
});

describe('main (process mocked)', () => {
  it('refuses a dirty tree with exit 2 without touching files', async () => {
    const run: CommandRunner = async (_command, args) => (args[0] === 'rev-parse' ? '/somewhere\n' : ' M x.js\n');
    const { io, err } = capture(path.resolve(__dirname, '../../../examples'));
    expect(await main(['migrate', 'fs-sync-to-async'], io, { run })).toBe(2);
    expect(err.join('')).toContain(
      'refusing to migrate: the git work tree has uncommitted changes:\n  /somewhere\n     M x.js',
    );
  });

  it('prints the version and usage errors', async () => {
    const { io, out, err } = capture(process.cwd());
    expect(await main(['--version'], io)).toBe(0);
    expect(out.join('')).toMatch(/^\d+\.\d+\.\d+\n$/u);
    expect(await main(['check', '--format', 'xml'], io)).toBe(2);
    expect(err.join('')).toContain('unknown format "xml". Expected one of stylish, json, sarif.');
    expect(await main(['migrate', '--dry'], io)).toBe(2);
    expect(err.join('')).toContain('name at least one codemod or pass --all');
    expect(await main(['migrate', 'fs-sync-to-async', '--shard', '3/2'], io)).toBe(2);
  });

  it('suggests the closest command, option, config, format and codemod', async () => {
    const cases: [string[], string][] = [
      [
        ['chek'],
        'backend-perf: unknown command "chek". Did you mean "check"? Commands: check, migrate, list.\n' +
          'Run "backend-perf --help" for usage.\n',
      ],
      [
        ['frobnicate'],
        'backend-perf: unknown command "frobnicate". Commands: check, migrate, list.\n' +
          'Run "backend-perf --help" for usage.\n',
      ],
      [
        ['--verison'],
        'backend-perf: unknown option "--verison". Did you mean "--version"? Commands: check, migrate, list.\n' +
          'Run "backend-perf --help" for usage.\n',
      ],
      [
        ['check', '--formt', 'json'],
        'backend-perf: unknown option --formt. Did you mean "--format"?\nRun "backend-perf check --help" for usage.\n',
      ],
      [
        ['check', '--no-config-lokup'],
        'backend-perf: unknown option --no-config-lokup. Did you mean "--no-config-lookup"?\n' +
          'Run "backend-perf check --help" for usage.\n',
      ],
      [['check', '--format'], 'backend-perf: --format needs a value\nRun "backend-perf check --help" for usage.\n'],
      [
        ['check', '--config', 'stict'],
        'backend-perf: unknown config "stict". Did you mean "strict"? Expected one of recommended, strict, all.\n' +
          'Run "backend-perf check --help" for usage.\n',
      ],
      [
        ['migrate', 'fs-sync-to-asyn', '--dry'],
        'backend-perf: "fs-sync-to-asyn" is neither a codemod nor an existing path. Did you mean ' +
          '"fs-sync-to-async"? Codemods: awaits-to-promise-all, cache-to-lru, cpu-to-worker-pool, ' +
          'fs-sync-to-async, hoist-clients, keep-alive-agents, n-plus-one-to-dataloader, pipe-to-pipeline, ' +
          'redis-keys-to-scan, whole-file-to-stream (see backend-perf list).\n' +
          'Run "backend-perf migrate --help" for usage.\n',
      ],
      [
        ['migrate', 'fs-sync-to-async', '--anotate'],
        'backend-perf: unknown option --anotate. Did you mean "--annotate"?\n' +
          'Run "backend-perf migrate --help" for usage.\n',
      ],
    ];
    for (const [args, expected] of cases) {
      const { io, err } = capture(process.cwd());
      expect(await main(args, io), args.join(' ')).toBe(2);
      expect(err.join(''), args.join(' ')).toBe(expected);
    }
  });

  it('lists each codemod option once in migrate --help, grouped per codemod', async () => {
    const { io, out } = capture(process.cwd());
    expect(await main(['migrate', '--help'], io)).toBe(0);
    const help = out.join('');
    expect(help.match(/--annotate/gu)).toHaveLength(1);
    expect(help).toContain(
      '  --annotate             Leave a marked comment above reported sites that cannot be rewritten.\n' +
        '                         (awaits-to-promise-all, fs-sync-to-async, pipe-to-pipeline, whole-file-to-stream)\n' +
        '  awaits-to-promise-all:\n' +
        '    --concurrency <number> Bound each rewritten loop to this many items in flight with `p-limit`, ' +
        'imported in the file and added to the nearest package.json.\n' +
        '  cache-to-lru:\n' +
        '    --max <number>       The most entries each cache keeps; the least recently used go first.\n',
    );
  });
});

describe('migrateSource', () => {
  // The codemod engine lints in-process relative to process.cwd(), so test files live under it.
  const at = (name: string) => path.join(process.cwd(), 'virtual', name);
  const route =
    "const fs = require('fs');\nconst app = require('express')();\napp.get('/', async (req, res) => {\n" +
    "  res.send(fs.readFileSync('a'));\n});\n";

  it('returns the transformed text, or unchanged without reprinting', () => {
    const changed = migrateSource({ file: at('route.js'), source: route, codemods: ['fs-sync-to-async'], options: {} });
    expect(changed).toEqual({
      status: 'changed',
      output: route.replace("fs.readFileSync('a')", "await fs.promises.readFile('a')"),
      reports: [],
      changedBy: ['fs-sync-to-async'],
      refactorSites: [],
      dependencies: [],
    });
    const plain = 'module.exports = 1;;\n';
    expect(migrateSource({ file: at('plain.js'), source: plain, codemods: ['fs-sync-to-async'], options: {} })).toEqual(
      { status: 'unchanged', reports: [], refactorSites: [] },
    );
  });

  it('migrates every source extension, TypeScript and JSX included', () => {
    const esm =
      "import fs from 'node:fs';\nimport express from 'express';\nconst app = express();\n" +
      "app.get('/', async (req, res) => {\n  res.send(fs.readFileSync('a'));\n});\n";
    for (const extension of ['js', 'jsx', 'mjs', 'ts', 'tsx', 'mts']) {
      const outcome = migrateSource({
        file: at(`route.${extension}`),
        source: esm,
        codemods: ['fs-sync-to-async'],
        options: {},
      });
      expect(outcome.status === 'changed' && outcome.output).toContain("res.send(await fs.promises.readFile('a'));");
    }
  });

  it('fails the whole file on a parse error', () => {
    const outcome = migrateSource({
      file: at('bad.ts'),
      source: 'const = ;',
      codemods: ['fs-sync-to-async'],
      options: {},
    });
    expect(outcome).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^parse error at 1:\d+: /u) as unknown,
    });
  });

  it('says which multi-file codemods have sites in the migrated text', () => {
    const n1 =
      "const { Pool } = require('pg');\nconst pool = new Pool();\nconst app = require('express')();\n" +
      "app.get('/', async (req, res) => {\n  const rows = [];\n" +
      "  for (const id of req.body.ids) rows.push(await pool.query('SELECT * FROM users WHERE id = $1', [id]));\n" +
      '  res.json(rows);\n});\n';
    const refactors = ['n-plus-one-to-dataloader', 'cpu-to-worker-pool', 'keep-alive-agents'];
    expect(migrateSource({ file: at('n1.js'), source: n1, codemods: [], refactors, options: {} })).toEqual({
      status: 'unchanged',
      reports: [],
      refactorSites: ['n-plus-one-to-dataloader'],
    });
    // A file the per-file codemods change is detected again on its new text.
    const sync =
      "const fs = require('fs');\nconst app = require('express')();\napp.get('/', async (req, res) => {\n" +
      "  res.send(fs.readFileSync('a'));\n});\n";
    const outcome = migrateSource({
      file: at('s.js'),
      source: sync,
      codemods: ['fs-sync-to-async'],
      refactors,
      options: {},
    });
    expect(outcome).toMatchObject({ status: 'changed', refactorSites: [] });
    expect(migrateSource({ file: at('x.js'), source: 'x(', codemods: [], refactors, options: {} })).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^parse error at 1:\d+: /u) as unknown,
    });
  });

  it('gives the result of running every codemod in turn without the detection pass (the example backend)', async () => {
    const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
    const eslint = new ESLint({ cwd: examples });
    const perFile = Object.keys(codemodsByName).filter((name) => !codemodsByName[name].runRefactor);
    const files = (readdirSync(path.join(examples, 'src'), { recursive: true }) as string[])
      .filter(isSourceFile)
      .map((file) => path.join(examples, 'src', file));
    let changed = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const config = (await eslint.calculateConfigForFile(file)) as { settings?: Record<string, unknown> } | undefined;
      if (!config) continue; // ignored by the example's config, as migrate skips it
      const settings = config.settings;
      const outcome = migrateSource({
        file,
        source,
        codemods: perFile,
        options: {},
        cwd: examples,
        dry: true,
        ...(settings ? { settings } : {}),
      });
      // The same codemods, each run on the previous one's output, as jscodeshift would.
      let text = source;
      const reports: string[] = [];
      const j = jscodeshift.withParser(jscodeshiftParser(file));
      const api = { j, jscodeshift: j, stats: () => {}, report: (message: string) => reports.push(message) };
      for (const name of perFile) {
        const result = codemodsByName[name].default?.({ path: file, source: text }, api, {
          cwd: examples,
          dry: true,
          ...(settings ? { settings } : {}),
        });
        if (typeof result === 'string') text = result;
      }
      expect(outcome.status === 'changed' ? outcome.output : source).toBe(text);
      expect(outcome.reports).toEqual(reports);
      if (text !== source) changed += 1;
    }
    expect(changed).toBe(5);
  }, 120_000);

  it('forwards codemod options and collects reports', () => {
    const sync =
      "const fs = require('fs');\nconst app = require('express')();\napp.get('/', (req, res) => {\n" +
      "  res.send(fs.readFileSync('a'));\n});\n";
    const plain = migrateSource({ file: at('s.js'), source: sync, codemods: ['fs-sync-to-async'], options: {} });
    expect(plain).toMatchObject({
      status: 'unchanged',
      reports: [
        expect.stringMatching(
          new RegExp(
            String.raw`virtual\/s\.js:4:12: left for review: it is in a synchronous function: awaiting it there ` +
              String.raw`would make the function return a promise, so its callers have to change first$`,
            'u',
          ),
        ),
      ],
    });
    const annotated = migrateSource({
      file: at('s.js'),
      source: sync,
      codemods: ['fs-sync-to-async'],
      options: { 'fs-sync-to-async': { annotate: true } },
    });
    expect(annotated.status).toBe('changed');
    expect(annotated.status === 'changed' && annotated.output).toContain('// backend-perf(fs-sync-to-async):');
  });
});
