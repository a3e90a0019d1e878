import { ESLint, type Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { clearProjects } from '@backend-perf/core';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

/**
 * Multi-file fixtures: each folder of `tests/fixtures/projects` is a small application whose request crosses files
 * (routes, controllers, services, models). Every rule of `all` runs over the whole folder, as `eslint .` would in a
 * real repository, and the findings must be exactly those listed in its `findings.txt`, one per line:
 * `file:line:column rule-id` followed by the message. A site that is not listed must not be reported.
 */
const projects = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'projects');

function format(root: string, results: ESLint.LintResult[]): string {
  return results
    .flatMap((result) =>
      result.messages.map(
        (m) =>
          `${path.relative(root, result.filePath).split(path.sep).join('/')}:${m.line}:${m.column} ` +
          `${m.ruleId ?? 'fatal'} ${m.message}`,
      ),
    )
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .join('\n');
}

async function findingsOf(root: string): Promise<string> {
  clearProjects();
  const config: Linter.Config[] = [
    { files: ['**/*.{js,cjs,mjs}'], languageOptions: { ecmaVersion: 'latest' } },
    { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
    { files: ['**/*.{ts,mts,cts}'], languageOptions: { parser: tsParser, sourceType: 'module' } },
    ...(Array.isArray(plugin.configs.all) ? plugin.configs.all : [plugin.configs.all]),
    { files: ['**/*.mjs', 'esm/**/*.js'], languageOptions: { sourceType: 'module' } },
  ] as Linter.Config[];
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });
  return format(root, await eslint.lintFiles(['.']));
}

describe('rules over whole projects', () => {
  for (const name of readdirSync(projects).sort()) {
    it(name, async () => {
      const root = path.join(projects, name);
      const expected = readFileSync(path.join(root, 'findings.txt'), 'utf8').trim();
      expect(await findingsOf(root)).toBe(expected);
    });
  }
});

describe("rules over whole projects, in ESLint's worker threads", () => {
  it('finds the same sites with --concurrency 2, each worker building the graph for itself', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-concurrency-'));
    try {
      cpSync(path.join(projects, 'express-layers'), root, { recursive: true });
      const pluginUrl = pathToFileURL(
        path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js'),
      );
      writeFileSync(
        path.join(root, 'eslint.config.mjs'),
        `import plugin from ${JSON.stringify(pluginUrl.href)};\n` +
          `const all = Array.isArray(plugin.configs.all) ? plugin.configs.all : [plugin.configs.all];\n` +
          `export default [{ files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } }, ...all];\n`,
      );
      clearProjects();
      const eslint = new ESLint({ cwd: root, concurrency: 2 });
      const expected = readFileSync(path.join(root, 'findings.txt'), 'utf8').trim();
      expect(format(root, await eslint.lintFiles(['src', 'scripts']))).toBe(expected);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
