import { describe, expect, it } from 'vitest';
import { codemods, refactorsByName } from '../src/index.js';
import * as runner from '../src/runner.js';

describe('the runner entry', () => {
  it("has every codemod's metadata, as the codemods declare it", () => {
    expect(runner.codemods).toEqual(codemods);
    expect(runner.multiFileCodemodNames).toEqual(Object.keys(refactorsByName).sort());
  });
});
