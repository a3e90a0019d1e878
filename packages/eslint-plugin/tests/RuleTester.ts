import {
  RuleTester,
  type InvalidTestCase,
  type RunTests,
  type TestLanguageOptions,
  type ValidTestCase,
} from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import { parse as parseTypeScript } from '@typescript-eslint/parser';
import * as espree from 'espree';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/**
 * A file below `tests/fixtures`, for cases whose result depends on the `package.json` above the linted file (the Node
 * version it targets, the version of a library it uses).
 */
export function fixtureFile(...segments: readonly string[]): string {
  return path.join(FIXTURES, ...segments);
}

const base = { sourceType: 'module' as const, parserOptions: { ecmaFeatures: { jsx: false } } };

type Case = ValidTestCase<readonly unknown[]> | InvalidTestCase<string, readonly unknown[]>;

/**
 * A case's `languageOptions` as the tester applies them: it passes them on to ESLint's flat config, so `sourceType`
 * (`'commonjs'` for a CommonJS case) works, though rule-tester's `TestLanguageOptions` type leaves it out.
 */
interface CaseLanguageOptions extends TestLanguageOptions {
  readonly sourceType?: 'script' | 'module' | 'commonjs';
}

/** The tests of one rule, whose cases may set `languageOptions.sourceType`. */
interface Tests<MessageIds extends string, Options extends readonly unknown[]> extends RunTests<MessageIds, Options> {
  readonly valid: readonly (string | (ValidTestCase<Options> & { readonly languageOptions?: CaseLanguageOptions }))[];
  readonly invalid: readonly (InvalidTestCase<MessageIds, Options> & {
    readonly languageOptions?: CaseLanguageOptions;
  })[];
}

/** Whether an AST has a TypeScript-only node (`TSTypeParameterInstantiation`, `TSAsExpression`, ...). */
function hasTypeScriptSyntax(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(hasTypeScriptSyntax);
  const record = node as Record<string, unknown>;
  if (typeof record['type'] === 'string' && record['type'].startsWith('TS')) return true;
  return Object.entries(record).some(
    ([key, value]) => key !== 'parent' && key !== 'loc' && key !== 'range' && hasTypeScriptSyntax(value),
  );
}

/**
 * Whether a case is plain JavaScript for ESLint's default parser: no parser of its own, no TypeScript syntax (which
 * espree may read as something else: `app.get<T>(x)` is two comparisons), and espree parses it.
 */
function espreeParses(test: Case): boolean {
  const languageOptions = (test.languageOptions ?? {}) as {
    parser?: unknown;
    sourceType?: string;
    parserOptions?: { ecmaFeatures?: { jsx?: boolean } };
  };
  if (languageOptions.parser) return false;
  try {
    const jsx = languageOptions.parserOptions?.ecmaFeatures?.jsx ?? false;
    if (
      hasTypeScriptSyntax(
        parseTypeScript(test.code, { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx } }),
      )
    )
      return false;
  } catch {
    // Not TypeScript either way; espree decides below.
  }
  try {
    espree.parse(test.code, {
      ecmaVersion: 'latest',
      sourceType: (languageOptions.sourceType ?? base.sourceType) as 'module',
      ecmaFeatures: { jsx: languageOptions.parserOptions?.ecmaFeatures?.jsx ?? false },
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * A case as a project's ESLint config would read it with espree: a file without `import` or `export` is a CommonJS
 * module (`sourceType: 'commonjs'`, whose scope analysis wraps the file in a function scope, as Node does).
 */
function asProjectWould<T extends { code: string; languageOptions?: unknown }>(test: T): T {
  const languageOptions = (test.languageOptions ?? {}) as { sourceType?: string };
  if (languageOptions.sourceType) return test;
  const sourceType = /^\s*(?:import\s*[\w{*'"]|export\s)/mu.test(test.code) ? 'module' : 'commonjs';
  return { ...test, languageOptions: { ...languageOptions, sourceType } };
}

/**
 * A RuleTester that runs every case twice: with typescript-eslint's parser (as ES modules unless a case says
 * otherwise), and, for the cases that are plain JavaScript, with ESLint's default parser espree, which is what a
 * project's own ESLint config uses for `.js` files, as CommonJS when the code has no `import` or `export`. Both
 * runs must give the same reports, fixes and suggestions.
 */
export function createRuleTester(): {
  run: <MessageIds extends string, Options extends readonly unknown[]>(
    name: string,
    rule: RuleModule<MessageIds, Options>,
    tests: Tests<MessageIds, Options>,
  ) => void;
} {
  const typescript = new RuleTester({ languageOptions: base });
  const javascript = new RuleTester({ languageOptions: { ...base, parser: espree as never } });
  return {
    run(name, rule, tests) {
      typescript.run(name, rule, tests);
      const valid = tests.valid
        .map((test) => (typeof test === 'string' ? { code: test } : test))
        .filter((test) => espreeParses(test as Case))
        .map(asProjectWould);
      const invalid = tests.invalid.filter((test) => espreeParses(test as Case)).map(asProjectWould);
      if (valid.length + invalid.length > 0) javascript.run(`${name} (espree)`, rule, { valid, invalid });
    },
  };
}
