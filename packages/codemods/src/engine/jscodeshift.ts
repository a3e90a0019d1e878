import type { ASTNode, ASTPath, JSCodeshift } from 'jscodeshift';
import { createRequire } from 'node:module';
import { jscodeshiftParser } from './language.js';

const require = createRequire(import.meta.url);

// `jscodeshift.withParser` builds a new API object with every collection method on each call, garbage for every file
// (docs/benchmarks.md, "Codemods"); one per parser serves every file. jscodeshift (with recast and Babel's parser)
// loads on first use: most files have no site for a codemod that needs it.
const byParser = new Map<string, JSCodeshift>();

/** The jscodeshift API with the parser for `file` (`jscodeshiftParser`), made once per parser. */
export function jscodeshiftFor(file: string): JSCodeshift {
  const parser = jscodeshiftParser(file);
  let j = byParser.get(parser);
  if (!j) byParser.set(parser, (j = (require('jscodeshift') as JSCodeshift).withParser(parser)));
  return j;
}

// Typed access to the nodes jscodeshift parses. ast-types declares every node type (`namedTypes`) but types a path's
// `parent` and `scope` as `any` and leaves out the offsets Babel's parser adds, so each transform used to cast its
// way through the tree. The helpers below are the one place that knows those shapes.

/** The ast-types node whose `type` is `T` (`NodeOf<'CallExpression'>` is `namedTypes.CallExpression`). */
export type NodeOf<T extends ASTNode['type']> = Extract<ASTNode, { type: T }>;

/**
 * Whether `value` is a node of exactly the type `type` (or one of `type`). ast-types' `n.X.check` also accepts the
 * subtypes of `X` (`n.Literal.check` holds for a `StringLiteral`); the transforms compare exact types.
 */
export function isNode<T extends ASTNode['type']>(value: unknown, type: T | readonly T[]): value is NodeOf<T> {
  if (typeof value !== 'object' || value === null || !('type' in value) || typeof value.type !== 'string') {
    return false;
  }
  const actual = value.type;
  return typeof type === 'string' ? actual === type : type.some((candidate) => candidate === actual);
}

/** The node types that start a function body, where `await` and `return` change meaning. */
export const FUNCTION_TYPES = [
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
] as const satisfies readonly ASTNode['type'][];

export type FunctionNode = NodeOf<(typeof FUNCTION_TYPES)[number]>;

/** Whether `value` is a function of any kind (declaration, expression, arrow, method). */
export function isFunction(value: unknown): value is FunctionNode {
  return isNode(value, FUNCTION_TYPES);
}

/** The name of an identifier, or `null` for anything else. */
export function identifierName(value: unknown): string | null {
  return isNode(value, 'Identifier') ? value.name : null;
}

/** Offsets into the source, which Babel's parser (every jscodeshift parser here) sets on each node. */
function offset(node: object, key: 'start' | 'end'): number {
  const value: unknown = key in node ? Reflect.get(node, key) : undefined;
  if (typeof value !== 'number') throw new Error(`no source offsets on this ${nodeType(node)} node`);
  return value;
}

function nodeType(node: object): string {
  return 'type' in node && typeof node.type === 'string' ? node.type : 'non-AST';
}

/** Where `node` starts in the source it was parsed from. */
export function startOf(node: object): number {
  return offset(node, 'start');
}

/** Where `node` ends in the source it was parsed from. */
export function endOf(node: object): number {
  return offset(node, 'end');
}

/** The source text of `node`. */
export function textOf(source: string, node: object): string {
  return source.slice(startOf(node), endOf(node));
}

/** Where the parentheses around an expression start (Babel's `extra.parenStart`), or `null` when there are none. */
export function parenStart(node: object): number | null {
  const extra: unknown = 'extra' in node ? node.extra : undefined;
  if (typeof extra !== 'object' || extra === null) return null;
  if (!('parenthesized' in extra) || extra.parenthesized !== true) return null;
  return 'parenStart' in extra && typeof extra.parenStart === 'number' ? extra.parenStart : null;
}

