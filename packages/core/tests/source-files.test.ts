import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_IGNORE_PATTERNS,
  findTypescriptSetupProblem,
  defaultIgnoreReason,
  isCommonJsFile,
  isMinifiedFile,
  isMinifiedText,
  packageTypeOf,
  sourceParser,
  sourceTypeOf,
} from '../src/index.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-source-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(relative: string, text: string): string {
  const absolute = path.join(root, relative);
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
  return absolute;
}

file('cjs/package.json', '{ "name": "cjs" }');
file('esm/package.json', '{ "name": "esm", "type": "module" }');
file('esm/nested/package.json', '{ "name": "nested" }');
file('broken/package.json', '{ not json');

const CJS = "const fs = require('fs');\nmodule.exports = fs;\n";
const ESM = "import fs from 'fs';\nexport default fs;\n";
const BUNDLE = `(function(){${'var a=1;'.repeat(400)}})();\n`;

describe('packageTypeOf', () => {
  it('reads the nearest package.json type, CommonJS without one', () => {
    expect(packageTypeOf(path.join(root, 'cjs/src'))).toBe('commonjs');
    expect(packageTypeOf(path.join(root, 'esm/src/deep'))).toBe('module');
    expect(packageTypeOf(path.join(root, 'esm/nested/src'))).toBe('commonjs');
  });

  it('skips a package.json that does not parse, as Node does', () => {
    expect(packageTypeOf(path.join(root, 'broken'))).toBe(packageTypeOf(root));
  });
});

describe('sourceTypeOf', () => {
  it('follows the extension, then the package type, then the syntax', () => {
    expect(sourceTypeOf(path.join(root, 'esm/a.cjs'), ESM)).toBe('commonjs');
    expect(sourceTypeOf(path.join(root, 'cjs/a.mjs'), CJS)).toBe('module');
    expect(sourceTypeOf(path.join(root, 'esm/a.js'), CJS)).toBe('module');
    expect(sourceTypeOf(path.join(root, 'esm/a.ts'), CJS)).toBe('module');
    expect(sourceTypeOf(path.join(root, 'cjs/a.js'), CJS)).toBe('commonjs');
    expect(sourceTypeOf(path.join(root, 'cjs/a.js'), ESM)).toBe('module');
    expect(sourceTypeOf(path.join(root, 'cjs/a.cts'), ESM)).toBe('commonjs');
  });
});

describe('sourceParser', () => {
  it('parses with the sourceType ESLint passes, and decides itself without one', () => {
    const parse = (sourceParser as unknown as { parseForESLint: (text: string, options: object) => { ast: unknown } })
      .parseForESLint;
    const sourceTypeFor = (options: object) =>
      (parse(CJS, { filePath: path.join(root, 'cjs/a.js'), ...options }).ast as { sourceType: string }).sourceType;
    expect(sourceTypeFor({ sourceType: 'module' })).toBe('module');
    expect(sourceTypeFor({ sourceType: 'commonjs' })).toBe('commonjs');
    expect(sourceTypeFor({})).toBe('commonjs');
    expect(() =>
      parse('const protected = 1;\n', { filePath: path.join(root, 'cjs/a.js'), sourceType: 'commonjs' }),
    ).not.toThrow();
  });

  it('resolves the references of a dynamic import options argument, with tokens or without', () => {
    type Scoped = {
      scopeManager: {
        globalScope: { childScopes: { references: { identifier: { name: string }; resolved: unknown }[] }[] };
      };
    };
    const parse = (sourceParser as unknown as { parseForESLint: (text: string, options: object) => Scoped })
      .parseForESLint;
    const resolved = (text: string, tokens: boolean): string[] =>
      parse(text, { filePath: path.join(root, 'esm/a.mjs'), sourceType: 'module', tokens })
        .scopeManager.globalScope.childScopes[0].references.filter((reference) => reference.resolved !== null)
        .map((reference) => reference.identifier.name);
    for (const text of [
      "const options = { with: { type: 'json' } };\nexport const data = await import('./data.json', options);\n",
      "const options = {};\nexport const data = await import /* lazily */ ('./data.json', options);\n",
      "const options = {};\nexport const data = await import // lazily\n('./data.json', options);\n",
      "const options = {};\nexport const data = await import // lazily\r('./data.json', options);\n",
      "const options = {};\nexport const data = await import /* a */ /* b */\u2028('./data.json', options);\n",
    ]) {
      // The declarations' initialising writes, then the read in the import's options.
      expect(resolved(text, true), text).toEqual(['options', 'data', 'options']);
      expect(resolved(text, false), text).toEqual(['options', 'data', 'options']);
    }
    // The HTML-like comments of scripts and CommonJS.
    for (const text of [
      "const options = {};\nexports.data = import <!-- c\n('./data.json', options);\n",
      "const options = {};\nexports.data = import\n--> c\n('./data.json', options);\n",
    ]) {
      const { scopeManager } = parse(text, {
        filePath: path.join(root, 'cjs/a.js'),
        sourceType: 'commonjs',
        tokens: false,
      });
      const reads = scopeManager.globalScope.childScopes[0].references.filter(
        (reference) => reference.identifier.name === 'options' && reference.resolved !== null,
      );
      expect(reads, text).toHaveLength(2);
    }
  });
});

