import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { clearBrowserBuildCache } from '../source/browser-build.js';
import os from 'node:os';
import path from 'node:path';
import { parseTsconfig } from 'get-tsconfig';
import picomatch from 'picomatch';
import { ProjectGraph, type GraphFile } from '../request-path/graph.js';
import { DEFAULT_STARTUP_FILES, type BackendPerfSettings } from '../request-path/settings.js';
import type { FileSummary } from '../request-path/summary.js';
import {
  analysisFingerprint,
  cacheFileFor,
  contentHash,
  readCache,
  SUMMARY_VERSION,
  writeCache,
  writeFileAtomically,
  type CacheEntry,
} from './cache.js';
import { shareEqualValues } from './share.js';
import {
  belowSkippedFolder,
  clearStaticFolderCache,
  companionsOf,
  holdsNoServerCode,
  isOutside,
  ProjectFileList,
} from './files.js';
import { EXTENSION_ALIASES, ModuleResolver, RESOLVED_EXTENSIONS } from './resolve.js';
import { summarizeText } from './summarize.js';

/** How long a project's list of files and their sizes and times are trusted before they are read again. */
export const REFRESH_MS = 2_000;
/** How long changed summaries wait before the cache file is written (one write for a burst of changes). */
const WRITE_DELAY_MS = 1_000;
/** Projects larger than this are read only in part (the graph stays useful; memory stays bounded). */
const MAX_FILES = 20_000;
/** At most this many files of an ignored folder are taken in with a linted file of it. */
const MAX_COMPANIONS = 2_000;

