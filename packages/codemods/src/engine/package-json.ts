import type * as JsoncParser from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CodemodRunOptions } from '../types.js';

const require = createRequire(import.meta.url);
// Loaded on first use: the runner entry (which re-exports `withDependency`) loads no dependency.
let jsonc: typeof JsoncParser | undefined;

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

/**
 * The `package.json` of the package that owns `file` and that npm installs its dependencies from: the nearest one
 * that is a package (it has a `name`, a dependency section or `workspaces`). A manifest that only marks a folder's
 * module format (`{ "type": "module" }`, common in dual-format builds and test folders) is passed over. `null` when
 * there is none.
 */
export function owningPackageJson(file: string): { path: string; json: Record<string, unknown>; text: string } | null {
  let nearest: { path: string; json: Record<string, unknown>; text: string } | null = null;
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const candidate = findPackageJsonFrom(dir);
    if (!candidate) return nearest;
    let manifest: { path: string; json: Record<string, unknown>; text: string };
    try {
      const text = readFileSync(candidate, 'utf8');
      manifest = { path: candidate, json: JSON.parse(text) as Record<string, unknown>, text };
    } catch {
      return nearest;
    }
    nearest ??= manifest;
    // JSON.parse returns any JSON value; a manifest is an object.
    const json: unknown = manifest.json;
    const isPackage =
      json !== null &&
      typeof json === 'object' &&
      ('name' in json || 'workspaces' in json || DEPENDENCY_SECTIONS.some((section) => section in json));
    if (isPackage) return manifest;
    const folder = path.dirname(candidate);
    const parent = path.dirname(folder);
    if (parent === folder) return nearest;
    dir = parent;
  }
}

/**
 * How a manifest writes its dependency ranges: `''` when every one is an exact version, `'~'` when most are tilde
 * ranges, else `'^'`.
 */
export function rangeStyle(json: Record<string, unknown>): '' | '~' | '^' {
  const ranges = DEPENDENCY_SECTIONS.flatMap((section) => {
    const deps = json[section];
    return deps && typeof deps === 'object' ? Object.values(deps as Record<string, unknown>) : [];
  }).filter((range): range is string => typeof range === 'string');
  if (ranges.length > 0 && ranges.every((range) => /^\d+\.\d+\.\d+(?:[-+][\w.-]*)?$/u.test(range))) return '';
  const tilde = ranges.filter((range) => range.startsWith('~')).length;
  const caret = ranges.filter((range) => range.startsWith('^')).length;
  return tilde > caret ? '~' : '^';
}

/**
 * The version of `name` that Node would load from `file`'s folder (the nearest `node_modules/<name>` above it, which
 * may be a copy hoisted there for another dependency), or `null` when none is installed.
 */
export function installedVersion(file: string, name: string): string | null {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      try {
        const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version;
        return typeof version === 'string' ? version : null;
      } catch {
        return null;
      }
    }
    if (path.dirname(dir) === dir) return null;
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
  const pkg = owningPackageJson(file);
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

/** A property's or value's offsets in the manifest's text. */
function endOf(node: JsonNode): number {
  return node.offset + node.length;
}

/**
 * How an object lays out its entries: what comes after `{` (and between entries, after the comma), and `"key": `'s
 * colon.
 */
function layoutOf(text: string, object: JsonNode): { readonly gap: string; readonly separator: string } | null {
  const first = object.children?.[0];
  const key = first?.children?.[0];
  const value = first?.children?.[1];
  if (!first || !key || !value) return null;
  return { gap: text.slice(object.offset + 1, first.offset), separator: text.slice(endOf(key), value.offset) };
}

/**
 * The white space that starts the line on which `offset` lies. Like core's `indentAt`, kept here because this module
 * is part of the `runner` entry, which must load no other workspace package (`test/module-loads.test.ts`).
 */
function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/u.exec(text.slice(lineStart))?.[0] ?? '';
}

