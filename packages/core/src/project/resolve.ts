import enhancedResolve from 'enhanced-resolve';
import { createPathsMatcher, getTsconfig } from 'get-tsconfig';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * Extensions tried for a specifier without one, TypeScript first (the sources, where compiled output sits beside them).
 */
export const RESOLVED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];

/** What TypeScript sources mean by a compiled file's extension (`./x.js` names `./x.ts`), tried in this order. */
export const EXTENSION_ALIASES: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};

const BUILTINS = new Set(builtinModules);

/**
 * Resolves module specifiers as Node.js and TypeScript do, for the files of one project: relative paths, packages
 * (`exports`, `main`, workspace packages linked into `node_modules`), the `paths` of the nearest `tsconfig.json`, and
 * the `.js` specifiers of TypeScript sources that import `./x.js` to mean `./x.ts`. Answers are cached per directory
 * and specifier; `clear` forgets them (and the file system's cached reads).
 */
export class ModuleResolver {
  private readonly fileSystem = new enhancedResolve.CachedInputFileSystem(fs, 60_000);
  private readonly resolver = enhancedResolve.ResolverFactory.createResolver({
    fileSystem: this.fileSystem,
    useSyncFileSystemCalls: true,
    extensions: RESOLVED_EXTENSIONS,
    extensionAlias: Object.fromEntries(Object.entries(EXTENSION_ALIASES).map(([ext, list]) => [ext, [...list]])),
    conditionNames: ['node', 'import', 'require', 'default'],
    mainFields: ['main', 'module'],
    symlinks: true,
  });
  private readonly cache = new Map<string, string | null>();
  private readonly pathsMatchers = new Map<string, ((specifier: string) => string[]) | null>();
  /** Per folder and package name: whether a package of that name may be one of the project's own sources. */
  private readonly packageKinds = new Map<string, boolean>();
  private readonly manifestNames = new Map<string, string | null>();

  /**
   * The absolute path of the file `specifier` names when imported from `fromFile`, or `null` (a built-in, or not
   * found).
   */
  resolve(fromFile: string, specifier: string): string | null {
    const directory = path.dirname(fromFile);
    const key = `${directory}\u0000${specifier}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const result = this.resolveUncached(directory, specifier);
    this.cache.set(key, result);
    return result;
  }

  /**
   * Forgets the file system reads (manifests, folder listings) and the per-folder answers kept while resolving a
   * whole project's imports: the project keeps each file's answers, and a later question is answered again.
   */
  release(): void {
    this.fileSystem.purge();
    this.cache.clear();
  }

  clear(): void {
    this.cache.clear();
    this.pathsMatchers.clear();
    this.packageKinds.clear();
    this.manifestNames.clear();
    this.fileSystem.purge();
  }

  private resolveUncached(directory: string, specifier: string): string | null {
    if (specifier.startsWith('node:') || BUILTINS.has(specifier)) return null;
    if (!specifier.startsWith('.') && !path.isAbsolute(specifier)) {
      for (const candidate of this.pathsMatcher(directory)?.(specifier) ?? []) {
        const found = this.tryResolve(directory, candidate);
        if (found) return found;
      }
      if (!specifier.startsWith('#') && !this.mayBeLocalPackage(directory, specifier)) return null;
    }
    return this.tryResolve(directory, specifier);
  }

  /**
   * Whether a bare specifier may name a file of the project rather than an installed dependency: a workspace
   * package linked into `node_modules` from outside any `node_modules` folder, or the package's own name (a
   * self-reference). Most imports name installed dependencies, whose files are never part of the graph: knowing that
   * from one `node_modules` lookup per package spares resolving every subpath through their manifests.
   */
  private mayBeLocalPackage(directory: string, specifier: string): boolean {
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
    const key = `${directory}\u0000${name}`;
    const known = this.packageKinds.get(key);
    if (known !== undefined) return known;
    let result = false;
    let installed = false;
    for (let current = directory; ; current = path.dirname(current)) {
      if (path.basename(current) !== 'node_modules') {
        const folder = path.join(current, 'node_modules', name);
        if (fs.existsSync(folder)) {
          installed = true;
          try {
            // Relative to the folder holding `node_modules`, so that a project that itself lives below a
            // `node_modules` folder still sees its linked workspace packages.
            const real = path.relative(fs.realpathSync(current), fs.realpathSync(folder));
            result = !real.split(path.sep).includes('node_modules');
          } catch {
            result = true;
          }
          break;
        }
      }
      if (path.dirname(current) === current) break;
    }
    if (!installed) result = this.nearestManifestName(directory) === name;
    this.packageKinds.set(key, result);
    return result;
  }

  /** The `name` of the nearest `package.json` above `directory`. */
  private nearestManifestName(directory: string): string | null {
    const cached = this.manifestNames.get(directory);
    if (cached !== undefined) return cached;
    let name: string | null = null;
    const manifest = path.join(directory, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown };
        name = typeof parsed.name === 'string' ? parsed.name : null;
      } catch {
        name = null;
      }
    } else if (path.dirname(directory) !== directory) {
      name = this.nearestManifestName(path.dirname(directory));
    }
    this.manifestNames.set(directory, name);
    return name;
  }

  private tryResolve(directory: string, request: string): string | null {
    try {
      const result = this.resolver.resolveSync({}, directory, request);
      return typeof result === 'string' ? result : null;
    } catch {
      return null;
    }
  }

  /** The `paths` matcher of the nearest `tsconfig.json` (or `jsconfig.json`) above `directory`. */
  private pathsMatcher(directory: string): ((specifier: string) => string[]) | null {
    const cached = this.pathsMatchers.get(directory);
    if (cached !== undefined) return cached;
    let matcher: ((specifier: string) => string[]) | null;
    try {
      const tsconfig = getTsconfig(directory) ?? getTsconfig(directory, 'jsconfig.json');
      matcher = tsconfig ? createPathsMatcher(tsconfig) : null;
    } catch {
      // An unreadable or invalid tsconfig.json: resolve without its paths.
      matcher = null;
    }
    this.pathsMatchers.set(directory, matcher);
    return matcher;
  }
}
