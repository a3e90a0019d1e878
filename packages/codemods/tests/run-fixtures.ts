import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jscodeshift from 'jscodeshift';
import { expect, it } from 'vitest';
import { findRuleSites } from '../src/engine/rule-codemod.js';
import { jscodeshiftParser } from '../src/engine/language.js';
import type { CodemodModule, CodemodRunOptions } from '../src/types.js';

interface CaseOptions {
  options?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  filename?: string;
  remainingReports?: number;
}

export interface TransformRun {
  output: string | undefined;
  reports: string[];
}

/** Runs a codemod module on one file the way jscodeshift does. */
export function runTransform(module: CodemodModule, source: string, filename: string, options: CodemodRunOptions = {}): TransformRun {
  const reports: string[] = [];
  const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: (message: string) => reports.push(message) };
  const output = module.default({ path: filename, source }, api as never, options) ?? undefined;
  return { output, reports };
}

/**
 * Checks every case folder of a codemod: the expected output (or no change without `output.*`), a second run changes
 * nothing, the output parses, the codemod's rules report on the input and `remainingReports` times on the output.
 */
export function runFixtures(module: CodemodModule, fixturesDir: string): void {
  const cases = readdirSync(fixturesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  for (const name of cases) {
    it(name, () => {
      const dir = path.join(fixturesDir, name);
      const files = readdirSync(dir);
      const inputFile = files.find((file) => file.startsWith('input.'));
      if (!inputFile) throw new Error(`${dir}: no input file`);
      const ext = path.extname(inputFile);
      const outputFile = files.find((file) => file === `output${ext}`);
      const config: CaseOptions = existsSync(path.join(dir, 'options.json'))
        ? (JSON.parse(readFileSync(path.join(dir, 'options.json'), 'utf8')) as CaseOptions)
        : {};
      const filename = config.filename ?? `src/routes/file${ext}`;
      const input = readFileSync(path.join(dir, inputFile), 'utf8');
      const options: CodemodRunOptions = { ...config.options, ...(config.settings ? { settings: config.settings } : {}), dry: true };
      const rules = Object.fromEntries(module.meta.rules.map((rule) => [rule, []]));
      const first = runTransform(module, input, filename, options);
      if (!outputFile) {
        expect(first.output).toBeUndefined();
        return;
      }
      const expected = readFileSync(path.join(dir, outputFile), 'utf8');
      expect(first.output).toBe(expected);
      expect(findRuleSites({ source: input, filename, rules, ...(config.settings ? { settings: config.settings } : {}) }).length).toBeGreaterThan(0);
      expect(runTransform(module, expected, filename, options).output).toBeUndefined();
      expect(() => jscodeshift.withParser(jscodeshiftParser(filename))(expected)).not.toThrow();
      const remaining = findRuleSites({ source: expected, filename, rules, ...(config.settings ? { settings: config.settings } : {}) });
      expect(remaining.length).toBe(config.remainingReports ?? 0);
    });
  }
}
