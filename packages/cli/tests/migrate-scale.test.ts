import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSummary, parseMigrateArgs, type MigrateReport } from '../src/commands/migrate.js';
import { main } from '../src/main.js';
import {
  createInProcessExecutor,
  createPoolExecutor,
  defaultWorkerCount,
  type MigrationExecutor,
} from '../src/migrate-pool.js';
import { migrateSource, type MigrationOutcome, type MigrationTask } from '../src/migrate-runner.js';
import { formatDuration, formatRate, ProgressBar } from '../src/progress.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `backend-perf-${name}-`));
  temporary.push(dir);
  return dir;
}

/** A copy of examples/ outside any git repository. */
function copyExamples(): string {
  const dir = tempDir('scale');
  fs.cpSync(path.join(root, 'examples'), dir, { recursive: true });
  return dir;
}

interface Capture {
  readonly io: {
    cwd: string;
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    stderrIsTTY?: boolean;
    stderrColumns?: number;
  };
  readonly out: () => string;
  readonly err: () => string;
}

function capture(cwd: string, tty = false): Capture {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      cwd,
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      ...(tty ? { stderrIsTTY: true, stderrColumns: 100 } : {}),
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

/** A clock that advances 250 ms each time it is read. */
function fakeClock(step = 250): () => number {
  let time = 0;
  return () => (time += step);
}

const ROUTE = `const fs = require('fs');
const express = require('express');
const router = express.Router();
router.get('/:name', async (req, res) => {
  res.send(fs.readFileSync(req.params.name + '.txt', 'utf8'));
});
module.exports = router;
`;
const PLAIN = `module.exports = function add(a, b) {\n  return a + b;\n};\n`;

/** A small project: `count` route files that fs-sync-to-async rewrites, plain files, and a file that does not parse. */
function smallProject(count = 6): string {
  const dir = tempDir('small');
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "small", "private": true }\n');
  fs.mkdirSync(path.join(dir, 'src'));
  for (let index = 0; index < count; index += 1) {
    fs.writeFileSync(path.join(dir, 'src', `route-${index}.js`), ROUTE);
    fs.writeFileSync(path.join(dir, 'src', `plain-${index}.js`), PLAIN);
  }
  fs.writeFileSync(path.join(dir, 'src', 'broken.js'), 'function (\n');
  return dir;
}

