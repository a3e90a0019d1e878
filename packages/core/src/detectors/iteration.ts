import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import {
  childNodes,
  isFunctionNode,
  isInside,
  nameOf,
  skipTsWrappers,
  staticPropertyName,
  type FunctionNode,
} from '../ast.js';
import { compiledLoopsAround, isCompiledAsyncBody } from './compiled-loops.js';
import { readOnlyLiteral } from '../analysis/bindings.js';
import { ASYNC_COLLECTION_APIS } from '../catalogue/async.js';
import { LODASH_ITERATEE_APIS } from '../catalogue/lodash.js';
import { findApiUses } from '../tracker.js';
import { quotedCode } from '../text.js';

type Variable = TSESLint.Scope.Variable;

/** Array methods whose callback runs once per element. */
export const PER_ITEM_METHODS: ReadonlySet<string> = new Set(['map', 'forEach', 'flatMap']);

/** Array methods whose callback runs once per element, including the searching and reducing ones. */
export const EVERY_ITEM_METHODS: ReadonlySet<string> = new Set([
  'map',
  'forEach',
  'flatMap',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'some',
  'every',
  'reduce',
  'reduceRight',
]);

/** Literal arrays up to this length are fixed lists (`[a, b, c].map(...)`), not data. */
export const SMALL_LITERAL_ARRAY = 8;

/** A loop or a per-element callback, and what it iterates over. */
export interface Iteration {
  readonly kind: 'loop' | 'callback';
  /** The loop statement, or the callback function. */
  readonly node: TSESTree.Node;
  /** The array (or iterable) iterated over, when the syntax names one (`for...of`, `items.map`). */
  readonly iterable: TSESTree.Node | null;
  /** The part of the node that runs per iteration (loop body and update, or the callback). */
  readonly body: TSESTree.Node;
  /**
   * When what runs per iteration is not one node: the `case`s of a loop of an async function compiled to a state
   * machine (see `compiled-loops.ts`); `node` and `body` are then the loop's head.
   */
  readonly parts?: readonly TSESTree.Node[];
  /** For callbacks: the method name (`map`; `async.map`, `_.filter` for a library's iteratee). */
  readonly method?: string;
  /** For a library's iteratee (`async.map(ids, …)`, `_.filter(cols, …)`): the function's own call. */
  readonly library?: TSESTree.CallExpression;
  /** For a lodash iteratee: the array method its function behaves like (`filter` for `_.filter` and `_.reject`). */
  readonly like?: string;
}

/** The nodes that run per iteration: the body, or the cases of a compiled loop. */
export function iterationParts(iteration: Iteration): readonly TSESTree.Node[] {
  return iteration.parts ?? [iteration.body];
}

/** Whether `node` runs as part of each iteration. */
export function isInIteration(node: TSESTree.Node, iteration: Iteration): boolean {
  return iterationParts(iteration).some((part) => isInside(node, part));
}

/** Array methods that change the array they are called on. */
const MUTATING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'splice']);

/**
 * The length of a list written out in the code: a literal array without spreads, or a variable initialised with one
 * that is never assigned again nor grown (`push`, `unshift`, `splice`); `Object.entries(literal)` and
 * `[...].entries()` have the length of what they list. `null` for anything else.
 */
export function literalListLength(node: TSESTree.Node | null, sourceCode: TSESLint.SourceCode): number | null {
  return literalList(node, sourceCode)?.length ?? null;
}

/** Calls of `Object` that list an object's members, or return the object itself (`freeze`). */
const OBJECT_READERS: ReadonlySet<string> = new Set(['keys', 'values', 'entries', 'freeze']);

/**
 * An object literal whose keys are fixed: written without spreads, and, through a variable, one the code only
 * reads (`readOnlyLiteral`).
 */
function fixedObject(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): TSESTree.ObjectExpression | null {
  const expression = skipTsWrappers(node);
  let object: TSESTree.Node | null = expression;
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(expression) as never, expression) as Variable | null;
    object = variable ? readOnlyLiteral(variable) : null;
  }
  return object?.type === AST_NODE_TYPES.ObjectExpression &&
    object.properties.every((property) => property.type === AST_NODE_TYPES.Property)
    ? object
    : null;
}