/** The settings that change what a file's summary holds (not only how the graph reads it). */
function summaryKey(settings: BackendPerfSettings): string {
  return JSON.stringify({ handlers: settings.handlers ?? [] });
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

export interface ProjectOptions {
  /** How long the file list and the files' sizes and times are trusted (`REFRESH_MS` unless given). */
  readonly refreshMs?: number;
}

/** The linted text of a file and its summary, which spare summarising the same text again from disk. */
interface LintedText {
  readonly file: string;
  readonly hash: string;
  readonly summary: FileSummary;
}

/**
 * One project: the source files below its root, each file's summary (cached on disk by content), and the graph
 * built from them. `graphFor` answers for the file being linted, with the text ESLint has (which may be newer than the
 * file on disk in an editor).
 *
 * The graph is rebuilt only when the structure of a summary changes (its functions, calls, registrations, exports
 * and values): an edit inside a function body, a comment or a reformatting moves offsets and lines but leaves the
 * graph as it was, so an editor's re-lint of a changed file costs the analysis of that file alone.
 */
export class Project {
  private readonly resolver = new ModuleResolver();
  private readonly fileList: ProjectFileList;
  private readonly cacheFile: string;
  private readonly key: string;
  private readonly refreshMs: number;
  private readonly isStartup: (file: string) => boolean;
  private files: string[] = [];
  private index = new Map<string, number>();
  /** Linted files that the file list does not hold (ignored by git, or outside the root). */
  private readonly extras = new Set<string>();
  /** Summaries by absolute path, of files on disk as last read. */
  private readonly disk = new Map<string, CacheEntry>();
  /** The entry each changed file had before (an undo, or a file restored after a test, needs no new summary). */
  private readonly previous = new Map<string, CacheEntry>();
  /** Summaries of linted texts that differ from the file on disk (an editor's unsaved buffer). */
  private readonly overlays = new Map<string, { readonly hash: string; readonly summary: FileSummary | null }>();
  private checkedAt = 0;
  private diskChanged = false;
  private writeTimer: NodeJS.Timeout | null = null;
  private graph: ProjectGraph | null = null;
  /** The summary each file had when the graph was built (index by index). */
  private builtFrom: ReadonlyArray<FileSummary | null> = [];
  private loaded = false;
  private resolutions: Array<Map<string, number>> = [];

  constructor(
    readonly root: string,
    cwd: string,
    private readonly settings: BackendPerfSettings,
    options: ProjectOptions = {},
  ) {
    this.key = summaryKey(settings);
    this.refreshMs = options.refreshMs ?? REFRESH_MS;
    this.fileList = new ProjectFileList(root, MAX_FILES);
    this.cacheFile = cacheFileFor(root, this.key);
    this.isStartup = (file) => isStartupPath(file, cwd, settings);
  }

  /** Reads the cached summaries once, when they are first needed (a fingerprint whose stamp matches needs none). */
  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    for (const [relative, entry] of readCache(this.cacheFile, this.key))
      this.disk.set(path.join(this.root, relative), entry);
  }

  /**
   * The graph and the index of `file` in it, after taking the linted text's summary into account. The file list
   * and the files' sizes and times are read again at most every `refreshMs`; changed files are summarised again.
   */
  graphFor(file: string, text: string, summary: FileSummary): { graph: ProjectGraph; file: number } {
    const hash = contentHash(text);
    const now = Date.now();
    if (now - this.checkedAt > this.refreshMs || this.files.length === 0) {
      this.refresh({ file, hash, summary });
      this.checkedAt = Date.now();
    }
    if (!this.index.has(file)) this.addFile({ file, hash, summary });
    const onDisk = this.disk.get(file);
    // The file on disk is the linted text, read the same way (the same functions and calls).
    const asOnDisk = onDisk?.hash === hash && sameStructure(onDisk.summary, summary);
    if (asOnDisk) this.overlays.delete(file);
    else if (this.overlays.get(file)?.hash !== hash) this.overlays.set(file, { hash, summary: compact(summary) });
    const index = this.index.get(file) ?? -1;
    const built = this.builtFrom[index] ?? null;
    // A graph built from the summary on disk that the text was just found to match needs no second comparison.
    if (this.graph && !(asOnDisk && built === onDisk.summary) && !sameStructure(built, summary)) this.graph = null;
    if (!this.graph) this.graph = this.build();
    return { graph: this.graph, file: index };
  }

  /**
   * A hash of what a file's findings depend on beyond its own text: the project's files, the structure of their
   * summaries (as `sameStructure` compares them: positions left out), and the manifests the rules and the module
   * resolver read (`package.json`, `tsconfig.json` with what it extends and `jsconfig.json` of every folder of the
   * project's files, the manifests above the root, the root's lockfile and what the package manager recorded in
   * `node_modules`). A linted file's results may be reused while the file and the fingerprint are unchanged; a cache
   * of results keyed by each file's own text alone would keep findings that a change in another file made wrong.
   */
  fingerprint(): string {
    const files = this.currentFiles();
    const manifests = this.manifestsHash(files);
    // The sizes and times of the files, with the manifests: when they match the last fingerprint's, so does the
    // fingerprint, and a run whose every file ESLint's cache holds reads no summary.
    const stamp = createHash('sha1').update(
      `${String(SUMMARY_VERSION)}\u0000${analysisFingerprint()}\u0000${manifests}`,
    );
    for (const file of files) {
      const stats = statSync(file, { throwIfNoEntry: false });
      stamp.update(`${file}\u0000${String(stats?.size ?? -1)}\u0000${String(stats?.mtimeMs ?? -1)}\u0000`);
    }
    const stampText = stamp.digest('base64url');
    const stampFile = `${this.cacheFile.replace(/\.json$/u, '')}.fingerprint.json`;
    try {
      const stored = JSON.parse(readFileSync(stampFile, 'utf8')) as { stamp?: unknown; fingerprint?: unknown };
      if (stored.stamp === stampText && typeof stored.fingerprint === 'string') return stored.fingerprint;
    } catch {
      // None yet, or unreadable: computed below.
    }
    if (Date.now() - this.checkedAt > this.refreshMs || this.files.length === 0) {
      this.refresh();
      this.checkedAt = Date.now();
    }
    const hash = createHash('sha1');
    for (const file of this.files) {
      hash.update(`${this.relative(file)}\u0000${structureText(this.disk.get(file)?.summary ?? null)}\u0000`);
    }
    hash.update(manifests);
    const fingerprint = hash.digest('base64url').slice(0, 20);
    writeFileAtomically(stampFile, JSON.stringify({ stamp: stampText, fingerprint }));
    return fingerprint;
  }

  /**
   * What the rules read beside the sources: each folder's manifests (`imports`, `exports`, `engines`, browser
   * builds, dependency versions), TypeScript's path mappings (a config as it resolves, with the files it `extends`),
   * and the installed versions, hashed.
   */
  private manifestsHash(files: readonly string[]): string {
    const hash = createHash('sha1');
    for (const manifest of this.manifests(files)) {
      let text: string;
      try {
        text = /config\.json$/u.test(manifest)
          ? JSON.stringify(parseTsconfig(manifest))
          : readFileSync(manifest, 'utf8');
      } catch {
        continue;
      }
      hash.update(`${toPosix(path.relative(this.root, manifest))}\u0000${contentHash(text)}\u0000`);
    }
    return hash.digest('base64url');
  }

  /** The manifests of the folders of the project's files, from each folder up to the root, and the root's lockfiles. */
  private manifests(files: readonly string[]): string[] {
    const found = new Set<string>();
    const seen = new Set<string>();
    for (const file of files) {
      for (let folder = path.dirname(file); !seen.has(folder); folder = path.dirname(folder)) {
        seen.add(folder);
        for (const name of MANIFESTS) {
          const candidate = path.join(folder, name);
          if (existsSync(candidate)) found.add(candidate);
        }
        if (folder === this.root || isOutside(path.relative(this.root, folder))) break;
      }
    }
    for (const name of LOCKFILES) {
      const candidate = path.join(this.root, name);
      if (existsSync(candidate)) found.add(candidate);
    }
    // The manifests above the root (an `engines` field or workspaces declared higher up).
    for (let folder = path.dirname(this.root); ; folder = path.dirname(folder)) {
      for (const name of ['package.json', 'pnpm-workspace.yaml']) {
        const candidate = path.join(folder, name);
        if (existsSync(candidate)) found.add(candidate);
      }
      if (path.dirname(folder) === folder) break;
    }
    return [...found].sort();
  }

  /** The project-relative path of a file (for messages). */
  relative(file: string): string {
    return toPosix(path.relative(this.root, file));
  }

  /** Writes summaries that changed since the last write to the cache file now. */
  flush(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    pendingWrites.delete(this);
    if (!this.diskChanged) return;
    this.diskChanged = false;
    const entries = new Map<string, CacheEntry>();
    for (const [file, entry] of this.disk) entries.set(toPosix(path.relative(this.root, file)), entry);
    writeCache(this.cacheFile, this.key, entries);
  }

  private scheduleWrite(): void {
    if (this.writeTimer) return;
    this.writeTimer = setTimeout(() => {
      this.flush();
    }, WRITE_DELAY_MS);
    this.writeTimer.unref();
    pendingWrites.add(this);
    flushOnExit();
  }

  /**
   * Takes in a linted file that the file list leaves out, with the files of its ignored folder: ESLint is likely to
   * lint those next, and each file taken in alone would cost a new graph.
   */
  private addFile(linted: LintedText): void {
    for (const extra of companionsOf(this.fileList, linted.file, MAX_COMPANIONS)) this.extras.add(extra);
    this.refresh(linted);
    this.checkedAt = Date.now();
    if (this.index.has(linted.file)) return;
    // A text that is not on disk (an editor's new buffer): in the graph through its overlay alone.
    this.extras.add(linted.file);
    this.files = [...this.files, linted.file].sort();
    this.reindex();
    this.graph = null;
  }

  private reindex(): void {
    this.index = new Map(this.files.map((file, index) => [file, index]));
    this.resolutions = this.files.map(() => new Map<string, number>());
  }

  /** The project's files as they are now: the file list's, and the linted files it leaves out that still exist. */
  private currentFiles(): string[] {
    const listed = this.fileList.list();
    const inList = new Set(listed);
    const extras = [...this.extras].filter((file) => !inList.has(file) && existsSync(file));
    return extras.length > 0 ? [...listed, ...extras].sort() : listed;
  }

  /**
   * Reads the file list and each file's size and time; summarises new and changed files (the linted text's summary
   * stands for its file when the file holds that text).
   */
  private refresh(linted?: LintedText): void {
    this.load();
    const files = this.currentFiles();
    const listChanged = files.length !== this.files.length || files.some((file, index) => file !== this.files[index]);
    let changed = listChanged;
    for (const file of files) {
      const stats = statSync(file, { throwIfNoEntry: false });
      if (!stats) continue;
      const known = this.disk.get(file);
      if (known && known.size === stats.size && known.mtimeMs === stats.mtimeMs) continue;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const hash = contentHash(text);
      this.diskChanged = true;
      if (known?.hash === hash) {
        this.disk.set(file, { ...known, size: stats.size, mtimeMs: stats.mtimeMs });
        continue;
      }
      const before = this.previous.get(file);
      const summary =
        linted?.file === file && linted.hash === hash
          ? compact(linted.summary)
          : before?.hash === hash
            ? before.summary
            : compact(summarizeText(file, text, this.settings)?.summary ?? null);
      if (known) this.previous.set(file, known);
      this.disk.set(file, { size: stats.size, mtimeMs: stats.mtimeMs, hash, summary });
      const position = this.index.get(file);
      if (position === undefined || !sameStructure(this.builtFrom[position] ?? null, summary)) changed = true;
    }
    if (files.length < this.disk.size) {
      const present = new Set(files);
      for (const file of this.disk.keys()) {
        if (!present.has(file)) {
          this.disk.delete(file);
          this.previous.delete(file);
          this.diskChanged = true;
        }
      }
    }
    if (listChanged) {
      // Files were added or removed: indices move, and specifiers may resolve to other files.
      this.files = files;
      this.reindex();
      this.resolver.clear();
    }
    // A changed text alone changes no resolution: the graph is rebuilt from the new summaries, with the resolved
    // imports of the others kept (resolving every import of the project again costs more than the rest of a rebuild).
    if (changed) this.graph = null;
    if (this.diskChanged) this.scheduleWrite();
  }

  private build(): ProjectGraph {
    const summaries = this.files.map(
      (file) => this.overlays.get(file)?.summary ?? this.disk.get(file)?.summary ?? null,
    );
    this.builtFrom = summaries;
    const files: GraphFile[] = this.files.map((file, index) => {
      const summary = summaries[index] ?? null;
      return { path: this.relative(file), summary, startup: this.isStartup(file) || summary?.script === true };
    });
    const graph = new ProjectGraph(files, {
      resolve: (from, specifier) => this.resolve(from, specifier),
      handlerSignatures: this.settings.handlerSignatures !== false,
    });
    // Every import is resolved by now; the manifests and listings read for it are not needed until the next build.
    this.resolver.release();
    return graph;
  }

  /**
   * A relative specifier that names one of the project's own source files, found among them without touching the
   * disk: `./x` as `./x.ts`, `./x.js` (TypeScript's way of naming `./x.ts`), `./x/index.ts`. `undefined` when that
   * finds nothing, or when the folder has a `package.json` (its `main` decides): the full resolver answers then.
   */
  private resolveLocal(source: string, specifier: string): number | undefined {
    if (!RELATIVE.test(specifier)) return undefined;
    const base = path.resolve(path.dirname(source), specifier);
    const extension = path.extname(base);
    const aliases = EXTENSION_ALIASES[extension] as readonly string[] | undefined;
    const candidates = aliases
      ? aliases.map((alias) => base.slice(0, -extension.length) + alias)
      : [base, ...RESOLVED_EXTENSIONS.map((ext) => base + ext)];
    for (const candidate of candidates) {
      const index = this.index.get(candidate);
      if (index !== undefined) return index;
    }
    if (aliases || existsSync(path.join(base, 'package.json'))) return undefined;
    for (const ext of RESOLVED_EXTENSIONS) {
      const index = this.index.get(path.join(base, `index${ext}`));
      if (index !== undefined) return index;
    }
    return undefined;
  }

  private resolve(from: number, specifier: string): number {
    const cache = this.resolutions[from] as Map<string, number> | undefined;
    const cached = cache?.get(specifier);
    if (cached !== undefined) return cached;
    const source = this.files[from];
    const local = source ? this.resolveLocal(source, specifier) : undefined;
    if (local !== undefined) {
      cache?.set(specifier, local);
      return local;
    }
    const target = source ? this.resolver.resolve(source, specifier) : null;
    const index = target ? (this.index.get(target) ?? -1) : -1;
    cache?.set(specifier, index);
    return index;
  }
}

