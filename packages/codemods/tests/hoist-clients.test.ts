import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findRuleSites } from '../src/engine/rule-codemod.js';
import { hoistClients } from '../src/transforms/hoist-clients.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'hoist-clients');

function loadCase(name: string) {
  const dir = path.join(fixtures, name);
  const files = readdirSync(dir);
  const inputName = files.find((file) => file.startsWith('input.')) as string;
  const outputName = files.find((file) => file.startsWith('output.'));
  const config = JSON.parse(readFileSync(path.join(dir, 'options.json'), 'utf8')) as {
    settings?: Record<string, unknown>;
    filename: string;
  };
  return {
    dir,
    input: readFileSync(path.join(dir, inputName), 'utf8'),
    output: outputName ? readFileSync(path.join(dir, outputName), 'utf8') : null,
    filename: path.join(dir, config.filename),
    settings: config.settings ?? {},
  };
}

describe('hoist-clients fixtures', () => {
  for (const name of readdirSync(fixtures)) {
    it(name, () => {
      const fixture = loadCase(name);
      const options = { settings: fixture.settings, cwd: fixture.dir };
      const first = hoistClients(fixture.input, fixture.filename, options);
      if (fixture.output === null) {
        expect(first.changed).toBe(false);
        expect(first.output).toBe(fixture.input);
        return;
      }
      expect(first.reports).toEqual([]);
      expect(first.output).toBe(fixture.output);
      const rules = { 'no-client-per-request': [] };
      expect(findRuleSites({ source: fixture.input, filename: fixture.filename, rules, settings: fixture.settings, cwd: fixture.dir }).length).toBeGreaterThan(0);
      expect(findRuleSites({ source: first.output, filename: fixture.filename, rules, settings: fixture.settings, cwd: fixture.dir })).toEqual([]);
      expect(hoistClients(first.output, fixture.filename, options).changed).toBe(false);
    });
  }

  it('says why it leaves a reported client alone', () => {
    const fixture = loadCase('pg-client-unchanged');
    const result = hoistClients(fixture.input, fixture.filename, { settings: fixture.settings, cwd: fixture.dir });
    expect(result.reports).toHaveLength(1);
    expect(result.reports[0]).toMatch(/r\.js:7:18: left unchanged \(a single SQL connection shared by concurrent requests/u);
    const tenant = loadCase('per-tenant-unchanged');
    expect(hoistClients(tenant.input, tenant.filename, { settings: tenant.settings, cwd: tenant.dir }).reports[0]).toMatch(
      /its options use values of the function/u,
    );
  });
});
