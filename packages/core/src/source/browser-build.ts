import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Conditions of `exports` that only a browser (or a React Native bundle) follows. */
const BROWSER_CONDITIONS: ReadonlySet<string> = new Set(['browser', 'react-native']);

/** The folder a package-relative target lies in (`browser` for `./browser/index.js`), or `null` at the root. */
function topFolder(target: string): string | null {
  const parts = target.replace(/^\.\//u, '').split('/');
  return parts.length > 1 && parts[0] !== '' && parts[0] !== '.' && parts[0] !== '..' ? parts[0] : null;
}

interface Targets {
  readonly browser: Set<string>;
  readonly node: Set<string>;
}

/**
 * Sorts the targets of an `exports` value by who loads them: under a browser condition, or under the subpath
 * `./browser` (the package's own name for its browser build), a browser; under any other, Node. Patterns
 * (`"./*": "./*.js"`) expose every file and say nothing.
 */
function collect(value: unknown, browser: boolean, targets: Targets): void {
  if (typeof value === 'string') {
    const folder = value.includes('*') ? null : topFolder(value);
    if (folder !== null) (browser ? targets.browser : targets.node).add(folder);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, browser, targets);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('.')) collect(inner, browser || key === './browser', targets);
    else collect(inner, browser || BROWSER_CONDITIONS.has(key), targets);
  }
}

/**
 * The folders of a package that only its browser build loads: those its manifest points a browser at (the browser
 * conditions of `exports`, the `./browser` subpath, a `browser` entry file) and no Node entry point (`main`, any
 * other `exports` target) lies in. Only a folder named for the browser counts (`browser/`, `browser-dist/`): a
 * browser entry in another folder (`lib/browser.js`) may sit beside the server code that Node's entry requires.
 */
export function browserOnlyFolders(manifest: Readonly<Record<string, unknown>>): Set<string> {
  const targets: Targets = { browser: new Set(), node: new Set() };
  collect(manifest['exports'], false, targets);
  const main = manifest['main'];
  if (typeof main === 'string') collect(main, false, targets);
  const browserEntry = manifest['browser'];
  if (typeof browserEntry === 'string') collect(browserEntry, true, targets);
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

/**
 * Whether a file is part of its package's browser build (`typeorm/browser/...`): a folder that only the browser
 * entries of the nearest `package.json` lead to, which Node never loads. Such files never run on a server.
 */
export function isBrowserBuildFile(filename: string): boolean {
  if (!path.isAbsolute(filename)) return false;
  const found = packageOf(path.dirname(filename));
  if (!found || found.folders.size === 0) return false;
  const first = path.relative(found.root, filename).split(path.sep)[0] ?? '';
  return found.folders.has(first);
}

/** Forgets the manifests read so far (for long-lived processes such as an editor's ESLint server). */
export function clearBrowserBuildCache(): void {
  packages.clear();
}
