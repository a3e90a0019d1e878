import type { OptionsObject } from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { eolOf } from '@backend-perf/core';

/**
 * A fix that adds `property` (source text such as `timeout: 10_000`) to the options of a call: at the end of an
 * inline object literal, in its layout (one line, or one property per line); or as a new `{ … }` argument when the
 * options are absent and every argument before them is written. `null` when the options cannot be edited in place
 * (a shared `const`, an opaque value, missing earlier arguments).
 */
export function addOptionFix(
  sourceCode: TSESLint.SourceCode,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  options: OptionsObject,
  property: string,
): TSESLint.ReportFixFunction | null {
  if (options.kind === 'opaque') return null;
  if (options.kind === 'absent') {
    const args = call.arguments;
    if (options.index !== args.length && !(args[options.index] && isFunction(args[options.index]))) return null;
    const before = args.at(options.index);
    if (before) return (fixer) => fixer.insertTextBefore(before, `{ ${property} }, `);
    const last = args.at(-1);
    if (last) return (fixer) => fixer.insertTextAfter(last, `, { ${property} }`);
    const closing = sourceCode.getLastToken(call);
    const opening = closing && sourceCode.getTokenBefore(closing);
    if (closing?.value !== ')' || opening?.value !== '(') return null;
    return (fixer) => fixer.insertTextBefore(closing, `{ ${property} }`);
  }
  const object = options.node;
  if (options.argument !== object) return null;
  const last = object.properties.at(-1);
  if (!last) return (fixer) => fixer.replaceText(object, `{ ${property} }`);
  if (last.loc.start.line === object.loc.start.line) return (fixer) => fixer.insertTextAfter(last, `, ${property}`);
  const indent = ' '.repeat(last.loc.start.column);
  const eol = eolOf(sourceCode.text);
  return (fixer) => fixer.insertTextAfter(last, `,${eol}${indent}${property}`);
}

function isFunction(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}