/** See `literalListLength`; `object` when the list is the entries of an object literal. */
function literalList(
  node: TSESTree.Node | null,
  sourceCode: TSESLint.SourceCode,
  seen: Set<TSESTree.Node> = new Set(),
): { readonly length: number; readonly object: boolean } | null {
  if (!node || seen.has(node) || seen.size > 16) return null;
  seen.add(node);
  let expression = skipTsWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const init = unchangedInitializer(expression, sourceCode, true);
    if (!init || seen.has(init)) return null;
    seen.add(init);
    expression = init;
  }
  if (expression.type === AST_NODE_TYPES.CallExpression && expression.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = staticPropertyName(expression.callee);
    const receiver = skipTsWrappers(expression.callee.object);
    const isObject = receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'Object';
    if (isObject && method !== null && OBJECT_READERS.has(method)) {
      const target = expression.arguments.at(0);
      if (!target || target.type === AST_NODE_TYPES.SpreadElement) return null;
      // `Object.freeze([...])` is the list itself; `Object.keys(FIELDS)`, the keys of a fixed object.
      const object = method === 'freeze' ? null : fixedObject(target, sourceCode);
      if (object) return { length: object.properties.length, object: true };
      return literalList(target, sourceCode, seen);
    }
    // `'a,b,c'.split(',')`: the parts of a string written in the code.
    if (method === 'split' && receiver.type === AST_NODE_TYPES.Literal && typeof receiver.value === 'string') {
      const separator = expression.arguments.at(0);
      const parts =
        separator?.type === AST_NODE_TYPES.Literal && typeof separator.value === 'string' && separator.value !== ''
          ? receiver.value.split(separator.value).length
          : receiver.value.length;
      return { length: parts, object: false };
    }
    // `map.entries()`, `list.keys()`: the list's own entries.
    if (method === 'entries' || method === 'keys' || method === 'values')
      return literalList(expression.callee.object, sourceCode, seen);
    // A part or a mapping of a fixed list is no longer than it (`Object.keys(FIELDS).filter(...)`).
    if (method === 'filter' || method === 'map' || method === 'slice')
      return literalList(expression.callee.object, sourceCode, seen);
  }
  if (
    expression.type === AST_NODE_TYPES.ArrayExpression &&
    expression.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement)
  )
    return { length: expression.elements.length, object: false };
  return null;
}

/**
 * A list written out in the code with at most `SMALL_LITERAL_ARRAY` elements, or the entries of an object literal: a
 * fixed list, not data.
 */
export function isSmallLiteralArray(node: TSESTree.Node | null, sourceCode: TSESLint.SourceCode): boolean {
  const list = literalList(node, sourceCode);
  return list !== null && (list.object || list.length <= SMALL_LITERAL_ARRAY);
}

/** For a per-element callback `items.map(fn)`: the call and the array. */
export function iterationCallOf(
  fn: FunctionNode,
  methods: ReadonlySet<string>,
): { call: TSESTree.CallExpression; method: string; iterable: TSESTree.Node } | null {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const callee = skipTsWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = staticPropertyName(callee);
  if (method === null || !methods.has(method)) return null;
  return { call, method, iterable: callee.object };
}

/** A library function that calls its iteratee once per element: where the iteratee is, and how to name it. */
interface LibraryIteration {
  /** `async.map`, `_.filter`: the method an `Iteration` reports. */
  readonly method: string;
  /** The iteratee's argument position, and the list's (absent from a curried call, `fp.map(fn)(list)`). */
  readonly iteratee: number;
  readonly list: number;
  /** The array method the function behaves like (lodash); `null` for the `async` library's, which always count. */
  readonly like: string | null;
}

const libraryIterationCache = new WeakMap<TSESTree.Program, ReadonlyMap<TSESTree.Node, LibraryIteration>>();

/** The calls of the `async` library's and lodash's collection functions in a file (cached per AST). */
function libraryIterationCalls(sourceCode: TSESLint.SourceCode): ReadonlyMap<TSESTree.Node, LibraryIteration> {
  const cached = libraryIterationCache.get(sourceCode.ast);
  if (cached) return cached;
  const calls = new Map<TSESTree.Node, LibraryIteration>();
  for (const use of findApiUses(sourceCode, ASYNC_COLLECTION_APIS)) {
    const { collection, iteratee } = use.entry;
    calls.set(use.node, { method: `async.${collection}`, iteratee, list: 0, like: null });
  }
  for (const use of findApiUses(sourceCode, LODASH_ITERATEE_APIS)) {
    const { collection, dataLast, like } = use.entry;
    if (!calls.has(use.node))
      calls.set(use.node, {
        method: `_.${collection}`,
        iteratee: dataLast ? 0 : 1,
        list: dataLast ? 1 : 0,
        like: like ?? null,
      });
  }
  libraryIterationCache.set(sourceCode.ast, calls);
  return calls;
}