/** `./x`, `../x`, `.` and `..`: specifiers relative to the importing file. */
const RELATIVE = /^\.\.?(?:\/|$)/u;

/** Projects with summaries not yet written; written when the process exits if their timer has not fired. */
const pendingWrites = new Set<Project>();
let exitHook = false;

function flushOnExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const project of pendingWrites) project.flush();
  });
}

/**
 * A copy of a fresh summary that holds no part of the source text: names read from the AST are slices of the file's
 * text, and one kept slice keeps the whole text alive (the summaries of a large project would keep every source).
 */
function compact(summary: FileSummary | null): FileSummary | null {
  return summary ? shareEqualValues(JSON.parse(JSON.stringify(summary)) as FileSummary) : null;
}

/** The files of a folder that say how its code resolves and runs. */
const MANIFESTS = ['package.json', 'tsconfig.json', 'jsconfig.json'] as const;
/** The files that pin the installed versions of a project's dependencies. */
const LOCKFILES = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lock',
  'pnpm-workspace.yaml',
  // What the package manager installed, also without a lockfile.
  'node_modules/.package-lock.json',
  'node_modules/.modules.yaml',
  'node_modules/.yarn-state.yml',
] as const;

/** A summary's structure as text: the summary without the positions that `sameStructure` leaves out. */
function structureText(summary: FileSummary | null): string {
  if (!summary) return 'null';
  const without = (value: object, positions: ReadonlySet<string>): object =>
    Object.fromEntries(Object.entries(value).filter(([key]) => !positions.has(key)));
  return JSON.stringify({
    ...summary,
    functions: summary.functions.map((fn) => without(fn, FUNCTION_POSITIONS)),
    roots: summary.roots.map((root) => without(root, ROOT_POSITIONS)),
  });
}

