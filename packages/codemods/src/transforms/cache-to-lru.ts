import { eolOf, getNodeTarget } from '@backend-perf/core';
import type { API, ASTNode, ASTPath, Collection, FileInfo, JSCodeshift, VariableDeclarator } from 'jscodeshift';
import { resolve as resolvePath } from 'node:path';
import {
  declaringScope,
  endOf,
  fieldNode,
  identifierName,
  isFunction,
  isNode,
  jscodeshiftFor,
  parenStart,
  parentNode,
  parentOf,
  scopeOf,
  startOf,
  textOf,
  type FunctionNode,
  type NodeOf,
} from '../engine/jscodeshift.js';
import { moduleSyntaxOf } from '../engine/language.js';
import { numberOption } from '../engine/options.js';
import {
  dependencyMajor,
  installedVersion,
  owningPackageJson,
  rangeStyle,
  requireDependency,
} from '../engine/package-json.js';
import { codemodSites, type RuleSite } from '../engine/rule-codemod.js';
import type { CodemodMeta, CodemodRunOptions } from '../types.js';
import { applyEdits, type Edit } from '../util/text.js';

export const meta: CodemodMeta = {
  name: 'cache-to-lru',
  description:
    'Turns object and `Map` read-through caches that only grow (module-scope, or fields of long-lived instances) ' +
    'into `lru-cache` `LRUCache`s bounded by `max` (and `ttl` when asked), rewriting reads, writes, `in` and ' +
    '`delete` to `get`/`set`/`has`/`delete`.',
  rules: ['no-unbounded-cache'],
  // Run alone: caches that grow on the request path and in functions the project does not place; never those
  // filled at start-up. With a configuration, its options for the rule decide, as for `check`.
  ruleOptions: { 'no-unbounded-cache': [{ checkUnknownContext: true }] },
  options: {
    max: {
      type: 'number',
      description: 'The most entries each cache keeps; the least recently used go first.',
      default: 500,
      integer: true,
      minimum: 1,
    },
    ttl: {
      type: 'number',
      description:
        'How long an entry stays fresh, in milliseconds. Default `0`: no expiry, only `max` bounds the cache ' +
        '(a TTL changes what the code returns, so it is only set when asked).',
      default: 0,
      integer: true,
      minimum: 0,
    },
  },
};

/** jscodeshift's parser option; the transform parses each file with the parser for its extension. */
export const parser = 'tsx';

/** The `lru-cache` range for a package on a current Node (lru-cache 11 runs on Node 20 and later). */
export const LRU_CACHE_RANGE = '^11.0.0';

/**
 * The `lru-cache` majors whose API the output uses (the `LRUCache` named export, `max`, `ttl`), newest first, with
 * the oldest Node each supports and a released version to pin when the package pins exact versions.
 */
const LRU_CACHE_MAJORS = [
  { major: 11, node: 20, exact: '11.5.4' },
  { major: 10, node: 14, exact: '10.4.2' },
] as const;

/**
 * The `lru-cache` range to add for the package that owns `file`: the newest major its Node target (`engines.node`,
 * or `settings['backend-perf'].node`) allows, in the range style of its manifest. A reason instead when the target
 * is older than every such major.
 */
export function lruCacheRange(
  file: string,
  settings: Record<string, unknown> | undefined,
): { readonly range: string } | { readonly why: string } {
  const target = getNodeTarget({ filename: resolvePath(file), settings: settings ?? {} });
  const choice = LRU_CACHE_MAJORS.find((candidate) => target === null || target.major >= candidate.node);
  if (!choice) {
    return {
      why:
        `the package targets Node ${target?.version ?? '?'} (${target?.range ?? ''}), older than lru-cache 10, ` +
        'the oldest with the `LRUCache` export, supports (Node 14)',
    };
  }
  const manifest = owningPackageJson(file);
  const style = manifest ? rangeStyle(manifest.json) : '^';
  return { range: style === '' ? choice.exact : `${style}${choice.major}.0.0` };
}

/**
 * The lru-cache range the package gets, or why the file's caches stay as they are: the rewrite needs the `LRUCache`
 * export, so an older lru-cache the package already depends on must be upgraded first, and the Node target must run
 * some lru-cache that has it.
 */
