// Every codemod runs the usual ways, as its doc says: `npx @backend-perf/codemods <codemod>` for all of them, and
// `jscodeshift -t dist/.../<codemod>.cjs` for the single-file ones, under jscodeshift's default Babel hook (which
// broke the ES module transforms before the CommonJS entries).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const codemodsDir = path.join(root, 'packages/codemods');
const require = createRequire(path.join(codemodsDir, 'package.json'));
const jscodeshift = path.join(path.dirname(require.resolve('jscodeshift/package.json')), 'bin', 'jscodeshift.js');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-entries-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const codemods = readdirSync(path.join(root, 'docs/codemods')).map((file) => file.replace(/\.md$/u, ''));
/** The CommonJS entries the build writes for the codemods with a single-file transform. */
const entries = ['transforms', 'refactors'].flatMap((folder) =>
  readdirSync(path.join(codemodsDir, 'dist', folder))
    .filter((file) => file.endsWith('.cjs'))
    .map((file) => ({ name: file.replace(/\.cjs$/u, ''), relative: `dist/${folder}/${file}` })),
);

/** The input of the codemod's first fixture case that is a single file. */
function fixtureInput(name: string): string {
  const dir = path.join(codemodsDir, 'tests/fixtures', name);
  for (const kase of readdirSync(dir).sort()) {
    const input = readdirSync(path.join(dir, kase)).find((file) => /^input\.[cm]?[jt]sx?$/u.test(file));
    if (input) return path.join(dir, kase, input);
  }
  throw new Error(`no single-file fixture for ${name}`);
}

describe('codemod entries', () => {
  it('every codemod doc gives the codemods package command, and the jscodeshift command where there is a transform', () => {
    expect(entries.map((entry) => entry.name).sort()).toEqual(codemods.filter((name) => name !== 'cpu-to-worker-pool'));
    for (const name of codemods) {
      const doc = readFileSync(path.join(root, 'docs/codemods', `${name}.md`), 'utf8');
      expect(doc, name).toContain(`npx @backend-perf/codemods ${name} `);
      const entry = entries.find((candidate) => candidate.name === name);
      if (entry)
        expect(doc, name).toContain(`npx jscodeshift -t node_modules/@backend-perf/codemods/${entry.relative} `);
    }
  });

  it.each(entries)('jscodeshift -t $relative runs under its Babel hook', ({ relative, name }) => {
    const input = fixtureInput(name);
    const copy = path.join(scratch, name, path.basename(input));
    cpSync(input, copy);
    const run = spawnSync(
      process.execPath,
      [
        jscodeshift,
        '--dry',
        '--print',
        '--run-in-band',
        '--extensions=js,jsx,mjs,cjs,ts,tsx,mts,cts',
        '-t',
        path.join(codemodsDir, relative),
        copy,
      ],
      { cwd: scratch, encoding: 'utf8' },
    );
    expect(run.stderr).not.toContain('Error');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('0 errors');
    expect(existsSync(copy)).toBe(true);
  });
});