/**
 * Whether two summaries of one file give the same graph: equal in everything but the offsets and lines of their
 * functions and the lines of their registrations (the same functions in the same order, so the same indices),
 * whatever moved inside function bodies. Compared in place, without building text for either.
 */
function sameStructure(a: FileSummary | null, b: FileSummary | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.functions.length !== b.functions.length || a.roots.length !== b.roots.length) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'functions' || key === 'roots') continue;
    if (!deepEqual(a[key as keyof FileSummary], b[key as keyof FileSummary])) return false;
  }
  for (let index = 0; index < a.functions.length; index += 1) {
    if (!deepEqual(a.functions[index], b.functions[index], FUNCTION_POSITIONS)) return false;
  }
  for (let index = 0; index < a.roots.length; index += 1) {
    if (!deepEqual(a.roots[index], b.roots[index], ROOT_POSITIONS)) return false;
  }
  return true;
}

/** Where a function and a registration are in the file: not part of the graph's structure. */
const FUNCTION_POSITIONS: ReadonlySet<string> = new Set(['start', 'line']);
const ROOT_POSITIONS: ReadonlySet<string> = new Set(['line']);

/** Equality of JSON-like values (a summary's parts); `skip` names properties of the top object to leave out. */
function deepEqual(a: unknown, b: unknown, skip?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index += 1) if (!deepEqual(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (skip?.has(key) || left[key] === undefined) continue;
    count += 1;
    if (!deepEqual(left[key], right[key])) return false;
  }
  for (const key in right) if (!skip?.has(key) && right[key] !== undefined) count -= 1;
  return count === 0;
}