function lruDependency(
  file: string,
  settings: Record<string, unknown> | undefined,
): { readonly range: string } | { readonly why: string } {
  const declared = dependencyMajor(file, ['lru-cache']);
  if (declared !== null && declared < 10) {
    return {
      why:
        `lru-cache ${declared} is a dependency, and the rewrite uses the \`LRUCache\` export of lru-cache 10 ` +
        'and later; upgrade it first',
    };
  }
  return lruCacheRange(file, settings);
}

export default function transform(file: FileInfo, api: API, options: CodemodRunOptions): string | undefined {
  const source = file.source;
  const sites = codemodSites(meta, source, file.path, options);
  if (sites.length === 0) return undefined;
  const dependency = lruDependency(file.path, options.settings);
  if ('why' in dependency) {
    for (const site of sites)
      api.report(`${file.path}:${site.line}:${site.column}: left for review: ${dependency.why}`);
    return undefined;
  }

  const j = jscodeshiftFor(file.path);
  const root = j(source);
  const imported = importedLruName(j, root);
  const cacheFile: CacheFile = {
    source,
    typescript: /\.(?:c|m)?tsx?$/iu.test(file.path),
    settings: cacheSettings(numberOption(meta, options, 'max'), numberOption(meta, options, 'ttl')),
    local: imported ?? 'LRUCache',
    // A file that already uses the name `LRUCache` for something else would get a second binding of it.
    nameTaken: imported === null && root.find(j.Identifier, { name: 'LRUCache' }).size() > 0,
  };
  const declarators = root.find(j.VariableDeclarator).paths();

  const edits: Edit[] = [];
  for (const site of sites) {
    const path = declarators.find((candidate) => startsAt(candidate.node.id, site));
    const declaration = path ? variableCache(j, root, path) : fieldCache(j, root, site);
    if (!declaration) continue;
    const name = declaration.name;
    const rewrite = rewriteCache(declaration, cacheFile);
    if ('why' in rewrite) {
      api.report(`${file.path}:${site.line}:${site.column}: \`${name}\` left for review: ${rewrite.why}`);
      continue;
    }
    edits.push(...rewrite.edits);
  }
  if (edits.length === 0) return undefined;
  if (imported === null) edits.push(importEdit(j, root, source, moduleSyntaxOf(file.path, source) === 'module'));

  const output = applyEdits(source, edits);
  if (output === source) return undefined;
  const outcome = requireDependency(file.path, 'lru-cache', dependency.range, options);
  const installed = outcome.missing ? installedVersion(file.path, 'lru-cache') : null;
  if (installed !== null && Number.parseInt(installed, 10) < 10) {
    // An older lru-cache hoisted for another dependency is what `require` finds until the package gets its own.
    api.report(
      `${file.path}: lru-cache ${installed} is installed (for another dependency) and has no \`LRUCache\` export: ` +
        `install the added lru-cache@${dependency.range} before running the code, ` +
        'or it fails with "LRUCache is not a constructor"',
    );
  }
  return output;
}

/** What every cache of a file is rewritten with. */
interface CacheFile {
  readonly source: string;
  /** TypeScript keeps the `V` type of a `Record<K, V>` read with a non-null assertion after `get(...)`. */
  readonly typescript: boolean;
  /** The `LRUCache` constructor's options as code (`{ max: 500 }`). */
  readonly settings: string;
  /** The local name of `LRUCache`: the file's own import of it, else the import the rewrite adds. */
  readonly local: string;
  /** Whether `LRUCache` names something else in the file, which leaves every cache as it is. */
  readonly nameTaken: boolean;
}

/** The options object of each new `LRUCache`: `ttl` only when asked, as it changes what the code returns. */
function cacheSettings(max: number, ttl: number): string {
  return ttl > 0 ? `{ max: ${max}, ttl: ${durationText(ttl)} }` : `{ max: ${max} }`;
}

/** `5 * 60 * 1000` for whole minutes, `30 * 1000` for whole seconds, otherwise the number. */
function durationText(ms: number): string {
  const scaled = (unit: number, factors: string): string => (ms === unit ? factors : `${ms / unit} * ${factors}`);
  if (ms % 3_600_000 === 0) return scaled(3_600_000, '60 * 60 * 1000');
  if (ms % 60_000 === 0) return scaled(60_000, '60 * 1000');
  if (ms % 1000 === 0) return scaled(1000, '1000');
  return String(ms);
}

