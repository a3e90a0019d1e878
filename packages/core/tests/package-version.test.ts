import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearPackageVersionCache, getPackageVersion } from '../src/index.js';
import { temporaryFolder } from './temporary-folder.js';

const { root, write } = temporaryFolder('package-version-');

describe('getPackageVersion', () => {
  it('reads the installed copy first', () => {
    write('app/package.json', { dependencies: { mongoose: '^5.13.0' } });
    const installed = write('app/node_modules/mongoose/package.json', { name: 'mongoose', version: '6.12.3' });
    expect(getPackageVersion(path.join(root, 'app/src/db.js'), 'mongoose')).toEqual({
      version: '6.12.3',
      major: 6,
      source: 'installed',
      file: installed,
    });
  });

  it('falls back to the lowest version of the declared range, in any dependency field', () => {
    const manifest = write('declared/package.json', { devDependencies: { 'node-fetch': '^2.6.7 || ^3.0.0' } });
    expect(getPackageVersion(path.join(root, 'declared/lib/a.js'), 'node-fetch')).toEqual({
      version: '2.6.7',
      major: 2,
      source: 'declared',
      file: manifest,
    });
  });

  it('takes the nearest directory that says, as Node resolves', () => {
    write('mono/node_modules/needle/package.json', { version: '2.9.1' });
    write('mono/packages/api/package.json', { dependencies: { needle: '^3.2.0' } });
    expect(getPackageVersion(path.join(root, 'mono/packages/api/src/a.js'), 'needle')?.major).toBe(3);
    expect(getPackageVersion(path.join(root, 'mono/packages/web/src/a.js'), 'needle')?.major).toBe(2);
  });

  it('is null for virtual file names, unknown ranges and broken manifests', () => {
    expect(getPackageVersion('<input>', 'mongoose')).toBeNull();
    write('odd/package.json', { dependencies: { mongoose: 'github:Automattic/mongoose' } });
    write('odd/inner/package.json', '{ not json');
    clearPackageVersionCache();
    const found = getPackageVersion(path.join(root, 'odd/inner/a.js'), 'mongoose');
    // Directories above the temporary root may have mongoose; only assert that these files say nothing.
    expect(found?.file.startsWith(path.join(root, 'odd'))).not.toBe(true);
  });
});
