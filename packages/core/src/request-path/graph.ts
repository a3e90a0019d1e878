import { builtinModules } from 'node:module';
import { own } from '../ast.js';
import type { DataAccessOperation, ValueShape } from '../catalogue/data-access.js';
import { BASE_CLASSES, type BaseClassEntry } from './frameworks/index.js';
import { ANY_EXPORT, isFolderModule } from './summary.js';
import type { ClassSummary, FileSummary, HandlerSummary, ModuleRef, RootSummary, Target, Value } from './summary.js';
import { isSaturated, keyOf, ValueResolver, type Abstract, type CallSite } from './values.js';
import { matchesEvent } from './events.js';
import { BUILT_IN_METHODS } from './analyze.js';

/** When a function runs: per request (or per message, event, timer tick), once at start-up, or unknown. */
export type ExecutionContext = 'request' | 'startup' | 'unknown';

/** The handler whose request path includes a function, as the graph knows it (no AST: the file may not be open). */
export interface GraphHandler extends HandlerSummary {
  /** The file and function index of the handler function itself. */
  readonly file: number;
  readonly fn: number;
  /** Where the handler is registered (file index and line), which may be another file than the function's. */
  readonly registeredIn: number;
  readonly line: number;
  /** Recognised by its parameters alone: its registration is not visible to the model. */
  readonly bySignature?: boolean;
}

export interface GraphContext {
  readonly context: ExecutionContext;
  /** Why, in words: "Express route handler `GET /users`", "called from `cart.add` (controllers/cart.js), ...". */
  readonly reason: string;
  readonly handler?: GraphHandler;
}

/** One file of the graph: its path relative to the project root (for messages) and its summary. */
export interface GraphFile {
  readonly path: string;
  readonly summary: FileSummary | null;
  /** Start-up code throughout: a configured start-up file (migrations, scripts, tests, ...) or a script. */
  readonly startup: boolean;
}

export interface GraphOptions {
  /** The file index that a module specifier names from a file, or -1 (a package or a file outside the graph). */
  readonly resolve: (file: number, specifier: string) => number;
  /** Count exported functions with a handler's parameters as handlers when nothing else classifies them. */
  readonly handlerSignatures: boolean;
}

const UNKNOWN: GraphContext = { context: 'unknown', reason: 'not reached from a handler or from start-up code' };
const TOP_LEVEL_REASON = 'module top level';
/** A method name defined by more functions than this is too common for a call on an unknown receiver to name one. */
const MAX_PROPERTY_TARGETS = 3;

/** A function stored under a property: its global id, the arguments it reads by position, its owner's name. */
type PropertyTarget = readonly [node: number, params: number | undefined, owner: string];

/** `Chan` of `Chan.removeUser`, `cart` of `cart.add`; empty for a function without an owner in its name. */
const ownerName = (name: string): string => name.slice(0, Math.max(0, name.lastIndexOf('.')));

/**
 * A receiver named like an owner: one name contains the other, ignoring case (`chan`, `Chan`; `manager`,
 * `ClientManager`).
 */
function namedAlike(owner: string, receiver: string): boolean {
  const a = owner.toLowerCase();
  const b = receiver.replace(/^_+/u, '').toLowerCase();
  return a.length >= 3 && b.length >= 3 && (a.includes(b) || b.includes(a));
}

/** A value whose members are all known where it is defined: a class, its instances, a data library's shape. */
const isClosed = (value: Abstract): boolean =>
  value.kind === 'cls' || value.kind === 'instance' || value.kind === 'shape';

/** What a request sends reaching a parameter (see `ProjectGraph.requestDataOf`): the handler it comes from. */
export interface RequestData {
  /** The handler's description, with its file when it is not the function's own. */
  readonly via: string;
  readonly kind: HandlerSummary['kind'];
}

/** Which parameter of a handler holds what the request sends: a route's request, a resolver's arguments. */
const REQUEST_PARAMETER: Readonly<Partial<Record<HandlerSummary['kind'], number>>> = { route: 0, resolver: 1 };

const CONTEXT_UNKNOWN = 0;
const CONTEXT_REQUEST = 1;
const CONTEXT_STARTUP = 2;

interface Root {
  readonly node: number;
  readonly context: 'request' | 'startup';
  readonly reason: string;
  readonly handler?: HandlerSummary;
  readonly registeredIn: number;
  readonly line: number;
  readonly bySignature?: boolean;
  /**
   * For a listener on an event bus (see `isEventBus`) of an event that no `emit` of the project can send, the
   * function that registers it (or the module's top level): the listener is a handler only when that code runs per
   * request.
   */
  readonly within?: number;
  /** For a provider's constructor: what the summary says of the provider (see `RootSummary.provider`). */
  readonly provider?: RootSummary['provider'];
}

/**
 * The request-path model of a whole project: every file's summary joined through resolved imports and exports into
 * one graph of functions, and the context of each function propagated to a fixed point. A function is on the
 * request path when a handler (registered in any file) reaches it through calls, callbacks or nesting; it is
 * start-up code when it is registered as such, lives in a start-up file, or every caller is start-up code; otherwise
 * its context is unknown. Reasons keep the chain, so a message can name the handler that makes a site costly.
 */
export class ProjectGraph {
  /** Global id of each file's first function; the file's top level is `topLevel + file`. */
  private readonly offsets: number[] = [];
  private readonly topLevel: number;
  private readonly size: number;
  private readonly fileOf: Int32Array;
  private readonly context: Int8Array;
  /** For request-path functions: the caller the context came from (-1 for roots), and the root. */
  private readonly parent: Int32Array;
  private readonly rootOf: Int32Array;
  private readonly roots: Root[] = [];
  private readonly startupReason = new Map<number, string>();
  /** Adjacency lists, created for the nodes that have edges (most functions call nothing of the project's). */
  private readonly invokeEdges: Array<number[] | undefined>;
  private readonly requestEdges: Array<number[] | undefined>;
  private readonly invokeCallers: Array<number[] | undefined>;
  /**
   * Edges (`from * size + to`) found only by a method's name (`byProperty`): a guess, which a handler that is itself
   * a guess (recognised by its parameters) does not follow.
   */
  private readonly byNameEdges = new Set<number>();
  /** Calls under a lazy initialisation (edge kind 3): `[caller, callee]`. */
  private readonly onceEdges: Array<readonly [number, number]> = [];
  /**
   * Calls under a lazy initialisation of an instance's field, with the constructor of its class: once-edges while that
   * constructor is start-up code (its instances outlive requests), invocations otherwise (see `settleInstanceOnce`).
   */
  private readonly instanceOnceEdges: Array<readonly [source: number, target: number, ctor: number]> = [];
  /** Data operations called under such a lazy initialisation, with the constructor of the instance's class. */
  private readonly instanceDataOps: Array<readonly [source: number, ref: ModuleRef, ctor: number]> = [];
  private readonly reasons = new Map<number, GraphContext>();
  private startupRoots = new Set<number>();
  /** For functions that read data: -1 when they do it themselves, else the callee through which they do. */
  private readonly dataVia: Int32Array;
  /** What a function that reads data itself calls (`prisma.user.findUnique`). */
  private readonly dataText = new Map<number, string>();
  /**
   * The parameter that chooses the table of every data access a function holds itself (`FunctionSummary.dataTable`
   * and the fourth entry of `FileSummary.accesses`), or -1 when some access's table is chosen otherwise.
   */
  private readonly dataTables = new Map<number, number>();
  /** Functions that search a long-lived list by a parameter (`FunctionSummary.scans`), by graph node. */
  private readonly scanned = new Map<number, readonly [number, string]>();
  private readonly values: ValueResolver;
  /** For each file loaded only under a development guard, the file that loads it; -1 for the others. */
  private readonly loadedForDevelopment: Int32Array;