/** Whether `node` starts where the rule reported (ESLint columns are 1-based, recast's 0-based). */
function startsAt(node: ASTNode, site: RuleSite): boolean {
  const start = 'loc' in node ? node.loc?.start : undefined;
  return start?.line === site.line && start.column + 1 === site.column;
}

/**
 * The local name of `LRUCache` when the file already imports it (`import { LRUCache as L } from 'lru-cache'` or
 * `const { LRUCache } = require('lru-cache')`), so that the rewrite reuses that binding instead of adding another.
 */
function importedLruName(j: JSCodeshift, root: Collection): string | null {
  let name: string | null = null;
  root.find(j.ImportDeclaration, { source: { value: 'lru-cache' } }).forEach((path) => {
    for (const specifier of path.node.specifiers ?? []) {
      if (isNode(specifier, 'ImportSpecifier') && specifier.imported.name === 'LRUCache') {
        name = identifierName(specifier.local) ?? specifier.imported.name;
      }
    }
  });
  root.find(j.VariableDeclarator).forEach((path) => {
    const { id, init } = path.node;
    if (!isRequireOf(init, 'lru-cache') || !isNode(id, 'ObjectPattern')) return;
    for (const property of id.properties) {
      const key = 'key' in property ? identifierName(property.key) : null;
      const local = 'value' in property ? identifierName(property.value) : null;
      if (key === 'LRUCache' && local !== null) name = local;
    }
  });
  return name;
}

/** Whether `node` is `require('<module>')`. */
function isRequireOf(node: unknown, module: string): boolean {
  if (!isRequireCall(node)) return false;
  const first = node.arguments.at(0);
  return first !== undefined && 'value' in first && first.value === module;
}

/** Whether `node` is a call of `require`, whatever it loads. */
function isRequireCall(node: unknown): node is NodeOf<'CallExpression'> {
  return isNode(node, 'CallExpression') && identifierName(node.callee) === 'require';
}

/**
 * The edits that turn one cache declaration and every use of it into an `LRUCache`, or why the cache stays: only
 * empty object literals and `new Map()` qualify, every use must have an `LRUCache` equivalent, and the code must use
 * it as a read-through cache (see `CacheUsage`).
 */
function rewriteCache(
  declaration: CacheDeclaration,
  file: CacheFile,
): { readonly edits: readonly Edit[] } | { readonly why: string } {
  const { id, init, name, references, declared } = declaration;
  if (declaration.why) return { why: declaration.why };
  const value = isNode(init, ['TSAsExpression', 'TSSatisfiesExpression']) ? init.expression : init;
  const kind = cacheKind(value);
  if (!init || !value || !kind) {
    return {
      why:
        'only empty object literals and `new Map()` become LRU caches; ' +
        'bound Sets, arrays and pre-filled objects by hand',
    };
  }
  if (file.nameTaken) return { why: 'the file already uses the name `LRUCache` for something else' };
  // Code outside the class may read a field that is not private (`memo.values[id]`, in another module): as a `Map`
  // it keeps working, as an object read by key it would not.
  if (declaration.open && kind === 'object') {
    return {
      why:
        `\`${name}\` is not private, and code outside the class may read its entries by key, which an LRUCache ` +
        'does not support; make it a private field or a `Map` first',
    };
  }
  const context: CacheContext = { source: file.source, name, typescript: file.typescript, usage: new CacheUsage() };
  const edits: Edit[] = [];
  let problem: string | null = null;
  for (const reference of references) {
    const use = kind === 'map' ? mapUse(reference, context) : objectUse(reference, context);
    if ('stop' in use) {
      problem = use.stop;
      break;
    }
    if (use.problem !== undefined) problem = use.problem;
    edits.push(...use.edits);
  }
  problem ??= context.usage.notACache();
  if (problem) return { why: problem };

  const annotation = 'typeAnnotation' in id ? id.typeAnnotation : null;
  if (annotation) edits.push({ start: startOf(annotation), end: endOf(annotation), text: '' });
  const typeArgs = typeArguments(declared ?? id, value, file.source);
  // `private cache: Map<string, X>;` declared apart from the constructor's `this.cache = new Map()`.
  const declaredType = declared ? typeOfAnnotation(fieldNode(declared, 'typeAnnotation')) : null;
  if (declaredType) {
    if (typeArgs === '')
      return { why: `its declared type \`${textOf(file.source, declaredType)}\` has no key and value types to keep` };
    edits.push({ start: startOf(declaredType), end: endOf(declaredType), text: `${file.local}${typeArgs}` });
  }
  edits.push({ start: startOf(init), end: endOf(init), text: `new ${file.local}${typeArgs}(${file.settings})` });
  return { edits };
}

