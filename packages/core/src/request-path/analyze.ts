import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { EventEmitter } from 'node:events';
import { Duplex, Readable, Transform, Writable } from 'node:stream';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import {
  calledMethodName,
  callParameters,
  childNodes,
  constructorOf,
  forEachChild,
  pushChildren,
  enclosingFunction,
  isFunctionNode,
  isInside,
  nameOf,
  own,
  skipTsWrappers,
  staticPropertyName,
  staticString,
  type FunctionNode,
} from '../ast.js';
import { DATA_ACCESS_APIS, ROW_MODELS, SHAPES_BY_NAME, type DataAccessEntry } from '../catalogue/data-access.js';
import { choosersAlong, detectDataAccessCalls, tableChoosers } from '../detectors/data-access.js';
import {
  enclosingIterations,
  EVERY_ITEM_METHODS,
  iterationCallOf,
  literalListLength,
  SMALL_LITERAL_ARRAY,
  visibleMinimum,
} from '../detectors/iteration.js';
import { listSearchOf } from '../detectors/searches.js';
import { instanceReceivers, thisMembersByName, valueNode } from '../instances.js';
import { findApiUses } from '../tracker.js';
import { moduleScopes, returnedExpression, soleDefinition } from '../analysis/bindings.js';
import { quotedCode } from '../text.js';
import {
  ACTION_TABLES,
  DECORATORS,
  GRAPHQL_ROOT_TYPES,
  HTTP_VERBS,
  INVOKING_METHODS,
  REGISTRATIONS,
  RESOLVER_MAP_OPTIONS,
  isStartupEvent,
  RARE_TIMER_MS,
  STARTUP_HOOKS,
  TIMER_FUNCTIONS,
  type DecoratorEntry,
  type HandlerKind,
  type MethodRole,
  type RegistrationEntry,
} from './frameworks/index.js';
import type { BackendPerfSettings } from './settings.js';
import { runsOnce } from '../detectors/memoised.js';
import { isCompiledAsyncBody } from '../detectors/compiled-loops.js';
import { isDevelopmentOnly } from '../analysis/environment.js';
import { constInitializer } from '../detectors/options.js';
import { registrationEntries } from './registrations.js';
import { EVENT_WILDCARD, eventPattern } from './events.js';
import { ANY_EXPORT, FOLDER_MODULE } from './summary.js';
import { asyncFlowFunction, asyncPartialApplication } from '../catalogue/async.js';
import { readOnlyTransaction, transactionStart, type TransactionReader } from '../detectors/transactions.js';
import type {
  CallSummary,
  ClassSummary,
  Edge,
  FileSummary,
  FunctionSummary,
  HandlerSummary,
  ModuleRef,
  RootSummary,
  Target,
  Value,
} from './summary.js';

type Variable = TSESLint.Scope.Variable;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A summary, and the function nodes its indices name (for the file whose AST it was computed from). */
export interface FileAnalysis {
  readonly summary: FileSummary;
  readonly functionNodes: readonly FunctionNode[];
  /** What each call's callee stands for: functions of this file (indices) and references into other modules. */
  readonly callTargets: ReadonlyMap<TSESTree.CallExpression | TSESTree.NewExpression, readonly Target[]>;
  /** Calls that apply another function (`async.apply(user.get, uid)`), with the function they call. */
  readonly appliedFunctions: ReadonlyMap<TSESTree.CallExpression, TSESTree.Node>;
  /**
   * Where this file receives values of other modules: import specifiers, `require()` calls (or the destructuring
   * property that picks one export), with the reference each stands for.
   */
  readonly bindings: readonly { readonly node: TSESTree.Node; readonly ref: ModuleRef }[];
  /** The classes of the file: each class body with its index in `summary.classes`. */
  readonly classes: ReadonlyMap<TSESTree.ClassBody, number>;
  /**
   * The classes written as constructor functions (`function Pad() {}` with `Pad.prototype.copy = function`), by their
   * index in `summary.classes`: every `this.<name>` of the constructor and of the methods, by name.
   */
  readonly constructorMembers: ReadonlyMap<number, ReadonlyMap<string, readonly TSESTree.MemberExpression[]>>;
  /** The value of an expression of this file, for the graph to evaluate (`undefined` when nothing useful). */
  readonly valueOf: (node: TSESTree.Node) => Value | undefined;
  /**
   * Where the file reads an application holder (`req.app.locals.db`, `req.app.redis`, or the property `db` of
   * `const { db } = req.app.locals`), with the holder's name: the values other files store there reach these nodes.
   */
  readonly holderReads: readonly (readonly [
    node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.CallExpression,
    name: string,
  ])[];
}

/** A method call on a receiver the file does not show: the receiver's value and the method name (see `Target`). */
interface PropertyRef {
  readonly property: string | null;
  readonly value?: Value;
  /** The number of arguments of the call, when it is one without spread arguments. */
  readonly args?: number;
  /** The receiver's name (`chan` of `chan.removeUser()`), which picks among several functions of that name. */
  readonly receiver?: string;
}

/** What an expression stands for: a function of this file, a value of another module, or a method by name. */
type Resolved = FunctionNode | ModuleRef | PropertyRef;

/** Names of the first parameter of a Node-style completion callback: the error, if the operation failed. */
const ERROR_PARAMETER = /^(?:err|error)$/u;

/** Methods that register a function to run per event or request, whatever its parameters are called. */
const REGISTERING_METHOD =
  /^(?:use|on|once|subscribe|watch|listen|handle|register|add\w*Listener|prepend\w*Listener)(?![a-z])/u;

/**
 * The last argument when it is an inline Node-style completion callback (`function (err, value) {}`), or `null`: not
 * one given to a method that registers it (`bus.subscribe(name, (err, event) => ...)`), nor an error middleware
 * (`(err, req, res, next) => ...`).
 */
function completionCallback(args: readonly TSESTree.Node[], method: string | null): TSESTree.Node | null {
  const last = args.at(-1);
  if (!last || !isFunctionNode(last) || last.params.length >= 4) return null;
  if (method !== null && REGISTERING_METHOD.test(method)) return null;
  const first = last.params.at(0);
  return first?.type === AST_NODE_TYPES.Identifier && ERROR_PARAMETER.test(first.name) ? last : null;
}

/** `module.exports`. */
function isModuleExports(expression: TSESTree.Node): boolean {
  const inner = skipTsWrappers(expression);
  return (
    inner.type === AST_NODE_TYPES.MemberExpression &&
    staticPropertyName(inner) === 'exports' &&
    inner.object.type === AST_NODE_TYPES.Identifier &&
    inner.object.name === 'module'
  );
}

/** A target as text, to tell edges apart. */
function targetKey(target: Target): string {
  if (typeof target === 'number') return String(target);
  if ('ref' in target) return `r${String(target.ref)}`;
  const args = `${target.args === undefined ? '' : `/${String(target.args)}`}${target.receiver ?? ''}`;
  if ('value' in target) return `v${JSON.stringify(target.value)}.${target.property ?? ''}${args}`;
  return `p${target.property}${args}`;
}

const isRef = (value: Resolved): value is ModuleRef => !('type' in value) && !('property' in value);
const isProperty = (value: Resolved): value is PropertyRef => 'property' in value;

/**
 * An argument that reads a property of a receiver other than `this` (`render(data.stop)`, `check(method.config)`), or
 * a call's result (`res.json(slice(req.query.stop))`, whose arguments are taken for a wrapper's): a value handed on far
 * more often than a method passed as a callback, so a property's name alone does not make it one of the project's
 * functions of that name (what the receiver's value holds still may).
 */
function passedProperty(arg: TSESTree.Node): boolean {
  const expression = skipTsWrappers(arg);
  if (expression.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTsWrappers(expression.callee);
    return callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(callee) !== 'bind';
  }
  return (
    expression.type === AST_NODE_TYPES.MemberExpression &&
    unwrapSequence(expression.object).type !== AST_NODE_TYPES.ThisExpression
  );
}

/** A target without the fallback to functions of that property name: `null` when nothing else is left. */
function valueOnly(target: Resolved): Resolved | null {
  if (!isProperty(target)) return target;
  return target.value ? { ...target, property: null } : null;
}

/**
 * Methods of JavaScript's and Node's built-in objects (arrays, maps, promises, strings, emitters, streams, buffers,
 * the console): a call `x.push()` or `x.on()` on a receiver the model cannot follow is never taken for a call of a
 * project function of that name.
 */
/** The globals of the JavaScript runtime itself (`Number`, `Date`, `JSON`, `process`, `Buffer`, ...). */
const STANDARD_GLOBALS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(globalThis));

export const BUILT_IN_METHODS: ReadonlySet<string> = (() => {
  const names = new Set<string>();
  const objects: unknown[] = [
    Object.prototype,
    Array.prototype,
    Function.prototype,
    String.prototype,
    Number.prototype,
    Boolean.prototype,
    Promise.prototype,
    Map.prototype,
    Set.prototype,
    WeakMap.prototype,
    WeakSet.prototype,
    Date.prototype,
    RegExp.prototype,
    Error.prototype,
    Symbol.prototype,
    Object,
    Array,
    Promise,
    JSON,
    Math,
    Reflect,
    Buffer.prototype,
    Buffer,
    console,
    EventEmitter.prototype,
    Readable.prototype,
    Writable.prototype,
    Duplex.prototype,
    Transform.prototype,
  ];
  for (const object of objects) {
    for (let current = object; current && current !== Object.prototype; current = Object.getPrototypeOf(current)) {
      for (const name of Object.getOwnPropertyNames(current)) names.add(name);
    }
  }
  for (const name of Object.getOwnPropertyNames(Object.prototype)) names.add(name);
  return names;
})();

/** How compiled ES modules mark themselves: `__esModule` set by name, or esbuild's `__toCommonJS`. */
const ES_MODULE_MARK = /__toCommonJS\(|["']__esModule["']|\.__esModule\s*=/u;

const MAX_RESOLVE_DEPTH = 4;
const MAX_VALUE_DEPTH = 9;

/** CommonJS interop helpers that wrap `require(...)` without changing which module it names. */
const INTEROP_HELPERS = new Set([
  '__importDefault',
  '__importStar',
  '__toESM',
  '__toCommonJS',
  '_interopRequireDefault',
  '_interopRequireWildcard',
  '_interop_require_default',
  '_interop_require_wildcard',
  'interopRequireDefault',
  'interopRequireWildcard',
]);
/** Helpers of compiled TypeScript and Babel output that re-export a module (`export * from`). */
const EXPORT_STAR_HELPERS = new Set(['__exportStar', '__export', '__reExport']);
/** Methods that register a listener on an emitter. */
const EMITTER_METHODS: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
]);
/** The events of a readable or writable stream, which follow the code that reads or writes it. */
const STREAM_EVENTS: ReadonlySet<string> = new Set(['data', 'end', 'finish', 'readable', 'drain']);
/** The streams of a child process. */
const CHILD_STREAMS: ReadonlySet<string> = new Set(['stdout', 'stderr', 'stdin']);
/** `child_process` functions that return a child process. */
const CHILD_PROCESS_FACTORIES: ReadonlySet<string> = new Set(['spawn', 'exec', 'execFile', 'fork']);

/** Method names that read data on some shape of the catalogue (`findOne`, `query`, `hget`, ...). */
const DATA_METHOD_NAMES: ReadonlySet<string> = new Set(
  [...SHAPES_BY_NAME.values()].flatMap(({ shape }) => Object.keys(shape.methods ?? {})),
);

/**
 * Of those, the lookups (`findOne`, `hget`, `zrange`): not `query`, nor a builder's first call, which may write
 * (Knex's `insert`, `del`). A key chosen at run time among names is a read only when each name is one.
 */
const LOOKUP_METHOD_NAMES: ReadonlySet<string> = new Set(
  [...SHAPES_BY_NAME.values()].flatMap(({ shape }) =>
    Object.entries(shape.methods ?? {})
      .filter(([, operation]) => operation.kind !== 'query' && operation.kind !== 'request')
      .map(([name]) => name),
  ),
);

/**
 * The most names a table's computed key is read as (`table[name] = require('./' + name)` over a literal list of module
 * names): a list written out in the code is a fixed set of names, however long. Method names chosen at run time keep
 * `SMALL_LITERAL_ARRAY`.
 */
const MAX_KEY_NAMES = 32;

/** Array methods that read a list without changing it (a literal list read only through them keeps its names). */
const LIST_READS: ReadonlySet<string> = new Set([
  'forEach',
  'map',
  'filter',
  'some',
  'every',
  'includes',
  'indexOf',
  'join',
  'length',
]);

/** Catalogue constructions and factories whose results are data-access values, and classes that subclass them. */
const DATA_CREATIONS = DATA_ACCESS_APIS.filter((entry) => entry.creates && entry.usage !== 'read');
const DATA_SUPERCLASSES: readonly DataAccessEntry[] = [
  ...DATA_ACCESS_APIS.filter((entry) => entry.subclassShape),
  // `class Db extends PrismaClient`: instances of the subclass are clients.
  ...DATA_CREATIONS.filter((entry) => entry.usage === 'construct').map((entry): DataAccessEntry => ({
    ...entry,
    id: `${entry.id} (extends)`,
    usage: 'read',
    tags: [...entry.tags, 'instance-superclass'],
  })),
];

function isRoutePath(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.Literal && 'regex' in node) return true;
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    return node.elements.length > 0 && node.elements.every((e) => isRoutePath(e ?? undefined));
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis[0]?.value.cooked?.startsWith('/') ?? false;
  // `'/api' + name`, `relativePath + '/users'`: a prefix joined to a path.
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    return isRoutePath(node.left) || (staticString(node.right)?.startsWith('/') ?? false);
  }
  const value = staticString(node);
  return value !== null && (value.startsWith('/') || value === '*' || value.startsWith('(/'));
}

function describePath(node: TSESTree.Node | undefined): string {
  if (!node) return '';
  return staticString(node) ?? '…';
}

/**
 * For a receiver of a verb call, the `.route(path)` call it chains from: `app.route('/a')` itself, or through
 * earlier verb calls of the same chain (`app.route('/a').get(f)` is the receiver of `.put(g)`).
 */
function routeCallOf(receiver: TSESTree.Node): TSESTree.CallExpression | null {
  let current = skipTsWrappers(receiver);
  for (let depth = 0; depth < 32 && current.type === AST_NODE_TYPES.CallExpression; depth += 1) {
    const name = calledMethodName(current);
    if (name === 'route') return current.arguments.length > 0 && isRoutePath(current.arguments[0]) ? current : null;
    if (name === null || !(HTTP_VERBS as readonly string[]).includes(name)) return null;
    const callee = skipTsWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    current = skipTsWrappers(callee.object);
  }
  return null;
}

/** The name of a called helper: `helper(...)` or `lib.helper(...)`. */
function helperName(callee: TSESTree.Node): string | null {
  return nameOf(skipTsWrappers(callee));
}

/** Helpers that make their first argument a subclass of their second: `util.inherits`, TypeScript's `__extends`. */
const INHERITS_HELPERS: ReadonlySet<string> = new Set(['inherits', '__extends']);

/** Helpers that copy the members of their other arguments onto their first: `Object.assign`, `_.extend`. */
const ASSIGN_HELPERS: ReadonlySet<string> = new Set(['assign', 'extend']);

/** `Object.assign(target, ...)` or `_.extend(target, ...)` with `target` the given node. */
function assignsTo(call: TSESTree.Node, target: TSESTree.Node): call is TSESTree.CallExpression {
  return (
    call.type === AST_NODE_TYPES.CallExpression &&
    call.arguments[0] === target &&
    ASSIGN_HELPERS.has(helperName(call.callee) ?? '')
  );
}

/** `Base.call(this, ...)` or `Base.apply(this, arguments)`: a constructor function calling its parent's. */
function superCall(call: TSESTree.CallExpression): boolean {
  const first = call.arguments.at(0);
  return first !== undefined && skipTsWrappers(first).type === AST_NODE_TYPES.ThisExpression;
}

/** Adds a value `this.<name>` holds, at most four per field (as a value's `any` holds elsewhere). */
function addFieldValue(fields: Record<string, Value[]>, name: string, value: Value | undefined): void {
  if (!value || name === '__proto__') return;
  const list = own(fields, name) ?? (fields[name] = []);
  if (list.length < 4) list.push(value);
}

/**
 * The `Pad.prototype` a function is stored on: `Pad.prototype.copy = function`, `Pad.prototype = { copy() {} }`,
 * `Object.assign(Pad.prototype, { copy() {} })`; `null` for any other function.
 */
function prototypeHolding(fn: FunctionNode): TSESTree.MemberExpression | null {
  const holder = fn.parent;
  let prototype: TSESTree.Node | undefined;
  if (holder.type === AST_NODE_TYPES.AssignmentExpression && holder.right === fn) {
    if (holder.left.type === AST_NODE_TYPES.MemberExpression) prototype = holder.left.object;
  } else if (holder.type === AST_NODE_TYPES.Property && holder.value === fn) {
    const object = holder.parent;
    const up = object.parent;
    if (up.type === AST_NODE_TYPES.AssignmentExpression && up.right === object) prototype = up.left;
    else if (
      up.type === AST_NODE_TYPES.CallExpression &&
      up.arguments.indexOf(object) > 0 &&
      assignsTo(up, up.arguments[0])
    )
      prototype = up.arguments[0];
  }
  const member = prototype ? skipTsWrappers(prototype) : null;
  return member?.type === AST_NODE_TYPES.MemberExpression &&
    staticPropertyName(member) === 'prototype' &&
    member.object.type === AST_NODE_TYPES.Identifier
    ? member
    : null;
}

/** `Pad` of a function stored on `Pad.prototype` (see `prototypeHolding`), or `null`. */
function prototypeOwner(fn: FunctionNode): string | null {
  const object = prototypeHolding(fn)?.object;
  return object?.type === AST_NODE_TYPES.Identifier ? object.name : null;
}

/**
 * The function whose `this` a `this` is: the nearest enclosing function that is not an arrow function (nor the body
 * of a compiled async function), or `null` in a class's field or static block or at the top level.
 */
function thisFunction(node: TSESTree.Node): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | null {
  for (let current = node.parent; current; current = current.parent) {
    // TypeScript's ES5 async method: `__awaiter(this, ..., function () { return __generator(this, function (_a) {
    // ... }) })` runs both bodies with the method's `this`.
    if (
      (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression) &&
      !isCompiledAsyncBody(current)
    )
      return current;
    if (
      current.type === AST_NODE_TYPES.PropertyDefinition ||
      current.type === AST_NODE_TYPES.StaticBlock ||
      current.type === AST_NODE_TYPES.ClassBody
    )
      return null;
  }
  return null;
}

/**
 * The registration methods that return the app or router they are called on, so that registrations chain
 * (`new Elysia().get('/a', a).post('/b', b)`, `router.get(...).post(...)`): every registration method but `listen`
 * (it returns a server) and `route` (Express's route object).
 */
function chainableMethods(methods: Readonly<Record<string, MethodRole>>): readonly string[] {
  return Object.keys(methods).filter((name) => name !== 'route' && name !== 'listen');
}

/** Methods and fields of an Express or Koa application, never holders of a value of the application's own. */
const APP_METHODS = new Set([
  'use',
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'head',
  'options',
  'route',
  'listen',
  'set',
  'enable',
  'disable',
  'enabled',
  'disabled',
  'engine',
  'param',
  'render',
  'locals',
  'settings',
  'context',
  'request',
  'response',
  'callback',
  'on',
  'once',
  'emit',
  'router',
  'mountpath',
  'path',
  'keys',
  'proxy',
  'env',
]);

/**
 * The application holder a member expression names: `locals.db` for `app.locals.db`, `req.app.locals.db` or
 * `res.locals.db` (Express's place for values shared with the request handlers), `app.db` for `app.db` or
 * `req.app.db` (a value stored on the application object itself), else `null`.
 */
function holderName(member: TSESTree.MemberExpression): string | null {
  const name = staticPropertyName(member);
  const object = skipTsWrappers(member.object);
  if (name === null) return null;
  if (object.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(object) === 'locals')
    return `locals.${name}`;
  return isAppObject(object) && !APP_METHODS.has(name) ? `app.${name}` : null;
}

/** `app` or `<anything>.app`: an Express or Koa application as handlers and start-up code name it. */
function isAppObject(node: TSESTree.Node): boolean {
  const object = skipTsWrappers(node);
  return (
    (object.type === AST_NODE_TYPES.Identifier && object.name === 'app') ||
    (object.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(object) === 'app')
  );
}

/**
 * The application setting a call stores or reads: `set.db` for `app.set('db', value)` (two arguments) and for
 * `req.app.get('db')` (one argument: Express's settings getter, never a route, which takes a handler).
 */
function settingName(call: TSESTree.CallExpression, method: 'set' | 'get'): string | null {
  const callee = skipTsWrappers(call.callee);
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    staticPropertyName(callee) !== method ||
    !isAppObject(callee.object)
  ) {
    return null;
  }
  if (call.arguments.length !== (method === 'set' ? 2 : 1)) return null;
  const name = staticString(call.arguments[0]);
  return name === null ? null : `set.${name}`;
}

/** How a message names a call: its callee's text, shortened (`prisma.user.findUnique`). */
function describeCallee(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): string {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- absent in lightSourceCode
  const text = sourceCode.getText ? sourceCode.getText(call.callee) : sourceCode.text.slice(...call.callee.range);
  const compact = text.replace(/\s+/gu, '');
  return compact.length > 60 ? `${compact.slice(0, 57)}…` : compact;
}

/** `(0, x.f)`, the compiled form of a call through an import: the expression that is called. */
function unwrapSequence(node: TSESTree.Node): TSESTree.Node {
  const expression = skipTsWrappers(node);
  if (expression.type === AST_NODE_TYPES.SequenceExpression && expression.expressions.length > 0) {
    return skipTsWrappers(expression.expressions[expression.expressions.length - 1]);
  }
  return expression;
}

const REQ = /^(req|request)$/u;
const RES = /^(res|response|reply|h)$/u;

/** Whether a function's parameters look like those of a request handler of a known framework. */
export function hasHandlerSignature(fn: FunctionNode): boolean {
  const names = fn.params.map((param) => {
    const inner = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    return inner.type === AST_NODE_TYPES.Identifier ? inner.name : '';
  });
  if (names.length >= 2 && names.length <= 3 && REQ.test(names[0] ?? '') && RES.test(names[1] ?? '')) {
    return names.length === 2 || names[2] === 'next';
  }
  return (names.length === 1 || (names.length === 2 && names[1] === 'next')) && names[0] === 'ctx';
}

/**
 * Reads one file: which of its functions the frameworks call per request or at start-up, the calls between them,
 * the calls and registrations that leave the file through its imports, and what it exports. See `FileSummary`.
 */
class FileAnalyzer {
  private readonly functions: FunctionNode[] = [];
  private readonly functionIndex = new Map<FunctionNode, number>();
  private readonly refs: ModuleRef[] = [];
  private readonly refIndex = new Map<string, number>();
  private readonly roots: RootSummary[] = [];
  private readonly edges: Edge[] = [];
  private readonly edgeKeys = new Set<string>();
  /** The function each function is written in (`null` at the module's top level). */
  private readonly lexicalParents = new Map<FunctionNode, FunctionNode | null>();
  /** Calls of a function's own parameter: `[function, parameter index, calling function]`. */
  private readonly parameterCalls: Array<readonly [FunctionNode, number, FunctionNode | null]> = [];
  private readonly imports = new Set<string>();
  /** Specifiers required under a development guard, and those imported or required without one. */
  private readonly devRequired = new Set<string>();
  private readonly plainImports = new Set<string>();
  private readonly exportsMap: Record<string, Value> = {};
  /** Exports that a function assigns when it runs (`exports.get = ...` inside `init`). */
  private readonly laterExports = new Set<string>();
  /** A loop variable over a literal list, fixed to one of its names while an export is evaluated for that name. */
  private readonly fixedKeys = new Map<Variable, string>();
  private moduleValue: Value | undefined;
  private readonly stars: string[] = [];

