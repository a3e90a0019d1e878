import os from 'node:os';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ignoredHint } from '../src/commands/check.js';
import { cli, scratchProjects } from './projects.js';

const project = scratchProjects(os.tmpdir(), 'backend-perf-check-ignored-');
const code = "const fs = require('fs');\nmodule.exports = () => fs.readFileSync('x');\n";

describe('check on a path whose every file is ignored', () => {
  it('names the default-ignored folders that hold the code, and how to check them', async () => {
    // A package that ships only its build output, as most packages in node_modules do.
    const dir = project({ 'package.json': '{ "name": "pkg", "main": "dist/index.js" }', 'dist/index.js': code });
    const result = await cli(dir, 'check', '--no-config-lookup');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      "backend-perf check: All files matched by '.' are ignored. backend-perf skips dist/ by default (dependencies, " +
        'vendored code and build output): run with --no-default-ignores to check it.\n',
    );
    const again = await cli(dir, 'check', '--no-config-lookup', '--no-default-ignores', '--format', 'json');
    expect(again.err).toBe('');
    expect((JSON.parse(again.out) as { summary: { filesLinted: number } }).summary.filesLinted).toBe(1);
  });

  it('names a path that is itself in a default-ignored folder', async () => {
    const dir = project({ 'node_modules/pkg/index.js': code, 'src/app.js': code });
    const result = await cli(dir, 'check', '--no-config-lookup', 'node_modules/pkg');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      "backend-perf check: All files matched by 'node_modules/pkg' are ignored. 'node_modules/pkg' is in a " +
        'node_modules folder, which backend-perf skips by default: run with --no-default-ignores to check it.\n',
    );
  });

  it('names several folders, and only those that hold code', () => {
    const dir = project({ 'build/a.js': code, 'dist/lib/b.mjs': code, 'coverage/index.html': '<html></html>' });
    mkdirSync(path.join(dir, '.git'));
    expect(ignoredHint(dir, '.', true)).toBe(
      ' backend-perf skips build/ and dist/ by default (dependencies, vendored code and build output): run with ' +
        '--no-default-ignores to check them.',
    );
  });

  it('points elsewhere when the default ignores are off or skip nothing there', () => {
    const dir = project({ 'dist/a.js': code, 'coverage/lcov.info': '', 'src/readme.md': '' });
    const elsewhere = ' They are ignored by .gitignore or by the ignores of your ESLint config.';
    expect(ignoredHint(dir, '.', false)).toBe(elsewhere);
    expect(ignoredHint(dir, 'src', true)).toBe(elsewhere);
    expect(ignoredHint(dir, 'src/**/*.js', true)).toBe(elsewhere);
  });
});