/**
 * A cache as the rewrite sees it: what declares it (a variable, a class field, or `this.<field> = ...` in the
 * constructor; its type annotation, if any, is on `id`), the value it starts with, how the code names it (`cache`,
 * `this.cache`), and every reference to it.
 */
interface CacheDeclaration {
  readonly id: ASTNode;
  readonly init: ASTNode | null | undefined;
  readonly name: string;
  readonly references: readonly ASTPath[];
  /** A field's declaration without a value (`private cache: Map<string, X>;`), whose type must change too. */
  readonly declared?: ASTNode;
  /** A field that other code may reach as the value it holds: the rewrite only for a `Map`. */
  readonly open?: boolean;
  /** Why the cache stays as it is, found before its uses are read. */
  readonly why?: string;
}

/** A module-scope variable's cache: every identifier that refers to it. */
function variableCache(j: JSCodeshift, root: Collection, path: ASTPath<VariableDeclarator>): CacheDeclaration {
  const name = identifierName(path.node.id) ?? '';
  return { id: path.node.id, init: path.node.init, name, references: cacheReferences(j, root, path, name) };
}

/**
 * The cache a class keeps in a field where the rule reported (a class field's name, or `this.<field>` assigned in
 * the constructor), with every `this.<field>` of the class's instance code as its references. `null` elsewhere.
 */
function fieldCache(j: JSCodeshift, root: Collection, site: RuleSite): CacheDeclaration | null {
  for (const path of root.find(j.ClassProperty).paths()) {
    const property = path.node;
    const field = identifierName(property.key);
    if (property.static || property.computed || field === null || !startsAt(property.key, site)) continue;
    const body = parentNode(path);
    if (!isNode(body, 'ClassBody')) return null;
    return withUses(j, body, field, { id: property, init: property.value, open: !isPrivate(property) });
  }
  for (const path of root.find(j.AssignmentExpression).paths()) {
    const { left, right } = path.node;
    if (!isNode(left, 'MemberExpression') || !startsAt(left, site) || !isNode(left.object, 'ThisExpression')) continue;
    const field = left.computed ? null : identifierName(left.property);
    const body = instanceClass(path);
    if (field === null || body === null) return null;
    const declared = isNode(body, 'ClassBody')
      ? body.body.find(
          (member) => isNode(member, 'ClassProperty') && !member.static && identifierName(member.key) === field,
        )
      : undefined;
    return withUses(j, body, field, {
      id: left,
      init: right,
      open: !(declared && isPrivate(declared)),
      ...(declared ? { declared } : {}),
    });
  }
  return null;
}

/** Whether a class field is private to its class (`private cache`, TypeScript), which no other module reads. */
function isPrivate(property: ASTNode): boolean {
  return 'accessibility' in property && property.accessibility === 'private';
}

/**
 * A field's cache with its uses: every `this.<field>` of the class's instance code. A use that the rewrite cannot
 * follow (`this['cache']`) leaves the cache as it is.
 */
function withUses(
  j: JSCodeshift,
  body: ASTNode,
  field: string,
  declaration: Pick<CacheDeclaration, 'id' | 'init' | 'declared' | 'open'>,
): CacheDeclaration {
  const name = `this.${field}`;
  const uses = j(body as never)
    .find(j.MemberExpression, { object: { type: 'ThisExpression' } })
    .paths();
  const computed = uses.some(
    (path) => path.node.computed && 'value' in path.node.property && path.node.property.value === field,
  );
  const references = uses.filter(
    (path) =>
      !path.node.computed &&
      identifierName(path.node.property) === field &&
      instanceClass(path) === body &&
      path.node !== declaration.id,
  );
  return {
    ...declaration,
    name,
    references,
    ...(computed ? { why: `it is also read as \`this['${field}']\`, which the rewrite does not follow` } : {}),
  };
}

/**
 * The class body whose instance `this` is at a path: the body of the method (not static) or field initialiser that
 * the path is in, crossing arrow functions but no other function.
 */
