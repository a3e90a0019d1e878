import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { browserOnlyFolders, clearBrowserBuildCache, isBrowserBuildFile, projectFiles } from '../src/index.js';
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
    // Node's own entries in the folder: `main` naming it, a `node` condition or a pattern under `./browser`, `bin`,
    // `imports`, and a `./browser` subpath that no browser condition confirms (a Jest preset's).
    const browserEntry = { exports: { '.': { browser: './browser/index.js', default: './index.js' } } };
    expect([...browserOnlyFolders({ ...browserEntry, main: './browser' })]).toEqual([]);
    expect([
      ...browserOnlyFolders({
        ...browserEntry,
        exports: { ...browserEntry.exports, './browser': { node: './browser/node.js', default: './browser/index.js' } },
      }),
    ]).toEqual([]);
    expect([
      ...browserOnlyFolders({ ...browserEntry, exports: { ...browserEntry.exports, './browser/*': './browser/*.js' } }),
    ]).toEqual([]);
    expect([...browserOnlyFolders({ ...browserEntry, bin: { tool: './browser/cli.js' } })]).toEqual([]);
    expect([...browserOnlyFolders({ ...browserEntry, imports: { '#shim': './browser/shim.js' } })]).toEqual([]);
    expect([...browserOnlyFolders({ main: 'index.js', exports: { './browser': './browser/jest-preset.js' } })]).toEqual(
      [],
    );
    // A React Native entry alone, and fallbacks in an array, lead a browser there too.
    expect([
      ...browserOnlyFolders({ exports: { 'react-native': ['./browser/index.js'], default: './index.js' } }),
    ]).toEqual(['browser']);
    expect([...browserOnlyFolders({ exports: './browser/index.js' })]).toEqual([]);
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
    // A relative name is read from the working directory; text without a file never is one.
    expect(isBrowserBuildFile(path.join('browser', 'x.js'), at('typeorm'))).toBe(true);
    expect(isBrowserBuildFile(path.join('browser', 'x.js'), at('plain'))).toBe(false);
    expect(isBrowserBuildFile('<input>', at('typeorm'))).toBe(false);
  });

  it("leaves the browser build out of the project's files", () => {
    folder.write('app/package.json', TYPEORM);
    folder.write('app/index.js', 'module.exports = require("./lib/stop");\n');
    folder.write('app/lib/stop.js', 'exports.stop = () => {};\n');
    folder.write('app/browser/lib/stop.js', 'exports.stop = () => {};\n');
    clearBrowserBuildCache();
    const root = path.join(folder.root, 'app');
    expect(projectFiles(root).map((file) => path.relative(root, file))).toEqual([
      'index.js',
      path.join('lib', 'stop.js'),
    ]);
  });

  it('reads a changed manifest again after two seconds', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const file = folder.write('changing/browser/x.js', 'exports.x = 1;\n');
      folder.write('changing/package.json', TYPEORM);
      clearBrowserBuildCache();
      expect(isBrowserBuildFile(file)).toBe(true);
      folder.write('changing/package.json', { ...TYPEORM, main: './browser/index.js' });
      expect(isBrowserBuildFile(file)).toBe(true);
      vi.setSystemTime(Date.now() + 2500);
      expect(isBrowserBuildFile(file)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
