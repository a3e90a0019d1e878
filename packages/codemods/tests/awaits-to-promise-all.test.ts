import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { API } from 'jscodeshift';
import { afterAll, describe, expect, it } from 'vitest';
import { findRuleSites } from '../src/engine/rule-codemod.js';
import transform, { ensurePLimitDependency, meta, P_LIMIT_RANGE } from '../src/transforms/awaits-to-promise-all.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures', meta.name);
const repoRoot = path.resolve(here, '..', '..', '..');
mkdirSync(path.join(repoRoot, '.scratch'), { recursive: true });
// A project folder under the working directory (ESLint lints only files below its cwd), with its own package.json.
const workspace = mkdtempSync(path.join(repoRoot, '.scratch', 'awaits-to-promise-all-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

interface CaseOptions {
  readonly options?: Record<string, unknown>;
  readonly filename?: string;
  readonly remainingReports?: number;
}

const api = (reports: string[]): API => ({ report: (message: string) => reports.push(message) }) as unknown as API;

function run(file: string, source: string, options: Record<string, unknown>, reports: string[] = []): string | undefined {
  return transform({ path: file, source }, api(reports), options) ?? undefined;
}

describe(meta.name, () => {
  for (const name of readdirSync(fixtures).sort()) {
    const dir = path.join(fixtures, name);
    const files = readdirSync(dir);
    const inputName = files.find((f) => f.startsWith('input.'))!;
    const outputName = files.find((f) => f.startsWith('output.'));
    const config: CaseOptions = files.includes('options.json') ? JSON.parse(readFileSync(path.join(dir, 'options.json'), 'utf8')) : {};
    const input = readFileSync(path.join(dir, inputName), 'utf8');
    const expected = outputName ? readFileSync(path.join(dir, outputName), 'utf8') : input;

    it(name, () => {
      const project = path.join(workspace, name);
      const file = path.join(project, config.filename ?? `src/${inputName}`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name, engines: { node: '>=20.19' }, dependencies: { express: '^4.21.2' } }, null, 2)}\n`);
      const options = config.options ?? {};

      // The rules report on the input (except in the case that must not change at all).
      const sites = findRuleSites({ source: input, filename: file, rules: { 'prefer-promise-all': [], 'no-independent-await-in-loop': [{}] } });
      if (name === 'no-change') expect(sites).toEqual([]);
      else expect(sites.length).toBeGreaterThan(0);
      const output = run(file, input, options) ?? input;
      expect(output).toBe(expected);
      // Idempotent: a second run changes nothing.
      expect(run(file, output, options)).toBeUndefined();
      // The output parses and leaves exactly the expected reports.
      const remaining = findRuleSites({
        source: output,
        filename: file,
        rules: { 'prefer-promise-all': [], 'no-independent-await-in-loop': [{}] },
      });
      expect(remaining.filter((site) => site.ruleId !== '').length).toBe(
        name === 'no-change' ? 0 : (config.remainingReports ?? 0),
      );
      const manifest = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      expect(manifest.dependencies['p-limit']).toBe(options['concurrency'] && output !== input ? P_LIMIT_RANGE : undefined);
    });
  }

  it('adds p-limit to the nearest package.json once, keeping its indentation and key order', () => {
    const project = path.join(workspace, 'manifest');
    mkdirSync(path.join(project, 'src'), { recursive: true });
    const manifestPath = path.join(project, 'package.json');
    writeFileSync(manifestPath, '{\n    "name": "api",\n    "dependencies": {\n        "express": "^4.21.2",\n        "pg": "^8.13.0"\n    }\n}\n');
    expect(ensurePLimitDependency(path.join(project, 'src', 'a.js'), true, false)).toEqual([
      `${manifestPath}: added p-limit@${P_LIMIT_RANGE} to dependencies`,
    ]);
    const once = readFileSync(manifestPath, 'utf8');
    expect(once).toBe(
      `{\n    "name": "api",\n    "dependencies": {\n        "express": "^4.21.2",\n        "p-limit": "${P_LIMIT_RANGE}",\n        "pg": "^8.13.0"\n    }\n}\n`,
    );
    expect(ensurePLimitDependency(path.join(project, 'src', 'a.js'), true, false)).toEqual([]);
    expect(readFileSync(manifestPath, 'utf8')).toBe(once);
  });

  it('warns when a CommonJS project may run on a Node without require(esm), and writes nothing in a dry run', () => {
    const project = path.join(workspace, 'old-node');
    mkdirSync(project, { recursive: true });
    const manifestPath = path.join(project, 'package.json');
    const text = '{\n  "name": "api",\n  "engines": { "node": ">=18" }\n}\n';
    writeFileSync(manifestPath, text);
    const notes = ensurePLimitDependency(path.join(project, 'a.js'), true, true);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('require(esm)');
    expect(notes[1]).toBe(`${manifestPath}: would add p-limit@${P_LIMIT_RANGE} to dependencies`);
    expect(readFileSync(manifestPath, 'utf8')).toBe(text);
  });

  it('rejects a concurrency that is not a positive integer', () => {
    expect(() => run(path.join(workspace, 'x.js'), 'async function f() {}', { concurrency: 0 })).toThrow(/positive integer/u);
    expect(() => run(path.join(workspace, 'x.js'), 'async function f() {}', { concurrency: 'many' })).toThrow(/positive integer/u);
  });
});