describe('default ignores', () => {
  const bundle = file('cjs/public/app.js', BUNDLE);
  const named = file('cjs/public/libs/htmx.min.js', 'var a = 1;\n');
  const own = file('cjs/src/app.js', CJS);
  const esm = file('cjs/src/esm.js', ESM);

  it('recognises minified text by its line length', () => {
    expect(isMinifiedText(BUNDLE)).toBe(true);
    expect(isMinifiedText(CJS.repeat(200))).toBe(false);
    expect(isMinifiedText('x'.repeat(1_000))).toBe(false);
  });

  it('gives a reason for folders of other code, minified names and minified text', () => {
    expect(defaultIgnoreReason(path.join(root, 'cjs/vendor/lib.js'), path.join(root, 'cjs'))).toBe(
      'in a vendor folder',
    );
    expect(defaultIgnoreReason(path.join(root, 'cjs/dist/index.js'), path.join(root, 'cjs'))).toBe('in a dist folder');
    expect(defaultIgnoreReason(named, path.join(root, 'cjs'))).toBe('a minified file');
    expect(defaultIgnoreReason(bundle, path.join(root, 'cjs'))).toBe('minified code');
    expect(defaultIgnoreReason(own, path.join(root, 'cjs'))).toBeNull();
  });

  it('counts folder names only below the base, so a project inside a build folder is still its own code', () => {
    expect(defaultIgnoreReason(path.join(root, 'build/app/src/a.js'), path.join(root, 'build/app'))).toBeNull();
  });

  it('gives ESLint predicates for minified files and CommonJS files', () => {
    expect(isMinifiedFile(bundle)).toBe(true);
    expect(isMinifiedFile(own)).toBe(false);
    expect(isMinifiedFile(`${path.join(root, 'cjs/public')}/`)).toBe(false);
    expect(isCommonJsFile(own)).toBe(true);
    expect(isCommonJsFile(esm)).toBe(false);
    expect(isCommonJsFile(path.join(root, 'cjs/missing.js'))).toBe(false);
  });

  it('lists the folders and file names as flat-config ignores', () => {
    expect(DEFAULT_IGNORE_PATTERNS).toContain('**/node_modules/');
    expect(DEFAULT_IGNORE_PATTERNS).toContain('**/vendor/');
    expect(DEFAULT_IGNORE_PATTERNS).toContain('**/*.min.js');
  });
});

describe('findTypescriptSetupProblem', () => {
  /** Resolution inside the project folder only (the test runner's NODE_PATH would find the workspace's packages). */
  function project(name: string, typescript: string | null, parser = true): (request: string) => string {
    const dir = path.join(root, 'ts', name);
    if (parser) {
      file(
        `ts/${name}/node_modules/@typescript-eslint/parser/package.json`,
        JSON.stringify({
          name: '@typescript-eslint/parser',
          version: '8.74.0',
          peerDependencies: { typescript: '>=4.8.4 <6.1.0' },
        }),
      );
    }
    if (typescript !== null) {
      file(
        `ts/${name}/node_modules/typescript/package.json`,
        JSON.stringify({ name: 'typescript', version: typescript }),
      );
    }
    return (request) => {
      const found = path.join(dir, 'node_modules', request);
      if (!existsSync(found)) throw new Error(`Cannot find module '${request}'`);
      return found;
    };
  }

  it('is null for a TypeScript the parser supports', () => {
    expect(findTypescriptSetupProblem(project('ok', '5.9.3'))).toBeNull();
  });

  it('says in one line what to do for a TypeScript outside the range, a missing parser or TypeScript', () => {
    expect(findTypescriptSetupProblem(project('old', '3.9.10'))).toBe(
      'TypeScript 3.9.10 is older than @typescript-eslint/parser 8.74.0 supports (>=4.8.4 <6.1.0): upgrade typescript.',
    );
    expect(findTypescriptSetupProblem(project('new', '7.0.2'))).toBe(
      'TypeScript 7.0.2 is newer than @typescript-eslint/parser 8.74.0 supports (>=4.8.4 <6.1.0): install a ' +
        'typescript version in that range, or upgrade typescript-eslint.',
    );
    expect(findTypescriptSetupProblem(project('none', null, false))).toBe(
      'TypeScript files need @typescript-eslint/parser: install typescript-eslint (npm install --save-dev ' +
        'typescript-eslint typescript).',
    );
    expect(findTypescriptSetupProblem(project('parser-only', null))).toBe(
      'TypeScript files need the typescript package beside @typescript-eslint/parser: npm install --save-dev ' +
        'typescript.',
    );
  });
});