function instanceClass(path: ASTPath): ASTNode | null {
  for (let current = parentOf(path); current; current = parentOf(current)) {
    const node = current.node;
    if (isNode(node, ['ClassProperty', 'ClassPrivateProperty', 'ClassAccessorProperty']))
      return node.static ? null : parentNode(current);
    if (isNode(node, ['ClassMethod', 'ClassPrivateMethod'])) return node.static ? null : parentNode(current);
    if (isFunction(node) && !isNode(node, 'ArrowFunctionExpression')) {
      const owner = parentOf(current);
      return isNode(owner?.node, 'MethodDefinition') && !owner.node.static ? parentNode(owner) : null;
    }
    if (isNode(node, ['ClassBody', 'Program'])) return null;
  }
  return null;
}

/** Whether a declaration's value is a cache this codemod rewrites: `{}` or `new Map()`, empty either way. */
function cacheKind(value: ASTNode | null | undefined): 'object' | 'map' | null {
  if (isNode(value, 'ObjectExpression') && value.properties.length === 0) return 'object';
  if (isNode(value, 'NewExpression') && identifierName(value.callee) === 'Map' && value.arguments.length === 0) {
    return 'map';
  }
  return null;
}

/**
 * Every identifier that refers to the cache declared at `path`: same name, declared by the same scope, and not a
 * property name or a type (`x.cache`, `{ cache: 1 }`, `Cache.Type`), which share only the spelling.
 */
function cacheReferences(
  j: JSCodeshift,
  root: Collection,
  path: ASTPath<VariableDeclarator>,
  name: string,
): ASTPath<NodeOf<'Identifier'>>[] {
  const scope = scopeOf(path);
  return root
    .find(j.Identifier, { name })
    .paths()
    .filter((reference) => {
      if (reference.node === path.node.id) return false;
      const parent = parentNode(reference);
      if (isPropertyName(parent, reference.node)) return false;
      if (isNode(parent, ['TSPropertySignature', 'TSTypeReference', 'TSQualifiedName'])) return false;
      return declaringScope(scopeOf(reference), name) === scope;
    });
}

/** Whether `node` is the written name of a property in `parent` (`x.node`, `{ node: 1 }`, `node() {}`). */
function isPropertyName(parent: ASTNode | null, node: ASTNode): boolean {
  if (isNode(parent, ['MemberExpression', 'OptionalMemberExpression'])) {
    return parent.property === node && !parent.computed;
  }
  if (isNode(parent, ['ObjectProperty', 'Property', 'ObjectMethod', 'ClassProperty', 'ClassMethod'])) {
    return parent.key === node && !parent.computed && !('value' in parent && parent.value === node);
  }
  return false;
}

/** What every use of one cache reads and records. */
interface CacheContext {
  readonly source: string;
  readonly name: string;
  readonly typescript: boolean;
  readonly usage: CacheUsage;
}

/**
 * What one reference to a cache becomes: edits (with a problem that a later use may replace), or `stop`: a use that
 * an `LRUCache` cannot serve, which decides for the whole cache.
 */
type Use = { readonly edits: readonly Edit[]; readonly problem?: string } | { readonly stop: string };

const NOTHING: Use = { edits: [] };
const STORES_NULLISH = 'it stores `null` or `undefined`, which an LRUCache cannot hold';
const USED_AS_A_WHOLE = 'it is used as a whole (passed, spread or iterated), where an LRUCache behaves differently';

/** The `Map` methods that an `LRUCache` has with the same meaning; the code keeps calling them as it is. */
const MAP_METHODS = new Set(['get', 'set', 'has', 'delete', 'clear']);
const ITERATION_METHODS = new Set(['keys', 'values', 'entries', 'forEach']);

/** A use of a `Map` cache: its methods stay, since `LRUCache` has them; iteration and other uses stop the rewrite. */
function mapUse(reference: ASTPath, context: CacheContext): Use {
  const memberPath = parentOf(reference);
  const member = memberPath?.node;
  const method =
    isNode(member, 'MemberExpression') && member.object === reference.node && !member.computed
      ? identifierName(member.property)
      : null;
  const call = memberPath ? parentNode(memberPath) : null;
  const called = isNode(call, 'CallExpression') && call.callee === member;
  if (method === 'size' && !called) return NOTHING;
  if (called && method !== null && MAP_METHODS.has(method)) {
    const stored = method === 'set' ? call.arguments[1] : undefined;
    if (method === 'get') context.usage.read(reference);
    if (method === 'set') context.usage.write(reference, stored);
    return method === 'set' && isNullish(stored) ? { edits: [], problem: STORES_NULLISH } : NOTHING;
  }
  return {
    stop:
      method !== null && ITERATION_METHODS.has(method)
        ? `it is iterated (\`${method}\`): an LRUCache iterates most recently used first, not in insertion order`
        : USED_AS_A_WHOLE,
  };
}

