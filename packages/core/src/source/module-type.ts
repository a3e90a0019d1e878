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

const ESM_SYNTAX =
  /^\s*(?:import\s*[\w{*'"]|export\s+(?:\{|\*|default|const|let|var|function|async|class|type|interface|enum))/mu;

// Each pass over a file asks for its source type several times (its configuration, then its parser).
let lastSourceType: { readonly text: string; readonly module: boolean } | undefined;

/**
 * `module` or `commonjs`, as Node.js and the tools that build for it read the file: `.mjs`/`.mts` are modules and
 * `.cjs`/`.cts` CommonJS; a `.js`, `.jsx`, `.ts` or `.tsx` file is a module when the nearest `package.json` says
 * `"type": "module"`, and otherwise when it uses `import`/`export` itself (code that a bundler or TypeScript turns into
 * CommonJS), else CommonJS. The plugin's configs give ESLint the same answer (`languageOptions.sourceType`), so
 * `check`, `migrate` and plain ESLint parse every file the same way.
 */
export function sourceTypeOf(file: string, text: string): 'module' | 'commonjs' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'commonjs';
  if (path.isAbsolute(file) && packageTypeOf(path.dirname(file)) === 'module') return 'module';
  return moduleSyntaxOf(file, text);
}

/**
 * The module system a file is written in: `module` or `commonjs` from the extension, and for `.js`, `.jsx`, `.ts` and
 * `.tsx` from its own syntax (`import`/`export` or not), whatever the package type. Codemods write what they add
 * (imports, new modules) in this style, so a CommonJS file of an ES module package stays CommonJS.
 */
export function moduleSyntaxOf(file: string, text: string): 'module' | 'commonjs' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'commonjs';
  if (lastSourceType?.text !== text) lastSourceType = { text, module: ESM_SYNTAX.test(text) };
  return lastSourceType.module ? 'module' : 'commonjs';
}
