import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { declaredRange, findPackageJsonFrom, nearestPackageJson, withDependency } from '../src/engine/package-json.js';

describe('withDependency', () => {
  it('adds the dependency in alphabetical place when the dependencies are sorted, keeping indentation', () => {
    expect(
      withDependency(
        '{\n    "name": "api",\n    "dependencies": {\n        "express": "^4",\n        "pg": "^8"\n    }\n}\n',
        'lru-cache',
        '^11.0.0',
      ),
    ).toBe(
      '{\n    "name": "api",\n    "dependencies": {\n        "express": "^4",\n        "lru-cache": "^11.0.0",\n' +
        '        "pg": "^8"\n    }\n}\n',
    );
  });

  it('appends to unsorted dependencies and to one-line objects in their own layout, keeping CRLF', () => {
    expect(withDependency('{\r\n  "dependencies": { "pg": "^8", "express": "^4" }\r\n}\r\n', 'piscina', '^5')).toBe(
      '{\r\n  "dependencies": { "pg": "^8", "express": "^4", "piscina": "^5" }\r\n}\r\n',
    );
    expect(withDependency('{ "name": "svc" }', 'p-limit', '^7')).toBe(
      '{ "name": "svc", "dependencies": { "p-limit": "^7" } }',
    );
    expect(withDependency('{"name":"svc"}\n', 'p-limit', '^7')).toBe(
      '{"name":"svc","dependencies":{"p-limit":"^7"}}\n',
    );
  });

  it('inserts only the new line: numbers, escapes, duplicate keys and tabs stay byte for byte', () => {
    const text =
      '{\n\t"name": "caf\\u00e9",\n\t"port": 12345678901234567890,\n\t"ratio": 1.50,\n\t"dependencies": {"x": "1"},\n' +
      '\t"dependencies": {\n\t\t"pg": "^8"\n\t}\n}\n';
    expect(withDependency(text, 'lru-cache', '^11.0.0')).toBe(
      '{\n\t"name": "caf\\u00e9",\n\t"port": 12345678901234567890,\n\t"ratio": 1.50,\n\t"dependencies": {"x": "1"},\n' +
        '\t"dependencies": {\n\t\t"lru-cache": "^11.0.0",\n\t\t"pg": "^8"\n\t}\n}\n',
    );
    expect(withDependency('{\n\t"name": "svc",\n\t"dependencies": {}\n}\n', 'p-limit', '^7')).toBe(
      '{\n\t"name": "svc",\n\t"dependencies": {\n\t\t"p-limit": "^7"\n\t}\n}\n',
    );
    expect(withDependency('{\n    "name": "svc"\n}', 'p-limit', '^7')).toBe(
      '{\n    "name": "svc",\n    "dependencies": {\n        "p-limit": "^7"\n    }\n}',
    );
  });

  it('refuses a manifest that is not a JSON object', () => {
    expect(() => withDependency('{ "name": "svc", }', 'p-limit', '^7')).toThrow(
      'not a JSON object (line 1: PropertyNameExpected)',
    );
    expect(() => withDependency('[]', 'p-limit', '^7')).toThrow('not a JSON object (line 1: not an object)');
  });

  it('returns null when any dependency section declares the package', () => {
    expect(withDependency('{ "devDependencies": { "p-limit": "^3" } }\n', 'p-limit', '^7')).toBeNull();
    expect(declaredRange({ optionalDependencies: { piscina: '^4' } }, 'piscina')).toBe('^4');
    expect(declaredRange({ dependencies: {} }, 'piscina')).toBeUndefined();
  });
});

describe('findPackageJsonFrom and nearestPackageJson', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'package-json-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'app', 'src', 'routes'), { recursive: true });
  writeFileSync(path.join(root, 'app', 'package.json'), '{ "name": "app", "type": "module" }\n');

  it('find the nearest manifest above a file, or one only the caller knows of', () => {
    expect(findPackageJsonFrom(path.join(root, 'app', 'src', 'routes'))).toBe(path.join(root, 'app', 'package.json'));
    expect(nearestPackageJson(path.join(root, 'app', 'src', 'routes', 'a.js'))?.json['type']).toBe('module');
    const planned = path.join(root, 'app', 'src', 'package.json');
    expect(findPackageJsonFrom(path.join(root, 'app', 'src', 'routes'), (file) => file === planned)).toBe(planned);
  });
});
