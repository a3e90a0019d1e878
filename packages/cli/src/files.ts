import { isSourceFile } from '@backend-perf/codemods/runner';
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { createIgnoreFilter, type IgnoreFilter } from './ignores.js';
import { UsageError } from './io.js';

/** Path relative to `cwd` with forward slashes, for output and reports on every platform. */
export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

/** A source file given by name that the ignores skip, and why. */
export interface IgnoredFile {
  readonly file: string;
  readonly reason: string;
}

/** Whether a symlink leads to a regular file (not a folder, not a broken or looping link). */
function isFileTarget(link: string): boolean {
  try {
    return statSync(link).isFile();
  } catch {
    return false;
  }
}

/**
 * Every source file under `paths` (files given directly are taken when they are source files), absolute and
 * sorted, without duplicates, leaving out what `filter` skips (by default `.gitignore` and the default ignores, as
 * `check` does). Files given by name that the filter skips are passed to `onIgnored`. Throws a `UsageError` for a
 * path that does not exist. With a `limit`, the walk stops once it has found that many (whether a path holds any).
 */
export async function collectSourceFiles(
  cwd: string,
  paths: readonly string[],
  filter: IgnoreFilter = createIgnoreFilter(cwd),
  onIgnored: (ignored: IgnoredFile) => void = () => {},
  limit = Infinity,
): Promise<string[]> {
  const found = new Set<string>();
  async function walk(directory: string): Promise<void> {
    const entries = await fs.readdir(directory, { withFileTypes: true });
    for (const entry of entries) {
      if (found.size >= limit) return;
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (filter.reason(full, true) === null) await walk(full);
      } else if (
        isSourceFile(entry.name) &&
        (entry.isFile() || (entry.isSymbolicLink() && isFileTarget(full))) &&
        filter.reason(full) === null
      ) {
        // A symlink to a file is taken, as ESLint takes it for `check`; migrate writes through it to its target.
        found.add(full);
      }
    }
  }
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) throw new UsageError(`no such file or directory: ${given}`);
    if (stat.isDirectory()) {
      if (absolute === cwd || filter.reason(absolute, true) === null) await walk(absolute);
      else onIgnored({ file: absolute, reason: filter.reason(absolute, true) ?? '' });
    } else if (stat.isFile() && isSourceFile(absolute)) {
      const reason = filter.reason(absolute);
      if (reason === null) found.add(absolute);
      else onIgnored({ file: absolute, reason });
    }
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface Shard {
  /** 1-based index of this shard. */
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (1 <= i <= n). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/u.exec(text.trim());
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard expects i/n with 1 <= i <= n, got "${text}"`);
  }
  return { index, count };
}

/**
 * The files of one shard: the sorted list is dealt round-robin, so every file lands in exactly one shard and the
 * split depends only on the file list (the same on every CI job).
 */
export function selectShard<T>(sortedFiles: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...sortedFiles];
  return sortedFiles.filter((_, position) => position % shard.count === shard.index - 1);
}
