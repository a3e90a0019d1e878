import type * as TypeScriptParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import * as eslintScope from 'eslint-scope';
import * as visitorKeys from 'eslint-visitor-keys';
import * as espree from 'espree';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let typescriptParser: typeof TypeScriptParser | undefined;

/** typescript-eslint's parser, loaded on first use: it loads TypeScript, which a JavaScript-only run never needs. */
function tsParser(): typeof TypeScriptParser {
  return (typescriptParser ??= require('@typescript-eslint/parser') as typeof TypeScriptParser);
}

/** Source extensions the codemods and the CLI handle. */
export const SOURCE_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'] as const;

/**
 * Flat-config `files` patterns for every supported extension. A catch-all pattern is not enough: ESLint only lints
 * files outside its default extensions (`.ts`, `.mts`, `.cts`, `.tsx`) when a pattern names them.
 */
export const SOURCE_FILE_PATTERNS: string[] = SOURCE_EXTENSIONS.map((ext) => `**/*${ext}`);

export function isSourceFile(file: string): boolean {
  return (SOURCE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase()) && !file.endsWith('.d.ts');
}

/** The jscodeshift parser for a file: `ts` for TypeScript without JSX, `tsx` for `.tsx`, `babel` for JavaScript. */
export function jscodeshiftParser(file: string): 'ts' | 'tsx' | 'babel' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tsx') return 'tsx';
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return 'ts';
  return 'babel';
}

const ESM_SYNTAX = /^\s*(?:import\s*[\w{*'"]|export\s+(?:\{|\*|default|const|let|var|function|async|class|type|interface|enum))/mu;

/** `module` or `commonjs`, from the extension, and for `.js`/`.ts` from the file's own syntax. */
export function sourceTypeOf(file: string, text: string): 'module' | 'commonjs' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'commonjs';
  return ESM_SYNTAX.test(text) ? 'module' : 'commonjs';
}

const JAVASCRIPT = /\.(?:c|m)?jsx?$/iu;

/**
 * The parser of every source file, for the codemods and for `check`: `module` or `commonjs` from the file's
 * extension and syntax (`sourceTypeOf`, which a flat config cannot express), and for JavaScript ESLint's own
 * parser, espree, with ESLint's own scope analysis: what a project's ESLint config uses for `.js` files, and about a
 * third faster than typescript-eslint's parser. TypeScript files, and the rare JavaScript file that espree does not
 * read (TypeScript syntax in a `.js` file), go to `@typescript-eslint/parser`. The rules' tests run every
 * JavaScript case with both parsers and require the same results.
 */
export const sourceParser: Linter.Parser = {
  meta: { name: 'backend-perf/source-parser', version: '1.0.0' },
  parseForESLint(text: string, options?: Record<string, unknown>) {
    const filePath = typeof options?.['filePath'] === 'string' ? options['filePath'] : 'file.js';
    const sourceType = sourceTypeOf(filePath, text);
    const parserOptions = { ...options, sourceType };
    if (JAVASCRIPT.test(filePath)) {
      const jsx = (options?.['ecmaFeatures'] as { jsx?: boolean } | undefined)?.jsx === true;
      let ast: ReturnType<typeof espree.parse> | undefined;
      try {
        ast = espree.parse(text, { ...(parserOptions as object), ecmaVersion: 'latest', sourceType, ecmaFeatures: { jsx } } as Parameters<typeof espree.parse>[1]);
      } catch {
        // Not standard JavaScript: typescript-eslint's parser reads more (or reports the error).
      }
      if (ast) {
        const scopeManager = eslintScope.analyze(ast as never, {
          ignoreEval: true,
          ecmaVersion: espree.latestEcmaVersion,
          sourceType,
          childVisitorKeys: visitorKeys.KEYS,
          fallback: visitorKeys.getKeys,
          jsx,
        } as never);
        return { ast, scopeManager, visitorKeys: visitorKeys.KEYS } as never;
      }
    }
    return tsParser().parseForESLint(text, parserOptions as Parameters<typeof TypeScriptParser.parseForESLint>[1]) as never;
  },
} as unknown as Linter.Parser;

/** Language options that parse every supported extension the way the CLI's `check` does. */
export function languageOptionsFor(file: string, text: string): Linter.LanguageOptions {
  return {
    parser: sourceParser,
    sourceType: sourceTypeOf(file, text),
    ecmaVersion: 'latest',
    parserOptions: { ecmaFeatures: { jsx: !/\.(?:c|m)?ts$/iu.test(file) } },
  };
}
