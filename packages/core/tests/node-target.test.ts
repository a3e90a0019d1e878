import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearNodeTargetCache, getNodeTarget, readSettings } from '../src/index.js';
import { temporaryFolder } from './temporary-folder.js';

const { root, write } = temporaryFolder('node-target-');

describe('getNodeTarget', () => {
  it('reads the lowest version of engines.node from the nearest package.json', () => {
    write('app/package.json', { engines: { node: '>=18.17' } });
    const target = getNodeTarget({ filename: path.join(root, 'app/src/routes/a.js'), settings: {} });
    expect(target).toEqual({
      version: '18.17.0',
      major: 18,
      range: '>=18.17',
      source: path.join(root, 'app/package.json'),
    });
  });

  it('takes the lowest major of a union range', () => {
    write('union/package.json', { engines: { node: '^20.19 || >=22' } });
    expect(getNodeTarget({ filename: path.join(root, 'union/index.js'), settings: {} })?.major).toBe(20);
  });

  it('skips package.json files without engines.node (workspace packages inherit the root one)', () => {
    write('mono/package.json', { engines: { node: '>=22' } });
    write('mono/packages/api/package.json', { name: 'api' });
    expect(getNodeTarget({ filename: path.join(root, 'mono/packages/api/src/a.ts'), settings: {} })?.major).toBe(22);
  });

  it('lets the setting override engines.node', () => {
    write('override/package.json', { engines: { node: '>=22' } });
    const target = getNodeTarget({
      filename: path.join(root, 'override/a.js'),
      settings: { 'backend-perf': { node: '18' } },
    });
    expect(target).toMatchObject({ major: 18, source: 'settings' });
  });

  it('is null when nothing says, and for virtual file names', () => {
    expect(getNodeTarget({ filename: '<input>', settings: {} })).toBeNull();
    write('none/package.json', { name: 'none' });
    clearNodeTargetCache();
    const outside = getNodeTarget({ filename: path.join(root, 'none/a.js'), settings: {} });
    // Directories above the temporary root may declare engines; only assert that the file's own package does not.
    expect(outside?.source).not.toBe(path.join(root, 'none/package.json'));
  });

  it('ignores malformed package.json files and keeps looking', () => {
    write('broken/package.json', { engines: { node: '>=20' } });
    write('broken/inner/package.json', '{ not json');
    expect(getNodeTarget({ filename: path.join(root, 'broken/inner/a.js'), settings: {} })?.major).toBe(20);
  });
});

describe("settings['backend-perf'].node", () => {
  it('accepts versions and ranges', () => {
    expect(readSettings({ 'backend-perf': { node: '>=18' } }).node).toBe('>=18');
    expect(readSettings({ 'backend-perf': { node: '22' } }).node).toBe('22');
  });

  it('rejects values that are not ranges', () => {
    expect(() => readSettings({ 'backend-perf': { node: 18 } })).toThrow(/must be a Node.js version or range/u);
    expect(() => readSettings({ 'backend-perf': { node: 'latest' } })).toThrow(/must be a Node.js version or range/u);
  });
});