/**
 * Whether a file is start-up code by its path: the built-in start-up globs (migrations, seeds, scripts, tests,
 * benchmarks, tool configs) and `settings['backend-perf'].startupFiles`, relative to the working directory (or
 * matched against the absolute path for files outside it).
 */
export function isStartupPath(file: string, cwd: string, settings: BackendPerfSettings): boolean {
  const globs = [
    ...(settings.defaultStartupFiles === false ? [] : DEFAULT_STARTUP_FILES),
    ...(settings.startupFiles ?? []),
  ];
  return matchesGlobs(file, cwd, globs);
}

const matchers = new Map<string, picomatch.Matcher>();

/** Whether a file matches globs relative to the working directory (or, outside it, by its absolute path). */
export function matchesGlobs(file: string, cwd: string, globs: readonly string[]): boolean {
  if (!file || file.startsWith('<') || globs.length === 0) return false;
  const key = globs.join('\u0000');
  let matcher = matchers.get(key);
  if (!matcher) matchers.set(key, (matcher = picomatch([...globs], { dot: true })));
  const relative = toPosix(path.relative(cwd, file));
  return relative.startsWith('../') || path.isAbsolute(relative) ? matcher(toPosix(file)) : matcher(relative);
}

const projects = new Map<string, Project>();
/** The project root of each folder of linted files, read again after `REFRESH_MS` like the file list. */
const roots = new Map<string, { readonly root: string | null; readonly at: number }>();

