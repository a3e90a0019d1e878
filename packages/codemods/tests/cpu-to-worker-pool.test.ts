import { describe, expect, it } from 'vitest';
import { meta } from '../src/refactors/cpu-to-worker-pool.js';
import { refactorsByName } from '../src/index.js';

// The project cases in tests/fixtures/cpu-to-worker-pool/ run in the shared runner (fixtures.test.ts).
describe('cpu-to-worker-pool', () => {
  it('is registered as a refactor with its rule', () => {
    expect(refactorsByName['cpu-to-worker-pool'].meta).toBe(meta);
    expect(meta.rules).toEqual(['no-blocking-cpu']);
  });
});
