import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileSummary } from '../request-path/summary.js';
import { shareEqualValues } from './share.js';

/**
 * Bumped whenever `FileSummary` or the analysis changes, so that summaries written by an older version are not read.
 */
export const SUMMARY_VERSION = 40;

/** A file's summary and what it was computed from. */
export interface CacheEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  readonly summary: FileSummary | null;
}

interface CacheFile {
  readonly version: number;
  readonly key: string;
  readonly code: string;
  readonly entries: Readonly<Record<string, CacheEntry>>;
}

let codeFingerprint: string | undefined;

/**
 * A fingerprint of the analysis code itself (the sizes and times of this package's built files), so that summaries
 * written by another build are never read, even when `SUMMARY_VERSION` was not bumped.
 */
export function analysisFingerprint(): string {
  if (codeFingerprint !== undefined) return codeFingerprint;
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const parts: string[] = [];
  const visit = (directory: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(directory).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(directory, name);
      if (name.endsWith('.js')) {
        const stats = statSync(full);
        parts.push(`${path.relative(root, full)}:${stats.size}:${stats.mtimeMs}`);
      } else if (!name.includes('.')) visit(full);
    }
  };
  visit(root);
  codeFingerprint = contentHash(parts.join('\n')).slice(0, 12);
  return codeFingerprint;
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/**
 * Where a project's summaries are kept between runs, ESLint-cache style: `node_modules/.cache/backend-perf/` of the
 * project when it has a `node_modules` folder, else a folder of the system's temporary directory. One file per
 * project root and analysis settings; deleting it at any time only costs a re-read of the sources.
 */
export function cacheFileFor(root: string, key: string): string {
  const name = `graph-${contentHash(`${root}\u0000${key}`).slice(0, 16)}.json`;
  const modules = path.join(root, 'node_modules');
  const directory = existsSync(modules)
    ? path.join(modules, '.cache', 'backend-perf')
    : path.join(os.tmpdir(), 'backend-perf-cache');
  return path.join(directory, name);
}

/** The cached entries, by path relative to the root; empty when there is no cache or it is unreadable or stale. */
export function readCache(file: string, key: string): Map<string, CacheEntry> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    if (
      parsed.version !== SUMMARY_VERSION ||
      parsed.key !== key ||
      parsed.code !== analysisFingerprint() ||
      !parsed.entries ||
      typeof parsed.entries !== 'object'
    ) {
      return new Map();
    }
    const entries = new Map<string, CacheEntry>();
    for (const [relative, entry] of Object.entries(parsed.entries)) {
      if (isEntry(entry))
        entries.set(relative, entry.summary ? { ...entry, summary: shareEqualValues(entry.summary) } : entry);
    }
    return entries;
  } catch {
    return new Map();
  }
}

/** A cache written by another version, edited by hand or cut short must never reach the graph. */
function isEntry(value: unknown): value is CacheEntry {
  if (!value || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  if (typeof entry['size'] !== 'number' || typeof entry['mtimeMs'] !== 'number' || typeof entry['hash'] !== 'string') {
    return false;
  }
  const summary = entry['summary'];
  if (summary === null) return true;
  if (!summary || typeof summary !== 'object') return false;
  const s = summary as Record<string, unknown>;
  return (
    Array.isArray(s['functions']) &&
    Array.isArray(s['imports']) &&
    Array.isArray(s['refs']) &&
    Array.isArray(s['roots']) &&
    Array.isArray(s['edges']) &&
    Array.isArray(s['stars']) &&
    Array.isArray(s['classes']) &&
    Array.isArray(s['calls']) &&
    Array.isArray(s['accesses']) &&
    Array.isArray(s['holders']) &&
    ['mixins', 'devImports', 'emits'].every((name) => s[name] === undefined || Array.isArray(s[name])) &&
    !!s['exports'] &&
    typeof s['exports'] === 'object'
  );
}

/** Writes the cache atomically (a temporary file renamed over it); a failure to write is not an error. */
export function writeCache(file: string, key: string, entries: ReadonlyMap<string, CacheEntry>): void {
  const content: CacheFile = {
    version: SUMMARY_VERSION,
    key,
    code: analysisFingerprint(),
    entries: Object.fromEntries(entries),
  };
  writeFileAtomically(file, JSON.stringify(content));
}

/** Writes a cache file whole or not at all (a temporary file renamed over it); a failure leaves it as it was. */
export function writeFileAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}
