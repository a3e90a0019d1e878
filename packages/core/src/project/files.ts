import ignore, { type Ignore } from 'ignore';
import { isBrowserBuildFile } from '../source/browser-build.js';
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** Source extensions the project graph reads. */
const SOURCE = /\.(?:[cm]?[jt]sx?)$/u;
const DECLARATION = /\.d\.[cm]?ts$/u;
const MINIFIED = /[.-]min\.[cm]?js$/u;

/** Folders that never hold the server's code, wherever they are: dependencies and coverage reports. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'coverage', 'bower_components', 'jspm_packages']);
/**
 * Files that a static folder serves and no server code is: pages, styles, images, fonts, icons, media (not source
 * maps, which compiled server code has beside it).
 */
const ASSET_FILE =
  /\.(?:html?|css|scss|sass|less|png|jpe?g|gif|svg|ico|webp|avif|bmp|woff2?|ttf|eot|otf|xsl|webmanifest|mp3|mp4|ogg|wav|webm)$/iu;
/** Folders of such files, and of browser scripts, in a static folder (`public/css`, `public/js`). */
const ASSET_FOLDERS = new Set([
  'css',
  'less',
  'sass',
  'scss',
  'stylesheets',
  'styles',
  'img',
  'images',
  'icons',
  'fonts',
  'sounds',
  'media',
  'assets',
  'vendor',
  'js',
  'javascripts',
  'scripts',
  'templates',
]);
/** How long a folder's reading as static is trusted. */
const STATIC_REFRESH_MS = 2_000;
const staticFolders = new Map<string, { readonly at: number; readonly value: boolean }>();

/**
 * Whether a folder holds no server code: dependencies and coverage reports anywhere, and a `public` folder of static
 * files (the folder that `express.static` and its peers serve to browsers: its scripts run in the browser, and a
 * listener there is no request): the project's own top-level `public`, or one that holds pages, styles, images or
 * fonts, or folders of them. A `public` folder of source files alone (an API's `routes/public/`) is server code.
 */
export function isSkippedFolder(folder: string, root: string): boolean {
  const name = path.basename(folder);
  if (SKIPPED_DIRECTORIES.has(name)) return true;
  if (name !== 'public') return false;
  if (path.dirname(folder) === root) return true;
  const now = Date.now();
  const known = staticFolders.get(folder);
  if (known && now - known.at <= STATIC_REFRESH_MS) return known.value;
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    // Unreadable: nothing of it is read either.
  }
  const value = entries.some((entry) =>
    entry.isDirectory() ? ASSET_FOLDERS.has(entry.name.toLowerCase()) : ASSET_FILE.test(entry.name),
  );
  staticFolders.set(folder, { at: now, value });
  return value;
}

/** Forgets which folders were read as static (`clearProjects` calls it). */
export function clearStaticFolderCache(): void {
  staticFolders.clear();
}

/** One `.gitignore` and the folder its patterns are relative to. */
interface IgnoreFile {
  readonly directory: string;
  readonly rules: Ignore;
}

/** What one folder contributed at the last crawl, and what it was read from. */
interface FolderEntry {
  readonly mtimeMs: number;
  /** The `.gitignore` of the folder (-1 when it has none) and of its ancestors: any change re-reads the folder. */
  readonly ignoreKey: string;
  readonly ignoreFile: IgnoreFile | null;
  readonly folders: readonly string[];
  readonly files: readonly string[];
}

function ignored(stack: readonly IgnoreFile[], file: string, isDirectory: boolean): boolean {
  for (const entry of stack) {
    const relative = path.relative(entry.directory, file).split(path.sep).join('/');
    if (!relative || isOutside(relative)) continue;
    if (entry.rules.ignores(isDirectory ? `${relative}/` : relative)) return true;
  }
  return false;
}

/**
 * The source files of a project, read again cheaply: a folder whose time and `.gitignore` files are unchanged since
 * the last crawl is not listed again (adding, removing or renaming an entry changes a folder's time), so a second
 * crawl costs one `stat` per folder. Files are every JavaScript and TypeScript file below `root` that git would track
 * (each folder's `.gitignore` applies), without `node_modules`, `public` (browser scripts), hidden folders,
 * declaration files and minified bundles. Files that the ESLint configuration ignores are included: they can still
 * register handlers or call the code being linted.
 */
export class ProjectFileList {
  private readonly folders = new Map<string, FolderEntry>();

