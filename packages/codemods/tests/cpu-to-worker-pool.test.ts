import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { meta, runRefactor } from '../src/refactors/cpu-to-worker-pool.js';
import { isSourceFile, refactorsByName } from '../src/index.js';

const CASES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'refactors', 'cpu-to-worker-pool');

interface CaseOptions {
  options?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  /** How many sites the refactor reports as left unchanged. */
  reports?: number;
  /** The files to pass (relative to the case); all source files by default. */
  files?: string[];
}

function tree(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const result: Record<string, string> = {};
  for (const entry of entries) {
    const full = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b)));
}

function sourceFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((file) => isSourceFile(file)).map((file) => path.join(dir, file));
}

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyCase(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `cpu-to-worker-pool-${name}-`));
  temporary.push(dir);
  cpSync(path.join(CASES, name, 'input'), dir, { recursive: true });
  return dir;
}

describe('cpu-to-worker-pool fixtures', () => {
  const cases = readdirSync(CASES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

  for (const name of cases) {
    it(name, () => {
      const caseOptions = JSON.parse(readFileSync(path.join(CASES, name, 'options.json'), 'utf8')) as CaseOptions;
      const options = { ...caseOptions.options, ...(caseOptions.settings ? { settings: caseOptions.settings } : {}) };
      const expectedDir = existsSync(path.join(CASES, name, 'output')) ? path.join(CASES, name, 'output') : path.join(CASES, name, 'input');

      // A dry run computes the changes and writes nothing.
      const dryDir = copyCase(name);
      const filesOf = (dir: string) => (caseOptions.files ? caseOptions.files.map((file) => path.join(dir, file)) : sourceFiles(dir));
      const dry = runRefactor({ files: filesOf(dryDir), cwd: dryDir, dry: true, options });
      expect(tree(dryDir)).toEqual(tree(path.join(CASES, name, 'input')));

      const dir = copyCase(name);
      const result = runRefactor({ files: filesOf(dir), cwd: dir, options });
      expect(result.changes.map((change) => path.relative(dir, change.path))).toEqual(dry.changes.map((change) => path.relative(dryDir, change.path)));
      expect(tree(dir)).toEqual(tree(expectedDir));
      expect(result.reports).toHaveLength(caseOptions.reports ?? 0);
      for (const change of result.changes) {
        const relative = path.relative(dir, change.path);
        const before = path.join(CASES, name, 'input', relative);
        expect(change.before).toBe(existsSync(before) ? readFileSync(before, 'utf8') : null);
      }

      // A second run finds nothing left to move.
      const again = runRefactor({ files: filesOf(dir), cwd: dir, options });
      expect(again.changes).toEqual([]);
    });
  }

  it('is registered as a refactor with its rule', () => {
    expect(refactorsByName['cpu-to-worker-pool']?.meta).toBe(meta);
    expect(meta.rules).toEqual(['no-blocking-cpu']);
  });
});