  private readonly receivers = new Map<TSESTree.Node, RegistrationEntry>();
  private readonly registeringCalls = new Map<TSESTree.Node, RegistrationEntry>();
  private readonly decorators = new Map<TSESTree.Node, DecoratorEntry>();
  private readonly graphqlTypes = new Set<TSESTree.Node>();
  private readonly handledResolverMaps = new Set<TSESTree.Node>();
  private readonly creations = new Map<TSESTree.Node, string>();
  private readonly superclassShapes = new Map<TSESTree.Node, { readonly shape: string; readonly instances: boolean }>();
  private readonly pendingExports: Array<() => void> = [];
  /** Set while the pending exports are evaluated, in the order of the module's assignments. */
  private exporting = false;
  /** What module-level code assigns to `exports.<name>` (see `ownExportTargets`), read on first use. */
  private ownExports: Map<string, TSESTree.Node[]> | null = null;
  private readonly callTargets = new Map<TSESTree.CallExpression | TSESTree.NewExpression, Target[]>();
  /** What each function searches by one of its parameters (see `FunctionSummary.scans`). */
  private readonly scans = new Map<FunctionNode, readonly [number, string]>();
  private readonly appliedFunctions = new Map<TSESTree.CallExpression, TSESTree.Node>();
  private readonly bindings: Array<{ node: TSESTree.Node; ref: ModuleRef }> = [];
  private readonly classes: ClassSummary[] = [];
  private readonly classIndex = new Map<ClassNode, number>();
  /** Classes written as constructor functions (see `constructorVariable`), by their constructor. */
  private readonly constructorIndex = new Map<FunctionNode, number>();
  private readonly constructorVariables = new Map<FunctionNode, Variable | null>();
  private readonly constructorMembers = new Map<number, Map<string, TSESTree.MemberExpression[]>>();
  private readonly calls: CallSummary[] = [];
  private readonly accesses: Array<readonly [number, Value, string] | readonly [number, Value, string, number]> = [];
  private readonly emits: Array<readonly [number, string, Value]> = [];
  private readonly holders: Array<readonly [string, Value]> = [];
  /** Members each function assigns to its parameters (see `FunctionSummary.members`). */
  private readonly paramMembers = new Map<FunctionNode, Array<readonly [number, string, Value]>>();
  private readonly mixins: Array<readonly [Value, number]> = [];
  private readonly holderReads: Array<
    readonly [TSESTree.MemberExpression | TSESTree.Property | TSESTree.CallExpression, string]
  > = [];
  /** Variables whose value is being read (a variable defined through itself reads as nothing). */
  private readonly evaluating = new Set<Variable>();

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly settings: BackendPerfSettings,
  ) {}

  analyze(): FileAnalysis {
    this.collectTrackedApis();
    this.walk(this.sourceCode.ast, null);
    this.exporting = true;
    try {
      for (const collect of this.pendingExports) collect();
    } finally {
      this.exporting = false;
    }
    const exported = this.exportedFunctions();
    const dataAccess = new Map<FunctionNode, string>();
    // The parameter that chooses the table of every data access of a function (-1: not one parameter for all).
    const dataTable = new Map<FunctionNode, number>();
    for (const call of detectDataAccessCalls(this.sourceCode, this.settings.dataAccess ?? [])) {
      const fn = enclosingFunction(call.node);
      if (!fn) continue;
      if (!dataAccess.has(fn)) dataAccess.set(fn, describeCallee(this.sourceCode, call.node));
      const param = this.choosingParameter(fn, tableChoosers(call, this.sourceCode));
      const known = dataTable.get(fn);
      dataTable.set(fn, known === undefined || known === param ? param : -1);
    }
    // Returns may name functions and classes not indexed yet (a returned class expression): read them first.
    const returnsByFunction = new Map<FunctionNode, Value[]>();
    for (let index = 0; index < this.functions.length; index += 1) {
      const fn = this.functions[index];
      returnsByFunction.set(fn, this.functionReturns(fn));
    }
    const calledParams = this.calledParameters();
    const functions: FunctionSummary[] = this.functions.map((fn) => {
      const summary: FunctionSummary = {
        start: fn.range[0],
        name: this.functionName(fn),
        line: fn.loc.start.line,
        ...(hasHandlerSignature(fn) ? { handlerSignature: true } : {}),
        ...(exported.has(fn) ? { exported: true } : {}),
        ...(dataAccess.has(fn) ? { dataAccess: dataAccess.get(fn) } : {}),
        ...((dataTable.get(fn) ?? -1) >= 0 ? { dataTable: dataTable.get(fn) } : {}),
        ...this.propertyOf(fn),
        ...(this.paramMembers.has(fn) ? { members: this.paramMembers.get(fn) } : {}),
        ...(calledParams.has(fn) ? { calledParams: [...(calledParams.get(fn) ?? [])] } : {}),
        ...(this.scans.has(fn) ? { scans: this.scans.get(fn) } : {}),
      };
      if (summary.property !== undefined) {
        const params = this.positionalParameters(fn);
        if (params !== undefined) return this.withReturns({ ...summary, params }, returnsByFunction.get(fn));
      }
      return this.withReturns(summary, returnsByFunction.get(fn));
    });
    const summary: FileSummary = {
      functions,
      imports: [...this.imports],
      refs: this.refs,
      roots: this.roots,
      edges: this.edges,
      exports: this.exportsMap,
      ...(this.moduleValue ? { moduleValue: this.moduleValue } : {}),
      stars: this.stars,
      ...(this.sourceCode.text.startsWith('#!') ? { script: true } : {}),
      ...(ES_MODULE_MARK.test(this.sourceCode.text) ? { esModule: true } : {}),
      classes: this.classes,
      calls: this.calls,
      accesses: this.accesses,
      holders: this.holders,
      ...(this.mixins.length > 0 ? { mixins: this.mixins } : {}),
      ...(this.emits.length > 0 ? { emits: this.emits } : {}),
      ...this.devImports(),
    };
    return {
      summary,
      functionNodes: this.functions,
      callTargets: this.callTargets,
      appliedFunctions: this.appliedFunctions,
      bindings: this.bindings,
      classes: new Map([...this.classIndex].map(([node, index]) => [node.body, index])),
      constructorMembers: this.constructorMembers,
      valueOf: (node) => this.valueOf(node, 0),
      holderReads: this.holderReads,
    };
  }

  /**
   * The parameters each function calls in its own flow (see `FunctionSummary.calledParams`): a call of the parameter
   * in the function itself, or in a function written in it that runs only while it runs: every way in is an
   * invocation from the function or from another such function (an iteration callback, a task of the `async`
   * library, a completion callback, a one-off timer), never a listener, a periodic timer, a function it returns or
   * hands to code that may call it later. A helper that calls what it is given at once and again on an interval
   * (`schedule(job, ms)`) does not count: the job also runs later, in no caller's flow.
   */
  private calledParameters(): Map<FunctionNode, Set<number>> {
    const incoming = new Map<number, Array<readonly [from: number, kind: Edge[2]]>>();
    for (const [from, to, kind] of this.edges) {
      if (typeof to !== 'number') continue;
      const list = incoming.get(to);
      if (list) list.push([from, kind]);
      else incoming.set(to, [[from, kind]]);
    }
    const rooted = new Set<number>();
    for (const root of this.roots) if (typeof root.target === 'number') rooted.add(root.target);
    // Per owner: whether each function runs only in its flow (a cycle counts as not).
    const memo = new Map<FunctionNode, Map<FunctionNode, boolean>>();
    const inFlow = (fn: FunctionNode, owner: FunctionNode): boolean => {
      if (fn === owner) return true;
      let known = memo.get(owner);
      if (!known) memo.set(owner, (known = new Map<FunctionNode, boolean>()));
      const cached = known.get(fn);
      if (cached !== undefined) return cached;
      known.set(fn, false);
      const index = this.indexOf(fn);
      const parent = this.lexicalParents.get(fn) ?? null;
      let invoked = false;
      let only = !rooted.has(index) && !this.functionEscapes(fn);
      for (const [from, kind] of only ? (incoming.get(index) ?? []) : []) {
        const caller = from === -1 ? null : this.functions[from];
        // Every function has a `1` edge from the one it is written in; another `1` edge is a hand-over.
        if (kind === 1 && caller === parent) continue;
        if (kind === 1 || !caller || !inFlow(caller, owner)) {
          only = false;
          break;
        }
        invoked = true;
      }
      const result = only && invoked;
      known.set(fn, result);
      return result;
    };
    const result = new Map<FunctionNode, Set<number>>();
    for (const [fn, index, from] of this.parameterCalls) {
      if (!from || !inFlow(from, fn)) continue;
      const set = result.get(fn);
      if (set) set.add(index);
      else result.set(fn, new Set([index]));
    }
    return result;
  }

  /**
   * Whether a function written in a helper and bound to a name may run later than the helper: the name is returned,
   * stored or handed to code that keeps it (`const run = () => job(); run(); return run;`).
   */
  private functionEscapes(fn: FunctionNode): boolean {
    const parent = fn.parent;
    if (
      parent.type === AST_NODE_TYPES.VariableDeclarator &&
      parent.init === fn &&
      parent.id.type === AST_NODE_TYPES.Identifier
    ) {
      const variable = this.variable(parent.id);
      if (!variable) return true;
      return variable.references.some((reference) => !reference.init && this.escapes(reference.identifier));
    }
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
      const variable = fn.id ? this.variable(fn.id) : null;
      return variable ? variable.references.some((reference) => this.escapes(reference.identifier)) : false;
    }
    // Written where it is used: the kind of its edge from the function around it says (see `calledParameters`).
    return false;
  }

  // ---- tracked APIs -------------------------------------------------------------------------------------------

  private collectTrackedApis(): void {
    for (const { node, entry } of findApiUses(this.sourceCode, registrationEntries(this.settings, REGISTRATIONS))) {
      if (entry.registersArguments) this.registeringCalls.set(node, entry);
      // Class fields stay with the name-based route heuristic (`this.router.get(...)`), which labels them by method
      // only.
      if (entry.methods) {
        const chain = chainableMethods(entry.methods);
        // Every link of a chain is the app too: `new Elysia().onBeforeHandle(guard).get('/', handler)`.
        const links = (receiver: TSESTree.Node): void => {
          let link: TSESTree.Node = receiver;
          for (;;) {
            this.receivers.set(link, entry);
            const member = link.parent;
            const call = member?.parent;
            if (
              member?.type !== AST_NODE_TYPES.MemberExpression ||
              member.object !== link ||
              call?.type !== AST_NODE_TYPES.CallExpression ||
              call.callee !== member ||
              !chain.includes(staticPropertyName(member) ?? '')
            )
              break;
            link = call;
          }
        };
        // A read of an instance the module exports is reported at its binding (`const { program } =
        // require('commander')`, `import { program } from 'commander'`): its uses are the receivers.
        const starts = this.bindingReferences(node) ?? [node];
        for (const start of starts) {
          links(start);
          for (const receiver of instanceReceivers(this.sourceCode, start, { fields: false, chainMethods: chain }))
            links(receiver);
        }
      }
    }
    for (const { node, entry } of findApiUses(this.sourceCode, DECORATORS)) this.decorators.set(node, entry);
    for (const { node } of findApiUses(this.sourceCode, GRAPHQL_TYPE_ENTRIES)) this.graphqlTypes.add(node);
    for (const { node, entry } of findApiUses(this.sourceCode, DATA_CREATIONS)) {
      if (entry.creates) this.creations.set(node, entry.creates.name);
    }
    for (const { node, entry } of findApiUses(this.sourceCode, DATA_SUPERCLASSES)) {
      const instances = entry.tags.includes('instance-superclass');
      const shape = instances ? entry.creates : entry.subclassShape;
      if (!shape) continue;
      this.superclassShapes.set(node, { shape: shape.name, instances });
      // `const { Model } = require('sequelize')`, `import { Model } from 'objection'`: the uses of the local name.
      for (const reference of node.type === AST_NODE_TYPES.ImportDefaultSpecifier
        ? []
        : (this.bindingReferences(node) ?? [])) {
        this.superclassShapes.set(reference, { shape: shape.name, instances });
      }
    }
  }

  /**
   * The read references of the local name an import specifier or a destructured `require` binds, or `null` for any
   * other node.
   */
  private bindingReferences(node: TSESTree.Node): TSESTree.Node[] | null {
    const local =
      node.type === AST_NODE_TYPES.ImportSpecifier || node.type === AST_NODE_TYPES.ImportDefaultSpecifier
        ? node.local
        : node.type === AST_NODE_TYPES.Property &&
            node.parent.type === AST_NODE_TYPES.ObjectPattern &&
            node.value.type === AST_NODE_TYPES.Identifier
          ? node.value
          : null;
    if (!local) return null;
    const variable = this.variable(local);
    return (variable?.references ?? [])
      .filter((reference) => reference.isRead())
      .map((reference) => reference.identifier as TSESTree.Node);
  }

  // ---- walking ------------------------------------------------------------------------------------------------

  /**
   * The position of the parameter of `fn` among the expressions that choose the table of a data access of `fn`
   * (`knex(table)` with `table` a parameter, not reassigned), or -1.
   */
  private choosingParameter(fn: FunctionNode, choosers: readonly TSESTree.Node[]): number {
    for (const chooser of choosers) {
      const node = skipTsWrappers(chooser);
      if (node.type !== AST_NODE_TYPES.Identifier) continue;
      const def = soleDefinition(this.sourceCode, node);
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
      if (def?.type !== 'Parameter' || def.node !== fn) continue;
      const index = fn.params.findIndex((param) => param === def.name);
      if (index >= 0) return index;
    }
    return -1;
  }

  /**
   * Visits every node in source order, with the function it is in: iteratively, so that deeply nested code (generated
   * code nests hundreds of functions) never exhausts the stack.
   */
  private walk(root: TSESTree.Node, outer: FunctionNode | null): void {
    // Two stacks of the same height, the nodes to visit and the function each is in: no pair per node.
    const nodes: TSESTree.Node[] = [root];
    const functions: Array<FunctionNode | null> = [outer];
    const keys = this.sourceCode.visitorKeys;
    while (nodes.length > 0) {
      const node = nodes.pop() as TSESTree.Node;
      const current = functions.pop() as FunctionNode | null;
      const inner = this.visitNode(node, current);
      for (let pushed = pushChildren(node, keys, nodes); pushed > 0; pushed -= 1) functions.push(inner);
    }
  }

  /** What the walk does at one node; returns the function its children are in. */
  private visitNode(node: TSESTree.Node, current: FunctionNode | null): FunctionNode | null {
    let inner = current;
    if (isFunctionNode(node)) {
      this.indexOf(node);
      this.lexicalParents.set(node, current);
      if (current) this.addEdge(current, node, 1);
      inner = node;
    }
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        this.visitCall(node, current);
        if (node.type === AST_NODE_TYPES.CallExpression) this.visitSetting(node);
        break;
      case AST_NODE_TYPES.ObjectExpression:
        this.visitObject(node);
        break;
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        this.visitClass(node);
        break;
      case AST_NODE_TYPES.Decorator:
        this.visitDecorator(node.expression, current);
        break;
      case AST_NODE_TYPES.ImportDeclaration:
        if (typeof node.source.value === 'string') {
          this.imports.add(node.source.value);
          this.plainImports.add(node.source.value);
        }
        this.visitImport(node);
        break;
      case AST_NODE_TYPES.VariableDeclarator:
        this.visitRequireBinding(node);
        this.visitHolderDestructuring(node);
        break;
      case AST_NODE_TYPES.MemberExpression: {
        const name = holderName(node);
        const assigned = node.parent.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node;
        if (name !== null && !assigned) this.holderReads.push([node, name]);
        break;
      }
      case AST_NODE_TYPES.ExportNamedDeclaration:
      case AST_NODE_TYPES.ExportDefaultDeclaration:
      case AST_NODE_TYPES.ExportAllDeclaration:
      case AST_NODE_TYPES.TSExportAssignment:
        this.visitExport(node);
        break;
      case AST_NODE_TYPES.AssignmentExpression: {
        this.visitParameterMember(node);
        // Module level, or the body of a function run right away (`(function (Users) { ... })(exports)`), sets what
        // the module exports; a function that runs later (an `init` that fills in the exports) adds to it.
        this.visitExportAssignment(node, this.runsLater(node));
        const left = node.left.type === AST_NODE_TYPES.MemberExpression ? holderName(node.left) : null;
        const value = left !== null && node.operator === '=' ? this.valueOf(node.right, 1) : undefined;
        if (left !== null && value) this.holders.push([left, value]);
        break;
      }
      case AST_NODE_TYPES.TSImportEqualsDeclaration:
        if (
          node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference &&
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- any expression parses here
          node.moduleReference.expression.type === AST_NODE_TYPES.Literal
        ) {
          this.imports.add(node.moduleReference.expression.value);
        }
        break;
      default:
        break;
    }
    return inner;
  }

  /** `app.set('db', db)` stores the setting `set.db`; `req.app.get('db')` reads it back. */
  private visitSetting(call: TSESTree.CallExpression): void {
    const stored = settingName(call, 'set');
    const value = stored !== null ? this.valueOf(call.arguments[1], 1) : undefined;
    if (stored !== null && value) this.holders.push([stored, value]);
    const read = settingName(call, 'get');
    if (read !== null) this.holderReads.push([call, read]);
  }

  /** `const { db } = req.app.locals` (or `app.locals`, `res.locals`): each property reads the holder `locals.db`. */
  private visitHolderDestructuring(node: TSESTree.VariableDeclarator): void {
    const init = node.init ? skipTsWrappers(node.init) : null;
    if (
      node.id.type !== AST_NODE_TYPES.ObjectPattern ||
      init?.type !== AST_NODE_TYPES.MemberExpression ||
      staticPropertyName(init) !== 'locals'
    )
      return;
    for (const property of node.id.properties) {
      const name = property.type === AST_NODE_TYPES.Property ? staticPropertyName(property) : null;
      if (property.type === AST_NODE_TYPES.Property && name !== null)
        this.holderReads.push([property, `locals.${name}`]);
    }
  }

  /** The specifiers required only under a development guard (`{ devImports }`), when there are any. */
  private devImports(): { devImports?: string[] } {
    const dev = [...this.devRequired].filter((specifier) => !this.plainImports.has(specifier));
    return dev.length > 0 ? { devImports: dev } : {};
  }

  private indexOf(fn: FunctionNode): number {
    let index = this.functionIndex.get(fn);
    if (index === undefined) {
      index = this.functions.length;
      this.functions.push(fn);
      this.functionIndex.set(fn, index);
    }
    return index;
  }

  private target(resolved: Resolved): Target {
    if (isProperty(resolved)) {
      const hints = {
        ...(resolved.args === undefined ? {} : { args: resolved.args }),
        ...(resolved.receiver === undefined ? {} : { receiver: resolved.receiver }),
      };
      if (resolved.value) return { value: resolved.value, property: resolved.property, ...hints };
      return { property: resolved.property ?? '', ...hints };
    }
    if (!isRef(resolved)) return this.indexOf(resolved);
    return { ref: this.refOf(resolved) };
  }

  private refOf(ref: ModuleRef): number {
    const key = `${ref.module}\u0000${ref.path.join('\u0000')}`;
    let index = this.refIndex.get(key);
    if (index === undefined) {
      index = this.refs.length;
      this.refs.push(ref);
      this.refIndex.set(key, index);
    }
    return index;
  }

  /**
   * How a call runs when it is under a lazy initialisation (see `runsOnce`): once per process (edge kind 3), or once
   * per instance of a class whose instances outlive requests only when its constructor is start-up code, which the
   * project graph decides (kind 4 with the class). `null` when the call is not under one, or the instance's class
   * declares no constructor (the request-path model then takes its instances for short-lived ones).
   */
  private lazyInitialisation(call: TSESTree.CallExpression | TSESTree.NewExpression): 3 | [4, number] | null {
    if (runsOnce(this.sourceCode, call)) return 3;
    let instanceClass: ClassNode | null = null;
    const perInstance = runsOnce(this.sourceCode, call, (cls) => {
      instanceClass = cls;
      return true;
    });
    const cls = instanceClass as ClassNode | null;
    if (!perInstance || !cls) return null;
    return constructorOf(cls.body) ? [4, this.classIndexOf(cls)] : null;
  }

  private addEdge(from: FunctionNode | null, to: Resolved, kind: 0 | 1 | 2 | 3 | readonly [4, number]): void {
    const fromIndex = from ? this.indexOf(from) : -1;
    const target = this.target(to);
    const key = `${String(fromIndex)}:${targetKey(target)}:${String(kind)}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push(typeof kind === 'number' ? [fromIndex, target, kind] : [fromIndex, target, 4, kind[1]]);
  }

  private addRoot(target: Resolved, root: Omit<RootSummary, 'target'>): void {
    this.roots.push({ target: this.target(target), ...root });
  }

  private addHandlers(
    args: readonly TSESTree.Node[],
    kind: HandlerKind,
    description: string,
    line: number,
    framework?: string,
    event?: RootSummary['event'],
  ): void {
    const handler: HandlerSummary = { kind, description, ...(framework ? { framework } : {}) };
    for (const arg of args) {
      for (const target of this.handlerTargets(arg)) {
        this.addRoot(target, { context: 'request', reason: description, handler, line, ...(event ? { event } : {}) });
      }
    }
  }

  /**
   * The functions a registration's argument stands for; a parameter of a route helper
   * (`function setupPageRoute(router, name, controller) { router.get(name, controller); }`) stands for what its
   * callers pass, in any file.
   */
  private handlerTargets(arg: TSESTree.Node): Resolved[] {
    const targets = this.resolveTargets(arg, 0);
    if (targets.length > 0 || arg.type !== AST_NODE_TYPES.Identifier) return targets;
    const def = this.variable(arg)?.defs[0];
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
    if (def?.type !== 'Parameter' || !isFunctionNode(def.node) || def.name.type !== AST_NODE_TYPES.Identifier)
      return [];
    const value = this.paramValue(def.node, def.name);
    return value ? [{ value, property: null }] : [];
  }

  /**
   * A search of a list that outlives the call (a field of `this`, a module's variable) by one of the function's
   * parameters, done once per call (`findMessage(id) { return this.messages.find((m) => m.id === id); }`): calling
   * the function once per item of another list scans the whole list per item (`FunctionSummary.scans`).
   */
  private visitSearch(call: TSESTree.CallExpression, fn: FunctionNode): void {
    if (this.scans.has(fn)) return;
    const search = listSearchOf(call, this.sourceCode);
    if (!search) return;
    // A search in a loop of the function itself is that function's own quadratic work, not one scan per call.
    if (
      enclosingIterations(call, EVERY_ITEM_METHODS, this.sourceCode).some((iteration) => isInside(iteration.node, fn))
    )
      return;
    // The list is the object's own (`this.messages`) or the module's (`sessions`): not one another object holds
    // (`this.config.queues`, usually configuration), one its creator passes in, another module's, or one written
    // out in the code (`kinds = ['channel', 'query']`, a string searched with `includes`).
    const list = skipTsWrappers(search.receiver);
    let values: TSESTree.Node[];
    if (list.type === AST_NODE_TYPES.Identifier) {
      const variable = this.variable(list);
      const globalScope = this.sourceCode.scopeManager?.globalScope;
      if (!variable || !globalScope || !moduleScopes(globalScope).includes(variable.scope)) return;
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
      if (variable.defs.some((def) => def.type !== 'Variable' || this.importRef(def) !== null)) return;
      values = variable.defs.flatMap((def) =>
        def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? [def.node.init] : [],
      );
    } else if (list.type === AST_NODE_TYPES.MemberExpression && list.object.type === AST_NODE_TYPES.ThisExpression) {
      const name = staticPropertyName(list);
      const owner = fn.parent;
      const body =
        (owner.type === AST_NODE_TYPES.MethodDefinition || owner.type === AST_NODE_TYPES.PropertyDefinition) &&
        !owner.static
          ? owner.parent
          : null;
      if (name === null || body?.type !== AST_NODE_TYPES.ClassBody) return;
      values = this.fieldValues(body, name);
      // A list the constructor is given belongs to whoever creates the object.
      const constructor = constructorOf(body);
      const given = (value: TSESTree.Node): boolean => {
        const node = skipTsWrappers(value);
        if (node.type !== AST_NODE_TYPES.Identifier || !constructor) return false;
        const defs = this.variable(node)?.defs ?? [];
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
        return defs.some((def) => def.type === 'Parameter' && def.node === constructor.value);
      };
      if (values.some(given)) return;
      const parameterProperty = constructor?.value.params.some(
        (param) =>
          param.type === AST_NODE_TYPES.TSParameterProperty &&
          param.parameter.type === AST_NODE_TYPES.Identifier &&
          param.parameter.name === name,
      );
      if (parameterProperty) return;
    } else return;
    const fixed = (value: TSESTree.Node): boolean => {
      const node = skipTsWrappers(value);
      if (node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral) return true;
      // An empty list is there to be filled.
      return (literalListLength(node, this.sourceCode) ?? 0) > 0;
    };
    if (values.length > 0 && values.every(fixed)) return;
    if (values.some((value) => skipTsWrappers(value).type === AST_NODE_TYPES.Literal)) return;
    const params = callParameters(fn);
    const index = params.findIndex((param) => {
      const name = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      if (name.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = this.variable(name);
      return variable?.references.some((reference) => isInside(reference.identifier, search.key)) === true;
    });
    if (index === -1) return;
    const shown = quotedCode(this.sourceCode.text.slice(...search.receiver.range));
    this.scans.set(fn, [
      index,
      search.callee === null ? `${shown}.${search.method}()` : `${search.callee}(${shown}, …)`,
    ]);
  }

  private addStartup(args: readonly TSESTree.Node[], reason: string, line: number): void {
    for (const arg of args) {
      for (const target of this.resolveTargets(arg, 0)) this.addRoot(target, { context: 'startup', reason, line });
    }
  }

  // ---- calls --------------------------------------------------------------------------------------------------

  private visitCall(call: TSESTree.CallExpression | TSESTree.NewExpression, current: FunctionNode | null): void {
    const required = this.requireSpecifier(call);
    if (required !== null) {
      this.imports.add(required);
      (isDevelopmentOnly(call) ? this.devRequired : this.plainImports).add(required);
    }
    if (call.type === AST_NODE_TYPES.CallExpression && call.arguments.length > 0) this.visitMixin(call);
    if (call.type === AST_NODE_TYPES.CallExpression) this.visitParameterCall(call, current);
    if (call.type === AST_NODE_TYPES.CallExpression && current) this.visitSearch(call, current);
    let calleeTargets =
      call.type === AST_NODE_TYPES.NewExpression
        ? this.constructorTargets(call.callee)
        : call.callee.type === AST_NODE_TYPES.Super
          ? this.parentConstructorTargets(call)
          : this.resolveTargets(call.callee, 0, true);
    // `async.apply(fn, a, b)` calls `fn(a, b, ...)` when the function it returns runs (in the same flow): a call of
    // `fn` with the arguments after it.
    const applied = call.type === AST_NODE_TYPES.CallExpression ? this.partiallyApplied(call, calleeTargets) : null;
    if (applied && call.type === AST_NODE_TYPES.CallExpression) {
      this.appliedFunctions.set(call, applied);
      calleeTargets = this.resolveTargets(applied, 0);
    }
    if (calleeTargets.length > 0) {
      const targets = calleeTargets.map((target) => this.target(target));
      this.callTargets.set(call, targets);
      // `fn.call(thisArg, a)` passes `a` first; `fn.apply(thisArg, args)` passes what `args` holds.
      const through = applied ? null : this.invokedThrough(call);
      const args = (through === 'apply' ? [] : call.arguments.slice(applied || through === 'call' ? 1 : 0)).map(
        (arg) => (arg.type === AST_NODE_TYPES.SpreadElement ? null : (this.valueOf(arg, 1) ?? null)),
      );
      if (args.some((arg) => arg !== null)) {
        const from = current ? this.indexOf(current) : -1;
        for (const to of targets) this.calls.push({ from, to, args });
      }
    }
    const lazy = calleeTargets.length > 0 && current !== null ? this.lazyInitialisation(call) : null;
    for (const target of calleeTargets) this.addEdge(current, target, lazy ?? 0);
    if (current && call.type === AST_NODE_TYPES.CallExpression) this.visitAccess(call, current, calleeTargets);

    const args = call.arguments as TSESTree.Node[];
    const method = calledMethodName(call);
    if (method === 'emit' && call.type === AST_NODE_TYPES.CallExpression) this.visitEmit(call, current);
    const callee = skipTsWrappers(call.callee);
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? skipTsWrappers(callee.object) : null;
    const line = call.loc.start.line;
    this.visitResolverOptions(args, line);
    if (method && receiver) this.visitActionTable(method, args, line);

    const registering = this.registeringCalls.get(call);
    if (registering) {
      const kind: HandlerKind = registering.handlerKind ?? 'route';
      const what = kind === 'server' ? 'request listener' : kind === 'consumer' ? 'job processor' : 'handler';
      this.addHandlers(args, kind, `${registering.framework} ${what}`, line, registering.framework);
      return;
    }

    const tracked = receiver ? this.trackedReceiver(receiver) : undefined;
    const trackedRole = tracked && method ? own(tracked.methods, method) : undefined;
    if (tracked && trackedRole && method) {
      this.applyRole(trackedRole, method, args, tracked.framework, receiver, line, current);
      return;
    }

    if (
      method &&
      receiver &&
      EMITTER_METHODS.has(method) &&
      (this.isChildProcess(receiver) || STREAM_EVENTS.has(staticString(args[0]) ?? ''))
    ) {
      // A child process's events (`child.stdout.on('data', …)`, `child.on('exit', …)`) are no requests: they run in
      // the context of the code that started the child, like a one-off timer's callback. So do a stream's own events
      // (`stream.on('data', …)`, `.on('end', …)`): a request's body read in its handler is on the request path, a
      // file read by a batch job or at start-up is not.
      this.runOnceLater(args.slice(1), current);
      return;
    }

    if (method && receiver) {
      const structural = this.structuralRole(call, method, receiver, args);
      if (structural) {
        this.applyRole(structural, method, args, undefined, receiver, line, current);
        return;
      }
    }

    if (this.isTimerCall(call, callee)) {
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : 'process.nextTick';
      // An interval runs for the life of the process, once per tick; a one-off timer runs once, in the context of
      // the code that set it (a `setTimeout` at start-up is start-up code, in a handler it is per request).
      // A callback that schedules itself again (directly or through its callees) is a loop, like an interval: the
      // graph decides, from the `2` edge. A timer that waits an hour or more (a daily heartbeat, an hourly clean-up)
      // is a rare background job, not one that runs per tick: its callback is called by the code that set it.
      const delay = name === 'setInterval' || name === 'setTimeout' ? visibleMinimum(args[1], this.sourceCode) : null;
      if (delay !== null && delay >= RARE_TIMER_MS) {
        for (const target of args[0] ? this.resolveTargets(args[0], 0) : []) this.addEdge(current, target, 0);
        return;
      }
      if (name === 'setInterval') this.addHandlers(args, 'timer', `\`${name}\` callback`, line);
      else for (const arg of args) for (const target of this.resolveTargets(arg, 0)) this.addEdge(current, target, 2);
      return;
    }

    const name = helperName(callee);
    // Compiled TypeScript decorators: `__decorate([Column(), Index()], User.prototype, 'email', void 0)`.
    const decorators = name === '__decorate' && args[0]?.type === AST_NODE_TYPES.ArrayExpression ? args[0] : null;
    for (const element of decorators?.elements ?? []) if (element) this.visitDecorator(element, current);
    if (call.type === AST_NODE_TYPES.CallExpression && name && EXPORT_STAR_HELPERS.has(name) && args[0]) {
      // TypeScript's `__exportStar(require('./x'), exports)` takes the module first, esbuild's
      // `__reExport(x_exports, require('./x'), module.exports)` second.
      const module = args.at(name === '__reExport' ? 1 : 0);
      const specifier = module ? this.requireSpecifier(skipTsWrappers(module)) : null;
      if (specifier !== null && !current) this.stars.push(specifier);
      return;
    }
    if (call.type === AST_NODE_TYPES.CallExpression && !current) {
      this.visitDefineProperty(call);
      this.visitExportGetters(call);
    }

    // Callbacks that run during the call: array iteration, promise reactions, Promise executors, and the tasks of the
    // `async` library's control flow (`async.series([a, b], done)`).
    const asyncFlow = calleeTargets.some((target) => isRef(target) && asyncFlowFunction(target.module, target.path));
    const invokes =
      (method !== null && INVOKING_METHODS.has(method)) ||
      asyncFlow ||
      (call.type === AST_NODE_TYPES.NewExpression &&
        callee.type === AST_NODE_TYPES.Identifier &&
        callee.name === 'Promise');
    // A completion callback (`db.get(key, function (err, value) { ... })`, the last argument, its first parameter the
    // error) runs once, when the operation it is given to ends: in the flow of the code that started it. (Listeners,
    // `emitter.on('error', (err) => ...)`, are read as such before this point.)
    const completion = invokes ? null : completionCallback(args, method);
    // `async.series({ one: fn, two: fn })`: the tasks are the object's values.

    const taskObjects = asyncFlow
      ? args.flatMap((arg) =>
          arg.type === AST_NODE_TYPES.ObjectExpression
            ? arg.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property ? [property.value] : []))
            : [],
        )
      : [];
    for (const arg of [...args, ...taskObjects]) {
      const read = passedProperty(arg);
      for (const resolved of this.resolveTargets(arg, 0)) {
        const target = read ? valueOnly(resolved) : resolved;
        if (!target) continue;
        if (invokes || arg === completion) this.addEdge(current, target, 0);
        else if (current) this.addEdge(current, target, 1);
      }
    }
  }

  /** Functions that run once, later, in the context of the code that hands them over (edges of kind 2). */
  private runOnceLater(args: readonly TSESTree.Node[], current: FunctionNode | null): void {
    for (const arg of args) for (const target of this.resolveTargets(arg, 0)) this.addEdge(current, target, 2);
  }

  /** `process(ids, next)` where `process` is a parameter of the function the call is written in (or of an outer one). */
  private visitParameterCall(call: TSESTree.CallExpression, current: FunctionNode | null): void {
    const callee = skipTsWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier || !current) return;
    const variable = this.variable(callee);
    const def = variable?.defs[0];
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
    if (def?.type !== 'Parameter' || variable?.defs.length !== 1 || !isFunctionNode(def.node)) return;
    // A parameter given another value in the function (`callback = callback || noop`) may not be what callers pass,
    // and one the function keeps, returns or gives away (`list.push(job)`, `emitter.on('tick', job)`) runs later too.
    if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return;
    if (variable.references.some((reference) => this.escapes(reference.identifier))) return;
    const params = callParameters(def.node);
    const index = params.findIndex(
      (param) => (param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param) === def.name,
    );
    if (index >= 0) this.parameterCalls.push([def.node, index, current]);
  }

  /**
   * Whether a use of a function (a parameter, or the name of a function written in a helper) lets it run later than
   * the call: anything but calling it, testing it (`typeof job === 'function'`, `if (!job)`), or handing it to a call
   * of the project (which the graph follows through its parameter) or to one that runs it at once (`ids.forEach(job)`).
   */
  private escapes(use: TSESTree.Node): boolean {
    const parent = use.parent;
    if (!parent) return true;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === use) return false;
    if (parent.type === AST_NODE_TYPES.UnaryExpression) return false;
    if (parent.type === AST_NODE_TYPES.BinaryExpression) return false;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.test === use) return false;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === use) return false;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(use as TSESTree.Expression)) {
      const method = calledMethodName(parent);
      if (method !== null && INVOKING_METHODS.has(method)) return false;
      const targets = this.callTargets.get(parent);
      return !targets || !targets.some((target) => typeof target === 'number' || 'ref' in target);
    }
    return true;
  }

  /**
   * A decorator runs where its class is defined: `@Cached` calls `Cached`, and `@EntityId()` calls what
   * `EntityId()` returns (the decorator a factory makes), so a registry a decorator fills is filled at start-up when
   * the class is defined at module level.
   */
  private visitDecorator(expression: TSESTree.Node, current: FunctionNode | null): void {
    const decorator = skipTsWrappers(expression);
    if (decorator.type === AST_NODE_TYPES.CallExpression) {
      const value = this.valueOf(decorator, 1);
      if (value) this.addEdge(current, { property: null, value }, 0);
      return;
    }
    for (const target of this.resolveTargets(decorator, 0)) this.addEdge(current, target, 0);
  }

  /**
   * A call that reads data if its receiver is a data-access value from elsewhere: a data method of the catalogue
   * (`findOne`, `query`, `hget`, ...) called on a value the graph can evaluate, or a value called itself (`db(...)`).
   */
  private visitAccess(call: TSESTree.CallExpression, current: FunctionNode, targets: readonly Resolved[]): void {
    if (targets.some((target) => !isProperty(target))) return;
    const callee = skipTsWrappers(call.callee);
    let value: Value | undefined;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      // `multi.exec()` of a transaction that only queues lookups: a read of the client that made it.
      const start = staticPropertyName(callee) === 'exec' ? transactionStart(callee.object, this.variableOf) : null;
      if (start) {
        const transaction = readOnlyTransaction(start, this.transactionReader);
        const client = skipTsWrappers(start.callee) as TSESTree.MemberExpression;
        const value = transaction?.execs.includes(call) ? this.valueOf(client.object, 1) : undefined;
        const command = transaction?.commands[0];
        if (value && command !== undefined) {
          this.accesses.push([this.indexOf(current), { get: [value, command] }, describeCallee(this.sourceCode, call)]);
        }
        return;
      }
      // `client[method](...)` where every name `method` can be is a lookup (`sortedSetRange('zrange', ...)`).
      const names = staticPropertyName(callee) === null && callee.computed ? this.keyCandidates(callee.property) : null;
      const name = names
        ? names.every((candidate) => LOOKUP_METHOD_NAMES.has(candidate))
          ? (names[0] ?? null)
          : null
        : staticPropertyName(callee);
      if (name === null || !DATA_METHOD_NAMES.has(name)) return;
      const object = this.valueOf(callee.object, 1);
      if (object) value = { get: [object, name] };
    } else if (callee.type === AST_NODE_TYPES.Identifier) {
      value = this.valueOf(callee, 1);
      if (value && 'fn' in value) return;
    }
    if (!value) return;
    const from = this.indexOf(current);
    const text = describeCallee(this.sourceCode, call);
    // The table: chosen along the receiver (`query.select()` of `const query = knex(table)`), or by the arguments
    // of a client called itself (`db(table)`).
    const start = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : call;
    const table = this.choosingParameter(current, choosersAlong(start, this.sourceCode));
    this.accesses.push(table >= 0 ? [from, value, text, table] : [from, value, text]);
  }

  /** The function `async.apply(fn, ...args)` applies (see `asyncPartialApplication`), or `null`. */
  private partiallyApplied(call: TSESTree.CallExpression, calleeTargets: readonly Resolved[]): TSESTree.Node | null {
    const fn = call.arguments.at(0);
    if (!fn || fn.type === AST_NODE_TYPES.SpreadElement) return null;
    // `async.apply` is read as the module's `apply` (not as `Function.prototype.apply` of `async`).
    const callee = skipTsWrappers(call.callee);
    const target =
      callee.type === AST_NODE_TYPES.MemberExpression
        ? this.memberRef(callee)
        : calleeTargets.length === 1 && calleeTargets[0] && isRef(calleeTargets[0])
          ? calleeTargets[0]
          : null;
    if (!target) return null;
    return asyncPartialApplication(target.module, target.path) ? fn : null;
  }

  /** `emitter.emit('event', ...)`: the project's own event, whose listeners run inside this call. */
  private visitEmit(call: TSESTree.CallExpression, current: FunctionNode | null): void {
    const callee = skipTsWrappers(call.callee);
    const first = call.arguments[0] as TSESTree.Node | undefined;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !first || first.type === AST_NODE_TYPES.SpreadElement)
      return;
    const emitter = this.valueOf(callee.object, 1);
    if (!emitter) return;
    // An event named at run time (`events.emit(model.tableName + '.edited')`) is a pattern of the names it can be.
    this.emits.push([current ? this.indexOf(current) : -1, eventPattern(first), emitter]);
  }

  private isTimerCall(call: TSESTree.CallExpression | TSESTree.NewExpression, callee: TSESTree.Node): boolean {
    if (call.type !== AST_NODE_TYPES.CallExpression) return false;
    if (callee.type === AST_NODE_TYPES.Identifier && TIMER_FUNCTIONS.has(callee.name)) {
      const variable = this.variable(callee);
      if (!variable || variable.defs.length === 0) return true;
      const def = variable.defs[0];
      return (
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
        def.type === 'ImportBinding' &&
        /^(node:)?timers$/u.test((def.parent as TSESTree.ImportDeclaration).source.value)
      );
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'nextTick') {
      const object = skipTsWrappers(callee.object);
      return object.type === AST_NODE_TYPES.Identifier && object.name === 'process';
    }
    return false;
  }

  /**
   * The registration whose instance a receiver is: the instance itself, or a chain of its registration calls that
   * return the instance or a route (`router.route('/a').get(f).put(g)`, `router.get('/a', f).post('/b', g)`).
   */
  private trackedReceiver(receiver: TSESTree.Node): RegistrationEntry | undefined {
    let current: TSESTree.Node = skipTsWrappers(receiver);
    for (let depth = 0; depth < 32; depth += 1) {
      const direct = this.receivers.get(current);
      if (direct) return direct;
      if (current.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const callee = skipTsWrappers(current.callee);
      const name = calledMethodName(current);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || name === null) return undefined;
      if (name !== 'route' && !(HTTP_VERBS as readonly string[]).includes(name) && name !== 'use') return undefined;
      current = skipTsWrappers(callee.object);
    }
    return undefined;
  }

  /** A route path argument, or the value of the `const` it names (`const USERS = '/users'`). */
  private routePathValue(node: TSESTree.Node | undefined): TSESTree.Node | undefined {
    if (!node) return undefined;
    const value = node.type === AST_NODE_TYPES.Identifier ? this.resolveValue(node) : skipTsWrappers(node);
    return value ?? node;
  }

  /**
   * Whether an emitter is a child process or one of its streams: `x.stdout`/`x.stderr`/`x.stdin` (not `process`'s),
   * or a value made by `spawn`, `exec`, `execFile` or `fork` (also their stream properties).
   */
  private isChildProcess(receiver: TSESTree.Node): boolean {
    const node = skipTsWrappers(receiver);
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = staticPropertyName(node);
      if (name === null || !CHILD_STREAMS.has(name)) return false;
      const object = skipTsWrappers(node.object);
      return !(object.type === AST_NODE_TYPES.Identifier && object.name === 'process');
    }
    const value = node.type === AST_NODE_TYPES.Identifier ? this.resolveValue(node) : null;
    if (value?.type !== AST_NODE_TYPES.CallExpression) return false;
    const called = nameOf(skipTsWrappers(value.callee));
    return called !== null && CHILD_PROCESS_FACTORIES.has(called);
  }

  /** Registrations recognised by their shape alone: a route path followed by handlers, `.route(path).get(fn)`. */
  private structuralRole(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    method: string,
    receiver: TSESTree.Node,
    args: readonly TSESTree.Node[],
  ): MethodRole | null {
    if (call.type !== AST_NODE_TYPES.CallExpression) return null;
    const hasFunctionArg = (): boolean => args.some((arg) => this.resolveTargets(arg, 0).length > 0);
    const isVerb = (HTTP_VERBS as readonly string[]).includes(method);
    if ((isVerb || method === 'use') && args.length > 1 && isRoutePath(this.routePathValue(args[0]))) return 'handler';
    const routeCall = routeCallOf(receiver);
    if (isVerb && routeCall && isRoutePath(routeCall.arguments[0])) return 'handler';
    if (method === 'route' && args.some((arg) => this.routeObjects(arg).length > 0)) return 'route-object';
    if (
      ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'].includes(method) &&
      staticString(args[0]) !== null &&
      hasFunctionArg()
    ) {
      return 'emitter';
    }
    if (method === 'listen' && hasFunctionArg()) return 'startup';
    // The command-line idiom of commander, cac, sade and vorpal, also through a program's own wrapper
    // (`app.command('upgrade').ipc().auth().action(fn)`): the action runs once per invocation.
    if (method === 'action' && hasFunctionArg() && this.commandChain(receiver)) return 'startup';
    if (method === 'run' && args[0]?.type === AST_NODE_TYPES.ObjectExpression) return 'route-object';
    return null;
  }

  /** Whether a receiver is a chain of calls that starts with `.command('name')`. */
  private commandChain(receiver: TSESTree.Node): boolean {
    let current = skipTsWrappers(receiver);
    for (let depth = 0; depth < 12 && current.type === AST_NODE_TYPES.CallExpression; depth += 1) {
      const callee = skipTsWrappers(current.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      if (staticPropertyName(callee) === 'command' && staticString(current.arguments[0]) !== null) return true;
      current = skipTsWrappers(callee.object);
    }
    return false;
  }

  private applyRole(
    role: MethodRole,
    method: string,
    args: readonly TSESTree.Node[],
    framework: string | undefined,
    receiver: TSESTree.Node | null,
    line: number,
    current: FunctionNode | null,
  ): void {
    const prefix = framework ? `${framework} ` : '';
    switch (role) {
      case 'handler': {
        const pathValue = this.routePathValue(args[0]);
        // A verb's first argument that is no function is its path, even when its value is not static
        // (`app.get(routes.users, handler)`).
        const opaquePath =
          method !== 'use' &&
          args.length > 1 &&
          (args[0]?.type === AST_NODE_TYPES.Identifier ||
            args[0]?.type === AST_NODE_TYPES.MemberExpression ||
            args[0]?.type === AST_NODE_TYPES.TemplateLiteral) &&
          // A reference into another module is its path too (`routes.users`): a verb's handlers come after it.
          !this.resolveTargets(args[0], 0).some((target) => !isRef(target) && !isProperty(target));
        const hasPath = isRoutePath(pathValue) || opaquePath;
        const routeCall = receiver ? routeCallOf(receiver) : null;
        const chainedPath = routeCall ? describePath(routeCall.arguments[0]) : null;
        const routePath = hasPath ? describePath(pathValue ?? undefined) : chainedPath;
        const description =
          method === 'use'
            ? `${prefix}middleware${routePath ? ` \`${routePath}\`` : ''}`
            : routePath !== null && (HTTP_VERBS as readonly string[]).includes(method)
              ? `${prefix}route handler \`${method === 'del' ? 'DELETE' : method.toUpperCase()} ${routePath}\``
              : `${prefix}\`${method}\` handler${routePath ? ` \`${routePath}\`` : ''}`;
        this.addHandlers(hasPath ? args.slice(1) : args, 'route', description, line, framework);
        return;
      }
      case 'startup':
        this.addStartup(args, `\`${method}\` callback`, line);
        return;
      case 'route-object':
        for (const arg of args) {
          for (const route of this.routeObjects(arg)) this.visitRouteObject(route, prefix);
        }
        return;
      case 'hook': {
        const hook = staticString(args[0]);
        if (hook !== null && STARTUP_HOOKS.has(hook)) this.addStartup(args.slice(1), `\`${hook}\` hook`, line);
        else this.addHandlers(args.slice(hook === null ? 0 : 1), 'hook', `${prefix}\`${hook ?? method}\` hook`, line);
        return;
      }
      case 'emitter': {
        const event = staticString(args[0]);
        const onProcess = receiver?.type === AST_NODE_TYPES.Identifier && receiver.name === 'process';
        if (event === null) return;
        if (event === 'request') this.addHandlers(args.slice(1), 'server', `\`${event}\` listener`, line, framework);
        else if (onProcess || isStartupEvent(event)) this.addStartup(args.slice(1), `\`${event}\` listener`, line);
        else if (method === 'once' || method === 'prependOnceListener') {
          // A listener that runs at most once per registration runs in the context of the code that registers it,
          // like a one-off timer: once per request in a handler, once per process at start-up (a server's `error`
          // when it cannot listen).
          this.runOnceLater(args.slice(1), current);
        } else {
          const emitter = receiver ? this.valueOf(receiver, 1) : undefined;
          // Where it is registered: a listener on an event bus handles requests only when that code runs per request.
          this.addHandlers(args.slice(1), 'listener', `\`${event}\` listener`, line, undefined, {
            name: event,
            ...(emitter ? { emitter } : {}),
            within: current ? this.indexOf(current) : -1,
          });
        }
        return;
      }
    }
  }

  /** Object literals that define routes (`{ method, path, handler }`) or consumers (`{ eachMessage }`). */
  private routeObjects(arg: TSESTree.Node): TSESTree.ObjectExpression[] {
    const node = this.resolveValue(arg);
    if (!node) return [];
    if (node.type === AST_NODE_TYPES.ArrayExpression) {
      return node.elements.flatMap((element) => (element ? this.routeObjects(element) : []));
    }
    if (node.type !== AST_NODE_TYPES.ObjectExpression) return [];
    const keys = new Set(
      node.properties.flatMap((p) => (p.type === AST_NODE_TYPES.Property ? [staticPropertyName(p)] : [])),
    );
    return keys.has('handler') || keys.has('eachMessage') || keys.has('eachBatch') ? [node] : [];
  }

  private visitRouteObject(route: TSESTree.ObjectExpression, prefix: string): void {
    let method = '';
    let routePath = '';
    for (const property of route.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticPropertyName(property);
      if (key === 'method') {
        method =
          staticString(property.value)?.toUpperCase() ??
          (property.value.type === AST_NODE_TYPES.ArrayExpression ? '*' : '');
      }
      if (key === 'path' || key === 'url') routePath = staticString(property.value) ?? '…';
    }
    const what = routePath ? `route handler \`${method ? `${method} ` : ''}${routePath}\`` : 'handler';
    const line = route.loc.start.line;
    for (const property of route.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticPropertyName(property);
      if (key === 'handler') {
        this.addHandlers([property.value], 'route', `${prefix}${what}`, line, prefix.trim() || undefined);
      } else if (key === 'eachMessage' || key === 'eachBatch') {
        this.addHandlers([property.value], 'consumer', `\`${key}\` consumer`, line);
      } else if (
        key &&
        /^(onRequest|preParsing|preValidation|preHandler|preSerialization|onSend|onResponse|onError|onTimeout)$/u.test(
          key,
        )
      ) {
        this.addHandlers([property.value], 'hook', `${prefix}\`${key}\` hook`, line);
      }
    }
  }

  // ---- objects: route tables, GraphQL resolver maps and GraphQLObjectType ------------------------------------------

  /**
   * `{ ..., resolvers }` passed to any call: the value is a resolver map, or an array of them, maybe from other
   * modules.
   */
  private visitResolverOptions(args: readonly TSESTree.Node[], line: number): void {
    for (const arg of args) {
      const object = skipTsWrappers(arg);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const property of object.properties) {
        if (property.type !== AST_NODE_TYPES.Property || !RESOLVER_MAP_OPTIONS.has(staticPropertyName(property) ?? ''))
          continue;
        this.addResolverMaps(property.value, line, 0);
      }
    }
  }

  /** `resourcer.define({ name, actions: {...} })`: a framework's table of actions, here or in another module. */
  private visitActionTable(method: string, args: readonly TSESTree.Node[], line: number): void {
    const tables = ACTION_TABLES.get(method);
    const arg = args.at(0);
    if (!tables || !arg || arg.type === AST_NODE_TYPES.SpreadElement) return;
    // A value with no table there (`sequelize.define('user', attributes)`, `define({ name })`) adds no handler.
    const value = this.valueOf(arg, 0);
    if (!value) return;
    for (const table of tables) {
      this.roots.push({
        target: { value, property: null },
        context: 'request',
        reason: `${table.framework} action`,
        line,
        actions: table.member ?? '',
      });
    }
  }

  private addResolverMaps(node: TSESTree.Node, line: number, depth: number): void {
    if (depth > MAX_RESOLVE_DEPTH) return;
    const expression = unwrapSequence(node);
    if (expression.type === AST_NODE_TYPES.ArrayExpression) {
      for (const element of expression.elements) {
        if (element)
          this.addResolverMaps(
            element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element,
            line,
            depth + 1,
          );
      }
      return;
    }
    const value = this.valueOf(expression, 0);
    if (value) this.resolverMapRoots(value, line);
  }

  /**
   * Every resolver of a map: functions two levels down (`{ Type: { field() {} } }`, or `{ field: { resolve() {} } }`).
   */
  private resolverMapRoots(value: Value, line: number): void {
    if ('ref' in value) {
      this.roots.push({
        target: { ref: value.ref },
        context: 'request',
        reason: 'GraphQL resolver',
        line,
        resolverMap: true,
      });
      return;
    }
    if (!('members' in value)) return;
    for (const [typeName, fields] of Object.entries(value.members)) {
      if ('ref' in fields) {
        this.roots.push({
          target: { ref: fields.ref },
          context: 'request',
          reason: `GraphQL resolver \`${typeName}\``,
          line,
          resolverMap: true,
        });
        continue;
      }
      if (!('members' in fields)) continue;
      for (const [fieldName, field] of Object.entries(fields.members)) {
        const resolve = 'members' in field ? (own(field.members, 'resolve') ?? own(field.members, 'subscribe')) : field;
        if (!resolve) continue;
        const description = `GraphQL resolver \`${typeName}.${fieldName}\``;
        const handler: HandlerSummary = {
          kind: 'resolver',
          description,
          graphql: { typeName, fieldName, root: GRAPHQL_ROOT_TYPES.has(typeName) },
        };
        if ('fn' in resolve)
          this.roots.push({ target: resolve.fn, context: 'request', reason: description, handler, line });
        else if ('ref' in resolve) {
          this.roots.push({ target: { ref: resolve.ref }, context: 'request', reason: description, handler, line });
        }
      }
    }
  }

  private visitObject(node: TSESTree.ObjectExpression): void {
    if (this.handledResolverMaps.has(node)) return;
    if (
      node.parent.type === AST_NODE_TYPES.NewExpression &&
      this.graphqlTypes.has(node.parent) &&
      node.parent.arguments[0] === node
    ) {
      this.visitGraphqlObjectType(node);
      return;
    }
    if (this.visitRouteTableEntry(node)) return;
    if (this.visitFieldConfig(node)) return;
    const rootKeyed = node.properties.some(
      (p) =>
        p.type === AST_NODE_TYPES.Property &&
        GRAPHQL_ROOT_TYPES.has(staticPropertyName(p) ?? '') &&
        this.resolveValue(p.value)?.type === AST_NODE_TYPES.ObjectExpression,
    );
    if (!rootKeyed) return;
    this.handledResolverMaps.add(node);
    for (const property of node.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const typeName = staticPropertyName(property);
      const fields = this.resolveValue(property.value);
      if (!typeName || fields?.type !== AST_NODE_TYPES.ObjectExpression) continue;
      this.handledResolverMaps.add(fields);
      for (const field of fields.properties) {
        if (field.type !== AST_NODE_TYPES.Property) continue;
        const fieldName = staticPropertyName(field);
        if (!fieldName) continue;
        const value = this.resolveValue(field.value);
        const targets: TSESTree.Node[] = [];
        if (value?.type === AST_NODE_TYPES.ObjectExpression) {
          for (const inner of value.properties) {
            if (
              inner.type === AST_NODE_TYPES.Property &&
              ['resolve', 'subscribe'].includes(staticPropertyName(inner) ?? '')
            ) {
              targets.push(inner.value);
            }
          }
        } else {
          targets.push(field.value);
        }
        this.addResolvers(targets, typeName, fieldName);
      }
    }
  }

  /**
   * An entry of a route table, wherever it is written: `{ method: 'GET', path: '/users', handler: users.list }`
   * (`url`/`route` for the path, `action` for the handler). The table is registered by a loop, often in another
   * module (`routes.forEach((r) => app[r.method](r.path, r.handler))`), which no registration call shows.
   */
  private visitRouteTableEntry(node: TSESTree.ObjectExpression): boolean {
    let routePath: string | null = null;
    let method = '';
    let handler: TSESTree.Node | null = null;
    for (const property of node.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticPropertyName(property);
      if (key === 'path' || key === 'url' || key === 'route') routePath = staticString(property.value);
      else if (key === 'method') method = staticString(property.value)?.toUpperCase() ?? '';
      else if (key === 'handler' || key === 'action') handler = property.value;
    }
    if (routePath === null || !routePath.startsWith('/') || !handler) return false;
    // Registrations of a known framework (`server.route({ ... })`) describe it themselves.
    if (node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.arguments.includes(node)) return false;
    const targets = this.resolveTargets(handler, 0);
    if (targets.length === 0) return false;
    const description = `route handler \`${method ? `${method} ` : ''}${routePath}\` (route table)`;
    this.addHandlers([handler], 'route', description, node.loc.start.line);
    return true;
  }

  private visitGraphqlObjectType(config: TSESTree.ObjectExpression): void {
    let typeName = '';
    let fields: TSESTree.Node | null = null;
    for (const property of config.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticPropertyName(property);
      if (key === 'name') typeName = staticString(property.value) ?? '';
      if (key === 'fields') fields = property.value;
    }
    if (!fields) return;
    if (isFunctionNode(fields) && fields.body.type !== AST_NODE_TYPES.BlockStatement) fields = fields.body;
    if (isFunctionNode(fields) && fields.body.type === AST_NODE_TYPES.BlockStatement) {
      const returned = fields.body.body.find((statement) => statement.type === AST_NODE_TYPES.ReturnStatement);
      fields = returned?.type === AST_NODE_TYPES.ReturnStatement ? returned.argument : null;
    }
    const object = fields ? this.resolveValue(fields) : null;
    if (object?.type !== AST_NODE_TYPES.ObjectExpression) return;
    this.handledResolverMaps.add(object);
    for (const field of object.properties) {
      if (field.type !== AST_NODE_TYPES.Property) continue;
      const fieldName = staticPropertyName(field);
      const value = this.resolveValue(field.value);
      if (!fieldName || value?.type !== AST_NODE_TYPES.ObjectExpression) continue;
      this.handledResolverMaps.add(value);
      for (const inner of value.properties) {
        if (
          inner.type === AST_NODE_TYPES.Property &&
          ['resolve', 'subscribe'].includes(staticPropertyName(inner) ?? '')
        ) {
          this.addResolvers([inner.value], typeName || '?', fieldName);
        }
      }
    }
  }

  /**
   * A field config of a code-first schema builder: `g.field({ type, args, resolve })` (`@graphql-ts/schema`, Pothos's
   * `t.field`), `t.field('posts', { type, resolve })` and `mutationField('signup', { type, resolve })` (Nexus). The
   * `type` property tells it from other objects with a `resolve` method. The field's name is the builder's first
   * argument or where the config is stored (`posts: g.field(...)`, `const createMany = g.field(...)`); its type, the
   * root type of `queryField`/`mutationField`/`subscriptionField`, or the object type whose `fields` or `definition`
   * it is written in (`{ name: 'User', fields: { ... } }`). A resolver of an unknown type is on the request path, but
   * whether it runs once per request or once per parent object is not known.
   */
  private visitFieldConfig(node: TSESTree.ObjectExpression): boolean {
    const call = node.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(node)) return false;
    const callee = skipTsWrappers(call.callee);
    const builder = nameOf(callee);
    const rootType = builder ? own(ROOT_FIELD_BUILDERS, builder) : undefined;
    if (rootType === undefined && !(builder === 'field' && callee.type === AST_NODE_TYPES.MemberExpression))
      return false;
    let typed = false;
    const targets: TSESTree.Node[] = [];
    for (const property of node.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticPropertyName(property);
      if (key === 'type') typed = true;
      else if (key === 'resolve' || key === 'subscribe') targets.push(property.value);
    }
    if (!typed || targets.length === 0) return false;
    const first = call.arguments[0];
    const named = first !== node && first.type !== AST_NODE_TYPES.SpreadElement ? staticString(first) : null;
    this.addResolvers(targets, rootType ?? enclosingTypeName(call), named ?? storedName(call));
    return true;
  }

  /**
   * Resolvers of field `fieldName` of type `typeName`. Either may be unknown (`null`): a config built with a computed
   * name (`[names.many, g.field({ ... })]`) is described by its line, and one of an unknown type has no `graphql`.
   */
  private addResolvers(targets: readonly TSESTree.Node[], typeName: string | null, fieldName: string | null): void {
    const root = typeName !== null && GRAPHQL_ROOT_TYPES.has(typeName);
    const field = fieldName ?? '?';
    for (const target of targets) {
      const line = String(target.loc.start.line);
      const description =
        fieldName === null
          ? typeName === null
            ? `GraphQL resolver (line ${line})`
            : `GraphQL resolver of \`${typeName}\` (line ${line})`
          : `GraphQL resolver \`${typeName === null ? fieldName : `${typeName}.${fieldName}`}\``;
      for (const resolved of this.resolveTargets(target, 0)) {
        const handler: HandlerSummary = {
          kind: 'resolver',
          description,
          ...(typeName === null ? {} : { graphql: { typeName, fieldName: field, root } }),
        };
        this.addRoot(resolved, { context: 'request', reason: description, handler, line: target.loc.start.line });
      }
    }
  }

  // ---- classes: decorators --------------------------------------------------------------------------------------

  private decoratorEntry(decorator: TSESTree.Decorator | TSESTree.Node): DecoratorEntry | undefined {
    const expression = decorator.type === AST_NODE_TYPES.Decorator ? decorator.expression : decorator;
    return this.decorators.get(expression);
  }

  /**
   * The decorators of a class and of its methods: written ones (`@Get()`), and TypeScript's compiled form
   * (`__decorate([Get()], C.prototype, 'list', null)` after the class), which published packages ship.
   */
  private classDecorators(node: ClassNode): {
    readonly own: readonly TSESTree.Node[];
    readonly members: ReadonlyMap<string, readonly TSESTree.Node[]>;
  } {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- espree's classes have no decorators
    const own: TSESTree.Node[] = (node.decorators ?? []).map((d) => d.expression);
    const members = new Map<string, TSESTree.Node[]>();
    for (const member of node.body.body) {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- espree's methods have no decorators
      if (member.type !== AST_NODE_TYPES.MethodDefinition || !member.decorators?.length) continue;
      const name = staticPropertyName(member);
      if (name)
        members.set(
          name,
          member.decorators.map((d) => d.expression),
        );
    }
    // `class C {}` or, as TypeScript compiles decorated classes, `let C = class C {}`.
    let declaration: TSESTree.Node = node;
    let name = node.id?.name;
    if (node.parent.type === AST_NODE_TYPES.VariableDeclarator && node.parent.id.type === AST_NODE_TYPES.Identifier) {
      name = node.parent.id.name;
      declaration = node.parent.parent;
    }
    const container =
      declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration
        ? declaration.parent.parent
        : declaration.parent;
    if (!name || (container.type !== AST_NODE_TYPES.Program && container.type !== AST_NODE_TYPES.BlockStatement))
      return { own, members };
    for (const statement of container.body) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      let call = statement.expression;
      // `C = __decorate([...], C)` for class decorators, also `exports.C = C = __decorate([...], C)`.
      while (call.type === AST_NODE_TYPES.AssignmentExpression) call = call.right;
      if (call.type !== AST_NODE_TYPES.CallExpression || helperName(call.callee) !== '__decorate') continue;
      const [list, targetNode, key] = call.arguments as readonly (TSESTree.CallExpressionArgument | undefined)[];
      if (list?.type !== AST_NODE_TYPES.ArrayExpression) continue;
      const decorators = list.elements.flatMap((element) =>
        element && element.type !== AST_NODE_TYPES.SpreadElement ? [element] : [],
      );
      const target = targetNode ? skipTsWrappers(targetNode) : undefined;
      if (target?.type === AST_NODE_TYPES.Identifier && target.name === name && !key) own.push(...decorators);
      else if (
        target?.type === AST_NODE_TYPES.MemberExpression &&
        staticPropertyName(target) === 'prototype' &&
        target.object.type === AST_NODE_TYPES.Identifier &&
        target.object.name === name
      ) {
        const memberName = staticString(key);
        if (memberName !== null) members.set(memberName, [...(members.get(memberName) ?? []), ...decorators]);
      }
    }
    return { own, members };
  }

  private visitClass(node: ClassNode): void {
    const classIndex = this.classIndexOf(node);
    const { own, members } = this.classDecorators(node);
    const providerDecorator = own.find((d) => this.decoratorEntry(d)?.role === 'provider');
    const provider = providerDecorator ? this.decoratorEntry(providerDecorator) : undefined;
    // A provider of another scope than the default one is constructed per request (`@Injectable({ scope:
    // Scope.REQUEST })`) or per injection (`Scope.TRANSIENT`): its constructor is not start-up code.
    // A provider that injects the request (`@Inject(REQUEST)`, GraphQL's `CONTEXT`) is built per request too.
    const ctor = constructorOf(node.body);
    // Parsers other than typescript-eslint's (espree) leave `decorators` out of the node.
    const paramDecorators = (ctor?.value.params ?? []).flatMap((param) =>
      Array.isArray(param.decorators) ? param.decorators : [],
    );
    const injectsRequest = [...own, ...paramDecorators].some(isRequestInjection);
    const scope = providerDecorator ? (injectsRequest ? 'REQUEST' : providerScope(providerDecorator)) : 'DEFAULT';
    if (provider && scope === 'REQUEST')
      this.classes[classIndex] = { ...this.classes[classIndex], requestScoped: true };
    const className = node.id?.name ?? 'anonymous class';
    const line = node.loc.start.line;
    for (const member of node.body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition || !isFunctionNode(member.value)) continue;
      const name = staticPropertyName(member) ?? '';
      if (provider && member.kind === 'constructor' && scope === 'REQUEST') {
        const description = `${provider.framework} request-scoped provider \`${className}\` constructor`;
        this.addRoot(member.value, {
          context: 'request',
          reason: description,
          handler: { kind: 'hook', description, framework: provider.framework },
          line,
        });
        continue;
      }
      if (
        provider &&
        ((member.kind === 'constructor' && scope === 'DEFAULT') ||
          (member.kind !== 'constructor' && provider.set.lifecycle?.includes(name)))
      ) {
        const reason =
          `${provider.framework} ` +
          (member.kind === 'constructor' ? 'provider constructor' : `\`${name}\` lifecycle hook`);
        const injects = member.kind === 'constructor' ? this.injectedClasses(node, member.value) : [];
        this.addRoot(member.value, {
          context: 'startup',
          reason,
          line,
          ...(injects.length > 0
            ? { provider: { name: className, framework: provider.framework, cls: classIndex, injects } }
            : {}),
        });
        continue;
      }
      for (const decorator of members.get(name) ?? []) {
        const entry = this.decoratorEntry(decorator);
        const role = entry?.role === 'handler' ? entry.set.handlers?.[entry.path[0] ?? ''] : undefined;
        if (!entry || !role) continue;
        const description = `${entry.framework} handler \`${className}.${name}\` (@${entry.path[0] ?? ''})`;
        const graphql = role.graphql
          ? this.decoratedGraphqlField(node, own, decorator, entry, className, name)
          : undefined;
        const handler: HandlerSummary = {
          kind: role.kind,
          description,
          framework: entry.framework,
          ...(graphql ? { graphql } : {}),
        };
        this.addRoot(member.value, { context: 'request', reason: description, handler, line: member.loc.start.line });
        break;
      }
    }
  }

  /**
   * The GraphQL type and field of a decorated resolver method: `@Query()` and friends are root fields;
   * `@ResolveField()`/`@FieldResolver()` resolve a field of the class's `@Resolver(() => Post)` type, once per parent.
   */
  private decoratedGraphqlField(
    _node: ClassNode,
    classDecorators: readonly TSESTree.Node[],
    decorator: TSESTree.Node,
    entry: DecoratorEntry,
    className: string,
    methodName: string,
  ): HandlerSummary['graphql'] {
    const kind = entry.path[0] ?? '';
    const call = decorator.type === AST_NODE_TYPES.CallExpression ? decorator : null;
    const fieldName = staticString(call?.arguments[0]) ?? methodName;
    if (GRAPHQL_ROOT_TYPES.has(kind)) return { typeName: kind, fieldName, root: true };
    let typeName = className.replace(/Resolver$/u, '') || className;
    for (const classDecorator of classDecorators) {
      const classEntry = this.decoratorEntry(classDecorator);
      if (
        !classEntry ||
        !entry.set.resolverTypes?.includes(classEntry.path[0] ?? '') ||
        classDecorator.type !== AST_NODE_TYPES.CallExpression
      ) {
        continue;
      }
      const argument = classDecorator.arguments.at(0);
      const named = staticString(argument);
      const target =
        argument && isFunctionNode(argument) && argument.body.type !== AST_NODE_TYPES.BlockStatement
          ? argument.body
          : argument;
      if (named !== null) typeName = named;
      else if (target?.type === AST_NODE_TYPES.Identifier) typeName = target.name;
      else if (target?.type === AST_NODE_TYPES.MemberExpression) typeName = staticPropertyName(target) ?? typeName;
    }
    return { typeName, fieldName, root: GRAPHQL_ROOT_TYPES.has(typeName) };
  }

  private visitImport(node: TSESTree.ImportDeclaration): void {
    if (node.importKind === 'type') return;
    const module = node.source.value;
    for (const specifier of node.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
        if (specifier.importKind === 'type') continue;
        const imported =
          specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
        this.bindings.push({ node: specifier, ref: { module, path: [imported] } });
      } else if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
        this.bindings.push({ node: specifier, ref: { module, path: ['default'] } });
      } else {
        this.bindings.push({ node: specifier, ref: { module, path: [] } });
      }
    }
  }

  /** `const x = require('m')`, `const { a } = require('m')`, `const x = require('m').a`, interop-wrapped too. */
  private visitRequireBinding(node: TSESTree.VariableDeclarator): void {
    if (!node.init) return;
    const init = skipTsWrappers(node.init);
    const base = this.requireRef(init) ?? (init.type === AST_NODE_TYPES.MemberExpression ? this.memberRef(init) : null);
    if (!base) return;
    if (node.id.type === AST_NODE_TYPES.Identifier) {
      this.bindings.push({ node: init, ref: base });
      return;
    }
    if (node.id.type !== AST_NODE_TYPES.ObjectPattern) return;
    for (const property of node.id.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticPropertyName(property);
      if (key !== null) this.bindings.push({ node: property, ref: { module: base.module, path: [...base.path, key] } });
    }
  }

  // ---- exports ------------------------------------------------------------------------------------------------

  private visitExport(
    node:
      | TSESTree.ExportNamedDeclaration
      | TSESTree.ExportDefaultDeclaration
      | TSESTree.ExportAllDeclaration
      | TSESTree.TSExportAssignment,
  ): void {
    if (node.type === AST_NODE_TYPES.ExportAllDeclaration) {
      if (node.exportKind === 'type') return;
      const specifier = node.source.value;
      this.imports.add(specifier);
      if (node.exported) {
        const exported = node.exported as TSESTree.Identifier | TSESTree.StringLiteral;
        const name = exported.type === AST_NODE_TYPES.Identifier ? exported.name : exported.value;
        this.exportsMap[name] = { ref: this.refOf({ module: specifier, path: [] }) };
      } else {
        this.stars.push(specifier);
      }
      return;
    }
    // Values are read once the whole file is walked, so that every function has its index.
    this.pendingExports.push(() => {
      if (node.type === AST_NODE_TYPES.TSExportAssignment) {
        const value = this.valueOf(node.expression, 0);
        if (value) this.moduleValue = value;
        return;
      }
      if (node.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
        const value = this.valueOf(node.declaration, 0);
        if (value) this.exportsMap['default'] = value;
        return;
      }
      if (node.exportKind === 'type') return;
      const declaration = node.declaration;
      if (declaration) {
        if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
            const value = this.valueOf(declarator.init, 0);
            if (value) this.exportsMap[declarator.id.name] = value;
          }
        } else if (
          (declaration.type === AST_NODE_TYPES.FunctionDeclaration ||
            declaration.type === AST_NODE_TYPES.ClassDeclaration) &&
          declaration.id
        ) {
          const value = this.valueOf(declaration, 0);
          if (value) this.exportsMap[declaration.id.name] = value;
        }
        return;
      }
      const source = node.source ? node.source.value : null;
      if (source !== null) this.imports.add(source);
      for (const specifier of node.specifiers) {
        if (specifier.exportKind === 'type') continue;
        const exported =
          specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
        const value =
          source !== null
            ? ({
                ref: this.refOf({ module: source, path: local === 'default' ? ['default'] : [local] }),
              } as Value)
            : this.valueOf(specifier.local, 0);
        if (value) this.exportsMap[exported] = value;
      }
    });
  }

  /** `module.exports = ...`, `module.exports.x = ...`, `exports.x = ...` (or through an alias) at module level. */
  private visitExportAssignment(node: TSESTree.AssignmentExpression, later: boolean): void {
    if (node.operator !== '=') return;
    // esbuild's annotation of the export names for Node's ESM loader, `0 && (module.exports = { a, b })`, never runs.
    const parent = node.parent;
    if (
      parent.type === AST_NODE_TYPES.LogicalExpression &&
      parent.operator === '&&' &&
      parent.right === node &&
      parent.left.type === AST_NODE_TYPES.Literal &&
      !parent.left.value
    )
      return;
    const left = skipTsWrappers(node.left);
    if (left.type !== AST_NODE_TYPES.MemberExpression) return;
    if (isModuleExports(left)) {
      if (later) return;
      this.pendingExports.push(() => {
        const value = this.valueOf(node.right, 0);
        if (value) this.moduleValue = value;
      });
      return;
    }
    if (!this.isExportsObject(left.object)) return;
    const name = staticPropertyName(left);
    if (name !== null) {
      this.pendingExports.push(() => {
        this.addExport(name, this.valueOf(node.right, 0), later);
      });
      return;
    }
    // `['get', 'set'].forEach((fn) => { exports[fn] = util.promisify(db[fn].bind(db)); })`: one export per name,
    // with the key fixed to that name while the value is read.
    const names = this.keyCandidates(left.property);
    if (!names) return;
    const key = left.property;
    const variable = key.type === AST_NODE_TYPES.Identifier ? this.variable(key) : undefined;
    this.pendingExports.push(() => {
      for (const fixed of names) {
        if (variable) this.fixedKeys.set(variable, fixed);
        try {
          this.addExport(fixed, this.valueOf(node.right, 0), later);
        } finally {
          if (variable) this.fixedKeys.delete(variable);
        }
      }
    });
  }

  /** An export's value; one assigned later (or again) joins the values it already has. */
  private addExport(name: string, value: Value | undefined, later: boolean): void {
    if (!value || name === '__proto__') return;
    const known = own(this.exportsMap, name);
    if (!known || (!later && !this.laterExports.has(name))) {
      this.exportsMap[name] = value;
    } else {
      const parts = 'any' in known && Array.isArray(known.any) ? (known.any as Value[]) : [known];
      if (parts.length < 4) this.exportsMap[name] = { any: [...parts, value] };
    }
    if (later) this.laterExports.add(name);
  }

  /**
   * The names a computed key can take when the code shows them all (`null` otherwise, or when they are more than
   * `max`: `SMALL_LITERAL_ARRAY`, or `MAX_KEY_NAMES` for the members of a table):
   * - a string, or a choice between two (`db[reverse ? 'getSortedSetRevRange' : 'getSortedSetRange']`);
   * - a local variable only ever assigned strings (`let method = 'sortedSetsRanks'; if (one) method = 'sortedSetRanks'`);
   * - the item of a loop over a literal list of strings (`['get', 'set'].forEach((fn) => ...)`,
   *   `for (const fn of ['get', 'set'])`);
   * - a parameter of a function of this file that is only called here, each time with a string there
   *   (`function sortedSetRange(method, key) { client[method](key) }` called with `'zrange'` and `'zrevrange'`); not
   *   when the function is exported or passed elsewhere, since other callers are not seen.
   */
  private keyCandidates(key: TSESTree.Node, max: number = SMALL_LITERAL_ARRAY): readonly string[] | null {
    const expression = skipTsWrappers(key);
    let names: readonly (string | null)[] | null;
    if (expression.type === AST_NODE_TYPES.ConditionalExpression) {
      names = [staticString(expression.consequent), staticString(expression.alternate)];
    } else if (expression.type === AST_NODE_TYPES.Identifier) {
      const variable = this.variable(expression);
      names = variable ? this.variableCandidates(variable) : null;
    } else {
      const literal = staticString(expression);
      names = literal === null ? null : [literal];
    }
    if (!names || names.length === 0 || names.length > max) return null;
    return names.every((name): name is string => name !== null && name !== '') ? [...new Set(names)] : null;
  }

  /** See `keyCandidates`: the strings a variable can hold, or `null`. */
  private variableCandidates(variable: Variable): readonly (string | null)[] | null {
    const def = variable.defs[0] as Variable['defs'][number] | undefined;
    if (!def) return null;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
    if (def.type === 'Parameter') {
      if (!isFunctionNode(def.node)) return null;
      const fn = def.node;
      const index = fn.params.indexOf(def.name);
      if (index < 0) return null;
      // The item of `list.forEach((fn) => ...)` over a literal list.
      const call = fn.parent;
      if (index === 0 && call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn) {
        const callee = skipTsWrappers(call.callee);
        const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : null;
        return method === 'forEach' || method === 'map'
          ? this.literalList((callee as TSESTree.MemberExpression).object)
          : null;
      }
      return this.localArguments(fn, index);
    }
    if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name) return null;
    const statement = def.node.parent.parent;
    if (statement.type === AST_NODE_TYPES.ForOfStatement && statement.left === def.node.parent) {
      return this.literalList(statement.right);
    }
    const names: (string | null)[] = [];
    for (const reference of variable.references) {
      if (!reference.isWrite()) continue;
      const written = reference.writeExpr;
      const parent = reference.identifier.parent;
      if (!written || (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.operator !== '=')) return null;
      names.push(staticString(written));
    }
    return names;
  }

  /** The elements of a literal array as strings (`null` for one that is not), or `null` for anything else. */
  private literalList(node: TSESTree.Node): readonly (string | null)[] | null {
    let array = skipTsWrappers(node);
    // `const modules = ['admin', 'posts']; modules.forEach(...)`: a variable that holds the list and is only read.
    if (array.type === AST_NODE_TYPES.Identifier) {
      const variable = this.variable(array);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name || !def.node.init)
        return null;
      const onlyRead = (variable as Variable).references.every((reference) => {
        if (reference.init) return true;
        if (reference.isWrite()) return false;
        const use = reference.identifier.parent;
        if (use.type === AST_NODE_TYPES.ForOfStatement) return use.right === reference.identifier;
        return (
          use.type === AST_NODE_TYPES.MemberExpression &&
          use.object === reference.identifier &&
          LIST_READS.has(staticPropertyName(use) ?? '')
        );
      });
      if (!onlyRead) return null;
      array = skipTsWrappers(def.node.init);
    }
    if (array.type !== AST_NODE_TYPES.ArrayExpression) return null;
    return array.elements.map((element) =>
      element && element.type !== AST_NODE_TYPES.SpreadElement ? staticString(element) : null,
    );
  }

  /** The strings passed at position `index` to a function of this file that only this file calls directly. */
  private localArguments(fn: FunctionNode, index: number): readonly (string | null)[] | null {
    const name =
      fn.type === AST_NODE_TYPES.FunctionDeclaration
        ? fn.id
        : fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn
          ? fn.parent.id
          : null;
    if (name?.type !== AST_NODE_TYPES.Identifier) return null;
    const declaration: TSESTree.Node | undefined =
      fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent.parent;
    const exported = declaration?.parent;
    if (
      exported?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      exported?.type === AST_NODE_TYPES.ExportDefaultDeclaration
    )
      return null;
    const names: (string | null)[] = [];
    for (const reference of this.variable(name)?.references ?? []) {
      if (reference.init || reference.identifier === name) continue;
      const call = reference.identifier.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) return null;
      const argument = call.arguments.at(index);
      names.push(argument ? staticString(argument) : null);
    }
    return names;
  }

  /** `module.exports` or `exports` itself, or a name for it (see `isExportsObject`). */
  private isExportsObject(expression: TSESTree.Node, depth = 0): boolean {
    const inner = skipTsWrappers(expression);
    if (isModuleExports(inner)) return true;
    if (inner.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
    const def = this.variable(inner)?.defs[0];
    if (!def) return inner.name === 'exports';
    // `var Users = module.exports;` and `(function (Users) { Users.get = ... })(exports)` name the exports too.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
    if (def.type === 'Variable' && def.node.init)
      return def.node.id === def.name && this.isExportsObject(def.node.init, depth + 1);
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
    if (def.type !== 'Parameter' || !isFunctionNode(def.node)) return false;
    const fn = def.node;
    const call = fn.parent;
    const index = fn.params.indexOf(def.name);
    const arg = call.type === AST_NODE_TYPES.CallExpression && call.callee === fn ? call.arguments[index] : undefined;
    return arg !== undefined && this.isExportsObject(arg, depth + 1);
  }

  /**
   * `Topics.follow = function` where `Topics` is a parameter: a function the function adds to what it is passed.
   * Other values (`req.user = user`) are left out: only functions are looked up this way.
   */
  private visitParameterMember(node: TSESTree.AssignmentExpression): void {
    if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression) return;
    const object = node.left.object;
    const name = staticPropertyName(node.left);
    if (object.type !== AST_NODE_TYPES.Identifier || name === null || name === '__proto__') return;
    const right = skipTsWrappers(node.right);
    if (!isFunctionNode(right) && right.type !== AST_NODE_TYPES.Identifier) return;
    const def = this.variable(object)?.defs[0];
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
    if (def?.type !== 'Parameter' || !isFunctionNode(def.node)) return;
    const fn = def.node;
    const index = fn.params.indexOf(def.name);
    if (index < 0) return;
    this.pendingExports.push(() => {
      const value = this.valueOf(node.right, 0);
      if (!value || !('fn' in value)) return;
      const list = this.paramMembers.get(fn);
      if (list) list.push([index, name, value]);
      else this.paramMembers.set(fn, [[index, name, value]]);
    });
  }

  /** `require('./topics/follow')(Topics)` with `Topics` the module's exports: the callee adds members to them. */
  private visitMixin(call: TSESTree.CallExpression): void {
    const index = call.arguments.findIndex((arg) => this.isExportsObject(arg));
    if (index < 0) return;
    this.pendingExports.push(() => {
      const fn = this.valueOf(call.callee, 0);
      if (fn) this.mixins.push([fn, index]);
    });
  }

  /** TypeScript's compiled re-exports: `Object.defineProperty(exports, 'x', { get: function () { return m.x; } })`. */
  private visitDefineProperty(call: TSESTree.CallExpression): void {
    const callee = skipTsWrappers(call.callee);
    if (
      callee.type !== AST_NODE_TYPES.MemberExpression ||
      staticPropertyName(callee) !== 'defineProperty' ||
      callee.object.type !== AST_NODE_TYPES.Identifier ||
      callee.object.name !== 'Object'
    ) {
      return;
    }
    const [target, key, descriptor] = call.arguments as readonly (TSESTree.CallExpressionArgument | undefined)[];
    const name = staticString(key);
    if (
      !target ||
      target.type !== AST_NODE_TYPES.Identifier ||
      target.name !== 'exports' ||
      name === null ||
      name === '__esModule'
    )
      return;
    if (descriptor?.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const property of descriptor.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticPropertyName(property);
      const returned = key === 'value' ? property.value : key === 'get' ? returnedExpression(property.value) : null;
      if (returned) this.exportLater(name, returned);
    }
  }

  /**
   * SWC's compiled exports, one helper call for all of a module's names: `_export(exports, { list: function () {
   * return list; } })`.
   */
  private visitExportGetters(call: TSESTree.CallExpression): void {
    const [target, getters] = call.arguments;
    if (
      call.arguments.length !== 2 ||
      helperName(skipTsWrappers(call.callee)) !== '_export' ||
      target.type !== AST_NODE_TYPES.Identifier ||
      target.name !== 'exports' ||
      getters.type !== AST_NODE_TYPES.ObjectExpression
    )
      return;
    for (const property of getters.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const name = staticPropertyName(property);
      const returned = returnedExpression(property.value);
      if (name !== null && returned) this.exportLater(name, returned);
    }
  }

  /** Records an export whose value is evaluated once the module's own bindings are known. */
  private exportLater(name: string, node: TSESTree.Node): void {
    this.pendingExports.push(() => {
      const value = this.valueOf(node, 0);
      if (value) this.exportsMap[name] = value;
    });
  }

  /** The functions that other modules can reach: every function of an exported value. */
  private exportedFunctions(): Set<FunctionNode> {
    const result = new Set<FunctionNode>();
    const seen = new Set<Value>();
    const seenClasses = new Set<number>();
    const visit = (value: Value): void => {
      if (seen.has(value)) return;
      seen.add(value);
      if ('fn' in value) {
        const fn = this.functions[value.fn] as FunctionNode | undefined;
        if (fn) result.add(fn);
      } else if ('members' in value) Object.values(value.members).forEach(visit);
      else if ('cls' in value) {
        const cls = this.classes[value.cls] as ClassSummary | undefined;
        if (!cls || seenClasses.has(value.cls)) return;
        seenClasses.add(value.cls);
        for (const index of Object.values(cls.methods)) {
          const fn = this.functions[index] as FunctionNode | undefined;
          if (fn) result.add(fn);
        }
        Object.values(cls.statics).forEach(visit);
      } else if ('instance' in value) visit(value.instance);
    };
    Object.values(this.exportsMap).forEach(visit);
    if (this.moduleValue) visit(this.moduleValue);
    return result;
  }

  // ---- values -------------------------------------------------------------------------------------------------

  /**
   * What an expression is, as a `Value` the graph evaluates across files (exports, returns, arguments, fields);
   * `undefined` when nothing useful.
   */
  valueOf(node: TSESTree.Node, depth: number): Value | undefined {
    if (depth > MAX_VALUE_DEPTH) return undefined;
    let expression = unwrapSequence(node);
    if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = unwrapSequence(expression.argument);
    if (expression.type === AST_NODE_TYPES.ChainExpression) expression = unwrapSequence(expression.expression);
    const shape = this.creations.get(expression);
    if (shape) return { shape };
    if (isFunctionNode(expression)) {
      const cls = this.constructorClass(expression);
      return cls === null ? { fn: this.indexOf(expression) } : { cls };
    }
    // `module.exports`, `exports` or a name for them (`(function (Topics) { ... }(module.exports))`): the module
    // itself, with whatever it exports once it has run (`require('./topics/create')(Topics)` passes it on).
    if (
      (expression.type === AST_NODE_TYPES.Identifier || expression.type === AST_NODE_TYPES.MemberExpression) &&
      this.isExportsObject(expression)
    )
      return { export: '' };
    switch (expression.type) {
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        return { cls: this.classIndexOf(expression) };
      case AST_NODE_TYPES.Identifier:
        return this.identifierValue(expression, depth);
      case AST_NODE_TYPES.ThisExpression: {
        const body = this.thisClassBody(expression);
        if (body) return { instance: { cls: this.classIndexOf(body.parent) } };
        const cls = this.thisConstructorClass(expression);
        return cls === null ? undefined : { instance: { cls } };
      }
      case AST_NODE_TYPES.ObjectExpression: {
        const members: Record<string, Value> = {};
        for (const property of expression.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) {
            const spread = this.valueOf(property.argument, depth + 1);
            if (spread && 'members' in spread) Object.assign(members, spread.members);
            continue;
          }
          const key = staticPropertyName(property);
          if (key === null) continue;
          const value = this.valueOf(property.value, depth + 1);
          if (value && key !== '__proto__') members[key] = value;
        }
        return { members };
      }
      case AST_NODE_TYPES.NewExpression: {
        const cls = this.valueOf(expression.callee, depth + 1);
        return cls ? { instance: cls } : undefined;
      }
      case AST_NODE_TYPES.CallExpression: {
        const ref = this.requireRef(expression) ?? this.folderRequireRef(expression);
        if (ref) return { ref: this.refOf(ref) };
        // esbuild's `module.exports = __toCommonJS(x_exports)`: the exports object, with `__esModule` set.
        const commonJs = expression.arguments.at(0);
        if (
          helperName(expression.callee) === '__toCommonJS' &&
          commonJs &&
          commonJs.type !== AST_NODE_TYPES.SpreadElement
        )
          return this.valueOf(commonJs, depth + 1);
        const lookedUp = this.pathLookup(expression);
        if (lookedUp) {
          const tableValue = this.valueOf(lookedUp, depth + 1);
          return tableValue ? { nested: tableValue } : undefined;
        }
        const table = this.rowTable(expression, depth);
        if (table !== null) return { row: table };
        const setting = settingName(expression, 'get');
        if (setting !== null) return { holder: setting };
        // `util.promisify(fn)` and `fn.bind(obj)` call what they are given.
        const passed = this.passedThrough(expression);
        if (passed) return this.valueOf(passed, depth + 1);
        // A wrapper that returns the function it is given (`asyncHandler(fn)`) stands for that function.
        const callee = skipTsWrappers(expression.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) {
          const targets = this.resolveTargets(expression, depth).filter((target) => !isProperty(target));
          if (targets.length === 1) return this.valueOfResolved(targets[0]);
        }
        const calleeValue = this.valueOf(expression.callee, depth + 1);
        return calleeValue ? { result: calleeValue } : undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const ref = this.memberRef(expression);
        if (ref) return { ref: this.refOf(ref) };
        const key =
          expression.computed && expression.property.type === AST_NODE_TYPES.Identifier
            ? this.variable(expression.property)
            : undefined;
        const name = staticPropertyName(expression) ?? (key ? (this.fixedKeys.get(key) ?? null) : null);
        if (name === null) return expression.computed ? this.anyMemberOf(expression.object, depth) : undefined;
        // The module's own export: read by an export assignment of its top level, what was assigned before
        // (`exports.get = util.promisify(exports.get)`); anywhere else, whatever it holds once the module has run.
        if (this.isExportsObject(expression.object)) {
          return this.exporting && !this.runsLater(expression) ? own(this.exportsMap, name) : { export: name };
        }
        const objectNode = unwrapSequence(expression.object);
        const holder = holderName(expression);
        if (holder !== null && holder.startsWith('locals.')) return { holder };
        if (objectNode.type === AST_NODE_TYPES.ThisExpression) {
          const body = this.thisClassBody(objectNode);
          if (body) return { field: [this.classIndexOf(body.parent), name] };
          const cls = this.thisConstructorClass(objectNode);
          if (cls !== null) return { field: [cls, name] };
        }
        const object = this.valueOf(expression.object, depth + 1);
        const read: Value | undefined = !object
          ? undefined
          : 'members' in object
            ? own(object.members, name)
            : { get: [object, name] as const };
        if (holder === null) return read;
        return read ? { any: [read, { holder }] } : { holder };
      }
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.ConditionalExpression: {
        const parts = (
          expression.type === AST_NODE_TYPES.LogicalExpression
            ? [expression.left, expression.right]
            : [expression.consequent, expression.alternate]
        ).flatMap((part) => {
          const value = this.valueOf(part, depth + 1);
          return value ? [value] : [];
        });
        return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { any: parts };
      }
      default:
        return undefined;
    }
  }

  /**
   * `jobs[id]` with a key the code does not show, on a local object whose members it does show (`const jobs = {};
   * jobs['digest.daily'] = new CronJob(...)`, never written under a key chosen at run time): any of those members.
   */
  private anyMemberOf(object: TSESTree.Node, depth: number): Value | undefined {
    const node = skipTsWrappers(object);
    const variable = node.type === AST_NODE_TYPES.Identifier ? this.variable(node) : null;
    if (!variable) return undefined;
    // Closed only when the code shows every use: members read and written under names it shows, and `for...in`. An
    // alias, an argument or a write under a key chosen at run time may add members it does not show.
    const open = variable.references.some((reference) => {
      if (reference.init) return false;
      const use = reference.identifier.parent;
      if (use.type === AST_NODE_TYPES.ForInStatement && use.right === reference.identifier) return false;
      if (use.type !== AST_NODE_TYPES.MemberExpression || use.object !== reference.identifier) return true;
      return (
        use.computed &&
        staticPropertyName(use) === null &&
        use.parent.type === AST_NODE_TYPES.AssignmentExpression &&
        use.parent.left === use &&
        this.keyCandidates(use.property) === null
      );
    });
    if (open) return undefined;
    const value = this.valueOf(node, depth + 1);
    if (!value || !('members' in value)) return undefined;
    const members = Object.values(value.members);
    // At most as many as a value's `any` holds elsewhere (`addExport`, `variableValue`).
    if (members.length === 0 || members.length > 4) return undefined;
    return members.length === 1 ? members[0] : { any: members };
  }

  /** Whether a node is in a function that does not run where it is defined (not the top level, not an IIFE's body). */
  private runsLater(node: TSESTree.Node): boolean {
    for (let current = node.parent; current; current = current.parent) {
      if (!isFunctionNode(current)) continue;
      const call = current.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== current) return true;
    }
    return false;
  }

  /** The function that `util.promisify(fn)` or `fn.bind(obj)` wraps, or `null`. */
  private passedThrough(call: TSESTree.CallExpression): TSESTree.Node | null {
    const callee = skipTsWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'bind') return callee.object;
    const first = call.arguments.at(0);
    if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
    const ref = callee.type === AST_NODE_TYPES.MemberExpression ? this.memberRef(callee) : null;
    const def = callee.type === AST_NODE_TYPES.Identifier ? this.variable(callee)?.defs[0] : undefined;
    const named = ref ?? (def ? this.importRef(def) : null);
    return named && (named.module === 'util' || named.module === 'node:util') && named.path.join('.') === 'promisify'
      ? first
      : null;
  }

  /**
   * The table whose rows a call returns as instances of the project's model class (`R.find('monitor', ...)` of
   * RedBeanNode, see `RowModels`), or `null`.
   */
  private rowTable(call: TSESTree.CallExpression, depth: number): string | null {
    const callee = skipTsWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = staticPropertyName(callee);
    if (method === null || call.arguments.length === 0) return null;
    const table = skipTsWrappers(call.arguments[0]);
    if (table.type !== AST_NODE_TYPES.Literal || typeof table.value !== 'string' || table.value === '') return null;
    const models = ROW_MODELS.filter((candidate) => candidate.methods.includes(method));
    if (models.length === 0) return null;
    const object = this.valueOf(callee.object, depth + 1);
    const ref = object && 'ref' in object ? this.refs[object.ref] : undefined;
    if (!ref) return null;
    const named = models.some(
      (candidate) =>
        candidate.module === ref.module &&
        candidate.path.length === ref.path.length &&
        candidate.path.every((part, index) => ref.path[index] === part),
    );
    return named ? table.value : null;
  }

  private identifierValue(identifier: TSESTree.Identifier, depth: number): Value | undefined {
    const variable = this.variable(identifier);
    const def = variable?.defs[0];
    if (!variable || !def || this.evaluating.has(variable)) return undefined;
    this.evaluating.add(variable);
    try {
      return this.variableValue(variable, def, depth);
    } finally {
      this.evaluating.delete(variable);
    }
  }

  private variableValue(variable: Variable, def: Variable['defs'][number], depth: number): Value | undefined {
    const ref = this.importRef(def);
    if (ref) return { ref: this.refOf(ref) };
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
    if (def.type === 'Parameter')
      return this.paramValue(def.node as FunctionNode, def.name as TSESTree.Identifier, depth);
    if (def.node.type === AST_NODE_TYPES.FunctionDeclaration) return this.valueOf(def.node, depth + 1);
    if (def.node.type === AST_NODE_TYPES.ClassDeclaration) return { cls: this.classIndexOf(def.node) };
    if (def.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
    // A variable is its initialiser, or what it is assigned (`let db; db = knex(...)`) when that is all it holds.
    const writes = referencesOf(variable).flatMap((reference) =>
      reference.isWrite() && reference.writeExpr ? [reference.writeExpr] : [],
    );
    const values = writes.flatMap((written) => {
      // `const { a } = obj`: the property of the initialiser.
      if (
        def.node.type === AST_NODE_TYPES.VariableDeclarator &&
        def.node.id.type === AST_NODE_TYPES.ObjectPattern &&
        written === def.node.init
      ) {
        const key = this.patternKey(def.node.id, def.name as TSESTree.Identifier);
        const object = key === null ? undefined : this.valueOf(written, depth + 1);
        return object && key !== null ? ['members' in object ? own(object.members, key) : { get: [object, key] }] : [];
      }
      if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id.type !== AST_NODE_TYPES.Identifier)
        return [];
      const value = this.valueOf(written, depth + 1);
      return value ? [value] : [];
    });
    const defined = values
      .filter((value): value is Value => value !== undefined)
      .map((value) => ('members' in value ? this.withAssignedMembers(variable, value, depth) : value));
    return defined.length === 0 ? undefined : defined.length === 1 ? defined[0] : { any: defined.slice(0, 4) };
  }

  /**
   * An object variable with the members assigned to it later (`var helpers = {}; helpers.render = function`), the
   * way CommonJS modules often build what they export.
   */
  private withAssignedMembers(
    variable: Variable,
    value: { readonly members: Readonly<Record<string, Value>> },
    depth: number,
  ): Value {
    let members: Record<string, Value> | null = null;
    for (const reference of referencesOf(variable)) {
      const member = reference.identifier.parent;
      // esbuild's CommonJS output: `__export(x_exports, { list: () => list, default: () => x_default })`.
      if (
        member.type === AST_NODE_TYPES.CallExpression &&
        member.arguments[0] === reference.identifier &&
        helperName(skipTsWrappers(member.callee)) === '__export' &&
        member.arguments[1]?.type === AST_NODE_TYPES.ObjectExpression
      ) {
        for (const property of member.arguments[1].properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const key = staticPropertyName(property);
          const returned = returnedExpression(property.value);
          if (key === null || key === '__proto__' || !returned || Object.hasOwn(value.members, key)) continue;
          const assigned = this.valueOf(returned, depth + 1);
          if (!assigned) continue;
          members ??= { ...value.members };
          members[key] = assigned;
        }
        continue;
      }
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
      const assignment = member.parent;
      if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== member) continue;
      if (assignment.operator !== '=') continue;
      const key = staticPropertyName(member);
      if (key === null) {
        // `modules.forEach((name) => { table[name] = require('./' + name); })` over a literal list: one member per
        // name, with the key fixed to that name while the value is read.
        const names = member.computed ? this.keyCandidates(member.property, MAX_KEY_NAMES) : null;
        const keyVariable = member.property.type === AST_NODE_TYPES.Identifier ? this.variable(member.property) : null;
        for (const fixed of names ?? []) {
          if (fixed === '__proto__' || Object.hasOwn(value.members, fixed) || (members && own(members, fixed)))
            continue;
          if (keyVariable) this.fixedKeys.set(keyVariable, fixed);
          try {
            const assigned = this.valueOf(assignment.right, depth + 1);
            if (!assigned) continue;
            members ??= { ...value.members };
            members[fixed] = assigned;
          } finally {
            if (keyVariable) this.fixedKeys.delete(keyVariable);
          }
        }
        continue;
      }
      if (key === '__proto__' || Object.hasOwn(value.members, key)) continue;
      const assigned = this.valueOf(assignment.right, depth + 1);
      if (!assigned) continue;
      members ??= { ...value.members };
      members[key] = assigned;
    }
    return members ? { members } : value;
  }

  /** The property of an object pattern that binds `name` (`{ db: database }` binds `database` to `db`). */
  private patternKey(pattern: TSESTree.ObjectPattern, name: TSESTree.Identifier): string | null {
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value === name) return staticPropertyName(property);
    }
    return null;
  }

  /**
   * A parameter's value: its values at the call sites (`{ param }`), and for a parameter typed with a class, an
   * instance of it (TypeScript sources and injected constructor parameters).
   */
  private paramValue(fn: FunctionNode, name: TSESTree.Identifier, depth = 0): Value | undefined {
    const fnIndex = this.indexOf(fn);
    const element = this.elementOf(fn, name, depth);
    for (const [index, param] of fn.params.entries()) {
      const inner =
        param.type === AST_NODE_TYPES.TSParameterProperty
          ? param.parameter
          : param.type === AST_NODE_TYPES.AssignmentPattern
            ? param.left
            : param;
      const base: Value = { param: [fnIndex, index] };
      if (inner === name) {
        const typed = this.typedClass(name);
        const extra: Value | undefined = typed ? { instance: this.classValue(typed) } : element;
        return extra ? { any: [base, extra] } : base;
      }
      const pattern = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
      if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
        const key = this.patternKey(pattern, name);
        if (key !== null) return { get: [base, key] };
      }
    }
    return undefined;
  }

  /**
   * The element that a callback of an array method receives as its first parameter (`beans.map((bean) => ...)`,
   * `list.forEach(function (item) {})`): the list's value, as the loop variable of a `for...of` is. The model does not
   * tell a list from its elements (rows of a query are instances of their model class either way).
   */
  private elementOf(fn: FunctionNode, name: TSESTree.Identifier, depth: number): Value | undefined {
    if (fn.params[0] !== name) return undefined;
    const iteration = iterationCallOf(fn, EVERY_ITEM_METHODS);
    // A reducer's first parameter is its accumulator.
    if (!iteration || iteration.method.startsWith('reduce')) return undefined;
    return this.valueOf(iteration.iterable, depth + 1);
  }

  private valueOfResolved(resolved: Resolved): Value | undefined {
    if (isProperty(resolved)) return undefined;
    if (isRef(resolved)) return { ref: this.refOf(resolved) };
    const cls = this.constructorClass(resolved);
    return cls === null ? { fn: this.indexOf(resolved) } : { cls };
  }

  /** The class body whose instance `this` is at `node` (arrow functions pass it through, other functions do not). */
  private thisClassBody(node: TSESTree.Node): TSESTree.ClassBody | null {
    for (let current = node.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression) {
        const owner = current.parent;
        return (owner.type === AST_NODE_TYPES.MethodDefinition || owner.type === AST_NODE_TYPES.PropertyDefinition) &&
          !owner.static
          ? owner.parent
          : null;
      }
      if (current.type === AST_NODE_TYPES.PropertyDefinition) return current.static ? null : current.parent;
      if (current.type === AST_NODE_TYPES.ClassBody || current.type === AST_NODE_TYPES.Program) return null;
    }
    return null;
  }

  /** `client` of `const client = this;` in a method of the class: `client.x = value` assigns a field. */
  private isThisAlias(node: TSESTree.Node, body: TSESTree.ClassBody): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = this.variable(node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name || !def.node.init)
      return false;
    const init = skipTsWrappers(def.node.init);
    return (
      init.type === AST_NODE_TYPES.ThisExpression &&
      (def.parent as TSESTree.VariableDeclaration).kind === 'const' &&
      this.thisClassBody(init) === body
    );
  }

  /** The index of a class in `classes`, summarising it on first use. */
  private classIndexOf(node: ClassNode): number {
    const known = this.classIndex.get(node);
    if (known !== undefined) return known;
    const index = this.classes.length;
    this.classIndex.set(node, index);
    // A placeholder while the class is read: its values may name the class itself.
    this.classes.push({ name: node.id?.name ?? 'anonymous class', methods: {}, statics: {}, fields: {} });
    this.classes[index] = this.classSummary(node);
    return index;
  }

  private classSummary(node: ClassNode): ClassSummary {
    const methods: Record<string, number> = {};
    const statics: Record<string, Value> = {};
    const fields: Record<string, Value[]> = {};
    const addField = (name: string, value: Value | undefined): void => {
      addFieldValue(fields, name, value);
    };
    let ctor: number | undefined;
    for (const member of node.body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition)
        continue;
      const name = staticPropertyName(member);
      if (name === null) continue;
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        if (isFunctionNode(member.value)) ctor = this.indexOf(member.value);
        continue;
      }
      if (member.static) {
        const value = member.value ? this.valueOf(member.value, 1) : undefined;
        if (value && name !== '__proto__') statics[name] = value;
      } else if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'set') {
        // A setter is no method to call, and its getter (if any) says what the property holds.
        continue;
      } else if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'get') {
        // `get users() { return dataSource.getRepository(User); }`: `this.users` is what the getter returns, or what
        // its return type names (`get activeManager_(): EntityManager`).
        if (isFunctionNode(member.value)) addField(name, { result: { fn: this.indexOf(member.value) } });
        const annotation = member.value.returnType?.typeAnnotation;
        if (
          annotation?.type === AST_NODE_TYPES.TSTypeReference &&
          annotation.typeName.type === AST_NODE_TYPES.Identifier
        ) {
          const typed = this.typedClass({ ...annotation.typeName, typeAnnotation: member.value.returnType });
          if (typed && !('type' in typed)) addField(name, { instance: { ref: this.refOf(typed) } });
        }
      } else if (member.value && isFunctionNode(member.value)) {
        if (name !== '__proto__') methods[name] = this.indexOf(member.value);
      } else if (member.type === AST_NODE_TYPES.PropertyDefinition) {
        if (member.value) addField(name, this.valueOf(member.value, 1));
        const annotation = member.typeAnnotation?.typeAnnotation;
        if (
          annotation?.type === AST_NODE_TYPES.TSTypeReference &&
          annotation.typeName.type === AST_NODE_TYPES.Identifier
        ) {
          const typed = this.typedClass({
            ...annotation.typeName,
            typeAnnotation: member.typeAnnotation,
          });
          if (typed && !('type' in typed)) addField(name, { instance: { ref: this.refOf(typed) } });
        }
      }
    }
    // Constructor parameter properties (`constructor(private readonly db: Knex)`) and the compiled metadata of
    // injected parameters (`__metadata("design:paramtypes", [UsersService])`).
    const constructor = constructorOf(node.body);
    const paramTypes = this.paramTypes(node);
    const constructorFunction = constructor && isFunctionNode(constructor.value) ? constructor.value : null;
    for (const param of constructorFunction?.params ?? []) {
      if (param.type !== AST_NODE_TYPES.TSParameterProperty || !constructorFunction) continue;
      const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a binding pattern parses here
      if (inner.type === AST_NODE_TYPES.Identifier) addField(inner.name, this.paramValue(constructorFunction, inner));
    }
    // `this.x = value` in the class's own methods and constructor.
    const pending: Array<readonly [TSESTree.Node, TSESTree.Node | null]> = [[node.body, null]];
    const visit = (current: TSESTree.Node, owner: TSESTree.Node | null): void => {
      if (
        (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) &&
        current !== node
      )
        return;
      // `Cache.instance = new Cache()` in the class's own code (a singleton kept on the class): a static.
      if (
        current.type === AST_NODE_TYPES.AssignmentExpression &&
        current.operator === '=' &&
        current.left.type === AST_NODE_TYPES.MemberExpression &&
        current.left.object.type === AST_NODE_TYPES.Identifier &&
        this.namesClass(current.left.object, node)
      ) {
        const name = staticPropertyName(current.left);
        const value =
          name === null || name === '__proto__' || own(statics, name) ? undefined : this.valueOf(current.right, 1);
        if (name !== null && value) statics[name] = value;
      }
      if (
        current.type === AST_NODE_TYPES.AssignmentExpression &&
        current.operator === '=' &&
        current.left.type === AST_NODE_TYPES.MemberExpression &&
        ((current.left.object.type === AST_NODE_TYPES.ThisExpression &&
          this.thisClassBody(current.left.object) === node.body) ||
          this.isThisAlias(current.left.object, node.body))
      ) {
        const name = staticPropertyName(current.left);
        if (name !== null) {
          addField(name, this.valueOf(current.right, 1));
          const right = skipTsWrappers(current.right);
          if (
            owner === constructorFunction &&
            right.type === AST_NODE_TYPES.Identifier &&
            paramTypes &&
            constructorFunction
          ) {
            const index = constructorFunction.params.findIndex(
              (param) => param.type === AST_NODE_TYPES.Identifier && param.name === right.name,
            );
            const type = index === -1 ? undefined : paramTypes[index];
            const typeValue = type ? this.valueOf(type, 1) : undefined;
            if (typeValue) addField(name, { instance: typeValue });
          }
        }
      }
      for (const child of childNodes(current, this.sourceCode.visitorKeys)) {
        pending.push([child, isFunctionNode(current) ? current : owner]);
      }
    };
    // Iteratively: a class can hold deeply nested code.
    while (pending.length > 0) {
      const [current, owner] = pending.pop() as readonly [TSESTree.Node, TSESTree.Node | null];
      visit(current, owner);
    }
    const superclass = node.superClass ? this.superclassShapes.get(node.superClass) : undefined;
    const extendsValue = node.superClass && !superclass ? this.valueOf(node.superClass, 1) : undefined;
    return {
      name: node.id?.name ?? 'anonymous class',
      methods,
      statics,
      ...(ctor === undefined ? {} : { ctor }),
      fields,
      ...(superclass?.instances ? { instanceShape: superclass.shape } : {}),
      ...(superclass && !superclass.instances ? { staticShape: superclass.shape } : {}),
      ...(extendsValue ? { extends: extendsValue } : {}),
    };
  }

  // ---- classes written as constructor functions ----------------------------------------------------------------

  /**
   * The variable that names a class written as a constructor function, the way code before ES2015 classes (and
   * TypeScript's ES5 output) writes one: `function Pad(id) { this.id = id; }` with `Pad.prototype.copy = function`,
   * `Pad.prototype = { ... }`, `util.inherits(Pad, Base)` or `__extends(Pad, _super)`. `null` for any other function:
   * a function is read as a class only when its own file gives it a prototype or a parent.
   */
  private constructorVariable(fn: FunctionNode): Variable | null {
    const known = this.constructorVariables.get(fn);
    if (known !== undefined) return known;
    // `const Pad = function`, also through assignments (`var Pad = module.exports = function Pad() {}`).
    let holder: TSESTree.Node = fn;
    while (holder.parent.type === AST_NODE_TYPES.AssignmentExpression && holder.parent.right === holder)
      holder = holder.parent;
    const parent = holder.parent;
    const name =
      fn.type === AST_NODE_TYPES.FunctionDeclaration
        ? fn.id
        : parent.type === AST_NODE_TYPES.VariableDeclarator &&
            parent.init === holder &&
            parent.id.type === AST_NODE_TYPES.Identifier
          ? parent.id
          : null;
    const variable = name ? this.variable(name) : null;
    const found =
      variable?.defs.length === 1 && referencesOf(variable).some((reference) => this.shapesClass(reference.identifier))
        ? variable
        : null;
    this.constructorVariables.set(fn, found);
    return found;
  }

  /**
   * `F.prototype.m = ...`, `F.prototype = ...`, `Object.assign(F.prototype, ...)` and `inherits(F, Base)`: what makes
   * the function `F` a class.
   */
  private shapesClass(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
    const parent = identifier.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression)
      return parent.arguments[0] === identifier && INHERITS_HELPERS.has(helperName(parent.callee) ?? '');
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
    if (staticPropertyName(parent) !== 'prototype') return false;
    const up = parent.parent;
    if (up.type === AST_NODE_TYPES.AssignmentExpression) return up.left === parent;
    if (assignsTo(up, parent)) return true;
    return (
      up.type === AST_NODE_TYPES.MemberExpression &&
      up.object === parent &&
      up.parent.type === AST_NODE_TYPES.AssignmentExpression &&
      up.parent.left === up
    );
  }

  /** The index in `classes` of a class written as a constructor function, summarising it on first use. */
  private constructorClassIndex(fn: FunctionNode, variable: Variable): number {
    const known = this.constructorIndex.get(fn);
    if (known !== undefined) return known;
    const index = this.classes.length;
    this.constructorIndex.set(fn, index);
    // A placeholder while the class is read: its values may name the class itself.
    this.classes.push({ name: variable.name, methods: {}, statics: {}, fields: {} });
    this.classes[index] = this.constructorSummary(fn, variable, index);
    return index;
  }

  /** The class of a constructor function, or `null` for a function that is no class (see `constructorVariable`). */
  private constructorClass(fn: FunctionNode): number | null {
    const variable = this.constructorVariable(fn);
    return variable ? this.constructorClassIndex(fn, variable) : null;
  }

  private constructorSummary(fn: FunctionNode, variable: Variable, index: number): ClassSummary {
    const methods: Record<string, number> = {};
    const statics: Record<string, Value> = {};
    const fields: Record<string, Value[]> = {};
    const owners: FunctionNode[] = [fn];
    let parentClass: Value | undefined;
    const addField = (name: string, value: Value | undefined): void => {
      addFieldValue(fields, name, value);
    };
    const addMember = (name: string | null, node: TSESTree.Node): void => {
      if (name === null || name === '__proto__' || name === 'constructor') return;
      const member = skipTsWrappers(node);
      if (isFunctionNode(member)) {
        methods[name] = this.indexOf(member);
        owners.push(member);
        return;
      }
      const value = this.valueOf(member, 1);
      if (value && 'fn' in value) methods[name] = value.fn;
      else addField(name, value);
    };
    const addMembers = (object: TSESTree.Node): void => {
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return;
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.Property) addMember(staticPropertyName(property), property.value);
      }
    };
    for (const reference of referencesOf(variable)) {
      const identifier = reference.identifier;
      const parent = identifier.parent;
      if (parent.type === AST_NODE_TYPES.CallExpression && this.shapesClass(identifier)) {
        const base = parent.arguments.at(1);
        if (base && base.type !== AST_NODE_TYPES.SpreadElement) parentClass ??= this.valueOf(base, 1);
        continue;
      }
      if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) continue;
      const key = staticPropertyName(parent);
      const up = parent.parent;
      if (key === 'prototype') {
        if (
          up.type === AST_NODE_TYPES.MemberExpression &&
          up.object === parent &&
          up.parent.type === AST_NODE_TYPES.AssignmentExpression &&
          up.parent.left === up &&
          up.parent.operator === '='
        ) {
          addMember(staticPropertyName(up), up.parent.right);
        } else if (up.type === AST_NODE_TYPES.AssignmentExpression && up.left === parent && up.operator === '=') {
          const right = skipTsWrappers(up.right);
          addMembers(right);
          // `F.prototype = Object.create(Base.prototype)`
          const created = right.type === AST_NODE_TYPES.CallExpression ? right.arguments.at(0) : undefined;
          if (
            right.type === AST_NODE_TYPES.CallExpression &&
            nameOf(skipTsWrappers(right.callee)) === 'create' &&
            created?.type === AST_NODE_TYPES.MemberExpression &&
            staticPropertyName(created) === 'prototype'
          )
            parentClass ??= this.valueOf(created.object, 1);
        } else if (assignsTo(up, parent)) {
          // `Object.assign(F.prototype, { ... })`, `_.extend(F.prototype, { ... })`
          up.arguments.slice(1).forEach(addMembers);
        }
      } else if (
        key !== null &&
        key !== '__proto__' &&
        up.type === AST_NODE_TYPES.AssignmentExpression &&
        up.left === parent &&
        up.operator === '=' &&
        !own(statics, key)
      ) {
        const value = this.valueOf(up.right, 1);
        if (value) statics[key] = value;
      }
    }
    // `this.x` (or `self.x` of `var self = this`) in the constructor and the methods, and what they are assigned.
    const members = new Map<string, TSESTree.MemberExpression[]>();
    this.constructorMembers.set(index, members);
    const assigned: Array<readonly [string, TSESTree.Node]> = [];
    for (const owner of owners) {
      const pending: TSESTree.Node[] = [owner.body];
      while (pending.length > 0) {
        const current = pending.pop() as TSESTree.Node;
        if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression)
          continue;
        const name =
          current.type === AST_NODE_TYPES.MemberExpression && this.isOwnThis(current.object, owner)
            ? staticPropertyName(current)
            : null;
        if (current.type === AST_NODE_TYPES.MemberExpression && name !== null && name !== '__proto__') {
          const list = members.get(name);
          if (list) list.push(current);
          else members.set(name, [current]);
          const parent = current.parent;
          if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === current && parent.operator === '=')
            assigned.push([name, parent.right]);
        }
        for (const child of childNodes(current, this.sourceCode.visitorKeys)) pending.push(child);
      }
    }
    for (const [name, value] of assigned) addField(name, this.valueOf(value, 1));
    return {
      name: variable.name,
      methods,
      statics,
      ctor: this.indexOf(fn),
      callable: true,
      fields,
      ...(parentClass ? { extends: parentClass } : {}),
    };
  }

  /**
   * `this` of a function, or a name for it declared there (`var self = this`, TypeScript's ES5
   * `var _this = _super.call(this, a) || this`).
   */
  private isOwnThis(node: TSESTree.Node, fn: FunctionNode): boolean {
    if (node.type === AST_NODE_TYPES.ThisExpression) return thisFunction(node) === fn;
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const def = this.variable(node)?.defs;
    const declarator = def?.length === 1 ? def[0].node : undefined;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) return false;
    const init = skipTsWrappers(declarator.init);
    const self =
      init.type === AST_NODE_TYPES.LogicalExpression && init.operator === '||' ? skipTsWrappers(init.right) : init;
    return self.type === AST_NODE_TYPES.ThisExpression && thisFunction(self) === fn;
  }

  /** The index of the class written as a constructor function whose instance `this` is (see `thisConstructor`). */
  private thisConstructorClass(node: TSESTree.ThisExpression): number | null {
    const ctor = this.thisConstructor(node);
    return ctor ? this.constructorClass(ctor) : null;
  }

  /**
   * The constructor function whose instance `this` is, in the constructor itself or in a function stored on its
   * prototype (`Pad.prototype.copy = function () { this.id }`, `Pad.prototype = { copy() { this.id } }`).
   */
  private thisConstructor(node: TSESTree.ThisExpression): FunctionNode | null {
    const fn = thisFunction(node);
    if (!fn) return null;
    if (this.constructorVariable(fn)) return fn;
    const prototype = prototypeHolding(fn);
    if (prototype?.object.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = this.variable(prototype.object);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const declared =
      def?.node.type === AST_NODE_TYPES.FunctionDeclaration
        ? def.node
        : def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init
          ? skipTsWrappers(def.node.init)
          : null;
    if (!declared || !isFunctionNode(declared)) return null;
    return this.constructorVariable(declared) === variable ? declared : null;
  }

  /** What each function returns: its `return` arguments (not those of nested functions), or its expression body. */
  private functionReturns(fn: FunctionNode): Value[] {
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
      const value = this.valueOf(fn.body, 1);
      return value ? [value] : [];
    }
    const values: Value[] = [];
    const visit = (node: TSESTree.Node): void => {
      if (values.length >= 4 || (isFunctionNode(node) && node !== fn)) return;
      if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return;
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
        const value = this.valueOf(node.argument, 1);
        if (value) values.push(value);
        return;
      }
      forEachChild(node, this.sourceCode.visitorKeys, visit);
    };
    visit(fn.body);
    return values;
  }

  /**
   * `parts.reduce((object, key) => object[key], table)` (also guarded: `object && object[key]`,
   * `object ? object[key] : null`): a member of `table` chosen by a path at run time, the way a dispatcher finds the
   * handler of a message named `posts.reply`. The table, or `null`.
   */
  private pathLookup(call: TSESTree.CallExpression): TSESTree.Node | null {
    const callee = skipTsWrappers(call.callee);
    if (
      callee.type !== AST_NODE_TYPES.MemberExpression ||
      staticPropertyName(callee) !== 'reduce' ||
      call.arguments.length !== 2
    )
      return null;
    const [step, table] = call.arguments as [TSESTree.Node, TSESTree.Node];
    if (!isFunctionNode(step) || table.type === AST_NODE_TYPES.SpreadElement) return null;
    const object = step.params.at(0);
    const key = step.params.at(1);
    if (object?.type !== AST_NODE_TYPES.Identifier || key?.type !== AST_NODE_TYPES.Identifier) return null;
    let lookups = 0;
    // Each value the step returns: the member `object[key]`, or nothing (a missing member ends the walk).
    const readsMember = (node: TSESTree.Node): boolean => {
      const expression = skipTsWrappers(node);
      if (expression.type === AST_NODE_TYPES.ConditionalExpression)
        return readsMember(expression.consequent) && readsMember(expression.alternate);
      if (expression.type === AST_NODE_TYPES.LogicalExpression) {
        const guard = skipTsWrappers(expression.left);
        return (
          ((guard.type === AST_NODE_TYPES.Identifier && guard.name === object.name) || readsMember(expression.left)) &&
          readsMember(expression.right)
        );
      }
      if (
        expression.type === AST_NODE_TYPES.MemberExpression &&
        expression.computed &&
        skipTsWrappers(expression.object).type === AST_NODE_TYPES.Identifier &&
        (skipTsWrappers(expression.object) as TSESTree.Identifier).name === object.name &&
        expression.property.type === AST_NODE_TYPES.Identifier &&
        expression.property.name === key.name
      ) {
        lookups += 1;
        return true;
      }
      return (
        (expression.type === AST_NODE_TYPES.Literal && !expression.value) ||
        (expression.type === AST_NODE_TYPES.Identifier && expression.name === 'undefined')
      );
    };
    if (step.body.type !== AST_NODE_TYPES.BlockStatement) return readsMember(step.body) && lookups > 0 ? table : null;
    let ok = true as boolean;
    const visit = (node: TSESTree.Node): void => {
      if (!ok || (isFunctionNode(node) && node !== step)) return;
      if (node.type === AST_NODE_TYPES.ReturnStatement) {
        ok = node.argument !== null && readsMember(node.argument);
        return;
      }
      forEachChild(node, this.sourceCode.visitorKeys, visit);
    };
    visit(step.body);
    return ok && lookups > 0 ? table : null;
  }

  // ---- resolution ------------------------------------------------------------------------------------------------

  /** The variables identifiers name, found once each (the same names are asked about from many places). */
  private readonly variables = new Map<TSESTree.Identifier, Variable | null>();

  private variable(identifier: TSESTree.Identifier): Variable | null {
    let found = this.variables.get(identifier);
    if (found === undefined) {
      found = findVariable(this.sourceCode.getScope(identifier) as never, identifier) as Variable | null;
      this.variables.set(identifier, found);
    }
    return found;
  }

  private readonly variableOf = (identifier: TSESTree.Identifier): Variable | null => this.variable(identifier);

  /** Reads Redis transactions: commands named as members, or chosen among names (see `keyCandidates`). */
  private readonly transactionReader: TransactionReader = {
    variable: this.variableOf,
    keyCandidates: (key) => this.keyCandidates(key),
    isLookup: (name) => LOOKUP_METHOD_NAMES.has(name),
  };

  /** What a class assigns to `this.<name>`: its field's initialiser and every `this.<name> = value` of its methods. */
  private fieldValues(body: TSESTree.ClassBody, name: string): TSESTree.Node[] {
    const values: TSESTree.Node[] = [];
    for (const member of body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && staticPropertyName(member) === name) {
        if (member.value) values.push(member.value);
      }
    }
    for (const use of thisMembersByName(body, this.sourceCode.visitorKeys).get(name) ?? []) {
      const parent = use.parent;
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === use && parent.operator === '=')
        values.push(parent.right);
    }
    return values;
  }

  /** `require('x')` (also through interop helpers): the specifier. */
  private requireSpecifier(node: TSESTree.Node): string | null {
    const expression = skipTsWrappers(node);
    if (expression.type !== AST_NODE_TYPES.CallExpression) return null;
    const name = helperName(expression.callee);
    if (name === 'require') {
      if (!this.isRequire(expression)) return null;
      const argument = expression.arguments.at(0);
      // `const file = '../server'; require(file)`.
      return staticString(argument ? (constInitializer(this.sourceCode, argument) ?? argument) : undefined);
    }
    if (name && INTEROP_HELPERS.has(name) && expression.arguments[0])
      return this.requireSpecifier(expression.arguments[0]);
    return null;
  }

  /**
   * `require('./database/' + name)` and ``require(`./locales/${lang}`)``: one of the modules of a folder of the
   * project, chosen at run time. The reference names the folder with `/*` (see `FOLDER_MODULE`); the graph reads it as
   * any module of that folder.
   */
  private folderRequireRef(call: TSESTree.CallExpression): ModuleRef | null {
    if (helperName(call.callee) !== 'require' || !this.isRequire(call)) return null;
    const argument = call.arguments.at(0);
    if (!argument || call.arguments.length !== 1) return null;
    // `require('./' + name)` while `name` is fixed to one of the names it takes (see `fixedKeys`): that module.
    const fixed = this.fixedSpecifier(argument);
    if (fixed !== null) return { module: fixed, path: [] };
    // The specifier's text with its run-time part as a wildcard (as an event name's): one part, at the end.
    const pattern = eventPattern(argument);
    const prefix = pattern.endsWith(EVENT_WILDCARD) ? pattern.slice(0, -EVENT_WILDCARD.length) : null;
    // A folder named by the prefix, not the current or a parent folder as a whole (`'../' + name`).
    if (prefix === null || prefix.includes(EVENT_WILDCARD) || !/^(?:\.\.?\/)+[^./][^*]*\/$/u.test(prefix)) return null;
    return { module: `${prefix}${FOLDER_MODULE}`, path: [] };
  }

  /**
   * A specifier built from strings and keys fixed to one name (`'./' + name`, `` `./${name}` ``), when at least one
   * key is fixed: its text. `null` otherwise.
   */
  private fixedSpecifier(node: TSESTree.Node): string | null {
    if (this.fixedKeys.size === 0) return null;
    let fixedParts = 0;
    const text = (part: TSESTree.Node): string | null => {
      const expression = skipTsWrappers(part);
      if (expression.type === AST_NODE_TYPES.Identifier) {
        const variable = this.variable(expression);
        const fixed = variable ? this.fixedKeys.get(variable) : undefined;
        if (fixed === undefined) return null;
        fixedParts += 1;
        return fixed;
      }
      if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === '+') {
        const left = text(expression.left);
        const right = left === null ? null : text(expression.right);
        return left === null || right === null ? null : left + right;
      }
      if (expression.type === AST_NODE_TYPES.TemplateLiteral) {
        let result = expression.quasis[0]?.value.cooked ?? '';
        for (const [index, inner] of expression.expressions.entries()) {
          const value = text(inner);
          if (value === null) return null;
          result += value + (expression.quasis[index + 1]?.value.cooked ?? '');
        }
        return result;
      }
      return staticString(expression);
    };
    const result = text(node);
    return result !== null && fixedParts > 0 && result.startsWith('.') ? result : null;
  }

  /** Whether a call named `require` is Node's (not a local function of that name). */
  private isRequire(call: TSESTree.CallExpression): boolean {
    const callee = skipTsWrappers(call.callee);
    return callee.type !== AST_NODE_TYPES.Identifier || !this.variable(callee)?.defs.length;
  }

  /** A `require(...)` call or a member chain on one: the module value it reads. */
  private requireRef(node: TSESTree.Node): ModuleRef | null {
    const specifier = this.requireSpecifier(node);
    return specifier === null ? null : { module: specifier, path: [] };
  }

  /** What an import binding, `import x = require()` or a `const x = require()` stands for. */
  private importRef(def: Variable['defs'][number]): ModuleRef | null {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
    if (def.type === 'ImportBinding') {
      const node = def.node;
      if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        const reference = node.moduleReference;
        return reference.type === AST_NODE_TYPES.TSExternalModuleReference &&
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- any expression parses here
          reference.expression.type === AST_NODE_TYPES.Literal
          ? { module: reference.expression.value, path: [] }
          : null;
      }
      const declaration = def.parent as TSESTree.ImportDeclaration;
      if (declaration.importKind === 'type') return null;
      const module = declaration.source.value;
      if (node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { module, path: [] };
      if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { module, path: ['default'] };
      if (node.importKind === 'type') return null;
      const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
      return { module, path: [imported] };
    }
    if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return null;
    const init = skipTsWrappers(def.node.init);
    const base = this.requireRef(init) ?? (init.type === AST_NODE_TYPES.MemberExpression ? this.memberRef(init) : null);
    if (!base) return null;
    if (def.node.id.type === AST_NODE_TYPES.Identifier) return base;
    if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of def.node.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (value === def.name) {
          const key = staticPropertyName(property);
          return key === null ? null : { module: base.module, path: [...base.path, key] };
        }
      }
    }
    return null;
  }

  /** `x.a.b` where `x` is an import or `require('m')`: the reference `m` + `[..., a, b]`. */
  private memberRef(member: TSESTree.MemberExpression): ModuleRef | null {
    const name = staticPropertyName(member);
    if (name === null) return null;
    const object = unwrapSequence(member.object);
    let base: ModuleRef | null = null;
    if (object.type === AST_NODE_TYPES.Identifier) {
      const def = this.variable(object)?.defs[0];
      base = def ? this.importRef(def) : null;
    } else if (object.type === AST_NODE_TYPES.MemberExpression) base = this.memberRef(object);
    else if (object.type === AST_NODE_TYPES.CallExpression) base = this.requireRef(object);
    return base ? { module: base.module, path: [...base.path, name] } : null;
  }

  /** The value an expression stands for: an identifier's `const` initialiser, or the expression itself. */
  private resolveValue(node: TSESTree.Node): TSESTree.Node | null {
    const expression = skipTsWrappers(node);
    if (expression.type !== AST_NODE_TYPES.Identifier) return expression;
    const def = this.variable(expression)?.defs[0];
    if (
      def?.node.type === AST_NODE_TYPES.VariableDeclarator &&
      def.node.id.type === AST_NODE_TYPES.Identifier &&
      def.node.init
    ) {
      return skipTsWrappers(def.node.init);
    }
    return null;
  }

  /**
   * What an expression stands for as a function: inline functions, identifiers bound to functions, `this.method`,
   * `object.method` of a local object literal or class, `fn.bind(...)`, wrapper calls (`asyncHandler(fn)`,
   * `makeHandler()` returning a function), and imports (`products.list` where `products` is imported: a reference).
   */
  private resolveTargets(node: TSESTree.Node, depth: number, asCallee = false): Resolved[] {
    if (depth > MAX_RESOLVE_DEPTH) return [];
    const expression = unwrapSequence(node);
    if (isFunctionNode(expression)) return [expression];
    switch (expression.type) {
      case AST_NODE_TYPES.Identifier: {
        const def = this.variable(expression)?.defs[0];
        if (!def) return [];
        const ref = this.importRef(def);
        if (ref) return [ref];
        // A parameter's definition node is its function too: only a function's own name stands for it.
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
        if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return [def.node];
        if (
          def.node.type === AST_NODE_TYPES.VariableDeclarator &&
          def.node.id.type === AST_NODE_TYPES.Identifier &&
          def.node.init
        ) {
          const init = skipTsWrappers(def.node.init);
          // `const handler = name.split('.').reduce((o, k) => o[k], table)`: any function of the table.
          if (init.type === AST_NODE_TYPES.CallExpression && this.pathLookup(init)) {
            const value = this.valueOf(init, depth + 1);
            return value ? [{ value, property: null }] : [];
          }
          return isFunctionNode(init) ||
            init.type === AST_NODE_TYPES.Identifier ||
            init.type === AST_NODE_TYPES.ArrayExpression ||
            init.type === AST_NODE_TYPES.MemberExpression
            ? this.resolveTargets(init, depth + 1)
            : [];
        }
        return [];
      }
      case AST_NODE_TYPES.MemberExpression:
        return this.resolveMember(expression, depth);
      case AST_NODE_TYPES.ArrayExpression:
        // Express and Koa take arrays of middleware: `app.get('/x', [auth, handler])`.
        // An element that reads a property (`[key, params.start, params.stop]`) is a value handed on, not a method
        // named like it (see `passedProperty`).
        return asCallee
          ? []
          : expression.elements.flatMap((element) => {
              if (!element) return [];
              const targets = this.resolveTargets(element, depth + 1);
              if (!passedProperty(element)) return targets;
              return targets.flatMap((target) => valueOnly(target) ?? []);
            });
      case AST_NODE_TYPES.SpreadElement:
        return this.resolveTargets(expression.argument, depth + 1);
      case AST_NODE_TYPES.CallExpression: {
        // `require('./routes')(app)` calls the module's export.
        if (this.requireSpecifier(expression) !== null) {
          const ref = this.requireRef(expression);
          return ref ? [ref] : [];
        }
        if (asCallee) return [];
        const callee = skipTsWrappers(expression.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'bind') {
          return this.resolveTargets(callee.object, depth + 1);
        }
        const results: Resolved[] = [];
        for (const arg of expression.arguments) {
          for (const target of this.resolveTargets(arg, depth + 1)) {
            // A wrapper's argument is a handler; a module reference passed to a factory is not (`wrap(require('x'))`).
            if (!isRef(target) || target.path.length > 0) results.push(target);
          }
        }
        for (const factory of this.resolveTargets(callee, depth + 1, true)) {
          if (!isRef(factory) && !isProperty(factory)) results.push(...this.returnedFunctions(factory, depth + 1));
        }
        return results;
      }
      default:
        return [];
    }
  }

  /**
   * What `fn.call(...)` or `fn.apply(...)` calls, read as `Function.prototype.call`: the functions `fn` stands for (not
   * functions that merely share a property's name, so `rpc.call('users.get', id)` stays a method call), or the value of
   * a parent constructor called with `this` (`_super.call(this, deps)`); none when it is no such call.
   */
  private invokedTargets(member: TSESTree.MemberExpression, depth: number): Resolved[] {
    const known = this.invoked.get(member);
    if (known) return known;
    let called = this.resolveTargets(member.object, depth + 1, true).filter(
      (target) => !isProperty(target) || target.value !== undefined,
    );
    // `_super.call(this, deps)`, `Base.call(this)`: a parent constructor function, whatever value it turns out.
    if (called.length === 0 && superCall(member.parent as TSESTree.CallExpression)) {
      const value = this.valueOf(member.object, depth + 1);
      called = value ? [{ value, property: null }] : [];
    }
    this.invoked.set(member, called);
    return called;
  }

  /** `invokedTargets` of each `fn.call` and `fn.apply`: read for the call's targets, and again for its arguments. */
  private readonly invoked = new Map<TSESTree.MemberExpression, Resolved[]>();

  /** `'call'` for `fn.call(...)` and `'apply'` for `fn.apply(...)` read as such (see `invokedTargets`), else `null`. */
  private invokedThrough(call: TSESTree.CallExpression | TSESTree.NewExpression): 'call' | 'apply' | null {
    const callee = skipTsWrappers(call.callee);
    if (call.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const name = staticPropertyName(callee);
    if (name !== 'call' && name !== 'apply') return null;
    return this.invokedTargets(callee, 0).length > 0 ? name : null;
  }

  /** What `super(...)` in a class's constructor runs: the constructor of the class it extends. */
  private parentConstructorTargets(call: TSESTree.CallExpression): Resolved[] {
    let node: TSESTree.Node | undefined = call.parent;
    while (node && node.type !== AST_NODE_TYPES.ClassBody) node = node.parent;
    const cls = node?.parent;
    return (cls?.type === AST_NODE_TYPES.ClassDeclaration || cls?.type === AST_NODE_TYPES.ClassExpression) &&
      cls.superClass
      ? this.constructorTargets(cls.superClass)
      : [];
  }

  /**
   * What `new Callee(...)` runs: the constructor of a class of this file, or of another module's class; for a class
   * of this file that declares none, the constructor of the class it extends (an implicit `super(...args)`), up to
   * four levels up.
   */
  private constructorTargets(callee: TSESTree.Node, depth = 0): Resolved[] {
    const cls = this.classOf(callee);
    // `new Pad(id)` of a constructor function of this file runs that function.
    if (!cls)
      return this.resolveTargets(callee, 0, true).filter(
        (target) => !isProperty(target) && !isRef(target) && isFunctionNode(target),
      );
    if (!('type' in cls)) return [{ module: cls.module, path: [...cls.path, 'prototype', 'constructor'] }];
    const constructor = constructorOf(cls);
    if (constructor) return [constructor.value];
    // `classOf` finds the bodies of class declarations.
    const parent = cls.parent as TSESTree.ClassDeclaration;
    return parent.superClass && depth < 4 ? this.constructorTargets(parent.superClass, depth + 1) : [];
  }

  /**
   * What `object.name` stands for; a method by name carries the number of arguments it is called with, so that the
   * graph does not link it to a function of that name that reads fewer (`node.init(data, options)` is not
   * `Command.init()`), and the receiver's name, which picks among several (`chan.removeUser()` is `Chan`'s).
   */
  private resolveMember(member: TSESTree.MemberExpression, depth: number): Resolved[] {
    const resolved = this.resolveMemberTargets(member, depth);
    if (!resolved.some(isProperty)) return resolved;
    const call = member.parent;
    const args =
      call.type === AST_NODE_TYPES.CallExpression &&
      call.callee === member &&
      !call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)
        ? { args: call.arguments.length }
        : {};
    const name = nameOf(unwrapSequence(member.object));
    const receiver = name === null ? {} : { receiver: name };
    return resolved.map((target) => (isProperty(target) ? { ...target, ...args, ...receiver } : target));
  }

  private resolveMemberTargets(member: TSESTree.MemberExpression, depth: number, chosen?: string): Resolved[] {
    const name = chosen ?? staticPropertyName(member);
    if (name === null) {
      if (!member.computed) return [];
      // `db[reverse ? 'getSortedSetRevRange' : 'getSortedSetRange'](...)`, `db[method](...)` with `method` only ever
      // assigned names: one of those members.
      const names = this.keyCandidates(member.property);
      if (names) {
        // A client's method among names that are not all lookups (`client[method]` with `'get'` and `'del'`) may
        // write: only the names that are no client's methods are linked then, as for `visitAccess`.
        const linked = names.every((candidate) => LOOKUP_METHOD_NAMES.has(candidate))
          ? names
          : names.filter((candidate) => !DATA_METHOD_NAMES.has(candidate));
        return linked.flatMap((candidate) => this.resolveMemberTargets(member, depth, candidate));
      }
      // `api[functionName](...)` on a module: one of its exports, chosen at run time (see `ANY_EXPORT`).
      return this.resolveTargets(member.object, depth + 1).flatMap((target) =>
        isRef(target) && !target.path.includes(ANY_EXPORT)
          ? [{ module: target.module, path: [...target.path, ANY_EXPORT] }]
          : [],
      );
    }
    if (name === '') return [];
    // `fn.call(thisArg, ...)` and `fn.apply(thisArg, args)` call `fn`.
    if ((name === 'call' || name === 'apply') && member.parent.type === AST_NODE_TYPES.CallExpression) {
      if (member.parent.callee === member) {
        const called = this.invokedTargets(member, depth);
        if (called.length > 0) return called;
      }
    }
    const object = unwrapSequence(member.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      const body = this.enclosingClassBody(member);
      if (!body) {
        // `this.load()` in a method of a constructor function's prototype: the class's method, or its parent's.
        const cls = this.thisConstructorClass(object);
        if (cls === null) return this.propertyTarget(name);
        return [{ value: { get: [{ instance: { cls } }, name] }, property: BUILT_IN_METHODS.has(name) ? null : name }];
      }
      const own = this.classMember(body, name, depth);
      return own.length > 0 ? own : this.inheritedTarget(member, body, name);
    }
    const ref = this.memberRef(member);
    if (ref) return [ref];
    if (this.isExportsObject(object)) {
      const own = this.ownExportTargets(name, depth);
      if (own.length > 0) return own;
    }
    // `this.service.method()`: a method of the class of an injected or constructed field.
    if (
      object.type === AST_NODE_TYPES.MemberExpression &&
      unwrapSequence(object.object).type === AST_NODE_TYPES.ThisExpression
    ) {
      const field = staticPropertyName(object);
      const body = this.enclosingClassBody(object);
      const instance = field && body ? this.fieldClass(body, field) : null;
      return instance ? this.instanceMethod(instance, name, depth) : this.valueTarget(object, name, depth);
    }
    if (object.type !== AST_NODE_TYPES.Identifier) return this.valueTarget(object, name, depth);
    const def = this.variable(object)?.defs[0];
    // A global (`Number.isNaN`, `Date.now`) is no function of the project's, and any other name without a
    // declaration (`io`, `exports`) is a method by name: the same answer whether or not the configuration declares
    // the name, so that a file's summary does not depend on the ESLint config it was read with.
    if (!def) return STANDARD_GLOBALS.has(object.name) ? [] : this.propertyTarget(name);
    if (def.node.type === AST_NODE_TYPES.ClassDeclaration) return this.classMember(def.node.body, name, depth);
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
    if (def.type === 'Parameter') {
      const instance = this.typedClass(def.name as TSESTree.Identifier);
      return instance ? this.instanceMethod(instance, name, depth) : this.valueTarget(object, name, depth);
    }
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
    if (def.type === 'ImportBinding') return [];
    if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init)
      return this.valueTarget(object, name, depth);
    const init = skipTsWrappers(def.node.init);
    if (init.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of init.properties) {
        if (property.type === AST_NODE_TYPES.Property && staticPropertyName(property) === name) {
          return this.resolveTargets(property.value, depth + 1);
        }
      }
      return [];
    }
    if (init.type === AST_NODE_TYPES.NewExpression) {
      const instance = this.classOf(init.callee);
      if (instance) return this.instanceMethod(instance, name, depth);
    }
    return this.valueTarget(object, name, depth);
  }

  /**
   * A method of a receiver the file does not show: the graph evaluates the receiver's value (a parameter fed by its
   * call sites, a field assigned a constructor argument, a returned instance) and, when that finds nothing, falls back
   * to the method's name (never a built-in method's).
   */
  private valueTarget(object: TSESTree.Node, name: string, depth: number): Resolved[] {
    const value = this.valueOf(object, depth + 1);
    const property = BUILT_IN_METHODS.has(name) ? null : name;
    if (value) return [{ value: { get: [value, name] }, property }];
    return property === null ? [] : [{ property }];
  }

  /**
   * `this.name` of a class that does not define it: the graph looks it up on the class's ancestors (in any module)
   * or, for a method the class leaves to its subclasses, on those.
   */
  private inheritedTarget(member: TSESTree.MemberExpression, body: TSESTree.ClassBody, name: string): Resolved[] {
    const cls: Value = { cls: this.classIndexOf(body.parent) };
    const method = this.enclosingMethod(member);
    const receiver = method?.static === true ? cls : { instance: cls };
    return [{ value: { get: [receiver, name] }, property: BUILT_IN_METHODS.has(name) ? null : name }];
  }

  private enclosingMethod(node: TSESTree.Node): TSESTree.MethodDefinition | TSESTree.PropertyDefinition | null {
    let current: TSESTree.Node | undefined = node.parent;
    while (current && current.type !== AST_NODE_TYPES.ClassBody) {
      if (current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.PropertyDefinition)
        return current;
      current = current.parent;
    }
    return null;
  }

  /**
   * `exports.name` of this module: what module-level code assigns to it (`exports.formatCost = formatCost`, also in
   * a chain `exports.a = exports.b = void 0`, or as a member of `module.exports = { ... }`). Compiled TypeScript calls
   * the module's own exported functions this way (`(0, exports.formatCost)(cost)`). Read from the whole program, so
   * that a call above the assignment resolves too.
   */
  private ownExportTargets(name: string, depth: number): Resolved[] {
    if (!this.ownExports) {
      const found = new Map<string, TSESTree.Node[]>();
      const add = (key: string, value: TSESTree.Node): void => {
        const list = found.get(key);
        if (list) list.push(value);
        else found.set(key, [value]);
      };
      const visit = (node: TSESTree.Node): void => {
        const expression = skipTsWrappers(node);
        if (expression.type === AST_NODE_TYPES.SequenceExpression) {
          for (const item of expression.expressions) visit(item);
          return;
        }
        if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return;
        const left = skipTsWrappers(expression.left);
        const right = skipTsWrappers(expression.right);
        if (isModuleExports(left) && right.type === AST_NODE_TYPES.ObjectExpression) {
          for (const property of right.properties) {
            const key = property.type === AST_NODE_TYPES.Property ? staticPropertyName(property) : null;
            if (key !== null && property.type === AST_NODE_TYPES.Property) add(key, property.value);
          }
        } else if (left.type === AST_NODE_TYPES.MemberExpression && !isModuleExports(left)) {
          const key = staticPropertyName(left);
          if (key !== null && this.isExportsObject(left.object)) add(key, right);
        }
        visit(right);
      };
      for (const statement of this.sourceCode.ast.body)
        if (statement.type === AST_NODE_TYPES.ExpressionStatement) visit(statement.expression);
      this.ownExports = found;
    }
    return (this.ownExports.get(name) ?? []).flatMap((value) => this.resolveTargets(value, depth + 1));
  }

  /** A method call whose receiver the model cannot follow, by its name; never a built-in method's name. */
  private propertyTarget(name: string): Resolved[] {
    return BUILT_IN_METHODS.has(name) ? [] : [{ property: name }];
  }

  private enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | null {
    let current: TSESTree.Node | undefined = node.parent;
    while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
    return current ?? null;
  }

  private classMember(body: TSESTree.ClassBody, name: string, depth: number): Resolved[] {
    for (const member of body.body) {
      if (
        (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) &&
        staticPropertyName(member) === name &&
        member.value
      ) {
        return this.resolveTargets(member.value, depth + 1);
      }
    }
    return [];
  }

  /** A class of this file (its body) or of another module (a reference to it). */
  private classOf(node: TSESTree.Node): TSESTree.ClassBody | ModuleRef | null {
    const expression = unwrapSequence(node);
    if (expression.type === AST_NODE_TYPES.MemberExpression) return this.memberRef(expression);
    if (expression.type !== AST_NODE_TYPES.Identifier) return null;
    const def = this.variable(expression)?.defs[0];
    if (!def) return null;
    if (def.node.type === AST_NODE_TYPES.ClassDeclaration) return def.node.body;
    return this.importRef(def);
  }

  private instanceMethod(instance: TSESTree.ClassBody | ModuleRef, name: string, depth: number): Resolved[] {
    if ('type' in instance) {
      const own = this.classMember(instance, name, depth);
      // An inherited method: the class's ancestors may be in other modules.
      return own.length > 0 ? own : this.propertyTarget(name);
    }
    return [{ module: instance.module, path: [...instance.path, 'prototype', name] }];
  }

  /**
   * The classes a provider's constructor is given, by its parameters' declared types: `constructor(private readonly
   * users: UsersService)` in TypeScript, the `design:paramtypes` metadata of compiled code.
   */
  private injectedClasses(node: ClassNode, ctor: FunctionNode): Value[] {
    const values: Value[] = [];
    for (const param of ctor.params) {
      const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
      const identifier = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
      if (identifier.type !== AST_NODE_TYPES.Identifier || !identifier.typeAnnotation) continue;
      // `@Inject(token)` gives what the token provides, whatever the declared type.
      const annotation = identifier.typeAnnotation.typeAnnotation;
      const typeName = annotation.type === AST_NODE_TYPES.TSTypeReference ? nameOf(annotation.typeName) : null;
      // Parsers other than typescript-eslint's (espree) leave `decorators` out of the node.
      const decorators = Array.isArray(param.decorators) ? param.decorators : [];
      if (injectsOtherThan(decorators, typeName)) continue;
      const typed = this.typedClass(identifier);
      if (typed) values.push(this.classValue(typed));
    }
    const compiled = this.classDecorators(node).own;
    for (const [index, type] of (this.paramTypes(node) ?? []).entries()) {
      const given = compiled.filter((decorator) => injectionToken(decorator)?.index === index);
      if (injectsOtherThan(given, nameOf(skipTsWrappers(type)))) continue;
      const value = this.valueOf(type, 1);
      if (value) values.push(value);
    }
    return values;
  }

  /** A class that `typedClass` found, as a value: of this file, or of another module. */
  private classValue(typed: TSESTree.ClassBody | ModuleRef): Value {
    return 'type' in typed ? { cls: this.classIndexOf(typed.parent) } : { ref: this.refOf(typed) };
  }

  /** The class of a parameter typed with one (`svc: UsersService`), in TypeScript sources. */
  private typedClass(param: TSESTree.Identifier): TSESTree.ClassBody | ModuleRef | null {
    const annotation = param.typeAnnotation?.typeAnnotation;
    if (annotation?.type !== AST_NODE_TYPES.TSTypeReference || annotation.typeName.type !== AST_NODE_TYPES.Identifier)
      return null;
    const variable = this.variable(annotation.typeName);
    const def = variable?.defs[0];
    if (!def) return null;
    if (def.node.type === AST_NODE_TYPES.ClassDeclaration) return def.node.body;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
    if (def.type === 'ImportBinding') {
      // A type-only import of a class still names the class (decorator metadata keeps it at run time).
      const node = def.node;
      if (node.type === AST_NODE_TYPES.ImportSpecifier) {
        const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
        return { module: (def.parent as TSESTree.ImportDeclaration).source.value, path: [imported] };
      }
      if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
        return { module: (def.parent as TSESTree.ImportDeclaration).source.value, path: ['default'] };
      }
    }
    return null;
  }

  /**
   * The class whose instance `this.<field>` of a class holds: a constructor parameter property typed with a class
   * (`constructor(private readonly users: UsersService)`, NestJS and typedi injection), a typed field
   * (`@Inject() users: UsersService`), `this.users = new UsersService()`, or in compiled TypeScript a constructor
   * parameter stored in the field, whose class the `design:paramtypes` metadata names.
   */
  private fieldClass(body: TSESTree.ClassBody, field: string): TSESTree.ClassBody | ModuleRef | null {
    const constructor = constructorOf(body);
    const params = constructor?.value.params ?? [];
    for (const param of params) {
      if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
      const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a binding pattern parses here
      if (inner.type === AST_NODE_TYPES.Identifier && inner.name === field) return this.typedClass(inner);
    }
    for (const member of body.body) {
      if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.static || staticPropertyName(member) !== field)
        continue;
      if (member.value?.type === AST_NODE_TYPES.NewExpression) return this.classOf(member.value.callee);
      const annotation = member.typeAnnotation?.typeAnnotation;
      if (
        annotation?.type === AST_NODE_TYPES.TSTypeReference &&
        annotation.typeName.type === AST_NODE_TYPES.Identifier
      ) {
        return this.typedClass({
          ...annotation.typeName,
          typeAnnotation: member.typeAnnotation,
        });
      }
    }
    if (!constructor) return null;
    for (const statement of constructor.value.body.body) {
      if (
        statement.type !== AST_NODE_TYPES.ExpressionStatement ||
        statement.expression.type !== AST_NODE_TYPES.AssignmentExpression
      )
        continue;
      const { left, right } = statement.expression;
      if (
        left.type !== AST_NODE_TYPES.MemberExpression ||
        left.object.type !== AST_NODE_TYPES.ThisExpression ||
        staticPropertyName(left) !== field
      )
        continue;
      const value = skipTsWrappers(right);
      if (value.type === AST_NODE_TYPES.NewExpression) return this.classOf(value.callee);
      if (value.type === AST_NODE_TYPES.Identifier) {
        const index = params.findIndex(
          (param) => param.type === AST_NODE_TYPES.Identifier && param.name === value.name,
        );
        if (index === -1) return null;
        const param = params[index];
        if (param.type === AST_NODE_TYPES.Identifier && param.typeAnnotation) return this.typedClass(param);
        const metadata = this.paramTypes(body.parent);
        const type = metadata?.[index];
        return type ? this.classOf(type) : null;
      }
    }
    return null;
  }

  /** Whether an identifier is the name of a class: its own name, or the variable it is declared in. */
  private namesClass(identifier: TSESTree.Identifier, node: ClassNode): boolean {
    const def = this.variable(identifier)?.defs[0];
    if (!def) return false;
    return def.node === node || (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init === node);
  }

  /** Compiled TypeScript's `__metadata("design:paramtypes", [A, B])` for a class: its constructor's parameter types. */
  private paramTypes(node: ClassNode): readonly TSESTree.Node[] | null {
    for (const decorator of this.classDecorators(node).own) {
      if (decorator.type !== AST_NODE_TYPES.CallExpression || helperName(decorator.callee) !== '__metadata') continue;
      if (staticString(decorator.arguments[0]) !== 'design:paramtypes') continue;
      const list = decorator.arguments.at(1);
      if (list?.type === AST_NODE_TYPES.ArrayExpression) {
        return list.elements.map((element) => (element ?? { type: AST_NODE_TYPES.Literal }) as TSESTree.Node);
      }
    }
    return null;
  }

  /** Functions returned directly by a factory function. */
  private returnedFunctions(factory: FunctionNode, depth: number): Resolved[] {
    if (factory.body.type !== AST_NODE_TYPES.BlockStatement) return this.resolveTargets(factory.body, depth);
    const results: Resolved[] = [];
    const visit = (statement: TSESTree.Node): void => {
      if (isFunctionNode(statement)) return;
      if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) {
        results.push(...this.resolveTargets(statement.argument, depth));
        return;
      }
      forEachChild(statement, this.sourceCode.visitorKeys, visit);
    };
    visit(factory.body);
    return results;
  }

  // ---- names --------------------------------------------------------------------------------------------------

  /** The property a function is stored under (`{ property: 'list' }`), if any. */
  private propertyOf(fn: FunctionNode): { property?: string } {
    const parent = fn.parent;
    let name: string | null = null;
    if (parent.type === AST_NODE_TYPES.MethodDefinition)
      name = parent.kind === 'constructor' ? null : staticPropertyName(parent);
    else if (
      parent.type === AST_NODE_TYPES.PropertyDefinition ||
      (parent.type === AST_NODE_TYPES.Property && parent.value === fn)
    ) {
      name = staticPropertyName(parent);
    } else if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn) {
      const left = skipTsWrappers(parent.left);
      if (left.type === AST_NODE_TYPES.MemberExpression) name = staticPropertyName(left);
    }
    return name && !BUILT_IN_METHODS.has(name) ? { property: name } : {};
  }

  private withReturns(summary: FunctionSummary, returns: readonly Value[] = []): FunctionSummary {
    return returns.length > 0 ? { ...summary, returns } : summary;
  }

  /** How many arguments a function reads by position, or nothing when it may read more (`...rest`, `arguments`). */
  private positionalParameters(fn: FunctionNode): number | undefined {
    if (fn.params.some((param) => param.type === AST_NODE_TYPES.RestElement)) return undefined;
    if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
      const args = this.sourceCode.scopeManager?.acquire(fn)?.set.get('arguments');
      if (!args || args.references.length > 0) return undefined;
    }
    return fn.params.length;
  }

  /** How messages name a function: by its declaration, variable, property (with its object) or class method. */
  private functionName(fn: FunctionNode): string {
    if (fn.id) return fn.id.name;
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
      return parent.id.name;
    if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) {
      const owner = parent.parent.parent;
      const className = 'id' in owner && owner.id ? owner.id.name : 'class';
      return `${className}.${staticPropertyName(parent) ?? '?'}`;
    }
    if (parent.type === AST_NODE_TYPES.Property) {
      const key = staticPropertyName(parent) ?? '?';
      const object = parent.parent;
      const holder = object.parent;
      if (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier)
        return `${holder.id.name}.${key}`;
      // `Pad.prototype = { copy() {} }`, `Object.assign(Pad.prototype, { copy() {} })`: a method of `Pad`.
      const owner = prototypeOwner(fn);
      return owner === null ? key : `${owner}.${key}`;
    }
    if (parent.type === AST_NODE_TYPES.AssignmentExpression) {
      const left = skipTsWrappers(parent.left);
      if (left.type === AST_NODE_TYPES.MemberExpression) {
        const name = staticPropertyName(left);
        // `Pad.prototype.copy = function`: a method of `Pad`, named as a class's.
        const owner = prototypeOwner(fn);
        if (name) return owner === null ? name : `${owner}.${name}`;
      }
      if (left.type === AST_NODE_TYPES.Identifier) return left.name;
    }
    return 'anonymous function';
  }
}

