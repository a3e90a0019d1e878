import ignore, { type Ignore } from 'ignore';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** Source extensions the project graph reads. */
const SOURCE = /\.(?:[cm]?[jt]sx?)$/u;
const DECLARATION = /\.d\.[cm]?ts$/u;
const MINIFIED = /[.-]min\.[cm]?js$/u;

/** Folders never part of a project's own sources. */
/**
 * Folders that never hold the server's code: dependencies, coverage reports, and `public` (the static folder that
 * Express and its peers serve to browsers: its scripts run in the browser, and a listener there is no request).
 */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'coverage', 'bower_components', 'jspm_packages', 'public']);

/** One `.gitignore` and the folder its patterns are relative to. */
interface IgnoreFile {
  readonly directory: string;
  readonly rules: Ignore;
}

function readIgnore(directory: string): IgnoreFile | null {
  let text: string;
  try {
    text = readFileSync(path.join(directory, '.gitignore'), 'utf8');
  } catch {
    return null;
  }
  return { directory, rules: ignore().add(text) };
}

function ignored(stack: readonly IgnoreFile[], file: string, isDirectory: boolean): boolean {
  for (const entry of stack) {
    const relative = path.relative(entry.directory, file).split(path.sep).join('/');
    if (!relative || relative.startsWith('..')) continue;
    if (entry.rules.ignores(isDirectory ? `${relative}/` : relative)) return true;
  }
  return false;
}

/**
 * The source files of a project: every JavaScript and TypeScript file below `root` that git would track (each
 * folder's `.gitignore` applies), without `node_modules`, `public` (browser scripts), hidden folders, declaration
 * files and minified bundles.
 * Files that the ESLint configuration ignores are included: they can still register handlers or call the code being
 * linted. Sorted, absolute paths.
 */
export function projectFiles(root: string, limit = Number.POSITIVE_INFINITY): string[] {
  const files: string[] = [];
  const visit = (directory: string, stack: readonly IgnoreFile[]): void => {
    if (files.length >= limit) return;
    const own = readIgnore(directory);
    const rules = own ? [...stack, own] : stack;
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) continue;
        if (ignored(rules, full, true)) continue;
        visit(full, rules);
      } else if (
        entry.isFile() &&
        SOURCE.test(entry.name) &&
        !DECLARATION.test(entry.name) &&
        !MINIFIED.test(entry.name) &&
        !ignored(rules, full, false)
      ) {
        files.push(full);
        if (files.length >= limit) return;
      }
    }
  };
  visit(root, []);
  return files.sort();
}
