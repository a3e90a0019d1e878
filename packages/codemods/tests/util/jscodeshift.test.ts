import type { ASTNode, ASTPath } from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import {
  declaringScope,
  descendants,
  endOf,
  identifierName,
  isFunction,
  isNode,
  jscodeshiftFor,
  parenStart,
  parentNode,
  scopeOf,
  startLine,
  startOf,
  textOf,
} from '../../src/engine/jscodeshift.js';

const j = jscodeshiftFor('file.js');

/** The path of the first identifier named `name` in `source`. */
function identifierPath(source: string, name: string): ASTPath {
  const path = j(source).find(j.Identifier, { name }).paths().at(0);
  if (!path) throw new Error(`no identifier ${name}`);
  return path;
}

describe('typed jscodeshift nodes', () => {
  it('guards exact node types, not their subtypes', () => {
    const literal = j.stringLiteral('x');
    expect(isNode(literal, 'StringLiteral')).toBe(true);
    expect(isNode(literal, 'Literal')).toBe(false);
    expect(isNode(literal, ['Literal', 'StringLiteral'])).toBe(true);
    expect(isNode(null, 'StringLiteral')).toBe(false);
    expect(isNode({ type: 1 }, 'StringLiteral')).toBe(false);
  });

  it('reads names, offsets, text and lines of parsed nodes', () => {
    const source = 'const a = (b);\nfoo(a);';
    const path = identifierPath(source, 'b');
    expect(identifierName(path.node)).toBe('b');
    expect(identifierName(j.stringLiteral('b'))).toBeNull();
    expect([startOf(path.node), endOf(path.node)]).toEqual([11, 12]);
    expect(textOf(source, path.node)).toBe('b');
    expect(parenStart(path.node)).toBe(10);
    expect(parenStart(identifierPath(source, 'foo').node)).toBeNull();
    expect(startLine(identifierPath(source, 'foo').node)).toBe(2);
    expect(() => startOf(j.identifier('built'))).toThrow('no source offsets on this Identifier node');
  });

  it('walks parents, and descendants with or without nested functions', () => {
    const source = 'function f(x) { g(x, () => h(x)); }';
    expect(parentNode(identifierPath(source, 'g'))?.type).toBe('CallExpression');
    const fn = j(source).find(j.FunctionDeclaration).nodes().at(0);
    if (!fn) throw new Error('no function');
    expect(isFunction(fn)).toBe(true);
    const names = (nodes: Iterable<ASTNode>): (string | null)[] =>
      [...nodes].filter((node) => isNode(node, 'Identifier')).map(identifierName);
    expect(names(descendants(fn))).toEqual(['f', 'x', 'g', 'x']);
    expect(names(descendants(fn, true))).toEqual(['f', 'x', 'g', 'x', 'h', 'x']);
  });

  it('finds the declaring scope past a catch clause without a binding', () => {
    const source = 'const cache = {};\nfunction f() { try { g(); } catch { return cache; } }';
    const reference = j(source).find(j.Identifier, { name: 'cache' }).paths().at(1);
    if (!reference) throw new Error('no reference');
    const declared = declaringScope(scopeOf(reference), 'cache');
    expect(declared?.isGlobal).toBe(true);
    expect(declaringScope(scopeOf(reference), 'missing')).toBeNull();
  });
});
