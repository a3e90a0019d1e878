import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as codemod from '../src/transforms/cache-to-lru.js';
import { runTransform } from './run-transform.js';

describe('cache-to-lru package.json', () => {
  // ESLint lints only files below its working directory, so the scratch packages live there.
  const scratch: string[] = [];
  const tempPackage = (): string => {
    const dir = mkdtempSync(path.join(process.cwd(), '.cache-to-lru-'));
    scratch.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });
  const source =
    'const memo = {};\nfunction get(k) { if (!(k in memo)) memo[k] = compute(k); return memo[k]; }\n' +
    'module.exports = { get };\n';

  it('adds lru-cache to the nearest package.json once, keeping its indentation', () => {
    const dir = tempPackage();
    const pkg = path.join(dir, 'package.json');
    writeFileSync(pkg, '{\n    "name": "svc",\n    "dependencies": {\n        "express": "^4.21.2"\n    }\n}\n');
    const file = path.join(dir, 'src', 'memo.js');
    expect(runTransform(codemod, source, file).output).toContain('new LRUCache(');
    expect(readFileSync(pkg, 'utf8')).toBe(
      '{\n    "name": "svc",\n    "dependencies": {\n        "express": "^4.21.2",\n        "lru-cache": "^11.0.0"\n' +
        '    }\n}\n',
    );
    const once = readFileSync(pkg, 'utf8');
    runTransform(codemod, source, file);
    expect(readFileSync(pkg, 'utf8')).toBe(once);
  });

  it('hands the dependency to a runner that edits package.json itself, and writes nothing', () => {
    const dir = tempPackage();
    const pkg = path.join(dir, 'package.json');
    const text = '{ "name": "svc" }\n';
    writeFileSync(pkg, text);
    const requests: unknown[] = [];
    const run = runTransform(codemod, source, path.join(dir, 'memo.js'), {
      addDependency: (request) => requests.push(request),
    });
    expect(run.output).toContain('new LRUCache(');
    expect(requests).toEqual([{ manifest: pkg, name: 'lru-cache', range: '^11.0.0' }]);
    expect(readFileSync(pkg, 'utf8')).toBe(text);
  });

  it('leaves files alone while an lru-cache older than 10 is a dependency', () => {
    const dir = tempPackage();
    writeFileSync(path.join(dir, 'package.json'), '{ "dependencies": { "lru-cache": "^6.0.0" } }\n');
    const run = runTransform(codemod, source, path.join(dir, 'memo.js'));
    expect(run.output).toBeUndefined();
    expect(run.reports).toHaveLength(1);
  });

  it('writes nothing in a dry run', () => {
    const dir = tempPackage();
    const pkg = path.join(dir, 'package.json');
    writeFileSync(pkg, '{ "name": "svc" }\n');
    runTransform(codemod, source, path.join(dir, 'memo.js'), { dry: true });
    expect(readFileSync(pkg, 'utf8')).toBe('{ "name": "svc" }\n');
  });

  /** The dependency the transform asks for in a package with this manifest, or its review lines. */
  const ask = (manifest: Record<string, unknown>, files: Record<string, string> = {}) => {
    const dir = tempPackage();
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const requests: { manifest: string; range: string }[] = [];
    const run = runTransform(codemod, source, path.join(dir, 'src', 'memo.js'), {
      addDependency: (request) => requests.push(request),
    });
    return {
      changed: run.output !== undefined,
      requests: requests.map((request) => ({ ...request, manifest: path.relative(dir, request.manifest) })),
      reports: run.reports.map((report) => report.split(`${dir}${path.sep}`).join('')),
    };
  };

  it("picks the newest lru-cache major the package's engines allow, in the manifest's range style", () => {
    expect(ask({ name: 'svc', engines: { node: '>=20' } }).requests).toEqual([
      { manifest: 'package.json', name: 'lru-cache', range: '^11.0.0' },
    ]);
    expect(ask({ name: 'svc', engines: { node: '>=16' } }).requests).toEqual([
      { manifest: 'package.json', name: 'lru-cache', range: '^10.0.0' },
    ]);
    expect(ask({ name: 'svc', dependencies: { express: '4.21.2', pg: '8.13.1' } }).requests).toEqual([
      { manifest: 'package.json', name: 'lru-cache', range: '11.5.4' },
    ]);
    expect(ask({ name: 'svc', dependencies: { express: '~4.21.2' } }).requests).toEqual([
      { manifest: 'package.json', name: 'lru-cache', range: '~11.0.0' },
    ]);
  });

  it('leaves the caches of a package whose engines allow a Node older than any lru-cache with LRUCache', () => {
    expect(ask({ name: 'svc', engines: { node: '>=10' } })).toEqual({
      changed: false,
      requests: [],
      reports: [
        'src/memo.js:1:7: left for review: the package targets Node 10.0.0 (>=10), older than lru-cache 10, the ' +
          'oldest with the `LRUCache` export, supports (Node 14)',
      ],
    });
  });

  it('adds the dependency to the package that owns the file, past a folder that only sets the module type', () => {
    expect(ask({ name: 'svc' }, { 'src/package.json': '{ "type": "commonjs" }\n' }).requests).toEqual([
      { manifest: 'package.json', name: 'lru-cache', range: '^11.0.0' },
    ]);
  });

  it('says when an older lru-cache without LRUCache is what the code would load until the install', () => {
    const run = ask(
      { name: 'svc' },
      { 'node_modules/lru-cache/package.json': '{ "name": "lru-cache", "version": "7.18.3" }\n' },
    );
    expect(run.changed).toBe(true);
    expect(run.reports).toEqual([
      'src/memo.js: lru-cache 7.18.3 is installed (for another dependency) and has no `LRUCache` export: install the ' +
        'added lru-cache@^11.0.0 before running the code, or it fails with "LRUCache is not a constructor"',
    ]);
  });
});
