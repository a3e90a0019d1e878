import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { ProjectGraph, type GraphFile } from '../request-path/graph.js';
import { DEFAULT_STARTUP_FILES, type BackendPerfSettings } from '../request-path/settings.js';
import type { FileSummary } from '../request-path/summary.js';
import { cacheFileFor, contentHash, readCache, writeCache, type CacheEntry } from './cache.js';
import { projectFiles } from './files.js';
import { ModuleResolver } from './resolve.js';
import { summarizeText } from './summarize.js';

/** How long a project's list of files and their sizes and times are trusted before they are read again. */
export const REFRESH_MS = 2_000;
/** Projects larger than this are read only in part (the graph stays useful; memory stays bounded). */
const MAX_FILES = 20_000;

/** The settings that change what a file's summary holds (not only how the graph reads it). */
function summaryKey(settings: BackendPerfSettings): string {
  return JSON.stringify({ handlers: settings.handlers ?? [] });
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/**
 * One project: the source files below its root, each file's summary (cached on disk by content), and the graph
 * built from them. `graphFor` answers for the file being linted, with the text ESLint has (which may be newer than the
 * file on disk in an editor).
 */
export class Project {
  private readonly resolver = new ModuleResolver();
  private readonly cacheFile: string;
  private readonly key: string;
  private readonly isStartup: (file: string) => boolean;
  private files: string[] = [];
  private index = new Map<string, number>();
  /** Linted files that the file list does not hold (ignored by git, or outside the root). */
  private readonly extras = new Set<string>();
  /** Summaries by absolute path, of files on disk as last read. */
  private readonly disk = new Map<string, CacheEntry>();
  /** Summaries of linted texts that differ from the file on disk (an editor's unsaved buffer). */
  private readonly overlays = new Map<string, { readonly hash: string; readonly summary: FileSummary | null }>();
  private checkedAt = 0;
  private diskChanged = false;
  private graph: ProjectGraph | null = null;
  private resolutions: Array<Map<string, number>> = [];

  constructor(
    readonly root: string,
    cwd: string,
    private readonly settings: BackendPerfSettings,
  ) {
    this.key = summaryKey(settings);
    this.cacheFile = cacheFileFor(root, this.key);
    this.isStartup = (file) => isStartupPath(file, cwd, settings);
    for (const [relative, entry] of readCache(this.cacheFile, this.key))
      this.disk.set(path.join(root, relative), entry);
  }

  /**
   * The graph and the index of `file` in it, after taking the linted text's summary into account. The file list
   * and the files' sizes and times are read again at most every `REFRESH_MS`; changed files are summarised again.
   */
  graphFor(file: string, text: string, summary: FileSummary): { graph: ProjectGraph; file: number } {
    const now = Date.now();
    if (now - this.checkedAt > REFRESH_MS || this.files.length === 0) {
      this.refresh();
      this.checkedAt = Date.now();
    }
    if (!this.index.has(file)) this.addFile(file);
    const hash = contentHash(text);
    const onDisk = this.disk.get(file);
    const overlay = this.overlays.get(file);
    // The file on disk is the linted text, read the same way (the same functions at the same offsets).
    if (onDisk?.hash === hash && sameFunctions(onDisk.summary, summary)) {
      if (overlay) {
        this.overlays.delete(file);
        this.graph = null;
      }
    } else if (overlay?.hash !== hash) {
      this.overlays.set(file, { hash, summary });
      this.graph = null;
    }
    if (!this.graph) this.graph = this.build();
    return { graph: this.graph, file: this.index.get(file) ?? -1 };
  }

  /** The project-relative path of a file (for messages). */
  relative(file: string): string {
    return toPosix(path.relative(this.root, file));
  }

  private addFile(file: string): void {
    this.extras.add(file);
    this.files = [...this.files, file].sort();
    this.reindex();
    this.graph = null;
  }

  private reindex(): void {
    this.index = new Map(this.files.map((file, index) => [file, index]));
    this.resolutions = this.files.map(() => new Map());
  }

  /** Reads the file list and each file's size and time; summarises new and changed files. */
  private refresh(): void {
    const listed = projectFiles(this.root, MAX_FILES);
    const files = [...new Set([...listed, ...[...this.extras].filter((file) => existsSync(file))])].sort();
    const present = new Set(files);
    const listChanged = files.length !== this.files.length || files.some((file, index) => file !== this.files[index]);
    let changed = listChanged;
    for (const file of files) {
      let stats: { size: number; mtimeMs: number };
      try {
        stats = statSync(file);
      } catch {
        continue;
      }
      const known = this.disk.get(file);
      if (known && known.size === stats.size && known.mtimeMs === stats.mtimeMs) continue;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const hash = contentHash(text);
      if (known?.hash === hash) {
        this.disk.set(file, { ...known, size: stats.size, mtimeMs: stats.mtimeMs });
        this.diskChanged = true;
        continue;
      }
      const analysis = summarizeText(file, text, this.settings);
      this.disk.set(file, { size: stats.size, mtimeMs: stats.mtimeMs, hash, summary: analysis?.summary ?? null });
      this.diskChanged = true;
      changed = true;
    }
    for (const file of this.disk.keys()) {
      if (!present.has(file)) {
        this.disk.delete(file);
        this.diskChanged = true;
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
    if (this.diskChanged) {
      this.diskChanged = false;
      const entries = new Map<string, CacheEntry>();
      for (const [file, entry] of this.disk) entries.set(toPosix(path.relative(this.root, file)), entry);
      writeCache(this.cacheFile, this.key, entries);
    }
  }

  private build(): ProjectGraph {
    const files: GraphFile[] = this.files.map((file) => {
      const relative = this.relative(file);
      const summary = this.overlays.get(file)?.summary ?? this.disk.get(file)?.summary ?? null;
      return { path: relative, summary, startup: this.isStartup(file) || summary?.script === true };
    });
    return new ProjectGraph(files, {
      resolve: (from, specifier) => this.resolve(from, specifier),
      handlerSignatures: this.settings.handlerSignatures !== false,
    });
  }

  private resolve(from: number, specifier: string): number {
    const cache = this.resolutions[from];
    const cached = cache?.get(specifier);
    if (cached !== undefined) return cached;
    const source = this.files[from];
    const target = source ? this.resolver.resolve(source, specifier) : null;
    const index = target ? (this.index.get(target) ?? -1) : -1;
    cache?.set(specifier, index);
    return index;
  }
}

/** Whether two summaries of one file name the same functions (the indices the graph uses mean the same nodes). */
function sameFunctions(a: FileSummary | null, b: FileSummary): boolean {
  if (!a || a.functions.length !== b.functions.length) return false;
  return a.functions.every((fn, index) => fn.start === b.functions[index]?.start);
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
      const globs = workspaceGlobs(directory);
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
  return !relative.startsWith('..') && !path.isAbsolute(relative) ? cwd : null;
}

/**
 * The project of a linted file, shared by every rule and every file of the process; `null` for code that is not a
 * file of a project (text piped to ESLint, an editor's unsaved new file, a relative or virtual file name).
 */
export function projectFor(file: string, cwd: string, settings: BackendPerfSettings): Project | null {
  if (!file || file.startsWith('<') || !path.isAbsolute(file)) return null;
  if (!existsSync(path.dirname(file))) return null;
  const root = settings.projectRoot ? path.resolve(cwd, settings.projectRoot) : cachedProjectRootOf(file, cwd);
  if (!root) return null;
  const key = `${root}\u0000${cwd}\u0000${JSON.stringify(settings)}`;
  let project = projects.get(key);
  if (!project) {
    project = new Project(root, cwd, settings);
    projects.set(key, project);
  }
  return project;
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
  projects.clear();
  roots.clear();
}
