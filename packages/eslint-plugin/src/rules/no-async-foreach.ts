import {
  enclosingFunction,
  getRequestPathModel,
  isFunctionNode,
  isLoop,
  localFunction,
  skipTsWrappers,
  staticPropertyName,
  variableOf,
  walk,
  type FunctionNode,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'asyncForEach' | 'useForOf' | 'usePromiseAllMap';

/** Whether a callback reads `this` or `arguments` of its own (only arrow functions share the caller's). */
function usesOwnThisOrArguments(fn: FunctionNode): boolean {
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  for (const node of walk(fn.body, false)) {
    if (node.type === AST_NODE_TYPES.ThisExpression) return true;
    if (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments') return true;
  }
  return [...walk(fn.body, false)].some(
    (n) =>
      n.type === AST_NODE_TYPES.ArrowFunctionExpression &&
      [...walk(n.body, true)].some((m) => m.type === AST_NODE_TYPES.ThisExpression),
  );
}

export default createRule<Options, MessageId>({
  name: 'no-async-foreach',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow async callbacks in `forEach`, which neither waits for them nor sees their errors',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'async',
      replaces: ['unicorn/no-array-for-each'],
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      asyncForEach: '`forEach` does not wait for its async callback.',
      useForOf: 'Run the items one after another with `for...of`.',
      usePromiseAllMap: 'Run the items together with `await Promise.all({{receiver}}.map(...))`.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;

    function asyncCallback(argument: TSESTree.Node | undefined): FunctionNode | null {
      if (!argument) return null;
      const stripped = skipTsWrappers(argument);
      if (isFunctionNode(stripped)) return stripped.async ? stripped : null;
      const fn = localFunction(sourceCode, stripped);
      return fn && isFunctionNode(fn) && fn.async ? fn : null;
    }

    /**
     * A collection built with `new` (`new Map()`, `new Set()`): `for...of` over a Map yields `[key, value]` pairs
     * where `forEach` passes `(value, key)`, and neither has `.map`, so no rewrite is offered.
     */
    function isConstructedCollection(receiver: TSESTree.Node): boolean {
      const stripped = skipTsWrappers(receiver);
      if (stripped.type === AST_NODE_TYPES.NewExpression) return true;
      if (stripped.type !== AST_NODE_TYPES.Identifier) return false;
      const def = variableOf(sourceCode, stripped)?.defs[0];
      return (
        def?.node.type === AST_NODE_TYPES.VariableDeclarator &&
        skipTsWrappers(def.node.init ?? def.node).type === AST_NODE_TYPES.NewExpression
      );
    }

    function bindingText(param: TSESTree.Parameter): string | null {
      if (
        param.type !== AST_NODE_TYPES.Identifier &&
        param.type !== AST_NODE_TYPES.ObjectPattern &&
        param.type !== AST_NODE_TYPES.ArrayPattern
      )
        return null;
      const end = param.typeAnnotation ? param.typeAnnotation.range[0] : param.range[1];
      return sourceCode.text.slice(param.range[0], end).trim().replace(/\?$/u, '');
    }

    function forOfText(receiver: TSESTree.Node, callback: FunctionNode): string | null {
      if (callback.params.length !== 1 || usesOwnThisOrArguments(callback)) return null;
      const binding = bindingText(callback.params[0]);
      if (!binding) return null;
      const head = `for (const ${binding} of ${sourceCode.getText(receiver)}) `;
      if (callback.body.type !== AST_NODE_TYPES.BlockStatement) {
        const expression = callback.body;
        const simple = [
          'CallExpression',
          'NewExpression',
          'Identifier',
          'MemberExpression',
          'AwaitExpression',
        ].includes(expression.type);
        const text = sourceCode.getText(expression);
        const awaited =
          expression.type === AST_NODE_TYPES.AwaitExpression ? text : simple ? `await ${text}` : `await (${text})`;
        return `${head}${awaited};`;
      }
      // `return;` ends one item: it becomes `continue;`. A value returned, or a return inside a nested loop, has no
      // direct equivalent, so no suggestion then.
      const edits: { range: [number, number]; text: string }[] = [];
      for (const node of walk(callback.body, false)) {
        if (node.type !== AST_NODE_TYPES.ReturnStatement) continue;
        if (node.argument) return null;
        for (let p: TSESTree.Node | undefined = node.parent; p && p !== callback.body; p = p.parent)
          if (isLoop(p) || p.type === AST_NODE_TYPES.SwitchStatement) return null;
        const semicolon = sourceCode.getLastToken(node)?.value === ';';
        edits.push({ range: node.range, text: semicolon ? 'continue;' : 'continue' });
      }
      let body = '';
      let cursor = callback.body.range[0];
      for (const edit of edits) {
        body += sourceCode.text.slice(cursor, edit.range[0]) + edit.text;
        cursor = edit.range[1];
      }
      body += sourceCode.text.slice(cursor, callback.body.range[1]);
      return `${head}${body}`;
    }

    function suggestions(
      call: TSESTree.CallExpression,
      callee: TSESTree.MemberExpression,
      callback: FunctionNode,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const statement = call.parent;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || call.optional || callee.optional || callee.computed)
        return [];
      if (!isFunctionNode(skipTsWrappers(call.arguments[0]))) return [];
      const enclosing = enclosingFunction(call);
      if (!enclosing?.async) return [];
      const receiver = callee.object;
      if (isConstructedCollection(receiver)) return [];
      const result: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      // Comments outside the callback body (between `forEach(` and the function) would be lost by `for...of`.
      const looseComments = sourceCode
        .getAllComments()
        .some(
          (c) =>
            c.range[0] >= statement.range[0] &&
            c.range[1] <= statement.range[1] &&
            !(c.range[0] >= callback.body.range[0] && c.range[1] <= callback.body.range[1]) &&
            !(c.range[0] >= receiver.range[0] && c.range[1] <= receiver.range[1]),
        );
      const forOf = call.arguments.length === 1 && !looseComments ? forOfText(receiver, callback) : null;
      if (forOf) {
        result.push({ messageId: 'useForOf', fix: (fixer) => fixer.replaceText(statement, forOf) });
      }
      result.push({
        messageId: 'usePromiseAllMap',
        data: { receiver: sourceCode.getText(receiver).length <= 30 ? sourceCode.getText(receiver) : 'items' },
        fix: (fixer) => [
          fixer.insertTextBefore(call, 'await Promise.all('),
          fixer.replaceText(callee.property, 'map'),
          fixer.insertTextAfter(call, ')'),
        ],
      });
      return result;
    }

    return {
      CallExpression(call) {
        const callee = skipTsWrappers(call.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(callee) !== 'forEach') return;
        const callback = asyncCallback(call.arguments[0]);
        if (!callback) return;
        if (getRequestPathModel(context).contextOf(call).context === 'startup') return;
        context.report({
          node: callee.property,
          messageId: 'asyncForEach',
          suggest: suggestions(call, callee, callback),
        });
      },
    };
  },
});
