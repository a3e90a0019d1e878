import { defaultIgnoreReason } from '@backend-perf/core/light';
import ignore, { type Ignore } from 'ignore';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Which paths `check` and `migrate` leave alone, with the reason: the same answer for both commands for every path.
 * `.gitignore` files (from the repository's top folder down to the path) always apply; the default ignores (folders
 * of dependencies, vendored code and build output, minified files) unless `defaults` is off
 * (`--no-default-ignores`).
 */
export interface IgnoreFilter {
  /** Why `file` (absolute; a folder when `directory`) is skipped, or `null`. */
  readonly reason: (file: string, directory?: boolean) => string | null;
}

export interface IgnoreFilterOptions {
  /** Skip dependencies, vendored code, build output and minified files (default true). */
  readonly defaults?: boolean;
}

/** The top folder of the git work tree holding `directory`, or `undefined` outside git. */
function gitRoot(directory: string): string | undefined {
  for (let current = directory; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

export function createIgnoreFilter(cwd: string, options: IgnoreFilterOptions = {}): IgnoreFilter {
  const defaults = options.defaults ?? true;
  const top = gitRoot(cwd);
  const rules = new Map<string, Ignore | null>();

  function rulesOf(directory: string): Ignore | null {
    if (rules.has(directory)) return rules.get(directory) ?? null;
    let found: Ignore | null;
    try {
      found = ignore().add(readFileSync(path.join(directory, '.gitignore'), 'utf8'));
    } catch {
      found = null;
    }
    rules.set(directory, found);
    return found;
  }

  /**
   * `.gitignore` files decide from the deepest folder up to `highest`; the first that matches the path (or un-ignores
   * it) wins.
   */
  function gitignored(file: string, directory: boolean, highest: string | undefined = top): boolean {
    if (highest === undefined || (file !== highest && !file.startsWith(`${highest}${path.sep}`))) return false;
    for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
      const found = rulesOf(folder);
      if (found) {
        const relative = path.relative(folder, file).split(path.sep).join('/');
        const result = found.test(directory ? `${relative}/` : relative);
        if (result.ignored) return true;
        if (result.unignored) return false;
      }
      if (folder === highest || path.dirname(folder) === folder) return false;
    }
  }

  // Run inside a folder that the repository ignores (a downloaded corpus, a scratch copy), only the `.gitignore` files
  // from the working directory down apply: otherwise everything would be ignored.
  const highest = top !== undefined && cwd !== top && gitignored(cwd, true) ? cwd : top;

  return {
    reason(file, directory = false) {
      const absolute = path.resolve(cwd, file);
      if (path.basename(absolute) === '.git') return 'in a .git folder';
      if (defaults) {
        // A folder's own name counts: ask about a file inside it.
        const reason = defaultIgnoreReason(directory ? path.join(absolute, '_') : absolute, cwd);
        if (reason !== null) return reason;
      }
      if (absolute !== highest && gitignored(absolute, directory, highest)) return 'ignored by .gitignore';
      return null;
    },
  };
}

/**
 * The filter as a flat-config `ignores` entry: ESLint calls it with absolute paths, folders ending with a slash.
 */
export function ignoresEntry(filter: IgnoreFilter): (file: string) => boolean {
  return (file) => {
    const directory = file.endsWith('/') || file.endsWith('\\');
    return filter.reason(directory ? file.slice(0, -1) : file, directory) !== null;
  };
}
