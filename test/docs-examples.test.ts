/**
 * Lints the examples of every rule doc (`docs/rules/<rule>.md`): a fenced code block right after a line that starts
 * with `❌` must make the doc's rule report at least once; one after a line that starts with `✅` must not make it
 * report. Blank lines between the marker line and the fence are allowed.
 *
 * - The block's language picks the virtual file name: `ts`/`typescript` -> `src/routes/example.ts`, `mjs`, `cjs`,
 *   `mts`, `cts` -> `src/routes/example.<ext>`, anything else -> `src/routes/example.js`. The file is parsed like the
 *   CLI does (typescript-eslint's parser; CommonJS or ESM from the extension and the code).
 * - The rule runs with its default options, or with its `meta.docs.strictOptions` when the marker line mentions
 *   `strict` (for example `❌ Incorrect (with the strict config)`).
 */
import { Linter } from 'eslint';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { languageOptionsFor, SOURCE_FILE_PATTERNS } from '../packages/codemods/src/engine/language.js';
import plugin from '../packages/eslint-plugin/src/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = path.join(ROOT, 'docs/rules');
const CWD = path.resolve('/virtual-project');

interface Example {
  readonly kind: 'incorrect' | 'correct';
  readonly strict: boolean;
  readonly language: string;
  readonly code: string;
  /** 1-based line of the opening fence in the doc. */
  readonly line: number;
}

function examplesOf(markdown: string): Example[] {
  const lines = markdown.split(/\r?\n/u);
  const examples: Example[] = [];
  let marker: { kind: Example['kind']; strict: boolean } | null = null;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    const fence = /^(`{3,}|~{3,})\s*([\w-]*)/u.exec(line);
    if (fence) {
      const close = fence[1] as string;
      const body: string[] = [];
      let end = index + 1;
      while (end < lines.length && !(lines[end] as string).startsWith(close)) body.push(lines[end++] as string);
      if (marker) examples.push({ ...marker, language: fence[2] ?? '', code: `${body.join('\n')}\n`, line: index + 1 });
      marker = null;
      index = end;
      continue;
    }
    if (line.startsWith('❌')) marker = { kind: 'incorrect', strict: /strict/iu.test(line) };
    else if (line.startsWith('✅')) marker = { kind: 'correct', strict: /strict/iu.test(line) };
    else if (line.trim() !== '') marker = null;
  }
  return examples;
}

function filenameFor(language: string): string {
  const ext =
    { ts: 'ts', typescript: 'ts', tsx: 'tsx', mjs: 'mjs', cjs: 'cjs', mts: 'mts', cts: 'cts' }[language] ?? 'js';
  return path.join(CWD, `src/routes/example.${ext}`);
}

const linter = new Linter({ configType: 'flat', cwd: CWD });

function lint(ruleName: string, example: Example): Linter.LintMessage[] {
  const rule = plugin.rules[ruleName as keyof typeof plugin.rules];
  const strictOptions = rule.meta.docs?.strictOptions;
  const options = example.strict && strictOptions ? [strictOptions] : [];
  const filename = filenameFor(example.language);
  return linter.verify(
    example.code,
    [
      {
        files: SOURCE_FILE_PATTERNS,
        languageOptions: languageOptionsFor(filename, example.code),
        plugins: { 'backend-perf': plugin as never },
        rules: { [`backend-perf/${ruleName}`]: ['error', ...options] as Linter.RuleEntry },
      },
    ],
    { filename },
  );
}

const ruleNames = Object.keys(plugin.rules).sort();
const docFiles = existsSync(DOCS) ? readdirSync(DOCS).filter((file) => file.endsWith('.md')) : [];

describe('rule doc examples', () => {
  it('has a doc for every rule and no doc without a rule', () => {
    expect(docFiles.map((file) => file.slice(0, -3)).sort()).toEqual(ruleNames);
  });

  for (const name of ruleNames) {
    describe(name, () => {
      const file = path.join(DOCS, `${name}.md`);
      const examples = existsSync(file) ? examplesOf(readFileSync(file, 'utf8')) : [];

      it('has ❌ and ✅ examples', () => {
        expect(examples.some((example) => example.kind === 'incorrect')).toBe(true);
        expect(examples.some((example) => example.kind === 'correct')).toBe(true);
      });

      for (const example of examples) {
        it(`${example.kind === 'incorrect' ? '❌' : '✅'} block at line ${example.line} ${example.kind === 'incorrect' ? 'reports' : 'does not report'}`, () => {
          const messages = lint(name, example);
          const fatal = messages.find((message) => message.fatal);
          expect(fatal?.message, 'the example parses').toBeUndefined();
          const reports = messages.filter((message) => message.ruleId === `backend-perf/${name}`);
          if (example.kind === 'incorrect') expect(reports.length).toBeGreaterThan(0);
          else expect(reports.map((message) => `${message.line}:${message.column} ${message.message}`)).toEqual([]);
        });
      }
    });
  }
});
