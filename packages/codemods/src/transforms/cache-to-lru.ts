import { eolOf, getNodeTarget } from '@backend-perf/core';
import type { API, ASTPath, FileInfo } from 'jscodeshift';
import { resolve as resolvePath } from 'node:path';
import { jscodeshiftFor } from '../engine/jscodeshift.js';
import { moduleSyntaxOf } from '../engine/language.js';
import { codemodSites, type RuleSite } from '../engine/rule-codemod.js';
import type { CodemodMeta, CodemodRunOptions } from '../types.js';
import {
  dependencyMajor,
  installedVersion,
  owningPackageJson,
  rangeStyle,
  requireDependency,
} from '../engine/package-json.js';
import { applyEdits, type Edit } from '../util/text.js';
import { numberOption } from '../engine/options.js';

export const meta: CodemodMeta = {
  name: 'cache-to-lru',
  description:
    'Turns module-scope object and `Map` read-through caches that only grow into `lru-cache` `LRUCache`s bounded by `max` (and `ttl` when asked), rewriting reads, writes, `in` and `delete` to `get`/`set`/`has`/`delete`.',
  rules: ['no-unbounded-cache'],
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
        'How long an entry stays fresh, in milliseconds. Default `0`: no expiry, only `max` bounds the cache (a TTL changes what the code returns, so it is only set when asked).',
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
      why: `the package targets Node ${target?.version ?? '?'} (${target?.range ?? ''}), older than lru-cache 10, the oldest with the \`LRUCache\` export, supports (Node 14)`,
    };
  }
  const manifest = owningPackageJson(file);
  const style = manifest ? rangeStyle(manifest.json) : '^';
  return { range: style === '' ? choice.exact : `${style}${choice.major}.0.0` };
}

type AnyNode = Record<string, unknown> & {
  type: string;
  start: number;
  end: number;
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
};

function at(node: unknown): AnyNode {
  return node as AnyNode;
}

/** `5 * 60 * 1000` for whole minutes, `30 * 1000` for whole seconds, otherwise the number. */
function durationText(ms: number): string {
  const scaled = (unit: number, factors: string): string => (ms === unit ? factors : `${ms / unit} * ${factors}`);
  if (ms % 3_600_000 === 0) return scaled(3_600_000, '60 * 60 * 1000');
  if (ms % 60_000 === 0) return scaled(60_000, '60 * 1000');
  if (ms % 1000 === 0) return scaled(1000, '1000');
  return String(ms);
}

/** The range of an expression with the parentheses around it, which a call in its place does not need. */
function withParentheses(node: AnyNode, source: string): [number, number] {
  const extra = node.extra as { parenthesized?: boolean; parenStart?: number } | undefined;
  if (!extra?.parenthesized || typeof extra.parenStart !== 'number') return [node.start, node.end];
  const close = source.indexOf(')', node.end);
  return close === -1 || source.slice(node.end, close).trim() !== ''
    ? [node.start, node.end]
    : [extra.parenStart, close + 1];
}