  constructor(
    private readonly files: readonly GraphFile[],
    private readonly options: GraphOptions,
  ) {
    let total = 0;
    for (const file of files) {
      this.offsets.push(total);
      total += file.summary?.functions.length ?? 0;
    }
    this.topLevel = total;
    this.size = total + files.length;
    this.fileOf = new Int32Array(this.size);
    files.forEach((file, index) => {
      const start = this.offsets[index] ?? 0;
      this.fileOf.fill(index, start, start + (file.summary?.functions.length ?? 0));
      this.fileOf[this.topLevel + index] = index;
    });
    this.context = new Int8Array(this.size);
    this.parent = new Int32Array(this.size).fill(-1);
    this.rootOf = new Int32Array(this.size).fill(-1);
    this.invokeEdges = new Array<number[] | undefined>(this.size);
    this.requestEdges = new Array<number[] | undefined>(this.size);
    this.invokeCallers = new Array<number[] | undefined>(this.size);
    this.dataVia = new Int32Array(this.size).fill(-2);
    this.loadedForDevelopment = this.developmentFiles();
    this.values = new ValueResolver({
      summaries: files.map((file) => file.summary),
      resolve: options.resolve,
      callSites: (file, fn) => this.callSitesOf(file, fn),
      paths: files.map((file) => file.path),
    });
    // Before any other evaluation: collected from inside one, the calls that go through the values in progress there
    // would resolve to nothing (a cycle cut) and their call sites would be lost.
    this.collectCallSites();
    this.join();
    this.bubbleRequestScope();
    const roots = this.roots.length;
    this.propagate();
    // Each round turns the lazy initialisations of instances that do not outlive requests into invocations, which may
    // bring more constructors onto request paths. Edges only ever leave the once-edges, so the rounds end.
    while (this.settleInstanceOnce()) {
      this.context.fill(CONTEXT_UNKNOWN);
      this.parent.fill(-1);
      this.rootOf.fill(-1);
      this.startupReason.clear();
      this.roots.length = roots;
      this.propagate();
    }
    for (const [source, ref, ctor] of this.instanceDataOps) {
      if (this.context[ctor] !== CONTEXT_STARTUP) this.markDataOperation(source, ref);
    }
    this.propagateDataAccess();
  }

  /** The project-relative path of a file of the graph. */
  pathOf(file: number): string {
    return this.files[file]?.path ?? '';
  }

  /** The context of function `fn` (an index into the file's summary) of file `file`. */
  contextOf(file: number, fn: number): GraphContext {
    const node = (this.offsets[file] ?? 0) + fn;
    const cached = this.reasons.get(node);
    if (cached) return cached;
    const result = this.describe(node);
    this.reasons.set(node, result);
    return result;
  }

  /**
   * The files that other files require only under a development guard (`if (options.dev) require('./dev-server')`)
   * and none loads otherwise: development tooling, never a production request path. Only relative specifiers and
   * those some file requires under a guard are resolved (the others cannot name such a file but through an alias).
   */
  private developmentFiles(): Int32Array {
    const loader = new Int32Array(this.files.length).fill(-1);
    const guarded = new Set<string>();
    for (const file of this.files) for (const specifier of file.summary?.devImports ?? []) guarded.add(specifier);
    if (guarded.size === 0) return loader;
    const plain = new Uint8Array(this.files.length);
    this.files.forEach((file, index) => {
      const dev = new Set(file.summary?.devImports);
      for (const specifier of file.summary?.imports ?? []) {
        if (!specifier.startsWith('.') && !guarded.has(specifier)) continue;
        const target = this.options.resolve(index, specifier);
        if (target < 0 || target === index) continue;
        if (!dev.has(specifier)) plain[target] = 1;
        else if (loader[target] === -1) loader[target] = index;
      }
    });
    for (let index = 0; index < loader.length; index += 1) if (plain[index] === 1) loader[index] = -1;
    return loader;
  }

  // ---- joining ------------------------------------------------------------------------------------------------

  private node(file: number, fn: number): number {
    return (this.offsets[file] ?? 0) + fn;
  }

  /**
   * Whether parameter `index` of function `fn` receives what a request sends, at some call site: a property of a
   * route handler's request parameter (`req.body.tags.addedTags`) or of a resolver's arguments, passed directly or
   * through the parameters of other functions. Returns that handler's description (with its file when it is another)
   * and kind, or `null`. Handlers of the `exclude` kinds are passed over (a caller that cares only about others).
   */
  requestDataOf(
    file: number,
    fn: number,
    index: number,
    exclude: readonly HandlerSummary['kind'][] = [],
  ): RequestData | null {
    return this.requestData(file, this.node(file, fn), index, 0, 0, new Map(), exclude);
  }

  private requestData(
    origin: number,
    node: number,
    index: number,
    gets: number,
    depth: number,
    seen: Map<string, number>,
    exclude: readonly HandlerSummary['kind'][],
  ): RequestData | null {
    // A parameter already searched from as near or nearer (with a property read or not) has nothing new; one first
    // reached further away, where the depth limit cut its callers short, is searched again.
    const key = `${String(node)}:${String(index)}:${gets > 0 ? 'get' : 'whole'}`;
    const nearest = seen.get(key);
    if (depth > 4 || (nearest !== undefined && nearest <= depth)) return null;
    seen.set(key, depth);
    for (const site of this.callSites?.get(node) ?? []) {
      let value = site.args[index] ?? null;
      let steps = gets;
      while (value && 'get' in value && Array.isArray(value.get)) {
        value = value.get[0];
        steps += 1;
      }
      if (!value || !('param' in value) || !Array.isArray(value.param)) continue;
      const [fn, param] = value.param;
      const caller = this.node(site.file, fn);
      const handler = this.roots.find((root) => root.node === caller && root.context === 'request')?.handler;
      if (handler && steps > 0 && param === REQUEST_PARAMETER[handler.kind] && !exclude.includes(handler.kind)) {
        const via = site.file === origin ? handler.description : `${handler.description} (${this.pathOf(site.file)})`;
        return { via, kind: handler.kind };
      }
      const found = this.requestData(origin, caller, param, steps, depth + 1, seen, exclude);
      if (found) return found;
    }
    return null;
  }

  /**
   * The project's `emit` calls by event: the emitting function's node and the keys of the emitter (see
   * `emitterKeys`).
   */
  private emitsByEvent(): Map<string, { node: number; keys: readonly string[] }[]> {
    const byEvent = new Map<string, { node: number; keys: readonly string[] }[]>();
    this.files.forEach((file, index) => {
      for (const [from, event, emitter] of file.summary?.emits ?? []) {
        const keys = this.emitterKeys(index, emitter);
        if (keys.length === 0) continue;
        const node = from === -1 ? this.topLevel + index : this.node(index, from);
        const list = byEvent.get(event);
        if (list) list.push({ node, keys });
        else byEvent.set(event, [{ node, keys }]);
      }
    });
    return byEvent;
  }

