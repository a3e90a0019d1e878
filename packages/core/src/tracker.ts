import { CALL, CONSTRUCT, ReferenceTracker, READ } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { returnedExpression } from './analysis/bindings.js';
import { withNodePrefix } from './catalogue/modules.js';
import type { ApiEntry } from './catalogue/types.js';

type Variable = TSESLint.Scope.Variable;
type ScopeT = TSESLint.Scope.Scope;

/** One place where a catalogue API is used. */
export interface ApiUse<E extends ApiEntry = ApiEntry> {
  /** `CallExpression` for calls, `NewExpression` for constructions, the reading node otherwise. */
  readonly node: TSESTree.Node;
  readonly entry: E;
}

type TraceMap = Record<string | symbol, unknown>;

function markerOf(entry: ApiEntry): symbol {
  return entry.usage === 'call' ? CALL : entry.usage === 'construct' ? CONSTRUCT : READ;
}

function buildTraceMap(entries: readonly ApiEntry[]): TraceMap {
  const root: TraceMap = {};
  for (const entry of entries) {
    for (const specifier of entry.modules.flatMap(withNodePrefix)) {
      let map = (root[specifier] ??= {}) as TraceMap;
      for (const key of entry.path) map = (map[key] ??= {}) as TraceMap;
      map[markerOf(entry)] = entry;
    }
  }
  return root;
}

function buildGlobalTraceMap(entries: readonly ApiEntry[]): TraceMap {
  const root: TraceMap = {};
  for (const entry of entries) {
    if (!entry.globalPath || entry.globalPath.length === 0) continue;
    let map = root;
    for (const key of entry.globalPath) map = (map[key] ??= {}) as TraceMap;
    map[markerOf(entry)] = entry;
  }
  return root;
}

/** Names through which the global object is reached (`global.gc()`, `globalThis.gc()`). */
const GLOBAL_OBJECT_NAMES = ['global', 'globalThis', 'self', 'window'];

/**
 * A global scope in which `require` (and the other given globals) are variables even when the configuration does not
 * declare Node's globals (an ES-module `.js` file that still calls `require`). References of an undeclared `require`
 * are the scope's unresolved ("through") references, so the synthetic variable lists exactly those.
 */
function scopeWithGlobals(globalScope: ScopeT, names: Iterable<string>): ScopeT {
  let set: Map<string, Variable> | null = null;
  for (const name of names) {
    if (globalScope.set.has(name)) continue;
    const references = globalScope.through.filter((reference) => reference.identifier.name === name);
    if (references.length === 0) continue;
    set ??= new Map<string, Variable>(globalScope.set as Map<string, Variable>);
    set.set(name, { name, defs: [], references, identifiers: [] } as unknown as Variable);
  }
  return set ? (Object.create(globalScope, { set: { value: set } }) as ScopeT) : globalScope;
}

/**
 * TypeScript's `import fs = require('fs')` binds a module object like a CommonJS `require` does, but has no `require`
 * reference for the tracker to follow. For each such binding, a scope in which the binding looks like a global
 * variable lets `iterateGlobalReferences` follow its member accesses, calls and destructurings.
 */
function* importEqualsReferences(
  program: TSESTree.Program,
  sourceCode: TSESLint.SourceCode,
  globalScope: ScopeT,
  traceMap: TraceMap,
): Generator<{ node: unknown; info: unknown }> {
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration
        ? statement
        : statement.type === AST_NODE_TYPES.ExportNamedDeclaration &&
            statement.declaration?.type === AST_NODE_TYPES.TSImportEqualsDeclaration
          ? statement.declaration
          : null;
    if (!declaration || declaration.importKind === 'type') continue;
    const reference = declaration.moduleReference;
    if (
      reference.type !== AST_NODE_TYPES.TSExternalModuleReference ||
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- any expression parses here
      reference.expression.type !== AST_NODE_TYPES.Literal
    )
      continue;
    const moduleMap = traceMap[reference.expression.value];
    if (!moduleMap) continue;
    const variable = sourceCode.scopeManager?.getDeclaredVariables(declaration)[0];
    if (!variable) continue;
    const name = variable.name;
    const global = { name, defs: [], references: variable.references, identifiers: [] } as unknown as Variable;
    // Keep the other variables: in a CommonJS TypeScript file, top-level declarations live in the global scope.
    const set = new Map<string, Variable>(globalScope.set as Map<string, Variable>);
    set.set(name, global);
    const scope = Object.create(globalScope, { set: { value: set } }) as ScopeT;
    yield* new ReferenceTracker(scope as never, { mode: 'legacy', globalObjectNames: [] }).iterateGlobalReferences({
      [name]: moduleMap,
    } as never);
  }
}