/** Nexus's builders of root fields (`mutationField('signup', { type, resolve })`), with the type they add to. */
const ROOT_FIELD_BUILDERS: Readonly<Record<string, string>> = {
  queryField: 'Query',
  mutationField: 'Mutation',
  subscriptionField: 'Subscription',
};

/** How far up a field config the object type that holds it is looked for (`{ name, fields: { posts: ... } }`). */
const MAX_TYPE_DEPTH = 8;

/** Builders of root types (Nexus's `queryType({ definition })`, Pothos's `builder.queryType({ fields })`). */
const ROOT_TYPE_BUILDERS: Readonly<Record<string, string>> = {
  queryType: 'Query',
  mutationType: 'Mutation',
  subscriptionType: 'Subscription',
};

/**
 * The name of the object type a field config is written in: the nearest object whose `fields` (an object or a
 * function returning one) or `definition` (Nexus) holds the config, named by its literal `name`, by the builder it
 * is given to (`queryType({ ... })`), or by the builder's first argument (Pothos's `builder.objectType('User',
 * { fields })`). `null` when there is none, or when that object's name is not written there.
 */
function enclosingTypeName(call: TSESTree.Node): string | null {
  let current: TSESTree.Node | undefined = call.parent;
  for (let depth = 0; current && depth < MAX_TYPE_DEPTH; depth += 1, current = current.parent) {
    if (current.type !== AST_NODE_TYPES.ObjectExpression) continue;
    let name: string | null = null;
    let holds = false;
    for (const property of current.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticPropertyName(property);
      if (key === 'name') name = staticString(property.value);
      // (A field named `fields` is held by the object it is written in, not the type it belongs to.)
      else if (
        (key === 'fields' || key === 'definition') &&
        isInside(call, property.value) &&
        skipTsWrappers(property.value) !== call
      )
        holds = true;
    }
    if (!holds) continue;
    if (name !== null) return name;
    const builder = current.parent;
    if (builder.type !== AST_NODE_TYPES.CallExpression || !builder.arguments.includes(current)) return null;
    const method = nameOf(skipTsWrappers(builder.callee));
    const root = method ? own(ROOT_TYPE_BUILDERS, method) : undefined;
    if (root !== undefined) return root;
    const first = builder.arguments[0];
    return method === 'objectType' && first !== current && first.type !== AST_NODE_TYPES.SpreadElement
      ? staticString(first)
      : null;
  }
  return null;
}

