import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { isFunctionNode, isTsWrapper, skipTsWrappers, staticPropertyName } from '../ast.js';

type Reference = TSESLint.Scope.Reference;
export type Variable = TSESLint.Scope.Variable;

/**
 * The scopes that hold a file's top-level bindings: the global scope and the scopes of the program itself, that is
 * the `module` scope of an ES module, and the function scope that wraps a CommonJS module when the scope analysis
 * models Node's module wrapper (ESLint's own analysis with `sourceType: 'commonjs'`).
 */
export function moduleScopes(globalScope: TSESLint.Scope.Scope): TSESLint.Scope.Scope[] {
  return [globalScope, ...globalScope.childScopes.filter((scope) => scope.block.type === AST_NODE_TYPES.Program)];
}

const referenceCache = new WeakMap<TSESTree.Program, Reference[]>();

/** Every reference of the file, ordered by position (cached per AST). */
function fileReferences(sourceCode: TSESLint.SourceCode): Reference[] {
  const program = sourceCode.ast;
  const cached = referenceCache.get(program);
  if (cached) return cached;
  const references: Reference[] = [];
  for (const scope of sourceCode.scopeManager?.scopes ?? []) references.push(...scope.references);
  references.sort((a, b) => a.identifier.range[0] - b.identifier.range[0]);
  referenceCache.set(program, references);
  return references;
}

/** The references whose identifier lies inside `node`, in source order. */
export function referencesWithin(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): Reference[] {
  const all = fileReferences(sourceCode);
  const [start, end] = node.range;
  let low = 0;
  let high = all.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (all[mid].identifier.range[0] < start) low = mid + 1;
    else high = mid;
  }
  const result: Reference[] = [];
  for (let i = low; i < all.length && all[i].identifier.range[0] < end; i += 1) result.push(all[i]);
  return result;
}

/** The variable an identifier refers to (or declares), through the scope manager. */
export function variableOf(sourceCode: TSESLint.SourceCode, identifier: TSESTree.Identifier): Variable | null {
  const reference = referencesWithin(sourceCode, identifier).find((r) => r.identifier === identifier);
  if (reference) return reference.resolved;
  for (let node: TSESTree.Node | undefined = identifier.parent; node; node = node.parent) {
    const declared = sourceCode.scopeManager?.getDeclaredVariables(node) ?? [];
    const match = declared.find((v) => v.identifiers.includes(identifier));
    if (match) return match;
    if (node.type.endsWith('Statement') || node.type.endsWith('Declaration')) break;
  }
  return null;
}

/**
 * The one definition of the variable an identifier names, when nothing assigns the variable after it: a parameter
 * never reassigned (a default value is its own), `const t = ...`, a `let` only initialised. `null` for a variable with
 * several definitions or a later write, and for an identifier that names no variable.
 */
export function soleDefinition(
  sourceCode: TSESLint.SourceCode,
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Definition | null {
  const variable = variableOf(sourceCode, identifier);
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length !== 1) return null;
  const reassigned = variable.references.some((reference) => reference.isWrite() && reference.identifier !== def.name);
  return reassigned ? null : def;
}

/** The variables read inside `node` (resolved references only; globals have no variable). */
export function readVariables(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): Set<Variable> {
  const result = new Set<Variable>();
  for (const reference of referencesWithin(sourceCode, node)) {
    if (reference.resolved && reference.isRead()) result.add(reference.resolved);
  }
  return result;
}

/** The object whose state `a.b.c = ...`, `a[k]++` or `delete a.b` changes: the root identifier `a`. */
export function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | null {
  let current = skipTsWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression || current.type === AST_NODE_TYPES.ChainExpression) {
    current = skipTsWrappers(current.type === AST_NODE_TYPES.ChainExpression ? current.expression : current.object);
  }
  return current.type === AST_NODE_TYPES.Identifier ? current : null;
}

/**
 * Nodes under `node` (not entering nested functions unless `enterFunctions`), depth first, in source order. One
 * generator with its own stack: a recursive one (`yield*` per level) allocates for every node at every level above it.
 */
export function* walk(node: TSESTree.Node, enterFunctions = false): Generator<TSESTree.Node> {
  const stack: TSESTree.Node[] = [node];
  const children: TSESTree.Node[] = [];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    yield current;
    for (const key of Object.keys(current)) {
      if (key === 'parent') continue;
      const value = (current as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isChildNode(item, enterFunctions)) children.push(item);
      } else if (isChildNode(value, enterFunctions)) {
        children.push(value);
      }
    }
    // Reversed onto the stack, so that the first child comes off it first.
    for (let child = children.pop(); child !== undefined; child = children.pop()) stack.push(child);
  }
}

function isChildNode(value: unknown, enterFunctions: boolean): value is TSESTree.Node {
  if (!value || typeof value !== 'object' || typeof (value as TSESTree.Node).type !== 'string') return false;
  return enterFunctions || !isFunctionNode(value as TSESTree.Node);
}

/**
 * The variables that code inside `node` writes: assignments and declarations, and objects whose properties it
 * assigns, updates or deletes (`state.last = x` writes `state`). Method calls (`list.push(x)`) are not writes.
 */