describe('migrate on a worker pool', { timeout: 180_000 }, () => {
  it('gives the same report and output as --workers 1 on examples/', async () => {
    const dir = copyExamples();
    const single = capture(dir);
    const pooled = capture(dir);
    expect(await main(['migrate', '--all', '--dry', '--json', '--workers', '1'], single.io)).toBe(0);
    expect(await main(['migrate', '--all', '--dry', '--json', '--workers', '2'], pooled.io)).toBe(0);
    const report = JSON.parse(single.out()) as MigrateReport;
    expect(report.totals.changed).toBeGreaterThan(5);
    expect(pooled.out()).toBe(single.out());
    expect(pooled.err()).toBe(single.err());

    // Text mode: the diffs print in the sorted file order, the same as in the JSON report.
    const text = capture(dir);
    expect(await main(['migrate', '--all', '--dry', '--workers', '2'], text.io)).toBe(0);
    const diffs = report.files.flatMap((file) => (file.diff ? [file.diff] : []));
    expect(text.out()).toBe(diffs.join(''));
    expect(text.err()).toMatch(/^Time: .+, 2 workers\.$/mu);
  });

  it('applies outcomes in the sorted file order whatever order they arrive in', async () => {
    const dir = smallProject();
    const inOrder = capture(dir);
    expect(await main(['migrate', 'fs-sync-to-async', '--dry', '--workers', '1'], inOrder.io)).toBe(1);

    const submitted: string[] = [];
    const reversed = capture(dir);
    // Holds every outcome until the last task is in, then settles them in reverse order.
    const releasing = (): MigrationExecutor => {
      const held: { task: MigrationTask; resolve: (outcome: MigrationOutcome) => void }[] = [];
      let expected = 0;
      return {
        workers: 4,
        async submit(task) {
          expected += 1;
          submitted.push(task.file);
          const outcome = new Promise<MigrationOutcome>((resolve) => held.push({ task, resolve }));
          if (expected === 13) for (const entry of [...held].reverse()) entry.resolve(migrateSource(entry.task));
          return { outcome };
        },
        async close() {},
      };
    };
    expect(await main(['migrate', 'fs-sync-to-async', '--dry'], reversed.io, { createExecutor: releasing })).toBe(1);
    expect(submitted).toHaveLength(13);
    expect(reversed.out()).toBe(inOrder.out());
    expect(reversed.err().replace(/^Time: .*$/mu, '')).toBe(
      inOrder
        .err()
        .replace(/^Time: .*$/mu, '')
        .replace('1 worker.', '4 workers.'),
    );
  });

  it('replaces workers after their share of files and still returns every outcome', async () => {
    const dir = smallProject(1);
    const files = fs
      .readdirSync(path.join(dir, 'src'))
      .map((name) => path.join(dir, 'src', name))
      .sort();
    const tasks: MigrationTask[] = files.map((file) => ({
      file,
      source: fs.readFileSync(file, 'utf8'),
      codemods: ['fs-sync-to-async'],
      options: {},
      cwd: dir,
    }));
    const pool = createPoolExecutor({ workers: 2, filesPerWorker: 1 });
    const outcomes: Promise<MigrationOutcome>[] = [];
    try {
      for (const task of tasks) outcomes.push((await pool.submit(task)).outcome);
      const pooled = await Promise.all(outcomes);
      expect(pooled).toEqual(tasks.map((task) => migrateSource(task)));
      expect(pooled.filter((outcome) => outcome.status === 'changed')).toHaveLength(1);
      expect(pooled.filter((outcome) => outcome.status === 'failed')).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });

  it('runs a single file, or --workers 1, in this thread', async () => {
    const dir = smallProject(1);
    const made: number[] = [];
    const track = (workers: number): MigrationExecutor => {
      made.push(workers);
      return createInProcessExecutor();
    };
    expect(
      await main(['migrate', 'fs-sync-to-async', '--dry', '--workers', '8', 'src/route-0.js'], capture(dir).io, {
        createExecutor: track,
      }),
    ).toBe(0);
    expect(
      await main(['migrate', 'fs-sync-to-async', '--dry', '--workers', '1'], capture(dir).io, {
        createExecutor: track,
      }),
    ).toBe(1);
    expect(
      await main(['migrate', 'fs-sync-to-async', '--dry', '--workers', '8'], capture(dir).io, {
        createExecutor: track,
      }),
    ).toBe(1);
    // 3 files: at most 3 workers.
    expect(made).toEqual([1, 1, 3]);
  });

  it('splits the file list by --shard before any work', async () => {
    const dir = smallProject(6);
    const seen: string[] = [];
    const counting = (): MigrationExecutor => {
      const inner = createInProcessExecutor();
      return {
        ...inner,
        submit: (task) => {
          seen.push(path.relative(dir, task.file).split(path.sep).join('/'));
          return inner.submit(task);
        },
      };
    };
    const shards = [1, 2, 3].map((index) => {
      const run = capture(dir);
      return { run, index };
    });
    const all: string[] = [];
    for (const { run, index } of shards) {
      seen.length = 0;
      await main(['migrate', 'fs-sync-to-async', '--dry', '--json', '--shard', `${index}/3`], run.io, {
        createExecutor: counting,
      });
      const report = JSON.parse(run.out()) as MigrateReport;
      expect(report.shard).toBe(`${index}/3`);
      expect(report.files.map((file) => file.path)).toEqual(seen);
      all.push(...seen);
    }
    expect(all.sort()).toEqual(
      fs
        .readdirSync(path.join(dir, 'src'))
        .map((name) => `src/${name}`)
        .sort(),
    );
  });
});

describe('dependencies in package.json', { timeout: 120_000 }, () => {
  it('shows a dependency the output needs as a change of package.json in a dry run, and writes nothing', async () => {
    const dir = tempDir('dry');
    const manifest = '{\n  "name": "dry",\n  "private": true,\n  "dependencies": {\n    "express": "^5.1.0"\n  }\n}\n';
    fs.writeFileSync(path.join(dir, 'package.json'), manifest);
    fs.copyFileSync(
      path.join(root, 'packages/codemods/tests/fixtures/cache-to-lru/cjs-object-memo/input.js'),
      path.join(dir, 'quotes.js'),
    );
    fs.writeFileSync(path.join(dir, 'plain.js'), PLAIN);
    const run = capture(dir);
    expect(await main(['migrate', 'cache-to-lru', '--config', 'strict', '--dry', '--json'], run.io)).toBe(0);
    const report = JSON.parse(run.out()) as MigrateReport;
    expect(report.files.find((file) => file.path === 'quotes.js')).toMatchObject({
      status: 'changed',
      codemods: ['cache-to-lru'],
    });
    expect(report.files.find((file) => file.path === 'package.json')).toMatchObject({
      status: 'changed',
      codemods: ['cache-to-lru'],
    });
    expect(report.files.find((file) => file.path === 'package.json')?.diff).toContain(
      '+    "express": "^5.1.0",\n+    "lru-cache": "^11.0.0"',
    );
    expect(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(manifest);
    expect(report.install).toEqual([
      { manifest: 'package.json', dependencies: ['lru-cache@^11.0.0'], command: 'npm install' },
    ]);
    const text = capture(dir);
    expect(await main(['migrate', 'cache-to-lru', '--config', 'strict', '--dry', '--workers', '1'], text.io)).toBe(0);
    expect(text.err()).toContain(
      'Would add lru-cache@^11.0.0 to package.json: run `npm install` before running the code.\n',
    );
  });

  it('adds a dependency that files migrated by different workers need once, from the main thread', async () => {
    const dir = tempDir('deps');
    fs.writeFileSync(path.join(dir, 'package.json'), '{\n  "name": "deps",\n  "private": true\n}\n');
    const input = fs.readFileSync(
      path.join(root, 'packages/codemods/tests/fixtures/cache-to-lru/cjs-object-memo/input.js'),
      'utf8',
    );
    for (let index = 0; index < 6; index += 1) fs.writeFileSync(path.join(dir, `cache-${index}.js`), input);
    fs.writeFileSync(path.join(dir, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
    const run = capture(dir);
    expect(
      await main(['migrate', 'cache-to-lru', '--config', 'strict', '--force', '--json', '--workers', '2'], run.io),
    ).toBe(0);
    const report = JSON.parse(run.out()) as MigrateReport;
    expect(report.totals.changed).toBe(7);
    expect(report.install).toEqual([
      { manifest: 'package.json', dependencies: ['lru-cache@^11.0.0'], command: 'pnpm install' },
    ]);
    expect(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(
      '{\n  "name": "deps",\n  "private": true,\n  "dependencies": {\n    "lru-cache": "^11.0.0"\n  }\n}\n',
    );
    for (let index = 0; index < 6; index += 1)
      expect(fs.readFileSync(path.join(dir, `cache-${index}.js`), 'utf8')).toContain('new LRUCache(');
  });
});

describe('--workers', () => {
  it('defaults to the CPU count and takes whole numbers from 1', async () => {
    const options = await parseMigrateArgs(['fs-sync-to-async'], root);
    expect(options?.workers).toBe(defaultWorkerCount());
    expect(defaultWorkerCount()).toBeGreaterThanOrEqual(1);
    expect((await parseMigrateArgs(['fs-sync-to-async', '--workers', '3'], root))?.workers).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two', '']) {
      await expect(parseMigrateArgs(['fs-sync-to-async', `--workers=${bad}`], root)).rejects.toThrow(
        /--workers expects a whole number >= 1/u,
      );
    }
  });

  it('reports a bad value as a usage error', async () => {
    const run = capture(root);
    expect(await main(['migrate', 'fs-sync-to-async', '--workers', '0'], run.io)).toBe(2);
    expect(run.err()).toContain('--workers expects a whole number >= 1, got "0"');
  });
});

describe('ProgressBar', () => {
  it('draws done/total, percentage, rate and ETA in place', () => {
    const writes: string[] = [];
    let time = 0;
    const bar = new ProgressBar({ write: (text) => writes.push(text), columns: 100, now: () => time }, 200);
    time = 1000;
    bar.tick(50);
    expect(writes).toEqual([
      '\rMigrating [##########------------------------------] 50/200 files  25%  50.0 files/s ETA 3s\u001B[K',
    ]);
    // Throttled: a tick 10 ms later does not redraw.
    time = 1010;
    bar.tick();
    expect(writes).toHaveLength(1);
    time = 4000;
    bar.tick(149);
    expect(writes.at(-1)).toBe(
      '\rMigrating [########################################] 200/200 files 100%  50.0 files/s\u001B[K',
    );
    bar.clear();
    expect(writes.at(-1)).toBe('\r\u001B[K');
    bar.clear();
    expect(writes).toHaveLength(3);
  });

  it('fits narrow terminals', () => {
    let time = 0;
    const bar = new ProgressBar({ write: () => {}, columns: 50, now: () => (time += 500) }, 10_000);
    bar.tick(1);
    const line = bar.render();
    expect(line.length).toBeLessThan(50);
    expect(line).toMatch(/^Migrating 1\/10000 files {3}0% /u);
    expect(new ProgressBar({ write: () => {}, columns: 80, now: () => 0 }, 0).render()).toContain('0/0 files 100%');
  });

  it('formats durations and rates', () => {
    expect(formatDuration(400)).toBe('0s');
    expect(formatDuration(12_400)).toBe('12s');
    expect(formatDuration(185_000)).toBe('3m05s');
    expect(formatDuration(3_725_000)).toBe('1h02m');
    expect(formatRate(3, 2000)).toBe('1.50');
    expect(formatRate(150, 10_000)).toBe('15.0');
    expect(formatRate(5000, 10_000)).toBe('500');
    expect(formatRate(1, 0)).toBe('–');
  });
});

describe('migrate output', { timeout: 60_000 }, () => {
  it('draws the progress bar on a terminal and erases it before the summary', async () => {
    const dir = smallProject(2);
    const run = capture(dir, true);
    expect(await main(['migrate', 'fs-sync-to-async', '--dry', '--workers', '1'], run.io, { now: fakeClock() })).toBe(
      1,
    );
    const err = run.err();
    expect(err).toMatch(/\rMigrating \[#+-*\] \d\/5 files/u);
    expect(err).toContain('\rMigrating [########################################] 5/5 files 100%');
    expect(err).toContain('\r\u001B[K');
    // The bar is gone before the failure and the summary print on their own lines.
    const afterBar = err.slice(err.lastIndexOf('\r\u001B[K') + 4);
    expect(afterBar).toMatch(/^src\/broken\.js: parse error at/u);
    expect(afterBar).toContain('Files:\n');
  });

  it('draws nothing extra when stderr is not a terminal, or with --json or --quiet', async () => {
    const dir = smallProject(2);
    const plain = capture(dir);
    await main(['migrate', 'fs-sync-to-async', '--dry', '--workers', '1'], plain.io, { now: fakeClock() });
    expect(plain.err()).not.toContain('\r');
    const json = capture(dir, true);
    await main(['migrate', 'fs-sync-to-async', '--dry', '--json', '--workers', '1'], json.io);
    expect(json.err()).toBe('');
    const quiet = capture(dir, true);
    await main(['migrate', 'fs-sync-to-async', '--dry', '--quiet', '--workers', '1'], quiet.io);
    expect(quiet.err()).not.toContain('\r');
  });

  it('prints a summary table with files by status and by codemod, time and rate', async () => {
    const dir = smallProject(2);
    const run = capture(dir);
    expect(
      await main(['migrate', 'fs-sync-to-async', '--dry', '--workers', '1'], run.io, { now: fakeClock(1000) }),
    ).toBe(1);
    const err = run.err();
    expect(err).toMatch(/^Running fs-sync-to-async on 5 files \(dry run\)$/mu);
    expect(err).toContain(
      [
        'Files:',
        '  would change  2',
        '  unchanged     2',
        '  failed        1',
        '  skipped       0',
        '  reports       0',
        'Files each codemod would change:',
        '  fs-sync-to-async  2',
        'Time: 1s, 5.00 files/s, 1 worker.',
        '2 would change, 2 unchanged, 1 failed, 0 reports.',
      ].join('\n'),
    );
  });

  it('--quiet prints diffs and errors but no progress and no summary', async () => {
    const dir = smallProject(2);
    const loud = capture(dir);
    const quiet = capture(dir, true);
    expect(await main(['migrate', 'fs-sync-to-async', '--dry', '--workers', '1'], loud.io)).toBe(1);
    expect(await main(['migrate', 'fs-sync-to-async', '--dry', '--quiet', '--workers', '1'], quiet.io)).toBe(1);
    expect(quiet.out()).toBe(loud.out());
    expect(quiet.out()).toContain('+++ b/src/route-0.js');
    expect(quiet.err()).toMatch(/^src\/broken\.js: parse error at \d+:\d+: .+\n$/u);
  });

  it('formats the summary of a run that wrote files', () => {
    const report: MigrateReport = {
      version: 1,
      codemods: ['fs-sync-to-async', 'pipe-to-pipeline'],
      dry: false,
      shard: null,
      notEnabled: [],
      install: [],
      files: [
        {
          path: 'a.js',
          status: 'changed',
          reports: ['a.js:3:1: left unchanged: x'],
          codemods: ['fs-sync-to-async', 'pipe-to-pipeline'],
        },
        { path: 'b.js', status: 'changed', reports: [], codemods: ['pipe-to-pipeline'] },
        { path: 'c.js', status: 'skipped', reports: [], reason: 'ignored by the ESLint config' },
      ],
      totals: { files: 3, changed: 2, unchanged: 0, failed: 0, skipped: 1, reports: 1 },
    };
    expect(formatSummary(report, { elapsedMs: 120, workers: 2 })).toBe(
      [
        'Left for review:',
        '  a.js:3:1: left unchanged: x',
        '',
        'Files:',
        '  changed    2',
        '  unchanged  0',
        '  failed     0',
        '  skipped    1',
        '  reports    1',
        '  skipped: 1 ignored by the ESLint config (its `ignores`; --no-config-lookup migrates them anyway)',
        'Files each codemod changed:',
        '  fs-sync-to-async  1',
        '  pipe-to-pipeline  2',
        'Time: 120ms, 25.0 files/s, 2 workers.',
        '2 changed, 0 unchanged, 0 failed, 1 skipped, 1 report.',
        '',
      ].join('\n'),
    );
  });
});