/**
 * A use of an object cache: `cache[k]` reads and writes, `k in cache` and `delete cache[k]` become `get`, `set`,
 * `has` and `delete` calls. Every rewrite replaces only the syntax around the key and the value (`cache[`, `] = `,
 * `]`), never the key or the value themselves, so reads nested in them (`cache[k] = cache[k] || f(k)`) are rewritten
 * by their own, disjoint edits.
 */
function objectUse(reference: ASTPath, context: CacheContext): Use {
  const { source, name } = context;
  const memberPath = parentOf(reference);
  const parent = memberPath?.node ?? null;
  if (memberPath && isNode(parent, 'MemberExpression') && parent.object === reference.node && parent.computed) {
    return entryUse(reference, memberPath, parent, context);
  }
  if (isNode(parent, 'BinaryExpression') && parent.operator === 'in' && parent.right === reference.node) {
    const [start, end] = withParentheses(parent, source);
    const [keyStart, keyEnd] = withParentheses(parent.left, source);
    return {
      edits: [
        { start, end: keyStart, text: `${name}.has(` },
        { start: keyEnd, end, text: ')' },
      ],
    };
  }
  if (isNode(parent, 'CallExpression') && isNode(parent.callee, 'MemberExpression')) {
    const callee = parent.callee;
    if (identifierName(callee.object) === 'Object') {
      const method = textOf(source, callee.property);
      return { stop: `\`Object.${method}(${name})\` reads it as a whole, which an LRUCache does not support` };
    }
  }
  if (isNode(parent, 'MemberExpression')) {
    return { stop: `\`${name}.${textOf(source, parent.property)}\` uses a fixed property name` };
  }
  return { stop: USED_AS_A_WHOLE };
}

/** `cache[key]` as a read, a write statement or a `delete` statement; entries updated in place stop the rewrite. */
function entryUse(
  reference: ASTPath,
  memberPath: ASTPath,
  member: NodeOf<'MemberExpression'>,
  context: CacheContext,
): Use {
  const { source, name } = context;
  const brackets = bracketsOf(member, source);
  if (!brackets) return { stop: 'a comment or unusual syntax surrounds an entry access' };
  const [open, close] = brackets;
  // `cache[a, b]` reads key `b`; as an argument the comma would pass two.
  const sequence = isNode(member.property, 'SequenceExpression');
  const call = (method: string, start: number, after = ''): [Edit, Edit] => [
    { start, end: open + 1, text: `${name}.${method}(${sequence ? '(' : ''}` },
    { start: close, end: endOf(member), text: `${sequence ? ')' : ''}${after}` },
  ];
  const holderPath = parentOf(memberPath);
  const holder = holderPath?.node ?? null;
  const inStatement = holderPath !== null && isNode(parentNode(holderPath), 'ExpressionStatement');
  if (isNode(holder, 'AssignmentExpression') && holder.left === member) {
    if (holder.operator !== '=' || !inStatement) {
      return { stop: 'an entry is written inside an expression or with a compound operator' };
    }
    if (isNullish(holder.right)) return { stop: STORES_NULLISH };
    const [valueStart, valueEnd] = withParentheses(holder.right, source);
    if (valueEnd !== endOf(holder)) return { stop: 'an entry is written with unusual syntax' };
    context.usage.write(reference, holder.right);
    const [key, between] = call('set', startOf(holder));
    const closing = { start: endOf(holder), end: endOf(holder), text: ')' };
    return { edits: [key, { ...between, end: valueStart, text: `${between.text}, ` }, closing] };
  }
  if (isNode(holder, 'UnaryExpression') && holder.operator === 'delete') {
    if (!inStatement) return { stop: '`delete` is used as a value' };
    const [key, closing] = call('delete', startOf(holder));
    return { edits: [key, { ...closing, end: endOf(holder), text: `${closing.text})` }] };
  }
  if (isNode(holder, 'UpdateExpression')) return { stop: 'an entry is updated in place' };
  const tested = isTestPosition(memberPath);
  if (!tested) context.usage.read(reference);
  // A `Record<K, V>` index read is typed `V`; keep that type in TypeScript where the value is used as such.
  const assert = context.typescript && !tested ? '!' : '';
  return { edits: call('get', startOf(member), `)${assert}`) };
}

