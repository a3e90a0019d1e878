import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { readSettings } from './request-path/settings.js';

/** The Node.js version a file is written for, and where that came from. */
export interface NodeTarget {
  /** The lowest version the range allows (`18.0.0` for `>=18`). */
  readonly version: string;
  readonly major: number;
  /** The range as written. */
  readonly range: string;
  /** Where the range was found: `'settings'` for the setting, or the `package.json` file's path. */
  readonly source: string;
}

/** What the helper needs of an ESLint rule context. */
export interface NodeTargetInput {
  readonly filename: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

/** `engines.node` found for a directory (`null`: none up to the file-system root), per directory. */
const directoryCache = new Map<string, { range: string; file: string } | null>();

function fromRange(range: string, source: string): NodeTarget | null {
  const valid = semver.validRange(range);
  if (valid === null) return null;
  const min = semver.minVersion(valid);
  if (!min) return null;
  return { version: min.version, major: min.major, range, source };
}

function readEngines(directory: string): { range: string; file: string } | null {
  if (directoryCache.has(directory)) return directoryCache.get(directory) ?? null;
  const file = path.join(directory, 'package.json');
  let found: { range: string; file: string } | null | undefined;
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { engines?: { node?: unknown } };
    const range = manifest.engines?.node;
    // A workspace package without `engines.node` inherits the one of the repository root above it.
    found = typeof range === 'string' ? { range, file } : undefined;
  } catch {
    found = undefined;
  }
  if (found === undefined) {
    const parent = path.dirname(directory);
    found = parent === directory ? null : readEngines(parent);
  }
  directoryCache.set(directory, found);
  return found;
}

/**
 * The Node.js version the linted file targets: `settings['backend-perf'].node` when set, otherwise the lowest version
 * allowed by `engines.node` of the nearest `package.json` above the file that declares it. `null` when neither says
 * (the caller decides what an unknown target means; the rules assume a current Node and stay quiet on version-dependent
 * advice).
 */
export function getNodeTarget(input: NodeTargetInput): NodeTarget | null {
  const setting = readSettings(input.settings).node;
  if (setting !== undefined) return fromRange(setting, 'settings');
  if (!input.filename || input.filename.startsWith('<') || !path.isAbsolute(input.filename)) return null;
  const engines = readEngines(path.dirname(input.filename));
  return engines ? fromRange(engines.range, engines.file) : null;
}

/** Forgets cached `package.json` lookups (for long-running processes such as editors, and for tests). */
export function clearNodeTargetCache(): void {
  directoryCache.clear();
}
