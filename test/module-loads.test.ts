// What a process loads on the paths that must stay light: the CLI's main thread before it starts a worker pool, and a
// worker migrating a file where no codemod has a site. Each check runs in a fresh Node process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-loads-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const distUrl = (packageName: string, file: string): string =>
  pathToFileURL(path.join(root, 'packages', packageName, 'dist', file)).href;

/**
 * Runs `body` (an ES module body; what it prints is returned) and lists every module the process loaded: the ES
 * modules and CommonJS entries that `import` resolved (recorded by a module hook) and every CommonJS module `require`
 * loaded (Node's require cache at exit).
 */
function run(body: string): { output: string; loaded: string[] } {
  const log = path.join(mkdtempSync(path.join(scratch, 'run-')), 'loaded.txt');
  const hooks = `import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      appendFileSync(${JSON.stringify(log)}, result.url + '\\n');
      return result;
    }`;
  const script = `
    import { appendFileSync } from 'node:fs';
    import { createRequire, register } from 'node:module';
    import { pathToFileURL } from 'node:url';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));
    process.on('exit', () => {
      const required = Object.keys(createRequire(import.meta.url).cache).map((file) => pathToFileURL(file).href);
      appendFileSync(${JSON.stringify(log)}, required.map((url) => url + '\\n').join(''));
    });
    ${body}
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  return { output: output.trim(), loaded: [...new Set(readFileSync(log, 'utf8').trim().split('\n'))] };
}

/** The loaded modules of the given packages (a name matches the package folder, workspace packages by their folder). */
function modulesOf(loaded: readonly string[], packages: readonly string[]): string[] {
  return loaded.filter((url) =>
    packages.some((name) => url.includes(`/node_modules/${name}/`) || url.includes(`/packages/${name}/dist/`)),
  );
}

describe('modules loaded on the light paths', () => {
  it("the codemods' runner entry loads no dependency and no other workspace package", () => {
    const { output, loaded } = run(`
      const runner = await import(${JSON.stringify(distUrl('codemods', 'runner.js'))});
      console.log(runner.codemods.length);
    `);
    expect(Number(output)).toBeGreaterThan(0);
    expect(loaded).toContain(distUrl('codemods', 'runner.js'));
    expect(
      loaded.filter((url) => url.includes('/node_modules/') || /\/packages\/(?:core|eslint-plugin|cli)\//u.test(url)),
    ).toEqual([]);
  });

  it('a worker migrating a file where no codemod has a site loads neither jscodeshift nor TypeScript', () => {
    const { output, loaded } = run(`
      const { migrateSource } = await import(${JSON.stringify(distUrl('cli', 'migrate-runner.js'))});
      const { codemods, multiFileCodemodNames } = await import(${JSON.stringify(distUrl('codemods', 'runner.js'))});
      const names = codemods.map((meta) => meta.name);
      const outcome = migrateSource({
        file: ${JSON.stringify(path.join(scratch, 'src', 'totals.js'))},
        source: 'export const total = (items) => items.reduce((sum, item) => sum + item.price, 0);\\n',
        codemods: names.filter((name) => !multiFileCodemodNames.includes(name)),
        refactors: multiFileCodemodNames,
        options: {},
        cwd: ${JSON.stringify(scratch)},
      });
      console.log(outcome.status);
    `);
    expect(output).toBe('unchanged');
    expect(modulesOf(loaded, ['eslint', 'eslint-plugin'])).not.toEqual([]);
    expect(
      modulesOf(loaded, [
        'jscodeshift',
        'recast',
        '@babel/parser',
        'ts-morph',
        'typescript',
        '@typescript-eslint/parser',
      ]),
    ).toEqual([]);
  });
});