/** The range of an expression with the parentheses around it, which a call in its place does not need. */
function withParentheses(node: ASTNode, source: string): [number, number] {
  const start = startOf(node);
  const end = endOf(node);
  const open = parenStart(node);
  if (open === null) return [start, end];
  const close = source.indexOf(')', end);
  return close === -1 || source.slice(end, close).trim() !== '' ? [start, end] : [open, close + 1];
}

/**
 * The offsets of `[` and `]` of a computed member access `object[key]`, when only white space separates the object
 * from `[` and the access ends with `]`.
 */
function bracketsOf(member: NodeOf<'MemberExpression'>, source: string): [number, number] | null {
  const objectEnd = endOf(member.object);
  const open = source.indexOf('[', objectEnd);
  const close = endOf(member) - 1;
  if (open === -1 || source.slice(objectEnd, open).trim() !== '' || source[close] !== ']') return null;
  return [open, close];
}

/** Whether a read is only tested for presence (`!x`, `x ||`, `if (x)`, `x ? :`, `x === undefined`). */
function isTestPosition(path: ASTPath): boolean {
  const node = path.node;
  const parent = parentNode(path);
  if (isNode(parent, 'UnaryExpression')) return parent.operator === '!';
  if (isNode(parent, 'LogicalExpression')) return parent.left === node;
  if (isNode(parent, ['IfStatement', 'ConditionalExpression', 'WhileStatement'])) return parent.test === node;
  return isNode(parent, 'BinaryExpression') && ['===', '!==', '==', '!='].includes(parent.operator);
}

/** Whether a stored value is `null` or `undefined` (or missing), which an `LRUCache` refuses to hold. */
function isNullish(node: ASTNode | undefined): boolean {
  if (!node) return true;
  return (
    isNode(node, 'NullLiteral') ||
    (isNode(node, 'Literal') && node.value === null) ||
    identifierName(node) === 'undefined'
  );
}

/** `<K, V>` from `Map<K, V>`, `Record<K, V>`, `{ [k: K]: V }` or `new Map<K, V>()`; empty when there is none. */
function typeArguments(id: ASTNode, value: ASTNode, source: string): string {
  const written = fieldNode(value, 'typeParameters') ?? fieldNode(value, 'typeArguments');
  if (written) return textOf(source, written);
  const annotation = typeOfAnnotation(fieldNode(id, 'typeAnnotation'));
  if (isNode(annotation, 'TSTypeReference')) {
    const typeName = identifierName(annotation.typeName);
    const args = fieldNode(annotation, 'typeParameters') ?? fieldNode(annotation, 'typeArguments');
    const twoArgs = isNode(args, ['TSTypeParameterInstantiation', 'TypeParameterInstantiation']);
    if ((typeName === 'Map' || typeName === 'Record') && twoArgs && args.params.length === 2) {
      return textOf(source, args);
    }
  }
  if (isNode(annotation, 'TSTypeLiteral')) {
    const index = annotation.members.length === 1 ? annotation.members[0] : undefined;
    if (isNode(index, 'TSIndexSignature')) {
      const keyType = typeOfAnnotation(fieldNode(index.parameters.at(0) ?? {}, 'typeAnnotation'));
      const valueType = typeOfAnnotation(index.typeAnnotation);
      if (keyType && valueType) return `<${textOf(source, keyType)}, ${textOf(source, valueType)}>`;
    }
  }
  return '';
}

/** The type inside a `: Type` annotation node. */
function typeOfAnnotation(annotation: ASTNode | null | undefined): ASTNode | null {
  return annotation ? fieldNode(annotation, 'typeAnnotation') : null;
}

/** The function a reference is in (`null` at module level). */
function enclosingFunction(reference: ASTPath): FunctionNode | null {
  for (let current = parentOf(reference); current; current = parentOf(current)) {
    if (isFunction(current.node)) return current.node;
  }
  return null;
}