  /**
   * What identifies an emitter across files, when it is visibly an event bus: the project's object, instance or class
   * it evaluates to (`class Events extends EventEmitter`, `this` of such a class), an `EventEmitter` created in the
   * project (`module.exports = new EventEmitter()`, `this.events = new EventEmitter()`), followed through imports, or
   * another package's export (`require('@node-red/util').events`). None for anything else: a socket a library passes
   * in or a client a package creates, whose `emit` sends to the other end instead of calling the listeners here.
   */
  private emitterKeys(file: number, emitter: Value | undefined): string[] {
    return this.emittersOf(file, emitter).map((found) =>
      found.kind === 'package'
        ? `p:${found.module}:${found.path}`
        : found.kind === 'created'
          ? `v:${String(found.file)}:${JSON.stringify(found.value)}`
          : keyOf(found.value),
    );
  }

  /** What `emitterKeys` identifies an emitter by: a package's export, a project value, or an emitter created here. */
  private emittersOf(file: number, emitter: Value | undefined): EmitterFound[] {
    let value: Value | undefined = emitter;
    let at = file;
    for (let depth = 0; depth < 8 && value && 'ref' in value; depth += 1) {
      const summary: FileSummary | null | undefined = this.files[at]?.summary;
      const ref = summary?.refs[value.ref];
      if (!ref) return [];
      // A module chosen at run time from a folder (`./buses/*`) is no one emitter.
      if (isFolderModule(ref.module)) return [];
      const target = this.options.resolve(at, ref.module);
      if (target < 0) {
        return EMITTER_MODULES.has(ref.module)
          ? []
          : [{ kind: 'package', module: ref.module, path: ref.path.join('.') }];
      }
      const exported = this.files[target]?.summary;
      const [head, ...rest] = ref.path;
      const next: Value | undefined =
        ref.path.length === 0 || (head === 'default' && !own(exported?.exports ?? {}, 'default'))
          ? exported?.moduleValue
          : rest.length === 0
            ? own(exported?.exports ?? {}, head)
            : undefined;
      if (!next) return [];
      value = next;
      at = target;
    }
    if (!value) return [];
    const found = this.values
      .evaluate(at, value)
      .flatMap((each): EmitterFound[] =>
        each.kind === 'instance' || each.kind === 'object' || each.kind === 'cls'
          ? [{ kind: 'value', value: each }]
          : [],
      );
    if (found.length > 0) return found;
    const created =
      'field' in value
        ? (own(this.files[at]?.summary?.classes[value.field[0]]?.fields ?? {}, value.field[1]) ?? [])
        : [value];
    return created.some((part) => this.isEmitterCreation(at, part)) ? [{ kind: 'created', file: at, value }] : [];
  }

  /** Whether a value is `new EventEmitter()` of Node's `events` module (or a package of the same API). */
  private isEmitterCreation(file: number, value: Value): boolean {
    return 'instance' in value && isEmitterExport(this.values.exportRef(file, value.instance));
  }

  private emits: Map<string, { node: number; keys: readonly string[] }[]> | null = null;
  private emitted: readonly string[] | null = null;

  /** Whether any `emit` of the project, on any emitter (one the graph cannot identify too), can send this event. */
  private emittedAnywhere(event: string): boolean {
    this.emitted ??= [...new Set(this.files.flatMap((file) => (file.summary?.emits ?? []).map(([, name]) => name)))];
    return this.emitted.some((pattern) => matchesEvent(pattern, event));
  }

  /**
   * Whether an emitter is visibly an event bus of the process: an `EventEmitter` created in the project, an instance
   * (or the class, or `this`) of a project class that extends one, or an object that an installed package exports
   * (`require('@node-red/util').events`). Not a built-in module's object (`parentPort` of `worker_threads`), a plain
   * project object, or a module the graph cannot read.
   */
  private isEventBus(file: number, emitter: Value | undefined): boolean {
    return this.emittersOf(file, emitter).some((found) => {
      if (found.kind === 'created') return true;
      if (found.kind === 'package') {
        const bare =
          !found.module.startsWith('.') && !found.module.startsWith('/') && !found.module.startsWith('node:');
        return bare && !builtinModules.includes(found.module.split('/')[0] ?? found.module);
      }
      const value = found.value;
      return (value.kind === 'instance' || value.kind === 'cls') && this.extendsEmitter(value.file, value.cls, 0);
    });
  }

  /**
   * A function passed to a helper that calls it while it runs (`batch.each(key, function (ids, next) {...})` where
   * `each` calls its `process` parameter) runs in the flow of the code that passes it: an invocation by that code,
   * so an upgrade script's callback is start-up code even when request handlers call the same helper with theirs.
   * A helper that hands its parameter on to another such helper calls it too; the functions it is given are joined
   * at the helper's own call sites, not at the call that hands them on.
   */
  private joinParameterCalls(): void {
    const called = new Map<number, Set<number>>();
    const pending: number[] = [];
    const mark = (node: number, param: number): void => {
      const set = called.get(node);
      if (set?.has(param)) return;
      if (set) set.add(param);
      else called.set(node, new Set([param]));
      pending.push(node);
    };
    this.files.forEach((file, index) => {
      file.summary?.functions.forEach((fn, fnIndex) => {
        for (const param of fn.calledParams ?? []) mark(this.node(index, fnIndex), param);
      });
    });
    const added = this.parameterEdges;
    while (pending.length > 0) {
      const node = pending.pop() as number;
      for (const site of this.callSites?.get(node) ?? []) {
        for (const param of called.get(node) ?? []) {
          const arg = site.args[param];
          if (!arg) continue;
          if ('param' in arg) {
            // Handed on by the calling function itself: it calls its own parameter.
            const [owner, index] = arg.param;
            if (this.node(site.file, owner) === site.from) mark(site.from, index);
            continue;
          }
          for (const target of this.functionNodes(this.values.evaluate(site.file, arg))) {
            const key = site.from * this.size + target;
            // A caller that also calls the function itself keeps that invocation's data access.
            if (added.has(key) || this.invokeEdges[site.from]?.includes(target)) continue;
            added.add(key);
            addEdge(this.invokeEdges, site.from, target);
            addEdge(this.invokeCallers, target, site.from);
          }
        }
      }
    }
  }

  /**
   * The invocations `joinParameterCalls` adds (`from * size + to`). They carry contexts, not data access: a helper may
   * call what it is given once per key (a request cache's `get(ctx, key, load)`), so calling the code that passes a
   * loader is not a read each time.
   */
  private readonly parameterEdges = new Set<number>();

  /** Whether a project class extends an `EventEmitter`, directly or through the project's own classes. */
  private extendsEmitter(file: number, index: number, depth: number): boolean {
    const cls = this.files[file]?.summary?.classes[index];
    if (!cls?.extends || depth > 8) return false;
    if (isEmitterExport(this.values.exportRef(file, cls.extends))) return true;
    return this.values
      .evaluate(file, cls.extends)
      .some((parent) => parent.kind === 'cls' && this.extendsEmitter(parent.file, parent.cls, depth + 1));
  }
  /** The event of each listener joined to its `emit` calls, to name an anonymous one in messages. */
  private readonly listenerEvents = new Map<number, string>();

