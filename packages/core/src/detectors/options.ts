import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { isFunctionNode, nameOf, skipTsWrappers, staticPropertyName } from '../ast.js';

type Variable = TSESLint.Scope.Variable;

/**
 * The options object of a call as far as the file shows it:
 * - `absent`: the call passes none (library defaults apply);
 * - `object`: an object literal, inline or through a `const` of this file (`node`), with `argument` the argument node
 *   (an identifier when the literal is bound to a `const`);
 * - `opaque`: something else (a parameter, a call result, an imported value): its properties are unknown.
 */
export type OptionsObject =
  | { readonly kind: 'absent'; readonly index: number }
  | {
      readonly kind: 'object';
      readonly node: TSESTree.ObjectExpression;
      readonly argument: TSESTree.Node;
      readonly index: number;
    }
  | { readonly kind: 'opaque'; readonly argument: TSESTree.Node; readonly index: number };

/** Whether an option is set: `present` (with its property), `missing`, or `unknown` (a spread may set it). */
export type OptionPresence =
  | { readonly kind: 'present'; readonly property: TSESTree.Property }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unknown' };

/** The value bound to an identifier by a `const` declaration of this file that is never reassigned. */
export function constInitializer(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): TSESTree.Node | null {
  const expression = skipTsWrappers(node);
  if (expression.type !== AST_NODE_TYPES.Identifier) return expression;
  const variable = findVariable(sourceCode.getScope(expression) as never, expression) as Variable | null;
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  const declarator = def.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
  if (variable.references.some((reference) => reference.isWrite() && reference.identifier !== declarator.id))
    return null;
  if ((def.parent as TSESTree.VariableDeclaration | null)?.kind !== 'const') return null;
  return skipTsWrappers(declarator.init);
}

/**
 * The names a variable's options object gets after its literal (`config.headers = ...`), per literal: `findOption`
 * cannot tell whether such a name is set when the call runs.
 */
const laterAssigned = new WeakMap<TSESTree.ObjectExpression, ReadonlySet<string>>();

/**
 * The object literal a variable holds: `const options = {...}`, or `let config = { headers: {} }` never reassigned.
 * Properties assigned to it later under names the code shows (`config.headers = ...`) are remembered for
 * `findOption`; `null` when it is reassigned or given properties under computed names.
 */
function variableObject(
  sourceCode: TSESLint.SourceCode,
  identifier: TSESTree.Identifier,
): TSESTree.ObjectExpression | null {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier) as Variable | null;
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  const declarator = def.node;
  const init = declarator.init ? skipTsWrappers(declarator.init) : null;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || init?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const assigned = new Set<string>();
  for (const reference of variable.references) {
    if (reference.init) continue;
    if (reference.isWrite()) return null;
    const node = reference.identifier as TSESTree.Identifier;
    const member = node.parent;
    // Another name for the object, or an object it is merged into, may be given the option the file does not see.
    if (
      (member.type === AST_NODE_TYPES.VariableDeclarator && member.init === node) ||
      (member.type === AST_NODE_TYPES.AssignmentExpression && member.right === node) ||
      (member.type === AST_NODE_TYPES.CallExpression && member.arguments[0] === node && mergesInto(member))
    )
      return null;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) continue;
    const written =
      (member.parent.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member) ||
      (member.parent.type === AST_NODE_TYPES.UpdateExpression && member.parent.argument === member) ||
      (member.parent.type === AST_NODE_TYPES.UnaryExpression && member.parent.operator === 'delete');
    if (!written) continue;
    const name = staticPropertyName(member);
    if (name === null) return null;
    assigned.add(name);
  }
  if (assigned.size > 0) laterAssigned.set(init, assigned);
  return init;
}

/** `Object.assign(target, …)`, lodash's `merge`/`assign`/`defaults`/`set`: a call that changes its first argument. */
function mergesInto(call: TSESTree.CallExpression): boolean {
  const callee = skipTsWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = staticPropertyName(callee);
  return name === 'assign' || name === 'merge' || name === 'defaults' || name === 'defaultsDeep' || name === 'set';
}

function asObject(sourceCode: TSESLint.SourceCode, argument: TSESTree.Node, index: number): OptionsObject {
  const expression = skipTsWrappers(argument);
  const object =
    expression.type === AST_NODE_TYPES.Identifier
      ? variableObject(sourceCode, expression)
      : expression.type === AST_NODE_TYPES.ObjectExpression
        ? expression
        : null;
  if (object) return { kind: 'object', node: object, argument, index };
  return { kind: 'opaque', argument, index };
}

/** Methods only strings have (arrays share `indexOf`, `includes`, `slice`, `concat`: those prove nothing). */
const STRING_METHODS = new Set([
  'startsWith',
  'endsWith',
  'match',
  'matchAll',
  'replace',
  'replaceAll',
  'toLowerCase',
  'toUpperCase',
  'trim',
  'trimStart',
  'trimEnd',
  'split',
  'charAt',
  'charCodeAt',
  'padStart',
  'padEnd',
  'substring',
  'substr',
  'normalize',
  'localeCompare',
]);

