import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { findRuleSites, languageOptionsFor } from '../src/index.js';
import type { CodemodModule } from '../src/types.js';
import { Linter } from 'eslint';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface CaseOptions {
  options?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  filename?: string;
  remainingReports?: number;
}

/** The case folders of a codemod's fixtures, found on disk. */
export function fixtureCases(codemod: string): Array<{ name: string; dir: string }> {
  const dir = path.join(FIXTURES, codemod);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ name: entry.name, dir: path.join(dir, entry.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function parses(filename: string, text: string): boolean {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(text, [{ files: ['**/*'], languageOptions: languageOptionsFor(filename, text) }], { filename });
  return !messages.some((message) => message.fatal);
}

/**
 * Runs every fixture case of a jscodeshift-style codemod: expected output (or no change), idempotence, the output
 * parses, and the codemod's rules report on the input and `remainingReports` times on the output.
 */
export function runFixtureCases(module: CodemodModule): void {
  for (const { name, dir } of fixtureCases(module.meta.name)) {
    it(name, () => {
      const inputName = readdirSync(dir).find((file) => file.startsWith('input.'));
      if (!inputName) throw new Error(`${dir}: no input file`);
      const ext = inputName.slice('input'.length);
      const input = readFileSync(path.join(dir, inputName), 'utf8');
      const outputPath = path.join(dir, `output${ext}`);
      const caseOptions: CaseOptions = existsSync(path.join(dir, 'options.json'))
        ? (JSON.parse(readFileSync(path.join(dir, 'options.json'), 'utf8')) as CaseOptions)
        : {};
      const filename = caseOptions.filename ?? `src/${name}${ext}`;
      const reports: string[] = [];
      const api = { report: (message: string) => reports.push(message) } as never;
      const options = { ...caseOptions.options, ...(caseOptions.settings ? { settings: caseOptions.settings } : {}) };
      const run = (source: string) => module.default({ path: filename, source }, api, options) ?? undefined;
      const rules = Object.fromEntries(module.meta.rules.map((rule) => [rule, []]));
      const sites = (source: string) =>
        findRuleSites({ source, filename, rules, ...(caseOptions.settings ? { settings: caseOptions.settings } : {}) }).filter((site) =>
          module.meta.rules.some((rule) => site.ruleId === `backend-perf/${rule}`),
        );

      const output = run(input);
      if (!existsSync(outputPath)) {
        expect(output).toBeUndefined();
        return;
      }
      const expected = readFileSync(outputPath, 'utf8');
      expect(output).toBe(expected);
      expect(run(expected)).toBeUndefined();
      expect(parses(filename, expected)).toBe(true);
      expect(sites(input).length).toBeGreaterThan(0);
      expect(sites(expected)).toHaveLength(caseOptions.remainingReports ?? 0);
    });
  }
}
