import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  const source = 'const memo = {};\nfunction put(k, v) { memo[k] = v; }\nmodule.exports = { put };\n';

  it('adds lru-cache to the nearest package.json once, keeping its indentation', () => {
    const dir = tempPackage();
    const pkg = path.join(dir, 'package.json');
    writeFileSync(pkg, '{\n    "name": "svc",\n    "dependencies": {\n        "express": "^4.21.2"\n    }\n}\n');
    const file = path.join(dir, 'src', 'memo.js');
    expect(runTransform(codemod, source, file).output).toContain('new LRUCache(');
    expect(readFileSync(pkg, 'utf8')).toBe(
      '{\n    "name": "svc",\n    "dependencies": {\n        "express": "^4.21.2",\n        "lru-cache": "^11.0.0"\n    }\n}\n',
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
});
