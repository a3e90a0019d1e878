import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Conditions of `exports` that only a browser (or a React Native bundle) follows. */
const BROWSER_CONDITIONS: ReadonlySet<string> = new Set(['browser', 'react-native']);
/** Conditions that Node follows itself (`default` is anyone's). */
const NODE_CONDITIONS: ReadonlySet<string> = new Set(['node', 'require', 'import', 'module-sync']);

/**
 * The top folder a package-relative target lies in (`browser` for `./browser/index.js`, `browser/*` or a `main` of
 * `./browser`), or `null` for a file at the root or a pattern over the whole package (`./*`).
 */
function topFolder(target: string): string | null {
  const fixed = target.split('*')[0].replace(/^\.\//u, '');
  const parts = fixed.split('/');
  const [first] = parts;
  if (first === '' || first === '.' || first === '..') return null;
  // A file at the root; a name without an extension (`"main": "./browser"`) is a folder Node loads the index of.
  if (parts.length === 1) return target.includes('*') || /\.[a-z]+$/iu.test(first) ? null : first;
  return first;
}

interface Targets {
  readonly browser: Set<string>;
  readonly node: Set<string>;
  /** Targets of the `./browser` subpath reached without any condition but `default`. */
  readonly browserSubpath: Set<string>;
}

/**
 * Sorts the targets of an `exports` (or `imports`) value by who loads them: under a browser condition, a browser;
 * under any other, Node; under the subpath `./browser` with no condition of its own but `default`, the browser build
 * by its own name, counted as a browser's only where a browser condition leads to the same folder too.
 */
function collect(value: unknown, where: 'node' | 'browser' | 'subpath', targets: Targets): void {
  if (typeof value === 'string') {
    const folder = topFolder(value);
    if (folder !== null)
      (where === 'node' ? targets.node : where === 'browser' ? targets.browser : targets.browserSubpath).add(folder);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, where, targets);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('.') || key.startsWith('#')) collect(inner, key === './browser' ? 'subpath' : 'node', targets);
    else if (BROWSER_CONDITIONS.has(key)) collect(inner, 'browser', targets);
    // Below a browser condition, `import` and `require` are the browser bundler's.
    else if (NODE_CONDITIONS.has(key)) collect(inner, where === 'browser' ? 'browser' : 'node', targets);
    else collect(inner, where, targets);
  }
}

/**
 * The folders of a package that only its browser build loads: those the browser conditions of `exports` (or a
 * `browser` entry file) lead to, and no Node entry: not `main`, `bin`, `imports`, nor any other target of `exports`
 * (a pattern counts for its fixed folder, `./lib/*` for `lib`); a `./browser` subpath with only a `default` target
 * counts for neither. Only a folder whose name contains `browser` counts (`browser/`, `browser-dist/`): a browser
 * entry in another folder (`lib/browser.js`) may sit beside the server code that Node's entry requires.
 */
export function browserOnlyFolders(manifest: Readonly<Record<string, unknown>>): Set<string> {
  const targets: Targets = { browser: new Set(), node: new Set(), browserSubpath: new Set() };
  collect(manifest['exports'], 'node', targets);
  collect(manifest['imports'], 'node', targets);
  const main = manifest['main'];
  if (typeof main === 'string') collect(main, 'node', targets);
  const bin = manifest['bin'];
  if (typeof bin === 'string' || (typeof bin === 'object' && bin !== null)) collect(bin, 'node', targets);
  const browserEntry = manifest['browser'];
  if (typeof browserEntry === 'string') collect(browserEntry, 'browser', targets);
  // A `./browser` subpath that no browser condition confirms (a Jest preset's `./browser`) is one Node may load.
  for (const folder of targets.browserSubpath) if (!targets.browser.has(folder)) targets.node.add(folder);
  return new Set([...targets.browser].filter((folder) => /browser/iu.test(folder) && !targets.node.has(folder)));
}

/** Per directory: the root of the package it belongs to and that package's browser-only folders, or `null`. */
const packages = new Map<string, Package>();

type Package = { readonly root: string; readonly folders: ReadonlySet<string> } | null;

/** The text of a directory's `package.json`, or `null` when it has none. */
function manifestText(directory: string): string | null {
  try {
    return readFileSync(path.join(directory, 'package.json'), 'utf8');
  } catch {
    return null;
  }
}

/** The browser-only folders a manifest's text names; none when it does not parse (Node skips it too). */
function foldersOf(text: string): ReadonlySet<string> {
  try {
    const manifest: unknown = JSON.parse(text);
    return typeof manifest === 'object' && manifest !== null && !Array.isArray(manifest)
      ? browserOnlyFolders(manifest as Record<string, unknown>)
      : new Set();
  } catch {
    return new Set();
  }
}

function packageOf(directory: string): Package {
  const known = packages.get(directory);
  if (known !== undefined) return known;
  const text = manifestText(directory);
  const parent = path.dirname(directory);
  const found: Package =
    text !== null ? { root: directory, folders: foldersOf(text) } : parent === directory ? null : packageOf(parent);
  packages.set(directory, found);
  return found;
}

/** How long the manifests read stay trusted in a long-lived process (an editor's ESLint server) before a new read. */
const REFRESH_MS = 2000;
let readSince = Date.now();

/**
 * Whether a file is part of its package's browser build (`typeorm/browser/...`): a folder that only the browser
 * entries of the nearest `package.json` lead to, which Node never loads. Such files never run on a server. A relative
 * name is read from `cwd`; ESLint's names for text without a file (`<input>`, `<text>`) are never one.
 */
export function isBrowserBuildFile(filename: string, cwd = process.cwd()): boolean {
  if (filename.startsWith('<')) return false;
  if (Date.now() - readSince > REFRESH_MS) clearBrowserBuildCache();
  const file = path.resolve(cwd, filename);
  const found = packageOf(path.dirname(file));
  if (!found || found.folders.size === 0) return false;
  const first = path.relative(found.root, file).split(path.sep)[0] ?? '';
  return found.folders.has(first);
}

/** Forgets the manifests read so far (for long-lived processes such as an editor's ESLint server). */
export function clearBrowserBuildCache(): void {
  packages.clear();
  readSince = Date.now();
}