/**
 * For the iteratee of an `async` collection function (`async.map(ids, (id, next) => ...)`) or of a lodash one that
 * behaves like one of `methods` (`_.filter(cols, (col) => ...)`): the call, its method and the list.
 */
function libraryIterationOf(
  fn: FunctionNode,
  sourceCode: TSESLint.SourceCode,
  methods: ReadonlySet<string>,
): { call: TSESTree.CallExpression; method: string; iterable: TSESTree.Node | null; like: string | null } | null {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const entry = libraryIterationCalls(sourceCode).get(call);
  if (!entry || call.arguments[entry.iteratee] !== fn || (entry.like !== null && !methods.has(entry.like))) return null;
  const iterable = call.arguments.at(entry.list) ?? null;
  return iterable?.type === AST_NODE_TYPES.SpreadElement
    ? null
    : { call, method: entry.method, iterable, like: entry.like };
}

/** Whether a callback iteration is a library function's iteratee (`async.map(list, …)`, `_.filter(list, …)`). */
export function isLibraryIteratee(iteration: Iteration): boolean {
  return iteration.library !== undefined;
}

/**
 * How a message names a per-element callback: "the `ids.map()` callback", or for a library's iteratee "the iteratee
 * of `_.map(ids, …)`"; a long list as `…`.
 */
export function describeCallback(iteration: Iteration, sourceCode: TSESLint.SourceCode): string {
  const short = iteration.iterable ? quotedCode(sourceCode.getText(iteration.iterable)) : '';
  if (isLibraryIteratee(iteration)) return `the iteratee of \`${iteration.method ?? ''}(${short}, …)\``;
  return `the \`${short}.${iteration.method ?? 'map'}()\` callback`;
}

/**
 * The iterations that contain `node`, innermost first, up to the enclosing function that is not a per-element
 * callback. Only the parts that repeat count: a loop's body (and a `for` loop's test and update), not the iterable
 * of a `for...of` or the initialiser of a `for`. With the file's `sourceCode`, the iteratees of the `async` library's
 * collection functions (`async.map(ids, iteratee, done)`, `eachLimit`, `mapSeries`, ...) are per-element callbacks
 * too (`method` is then `async.<name>`), as are those of lodash's that behave like one of `methods` (`_.filter(cols,
 * fn)` like `filter`; `method` is then `_.<name>`).
 */
export function enclosingIterations(
  node: TSESTree.Node,
  methods: ReadonlySet<string> = PER_ITEM_METHODS,
  sourceCode?: TSESLint.SourceCode,
): Iteration[] {
  const result: Iteration[] = [];
  let child: TSESTree.Node = node;
  let current = node.parent;
  while (current) {
    switch (current.type) {
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
        if (child === current.body)
          result.push({ kind: 'loop', node: current, iterable: current.right, body: current.body });
        break;
      case AST_NODE_TYPES.ForStatement:
        if (child === current.body || child === current.test || child === current.update) {
          result.push({ kind: 'loop', node: current, iterable: null, body: current });
        }
        break;
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        if (child === current.body) result.push({ kind: 'loop', node: current, iterable: null, body: current.body });
        break;
      case AST_NODE_TYPES.SwitchCase:
        if (child !== current.test) {
          for (const loop of compiledLoopsAround(current)) {
            result.push({ kind: 'loop', node: loop.head, iterable: loop.iterable, body: loop.head, parts: loop.cases });
          }
        }
        break;
      default:
        // The body of a compiled async function is that function's own code.
        if (isFunctionNode(current) && !isCompiledAsyncBody(current)) {
          // A library's function first: `fp.filter(fn, list)` is no method of a list named `fp`.
          const library = sourceCode ? libraryIterationOf(current, sourceCode, methods) : null;
          const found = library ?? iterationCallOf(current, methods);
          if (!found) return result;
          result.push({
            kind: 'callback',
            node: current,
            iterable: found.iterable,
            body: current,
            method: found.method,
            ...(library ? { library: library.call, ...(library.like ? { like: library.like } : {}) } : {}),
          });
        }
    }
    child = current;
    current = current.parent;
  }
  return result;
}

