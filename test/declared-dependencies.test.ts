// Every package a published file loads at run time is one its manifest promises: a dependency, a peer that is not
// optional, or an optional peer loaded lazily inside a function (behind the check that tells a user to install it).
// A package that only the workspace has (a dev dependency, an optional peer imported at the top) would load here and
// fail in a user's fresh install. The built files are read as the registry ships them, so type-only imports are gone.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromCore = createRequire(path.join(root, 'packages', 'core', 'package.json'));
const espree = requireFromCore('espree') as typeof import('espree');
const visitorKeys = (requireFromCore('eslint-visitor-keys') as typeof import('eslint-visitor-keys')).KEYS;

interface Manifest {
  readonly name: string;
  readonly files?: readonly string[];
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

type Node = { type: string; [key: string]: unknown };

interface Load {
  readonly specifier: string;
  readonly line: number;
  /** Loaded only when a function runs, not when the module is imported. */
  readonly lazy: boolean;
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** The bare specifiers a module loads: static imports and re-exports, `import('x')` and `require('x')` with a literal. */
function loadedSpecifiers(text: string, commonjs: boolean): Load[] {
  const ast = espree.parse(text, {
    ecmaVersion: 'latest',
    sourceType: commonjs ? 'commonjs' : 'module',
    loc: true,
  }) as unknown as Node;
  const found: Load[] = [];
  const literal = (node: unknown): string | null => {
    const value = node as Node | null;
    return value?.type === 'Literal' && typeof value.value === 'string' ? value.value : null;
  };
  const visit = (node: Node, lazy: boolean): void => {
    let specifier: string | null = null;
    if (
      node.type === 'ImportDeclaration' ||
      node.type === 'ExportAllDeclaration' ||
      (node.type === 'ExportNamedDeclaration' && node.source)
    ) {
      // `import type` never reaches JavaScript output; a side-effect import does.
      specifier = literal(node.source);
    } else if (node.type === 'ImportExpression') {
      specifier = literal(node.source);
    } else if (node.type === 'CallExpression') {
      const callee = node.callee as Node;
      const args = node.arguments as Node[];
      if (callee.type === 'Identifier' && callee.name === 'require' && args.length === 1) specifier = literal(args[0]);
    }
    if (specifier !== null && !specifier.startsWith('.') && !specifier.startsWith('/')) {
      found.push({ specifier, line: (node.loc as { start: { line: number } }).start.line, lazy });
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = node[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as Node).type === 'string') visit(item as Node, lazy || FUNCTIONS.has(node.type));
      }
    }
  };
  visit(ast, false);
  return found;
}

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:c|m)?js$/u.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const packages = readdirSync(path.join(root, 'packages'));

describe('what published files load', () => {
  it.each(packages)('packages/%s loads only what its manifest promises', (folder) => {
    const directory = path.join(root, 'packages', folder);
    const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as Manifest;
    const peers = Object.keys(manifest.peerDependencies ?? {});
    const optional = (name: string): boolean => manifest.peerDependenciesMeta?.[name]?.optional === true;
    const promised = new Set([
      manifest.name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...peers.filter((name) => !optional(name)),
    ]);
    const lazyOnly = new Set(peers.filter(optional));
    const files = filesUnder(path.join(directory, 'dist'));
    expect(files.length).toBeGreaterThan(0);
    const unpromised: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const { specifier, line, lazy } of loadedSpecifiers(text, file.endsWith('.cjs'))) {
        const name = packageOf(specifier);
        if (builtins.has(specifier) || promised.has(name) || (lazy && lazyOnly.has(name))) continue;
        unpromised.push(`${path.relative(directory, file)}:${line} loads ${specifier}${lazy ? '' : ' on import'}`);
      }
    }
    expect(unpromised).toEqual([]);
  });
});
