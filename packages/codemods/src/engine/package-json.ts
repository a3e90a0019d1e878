import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CodemodRunOptions } from '../types.js';

/** The sections of a package.json that declare dependencies. */
export const DEPENDENCY_SECTIONS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

/**
 * The path of the nearest `package.json` at or above `dir` (a directory). `exists` answers for a path; codemods that
 * plan several files pass one that also knows the manifests they have planned but not written.
 */
export function findPackageJsonFrom(dir: string, exists: (file: string) => boolean = existsSync): string | null {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const candidate = path.join(current, 'package.json');
    if (exists(candidate)) return candidate;
    if (path.dirname(current) === current) return null;
  }
}

/** The nearest `package.json` at or above the file's directory, parsed; `null` when there is none or it is not JSON. */
export function nearestPackageJson(file: string): { path: string; json: Record<string, unknown>; text: string } | null {
  const candidate = findPackageJsonFrom(path.dirname(path.resolve(file)));
  if (!candidate) return null;
  try {
    const text = readFileSync(candidate, 'utf8');
    return { path: candidate, json: JSON.parse(text) as Record<string, unknown>, text };
  } catch {
    return null;
  }
}

/** The range a manifest declares for `name` in any dependency section, or `undefined`. */
export function declaredRange(json: Record<string, unknown>, name: string): string | undefined {
  for (const section of DEPENDENCY_SECTIONS) {
    const range = (json[section] as Record<string, unknown> | undefined)?.[name];
    if (typeof range === 'string') return range;
  }
  return undefined;
}

/** The major version a dependency range of the nearest `package.json` allows (`^4.6.0` -> 4), if any. */
export function dependencyMajor(file: string, names: readonly string[]): number | null {
  const pkg = nearestPackageJson(file);
  if (!pkg) return null;
  for (const section of DEPENDENCY_SECTIONS) {
    const deps = pkg.json[section];
    if (!deps || typeof deps !== 'object') continue;
    for (const name of names) {
      const range = (deps as Record<string, unknown>)[name];
      if (typeof range !== 'string') continue;
      const match = /(\d+)/u.exec(range);
      if (match?.[1]) return Number(match[1]);
    }
  }
  return null;
}

/**
 * The text of a package.json with `name@range` added to its `dependencies`, or `null` when some dependency section
 * declares `name` already. The text keeps its indentation, line breaks and final newline; the new entry goes in
 * alphabetical place when the dependencies are sorted, else at the end.
 */
export function withDependency(text: string, name: string, range: string): string | null {
  const json = JSON.parse(text) as Record<string, unknown>;
  if (declaredRange(json, name) !== undefined) return null;
  const dependencies = { ...((json['dependencies'] as Record<string, string> | undefined) ?? {}), [name]: range };
  const keys = Object.keys(dependencies).slice(0, -1);
  const sorted = keys.every((key, i) => i === 0 || keys[i - 1]!.localeCompare(key) <= 0);
  const updated = {
    ...json,
    dependencies: sorted
      ? Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b)))
      : dependencies,
  };
  const indent = /^([ \t]+)"/mu.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return `${JSON.stringify(updated, null, indent).replace(/\n/gu, eol)}${/\r?\n$/u.test(text) ? eol : ''}`;
}

/** What `requireDependency` did: the manifest it found, and whether the dependency was missing there. */
export interface DependencyOutcome {
  /** The nearest `package.json`, or `null` when there is none. */
  readonly manifest: string | null;
  /** The manifest lacked the dependency: it was added, handed to the runner, or (dry run) would be added. */
  readonly missing: boolean;
  /** The manifest was written by this call. */
  readonly written: boolean;
}

/**
 * Makes sure the `package.json` nearest to `file` declares `name`: hands the request to the runner's
 * `options.addDependency` when there is one, else writes `name@range` into the manifest itself unless the run is
 * `dry` or `print`. A manifest that already declares `name` in any dependency section is left as it is.
 */
export function requireDependency(
  file: string,
  name: string,
  range: string,
  options: CodemodRunOptions,
): DependencyOutcome {
  const pkg = nearestPackageJson(file);
  if (!pkg) return { manifest: findPackageJsonFrom(path.dirname(path.resolve(file))), missing: false, written: false };
  if (declaredRange(pkg.json, name) !== undefined) return { manifest: pkg.path, missing: false, written: false };
  if (options.addDependency) {
    options.addDependency({ manifest: pkg.path, name, range });
    return { manifest: pkg.path, missing: true, written: false };
  }
  if (options['dry'] === true || options['print'] === true)
    return { manifest: pkg.path, missing: true, written: false };
  const text = withDependency(pkg.text, name, range);
  if (text !== null) writeFileSync(pkg.path, text);
  return { manifest: pkg.path, missing: true, written: text !== null };
}