/** The path of the node that holds `path`'s node, skipping the arrays between them (`null` at the root). */
export function parentOf(path: ASTPath): ASTPath | null {
  const parent: unknown = path.parent;
  return isPath(parent) ? parent : null;
}

/** The node that holds `path`'s node (`null` at the root). */
export function parentNode(path: ASTPath): ASTNode | null {
  return parentOf(path)?.node ?? null;
}

/** The `levels`-th ancestor path of `path` (1 is the parent), `null` above the root. */
export function ancestorOf(path: ASTPath, levels: number): ASTPath | null {
  let current: ASTPath | null = path;
  for (let i = 0; i < levels && current; i += 1) current = parentOf(current);
  return current;
}

function isPath(value: unknown): value is ASTPath {
  return typeof value === 'object' && value !== null && 'node' in value && 'parentPath' in value;
}

/** The parts of ast-types' scope that the transforms read, which it types as `any`. */
export interface Scope {
  readonly node: ASTNode;
  readonly parent: Scope | null;
  readonly isGlobal: boolean;
  declares(name: string): boolean;
  /** The scope that declares `name`; throws past a `catch` clause without a binding (see `declaringScope`). */
  lookup(name: string): Scope | null;
}

/** The scope `path`'s node is in. */
export function scopeOf(path: ASTPath): Scope | null {
  const scope: unknown = path.scope;
  return isScope(scope) ? scope : null;
}

function isScope(value: unknown): value is Scope {
  return typeof value === 'object' && value !== null && 'declares' in value && 'node' in value;
}

/**
 * The scope that declares `name`, seen from `scope`. ast-types' own `lookup` throws ("null does not match type
 * Pattern") when it passes a `catch` clause without a binding (`catch { ... }`), which declares nothing.
 */
export function declaringScope(scope: Scope | null, name: string): Scope | null {
  for (let current = scope; current; current = current.parent) {
    if (isNode(current.node, 'CatchClause') && !current.node.param) continue;
    if (current.declares(name)) return current;
  }
  return null;
}

/** The fields of a node that never hold code: its position and its comments. */
const NOT_CHILDREN = new Set(['loc', 'comments', 'leadingComments', 'trailingComments']);

/** The nodes directly below `node` (in its fields' order, which is source order for the parsers here). */
export function childNodes(node: ASTNode): ASTNode[] {
  const children: ASTNode[] = [];
  for (const key of Object.keys(node)) {
    if (NOT_CHILDREN.has(key)) continue;
    const value: unknown = Reflect.get(node, key);
    for (const child of Array.isArray(value) ? value : [value]) {
      if (isAnyNode(child)) children.push(child);
    }
  }
  return children;
}

/**
 * The node in field `key` of `node`, for fields that ast-types does not declare on that type or declares under
 * another parser's name (Babel's `typeParameters` is ast-types' `typeArguments` on a `new` expression).
 */
export function fieldNode(node: object, key: string): ASTNode | null {
  const value: unknown = Reflect.get(node, key);
  return isAnyNode(value) ? value : null;
}

/** Whether `value` looks like a node: an object with a string `type`. */
export function isAnyNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
}

/**
 * Every node below `node`, in source order. Nested functions (and what is in them) only with `intoFunctions`: code
 * there runs at another time, so most questions about a function's own statements stop at them.
 */
export function* descendants(node: ASTNode, intoFunctions = false): Generator<ASTNode> {
  for (const child of childNodes(node)) {
    if (!intoFunctions && isFunction(child)) continue;
    yield child;
    yield* descendants(child, intoFunctions);
  }
}

/** The line (1-based) `node` starts on. */
export function startLine(node: ASTNode): number {
  const loc = 'loc' in node ? node.loc : null;
  if (!loc) throw new Error(`no location on this ${node.type} node`);
  return loc.start.line;
}

/** The line (1-based) `node` ends on. */
export function endLine(node: ASTNode): number {
  const loc = 'loc' in node ? node.loc : null;
  if (!loc) throw new Error(`no location on this ${node.type} node`);
  return loc.end.line;
}
