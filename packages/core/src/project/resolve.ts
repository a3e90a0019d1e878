import enhancedResolve from 'enhanced-resolve';
import { createPathsMatcher, getTsconfig } from 'get-tsconfig';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Extensions tried for a specifier without one, TypeScript first (the sources, where compiled output sits beside them). */
export const RESOLVED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];

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
    extensionAlias: {
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
      '.cjs': ['.cts', '.cjs'],
    },
    conditionNames: ['node', 'import', 'require', 'default'],
    mainFields: ['main', 'module'],
    symlinks: true,
  });
  private readonly cache = new Map<string, string | null>();
  private readonly pathsMatchers = new Map<string, ((specifier: string) => string[]) | null>();

  /** The absolute path of the file `specifier` names when imported from `fromFile`, or `null` (a built-in, or not found). */
  resolve(fromFile: string, specifier: string): string | null {
    const directory = path.dirname(fromFile);
    const key = `${directory}\u0000${specifier}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const result = this.resolveUncached(directory, specifier);
    this.cache.set(key, result);
    return result;
  }

  clear(): void {
    this.cache.clear();
    this.pathsMatchers.clear();
    this.fileSystem.purge();
  }

  private resolveUncached(directory: string, specifier: string): string | null {
    if (specifier.startsWith('node:') || BUILTINS.has(specifier)) return null;
    if (!specifier.startsWith('.') && !path.isAbsolute(specifier)) {
      for (const candidate of this.pathsMatcher(directory)?.(specifier) ?? []) {
        const found = this.tryResolve(directory, candidate);
        if (found) return found;
      }
    }
    return this.tryResolve(directory, specifier);
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
    let matcher: ((specifier: string) => string[]) | null = null;
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