/**
 * Helpers that compiled TypeScript, Babel and esbuild wrap around `require()` for ES module interop. `default` wraps
 * the module as `{ default: module }`; `namespace` returns the module's properties plus `default` (the module itself,
 * for a CommonJS module).
 */
const INTEROP_HELPERS: Readonly<Record<string, 'default' | 'namespace'>> = {
  __importDefault: 'default',
  _interopRequireDefault: 'default',
  interopRequireDefault: 'default',
  __importStar: 'namespace',
  __toESM: 'namespace',
  _interopRequireWildcard: 'namespace',
  _interop_require_default: 'default',
  _interop_require_wildcard: 'namespace',
  interopRequireWildcard: 'namespace',
};

const INTEROP_HELPER_NAMES = Object.keys(INTEROP_HELPERS);

/**
 * `__importDefault(require('m'))`, also `tslib.__importDefault(...)` and `(0, tslib.__importDefault)(...)`: helper kind
 * and `m`.
 */
interface Interop {
  /** `module`: the module object itself (a compiled dynamic import without an interop helper). */
  readonly kind: 'default' | 'namespace' | 'module';
  readonly module: string;
}

function interopRequire(node: TSESTree.Node): Interop | null {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 1) return null;
  let callee: TSESTree.Node = node.callee;
  if (callee.type === AST_NODE_TYPES.SequenceExpression) callee = callee.expressions[callee.expressions.length - 1];
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier
        ? callee.property.name
        : null;
  const kind = name ? INTEROP_HELPERS[name] : undefined;
  const required = kind ? plainRequire(node.arguments[0]) : null;
  return kind && required ? { kind, module: required.module } : null;
}

/** `require('m')`, unwrapped: the module object. */
function plainRequire(node: TSESTree.Node): Interop | null {
  if (
    node.type !== AST_NODE_TYPES.CallExpression ||
    node.callee.type !== AST_NODE_TYPES.Identifier ||
    node.callee.name !== 'require' ||
    node.arguments.length !== 1
  )
    return null;
  const specifier = node.arguments[0];
  return specifier.type === AST_NODE_TYPES.Literal && typeof specifier.value === 'string'
    ? { kind: 'module', module: specifier.value }
    : null;
}

/**
 * An awaited dynamic import: `await import('m')` (the module namespace: its properties and `default`), and the forms
 * compilers emit for it in CommonJS output, `await Promise.resolve().then(() => __importStar(require('m')))`, with
 * any interop helper or none.
 */
function awaitedImport(node: TSESTree.Node): Interop | null {
  if (node.type !== AST_NODE_TYPES.AwaitExpression) return null;
  const imported = node.argument;
  if (imported.type === AST_NODE_TYPES.ImportExpression) {
    const { source } = imported;
    return source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string'
      ? { kind: 'namespace', module: source.value }
      : null;
  }
  if (
    imported.type !== AST_NODE_TYPES.CallExpression ||
    imported.arguments.length !== 1 ||
    imported.callee.type !== AST_NODE_TYPES.MemberExpression ||
    imported.callee.property.type !== AST_NODE_TYPES.Identifier ||
    imported.callee.property.name !== 'then'
  )
    return null;
  const resolved = imported.callee.object;
  if (
    resolved.type !== AST_NODE_TYPES.CallExpression ||
    resolved.arguments.length !== 0 ||
    resolved.callee.type !== AST_NODE_TYPES.MemberExpression ||
    resolved.callee.object.type !== AST_NODE_TYPES.Identifier ||
    resolved.callee.object.name !== 'Promise' ||
    resolved.callee.property.type !== AST_NODE_TYPES.Identifier ||
    resolved.callee.property.name !== 'resolve'
  )
    return null;
  const body = returnedExpression(imported.arguments[0]);
  return body ? (interopRequire(body) ?? plainRequire(body)) : null;
}

