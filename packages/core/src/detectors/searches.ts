import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { isFunctionNode, skipTsWrappers, staticPropertyName } from '../ast.js';
import { LODASH_SEARCH_APIS, type LodashCollectionEntry } from '../catalogue/lodash.js';
import { findApiUses } from '../tracker.js';

/** Array methods that scan a list for a key: through a callback (`find`, `some`) or for a value (`includes`). */
const SEARCH_METHODS: ReadonlySet<string> = new Set([
  'find',
  'filter',
  'findIndex',
  'some',
  'includes',
  'indexOf',
  'lastIndexOf',
]);
/** Searches for a value itself (`ids.includes(id)`, `ids.indexOf(id)`), not through a callback. */
const VALUE_SEARCHES: ReadonlySet<string> = new Set(['includes', 'indexOf', 'lastIndexOf']);

/**
 * lodash's (and Underscore's) searches for a value (`_.includes(list, value)`, `_.contains`) and for the values of a
 * second list (`_.intersection`).
 */
const LODASH_VALUE_SEARCHES: ReadonlySet<string> = new Set([
  'includes',
  'contains',
  'indexOf',
  'lastIndexOf',
  'intersection',
]);

/** `(row) => row.id === key`: the row parameter, the compared property (`null` for the row itself) and the key. */
export interface KeyMatch {
  readonly param: TSESTree.Identifier;
  readonly property: string | null;
  readonly key: TSESTree.Expression;
}

/** A search of a list by key (`rows.find((row) => row.id === id)`, `ids.includes(id)`, `_.find(rows, { id })`). */
export interface ListSearch {
  /** The list scanned. */
  readonly receiver: TSESTree.Node;
  /** What each element is compared with. */
  readonly key: TSESTree.Node;
  /** The array method, or lodash's function name. */
  readonly method: string;
  /** The callback's comparison, for an array method's callback. */
  readonly match: KeyMatch | null;
  /** `_.<name>` for lodash's functions, however the code imported them; `null` for array methods. */
  readonly callee: string | null;
}

/** The expression a callback returns when its body is that expression or a single `return`. */
function onlyReturned(fn: TSESTree.Node): TSESTree.Node | null {
  if (!isFunctionNode(fn)) return null;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const [only] = fn.body.body;
  return fn.body.body.length === 1 && only.type === AST_NODE_TYPES.ReturnStatement ? only.argument : null;
}

/** `row.id` or `row` where `row` is the parameter. */
function rowSide(node: TSESTree.Node, param: TSESTree.Identifier): { property: string | null } | null {
  const expression = skipTsWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier && expression.name === param.name) return { property: null };
  if (expression.type === AST_NODE_TYPES.MemberExpression && !expression.optional) {
    const object = skipTsWrappers(expression.object);
    const name = staticPropertyName(expression);
    if (
      object.type === AST_NODE_TYPES.Identifier &&
      object.name === param.name &&
      name !== null &&
      /^[A-Za-z_$][\w$]*$/u.test(name)
    ) {
      return { property: name };
    }
  }
  return null;
}

function mentions(node: TSESTree.Node, name: string): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const parent = node.parent;
    const isKey = parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed;
    return node.name === name && !isKey;
  }
  for (const key of Object.keys(node) as (keyof typeof node)[]) {
    if (key === 'parent') continue;
    const child = node[key] as unknown;
    if (Array.isArray(child)) {
      if (
        child.some(
          (item) => item && typeof item === 'object' && 'type' in item && mentions(item as TSESTree.Node, name),
        )
      )
        return true;
    } else if (child && typeof child === 'object' && 'type' in child && mentions(child as TSESTree.Node, name)) {
      return true;
    }
  }
  return false;
}

/** The comparison of a search callback: `(row) => row.id === key` (either way round, `==` too). */
export function keyMatch(callback: TSESTree.Node | undefined): KeyMatch | null {
  if (!callback || !isFunctionNode(callback) || callback.params.length !== 1) return null;
  const [param] = callback.params;
  if (param.type !== AST_NODE_TYPES.Identifier) return null;
  const returned = onlyReturned(callback);
  const test = returned ? skipTsWrappers(returned) : null;
  if (test?.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '=='))
    return null;
  for (const [row, key] of [
    [test.left, test.right],
    [test.right, test.left],
  ] as const) {
    const side = rowSide(row, param);
    if (side && !mentions(key, param.name)) return { param, property: side.property, key };
  }
  return null;
}

/**
 * The key of lodash's shorthands for a match on one property: `_.find(rows, { id: key })` (`matches`) and
 * `_.find(rows, ['id', key])` (`matchesProperty`).
 */
function shorthandKey(argument: TSESTree.Node): TSESTree.Node | null {
  const shorthand = skipTsWrappers(argument);
  if (shorthand.type === AST_NODE_TYPES.ArrayExpression) {
    const [property, key] = shorthand.elements;
    return shorthand.elements.length === 2 &&
      property?.type === AST_NODE_TYPES.Literal &&
      typeof property.value === 'string' &&
      key &&
      key.type !== AST_NODE_TYPES.SpreadElement
      ? key
      : null;
  }
  if (shorthand.type !== AST_NODE_TYPES.ObjectExpression || shorthand.properties.length !== 1) return null;
  const [property] = shorthand.properties;
  return property.type === AST_NODE_TYPES.Property && property.kind === 'init' && staticPropertyName(property) !== null
    ? property.value
    : null;
}

const lodashSearches = new WeakMap<TSESTree.Program, ReadonlyMap<TSESTree.Node, LodashCollectionEntry>>();

/**
 * The search a call makes, if it is one: the list it scans, the key that each element is compared with, the method,
 * the callback's comparison, and for lodash's functions (`_.includes(list, value)`) their name, however the code
 * imported them (found once per file).
 */
export function listSearchOf(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): ListSearch | null {
  let searches = lodashSearches.get(sourceCode.ast);
  if (!searches) {
    searches = new Map(findApiUses(sourceCode, LODASH_SEARCH_APIS).map((use) => [use.node, use.entry]));
    lodashSearches.set(sourceCode.ast, searches);
  }
  const entry = searches.get(call);
  if (entry !== undefined) {
    const lodash = entry.collection;
    // lodash/fp's forms (`fp.includes(value, list)`, curried `fp.includes(value)(list)`) are not read.
    if (entry.dataLast === true || call.arguments.length < 2) return null;
    let [list, second] = call.arguments;
    if (list.type === AST_NODE_TYPES.SpreadElement || second.type === AST_NODE_TYPES.SpreadElement) return null;
    // `_.intersection([id], ids)` scans `ids` as much as `_.intersection(ids, [id])`.
    if (lodash === 'intersection' && skipTsWrappers(list).type === AST_NODE_TYPES.ArrayExpression)
      [list, second] = [second, list];
    const key = LODASH_VALUE_SEARCHES.has(lodash) ? second : (keyMatch(second)?.key ?? shorthandKey(second));
    if (!key) return null;
    return { receiver: skipTsWrappers(list), key, method: lodash, match: null, callee: `_.${lodash}` };
  }
  const callee = skipTsWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || call.optional) return null;
  const method = staticPropertyName(callee);
  if (method === null || !SEARCH_METHODS.has(method)) return null;
  const match = VALUE_SEARCHES.has(method) ? null : keyMatch(call.arguments[0]);
  const key = match ? match.key : VALUE_SEARCHES.has(method) ? call.arguments.at(0) : undefined;
  if (!key) return null;
  return { receiver: skipTsWrappers(callee.object), key, method, match, callee: null };
}