export function writtenVariables(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): Set<Variable> {
  const result = new Set<Variable>();
  for (const reference of referencesWithin(sourceCode, node)) {
    if (reference.resolved && reference.isWrite()) result.add(reference.resolved);
  }
  for (const child of walk(node, true)) {
    let target: TSESTree.Node | null = null;
    if (child.type === AST_NODE_TYPES.AssignmentExpression) target = child.left;
    else if (child.type === AST_NODE_TYPES.UpdateExpression) target = child.argument;
    else if (child.type === AST_NODE_TYPES.UnaryExpression && child.operator === 'delete') target = child.argument;
    if (!target) continue;
    const stripped = skipTsWrappers(target);
    if (stripped.type !== AST_NODE_TYPES.MemberExpression) continue;
    const root = rootIdentifier(stripped);
    const variable = root ? variableOf(sourceCode, root) : null;
    if (variable) result.add(variable);
  }
  return result;
}

/** Whether `variable` is declared inside `node`. */
export function isDeclaredIn(variable: Variable, node: TSESTree.Node): boolean {
  return variable.defs.some((def) => def.name.range[0] >= node.range[0] && def.name.range[1] <= node.range[1]);
}

/**
 * Whether evaluating `later` may need a value that `earlierWrites` produced: it reads one of those variables, or it
 * calls a function declared in the same file whose body reads one (one level of closure, which is where such
 * hidden dependencies live in practice).
 */
export function dependsOnWrites(
  sourceCode: TSESLint.SourceCode,
  later: TSESTree.Node,
  earlierWrites: ReadonlySet<Variable>,
): boolean {
  if (earlierWrites.size === 0) return false;
  const reads = readVariables(sourceCode, later);
  for (const variable of reads) {
    if (earlierWrites.has(variable)) return true;
    for (const def of variable.defs) {
      const fn =
        def.node.type === AST_NODE_TYPES.FunctionDeclaration
          ? def.node
          : def.node.type === AST_NODE_TYPES.VariableDeclarator &&
              def.node.init &&
              isFunctionNode(skipTsWrappers(def.node.init))
            ? skipTsWrappers(def.node.init)
            : null;
      if (!fn || (fn.range[0] <= later.range[0] && fn.range[1] >= later.range[1])) continue;
      for (const inner of readVariables(sourceCode, fn)) if (earlierWrites.has(inner)) return true;
    }
  }
  return false;
}

/** The expression a function returns: its expression body, or the argument of its only `return` statement. */
export function returnedExpression(fn: TSESTree.Node): TSESTree.Expression | null {
  if (!isFunctionNode(fn)) return null;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const returns = [...walk(fn.body)].filter(
    (n): n is TSESTree.ReturnStatement => n.type === AST_NODE_TYPES.ReturnStatement,
  );
  return returns.length === 1 ? (returns[0].argument ?? null) : null;
}

/**
 * Variables that take their value from one of `seeds`, followed through the writes within `body` (declarations and
 * assignments): `const end = new Date(endDate)` derives from `endDate`. The value of a chained assignment is what it
 * assigns (`const entry = (data[key] = await load(key))` takes the loaded value, not the collection it is stored in).
 */
export function derivedVariables(
  sourceCode: TSESLint.SourceCode,
  body: TSESTree.Node,
  seeds: Iterable<Variable>,
): Set<Variable> {
  const result = new Set(seeds);
  const writes = referencesWithin(sourceCode, body).filter((r) => r.resolved && r.isWrite() && r.writeExpr);
  let changed = true;
  while (changed) {
    changed = false;
    for (const reference of writes) {
      const variable = reference.resolved;
      if (!variable || result.has(variable)) continue;
      let value = skipTsWrappers(reference.writeExpr as TSESTree.Node);
      while (value.type === AST_NODE_TYPES.AssignmentExpression && value.operator === '=')
        value = skipTsWrappers(value.right);
      if ([...readVariables(sourceCode, value)].some((read) => result.has(read))) {
        result.add(variable);
        changed = true;
      }
    }
  }
  return result;
}

/** Calls of `Object` that read an object without changing it. */
const OBJECT_READERS: ReadonlySet<string> = new Set(['keys', 'values', 'entries', 'freeze']);

/**
 * The object or array literal a variable is declared with (`const TERMS = { daily: ..., weekly: ... }`), when the
 * code only ever reads it: every other reference reads a member (`TERMS.daily`, `TERMS[key]`: not assigned, updated,
 * deleted, or called as a method, which may change it) or hands it to `Object.keys/values/entries/freeze`. `null`
 * for anything else: another value, a second definition, a reassignment, a use that could add to it.
 */
export function readOnlyLiteral(variable: Variable): TSESTree.ObjectExpression | TSESTree.ArrayExpression | null {
  const def = variable.defs.at(0);
  if (variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  if (def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return null;
  const init = skipTsWrappers(def.node.init);
  if (init.type !== AST_NODE_TYPES.ObjectExpression && init.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const readOnly = variable.references.every((reference) => {
    if (reference.init) return true;
    if (reference.isWrite()) return false;
    let use: TSESTree.Node = reference.identifier;
    while (isTsWrapper(use.parent)) use = use.parent;
    const parent = use.parent;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === use) {
      const grand = parent.parent;
      if (grand.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent) return false;
      if (grand.type === AST_NODE_TYPES.UpdateExpression) return false;
      if (grand.type === AST_NODE_TYPES.UnaryExpression && grand.operator === 'delete') return false;
      return !(grand.type === AST_NODE_TYPES.CallExpression && grand.callee === parent);
    }
    if (parent.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== use) return false;
    const callee = skipTsWrappers(parent.callee);
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'Object' &&
      OBJECT_READERS.has(staticPropertyName(callee) ?? '')
    );
  });
  return readOnly ? init : null;
}