/**
 * The property keys leading from a declarator's pattern to one of its names: `[]` for `const x = …`, `['default']`
 * for `const { default: fetch } = …`; null when the way passes a computed key, a rest element or an array.
 */
function pathInPattern(pattern: TSESTree.Node, name: TSESTree.Node): string[] | null {
  if (pattern === name) return [];
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return pathInPattern(pattern.left, name);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key =
      property.key.type === AST_NODE_TYPES.Identifier
        ? property.key.name
        : typeof property.key.value === 'string'
          ? property.key.value
          : null;
    if (key === null) continue;
    const rest = pathInPattern(property.value, name);
    if (rest) return [key, ...rest];
  }
  return null;
}

interface InteropBinding {
  readonly variable: Variable;
  readonly interop: Interop;
  /** The keys from the wrapped module to the variable (a destructured binding). */
  readonly path: readonly string[];
}

const interopCache = new WeakMap<TSESTree.Program, readonly InteropBinding[]>();

/**
 * The variables of a file bound once to an interop-wrapped `require()` or an awaited dynamic import, directly or
 * destructured, whatever the entries asked for (cached).
 */
function interopBindings(sourceCode: TSESLint.SourceCode): readonly InteropBinding[] {
  const cached = interopCache.get(sourceCode.ast);
  if (cached) return cached;
  const found: InteropBinding[] = [];
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const variable of scope.variables) {
      const def = variable.defs.at(0);
      if (variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init)
        continue;
      const interop = interopRequire(def.node.init) ?? awaitedImport(def.node.init);
      const path = interop ? pathInPattern(def.node.id, def.name) : null;
      if (interop && path) found.push({ variable, interop, path });
    }
  }
  interopCache.set(sourceCode.ast, found);
  return found;
}

/**
 * The module bindings of compiled code: `const fs = __importStar(require('fs'))`, `const path_1 =
 * __importDefault(require('path'))` (used as `path_1.default.join`), esbuild's `__toESM(require('fs'))`, and of
 * awaited dynamic imports, written or compiled (`const { default: fetch } = await import('node-fetch')`). The tracker
 * sees `require()` only when nothing wraps it and no import expression at all; each such binding is followed like a
 * global bound to the wrapped module.
 */
function* interopReferences(
  sourceCode: TSESLint.SourceCode,
  globalScope: ScopeT,
  traceMap: TraceMap,
): Generator<{ node: unknown; info: unknown }> {
  const { text } = sourceCode;
  const wrapped = text.includes('require(') && INTEROP_HELPER_NAMES.some((name) => text.includes(name));
  if (!wrapped && !text.includes('import(') && !text.includes('Promise.resolve().then(')) return;
  // The bindings become globals of synthetic scopes, traced in one pass per scope; bindings of the same name (a
  // dynamic import in each of two functions) go to different passes.
  const passes: Array<{ globals: Map<string, Variable>; maps: Record<string, TraceMap> }> = [];
  for (const { variable, interop, path } of interopBindings(sourceCode)) {
    const moduleMap = traceMap[interop.module] as TraceMap | undefined;
    if (!moduleMap) continue;
    let map: TraceMap | undefined =
      interop.kind === 'module'
        ? moduleMap
        : interop.kind === 'default'
          ? { default: moduleMap }
          : { ...moduleMap, default: moduleMap };
    for (const key of path) map = map?.[key] as TraceMap | undefined;
    if (!map) continue;
    // Only the reads: the declaration's write would make the tracker take the binding for a modified global.
    const references = variable.references.filter((reference) => !reference.isWrite());
    if (variable.references.length - references.length !== 1) continue;
    let pass = passes.find((candidate) => !candidate.globals.has(variable.name));
    if (!pass) {
      pass = { globals: new Map(), maps: {} };
      passes.push(pass);
    }
    pass.globals.set(variable.name, {
      name: variable.name,
      defs: [],
      references,
      identifiers: [],
    } as unknown as Variable);
    pass.maps[variable.name] = map;
  }
  for (const { globals, maps } of passes) {
    const set = new Map<string, Variable>(globalScope.set as Map<string, Variable>);
    for (const [name, variable] of globals) set.set(name, variable);
    const synthetic = Object.create(globalScope, { set: { value: set } }) as ScopeT;
    yield* new ReferenceTracker(synthetic as never, { mode: 'legacy', globalObjectNames: [] }).iterateGlobalReferences(
      maps as never,
    );
  }
}