  /**
   * A listener of an event that the project emits on the same emitter (`events.emit('settings.edited')`): it runs
   * inside those `emit` calls, so it is their callee, not a root of its own. Returns whether it was joined.
   */
  private joinListener(file: number, root: RootSummary): boolean {
    if (!root.event || root.handler?.kind !== 'listener') return false;
    this.emits ??= this.emitsByEvent();
    const name = root.event.name;
    const emits = [...this.emits].flatMap(([pattern, list]) => (matchesEvent(pattern, name) ? list : []));
    if (emits.length === 0) return false;
    const keys = new Set(this.emitterKeys(file, root.event.emitter));
    const sources = emits.filter((emit) => emit.keys.some((key) => keys.has(key)));
    if (sources.length === 0) return false;
    for (const target of this.rootTargets(file, root.target)) {
      this.listenerEvents.set(target, root.event.name);
      for (const { node } of sources) {
        addEdge(this.invokeEdges, node, target);
        addEdge(this.invokeCallers, target, node);
      }
    }
    return true;
  }

  private join(): void {
    const timers: Array<[source: number, target: number, file: number]> = [];
    const pendingAccesses: Array<[number, FileSummary]> = [];
    const knownEdges = new Set<number>();
    this.files.forEach((file, index) => {
      const summary = file.summary;
      if (!summary) return;
      summary.functions.forEach((fn, fnIndex) => {
        if (fn.dataAccess) this.dataText.set(this.node(index, fnIndex), fn.dataAccess);
        if (fn.dataAccess) this.dataTables.set(this.node(index, fnIndex), fn.dataTable ?? -1);
        if (fn.scans) this.scanned.set(this.node(index, fnIndex), fn.scans);
      });
      pendingAccesses.push([index, summary]);
      for (const edge of summary.edges) {
        const [from, to, kind] = edge;
        const source = from === -1 ? this.topLevel + index : this.node(index, from);
        // Under a lazy initialisation of an instance's field: the constructor of the instance's class.
        const instanceCtor = kind === 4 ? summary.classes[edge[3]]?.ctor : undefined;
        const ctorNode = instanceCtor === undefined ? -1 : this.node(index, instanceCtor);
        if (
          typeof to !== 'number' &&
          'ref' in to &&
          from !== -1 &&
          (kind === 0 || kind === 4) &&
          !(this.dataText.has(source) && this.dataTables.get(source) === -1)
        ) {
          const ref = summary.refs[to.ref] as ModuleRef | undefined;
          if (ref && this.dataOperation(index, ref)) {
            // Under such an initialisation, the function's own read only when the instance does not outlive
            // requests, which the propagation decides (see `settleInstanceOnce`).
            if (ctorNode >= 0) this.instanceDataOps.push([source, ref, ctorNode]);
            else this.markDataOperation(source, ref);
          }
        }
        const [targets, byName] = this.resolveTarget(index, to);
        for (const target of targets) {
          (byName ? this.byNameEdges : knownEdges).add(source * this.size + target);
          if (kind === 1) addEdge(this.requestEdges, source, target);
          else if (kind === 3) this.onceEdges.push([source, target]);
          else if (ctorNode >= 0) this.instanceOnceEdges.push([source, target, ctorNode]);
          else {
            addEdge(this.invokeEdges, source, target);
            addEdge(this.invokeCallers, target, source);
            if (kind === 2 && from !== -1) timers.push([source, target, index]);
          }
        }
      }
      for (const root of summary.roots) if (!this.joinListener(index, root)) this.addRoots(index, root);
    });
    for (const edge of knownEdges) this.byNameEdges.delete(edge);
    this.joinParameterCalls();
    // Calls whose receivers turn out to be data-access values (injected repositories, clients passed as arguments).
    for (const [index, summary] of pendingAccesses) {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- older caches lack it
      for (const [from, callee, text, table = -1] of summary.accesses ?? []) {
        const node = this.node(index, from);
        const known = this.dataTables.get(node);
        // A function whose data accesses all read what one parameter names keeps it; any other access loses it.
        if (known === -1 || (known === table && this.dataText.has(node))) continue;
        if (!this.values.operation(this.values.evaluate(index, callee))) continue;
        if (!this.dataText.has(node)) this.dataText.set(node, text);
        this.dataTables.set(node, known === undefined || known === table ? table : -1);
      }
    }
    // Commands of command-line frameworks: classes that extend the framework's base class.
    if (BASE_CLASSES.length > 0) {
      this.files.forEach((file, index) => {
        for (const cls of file.summary?.classes ?? []) this.addBaseClassRoots(index, cls);
      });
    }
    // A timer callback that reaches the code that schedules it again is a loop: a job that runs per tick.
    for (const [source, target, file] of timers) {
      if (!this.reaches(target, source)) continue;
      const reason = `timer loop \`${this.functionName(target)}\` (it schedules itself again)`;
      this.roots.push({
        node: target,
        context: 'request',
        reason,
        handler: { kind: 'timer', description: reason },
        registeredIn: file,
        line: this.lineOf(target),
      });
    }
  }

  /**
   * The methods that a framework calls once per process on a class that extends one of its base classes (directly or
   * through the project's own classes): start-up roots.
   */
  private addBaseClassRoots(file: number, cls: ClassSummary): void {
    if (!cls.extends) return;
    const base = this.frameworkBase(file, cls, 0);
    if (!base) return;
    for (const name of base.startup) {
      const fn = own(cls.methods, name);
      if (fn === undefined) continue;
      const node = this.node(file, fn);
      const reason = `${base.kind} \`${cls.name}.${name}\``;
      this.roots.push({ node, context: 'startup', reason, registeredIn: file, line: this.lineOf(node) });
    }
  }

