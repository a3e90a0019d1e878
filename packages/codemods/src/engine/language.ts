import tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import path from 'node:path';

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

/** Language options that parse every supported extension the way the CLI's `check` does. */
export function languageOptionsFor(file: string, text: string): Linter.LanguageOptions {
  return {
    parser: tsParser as Linter.Parser,
    sourceType: sourceTypeOf(file, text),
    ecmaVersion: 'latest',
    parserOptions: { ecmaFeatures: { jsx: !/\.(?:c|m)?ts$/iu.test(file) } },
  };
}
