import * as eslintScope from 'eslint-scope';
import * as visitorKeys from 'eslint-visitor-keys';
import * as espree from 'espree';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nestingProblem, sourceParser, sourceTypeOf } from '../src/engine/language.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface Reference {
  readonly identifier: { readonly name: string; readonly range: [number, number] };
  isWrite(): boolean;
  isRead(): boolean;
}
interface Scope {
  readonly type: string;
  readonly block: { readonly range: [number, number] };
  readonly variables: readonly {
    readonly name: string;
    readonly defs: readonly unknown[];
    readonly references: readonly Reference[];
  }[];
  readonly references: readonly Reference[];
  readonly through: readonly Reference[];
}
interface ScopeManager {
  readonly scopes: readonly Scope[];
}

/** Every scope with its variables, their definitions and references, and its unresolved references, as text. */
function describeScopes(scopeManager: ScopeManager): string {
  const reference = (r: Reference) =>
    `${r.identifier.name}@${r.identifier.range[0]}${r.isWrite() ? 'w' : ''}${r.isRead() ? 'r' : ''}`;
  return scopeManager.scopes
    .map((scope) =>
      [
        `${scope.type} ${scope.block.range.join('-')}`,
        ...scope.variables.map(
          (v) => `  var ${v.name} defs=${v.defs.length} refs=${v.references.map(reference).join(' ')}`,
        ),
        `  references ${scope.references.map(reference).join(' ')}`,
        `  through ${scope.through.map(reference).join(' ')}`,
      ].join('\n'),
    )
    .join('\n');
}

function parse(text: string, filePath: string): ScopeManager {
  const options = { loc: true, range: true, tokens: true, comment: true, filePath, ecmaFeatures: { jsx: true } };
  return (
    sourceParser as unknown as { parseForESLint(text: string, options: object): { scopeManager: ScopeManager } }
  ).parseForESLint(text, options).scopeManager;
}

/** The scopes ESLint's own parse gives: espree, and eslint-scope with ESLint's visitor keys. */
function eslintScopes(text: string, filePath: string): ScopeManager {
  const sourceType = sourceTypeOf(filePath, text);
  const ast = espree.parse(text, {
    ecmaVersion: 'latest',
    sourceType,
    ecmaFeatures: { jsx: true },
    loc: true,
    range: true,
    tokens: true,
    comment: true,
  } as never);
  return eslintScope.analyze(
    ast as never,
    {
      ignoreEval: true,
      ecmaVersion: espree.latestEcmaVersion,
      sourceType,
      childVisitorKeys: visitorKeys.KEYS,
      fallback: visitorKeys.getKeys,
      jsx: true,
    } as never,
  ) as unknown as ScopeManager;
}

function javascriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(file).isDirectory()) return javascriptFiles(file);
    return /\.(?:c|m)?jsx?$/u.test(name) ? [file] : [];
  });
}

describe('sourceParser', () => {
  it(
    "gives the scopes, variables and references of ESLint's own parse on the example backend and the codemod " +
      'fixtures',
    () => {
      const files = [
        ...javascriptFiles(path.join(root, 'examples')),
        ...javascriptFiles(path.join(root, 'packages/codemods/tests/fixtures')),
      ];
      expect(files.length).toBeGreaterThan(50);
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        let expected: string;
        try {
          expected = describeScopes(eslintScopes(text, file));
        } catch {
          // Not JavaScript that espree reads (the fixtures of bad input): the parser falls back, tested elsewhere.
          continue;
        }
        expect(describeScopes(parse(text, file)), path.relative(root, file)).toBe(expected);
      }
    },
  );

  it('sees the references in the options of a dynamic import', () => {
    const text =
      "const attributes = { with: { type: 'json' } };\nexport const load = (name) => import(name, attributes);\n";
    const scopes = parse(text, 'src/load.js');
    const attributes = scopes.scopes[1]?.variables.find((v) => v.name === 'attributes');
    expect(attributes?.references.map((r) => r.identifier.range[0])).toEqual([6, text.lastIndexOf('attributes')]);
    expect(describeScopes(scopes)).toBe(describeScopes(eslintScopes(text, 'src/load.js')));
  });

  it('resolves JSX element names and static-block bindings', () => {
    const text = [
      'import { Layout, Item } from "./ui.js";',
      'export const App = () => <Layout title={title}><Item /></Layout>;',
      'const title = "x";',
      'export class Store { static { const cache = new Map(); Store.cache = cache; } }',
      '',
    ].join('\n');
    const scopes = parse(text, 'src/app.jsx');
    const module = scopes.scopes.at(1);
    expect(module?.variables.find((v) => v.name === 'Layout')?.references).toHaveLength(1);
    expect(module?.variables.find((v) => v.name === 'Item')?.references).toHaveLength(1);
    expect(scopes.scopes.map((scope) => scope.type)).toContain('class-static-block');
    expect(describeScopes(scopes)).toBe(describeScopes(eslintScopes(text, 'src/app.jsx')));
  });
});

describe('nestingProblem', () => {
  it('counts brackets and template substitutions, not those in strings, template text or comments', () => {
    expect(nestingProblem('f((a), [b], {c});', 2)).toBeNull();
    expect(nestingProblem('f(\'(((\', "[[[", `{{{ ${x} }}}`); // (((\n/* [[[ */', 2)).toBeNull();
    expect(nestingProblem('f(g(\nh(1)));', 2)).toEqual({ message: 'nested deeper than 2 levels', line: 2, column: 2 });
    expect(nestingProblem('`${`${`${x}`}`}`', 2)).toEqual({
      message: 'nested deeper than 2 levels',
      line: 1,
      column: 8,
    });
  });
});