const workspaceFiles = new Map<string, { readonly stamp: string; readonly globs: string[] | null }>();

/** The size and time of a file, or '-' when it does not exist. */
function stampOf(file: string): string {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats ? `${stats.size}:${stats.mtimeMs}` : '-';
}

/** `workspaceGlobs`, read again only when `pnpm-workspace.yaml` or `package.json` of the folder changed. */
function cachedWorkspaceGlobs(directory: string): string[] | null {
  const stamp =
    `${stampOf(path.join(directory, 'pnpm-workspace.yaml'))}/` + stampOf(path.join(directory, 'package.json'));
  const known = workspaceFiles.get(directory);
  if (known?.stamp === stamp) return known.globs;
  const globs = stamp === '-/-' ? null : workspaceGlobs(directory);
  workspaceFiles.set(directory, { stamp, globs });
  return globs;
}

/** The folders a workspace file declares as its packages (`pnpm-workspace.yaml`, or `workspaces` of package.json). */
function workspaceGlobs(directory: string): string[] | null {
  try {
    const yaml = readFileSync(path.join(directory, 'pnpm-workspace.yaml'), 'utf8');
    const globs: string[] = [];
    let inPackages = false;
    for (const line of yaml.split('\n')) {
      if (/^packages\s*:/u.test(line)) inPackages = true;
      else if (/^\S/u.test(line)) inPackages = false;
      else if (inPackages) {
        const match = /^\s*-\s*['"]?([^'"#\s]+)['"]?/u.exec(line);
        if (match?.[1] && !match[1].startsWith('!')) globs.push(match[1]);
      }
    }
    return globs;
  } catch {
    // Not a pnpm workspace.
  }
  try {
    const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as {
      workspaces?: string[] | { packages?: string[] };
    };
    const workspaces = Array.isArray(manifest.workspaces) ? manifest.workspaces : manifest.workspaces?.packages;
    return Array.isArray(workspaces) ? workspaces : null;
  } catch {
    return null;
  }
}

/**
 * The root of the project a file belongs to: the folder of the nearest `package.json`, or the workspace root above
 * it when that package is one of the workspace's packages (so that imports between a monorepo's packages are part of
 * the graph). Without any `package.json`, the working directory when the file is inside it (unless that is the file
 * system's root or the home folder: no project then).
 */