/**
 * A value that is fresh state rather than something computed: a literal (`true`, a number, a string), an empty
 * object or array, `new X()` without arguments (a lock, an emitter), or a function (a registered handler). Evicting
 * such an entry does not lose a result that a miss recomputes: it loses the state itself.
 */
function isState(value: ASTNode): boolean {
  const fresh = [
    'Literal',
    'StringLiteral',
    'NumericLiteral',
    'BooleanLiteral',
    'BigIntLiteral',
    'FunctionExpression',
    'ArrowFunctionExpression',
    'ClassExpression',
  ] as const;
  if (isNode(value, fresh)) return true;
  if (isNode(value, 'ObjectExpression')) return value.properties.length === 0;
  if (isNode(value, 'ArrayExpression')) return value.elements.length === 0;
  if (isNode(value, 'NewExpression')) return value.arguments.length === 0;
  return false;
}

/**
 * How the code uses a map, to tell a read-through cache (some function reads an entry and, on a miss, computes and
 * stores it: an evicted entry is recomputed) from a registry filled at start-up or at registration, or a table of
 * state (locks, flags, in-flight work), which an LRU cache would silently empty.
 */
class CacheUsage {
  private readonly readers = new Set<FunctionNode | null>();
  private readonly writers = new Set<FunctionNode | null>();
  private topLevelWrite = false;
  private stateWrite: string | null = null;

  read(reference: ASTPath): void {
    this.readers.add(enclosingFunction(reference));
  }

  write(reference: ASTPath, value: ASTNode | undefined): void {
    const fn = enclosingFunction(reference);
    if (fn === null) this.topLevelWrite = true;
    this.writers.add(fn);
    const unwrapped = isNode(value, 'AwaitExpression') ? value.argument : value;
    if (unwrapped && isState(unwrapped)) this.stateWrite ??= unwrapped.type;
  }

  /** Why the map does not behave as a cache, or `null` when it does. */
  notACache(): string | null {
    if (this.topLevelWrite) {
      return (
        'entries are added at module load (a registry or lookup table filled at start-up): ' +
        'nothing would recompute an evicted entry'
      );
    }
    if (this.stateWrite) {
      return (
        'it stores fresh state (a flag, an empty object, `new X()`, a function), not values computed from the key ' +
        '(a lock, seen-set, in-flight or handler table): evicting an entry would change what the code does'
      );
    }
    if (![...this.writers].some((writer) => this.readers.has(writer))) {
      return (
        'no function both reads an entry and stores it on a miss (a registry or table filled at registration): ' +
        'nothing would recompute an evicted entry'
      );
    }
    return null;
  }
}

/**
 * `LRUCache` imported once, in the file's module style (quotes and semicolons as its first import or declaration
 * has them), after its last import or `require`, else after its directives, else at the top.
 */
function importEdit(j: JSCodeshift, root: Collection, source: string, esm: boolean): Edit {
  const eol = eolOf(source);
  const firstLine = source.split(/\r?\n/u).find((line) => /^(?:import|const|let|var)\b/u.test(line)) ?? ';';
  const end = /;\s*$/mu.test(firstLine) ? ';' : '';
  const quote = /require\(\s*"|from\s+"/u.test(source) && !/require\(\s*'|from\s+'/u.test(source) ? '"' : "'";
  const statement = esm
    ? `import { LRUCache } from ${quote}lru-cache${quote}${end}`
    : `const { LRUCache } = require(${quote}lru-cache${quote})${end}`;
  const program = root.find(j.Program).paths().at(0)?.node;
  const body = program?.body ?? [];
  const anchors = body.filter((node) =>
    esm
      ? isNode(node, 'ImportDeclaration')
      : isNode(node, 'VariableDeclaration') &&
        node.declarations.some((declarator) => 'init' in declarator && isRequireCall(declarator.init)),
  );
  const directive = body.find(
    (node) => isNode(node, 'ExpressionStatement') && 'directive' in node && typeof node.directive === 'string',
  );
  const after = anchors.at(-1) ?? directive ?? program?.directives?.at(-1);
  if (after) return { start: endOf(after), end: endOf(after), text: `${eol}${statement}` };
  return { start: 0, end: 0, text: `${statement}${eol}${eol}` };
}