/** Functions whose first argument must be a string: URL and path parsers, validators, encoders. */
const STRING_FUNCTIONS = new Set([
  'isURL',
  'isUrl',
  'extname',
  'basename',
  'dirname',
  'encodeURI',
  'encodeURIComponent',
]);

/** The property path of `data.thumb` (`['thumb']`) below its root identifier, or `null` for other expressions. */
function memberPath(node: TSESTree.Node): { readonly root: TSESTree.Identifier; readonly path: string[] } | null {
  const path: string[] = [];
  let current = skipTsWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.computed || current.property.type !== AST_NODE_TYPES.Identifier) return null;
    path.unshift(current.property.name);
    current = skipTsWrappers(current.object);
  }
  return current.type === AST_NODE_TYPES.Identifier ? { root: current, path } : null;
}

/** Whether `use` (an expression) is where only a string may go: `isURL(use)`, `path.extname(use)`, `use.trim()`. */
function stringUse(use: TSESTree.Node): boolean {
  const parent = use.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === use) {
    const name = staticPropertyName(parent);
    return name !== null && STRING_METHODS.has(name) && parent.parent.type === AST_NODE_TYPES.CallExpression;
  }
  if (
    (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments[0] === use
  ) {
    const callee = skipTsWrappers(parent.callee);
    const name = nameOf(callee);
    if (parent.type === AST_NODE_TYPES.NewExpression) return name === 'URL';
    // `JSON.parse` and `url.parse` take strings; a bare `parse(x)` of another library might not.
    if (name === 'parse' && callee.type === AST_NODE_TYPES.MemberExpression) {
      const object = skipTsWrappers(callee.object);
      return object.type === AST_NODE_TYPES.Identifier && (object.name === 'url' || object.name === 'JSON');
    }
    return name !== null && STRING_FUNCTIONS.has(name);
  }
  return false;
}

const LOOPS = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/**
 * Whether the code shows an argument to be a string although it is no literal: the same variable or property path
 * (`data.thumb`) is checked with a URL validator, handed to a function that takes only strings, or has a string
 * method called on it (an options object would have thrown there), with no assignment to it between that use and the
 * call in the source, nor in a loop around the call.
 */
function shownToBeString(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  const target = memberPath(node);
  if (!target) return false;
  const variable = findVariable(sourceCode.getScope(target.root) as never, target.root) as Variable | null;
  if (!variable || variable.defs.length !== 1) return false;
  const evidence: number[] = [];
  const assignments: TSESTree.Node[] = [];
  for (const reference of variable.references) {
    // The variable given another value: every property path below it changes too.
    if (reference.isWrite() && !reference.init) assignments.push(reference.identifier);

    let use: TSESTree.Node = reference.identifier;
    let matched = true;
    for (const name of target.path) {
      const parent: TSESTree.Node = use.parent;
      if (
        parent.type !== AST_NODE_TYPES.MemberExpression ||
        parent.object !== use ||
        staticPropertyName(parent) !== name
      ) {
        matched = false;
        break;
      }
      use = parent;
    }
    if (!matched) continue;
    const parent = use.parent;
    // Code that asks whether it is a string (`typeof input === 'string' && input.startsWith('/')`) takes both shapes.
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'typeof') return false;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === use) assignments.push(use);
    else if (stringUse(use)) evidence.push(use.range[0]);
  }
  const at = node.range[0];
  for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
    if (!LOOPS.has(ancestor.type)) continue;
    const [from, to] = ancestor.range;
    if (assignments.some((assignment) => assignment.range[0] >= from && assignment.range[0] < to)) return false;
  }
  return evidence.some((use) => {
    const [from, to] = use < at ? [use, at] : [at, use];
    return !assignments.some((assignment) => assignment.range[0] > from && assignment.range[0] < to);
  });
}

/**
 * Whether an argument is (statically) a URL: a string, a template, string concatenation or `new URL(...)`, or a value
 * the code around shows to be a string.
 */
function isUrlLike(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  const value = constInitializer(sourceCode, node);
  if (!value) return shownToBeString(sourceCode, node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string';
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') return true;
  if (
    value.type === AST_NODE_TYPES.NewExpression &&
    value.callee.type === AST_NODE_TYPES.Identifier &&
    value.callee.name === 'URL'
  )
    return true;
  return shownToBeString(sourceCode, node);
}

/**
 * The options argument of a call. `index` is a fixed position, or `url-or-options` for `(url?, options?, callback?)`
 * signatures (`http.request`, `axios(...)`, `got(...)`), where a leading non-URL argument is the options.
 */
export function optionsArgument(
  sourceCode: TSESLint.SourceCode,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number | 'url-or-options',
): OptionsObject {
  const args = call.arguments;
  if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) {
    return { kind: 'opaque', argument: args[0] as TSESTree.Node, index: 0 };
  }
  if (index !== 'url-or-options') {
    const argument = args.at(index);
    // `needle.get(url, callback)`: a callback where the options may be means there are none.
    if (!argument || isCallback(sourceCode, argument)) return { kind: 'absent', index };
    return asObject(sourceCode, argument, index);
  }
  const first = args.at(0);
  if (!first) return { kind: 'absent', index: 0 };
  if (!isUrlLike(sourceCode, first)) {
    const options = asObject(sourceCode, first, 0);
    if (options.kind === 'object' || !args[1] || isCallback(sourceCode, args[1])) return options;
    // `(something, somethingElse)`: the first is a URL object of unknown shape.
  }
  const second = args.at(1);
  if (!second || isCallback(sourceCode, second)) return { kind: 'absent', index: 1 };
  return asObject(sourceCode, second, 1);
}

