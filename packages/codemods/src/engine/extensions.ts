import path from 'node:path';

/** Source extensions the codemods and the CLI handle. */
export const SOURCE_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'] as const;

/**
 * Flat-config `files` patterns for every supported extension. A catch-all pattern is not enough: ESLint only lints
 * files outside its default extensions (`.ts`, `.mts`, `.cts`, `.tsx`) when a pattern names them.
 */
export const SOURCE_FILE_PATTERNS: string[] = SOURCE_EXTENSIONS.map((ext) => `**/*${ext}`);

export function isSourceFile(file: string): boolean {
  return (
    (SOURCE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase()) && !/\.d\.[cm]?ts$/iu.test(file)
  );
}
