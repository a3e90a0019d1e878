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
      '{\n    "name": "api",\n    "dependencies": {\n        "express": "^4",\n        "lru-cache": "^11.0.0",\n        "pg": "^8"\n    }\n}\n',
    );
  });

  it('appends to unsorted dependencies, creates the section, and keeps CRLF and a missing final newline', () => {
    expect(withDependency('{\r\n  "dependencies": { "pg": "^8", "express": "^4" }\r\n}\r\n', 'piscina', '^5')).toBe(
      '{\r\n  "dependencies": {\r\n    "pg": "^8",\r\n    "express": "^4",\r\n    "piscina": "^5"\r\n  }\r\n}\r\n',
    );
    expect(withDependency('{ "name": "svc" }', 'p-limit', '^7')).toBe(
      '{\n  "name": "svc",\n  "dependencies": {\n    "p-limit": "^7"\n  }\n}',
    );
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
