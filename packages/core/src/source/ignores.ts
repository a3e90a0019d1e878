import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { sourceTypeOf } from './module-type.js';

/**
 * Folders whose files are not the project's own code: dependencies and vendored copies, version control, and build,
 * coverage and framework output. `check`, `migrate` and the plugin's configs skip them.
 */
export const DEFAULT_IGNORED_DIRECTORIES: readonly string[] = [
  'node_modules',
  'bower_components',
  'jspm_packages',
  'vendor',
  'third_party',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.turbo',
  '.vercel',
  '.serverless',
  '.cache',
];

/** File names of minified or bundled code, whatever folder they are in. */
export const DEFAULT_IGNORED_FILES: readonly string[] = [
  '*.min.js',
  '*.min.cjs',
  '*.min.mjs',
  '*-min.js',
  '*.bundle.js',
];

/** The same folders and files as flat-config `ignores` patterns. */
export const DEFAULT_IGNORE_PATTERNS: readonly string[] = [
  ...DEFAULT_IGNORED_DIRECTORIES.map((name) => `**/${name}/`),
  ...DEFAULT_IGNORED_FILES.map((name) => `**/${name}`),
];

const ignoredFileName = picomatch([...DEFAULT_IGNORED_FILES], { dot: true, nocase: true });

/** Files smaller than this are never taken for minified bundles. */
const MINIFIED_MIN_LENGTH = 2_000;
/** Average characters per line above which a file is a minified bundle (hand-written code averages 30 to 40). */
const MINIFIED_LINE_LENGTH = 250;

/** A minified or bundled file by its text: long enough, with lines far longer than anyone writes. */
export function isMinifiedText(text: string): boolean {
  if (text.length < MINIFIED_MIN_LENGTH) return false;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines += 1;
  return text.length / lines > MINIFIED_LINE_LENGTH;
}

const SOURCE = /\.(?:[cm]?[jt]sx?)$/iu;

/** Answers per file, keyed by path, size and modification time, so that an editor session sees edits. */
const fileCache = new Map<string, { readonly stamp: string; readonly minified: boolean; readonly commonjs: boolean }>();

function inspect(file: string): { minified: boolean; commonjs: boolean } | undefined {
  let stamp: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return undefined;
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return undefined;
  }
  const known = fileCache.get(file);
  if (known?.stamp === stamp) return known;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const found = { stamp, minified: isMinifiedText(text), commonjs: sourceTypeOf(file, text) === 'commonjs' };
  fileCache.set(file, found);
  return found;
}

/**
 * Why a path is not the project's own code, or `null`: a folder of `DEFAULT_IGNORED_DIRECTORIES` on the way, a
 * minified file name, or (for a source file that exists) minified text. `file` is absolute; `base` is where the
 * folder names start to count (the working directory), so a project inside a folder named `build` is still linted.
 */
export function defaultIgnoreReason(file: string, base?: string): string | null {
  const relative = base === undefined ? file : path.relative(base, file);
  const segments = relative.split(/[\\/]/u).filter((segment) => segment !== '');
  const name = segments.pop() ?? '';
  const folder = segments.find((segment) => DEFAULT_IGNORED_DIRECTORIES.includes(segment));
  if (folder !== undefined) return `in a ${folder} folder`;
  if (ignoredFileName(name)) return 'a minified file';
  if (SOURCE.test(name) && inspect(file)?.minified) return 'minified code';
  return null;
}

/**
 * A flat-config `ignores` entry for minified files that do not say so in their name (long single-line bundles); ESLint
 * calls it with absolute paths, folders ending with a slash.
 */
export function isMinifiedFile(file: string): boolean {
  return !file.endsWith('/') && !file.endsWith('\\') && SOURCE.test(file) && inspect(file)?.minified === true;
}

/**
 * A flat-config `files` entry for the files Node.js runs as CommonJS (`sourceTypeOf` on the file's text): the plugin's
 * configs give them `sourceType: 'commonjs'`, which ESLint's defaults give only to `.cjs`.
 */
export function isCommonJsFile(file: string): boolean {
  return SOURCE.test(file) && !file.endsWith('.d.ts') && inspect(file)?.commonjs === true;
}
