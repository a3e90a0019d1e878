import { describe, expect, it } from 'vitest';
import { isTestFile } from '../src/request-path/model.js';
import { readSettings } from '../src/request-path/settings.js';

const cwd = '/repo';
const check = (filename: string, settings: Record<string, unknown> = {}, extra: string[] = []): boolean =>
  isTestFile({ filename: `${cwd}/${filename}`, cwd, settings }, extra);

describe('isTestFile', () => {
  it('matches tests and benchmarks, not other start-up files', () => {
    expect(check('test/cache.js')).toBe(true);
    expect(check('src/cache.spec.ts')).toBe(true);
    expect(check('packages/api/__tests__/a.js')).toBe(true);
    expect(check('bench/heap.js')).toBe(true);
    expect(check('src/parse.bench.mjs')).toBe(true);
    expect(check('scripts/seed.js')).toBe(false);
    expect(check('migrations/001.js')).toBe(false);
    expect(check('src/server.js')).toBe(false);
  });

  it('adds settings testFiles and extra globs', () => {
    expect(check('qa/soak.js', { 'backend-perf': { testFiles: ['qa/**'] } })).toBe(true);
    expect(check('tools/profile.js', {}, ['tools/**'])).toBe(true);
  });

  it('validates testFiles', () => {
    expect(() => readSettings({ 'backend-perf': { testFiles: 'qa/**' } })).toThrow(
      /testFiles must be an array of globs/u,
    );
  });
});
