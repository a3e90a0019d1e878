import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hoistClients } from '../src/transforms/hoist-clients.js';
import { fixturePath } from './fixture-path.js';

const fixtures = fixturePath('hoist-clients');

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

describe('hoist-clients', () => {
  it('says why it leaves a reported client alone', () => {
    const fixture = loadCase('pg-client-unchanged');
    const result = hoistClients(fixture.input, fixture.filename, { settings: fixture.settings, cwd: fixture.dir });
    expect(result.reports).toHaveLength(1);
    expect(result.reports[0]).toMatch(
      /r\.js:7:18: left unchanged \(a single SQL connection shared by concurrent requests/u,
    );
    const tenant = loadCase('per-tenant-unchanged');
    expect(
      hoistClients(tenant.input, tenant.filename, { settings: tenant.settings, cwd: tenant.dir }).reports[0],
    ).toMatch(/its options use values of the function/u);
  });
});