const cache = new WeakMap<TSESTree.Program, Map<readonly ApiEntry[], ApiUse[]>>();

interface TraceMaps {
  readonly traceMap: TraceMap;
  readonly globalTraceMap: TraceMap;
  /** The globals the tracker needs as variables: `require`, the entries' globals and the global object's names. */
  readonly globalNames: readonly string[];
}

// Per entry list, not per file: rules pass module-level lists, so each is built once per process.
const traceMapCache = new WeakMap<readonly ApiEntry[], TraceMaps>();

function traceMapsOf(entries: readonly ApiEntry[]): TraceMaps {
  let maps = traceMapCache.get(entries);
  if (!maps) {
    const globalTraceMap = buildGlobalTraceMap(entries);
    maps = {
      traceMap: buildTraceMap(entries),
      globalTraceMap,
      globalNames: ['require', ...Object.keys(globalTraceMap), ...GLOBAL_OBJECT_NAMES],
    };
    traceMapCache.set(entries, maps);
  }
  return maps;
}

/**
 * Finds every use of the given catalogue entries in a file, through `import` (default, named, namespace, aliased),
 * `require` (direct, destructured, member access), TypeScript's `import x = require()`, the `node:` prefix, and for
 * entries with a `globalPath` the global itself (`gc()`, `global.gc()`, `globalThis.gc()`, `fetch()`), unless a local
 * declaration shadows it. Local functions with the same names
 * and same-named methods of other objects are not uses. Results are cached per AST and entry list.
 */
export function findApiUses<E extends ApiEntry>(sourceCode: TSESLint.SourceCode, entries: readonly E[]): ApiUse<E>[] {
  const program = sourceCode.ast;
  let perFile = cache.get(program);
  if (!perFile) {
    perFile = new Map();
    cache.set(program, perFile);
  }
  const cached = perFile.get(entries);
  if (cached) return cached as ApiUse<E>[];

  const globalScope = sourceCode.scopeManager?.globalScope;
  const uses: ApiUse<E>[] = [];
  if (globalScope) {
    // `legacy` lets named imports of CommonJS modules (`import { readFileSync } from 'fs'`) resolve like Node does.
    const { traceMap, globalTraceMap, globalNames } = traceMapsOf(entries);
    const tracker = new ReferenceTracker(scopeWithGlobals(globalScope, globalNames) as never, {
      mode: 'legacy',
      globalObjectNames: GLOBAL_OBJECT_NAMES,
    });
    const seen = new Set<TSESTree.Node>();
    const iterators = [
      tracker.iterateCjsReferences(traceMap as never),
      tracker.iterateEsmReferences(traceMap as never),
      importEqualsReferences(program, sourceCode, globalScope, traceMap),
      interopReferences(sourceCode, globalScope, traceMap),
      tracker.iterateGlobalReferences(globalTraceMap as never),
    ];
    for (const iterator of iterators) {
      for (const { node, info } of iterator) {
        const astNode = node as TSESTree.Node;
        if (seen.has(astNode)) continue;
        seen.add(astNode);
        uses.push({ node: astNode, entry: info as E });
      }
    }
    uses.sort((a, b) => a.node.range[0] - b.node.range[0]);
  }
  perFile.set(entries, uses);
  return uses;
}

/** Entries of a catalogue list that carry a tag. */
export function entriesWithTag<E extends ApiEntry>(entries: readonly E[], tag: string): E[] {
  return entries.filter((entry) => entry.tags.includes(tag));
}
