import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserOnlyFolders, clearBrowserBuildCache, isBrowserBuildFile } from '../src/index.js';
import { temporaryFolder } from './temporary-folder.js';

const folder = temporaryFolder('backend-perf-browser-build-');

/** typeorm's manifest, in short: a browser build in `browser/`, Node's entries at the root, patterns for the rest. */
const TYPEORM = {
  main: './index.js',
  exports: {
    '.': {
      'react-native': { default: './browser/index.js' },
      node: { import: './index.mjs', require: './index.js' },
      browser: { require: './index.js', import: './browser/index.js', default: './index.js' },
    },
    './browser': { default: './browser/index.js' },
    './*.js': './*.js',
    './*': { require: './*.js', import: './*' },
  },
};

describe('browser builds of a package', () => {
  it('finds the folders that only browser entries lead to', () => {
    expect([...browserOnlyFolders(TYPEORM)]).toEqual(['browser']);
    expect([...browserOnlyFolders({ main: 'index.js', browser: 'browser-dist/index.js' })]).toEqual(['browser-dist']);
  });

  it('leaves folders that Node loads too, or that are not named for the browser', () => {
    // Node's entry in the same folder.
    expect([...browserOnlyFolders({ exports: { browser: './browser/a.js', default: './browser/b.js' } })]).toEqual([]);
    // A browser entry beside the server code of `lib/`.
    expect([
      ...browserOnlyFolders({ main: 'index.js', exports: { browser: './lib/browser.js', default: './index.js' } }),
    ]).toEqual([]);
    // The `browser` field's map of replaced files, and a manifest without entries.
    expect([
      ...browserOnlyFolders({ main: 'index.js', browser: { './browser/fs.js': './browser/fs-shim.js' } }),
    ]).toEqual([]);
    expect([...browserOnlyFolders({})]).toEqual([]);
  });

  it('tells the files of such a folder by the nearest package.json', () => {
    folder.write('typeorm/package.json', TYPEORM);
    folder.write('plain/package.json', { main: 'index.js' });
    folder.write('broken/package.json', '{ "exports": ');
    clearBrowserBuildCache();
    const at = (...parts: string[]): string => path.join(folder.root, ...parts);
    expect(isBrowserBuildFile(at('typeorm', 'browser', 'platform', 'PlatformTools.js'))).toBe(true);
    expect(isBrowserBuildFile(at('typeorm', 'platform', 'PlatformTools.js'))).toBe(false);
    expect(isBrowserBuildFile(at('typeorm', 'browser.js'))).toBe(false);
    expect(isBrowserBuildFile(at('plain', 'browser', 'x.js'))).toBe(false);
    expect(isBrowserBuildFile(at('broken', 'browser', 'x.js'))).toBe(false);
    // A name without a folder (a rule tester's `file.ts`) is never one.
    expect(isBrowserBuildFile(path.join('browser', 'x.js'))).toBe(false);
  });
});
