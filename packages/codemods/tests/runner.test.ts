import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codemods, refactorsByName } from '../src/index.js';
import * as runner from '../src/runner.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the runner entry', () => {
  it("has every codemod's metadata, as the codemods declare it", () => {
    expect(runner.codemods).toEqual(codemods);
    expect(runner.multiFileCodemodNames).toEqual(Object.keys(refactorsByName).sort());
  });

  it('loads none of ESLint, the plugin, the parsers, jscodeshift or TypeScript', () => {
    const entry = pathToFileURL(path.join(packageDir, 'dist', 'runner.js')).href;
    const log = path.join(mkdtempSync(path.join(os.tmpdir(), 'backend-perf-runner-')), 'resolved.txt');
    // A module hook records every module the entry's imports resolve to (CommonJS packages too: their entry is
    // resolved by the import that loads it).
    const hooks = `import { appendFileSync } from 'node:fs';
      export async function resolve(specifier, context, next) {
        const result = await next(specifier, context);
        appendFileSync(${JSON.stringify(log)}, result.url + '\\n');
        return result;
      }`;
    const script = `
      import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));
      const runner = await import(${JSON.stringify(entry)});
      console.log(runner.codemods.length);
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: packageDir, encoding: 'utf8' });
    expect(Number(output)).toBe(codemods.length);
    const resolved = readFileSync(log, 'utf8').trim().split('\n');
    expect(resolved).toContain(entry);
    const packages = resolved.filter((url) => url.includes('/node_modules/') || /\/packages\/(eslint-plugin|core)\//u.test(url));
    expect(packages).toEqual([]);
  });
});