/**
 * The text of a package.json with `name@range` added to its `dependencies`, or `null` when some dependency section
 * declares `name` already. The manifest is edited as text: only the new entry is inserted (and the comma it needs),
 * in the file's own layout (indentation, line breaks, one-line objects), in alphabetical place when the dependencies
 * are sorted, else at the end; the rest of the file (number literals, escapes, duplicate keys, key order, the final
 * newline) stays byte for byte. Throws when the text is not a JSON object.
 */
export function withDependency(text: string, name: string, range: string): string | null {
  const errors: ParseError[] = [];
  jsonc ??= require('jsonc-parser') as typeof JsoncParser;
  const root = jsonc.parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || root?.type !== 'object') {
    const offset = errors[0]?.offset ?? 0;
    const line = text.slice(0, offset).split('\n').length;
    throw new Error(
      `not a JSON object (line ${line}: ${errors[0] ? jsonc.printParseErrorCode(errors[0].error) : 'not an object'})`,
    );
  }
  if (declaredRange(JSON.parse(text) as Record<string, unknown>, name) !== undefined) return null;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const rootLayout = layoutOf(text, root) ?? { gap: '', separator: ': ' };
  const insert = (offset: number, inserted: string): string => text.slice(0, offset) + inserted + text.slice(offset);
  // JSON.parse keeps the last of duplicate keys, and so do npm and every other reader: that is the one to extend.
  const section = root.children?.filter((property) => property.children?.[0]?.value === 'dependencies').at(-1);
  const object = section?.children?.[1];
  if (object && object.type !== 'object') throw new Error('its "dependencies" is not an object');

  const entry = (separator: string): string => `${JSON.stringify(name)}${separator}${JSON.stringify(range)}`;
  // An object with one entry, laid out like the file's other objects, for a section that is empty or new.
  const newObject = (ownIndent: string): string => {
    const multiline = rootLayout.gap.includes('\n');
    if (!multiline) return `{${rootLayout.gap}${entry(rootLayout.separator)}${rootLayout.gap === '' ? '' : ' '}}`;
    const unit = rootLayout.gap.replace(/^\r?\n/u, '') || '  ';
    return `{${eol}${ownIndent}${unit}${entry(rootLayout.separator)}${eol}${ownIndent}}`;
  };
  if (!object) {
    const last = root.children?.at(-1);
    if (!last) return `${text.slice(0, root.offset + 1)}"dependencies": ${newObject('')}${text.slice(root.offset + 1)}`;
    const indent = rootLayout.gap.replace(/^\r?\n/u, '');
    return insert(endOf(last), `,${rootLayout.gap}"dependencies"${rootLayout.separator}${newObject(indent)}`);
  }
  const layout = layoutOf(text, object);
  if (!layout) {
    const ownIndent = lineIndent(text, section.offset);
    return `${text.slice(0, object.offset)}${newObject(ownIndent)}${text.slice(endOf(object))}`;
  }
  const properties = object.children ?? [];
  const keys = properties.map((property) => String(property.children?.[0]?.value));
  const sorted = keys.every((key, i) => i === 0 || keys[i - 1].localeCompare(key) <= 0);
  const before = sorted ? properties.find((_, i) => keys[i].localeCompare(name) > 0) : undefined;
  if (before) return insert(before.offset, `${entry(layout.separator)},${layout.gap}`);
  // An object has a layout only when it has entries (`layoutOf`).
  const last = properties.at(-1);
  if (!last) throw new Error('package.json: an object laid out without entries');
  return insert(endOf(last), `,${layout.gap}${entry(layout.separator)}`);
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
 * Makes sure the `package.json` of the package that owns `file` (`owningPackageJson`) declares `name`: hands the
 * request to the runner's
 * `options.addDependency` when there is one, else writes `name@range` into the manifest itself unless the run is
 * `dry` or `print`. A manifest that already declares `name` in any dependency section is left as it is.
 */
export function requireDependency(
  file: string,
  name: string,
  range: string,
  options: CodemodRunOptions,
): DependencyOutcome {
  const pkg = owningPackageJson(file);
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