/** The name a value is stored under: `key: value`, `const key = value`, `this.key = value` (also `value as T`). */
function storedName(node: TSESTree.Node): string | null {
  const value = valueNode(node);
  const parent = value.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === value) return staticPropertyName(parent);
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
    return parent.id.name;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value) {
    const left = skipTsWrappers(parent.left);
    if (left.type === AST_NODE_TYPES.Identifier) return left.name;
    if (left.type === AST_NODE_TYPES.MemberExpression) return staticPropertyName(left);
  }
  return null;
}

const GRAPHQL_TYPE_ENTRIES = [
  {
    id: 'graphql.GraphQLObjectType',
    modules: ['graphql'],
    path: ['GraphQLObjectType'],
    usage: 'construct' as const,
    category: 'n-plus-one' as const,
    tags: ['graphql-type'],
  },
];

/**
 * A variable's references, also when the scope analysis left them unresolved: typescript-eslint's joins a script's
 * top-level variable named like a type of TypeScript's library (`const Iterable = ...`, `const Record = {}`) to that
 * type and leaves the references to it among the global scope's unresolved ones, found there by name.
 */
function referencesOf(variable: Variable): readonly Variable['references'][number][] {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
  if (variable.references.length > 0 || variable.scope.type !== 'global') return variable.references;
  return variable.scope.through.filter((reference) => reference.identifier.name === variable.name);
}

