import { describe, expect, it } from 'vitest';
import noSyncIo from '../../src/rules/no-sync-io.js';
import { DOCS_BASE_URL, withDefaultOptions } from '../../src/util/createRule.js';

describe('withDefaultOptions', () => {
  it('merges configured objects into the defaults deeply and replaces every other value', () => {
    expect(
      withDefaultOptions(
        [{ checkUnknownContext: false, nested: { a: 1, b: [1] } }, 'x'],
        [{ nested: { b: [2] }, extra: true }, 'y'],
      ),
    ).toEqual([{ checkUnknownContext: false, nested: { a: 1, b: [2] }, extra: true }, 'y']);
  });

  it('keeps the defaults where nothing is configured and never changes them', () => {
    const defaults = [{ checkUnknownContext: false }];
    const options = withDefaultOptions(defaults, []);
    expect(options).toEqual([{ checkUnknownContext: false }]);
    (options[0] as { checkUnknownContext: boolean }).checkUnknownContext = true;
    expect(defaults).toEqual([{ checkUnknownContext: false }]);
  });

  it('gives the same result when ESLint has already applied the defaults', () => {
    const defaults = [{ checkUnknownContext: false, calls: ['a'] }];
    const once = withDefaultOptions(defaults, [{ checkUnknownContext: true }]);
    expect(withDefaultOptions(defaults, once)).toEqual(once);
  });
});

describe('createRule', () => {
  it('sets meta.docs.url from the name and keeps meta.defaultOptions', () => {
    expect(noSyncIo.meta.docs?.url).toBe(`${DOCS_BASE_URL}no-sync-io.md`);
    expect(noSyncIo.meta.defaultOptions).toEqual([{ checkUnknownContext: false }]);
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- createRule keeps it for tools that read it
    expect(noSyncIo.defaultOptions).toEqual([{ checkUnknownContext: false }]);
  });
});