export default function transform(file: FileInfo, api: API, options: CodemodRunOptions): string | undefined {
  const source = file.source;
  const sites = codemodSites(meta, source, file.path, options);
  if (sites.length === 0) return undefined;

  const declared = dependencyMajor(file.path, ['lru-cache']);
  if (declared !== null && declared < 10) {
    for (const site of sites) {
      api.report(
        `${file.path}:${site.line}:${site.column}: left for review: lru-cache ${declared} is a dependency, and the rewrite uses the \`LRUCache\` export of lru-cache 10 and later; upgrade it first`,
      );
    }
    return undefined;
  }
  const dependency = lruCacheRange(file.path, options.settings);
  if ('why' in dependency) {
    for (const site of sites)
      api.report(`${file.path}:${site.line}:${site.column}: left for review: ${dependency.why}`);
    return undefined;
  }

  const j = jscodeshiftFor(file.path);
  const root = j(source);
  const max = numberOption(meta, options, 'max');
  const ttl = numberOption(meta, options, 'ttl');
  const esm = moduleSyntaxOf(file.path, source) === 'module';
  const typescript = /\.(?:c|m)?tsx?$/iu.test(file.path);
  const edits: Edit[] = [];
  const text = (node: unknown): string => source.slice(at(node).start, at(node).end);
  const skip = (site: RuleSite, name: string, why: string): void => {
    api.report(`${file.path}:${site.line}:${site.column}: \`${name}\` left for review: ${why}`);
  };

  // The local name of `LRUCache` if the file already imports it.
  let lruName: string | null = null;
  root.find(j.ImportDeclaration, { source: { value: 'lru-cache' } }).forEach((path) => {
    for (const specifier of (path.node.specifiers ?? []) as unknown as AnyNode[]) {
      if (specifier.type === 'ImportSpecifier' && at(specifier.imported).name === 'LRUCache')
        lruName = String(at(specifier.local).name);
    }
  });
  root.find(j.VariableDeclarator).forEach((path) => {
    const init = at(path.node.init);
    if (
      init?.type !== 'CallExpression' ||
      at(init.callee).name !== 'require' ||
      at((init.arguments as unknown[])[0]).value !== 'lru-cache'
    )
      return;
    if (at(path.node.id).type !== 'ObjectPattern') return;
    for (const property of at(path.node.id).properties as AnyNode[]) {
      if (at(property.key).name === 'LRUCache' && at(property.value).type === 'Identifier')
        lruName = String(at(property.value).name);
    }
  });
  const imported = lruName !== null;
  const lruTaken = !imported && root.find(j.Identifier, { name: 'LRUCache' }).size() > 0;

  const declarators = root.find(j.VariableDeclarator).paths();
  for (const site of sites) {
    const path = declarators.find((candidate) => {
      const id = at(candidate.node.id);
      return id.loc.start.line === site.line && id.loc.start.column + 1 === site.column;
    });
    if (!path) continue;
    const id = at(path.node.id);
    const name = String(id.name);
    const init = at(path.node.init);
    const value = init.type === 'TSAsExpression' || init.type === 'TSSatisfiesExpression' ? at(init.expression) : init;
    const isObject = value.type === 'ObjectExpression' && (value.properties as unknown[]).length === 0;
    const isMap =
      value.type === 'NewExpression' && at(value.callee).name === 'Map' && (value.arguments as unknown[]).length === 0;
    if (!isObject && !isMap) {
      skip(
        site,
        name,
        'only empty object literals and `new Map()` become LRU caches; bound Sets, arrays and pre-filled objects by hand',
      );
      continue;
    }
    if (lruTaken) {
      skip(site, name, 'the file already uses the name `LRUCache` for something else');
      continue;
    }
    const scope = path.scope;
    const references = root
      .find(j.Identifier, { name })
      .paths()
      .filter((reference) => {
        if (reference.node === path.node.id) return false;
        const parent = at(reference.parent?.node);
        if (
          (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
          parent.property === reference.node &&
          !parent.computed
        )
          return false;
        if (
          (parent.type === 'ObjectProperty' ||
            parent.type === 'Property' ||
            parent.type === 'ObjectMethod' ||
            parent.type === 'ClassProperty' ||
            parent.type === 'ClassMethod') &&
          parent.key === reference.node &&
          !parent.computed &&
          parent.value !== reference.node
        )
          return false;
        if (
          parent.type === 'TSPropertySignature' ||
          parent.type === 'TSTypeReference' ||
          parent.type === 'TSQualifiedName'
        )
          return false;
        return declaringScope(reference.scope, name) === scope;
      });

    const cacheEdits: Edit[] = [];
    const usage = new CacheUsage();
    let problem: string | null = null;
    for (const reference of references) {
      const parentPath = reference.parent as ASTPath;
      const parent = at(parentPath.node);
      const grand = at(parentPath.parent?.node);
      if (isMap) {
        const method =
          parent.type === 'MemberExpression' && parent.object === reference.node && !parent.computed
            ? String(at(parent.property).name)
            : null;
        const called = grand?.type === 'CallExpression' && grand.callee === parent;
        if (method === 'size' && !called) continue;
        if (called && method && ['get', 'set', 'has', 'delete', 'clear'].includes(method)) {
          if (method === 'set' && isNullish(at((grand.arguments as unknown[])[1])))
            problem = 'it stores `null` or `undefined`, which an LRUCache cannot hold';
          if (method === 'get') usage.read(reference);
          if (method === 'set') usage.write(reference, at((grand.arguments as unknown[])[1]));
          continue;
        }
        problem =
          method && ['keys', 'values', 'entries', 'forEach'].includes(method)
            ? `it is iterated (\`${method}\`): an LRUCache iterates most recently used first, not in insertion order`
            : 'it is used as a whole (passed, spread or iterated), where an LRUCache behaves differently';
        break;
      }
      // Object caches. Every rewrite replaces only the syntax around the key and the value (`cache[`, `] = `, `]`),
      // never the key or the value themselves, so reads nested in them (`cache[k] = cache[k] || f(k)`) are rewritten
      // by their own, disjoint edits.
      if (parent.type === 'MemberExpression' && parent.object === reference.node && parent.computed) {
        const brackets = bracketsOf(parent, source);
        if (!brackets) {
          problem = 'a comment or unusual syntax surrounds an entry access';
          break;
        }
        const [open, close] = brackets;
        const sequence = at(parent.property).type === 'SequenceExpression';
        const call = (method: string, start: number, after = ''): Edit[] => [
          { start, end: open + 1, text: `${name}.${method}(${sequence ? '(' : ''}` },
          { start: close, end: parent.end, text: `${sequence ? ')' : ''}${after}` },
        ];
        if (grand.type === 'AssignmentExpression' && grand.left === parent) {
          if (grand.operator !== '=' || at(parentPath.parent?.parent?.node).type !== 'ExpressionStatement') {
            problem = 'an entry is written inside an expression or with a compound operator';
            break;
          }
          if (isNullish(at(grand.right))) {
            problem = 'it stores `null` or `undefined`, which an LRUCache cannot hold';
            break;
          }
          const [valueStart, valueEnd] = withParentheses(at(grand.right), source);
          if (valueEnd !== grand.end) {
            problem = 'an entry is written with unusual syntax';
            break;
          }
          usage.write(reference, at(grand.right));
          const [key, between] = call('set', grand.start);
          cacheEdits.push(key, { ...between, end: valueStart, text: `${between.text}, ` });
          cacheEdits.push({ start: grand.end, end: grand.end, text: ')' });
          continue;
        }
        if (grand.type === 'UnaryExpression' && grand.operator === 'delete') {
          if (at(parentPath.parent?.parent?.node).type !== 'ExpressionStatement') {
            problem = '`delete` is used as a value';
            break;
          }
          const [key, closing] = call('delete', grand.start);
          cacheEdits.push(key, { ...closing, end: grand.end, text: `${closing.text})` });
          continue;
        }
        if (grand.type === 'UpdateExpression' || (grand.type === 'AssignmentExpression' && grand.left === parent)) {
          problem = 'an entry is updated in place';
          break;
        }
        // A `Record<K, V>` index read is typed `V`; keep that type in TypeScript where the value is used as such.
        const assert = typescript && !isTestPosition(parentPath) ? '!' : '';
        if (!isTestPosition(parentPath)) usage.read(reference);
        cacheEdits.push(...call('get', parent.start, `)${assert}`));
        continue;
      }
      if (parent.type === 'BinaryExpression' && parent.operator === 'in' && parent.right === reference.node) {
        const [start, end] = withParentheses(parent, source);
        const [keyStart, keyEnd] = withParentheses(at(parent.left), source);
        cacheEdits.push({ start, end: keyStart, text: `${name}.has(` }, { start: keyEnd, end, text: ')' });
        continue;
      }
      problem =
        parent.type === 'CallExpression' &&
        at(parent.callee).type === 'MemberExpression' &&
        at(at(parent.callee).object).name === 'Object'
          ? `\`Object.${String(at(at(parent.callee).property).name)}(${name})\` reads it as a whole, which an LRUCache does not support`
          : parent.type === 'MemberExpression'
            ? `\`${name}.${String(at(parent.property).name)}\` uses a fixed property name`
            : 'it is used as a whole (passed, spread or iterated), where an LRUCache behaves differently';
      break;
    }
    problem ??= usage.notACache();
    if (problem) {
      skip(site, name, problem);
      continue;
    }

    const typeArgs = typeArguments(path.node.id, value, text);
    const annotation = at(id.typeAnnotation);
    const local: string = lruName ?? 'LRUCache';
    const settings = ttl > 0 ? `{ max: ${max}, ttl: ${durationText(ttl)} }` : `{ max: ${max} }`;
    if (annotation?.type) cacheEdits.push({ start: annotation.start, end: annotation.end, text: '' });
    cacheEdits.push({ start: init.start, end: init.end, text: `new ${local}${typeArgs}(${settings})` });
    edits.push(...cacheEdits);
    lruName = local;
  }
  if (edits.length === 0) return undefined;

  // Import LRUCache once, in the file's module style, after its last import or require.
  if (!imported) {
    const eol = eolOf(source);
    const program = at(root.find(j.Program).get().node);
    const body = program.body as AnyNode[];
    const semicolon = /;\s*$/mu.test(
      source.split(/\r?\n/u).find((line) => /^(?:import|const|let|var)\b/u.test(line)) ?? ';',
    );
    const quote = /require\(\s*"|from\s+"/u.test(source) && !/require\(\s*'|from\s+'/u.test(source) ? '"' : "'";
    const statement = esm
      ? `import { LRUCache } from ${quote}lru-cache${quote}${semicolon ? ';' : ''}`
      : `const { LRUCache } = require(${quote}lru-cache${quote})${semicolon ? ';' : ''}`;
    const anchors = body.filter((node) =>
      esm
        ? node.type === 'ImportDeclaration'
        : node.type === 'VariableDeclaration' &&
          (node.declarations as AnyNode[]).some(
            (d) => at(d.init)?.type === 'CallExpression' && at(at(d.init).callee).name === 'require',
          ),
    );
    const last = anchors.at(-1);
    const directive = body.find((node) => node.type === 'ExpressionStatement' && typeof node.directive === 'string');
    const directives = (program.directives as AnyNode[] | undefined) ?? [];
    const after = last ?? directive ?? directives.at(-1);
    if (after) edits.push({ start: after.end, end: after.end, text: `${eol}${statement}` });
    else edits.push({ start: 0, end: 0, text: `${statement}${eol}${eol}` });
  }
  const output = applyEdits(source, edits);
  if (output === source) return undefined;
  const outcome = requireDependency(file.path, 'lru-cache', dependency.range, options);
  const installed = outcome.missing ? installedVersion(file.path, 'lru-cache') : null;
  const installedMajor = installed === null ? null : Number.parseInt(installed, 10);
  if (installedMajor !== null && installedMajor < 10) {
    // An older lru-cache hoisted for another dependency is what `require` finds until the package gets its own.
    api.report(
      `${file.path}: lru-cache ${installed} is installed (for another dependency) and has no \`LRUCache\` export: install the added lru-cache@${dependency.range} before running the code, or it fails with "LRUCache is not a constructor"`,
    );
  }
  return output;
}

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);

/** The function a reference is in (`null` at module level). */
function enclosingFunction(reference: ASTPath): unknown {
  for (let current = reference.parent as ASTPath | null; current; current = current.parent as ASTPath | null) {
    if (FUNCTION_TYPES.has(at(current.node).type)) return current.node;
  }
  return null;
}

/**
 * A value that is fresh state rather than something computed: a literal (`true`, a number, a string), an empty
 * object or array, `new X()` without arguments (a lock, an emitter), or a function (a registered handler). Evicting
 * such an entry does not lose a result that a miss recomputes: it loses the state itself.
 */
function isState(value: AnyNode): boolean {
  switch (value.type) {
    case 'Literal':
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'BigIntLiteral':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassExpression':
      return true;
    case 'ObjectExpression':
      return (value.properties as unknown[]).length === 0;
    case 'ArrayExpression':
      return (value.elements as unknown[]).length === 0;
    case 'NewExpression':
      return (value.arguments as unknown[]).length === 0;
    default:
      return false;
  }
}

/**
 * How the code uses a map, to tell a read-through cache (some function reads an entry and, on a miss, computes and
 * stores it: an evicted entry is recomputed) from a registry filled at start-up or at registration, or a table of
 * state (locks, flags, in-flight work), which an LRU cache would silently empty.
 */
class CacheUsage {
  private readonly readers = new Set<unknown>();
  private readonly writers = new Set<unknown>();
  private topLevelWrite = false;
  private stateWrite: string | null = null;

  read(reference: ASTPath): void {
    this.readers.add(enclosingFunction(reference));
  }

  write(reference: ASTPath, value: AnyNode | undefined): void {
    const fn = enclosingFunction(reference);
    if (fn === null) this.topLevelWrite = true;
    this.writers.add(fn);
    const unwrapped = value?.type === 'AwaitExpression' ? at(value.argument) : value;
    if (unwrapped && isState(unwrapped)) this.stateWrite ??= unwrapped.type;
  }

  /** Why the map does not behave as a cache, or `null` when it does. */
  notACache(): string | null {
    if (this.topLevelWrite) {
      return 'entries are added at module load (a registry or lookup table filled at start-up): nothing would recompute an evicted entry';
    }
    if (this.stateWrite) {
      return 'it stores fresh state (a flag, an empty object, `new X()`, a function), not values computed from the key (a lock, seen-set, in-flight or handler table): evicting an entry would change what the code does';
    }
    if (![...this.writers].some((writer) => this.readers.has(writer))) {
      return 'no function both reads an entry and stores it on a miss (a registry or table filled at registration): nothing would recompute an evicted entry';
    }
    return null;
  }
}

/**
 * The scope that declares `name`, seen from `scope`. ast-types' own `lookup` throws ("null does not match type
 * Pattern") when it passes a `catch` clause without a binding (`catch { ... }`), which declares nothing.
 */
function declaringScope(scope: ASTPath['scope'], name: string): ASTPath['scope'] {
  for (let current = scope; current; current = current.parent) {
    const node = at(current.node);
    if (node.type === 'CatchClause' && !node.param) continue;
    if (current.declares(name)) return current;
  }
  return null;
}

/**
 * The offsets of `[` and `]` of a computed member access `object[key]`, when only white space separates the object
 * from `[` and the access ends with `]`.
 */
function bracketsOf(member: AnyNode, source: string): [number, number] | null {
  const objectEnd = at(member.object).end;
  const open = source.indexOf('[', objectEnd);
  const close = member.end - 1;
  if (open === -1 || source.slice(objectEnd, open).trim() !== '' || source[close] !== ']') return null;
  return [open, close];
}

/** Whether a read is only tested for presence (`!x`, `x ||`, `if (x)`, `x ? :`, `x === undefined`). */
function isTestPosition(path: ASTPath): boolean {
  const node = path.node;
  const parent = at(path.parent?.node);
  if (!parent) return false;
  if (parent.type === 'UnaryExpression' && parent.operator === '!') return true;
  if (parent.type === 'LogicalExpression' && parent.left === node) return true;
  if (
    (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression' || parent.type === 'WhileStatement') &&
    parent.test === node
  )
    return true;
  return parent.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(String(parent.operator));
}

function isNullish(node: AnyNode | undefined): boolean {
  if (!node) return true;
  return (
    node.type === 'NullLiteral' ||
    (node.type === 'Literal' && node.value === null) ||
    (node.type === 'Identifier' && node.name === 'undefined')
  );
}

/** `<K, V>` from `Map<K, V>`, `Record<K, V>`, `{ [k: K]: V }` or `new Map<K, V>()`; empty when there is none. */
function typeArguments(id: unknown, value: AnyNode, text: (node: unknown) => string): string {
  const params = at(value.typeParameters ?? value.typeArguments);
  if (params?.type) return text(params);
  const annotation = at(at(at(id).typeAnnotation)?.typeAnnotation);
  if (!annotation?.type) return '';
  if (annotation.type === 'TSTypeReference') {
    const typeName = at(annotation.typeName).name;
    const args = at(annotation.typeParameters ?? annotation.typeArguments);
    if ((typeName === 'Map' || typeName === 'Record') && args?.type && (args.params as unknown[]).length === 2)
      return text(args);
  }
  if (annotation.type === 'TSTypeLiteral') {
    const members = annotation.members as AnyNode[];
    const index = members.length === 1 ? members[0] : undefined;
    if (index?.type === 'TSIndexSignature') {
      const parameter = at((index.parameters as unknown[])[0]);
      const keyType = at(at(parameter.typeAnnotation)?.typeAnnotation);
      const valueType = at(at(index.typeAnnotation)?.typeAnnotation);
      if (keyType?.type && valueType?.type) return `<${text(keyType)}, ${text(valueType)}>`;
    }
  }
  return '';
}