/** Analyses one parsed file. See `FileSummary`. */
export function analyzeFile(sourceCode: TSESLint.SourceCode, settings: BackendPerfSettings): FileAnalysis {
  return new FileAnalyzer(sourceCode, settings).analyze();
}

/**
 * The scope a provider decorator gives its class: `DEFAULT` (one instance, built at start-up) unless its options
 * name another (`Injectable({ scope: Scope.REQUEST })`: `REQUEST`); `OTHER` for a scope the code computes.
 */
function providerScope(decorator: TSESTree.Node): string {
  const expression = skipTsWrappers(decorator.type === AST_NODE_TYPES.Decorator ? decorator.expression : decorator);
  const options = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments.at(0) : undefined;
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return 'DEFAULT';
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property || staticPropertyName(property) !== 'scope') continue;
    const value = skipTsWrappers(property.value);
    return (value.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(value) : null) ?? 'OTHER';
  }
  return options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement) ? 'OTHER' : 'DEFAULT';
}

/**
 * Whether a decorator injects the request into a NestJS provider: `@Inject(REQUEST)` or `@Inject(CONTEXT)` on a
 * constructor parameter, also as compiled code's `__param(0, Inject(REQUEST))` among the class's decorators.
 */
function isRequestInjection(decorator: TSESTree.Node): boolean {
  const token = injectionToken(decorator)?.token;
  return token !== undefined && ['REQUEST', 'CONTEXT'].includes(nameOf(token) ?? '');
}

