import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { describe, expect, it } from 'vitest';
import { isFunctionNode } from '../src/ast.js';
import { getRequestPathModel } from '../src/request-path/model.js';
import { withSourceCode } from './parse.js';

/** The context of every named function declaration, by name. */
function contexts(code: string): Record<string, string> {
  return withSourceCode(
    code,
    (sourceCode) => {
      const model = getRequestPathModel({ sourceCode, filename: 'src/a.js', cwd: process.cwd(), settings: {} });
      const result: Record<string, string> = {};
      for (const statement of sourceCode.ast.body) {
        const node = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
        if (node && isFunctionNode(node) && node.id) {
          result[node.id.name] = model.contextOfFunction(node).context;
        }
      }
      return result;
    },
    'src/a.js',
  );
}

describe('getRequestPathModel', () => {
  it('does not take a function for a listener when it only passes its own parameter', () => {
    expect(
      contexts("export function subscribe(fn) { bus.on('tick', fn); }\nfunction named() {}\nbus.on('message', named);"),
    ).toEqual({
      subscribe: 'unknown',
      named: 'request',
    });
  });
});
