import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The `type` of the nearest `package.json` at or above a directory, per directory. */
const typeCache = new Map<string, 'module' | 'commonjs'>();

/**
 * `module` when the nearest `package.json` at or above `directory` says `"type": "module"`, else `commonjs` (also when
 * there is none): how Node.js reads the `.js` files of that folder. A `package.json` that does not parse counts as
 * absent, as Node skips it.
 */
export function packageTypeOf(directory: string): 'module' | 'commonjs' {
  const known = typeCache.get(directory);
  if (known) return known;
  let type: 'module' | 'commonjs' | undefined;
  try {
    const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as { type?: unknown };
    type = manifest.type === 'module' ? 'module' : 'commonjs';
  } catch {
    const parent = path.dirname(directory);
    type = parent === directory ? 'commonjs' : packageTypeOf(parent);
  }
  typeCache.set(directory, type);
  return type;
}

/** Forgets the `package.json` types read so far (for long-lived processes such as an editor's ESLint server). */
export function clearPackageTypeCache(): void {
  typeCache.clear();
}