/** Names Node code gives the continuation it is passed (`function (next) { request.head(url, next); }`). */
const CONTINUATION_NAMES = new Set(['next', 'callback', 'cb', 'done']);

/**
 * Whether an argument is a function: written inline or bound to a `const`, a name the code calls elsewhere
 * (`next(err)`), or a parameter named like a continuation. In a callback's place it means that the call passes no options.
 */
function isCallback(sourceCode: TSESLint.SourceCode, argument: TSESTree.Node): boolean {
  const expression = skipTsWrappers(argument);
  if (isFunctionNode(expression)) return true;
  if (expression.type !== AST_NODE_TYPES.Identifier) return false;
  const value = constInitializer(sourceCode, expression);
  if (value && isFunctionNode(value)) return true;
  const variable = findVariable(sourceCode.getScope(expression) as never, expression) as Variable | null;
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length !== 1) return false;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
  if (def.type === 'Parameter' && CONTINUATION_NAMES.has(expression.name)) return true;
  return variable.references.some((reference) => {
    const parent = reference.identifier.parent;
    return parent.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier;
  });
}

/** Whether an options object sets `name` (a spread after which it is not set may set it). */
export function findOption(options: TSESTree.ObjectExpression, name: string): OptionPresence {
  // `config.timeout = 5000` after `let config = {...}`: set or not when the call runs, the file does not say.
  if (laterAssigned.get(options)?.has(name)) return { kind: 'unknown' };
  let spread = false;
  let found: TSESTree.Property | null = null;
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      spread = true;
      found = null;
      continue;
    }
    if (staticPropertyName(property) === name) {
      found = property;
      spread = false;
    } else if (property.computed && staticPropertyName(property) === null) {
      spread = true;
    }
  }
  if (found) return { kind: 'present', property: found };
  return spread ? { kind: 'unknown' } : { kind: 'missing' };
}

/** The boolean literal value of a property, or `null` when it is not a boolean literal. */
export function booleanValue(property: TSESTree.Property): boolean | null {
  const value = skipTsWrappers(property.value);
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean' ? value.value : null;
}

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** The function of this file a callee names: a function declaration, or a `const` bound to a function expression. */
function localFunction(sourceCode: TSESLint.SourceCode, callee: TSESTree.Node): FunctionNode | null {
  const expression = skipTsWrappers(callee);
  if (expression.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(sourceCode.getScope(expression) as never, expression) as Variable | null;
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  const value = constInitializer(sourceCode, expression);
  return value?.type === AST_NODE_TYPES.ArrowFunctionExpression || value?.type === AST_NODE_TYPES.FunctionExpression
    ? value
    : null;
}

/** The values a function returns: its expression body, or the arguments of its own `return` statements. */
function returnedValues(fn: FunctionNode): TSESTree.Node[] | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const values: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || isFunctionNode(node)) continue;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (!node.argument) return null;
      values.push(node.argument);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      for (const child of Array.isArray(value) ? (value as unknown[]) : [value]) {
        if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string')
          stack.push(child as TSESTree.Node);
      }
    }
  }
  return values.length > 0 ? values : null;
}

/**
 * When an options argument is built by calling a function (`got(url, requestOptions(req))`, also awaited or through a
 * `const`): `objects` are the object literals that function returns, when it is a function of this file whose every
 * `return` gives an object literal; `null` when the file does not show what it returns (an imported helper, a method,
 * a return of something else). `null` overall when the argument is not a call.
 */
export function helperOptions(
  sourceCode: TSESLint.SourceCode,
  argument: TSESTree.Node,
): { readonly objects: readonly TSESTree.ObjectExpression[] | null } | null {
  let value = constInitializer(sourceCode, argument);
  if (value?.type === AST_NODE_TYPES.AwaitExpression) value = skipTsWrappers(value.argument);
  if (value?.type !== AST_NODE_TYPES.CallExpression) return null;
  const fn = localFunction(sourceCode, value.callee);
  const returned = fn ? returnedValues(fn) : null;
  if (!returned) return { objects: null };
  const objects: TSESTree.ObjectExpression[] = [];
  for (const node of returned) {
    const object = constInitializer(sourceCode, node);
    if (object?.type !== AST_NODE_TYPES.ObjectExpression) return { objects: null };
    objects.push(object);
  }
  return { objects };
}
