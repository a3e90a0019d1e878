import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runRefactor } from '../../src/refactors/cpu-to-worker-pool.js';

const PROJECT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cpu-to-worker-pool');
const require = createRequire(import.meta.url);
const PISCINA_DIR = path.dirname(path.dirname(require.resolve('piscina')));

interface Outcome {
  count: number;
  keys: string[];
  threadId: number;
}

/** Runs `handle` of the project's main module in a fresh Node process and returns its result. */
function runHandle(dir: string): Outcome {
  const script = `
    const { handle } = require(${JSON.stringify(path.join(dir, 'main.js'))});
    Promise.all([handle({ secrets: ['a', 'b', 'c'], salt: 's1' }), handle({ secrets: ['d'], salt: 's2' })])
      .then((results) => { process.stdout.write(JSON.stringify(results)); process.exit(0); })
      .catch((error) => { console.error(error); process.exit(1); });
  `;
  const output = execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  const [first, second] = JSON.parse(output) as [Outcome, Outcome];
  return {
    count: first.count + second.count,
    keys: [...first.keys, ...second.keys],
    threadId: Math.min(first.threadId, second.threadId),
  };
}

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('cpu-to-worker-pool behaviour', () => {
  it('computes the same results on a worker thread of a Piscina pool', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cpu-to-worker-pool-run-'));
    temporary.push(dir);
    cpSync(PROJECT, dir, { recursive: true });
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(PISCINA_DIR, path.join(dir, 'node_modules', 'piscina'), 'junction');

    const before = runHandle(dir);
    expect(before.count).toBe(4);
    expect(before.threadId).toBe(0);

    const result = runRefactor({
      files: [path.join(dir, 'main.js'), path.join(dir, 'lib', 'digest.js')],
      cwd: dir,
      options: {
        settings: { 'backend-perf': { heavyFunctions: [{ module: './lib/digest.js', export: 'digestAll' }] } },
      },
    });
    expect(result.reports).toEqual([]);
    expect(result.changes.map((change) => path.relative(dir, change.path)).sort()).toEqual(
      ['lib/digest.js', 'lib/digest.worker.js', 'main.js', 'package.json'].map((file) =>
        file.split('/').join(path.sep),
      ),
    );
    expect(readFileSync(path.join(dir, 'main.js'), 'utf8')).toContain(
      "await digestPool.run([batch.secrets, batch.salt], { name: 'digestAll' })",
    );
    expect(
      (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: unknown }).dependencies,
    ).toEqual({
      piscina: '^5.3.2',
    });

    const after = runHandle(dir);
    expect(after.keys).toEqual(before.keys);
    expect(after.count).toBe(before.count);
    expect(after.threadId).not.toBe(0);
  });
});
