import os from 'node:os';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ignoredHint } from '../src/commands/check.js';
import { collectSourceFiles } from '../src/files.js';
import { createIgnoreFilter } from '../src/ignores.js';
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
        'vendored code, build output and minified files): run with --no-default-ignores to check it.\n',
    );
    const again = await cli(dir, 'check', '--no-config-lookup', '--no-default-ignores', '--format', 'json');
    expect(again.err).toBe('');
    expect((JSON.parse(again.out) as { summary: { filesLinted: number } }).summary.filesLinted).toBe(1);
  });

  it('gives the same hint with --engine oxlint, and says so only when the default ignores skipped the files', async () => {
    const dir = project({ 'package.json': '{ "name": "pkg", "main": "dist/index.js" }', 'dist/index.js': code });
    const result = await cli(dir, 'check', '--engine', 'oxlint', 'dist/index.js');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      "backend-perf check: All files matched by 'dist/index.js' are ignored. 'dist/index.js' is in a dist folder, " +
        'which backend-perf skips by default: run with --no-default-ignores to check it.\n',
    );
    const docs = project({ 'package.json': '{ "name": "pkg" }', 'docs/guide.md': '# Guide\n' });
    const none = await cli(docs, 'check', '--engine', 'oxlint', 'docs');
    expect(none.code).toBe(2);
    expect(none.err).toBe('backend-perf check: No files matching docs were found.\n');
  });

  it('says that a folder holds nothing to lint, rather than blaming an ignore', async () => {
    const dir = project({ 'package.json': '{ "name": "pkg" }', 'docs/api/guide.md': '# Guide\n', 'src/app.js': code });
    const held = "'docs' holds no JavaScript or TypeScript source file.\n";
    for (const options of [[], ['--no-default-ignores']]) {
      const result = await cli(dir, 'check', '--no-config-lookup', ...options, 'docs');
      expect(result.code).toBe(2);
      expect(result.err).toBe(`backend-perf check: All files matched by 'docs' are ignored. ${held}`);
    }
    // A link to a source file is one: the folder's files are ignored by the ESLint config.
    symlinkSync(path.join(dir, 'src/app.js'), path.join(dir, 'docs/app.js'));
    expect(ignoredHint(dir, 'docs', true)).toBe(
      ' They are ignored by .gitignore or by the ignores of your ESLint config.',
    );
  });

  it('learns whether the default ignores hide any file by finding one, not all', async () => {
    const dir = project({ 'dist/a.js': code, 'dist/b.js': code, 'dist/lib/c.js': code });
    const unignored = createIgnoreFilter(dir, { defaults: false });
    expect(await collectSourceFiles(dir, ['.'], unignored)).toHaveLength(3);
    expect(await collectSourceFiles(dir, ['.'], unignored, undefined, 1)).toHaveLength(1);
    expect(await collectSourceFiles(dir, ['.'])).toEqual([]);
  });

  it('names a default-ignored folder below the given one, with either engine', async () => {
    const dir = project({ 'package.json': '{ "name": "pkg" }', 'lib/dist/index.js': code, 'lib/README.md': '# Lib\n' });
    const hint =
      ' backend-perf skips lib/dist/ by default (dependencies, vendored code, build output and minified files): ' +
      'run with --no-default-ignores to check it.\n';
    for (const engine of ['eslint', 'oxlint']) {
      const result = await cli(dir, 'check', '--no-config-lookup', '--engine', engine, '.');
      expect(result.code).toBe(2);
      expect(result.err).toBe(`backend-perf check: All files matched by '.' are ignored.${hint}`);
    }
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

  it('names several folders, and only those that hold code and that .gitignore leaves', () => {
    const dir = project({
      '.gitignore': 'vendor/\n',
      'build/a.js': code,
      'dist/lib/b.mjs': code,
      'vendor/c.js': code,
      'coverage/index.html': '<html></html>',
      'app.min.js': code,
    });
    mkdirSync(path.join(dir, '.git'));
    expect(ignoredHint(dir, '.', true)).toBe(
      ' backend-perf skips build/, dist/ and minified files by default (dependencies, vendored code, build output ' +
        'and minified files): run with --no-default-ignores to check them.',
    );
    // A glob stands for the folder before its first glob character; a default-ignored folder given by name.
    expect(ignoredHint(dir, '**/*.js', true)).toBe(ignoredHint(dir, '.', true));
    expect(ignoredHint(dir, 'dist', true)).toBe(
      " 'dist' is a dist folder, which backend-perf skips by default: run with --no-default-ignores to check it.",
    );
    expect(ignoredHint(dir, 'dist/lib', true)).toBe(
      " 'dist/lib' is in a dist folder, which backend-perf skips by default: run with --no-default-ignores to check it.",
    );
  });

  it('points elsewhere when the default ignores are off or skip nothing there', () => {
    const dir = project({ '.gitignore': 'vendor/\n', 'dist/a.js': code, 'vendor/b.js': code });
    mkdirSync(path.join(dir, '.git'));
    const elsewhere = ' They are ignored by .gitignore or by the ignores of your ESLint config.';
    expect(ignoredHint(dir, '.', false)).toBe(elsewhere);
    expect(ignoredHint(dir, 'vendor', true)).toBe(elsewhere);
    rmSync(path.join(dir, 'dist'), { recursive: true });
    expect(ignoredHint(dir, '.', true)).toBe(elsewhere);
  });
});
