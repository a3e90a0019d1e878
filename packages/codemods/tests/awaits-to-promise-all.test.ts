import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { API } from 'jscodeshift';
import { afterAll, describe, expect, it } from 'vitest';
import transform, { ensurePLimitDependency, meta, P_LIMIT_RANGE } from '../src/transforms/awaits-to-promise-all.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures', meta.name);
const repoRoot = path.resolve(here, '..', '..', '..');
mkdirSync(path.join(repoRoot, '.scratch'), { recursive: true });
// A project folder under the working directory (ESLint lints only files below its cwd), with its own package.json.
const workspace = mkdtempSync(path.join(repoRoot, '.scratch', 'awaits-to-promise-all-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

const api = (reports: string[]): API => ({ report: (message: string) => reports.push(message) }) as unknown as API;

function run(
  file: string,
  source: string,
  options: Record<string, unknown>,
  reports: string[] = [],
): string | undefined {
  return transform({ path: file, source }, api(reports), options) ?? undefined;
}

describe(meta.name, () => {
  // The fixture cases run in the shared runner (fixtures.test.ts); this checks the package.json edit around them.
  it('adds p-limit to the package.json when it bounds a rewritten loop, and only then', () => {
    const manifestFor = (name: string, config: { filename: string; options?: Record<string, unknown> }) => {
      const project = path.join(workspace, name);
      const file = path.join(project, config.filename);
      mkdirSync(path.dirname(file), { recursive: true });
      const manifestPath = path.join(project, 'package.json');
      writeFileSync(
        manifestPath,
        `${JSON.stringify({ name, engines: { node: '>=20.19' }, dependencies: { express: '^4.21.2' } }, null, 2)}\n`,
      );
      const dir = path.join(fixtures, name);
      const inputFile = readdirSync(dir).find((f) => f.startsWith('input.'));
      if (!inputFile) throw new Error(`no input file in ${dir}`);
      const input = readFileSync(path.join(dir, inputFile), 'utf8');
      expect(run(file, input, config.options ?? {})).toBeDefined();
      return JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies: Record<string, string> };
    };
    expect(
      manifestFor('cjs-concurrency', { filename: 'src/services/thumbnails.js', options: { concurrency: 3 } })
        .dependencies['p-limit'],
    ).toBe(P_LIMIT_RANGE);
    expect(
      manifestFor('ts-concurrency', { filename: 'src/services/pricing.ts', options: { concurrency: 2 } }).dependencies[
        'p-limit'
      ],
    ).toBe(P_LIMIT_RANGE);
    expect(
      manifestFor('esm-loop-results', { filename: 'src/services/orders.mjs' }).dependencies['p-limit'],
    ).toBeUndefined();
  });

  it('adds p-limit to the nearest package.json once, keeping its indentation and key order', () => {
    const project = path.join(workspace, 'manifest');
    mkdirSync(path.join(project, 'src'), { recursive: true });
    const manifestPath = path.join(project, 'package.json');
    writeFileSync(
      manifestPath,
      '{\n    "name": "api",\n    "dependencies": {\n        "express": "^4.21.2",\n        "pg": "^8.13.0"\n    }\n' +
        '}\n',
    );
    expect(ensurePLimitDependency(path.join(project, 'src', 'a.js'), true, {})).toEqual([
      `${manifestPath}: added p-limit@${P_LIMIT_RANGE} to dependencies`,
    ]);
    const once = readFileSync(manifestPath, 'utf8');
    expect(once).toBe(
      `{\n    "name": "api",\n    "dependencies": {\n        "express": "^4.21.2",\n` +
        `        "p-limit": "${P_LIMIT_RANGE}",\n        "pg": "^8.13.0"\n    }\n}\n`,
    );
    expect(ensurePLimitDependency(path.join(project, 'src', 'a.js'), true, {})).toEqual([]);
    expect(readFileSync(manifestPath, 'utf8')).toBe(once);
  });

  it('warns when a CommonJS project may run on a Node without require(esm), and writes nothing in a dry run', () => {
    const project = path.join(workspace, 'old-node');
    mkdirSync(project, { recursive: true });
    const manifestPath = path.join(project, 'package.json');
    const text = '{\n  "name": "api",\n  "engines": { "node": ">=18" }\n}\n';
    writeFileSync(manifestPath, text);
    const notes = ensurePLimitDependency(path.join(project, 'a.js'), true, { dry: true });
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('require(esm)');
    expect(notes[1]).toBe(`${manifestPath}: would add p-limit@${P_LIMIT_RANGE} to dependencies`);
    expect(readFileSync(manifestPath, 'utf8')).toBe(text);
  });

  it('hands the dependency to a runner that edits package.json itself, and writes nothing', () => {
    const project = path.join(workspace, 'runner');
    mkdirSync(project, { recursive: true });
    const manifestPath = path.join(project, 'package.json');
    const text = '{\n  "name": "api",\n  "engines": { "node": ">=20.19" }\n}\n';
    writeFileSync(manifestPath, text);
    const requests: unknown[] = [];
    expect(
      ensurePLimitDependency(path.join(project, 'a.js'), true, { addDependency: (request) => requests.push(request) }),
    ).toEqual([]);
    expect(requests).toEqual([{ manifest: manifestPath, name: 'p-limit', range: P_LIMIT_RANGE }]);
    expect(readFileSync(manifestPath, 'utf8')).toBe(text);
  });

  it('rejects a concurrency that is not a positive integer', () => {
    expect(() => run(path.join(workspace, 'x.js'), 'async function f() {}', { concurrency: 0 })).toThrow(
      /positive integer/u,
    );
    expect(() => run(path.join(workspace, 'x.js'), 'async function f() {}', { concurrency: 'many' })).toThrow(
      /positive integer/u,
    );
  });
});