/** The variables that change per iteration: the loop's declared variables, or the callback's parameters. */
function iterationVariables(iteration: Iteration, sourceCode: TSESLint.SourceCode): Set<Variable> {
  const variables = new Set<Variable>();
  const node = iteration.node;
  if (iteration.kind === 'callback' && isFunctionNode(node)) {
    for (const variable of sourceCode.getDeclaredVariables(node) as Variable[]) variables.add(variable);
  } else if (
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForStatement
  ) {
    const declaration = node.type === AST_NODE_TYPES.ForStatement ? node.init : node.left;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const variable of sourceCode.getDeclaredVariables(declaration) as Variable[]) variables.add(variable);
    } else if (declaration?.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(sourceCode.getScope(declaration) as never, declaration) as Variable | null;
      if (variable) variables.add(variable);
    }
  }
  return variables;
}

/**
 * Whether an expression's value changes per iteration: it reads an iteration variable, or a variable declared inside
 * the iteration (`const id = item.userId`).
 */
export function dependsOnIteration(
  expression: TSESTree.Node,
  iteration: Iteration,
  sourceCode: TSESLint.SourceCode,
): boolean {
  const perIteration = iterationVariables(iteration, sourceCode);
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.Identifier) {
      const parent = node.parent;
      const isPropertyName =
        (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) ||
        (parent.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && !parent.shorthand);
      if (!isPropertyName) {
        const variable = findVariable(sourceCode.getScope(node) as never, node) as Variable | null;
        if (
          variable &&
          (perIteration.has(variable) ||
            variable.defs.some((def) => isInIteration(def.name, iteration)) ||
            // A compiled loop declares nothing (its `var`s are hoisted): what it assigns changes per iteration.
            (iteration.parts !== undefined &&
              variable.references.some(
                (reference) => reference.isWrite() && isInIteration(reference.identifier, iteration),
              )))
        ) {
          found = true;
          return;
        }
      }
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(expression);
  return found;
}

/** The number a node visibly stands for: a non-negative integer literal, or a `const` bound to one. */
function visibleNumber(node: TSESTree.Node | undefined, sourceCode: TSESLint.SourceCode): number | null {
  if (!node) return null;
  let expression = skipTsWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const init = unchangedInitializer(expression, sourceCode);
    if (!init) return null;
    expression = init;
  }
  if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === '-') {
    const value = visibleNumber(expression.argument, sourceCode);
    return value === null ? null : -value;
  }
  return expression.type === AST_NODE_TYPES.Literal &&
    typeof expression.value === 'number' &&
    Number.isInteger(expression.value)
    ? expression.value
    : null;
}

/**
 * The most a `Math.min(...)` can be when one of its arguments is a number the code shows (`Math.min(rows.length,
 * 10)` is at most 10): the least of those numbers; `null` for anything else.
 */
function visibleCap(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): number | null {
  const call = skipTsWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipTsWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(callee) !== 'min') return null;
  const object = skipTsWrappers(callee.object);
  if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'Math') return null;
  const caps = call.arguments.flatMap((argument) => {
    const value = visibleNumber(argument, sourceCode);
    return value === null ? [] : [value];
  });
  return caps.length > 0 ? Math.min(...caps) : null;
}

/**
 * The least value a numeric expression can have, when the code shows it: number literals, `const`s bound to such
 * expressions, sums and products of non-negative parts, `Math.floor`/`ceil`/`round`/`trunc`/`max` of them and
 * `Math.random()` (at least 0). `HOUR_MS + Math.floor(Math.random() * JITTER_MS)` is at least `HOUR_MS`. `null`
 * when the value comes from data.
 */
export function visibleMinimum(
  node: TSESTree.Node | undefined,
  sourceCode: TSESLint.SourceCode,
  depth = 0,
): number | null {
  if (!node || depth > 8) return null;
  const expression = skipTsWrappers(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Literal:
      return typeof expression.value === 'number' ? expression.value : null;
    case AST_NODE_TYPES.Identifier: {
      const init = unchangedInitializer(expression, sourceCode);
      return init ? visibleMinimum(init, sourceCode, depth + 1) : null;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (expression.operator !== '+' && expression.operator !== '*') return null;
      const left = visibleMinimum(expression.left, sourceCode, depth + 1);
      const right = visibleMinimum(expression.right, sourceCode, depth + 1);
      if (left === null || right === null || left < 0 || right < 0) return null;
      return expression.operator === '+' ? left + right : left * right;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipTsWrappers(expression.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const object = skipTsWrappers(callee.object);
      const method = staticPropertyName(callee);
      if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'Math' || method === null) return null;
      if (method === 'random') return 0;
      const values = expression.arguments.map((argument) => visibleMinimum(argument, sourceCode, depth + 1));
      if (method === 'max') {
        const known = values.filter((value): value is number => value !== null);
        return known.length > 0 ? Math.max(...known) : null;
      }
      const [value] = values;
      if (values.length !== 1 || value === null) return null;
      return ['floor', 'ceil', 'round', 'trunc'].includes(method) ? Math.floor(value) : null;
    }
    default:
      return null;
  }
}

