import { clearProjects } from '@backend-perf/core';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphKey, runCheck, sourceFileUnder, type CheckOptions } from '../src/commands/check.js';
import { scratchProjects } from './projects.js';

const project = scratchProjects(os.tmpdir(), 'backend-perf-check-cache-');

const options: CheckOptions = {
  paths: ['.'],
  pluginConfig: 'recommended',
  configLookup: false,
  format: 'json',
  cache: true,
  defaultIgnores: true,
  showNotices: false,
};

/** `check --cache` in a new process (the projects of the last run forgotten): each file's rules and lines. */
async function check(cwd: string, extra: Partial<CheckOptions> = {}): Promise<string[]> {
  clearProjects();
  const { report } = await runCheck(cwd, { ...options, ...extra });
  return report.files.flatMap((file) =>
    file.findings.map((finding) => `${file.path}:${String(finding.line)} ${finding.ruleId}`),
  );
}

const routes = (path: string) => `const express = require('express');
const { load } = require('./lib/load');
const app = express();
app.get('${path}', (req, res) => res.send(load()));
app.listen(3000);
`;
const startup = `const { load } = require('./lib/load');
console.log(load());
`;
const load = `const fs = require('fs');
exports.load = function load() {
  return fs.readFileSync('/etc/hosts', 'utf8');
};
`;

describe('check --cache', () => {
  it('lints a file again when a change in another file changes what its findings depend on', async () => {
    const cwd = project({
      'package.json': '{"name":"app","private":true}',
      'server.js': routes('/hosts'),
      'lib/load.js': load,
    });
    expect(await check(cwd)).toEqual(['lib/load.js:3 backend-perf/no-sync-io']);
    // The handler goes away: lib/load.js is unchanged, but its read now runs only at start-up.
    writeFileSync(path.join(cwd, 'server.js'), startup);
    expect(await check(cwd)).toEqual([]);
    // And comes back: the finding is reported again, not left out by a cached empty result.
    writeFileSync(path.join(cwd, 'server.js'), routes('/hosts'));
    expect(await check(cwd)).toEqual(['lib/load.js:3 backend-perf/no-sync-io']);
  });

  it('does so for a glob, and when a manifest changes how a file resolves', async () => {
    const cwd = project({
      'package.json': JSON.stringify({ name: 'app', private: true, imports: { '#load': './lib/load.js' } }),
      'server.js': routes('/hosts').replace("'./lib/load'", "'#load'"),
      'lib/load.js': load,
      'lib/other.js': `exports.load = () => 'none';\n`,
    });
    const found = ['lib/load.js:3 backend-perf/no-sync-io'];
    expect(await check(cwd)).toEqual(found);
    expect(await check(cwd, { paths: ['**/*.js'] })).toEqual(found);
    // `#load` now names another file: nothing of lib/load.js runs per request any more.
    writeFileSync(
      path.join(cwd, 'package.json'),
      JSON.stringify({ name: 'app', private: true, imports: { '#load': './lib/other.js' } }),
    );
    expect(await check(cwd, { paths: ['**/*.js'] })).toEqual([]);
    expect(await check(cwd)).toEqual([]);
  });

  it("reads the settings for a file of the project's most common kind", async () => {
    const cwd = project({
      'eslint.config.js': 'export default [];\n',
      'src/app.ts': '',
      'src/routes/users.ts': '',
      'src/server.ts': '',
      'src/types.d.ts': '',
      'scripts/seed.js': '',
    });
    expect(await sourceFileUnder(cwd, cwd)).toBe(path.join(cwd, 'src', 'app.ts'));
    expect(await sourceFileUnder(cwd, path.join(cwd, 'scripts'))).toBe(path.join(cwd, 'scripts', 'seed.js'));
    expect(await sourceFileUnder(cwd, path.join(cwd, 'src', 'app.ts'))).toBe(path.join(cwd, 'src', 'app.ts'));
    expect(await sourceFileUnder(cwd, path.join(cwd, 'missing'))).toBeUndefined();
  });

  it('keeps the key of an unchanged project, so that ESLint reuses its cache; a base tsconfig counts', async () => {
    const cwd = project({
      'package.json': '{"name":"app","private":true}',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
      'tsconfig.base.json': '{ "compilerOptions": { "paths": { "@lib/*": ["lib/*"] } } }',
      'server.js': routes('/hosts'),
      'lib/load.js': load,
    });
    const spec = { cwd, pluginConfig: 'recommended' as const, cache: true };
    const key = async (): Promise<string> => {
      clearProjects();
      return graphKey(cwd, spec, ['.']);
    };
    const first = await key();
    expect(first).toMatch(/^[\w-]{20}$/u);
    expect(await key()).toBe(first);
    writeFileSync(path.join(cwd, 'lib/load.js'), `// reads the hosts file\n${load}`);
    expect(await key()).toBe(first);
    // The paths of the config that tsconfig.json extends decide where `@lib/load` resolves.
    writeFileSync(path.join(cwd, 'tsconfig.base.json'), '{ "compilerOptions": { "paths": { "@lib/*": ["src/*"] } } }');
    expect(await key()).not.toBe(first);
  });
});
