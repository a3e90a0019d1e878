import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { isFunctionNode, isInside, skipTsWrappers, staticPropertyName } from '../ast.js';
import { ASYNC_APIS } from '../catalogue/async.js';
import type { ApiEntry } from '../catalogue/types.js';
import { entriesWithTag, findApiUses } from '../tracker.js';
import { referencesWithin, returnedExpression, variableOf, walk } from './bindings.js';

const SLEEP_APIS = entriesWithTag(ASYNC_APIS, 'sleep');
const LIMITER_APIS = [
  ...entriesWithTag(ASYNC_APIS, 'concurrency-limit'),
  ...entriesWithTag(ASYNC_APIS, 'concurrency-map'),
];

/**
 * Mappers that take the items, the per-item function and options (`p-map`, Bluebird's `map`): without a finite
 * `concurrency` option they start every item at once. (The `async` library's `*Limit` functions take the limit
 * itself.)
 */
const MAPPERS: ReadonlySet<ApiEntry> = new Set(
  entriesWithTag(ASYNC_APIS, 'concurrency-map').filter((entry) => !entry.tags.includes('async-collection')),
);

/** The mappers among the catalogue's async APIs (see `MAPPERS`). */
export const CONCURRENCY_MAPPERS: readonly ApiEntry[] = [...MAPPERS];

/**
 * Whether a mapper's options set a finite `concurrency`, or cannot be read and may: not `Infinity`,
 * `Number.POSITIVE_INFINITY`, or `0` or less (which Bluebird reads as no limit).
 */
export function limitsConcurrency(options: TSESTree.Node | undefined): boolean {
  if (!options) return false;
  const value = skipTsWrappers(options);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return true;
  return value.properties.some((property) => {
    if (property.type === AST_NODE_TYPES.SpreadElement) return true;
    if (staticPropertyName(property) !== 'concurrency') return false;
    const limit = skipTsWrappers(property.value);
    if (limit.type === AST_NODE_TYPES.Identifier) return limit.name !== 'Infinity';
    if (limit.type === AST_NODE_TYPES.MemberExpression)
      return !(
        limit.object.type === AST_NODE_TYPES.Identifier &&
        limit.object.name === 'Number' &&
        staticPropertyName(limit) === 'POSITIVE_INFINITY'
      );
    if (limit.type === AST_NODE_TYPES.Literal) return typeof limit.value !== 'number' || limit.value > 0;
    return true;
  });
}

/** Whether `identifier` is a reference to the global of that name (not shadowed by a local binding or import). */
export function isGlobalReference(sourceCode: TSESLint.SourceCode, identifier: TSESTree.Identifier): boolean {
  const reference = referencesWithin(sourceCode, identifier).find((r) => r.identifier === identifier);
  if (!reference) return false;
  return !reference.resolved || reference.resolved.defs.length === 0;
}

/** `Promise.<method>(...)` on the global `Promise`; returns the method name (`all`, `allSettled`, ...). */
export function promiseStaticMethod(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): string | null {
  const callee = skipTsWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const object = skipTsWrappers(callee.object);
  if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'Promise' || !isGlobalReference(sourceCode, object))
    return null;
  return staticPropertyName(callee);
}

