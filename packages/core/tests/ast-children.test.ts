import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { childNodes, forEachChild, pushChildren } from '../src/ast.js';
import { withSourceCode } from './parse.js';

const CODE = [
  'function f(a, { b }, ...c) {',
  '  const [x, , y] = [a, , b];',
  '  return g(x, y, ...c) ? `t${x}` : null;',
  '}',
  'class K extends Base { @dec m() {} }',
].join('\n');

/** Every node of a tree in source order, by a recursion over `childNodes` (the reference). */
function preorder(node: TSESTree.Node, keys: Parameters<typeof childNodes>[1]): TSESTree.Node[] {
  return [node, ...childNodes(node, keys).flatMap((child) => preorder(child, keys))];
}

describe('walking the children of a node', () => {
  it('visits the same children in the same order as childNodes, holes in arrays left out', () => {
    withSourceCode(CODE, (sourceCode) => {
      const keys = sourceCode.visitorKeys;
      for (const node of preorder(sourceCode.ast, keys)) {
        const visited: TSESTree.Node[] = [];
        forEachChild(node, keys, (child) => visited.push(child));
        expect(visited).toEqual(childNodes(node, keys));
      }
      const pattern = preorder(sourceCode.ast, keys).find((node) => node.type === AST_NODE_TYPES.ArrayPattern);
      expect(pattern && childNodes(pattern, keys).map((child) => child.type)).toEqual(['Identifier', 'Identifier']);
    });
  });

  it('pushes the children in reverse, so that an iterative walk pops them in source order', () => {
    withSourceCode(CODE, (sourceCode) => {
      const keys = sourceCode.visitorKeys;
      const stack: TSESTree.Node[] = [sourceCode.ast];
      const order: TSESTree.Node[] = [];
      while (stack.length > 0) {
        const node = stack.pop() as TSESTree.Node;
        order.push(node);
        const before = stack.length;
        expect(pushChildren(node, keys, stack)).toBe(stack.length - before);
      }
      expect(order).toEqual(preorder(sourceCode.ast, keys));
      // Decorators, the class's heritage and a template's parts are children too.
      expect(order.map((node) => node.type)).toEqual(
        expect.arrayContaining(['Decorator', 'TemplateLiteral', 'TemplateElement', 'RestElement']),
      );
    });
  });

  it('finds no children for a node type the visitor keys do not name', () => {
    const unknown = { type: 'Unknown', child: { type: 'Identifier', name: 'x' } } as unknown as TSESTree.Node;
    const visited: TSESTree.Node[] = [];
    forEachChild(unknown, {}, (child) => visited.push(child));
    expect(visited).toEqual([]);
    expect(pushChildren(unknown, {}, [])).toBe(0);
  });
});