/**
 * The initialiser of a variable declared once and never assigned again (`const`, or `let`/`var` without later
 * writes) nor grown in place (`list.push(x)`, `unshift`, `splice`, `list[i] = x`, or an empty list handed to a
 * function that may fill it); also for a name destructured from it
 * (`const { rows } = await query()` gives `await query()`), unless `direct`.
 */
function unchangedInitializer(
  identifier: TSESTree.Identifier,
  sourceCode: TSESLint.SourceCode,
  direct = false,
): TSESTree.Node | null {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier) as Variable | null;
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init)
    return null;
  if (direct && def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
  if (variable.references.filter((reference) => reference.isWrite()).length > 1) return null;
  const init = skipTsWrappers(def.node.init);
  // An empty list is there to be filled: handed to a function, it may come back with any number of items.
  const empty = init.type === AST_NODE_TYPES.ArrayExpression && init.elements.length === 0;
  const grown = variable.references.some((reference) => {
    const identifier = reference.identifier;
    const parent = identifier.parent;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      if (MUTATING_METHODS.has(staticPropertyName(parent) ?? '')) return true;
      // `list[list.length] = item`.
      const assigned = parent.parent;
      return parent.computed && assigned.type === AST_NODE_TYPES.AssignmentExpression && assigned.left === parent;
    }
    return empty && parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(identifier as never);
  });
  return grown ? null : init;
}

/** List methods whose result has at most as many items as the list they are called on. */
const NOT_LARGER = new Set([
  'map',
  'filter',
  'sort',
  'reverse',
  'toSorted',
  'toReversed',
  'entries',
  'keys',
  'values',
  'concat',
]);

/** Query options and builder methods that cap how many rows a query returns. */
const LIMIT_NAMES = new Set(['limit', 'take', 'top', 'first', 'perDocumentLimit']);

/** The row limit a query call visibly sets: `.limit(n)`/`.take(n)` in its chain, `{ limit: n }`, `LIMIT n` in SQL. */
function queryLimit(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): number | null {
  let best: number | null = null;
  const take = (value: number | null): void => {
    if (value !== null && value >= 0 && (best === null || value < best)) best = value;
  };
  for (let current: TSESTree.Node = call; current.type === AST_NODE_TYPES.CallExpression;) {
    const callee = skipTsWrappers(current.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : null;
    if (method !== null && LIMIT_NAMES.has(method)) take(visibleNumber(current.arguments[0], sourceCode));
    for (const argument of current.arguments) {
      const value = skipTsWrappers(argument);
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of value.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const name = staticPropertyName(property);
          if (name !== null && LIMIT_NAMES.has(name)) take(visibleNumber(property.value, sourceCode));
        }
      } else if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') {
        const match = /\blimit\s+(\d+)\s*(?:offset\s+\d+\s*)?;?\s*$/iu.exec(value.value);
        if (match?.[1]) take(Number(match[1]));
      }
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    current = skipTsWrappers(callee.object);
  }
  return best;
}

/**
 * How many items a list has at most, when the code shows it: a literal array, `list.slice(a, b)` (or `slice(-n)`)
 * with numbers written in the code, a query with a row limit (`.limit(n)`, `{ take: n }`, `LIMIT n`), through
 * `const`s, `await`, result properties (`(await query()).rows`) and methods that do not add items (`map`,
 * `filter`, ...). `null` when the size comes from data.
 */