  private frameworkBase(file: number, cls: ClassSummary, depth: number): BaseClassEntry | undefined {
    if (!cls.extends || depth > 8) return undefined;
    const ref = this.values.exportRef(file, cls.extends);
    if (ref) {
      const path = ref.path[0] === 'default' && ref.path.length > 1 ? ref.path.slice(1) : ref.path;
      const found = BASE_CLASSES.find(
        (entry) => entry.modules.includes(ref.module) && entry.path.join('.') === path.join('.'),
      );
      if (found) return found;
    }
    for (const parent of this.values.evaluate(file, cls.extends)) {
      if (parent.kind !== 'cls') continue;
      const parentClass = this.files[parent.file]?.summary?.classes[parent.cls];
      const found = parentClass ? this.frameworkBase(parent.file, parentClass, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  private lineOf(node: number): number {
    const file = this.fileOf[node] ?? 0;
    return this.files[file]?.summary?.functions[node - (this.offsets[file] ?? 0)]?.line ?? 0;
  }

  /** Whether `to` is reached from `from` along invocations (bounded). */
  private reaches(from: number, to: number): boolean {
    if (from === to) return true;
    const seen = new Set<number>([from]);
    const queue = [from];
    for (let head = 0; head < queue.length && seen.size < 2_000; head += 1) {
      for (const next of this.invokeEdges[queue[head]] ?? []) {
        if (next === to) return true;
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return false;
  }

  private addRoots(file: number, root: RootSummary): void {
    const summary = this.files[file]?.summary;
    if (!summary) return;
    const event = root.event;
    const within = event?.within;
    const onBus =
      event !== undefined &&
      within !== undefined &&
      !this.emittedAnywhere(event.name) &&
      this.isEventBus(file, event.emitter);
    const base = {
      context: root.context,
      reason: root.reason,
      registeredIn: file,
      line: root.line,
      ...(onBus ? { within: within === -1 ? this.topLevel + file : this.node(file, within) } : {}),
    };
    if (root.actions !== undefined && typeof root.target !== 'number' && 'value' in root.target) {
      this.addActionTable(file, root.target.value, root.actions, root);
      return;
    }
    if (root.resolverMap && typeof root.target !== 'number' && 'ref' in root.target) {
      const ref = summary.refs[root.target.ref] as ModuleRef | undefined;
      if (ref) this.addResolverMap(this.values.reference(file, ref), file, root);
      return;
    }
    for (const node of this.rootTargets(file, root.target)) {
      this.roots.push({
        node,
        ...base,
        ...(root.handler ? { handler: root.handler } : {}),
        ...(root.provider ? { provider: root.provider } : {}),
      });
    }
  }

  /**
   * The functions a registration names. A route helper's parameter (`router.get(name, controller)`) is every
   * function its call sites pass, each evaluated on its own: a helper that registers a whole application's pages has
   * more call sites than one evaluated value set keeps.
   */
  private rootTargets(file: number, target: Target): number[] {
    if (typeof target !== 'object' || !('value' in target) || !('param' in target.value))
      return this.targetsOf(file, target);
    const [fn, index] = target.value.param;
    return this.callSitesOf(file, fn).flatMap((site) => {
      const arg = site.args[index];
      return arg ? this.functionNodes(this.values.evaluate(site.file, arg)) : [];
    });
  }

  /**
   * The actions of a framework's table (`{ name: 'pm', actions: { list(ctx, next) {} } }`, see
   * `FrameworkDescriptor.actionTables`), here or in another module: each function member with a handler's parameters.
   */
  private addActionTable(file: number, value: Value, member: string, root: RootSummary): void {
    const framework = root.reason.replace(/ action$/u, '');
    for (const table of this.values.evaluate(file, value)) {
      const actions = member === '' ? [table] : (this.values.members(table)[member] ?? []);
      for (const map of actions) {
        for (const [name, fns] of Object.entries(this.values.members(map))) {
          for (const node of this.functionNodes(fns)) {
            const owner = this.fileOf[node] ?? 0;
            const fn = this.files[owner]?.summary?.functions[node - (this.offsets[owner] ?? 0)];
            if (!fn?.handlerSignature) continue;
            const description = `${framework} action \`${name}\``;
            this.roots.push({
              node,
              context: 'request',
              reason: description,
              handler: { kind: 'route', description, framework },
              registeredIn: file,
              line: root.line,
            });
          }
        }
      }
    }
  }

  /** Resolvers of a resolver map defined in another module: `{ Type: { field() {} } }`, or one type's fields. */
  private addResolverMap(map: readonly Abstract[], registeredIn: number, root: RootSummary): void {
    const typePrefix = /`([^`]+)`$/u.exec(root.reason)?.[1];
    const membersOf = (values: readonly Abstract[]): Record<string, Abstract[]> => {
      const result: Record<string, Abstract[]> = {};
      for (const value of values) Object.assign(result, this.values.members(value));
      return result;
    };
    const addField = (typeName: string, fieldName: string, field: readonly Abstract[]): void => {
      const fieldMembers: Partial<Record<string, Abstract[]>> = membersOf(field);
      const resolve = fieldMembers['resolve'] ?? fieldMembers['subscribe'] ?? field;
      const description = `GraphQL resolver \`${typeName}.${fieldName}\``;
      const handler: HandlerSummary = {
        kind: 'resolver',
        description,
        graphql: { typeName, fieldName, root: ['Query', 'Mutation', 'Subscription'].includes(typeName) },
      };
      for (const node of this.functionNodes(resolve)) {
        this.roots.push({ node, context: 'request', reason: description, handler, registeredIn, line: root.line });
      }
    };
    const members = membersOf(map);
    if (typePrefix) {
      for (const [fieldName, field] of Object.entries(members)) addField(typePrefix, fieldName, field);
      return;
    }
    for (const [typeName, type] of Object.entries(members)) {
      for (const [fieldName, field] of Object.entries(membersOf(type))) addField(typeName, fieldName, field);
    }
  }

  /** The functions among evaluated values (global ids). */
  private functionNodes(values: readonly Abstract[]): number[] {
    return values.flatMap((value) => {
      if (value.kind === 'fn') return [this.node(value.file, value.fn)];
      // A constructor function called as a function (`Base.call(this)`) runs its constructor.
      const ctor = this.values.callableConstructor(value);
      return ctor ? [this.node(ctor.file, ctor.fn)] : [];
    });
  }

  /** The functions a target of `file` stands for. */
  private targetsOf(file: number, target: Target): number[] {
    return this.resolveTarget(file, target)[0];
  }

  /** The functions a target of `file` stands for, and whether they were found by a method's name alone. */
  private resolveTarget(file: number, target: Target): readonly [nodes: number[], byName: boolean] {
    if (typeof target === 'number') return [[this.node(file, target)], false];
    if ('ref' in target) {
      const ref = this.files[file]?.summary?.refs[target.ref];
      const found = this.functionsOf(file, ref);
      // A method missing on another module's constructor function (`new Pad(id).history()`): its prototype stays
      // open to members that other modules add (`require('./pad-history')(Pad)`), found by the method's name.
      const name = ref?.path.at(-1);
      if (found.length > 0 || !ref || name === undefined || ref.path.at(-2) !== 'prototype') return [found, false];
      const owners = this.values.reference(file, { module: ref.module, path: ref.path.slice(0, -2) });
      const open = owners.length > 0 && owners.every((owner) => this.values.isConstructorFunction(owner));
      return open && !BUILT_IN_METHODS.has(name) ? [this.byProperty(name), true] : [[], false];
    }
    if ('value' in target) {
      // A dispatcher's path chosen at run time: any function of its table (see `{ nested }`).
      if ('nested' in target.value) {
        return [
          this.functionNodes(this.values.nestedFunctions(file, target.value.nested, MAX_DISPATCH_TARGETS)),
          false,
        ];
      }
      const found = this.functionNodes(this.values.evaluate(file, target.value));
      if (found.length > 0) return [found, false];
      if ('get' in target.value) {
        // A method the receiver's class leaves to its subclasses runs theirs (also one named like a built-in method,
        // `write`, `end`); on a receiver the model knows (a project class without that method, a package's instance
        // such as `new mssql.ConnectionPool()`), it is not one of the project's other functions of that name.
        const [receiver, name] = target.value.get;
        const receivers = this.values.evaluate(file, receiver);
        const overrides = this.functionNodes(this.values.overrides(receivers, name));
        // A method named like a built-in one is a subclass's only where no package's or platform's class in the chain
        // may define it (`class Cache extends Map` runs `Map`'s `get`).
        if (target.property === null) return [this.values.ownChains(receivers) ? overrides : [], false];
        if (overrides.length > 0) return [overrides, false];
        // Object literals and modules stay open (`const middleware = {}; middleware.locales = function`), so only
        // classes, instances and data shapes count as known.
        // A set cut to its bound may have left the receiver's own class out: it does not close the receiver.
        const closed = receivers.some((value) => isClosed(value) && !this.values.isConstructorFunction(value));
        if ((!isSaturated(receivers) && closed) || this.values.fromPackage(file, receiver)) return [[], false];
      }
      if (target.property === null) return [[], false];
      return [this.byProperty(target.property, target.args, target.receiver), true];
    }
    return [this.byProperty(target.property, target.args, target.receiver), true];
  }

  /**
   * The functions stored under a property name anywhere in the project, for calls whose receiver the model cannot
   * follow; none when the name is shared by more than `MAX_PROPERTY_TARGETS` functions (too common to tell). A call
   * with `args` arguments leaves out the functions that read fewer by position; of several, those whose class or
   * object is named like the receiver are kept when there are any.
   */
  private byProperty(name: string, args?: number, receiver?: string): number[] {
    if (!this.properties) {
      const properties = new Map<string, PropertyTarget[]>();
      this.files.forEach((file, index) => {
        file.summary?.functions.forEach((fn, fnIndex) => {
          if (!fn.property) return;
          const entry: PropertyTarget = [this.node(index, fnIndex), fn.params, ownerName(fn.name)];
          const list = properties.get(fn.property);
          if (list) list.push(entry);
          else properties.set(fn.property, [entry]);
        });
      });
      this.properties = properties;
    }
    const found = this.properties.get(name) ?? [];
    if (found.length > MAX_PROPERTY_TARGETS) return [];
    const callable = found.filter(([, params]) => args === undefined || params === undefined || args <= params);
    const named = receiver === undefined ? [] : callable.filter(([, , owner]) => namedAlike(owner, receiver));
    return (named.length > 0 && named.length < callable.length ? named : callable).map(([node]) => node);
  }

  private properties: Map<string, PropertyTarget[]> | null = null;

  /** The global ids of the functions a reference stands for (a function, or an instance or static method). */
  private functionsOf(file: number, ref: ModuleRef | undefined): number[] {
    if (!ref) return [];
    if (ref.path.at(-1) !== ANY_EXPORT) return this.functionNodes(this.values.reference(file, ref));
    // Any exported function of the module: each member evaluated on its own, so that no set bound cuts the list.
    const owners = this.values.reference(file, { module: ref.module, path: ref.path.slice(0, -1) });
    const found = new Set<number>();
    for (const owner of owners) {
      for (const member of Object.values(this.values.members(owner))) {
        for (const node of this.functionNodes(member)) found.add(node);
      }
    }
    return found.size <= MAX_DISPATCH_TARGETS ? [...found] : [];
  }

  /**
   * The call sites of every function, from the summaries' calls with argument values (collected when the graph is
   * built). Resolving a call evaluates values, which may read the parameters of other functions while the call sites
   * are still being collected: such a read gets the sites found so far, and once all are collected the resolver
   * forgets what it evaluated, so that later questions get answers from every call site.
   */
  private callSitesOf(file: number, fn: number): readonly CallSite[] {
    const node = this.node(file, fn);
    return (this.callSites ?? this.collecting)?.get(node) ?? [];
  }

  private collectCallSites(): void {
    const sites = new Map<number, CallSite[]>();
    this.collecting = sites;
    try {
      this.files.forEach((graphFile, index) => {
        for (const call of graphFile.summary?.calls ?? []) {
          const from = call.from === -1 ? this.topLevel + index : this.node(index, call.from);
          for (const target of this.targetsOf(index, call.to)) {
            const site = { file: index, from, args: call.args };
            const list = sites.get(target);
            if (list) list.push(site);
            else sites.set(target, [site]);
          }
        }
      });
    } finally {
      this.collecting = null;
    }
    this.callSites = sites;
    this.values.forget();
  }

  /** The call sites found so far while they are being collected. */
  private collecting: Map<number, CallSite[]> | null = null;
  private callSites: Map<number, CallSite[]> | null = null;

  /** The data-access operation a call through a reference is (`db.users.findOne` where `db` is a client), if any. */
  dataOperation(file: number, ref: ModuleRef): DataAccessOperation | null {
    return this.values.operation(this.values.reference(file, ref));
  }

  /** The catalogue shape of a value of `file` (an import, a parameter, a field, a call's result), if it has one. */
  shapeOfValue(file: number, value: Value): ValueShape | null {
    return this.values.shapeOf(this.values.evaluate(file, value));
  }

  /** The catalogue shape of another module's value, as seen through a reference (`import { prisma } from './db'`). */
  valueShape(file: number, ref: ModuleRef): ValueShape | null {
    return this.values.shapeOf(this.values.reference(file, ref));
  }

  /**
   * Whether calling a target (a function of `file`, or a reference into another module) reads data, directly or
   * through the functions it calls: the function called, the data access it reaches, the file of the function that
   * holds that access, and the functions in between (for messages).
   */
  dataAccessThrough(
    file: number,
    target: Target,
  ): {
    readonly name: string;
    readonly file: string;
    readonly access: string;
    readonly chain: readonly string[];
    readonly tableParam?: number;
  } | null {
    for (const node of this.targetsOf(file, target)) {
      if (this.dataVia[node] === -2) continue;
      const chain: string[] = [];
      let current = node;
      for (let step = 0; step < 32 && this.dataVia[current] !== -1; step += 1) {
        current = this.dataVia[current];
        chain.push(this.functionName(current));
      }
      // Only for a function that reads the data itself: the parameters of the functions in between are not mapped.
      const table = chain.length === 0 ? (this.dataTables.get(node) ?? -1) : -1;
      const tableParam = table >= 0 ? table : undefined;
      return {
        name: this.functionName(node),
        // The file of the function that holds the access, which the message names.
        file: this.pathOf(this.fileOf[current] ?? 0),
        access: this.dataText.get(current) ?? 'a data access',
        chain,
        ...(tableParam === undefined ? {} : { tableParam }),
      };
    }
    return null;
  }

  /**
   * Whether calling a target searches a list that outlives the call by one of its arguments (see
   * `FunctionSummary.scans`): the function's name and file, the argument's position and the search. Every function
   * the target may be must search by the same position, so that a call of another function of the same name is not
   * taken for it.
   */
  searchThrough(
    file: number,
    target: Target,
  ): { readonly name: string; readonly file: string; readonly param: number; readonly search: string } | null {
    const nodes = this.targetsOf(file, target);
    const scans = nodes.map((node) => this.scanned.get(node));
    const [first] = scans;
    if (!first || scans.some((scan) => scan?.[0] !== first[0])) return null;
    return {
      name: this.functionName(nodes[0]),
      file: this.pathOf(this.fileOf[nodes[0]] ?? 0),
      param: first[0],
      search: first[1],
    };
  }

  private propagateDataAccess(): void {
    const queue: number[] = [];
    for (const node of this.dataText.keys()) {
      if (node >= this.topLevel) continue;
      this.dataVia[node] = -1;
      queue.push(node);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const node = queue[head];
      for (const caller of this.invokeCallers[node] ?? []) {
        if (caller >= this.topLevel) continue;
        if (this.parameterEdges.has(caller * this.size + node)) continue;
        // A function that also reads data through what it calls reads more than the table its parameter names.
        if ((this.dataTables.get(caller) ?? -1) >= 0) this.dataTables.set(caller, -1);
        if (this.dataVia[caller] !== -2) continue;
        this.dataVia[caller] = node;
        queue.push(caller);
      }
    }
  }

  // ---- propagation --------------------------------------------------------------------------------------------

  private propagate(): void {
    const startupFile = (node: number): boolean => {
      const file = this.fileOf[node] ?? 0;
      return this.files.at(file)?.startup === true || (this.loadedForDevelopment[file] ?? -1) >= 0;
    };
    const queue: number[] = [];
    const enqueueRequest = (rootIndex: number, root: Root): void => {
      const node = root.node;
      if (this.context[node] !== CONTEXT_UNKNOWN || startupFile(node)) return;
      this.context[node] = CONTEXT_REQUEST;
      this.rootOf[node] = rootIndex;
      queue.push(node);
    };
    // A listener on an event bus of an event that no emit of the project sends runs when a package emits it (a
    // registry's `type-registered`): a handler when the code that registers it runs per request, not otherwise.
    const listenersOf = new Map<number, number[]>();
    this.roots.forEach((root, index) => {
      if (root.within === undefined) return;
      const list = listenersOf.get(root.within);
      if (list) list.push(index);
      else listenersOf.set(root.within, [index]);
    });
    const drain = (): void => {
      for (let head = 0; head < queue.length; head += 1) {
        const node = queue[head];
        for (const index of listenersOf.get(node) ?? []) enqueueRequest(index, this.roots[index]);
        // A handler recognised by its parameters alone is a guess: it does not reach further through another guess.
        const guessed = this.roots[this.rootOf[node] ?? -1]?.bySignature === true;
        for (const edges of [this.invokeEdges, this.requestEdges]) {
          for (const next of edges[node] ?? []) {
            if (this.context[next] !== CONTEXT_UNKNOWN || this.isStartupRoot(next) || startupFile(next)) continue;
            if (guessed && this.byNameEdges.has(node * this.size + next)) continue;
            this.context[next] = CONTEXT_REQUEST;
            this.parent[next] = node;
            this.rootOf[next] = this.rootOf[node] ?? -1;
            queue.push(next);
          }
        }
      }
      queue.length = 0;
    };

    // Start-up roots win over request roots of the same function only when registered as start-up explicitly.
    this.startupRoots = new Set(this.roots.filter((root) => root.context === 'startup').map((root) => root.node));
    this.roots.forEach((root, index) => {
      if (root.context === 'request' && root.within === undefined) enqueueRequest(index, root);
    });
    drain();

    // Start-up: roots, whole start-up files, and functions whose every caller is start-up code.
    for (const root of this.roots) {
      if (root.context === 'startup' && this.context[root.node] === CONTEXT_UNKNOWN) {
        this.context[root.node] = CONTEXT_STARTUP;
        this.startupReason.set(root.node, root.reason);
      }
    }
    for (let node = 0; node < this.topLevel; node += 1) {
      if (startupFile(node)) this.context[node] = CONTEXT_STARTUP;
    }
    for (let file = 0; file < this.files.length; file += 1) this.context[this.topLevel + file] = CONTEXT_STARTUP;
    // Lazy initialisations run once per process, whoever triggers them first: start-up work.
    for (const [source, target] of [...this.onceEdges, ...this.instanceOnceEdges]) {
      if (this.context[target] !== CONTEXT_UNKNOWN || this.invokeCallers[target]?.length) continue;
      this.context[target] = CONTEXT_STARTUP;
      this.startupReason.set(
        target,
        `runs once per process: a lazy initialisation in \`${this.functionName(source)}\` ` +
          `(${this.pathOf(this.fileOf[source] ?? 0)})`,
      );
    }
    this.propagateStartup();

    // Last resort: exported functions shaped like handlers whose registration is not visible.
    if (this.options.handlerSignatures) {
      this.files.forEach((file, index) => {
        file.summary?.functions.forEach((fn, fnIndex) => {
          if (!fn.exported || !fn.handlerSignature) return;
          const node = this.node(index, fnIndex);
          if (this.context[node] !== CONTEXT_UNKNOWN) return;
          const root: Root = {
            node,
            context: 'request',
            reason:
              `\`${fn.name}\` has a request handler's parameters and is exported ` +
              `(its registration is not visible)`,
            handler: { kind: 'route', description: `\`${fn.name}\`, a request handler by its parameters` },
            registeredIn: index,
            line: fn.line,
            bySignature: true,
          };
          this.roots.push(root);
          enqueueRequest(this.roots.length - 1, root);
        });
      });
      drain();
    }
  }

  /** Records that a function reads data itself, through a data operation of a library called by name. */
  private markDataOperation(source: number, ref: ModuleRef): void {
    if (this.dataText.has(source) && this.dataTables.get(source) === -1) return;
    if (!this.dataText.has(source)) this.dataText.set(source, ref.path.join('.') || ref.module);
    // A data operation called by name chooses no table through a parameter.
    this.dataTables.set(source, -1);
  }

  /**
   * NestJS builds a provider per request when its constructor is given a request-scoped provider: the scope bubbles
   * up the chain of injections. Such a provider's constructor is a request hook too, not start-up code.
   */
  private bubbleRequestScope(): void {
    const scoped = new Set<string>();
    this.files.forEach((file, index) => {
      file.summary?.classes.forEach((cls, clsIndex) => {
        if (cls.requestScoped) scoped.add(`${String(index)}:${String(clsIndex)}`);
      });
    });
    for (let changed = scoped.size > 0; changed;) {
      changed = false;
      this.roots.forEach((root, index) => {
        const provider = root.provider;
        const key = provider ? `${String(root.registeredIn)}:${String(provider.cls)}` : '';
        if (!provider || root.context !== 'startup' || scoped.has(key)) return;
        const given = this.injectedRequestScoped(root.registeredIn, provider.injects, scoped);
        if (given === null) return;
        const description =
          `${provider.framework} provider \`${provider.name}\` constructor, built per request: it is given the ` +
          `request-scoped \`${given}\``;
        this.roots[index] = {
          ...root,
          context: 'request',
          reason: description,
          handler: { kind: 'hook', description, framework: provider.framework },
        };
        scoped.add(key);
        changed = true;
      });
    }
  }

  /** The name of a request-scoped provider among the classes a constructor is given, or `null`. */
  private injectedRequestScoped(file: number, injects: readonly Value[], scoped: ReadonlySet<string>): string | null {
    for (const value of injects) {
      for (const abstract of this.values.evaluate(file, value)) {
        if (abstract.kind !== 'cls' || !scoped.has(`${String(abstract.file)}:${String(abstract.cls)}`)) continue;
        return this.files[abstract.file]?.summary?.classes[abstract.cls]?.name ?? 'anonymous class';
      }
    }
    return null;
  }

  /**
   * Turns the calls under a lazy initialisation of a field into invocations where the instance's class has a
   * constructor that is not start-up code: a new instance, and a new initialisation, may come with each request (the
   * request-path model's `outlivesRequests`). Whether any changed.
   */
  private settleInstanceOnce(): boolean {
    let changed = false;
    for (let index = this.instanceOnceEdges.length - 1; index >= 0; index -= 1) {
      const [source, target, ctor] = this.instanceOnceEdges[index];
      if (this.context[ctor] === CONTEXT_STARTUP) continue;
      this.instanceOnceEdges.splice(index, 1);
      addEdge(this.invokeEdges, source, target);
      addEdge(this.invokeCallers, target, source);
      changed = true;
    }
    return changed;
  }

  private isStartupRoot(node: number): boolean {
    return this.startupRoots.has(node);
  }

  /**
   * Functions whose every caller is start-up code are start-up code, also when they call each other (a heartbeat that
   * schedules itself again, a recursive walk over a configuration): the candidates are the functions with callers,
   * less those with a caller that is neither start-up code nor a candidate, until none is left out; what start-up
   * code reaches of them is start-up code. A cycle that nothing known calls stays unknown.
   */
  private propagateStartup(): void {
    const candidate = new Uint8Array(this.topLevel);
    for (let node = 0; node < this.topLevel; node += 1) {
      if (this.context[node] === CONTEXT_UNKNOWN && this.invokeCallers[node]?.length) candidate[node] = 1;
    }
    const startupOrCandidate = (caller: number): boolean =>
      this.context[caller] === CONTEXT_STARTUP || (caller < this.topLevel && candidate[caller] === 1);
    // A worklist, so that each removal re-checks only the functions the removed one calls.
    const pending: number[] = [];
    for (let node = 0; node < this.topLevel; node += 1) if (candidate[node] === 1) pending.push(node);
    while (pending.length > 0) {
      const node = pending.pop() as number;
      if (candidate[node] !== 1 || (this.invokeCallers[node] ?? []).every(startupOrCandidate)) continue;
      candidate[node] = 0;
      for (const next of this.invokeEdges[node] ?? [])
        if (next < this.topLevel && candidate[next] === 1) pending.push(next);
    }
    const queue: number[] = [];
    for (let node = 0; node < this.context.length; node += 1) {
      if (this.context[node] === CONTEXT_STARTUP) queue.push(node);
    }
    for (let head = 0; head < queue.length; head += 1) {
      for (const next of this.invokeEdges[queue[head]] ?? []) {
        if (next >= this.topLevel || candidate[next] !== 1 || this.context[next] !== CONTEXT_UNKNOWN) continue;
        this.context[next] = CONTEXT_STARTUP;
        queue.push(next);
      }
    }
  }

  // ---- reasons ------------------------------------------------------------------------------------------------

  private functionName(node: number): string {
    const file = this.fileOf[node] ?? 0;
    const fn = this.files[file]?.summary?.functions[node - (this.offsets[file] ?? 0)];
    const name = fn?.name ?? 'anonymous function';
    const event = name === 'anonymous function' ? this.listenerEvents.get(node) : undefined;
    return event === undefined ? name : `${event} listener`;
  }

  private describe(node: number): GraphContext {
    const file = this.fileOf[node] ?? 0;
    const context = this.context[node];
    if (context === CONTEXT_STARTUP) {
      const loader = this.loadedForDevelopment[file] ?? -1;
      if (loader >= 0 && !this.files[file]?.startup) {
        return {
          context: 'startup',
          reason: `development tooling: loaded only under a development guard (${this.pathOf(loader)})`,
        };
      }
      if (this.files[file]?.startup) {
        return {
          context: 'startup',
          reason: this.files[file]?.summary?.script ? 'a command-line script' : 'a start-up file',
        };
      }
      return { context: 'startup', reason: this.startupReason.get(node) ?? 'only called from start-up code' };
    }
    if (context !== CONTEXT_REQUEST) return UNKNOWN;
    const root = this.roots[this.rootOf[node] ?? -1] as Root | undefined;
    if (!root) return UNKNOWN;
    const handlerFile = this.fileOf[root.node] ?? 0;
    const handler: GraphHandler | undefined = root.handler
      ? {
          ...root.handler,
          file: handlerFile,
          fn: root.node - (this.offsets[handlerFile] ?? 0),
          registeredIn: root.registeredIn,
          line: root.line,
          ...(root.bySignature ? { bySignature: true } : {}),
        }
      : undefined;
    const caller = this.parent[node] ?? -1;
    const callerFile = caller === -1 ? file : (this.fileOf[caller] ?? 0);
    let reason: string;
    // A handler guessed by its parameters is named, then described (its reason is a sentence about it).
    const guessed = root.bySignature ? `\`${this.functionName(root.node)}\`` : null;
    const guessedWhy = `which has a request handler's parameters and is exported, its registration not visible`;
    if (root.registeredIn === file && handlerFile === file && callerFile === file) {
      // Everything in this file: the reasons of a single-file model.
      reason = caller === -1 ? root.reason : `called from ${guessed ? `${guessed}, ${guessedWhy}` : root.reason}`;
    } else if (caller === -1) {
      reason = `${root.reason} (${this.pathOf(root.registeredIn)})`;
    } else {
      const label = (at: number): string => {
        const atFile = this.fileOf[at] ?? 0;
        return `\`${this.functionName(at)}\`${atFile === file ? '' : ` (${this.pathOf(atFile)})`}`;
      };
      const anonymous = this.functionName(root.node) === 'anonymous function';
      const handlerLabel = guessed
        ? `${label(root.node)}, ${guessedWhy}`
        : `${anonymous ? '' : `${label(root.node)}, `}${root.reason} ` + `(${this.pathOf(root.registeredIn)})`;
      reason =
        caller === root.node
          ? `called from ${handlerLabel}`
          : `called from ${label(caller)}, on the path of ${handlerLabel}`;
    }
    return { context: 'request', reason, ...(handler ? { handler } : {}) };
  }
}

/**
 * The most exported functions that a call of a run-time choice among a module's exports (`api[name](...)`) is linked
 * to; a module with more is a library of unrelated functions, not a dispatch table.
 */
const MAX_DISPATCH_TARGETS = 256;

/** What identifies an emitter (see `emittersOf`). */
type EmitterFound =
  | { readonly kind: 'package'; readonly module: string; readonly path: string }
  | { readonly kind: 'value'; readonly value: Abstract }
  | { readonly kind: 'created'; readonly file: number; readonly value: Value };

/** Modules whose `EventEmitter` calls its listeners inside `emit`. */
const EMITTER_MODULES: ReadonlySet<string> = new Set(['events', 'node:events', 'eventemitter3', 'eventemitter2']);
const EMITTER_EXPORTS: ReadonlySet<string> = new Set(['default', 'EventEmitter', 'EventEmitter2']);

/** Whether a reference names the `EventEmitter` class of Node's `events` module or a package of the same API. */
function isEmitterExport(ref: ModuleRef | null): boolean {
  return ref !== null && EMITTER_MODULES.has(ref.module) && ref.path.every((part) => EMITTER_EXPORTS.has(part));
}

function addEdge(lists: Array<number[] | undefined>, from: number, to: number): void {
  const list = lists[from];
  if (list) list.push(to);
  else lists[from] = [to];
}

export const GRAPH_UNKNOWN = UNKNOWN;
export const GRAPH_TOP_LEVEL_REASON = TOP_LEVEL_REASON;
