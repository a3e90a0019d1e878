import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

/** The version of a package a file uses, and where that came from. */
export interface PackageVersion {
  /** The installed version, or the lowest version the declared range allows. */
  readonly version: string;
  readonly major: number;
  /** `installed`: read from `node_modules/<name>/package.json`; `declared`: from a dependency range. */
  readonly source: 'installed' | 'declared';
  /** The file the version was read from. */
  readonly file: string;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Found versions per directory and package name (`null`: none up to the file-system root). */
const cache = new Map<string, PackageVersion | null>();

function readJson(file: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What one directory says: an installed copy first, then a dependency its own package.json declares. */
function versionIn(directory: string, name: string): PackageVersion | null {
  const installedFile = path.join(directory, 'node_modules', name, 'package.json');
  const installed = readJson(installedFile)?.['version'];
  if (typeof installed === 'string') {
    const parsed = semver.parse(installed);
    if (parsed) return { version: parsed.version, major: parsed.major, source: 'installed', file: installedFile };
  }
  const manifestFile = path.join(directory, 'package.json');
  const manifest = readJson(manifestFile);
  if (!manifest) return null;
  for (const field of DEPENDENCY_FIELDS) {
    const dependencies = manifest[field];
    if (typeof dependencies !== 'object' || dependencies === null) continue;
    const range: unknown = (dependencies as Record<string, unknown>)[name];
    if (typeof range !== 'string') continue;
    const valid = semver.validRange(range);
    const min = valid === null ? null : semver.minVersion(valid);
    if (min) return { version: min.version, major: min.major, source: 'declared', file: manifestFile };
  }
  return null;
}

function lookUp(directory: string, name: string): PackageVersion | null {
  const key = `${directory}\u0000${name}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let found = versionIn(directory, name);
  if (!found) {
    const parent = path.dirname(directory);
    found = parent === directory ? null : lookUp(parent, name);
  }
  cache.set(key, found);
  return found;
}

/**
 * The version of package `name` that the linted file uses, read the way Node resolves it: from the file's directory
 * upwards, the first directory with an installed copy (`node_modules/<name>/package.json`) or a `package.json` that
 * declares it as a dependency (the lowest version of the range). `null` when nothing says, and for virtual file names;
 * version-dependent advice then names the forms of every version.
 */
export function getPackageVersion(filename: string, name: string): PackageVersion | null {
  if (!filename || filename.startsWith('<') || !path.isAbsolute(filename)) return null;
  return lookUp(path.dirname(filename), name);
}

/** Forgets cached lookups (for long-running processes such as editors, and for tests). */
export function clearPackageVersionCache(): void {
  cache.clear();
}
