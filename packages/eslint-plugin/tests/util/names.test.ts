import { parse } from '@typescript-eslint/parser';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { nameOf } from '../../src/util/ast/names.js';

/** The expression of a one-statement program. */
function expression(code: string): TSESTree.Expression {
  const statement = parse(code).body.at(0);
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) throw new Error(`not an expression statement: ${code}`);
  return statement.expression;
}

describe('nameOf', () => {
  it('names an identifier', () => {
    expect(nameOf(expression('timer;'))).toBe('timer');
  });

  it('names a member access by its static property', () => {
    expect(nameOf(expression('this.timer;'))).toBe('timer');
    expect(nameOf(expression("jobs['nightly'];"))).toBe('nightly');
    expect(nameOf(expression('a.b.c;'))).toBe('c');
  });

  it('gives null for a computed member and for other expressions', () => {
    expect(nameOf(expression('jobs[key];'))).toBeNull();
    expect(nameOf(expression('start();'))).toBeNull();
    expect(nameOf(expression('"timer";'))).toBeNull();
  });
});