export function visibleListBound(
  node: TSESTree.Node | null,
  sourceCode: TSESLint.SourceCode,
  depth = 0,
): number | null {
  if (!node || depth > 8) return null;
  const expression = skipTsWrappers(node);
  switch (expression.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return expression.elements.some((element) => element?.type === AST_NODE_TYPES.SpreadElement)
        ? null
        : expression.elements.length;
    case AST_NODE_TYPES.Identifier: {
      const init = unchangedInitializer(expression, sourceCode);
      return init ? visibleListBound(init, sourceCode, depth + 1) : null;
    }
    case AST_NODE_TYPES.AwaitExpression:
      return visibleListBound(expression.argument, sourceCode, depth + 1);
    case AST_NODE_TYPES.MemberExpression:
      return visibleListBound(expression.object, sourceCode, depth + 1);
    case AST_NODE_TYPES.ChainExpression:
      return visibleListBound(expression.expression, sourceCode, depth + 1);
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipTsWrappers(expression.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : null;
      if (callee.type === AST_NODE_TYPES.MemberExpression && method === 'slice') {
        const start = expression.arguments.at(0);
        const end = expression.arguments.at(1);
        const from = start ? visibleNumber(start, sourceCode) : 0;
        const to = end ? visibleNumber(end, sourceCode) : null;
        if (from !== null && from < 0 && !end) return -from;
        if (from !== null && to !== null && from >= 0 && to >= from) return to - from;
        return visibleListBound(callee.object, sourceCode, depth + 1);
      }
      if (callee.type === AST_NODE_TYPES.MemberExpression && method !== null && NOT_LARGER.has(method)) {
        const object = skipTsWrappers(callee.object);
        // `Object.keys(x)` and the like: as many items as `x` has properties, or as the list `x`.
        if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'Object' || object.name === 'Array'))
          return visibleListBound(expression.arguments[0] ?? null, sourceCode, depth + 1);
        const bound = visibleListBound(callee.object, sourceCode, depth + 1);
        if (bound !== null || method !== 'concat') return bound ?? queryLimit(expression, sourceCode);
        return null;
      }
      return queryLimit(expression, sourceCode);
    }
    case AST_NODE_TYPES.ObjectExpression:
      return expression.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)
        ? null
        : expression.properties.length;
    default:
      return null;
  }
}

/** Helpers that split a list into chunks (`chunk(ids, 100)`, `_.chunk`, `splitEvery`, `batches(list, n)`). */
const CHUNKING = /^(?:chunk|chunks|chunked|chunkArray|splitEvery|batches|batch|inBatches|partition|paginate)$/iu;

/**
 * Whether a loop or a per-item callback goes over chunks of a list rather than its items: a `for` loop that steps
 * by anything but one (`i += size`), or an iteration over what a chunking helper returns (`chunk(ids, 100)`,
 * `_.chunk`, `splitEvery`). That is the batched form of per-item work, sequential on purpose.
 */
export function isChunkedIteration(node: TSESTree.Node, iterable: TSESTree.Node | null | undefined): boolean {
  if (node.type === AST_NODE_TYPES.ForStatement && node.update?.type === AST_NODE_TYPES.AssignmentExpression) {
    const step = node.update.right;
    if (node.update.operator === '+=' && !(step.type === AST_NODE_TYPES.Literal && step.value === 1)) return true;
  }
  const list = iterable ? skipTsWrappers(iterable) : null;
  if (list?.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = nameOf(skipTsWrappers(list.callee));
  return name !== null && CHUNKING.test(name);
}

/**
 * For a `for` or `while` loop: the most times it can run when its test compares a counter with a number written in
 * the code (`for (let attempt = 0; attempt < 3; attempt++)`, `while (tries <= MAX_TRIES)`), also as a cap
 * (`i < Math.min(rows.length, 10)`); `null` otherwise.
 */
export function visibleLoopBound(loop: TSESTree.Node, sourceCode: TSESLint.SourceCode): number | null {
  if (
    loop.type !== AST_NODE_TYPES.ForStatement &&
    loop.type !== AST_NODE_TYPES.WhileStatement &&
    loop.type !== AST_NODE_TYPES.DoWhileStatement
  )
    return null;
  const test = loop.test ? skipTsWrappers(loop.test) : null;
  if (test?.type !== AST_NODE_TYPES.BinaryExpression) return null;
  const limit = visibleNumber(test.right, sourceCode) ?? visibleCap(test.right, sourceCode);
  if (limit === null || limit < 0 || test.left.type !== AST_NODE_TYPES.Identifier) return null;
  if (test.operator === '<') return limit;
  if (test.operator === '<=') return limit + 1;
  return null;
}