/** The function a callee identifier names, when it is declared in this file (`function f` or `const f = () =>`). */
export function localFunction(sourceCode: TSESLint.SourceCode, callee: TSESTree.Node): TSESTree.Node | null {
  const stripped = skipTsWrappers(callee);
  if (stripped.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, stripped);
  const def = variable?.defs[0];
  if (!def || variable.defs.length !== 1) return null;
  if (def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  if (
    def.node.type === AST_NODE_TYPES.VariableDeclarator &&
    def.node.init &&
    def.node.id.type === AST_NODE_TYPES.Identifier
  ) {
    const parent = def.node.parent;
    if (parent.kind === 'const') {
      const init = skipTsWrappers(def.node.init);
      if (isFunctionNode(init)) return init;
    }
  }
  return null;
}

function isTimerPromise(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  const stripped = skipTsWrappers(node);
  if (stripped.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = skipTsWrappers(stripped.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'Promise' || !isGlobalReference(sourceCode, callee))
    return false;
  const executor = stripped.arguments.at(0);
  if (!executor || !isFunctionNode(executor)) return false;
  for (const inner of walk(executor.body, true)) {
    if (inner.type !== AST_NODE_TYPES.CallExpression) continue;
    const timer = skipTsWrappers(inner.callee);
    if (timer.type === AST_NODE_TYPES.Identifier && timer.name === 'setTimeout' && isGlobalReference(sourceCode, timer))
      return true;
  }
  return false;
}

/**
 * Whether an awaited expression is a sleep: `new Promise((r) => setTimeout(r, ms))`, `setTimeout` from
 * `timers/promises`, or a local function that returns one of those (`const sleep = (ms) => new Promise(...)`).
 */
export function isSleep(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  const stripped = skipTsWrappers(node);
  if (isTimerPromise(sourceCode, stripped)) return true;
  if (stripped.type !== AST_NODE_TYPES.CallExpression) return false;
  if (findApiUses(sourceCode, SLEEP_APIS).some((use) => use.node === stripped)) return true;
  const fn = localFunction(sourceCode, stripped.callee);
  const returned = fn ? returnedExpression(fn) : null;
  return returned
    ? isTimerPromise(sourceCode, returned) ||
        findApiUses(sourceCode, SLEEP_APIS).some((use) => use.node === skipTsWrappers(returned))
    : false;
}

/** Globals whose methods return plain values (`JSON.stringify(list)`, `Object.keys(map)`). */
const SYNC_GLOBALS = new Set(['JSON', 'Object', 'Array', 'Math', 'Number', 'String', 'Boolean', 'Date', 'Buffer']);
/** Methods of arrays and strings that return plain values (never a promise an `await` could wait for). */
const SYNC_METHODS = new Set([
  'join',
  'map',
  'filter',
  'slice',
  'concat',
  'flat',
  'flatMap',
  'sort',
  'reverse',
  'toString',
  'trim',
  'replace',
  'replaceAll',
  'split',
  'toLowerCase',
  'toUpperCase',
  'padStart',
  'padEnd',
]);

/**
 * Whether a value a function returns is visibly not a promise: no call, a call of a plain-value method, or a local
 * variable of the function that is only ever given such values (`let text = ''; text += line; return text;`).
 */
function plainValue(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, fn: TSESTree.Node, depth = 0): boolean {
  const value = skipTsWrappers(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      // `a + b` may be a string built from values; other operators give numbers and booleans.
      return (
        value.operator !== '+' ||
        (plainValue(sourceCode, value.left, fn, depth) && plainValue(sourceCode, value.right, fn, depth))
      );
    case AST_NODE_TYPES.ConditionalExpression:
      return plainValue(sourceCode, value.consequent, fn, depth) && plainValue(sourceCode, value.alternate, fn, depth);
    case AST_NODE_TYPES.LogicalExpression:
      return plainValue(sourceCode, value.left, fn, depth) && plainValue(sourceCode, value.right, fn, depth);
    case AST_NODE_TYPES.AssignmentExpression:
      return value.operator === '=' && plainValue(sourceCode, value.right, fn, depth);
    case AST_NODE_TYPES.Identifier:
      return plainVariable(sourceCode, value, fn, depth);
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipTsWrappers(value.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const object = skipTsWrappers(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier && SYNC_GLOBALS.has(object.name))
        return isGlobalReference(sourceCode, object);
      return SYNC_METHODS.has(staticPropertyName(callee) ?? '');
    }
    default:
      // Member reads (which may hold a promise), optional chains, `await`, `new`, sequences: not known to be plain.
      return false;
  }
}

/** A local variable of the function that is only ever given plain values (`let text = ''; text += line;`). */
function plainVariable(
  sourceCode: TSESLint.SourceCode,
  identifier: TSESTree.Identifier,
  fn: TSESTree.Node,
  depth: number,
): boolean {
  const variable = depth === 0 ? variableOf(sourceCode, identifier) : null;
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length !== 1 || def.node.type !== AST_NODE_TYPES.VariableDeclarator)
    return false;
  if (!isInside(def.node, fn) || !def.node.init) return false;
  return variable.references.every(
    (reference) =>
      !reference.isWrite() || (!!reference.writeExpr && plainValue(sourceCode, reference.writeExpr, fn, depth + 1)),
  );
}

/**
 * Whether a call is of an `async` function of this file that does nothing asynchronous: its body has no `await`
 * (nor `for await`) and every value it returns is visibly not a promise (`return JSON.stringify(nodes)`). Awaiting
 * it waits for no I/O, so running it together with other awaits overlaps nothing.
 */
export function isAsyncInNameOnly(sourceCode: TSESLint.SourceCode, call: TSESTree.Node): boolean {
  const stripped = skipTsWrappers(call);
  if (stripped.type !== AST_NODE_TYPES.CallExpression) return false;
  const fn = localFunction(sourceCode, stripped.callee);
  if (!fn || !isFunctionNode(fn) || !fn.async || fn.generator) return false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return plainValue(sourceCode, fn.body, fn);
  for (const node of walk(fn.body)) {
    if (node.type === AST_NODE_TYPES.AwaitExpression) return false;
    if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && !plainValue(sourceCode, node.argument, fn))
      return false;
  }
  return true;
}

/**
 * Whether a call runs through a concurrency limiter: a call of a binding created by `p-limit`, `p-queue`,
 * `bottleneck` (`limit(() => work)`, `queue.add(() => work)`), or of a limiter API itself.
 */
export function isLimitedCall(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): boolean {
  const uses = findApiUses(sourceCode, LIMITER_APIS).filter(
    // A mapper (`pMap(items, fn, options)`, `Bluebird.map`) limits only with a finite `concurrency`.
    (use) =>
      !MAPPERS.has(use.entry) ||
      use.node.type !== AST_NODE_TYPES.CallExpression ||
      limitsConcurrency(use.node.arguments.at(2)),
  );
  if (uses.some((use) => use.node === call)) return true;
  const callee = skipTsWrappers(call.callee);
  const target = callee.type === AST_NODE_TYPES.MemberExpression ? skipTsWrappers(callee.object) : callee;
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, target);
  const def = variable?.defs[0];
  if (!def || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
  const init = skipTsWrappers(def.node.init);
  return uses.some((use) => use.node === init);
}