export function projectRootOf(file: string, cwd: string): string | null {
  let directory = path.dirname(file);
  let packageRoot: string | null = null;
  for (;;) {
    if (existsSync(path.join(directory, 'package.json'))) {
      if (packageRoot === null) packageRoot = directory;
    }
    if (packageRoot !== null && directory !== packageRoot) {
      const globs = cachedWorkspaceGlobs(directory);
      if (globs) {
        const relative = toPosix(path.relative(directory, packageRoot));
        if (picomatch(globs.map((glob) => glob.replace(/\/$/u, '')))(relative)) return directory;
      }
    }
    const parent = path.dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  if (packageRoot !== null) return packageRoot;
  // Loose files in a folder: that folder is the project, but never the file system's root or the home folder.
  if (cwd === path.parse(cwd).root || cwd === os.homedir()) return null;
  const relative = path.relative(cwd, file);
  return !isOutside(relative) ? cwd : null;
}

/**
 * The project of a linted file, shared by every rule and every file of the process; `null` for code that is not a
 * file of a project (text piped to ESLint, an editor's unsaved new file, a relative or virtual file name).
 */
export function projectFor(file: string, cwd: string, settings: BackendPerfSettings): Project | null {
  if (!file || file.startsWith('<') || !path.isAbsolute(file)) return null;
  // A declaration file or a minified bundle runs no server code of the project's: judged on its own, it costs no
  // graph (each such file taken into the graph would cost a new one).
  if (holdsNoServerCode(file)) return null;
  if (!existsSync(path.dirname(file))) return null;
  const root = settings.projectRoot ? path.resolve(cwd, settings.projectRoot) : cachedProjectRootOf(file, cwd);
  if (!root) return null;
  // Browser scripts of a static folder (`public/`), dependencies, coverage copies: judged on their own as well.
  if (belowSkippedFolder(file, root)) return null;
  const key = `${root}\u0000${cwd}\u0000${JSON.stringify(settings)}`;
  let project = projects.get(key);
  if (!project) {
    project = new Project(root, cwd, settings);
    projects.set(key, project);
  }
  return project;
}

/**
 * The fingerprints (`Project.fingerprint`) of the projects that hold `paths` (files or folders, relative to `cwd`),
 * read with `settings`: one text that changes whenever the graph of any of them changes structure. Paths that belong
 * to no project add nothing.
 */
export function projectFingerprint(paths: readonly string[], cwd: string, settings: BackendPerfSettings = {}): string {
  const fingerprints = new Map<string, string>();
  for (const given of paths) {
    const target = path.resolve(cwd, given);
    const folder = statSync(target, { throwIfNoEntry: false })?.isDirectory() ? target : path.dirname(target);
    // A name inside the folder stands for every file of it: the project of a folder is that of its files.
    const project = projectFor(path.join(folder, 'index.js'), cwd, settings);
    if (project && !fingerprints.has(project.root)) fingerprints.set(project.root, project.fingerprint());
  }
  return [...fingerprints.values()].sort().join(',');
}

/**
 * `projectRootOf`, once per folder and working directory within `REFRESH_MS`: finding the root reads the
 * `package.json` and workspace files of every folder up to the file system's root, the same for every file of a
 * folder (ESLint lints a folder's files one after the other).
 */
function cachedProjectRootOf(file: string, cwd: string): string | null {
  const key = `${path.dirname(file)}\u0000${cwd}`;
  const now = Date.now();
  const known = roots.get(key);
  if (known && now - known.at <= REFRESH_MS) return known.root;
  const root = projectRootOf(file, cwd);
  roots.set(key, { root, at: now });
  return root;
}

/** Forgets every project (for tests and long-running processes that want a fresh read). */
export function clearProjects(): void {
  clearBrowserBuildCache();
  clearStaticFolderCache();
  for (const project of projects.values()) project.flush();
  projects.clear();
  roots.clear();
  workspaceFiles.clear();
}
