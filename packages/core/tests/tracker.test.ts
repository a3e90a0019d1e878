import { describe, expect, it } from 'vitest';
import { findApiUses, SYNC_IO_APIS, type ApiEntry } from '../src/index.js';
import { analyse, type AnalyseOptions } from './analyse.js';

/** `entry id @ source text of the use` for every sync I/O use in `code`. */
function syncUses(code: string, options?: AnalyseOptions): string[] {
  const { sourceCode } = analyse(code, options);
  return findApiUses(sourceCode, SYNC_IO_APIS).map(({ entry, node }) => `${entry.id} @ ${sourceCode.getText(node)}`);
}

describe('findApiUses', () => {
  it('finds a member call on require("fs")', () => {
    expect(
      syncUses(`const fs = require('fs');\nfs.readFileSync('a.txt', 'utf8');`, { sourceType: 'commonjs' }),
    ).toEqual(["fs.readFileSync @ fs.readFileSync('a.txt', 'utf8')"]);
  });

  it('finds a call directly on the require call', () => {
    expect(syncUses(`require('fs').readFileSync('a.txt');`, { sourceType: 'commonjs' })).toEqual([
      "fs.readFileSync @ require('fs').readFileSync('a.txt')",
    ]);
  });

  it('follows destructured and aliased requires', () => {
    const code = [
      `const { readFileSync, statSync: stat } = require('fs');`,
      `const { execSync } = require('child_process');`,
      `readFileSync('a');`,
      `stat('b');`,
      `execSync('ls');`,
    ].join('\n');
    expect(syncUses(code, { sourceType: 'commonjs' })).toEqual([
      "fs.readFileSync @ readFileSync('a')",
      "fs.statSync @ stat('b')",
      "child_process.execSync @ execSync('ls')",
    ]);
  });

  it('treats the node: prefix as the same module, in require and import', () => {
    expect(syncUses(`const fs = require('node:fs');\nfs.writeFileSync('a', 'b');`, { sourceType: 'commonjs' })).toEqual(
      ["fs.writeFileSync @ fs.writeFileSync('a', 'b')"],
    );
    expect(syncUses(`import { spawnSync } from 'node:child_process';\nspawnSync('ls');`)).toEqual([
      "child_process.spawnSync @ spawnSync('ls')",
    ]);
  });

  it('finds calls through a default import', () => {
    expect(syncUses(`import fs from 'fs';\nexport function f() { return fs.existsSync('a'); }`)).toEqual([
      "fs.existsSync @ fs.existsSync('a')",
    ]);
  });

  it('finds calls through a namespace import', () => {
    expect(syncUses(`import * as fs from 'fs';\nfs.mkdirSync('d');`)).toEqual(["fs.mkdirSync @ fs.mkdirSync('d')"]);
  });

  it('finds named and aliased imports', () => {
    const code = `import { readdirSync, readFileSync as read } from 'fs';\nreaddirSync('.');\nread('a');`;
    expect(syncUses(code)).toEqual(["fs.readdirSync @ readdirSync('.')", "fs.readFileSync @ read('a')"]);
  });

  it('does not count the promise API as a sync use', () => {
    const code = [
      `import fs from 'fs';`,
      `import { readFile } from 'fs/promises';`,
      `const fsp = require('fs/promises');`,
      `await fs.promises.readFile('a');`,
      `await readFile('b');`,
      `await fsp.readFile('c');`,
      `fs.readFile('d', () => {});`,
    ].join('\n');
    expect(syncUses(code)).toEqual([]);
  });

  it('ignores a local function that happens to be called readFileSync', () => {
    const code =
      `function readFileSync(name) { return name; }\nreadFileSync('a');\nconst other = { readFileSync };\n` +
      `other.readFileSync('b');`;
    expect(syncUses(code)).toEqual([]);
  });

  it('ignores other libraries with sync-sounding methods (Effect.runSync)', () => {
    const code =
      `import { Effect } from 'effect';\nimport { readFileSync } from 'fs-extra-like';\n` +
      `Effect.runSync(Effect.succeed(1));\nreadFileSync('a');`;
    expect(syncUses(code)).toEqual([]);
  });

  it('ignores a parameter that shadows the fs import', () => {
    const code = `const fs = require('fs');\nfunction read(fs) { return fs.readFileSync('a'); }\nfs.statSync('b');`;
    expect(syncUses(code, { sourceType: 'commonjs' })).toEqual(["fs.statSync @ fs.statSync('b')"]);
  });

  it('finds require calls in an ES-module .js file where require is not a declared global', () => {
    const code = `const fs = require('fs');\nexport function load() { return fs.readFileSync('a'); }`;
    expect(syncUses(code, { sourceType: 'module' })).toEqual(["fs.readFileSync @ fs.readFileSync('a')"]);
  });

  it("does not treat a locally declared require as Node's", () => {
    const code = `function require(name) { return { readFileSync: () => name }; }\nrequire('fs').readFileSync('a');`;
    expect(syncUses(code, { sourceType: 'module' })).toEqual([]);
  });

  it('works on TypeScript files (type annotations, assertions, generics)', () => {
    const code = [
      `import * as fs from 'node:fs';`,
      `import { execFileSync } from 'child_process';`,
      `export function load(name: string): Buffer {`,
      `  const out = execFileSync('git', ['status']) as Buffer;`,
      `  return (fs as typeof import('fs')).readFileSync(name) ?? out;`,
      `}`,
    ].join('\n');
    expect(syncUses(code, { filename: 'src/routes/file.ts' })).toEqual([
      "child_process.execFileSync @ execFileSync('git', ['status'])",
      "fs.readFileSync @ (fs as typeof import('fs')).readFileSync(name)",
    ]);
  });

  it("follows TypeScript's import x = require()", () => {
    const code = [
      `import fs = require('node:fs');`,
      `import cp = require('child_process');`,
      `import type fsTypes = require('fs');`,
      `const { statSync } = fs;`,
      `export function load(name: string) {`,
      `  statSync(name);`,
      `  cp.spawnSync('ls');`,
      `  return fs.readFileSync(name, 'utf8');`,
      `}`,
      `function shadow(fs: { readFileSync(name: string): string }) { return fs.readFileSync('x'); }`,
    ].join('\n');
    expect(syncUses(code, { filename: 'src/routes/file.ts', sourceType: 'commonjs' })).toEqual([
      'fs.statSync @ statSync(name)',
      "child_process.spawnSync @ cp.spawnSync('ls')",
      "fs.readFileSync @ fs.readFileSync(name, 'utf8')",
    ]);
  });

  it('follows awaited dynamic imports, written and compiled, and only awaited ones', () => {
    const code = [
      `async function a() {`,
      `  const fs = await import('node:fs');`,
      `  fs.readFileSync('a');`,
      `}`,
      `async function b() {`,
      `  const { default: fs, statSync } = await import('fs');`,
      `  fs.existsSync('b');`,
      `  statSync('b');`,
      `}`,
      `async function c() {`,
      `  const fs = await Promise.resolve().then(() => _interop_require_wildcard(require('fs')));`,
      `  fs.default.readdirSync('c');`,
      `}`,
      `async function d() {`,
      `  const fs = await Promise.resolve().then(function () { return require('fs'); });`,
      `  fs.mkdirSync('d');`,
      `}`,
      `async function e(name) {`,
      `  const pending = import('fs');`,
      `  const dynamic = await import(name);`,
      `  dynamic.readFileSync('e');`,
      `  const { readFileSync } = await import('./fs.js');`,
      `  readFileSync('e');`,
      `}`,
    ].join('\n');
    expect(syncUses(code, { sourceType: 'commonjs' })).toEqual([
      "fs.readFileSync @ fs.readFileSync('a')",
      "fs.existsSync @ fs.existsSync('b')",
      "fs.statSync @ statSync('b')",
      "fs.readdirSync @ fs.default.readdirSync('c')",
      "fs.mkdirSync @ fs.mkdirSync('d')",
    ]);
  });

  it('returns the same array for the same AST and entry list (cached)', () => {
    const { sourceCode } = analyse(`import fs from 'fs';\nfs.readFileSync('a');`);
    expect(findApiUses(sourceCode, SYNC_IO_APIS)).toBe(findApiUses(sourceCode, SYNC_IO_APIS));
  });

  it('tracks constructions and reads of other entries', () => {
    const entries: ApiEntry[] = [
      { id: 'pg.Pool', modules: ['pg'], path: ['Pool'], usage: 'construct', category: 'pooling', tags: [] },
      { id: 'os.EOL', modules: ['os'], path: ['EOL'], usage: 'read', category: 'process', tags: [] },
    ];
    const code =
      `import { Pool } from 'pg';\nimport os from 'node:os';\nconst pool = new Pool();\nconst eol = os.EOL;\n` +
      `Pool();`;
    const { sourceCode } = analyse(code);
    expect(
      findApiUses(sourceCode, entries).map(({ entry, node }) => `${entry.id} @ ${sourceCode.getText(node)}`),
    ).toEqual(['pg.Pool @ new Pool()', 'os.EOL @ os.EOL']);
  });
});