/**
 * The token of an `@Inject(token)` decorator on a constructor parameter (also compiled: `__param(1,
 * (0, common_1.Inject)(token))`), with the parameter's position when the compiled form gives it; `null` for another
 * decorator. `forwardRef(() => Users)` stands for `Users`.
 */
function injectionToken(decorator: TSESTree.Node): { readonly token?: TSESTree.Node; readonly index?: number } | null {
  let expression = skipTsWrappers(decorator.type === AST_NODE_TYPES.Decorator ? decorator.expression : decorator);
  let index: number | undefined;
  if (
    expression.type === AST_NODE_TYPES.CallExpression &&
    nameOf(unwrapSequence(expression.callee)) === '__param' &&
    expression.arguments[1]
  ) {
    const position = expression.arguments[0];
    if (position.type === AST_NODE_TYPES.Literal && typeof position.value === 'number') index = position.value;
    expression = skipTsWrappers(expression.arguments[1]);
  }
  if (expression.type !== AST_NODE_TYPES.CallExpression || nameOf(unwrapSequence(expression.callee)) !== 'Inject')
    return null;
  let token = expression.arguments.at(0) as TSESTree.Node | undefined;
  token = token ? skipTsWrappers(token) : undefined;
  if (
    token?.type === AST_NODE_TYPES.CallExpression &&
    nameOf(unwrapSequence(token.callee)) === 'forwardRef' &&
    isFunctionNode(token.arguments[0]) &&
    token.arguments[0].body.type !== AST_NODE_TYPES.BlockStatement
  )
    token = skipTsWrappers(token.arguments[0].body);
  return { ...(token ? { token } : {}), ...(index !== undefined ? { index } : {}) };
}

/** Whether an `@Inject(token)` gives a parameter something else than the class its type names. */
function injectsOtherThan(decorators: readonly TSESTree.Node[], type: string | null): boolean {
  return decorators.some((decorator) => {
    const injection = injectionToken(decorator);
    // `@Inject()` without a token injects by the declared type.
    if (!injection?.token) return false;
    return type === null || nameOf(injection.token) !== type;
  });
}