  constructor(
    readonly root: string,
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Whether the last crawl listed a folder: it is below the root, not ignored, not skipped, and reached before the
   * crawl stopped at its limit (see `truncated`).
   */
  listed(directory: string): boolean {
    return this.folders.has(directory);
  }

  /** Whether the last crawl stopped at its limit: folders it did not reach are not ignored ones. */
  get truncated(): boolean {
    return this.lastCount >= this.limit;
  }

  private lastCount = 0;

  /** The files, sorted, as absolute paths. */
  list(): string[] {
    const files: string[] = [];
    const seen = new Set<string>();
    const visit = (directory: string, stack: readonly IgnoreFile[], stackKey: string): void => {
      if (files.length >= this.limit) return;
      seen.add(directory);
      const entry = this.folder(directory, stack, stackKey);
      if (!entry) return;
      const rules = entry.ignoreFile ? [...stack, entry.ignoreFile] : stack;
      for (const file of entry.files) {
        files.push(file);
        if (files.length >= this.limit) return;
      }
      // Whether a `public` folder is static depends on what it holds, which changes without its parent's time: asked
      // on every crawl (`isSkippedFolder` keeps its answer a little while), not kept with the parent's listing.
      for (const folder of entry.folders) {
        if (!isSkippedFolder(folder, this.root)) visit(folder, rules, entry.ignoreKey);
      }
    };
    visit(this.root, [], '');
    this.lastCount = files.length;
    // Folders that are gone (or now ignored) are forgotten.
    for (const directory of this.folders.keys()) if (!seen.has(directory)) this.folders.delete(directory);
    return files.sort();
  }

  private folder(directory: string, stack: readonly IgnoreFile[], stackKey: string): FolderEntry | null {
    const stats = statSync(directory, { throwIfNoEntry: false });
    if (!stats?.isDirectory()) return null;
    const ignoreStats = statSync(path.join(directory, '.gitignore'), { throwIfNoEntry: false });
    const ignoreKey = `${stackKey}|${ignoreStats ? `${directory}:${ignoreStats.size}:${ignoreStats.mtimeMs}` : ''}`;
    const known = this.folders.get(directory);
    if (known && known.mtimeMs === stats.mtimeMs && known.ignoreKey === ignoreKey) return known;

    let ignoreFile: IgnoreFile | null = null;
    if (ignoreStats) {
      try {
        ignoreFile = { directory, rules: ignore().add(readFileSync(path.join(directory, '.gitignore'), 'utf8')) };
      } catch {
        // Unreadable: as if absent.
      }
    }
    const rules = ignoreFile ? [...stack, ignoreFile] : stack;
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return null;
    }
    const folders: string[] = [];
    const files: string[] = [];
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.')) continue;
        // A package's browser build runs no server code, and its copies of the server's functions would double the
        // names that calls by method name resolve to.
        if (!ignored(rules, full, true) && !isBrowserBuildFolder(full)) folders.push(full);
      } else if (
        entry.isFile() &&
        SOURCE.test(entry.name) &&
        !holdsNoServerCode(entry.name) &&
        !ignored(rules, full, false)
      ) {
        files.push(full);
      }
    }
    const result: FolderEntry = { mtimeMs: stats.mtimeMs, ignoreKey, ignoreFile, folders, files };
    this.folders.set(directory, result);
    return result;
  }
}

/** Whether a relative path (of `path.relative`) leaves its base folder. */
export function isOutside(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/**
 * Whether a file of the project lies below a folder the crawl skips (`isSkippedFolder`): the graph leaves such files
 * out whether or not ESLint lints them, so that it is the same for `eslint .` and for `eslint src`, and linting a
 * static folder's many subfolders does not rebuild it once per folder.
 */
export function belowSkippedFolder(file: string, root: string): boolean {
  for (let folder = path.dirname(file); folder !== root; folder = path.dirname(folder)) {
    if (isOutside(path.relative(root, folder)) || path.dirname(folder) === folder) return false;
    if (isSkippedFolder(folder, root)) return true;
  }
  return false;
}

/** Whether a file holds no server code to judge: a declaration file or a minified bundle. */
export function holdsNoServerCode(file: string): boolean {
  const name = path.basename(file);
  return DECLARATION.test(name) || MINIFIED.test(name);
}

/** Whether a folder is (or is inside) a package's browser build (see `isBrowserBuildFile`). */
const isBrowserBuildFolder = (folder: string): boolean => isBrowserBuildFile(path.join(folder, 'index.js'));

/**
 * The files that come with a linted file the list leaves out, so that the project takes them in at once rather than
 * one by one as ESLint reaches them: every source file of the folder that git ignores or the crawl skips
 * (`dist/` for `dist/server/app.js`; below a hidden folder, only the file's own folder),
 * at most `limit` of them and `10 × limit` entries read; only the file itself when its folder was listed or lies
 * outside the root, or when the crawl stopped at its limit (its unlisted folders are not ignored ones).
 */
export function companionsOf(list: ProjectFileList, file: string, limit: number): string[] {
  const relative = path.relative(list.root, file);
  if (list.truncated || !relative || isOutside(relative)) return [file];
  let folder = path.dirname(file);
  if (list.listed(folder)) return [file];
  while (path.dirname(folder) !== folder && !list.listed(path.dirname(folder))) {
    if (isOutside(path.relative(list.root, path.dirname(folder)))) return [file];
    folder = path.dirname(folder);
  }
  // Below a hidden folder, which the crawl always skips, only the file's own folder.
  const skipped = (full: string): boolean => path.basename(full).startsWith('.') || isSkippedFolder(full, list.root);
  const recursive = !skipped(folder);
  if (!recursive) folder = path.dirname(file);
  const found = new Set([file]);
  // A folder of other files (uploads, data) is not read to its end: at most this many entries.
  let entriesLeft = limit * 10;
  const visit = (directory: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      entriesLeft -= 1;
      if (found.size >= limit || entriesLeft < 0) return;
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (recursive && !skipped(full) && !isBrowserBuildFolder(full)) visit(full);
      } else if (entry.isFile() && SOURCE.test(entry.name) && !holdsNoServerCode(full)) {
        found.add(full);
      }
    }
  };
  visit(folder);
  return [...found];
}

/** The source files of a project (see `ProjectFileList`), read once. Sorted, absolute paths. */
export function projectFiles(root: string, limit = Number.POSITIVE_INFINITY): string[] {
  return new ProjectFileList(root, limit).list();
}
