import type { HandlerKind } from './frameworks/types.js';

/**
 * What one file contributes to the project graph, as plain data: its functions, the handlers and start-up callbacks
 * it registers, the calls between functions (its own, and those that leave the file through an import), and what it
 * exports. Summaries are computed from a file's AST once per content and cached on disk (`project/cache.ts`), so they
 * hold no AST nodes: a function is named by the offset where it starts in the file's text.
 */
export interface FileSummary {
  /** Functions in source order; indices into this list name them everywhere else in the summary. */
  readonly functions: readonly FunctionSummary[];
  /**
   * Module specifiers this file imports or requires, as written (for resolving `ModuleRef`s and finding dependants).
   */
  readonly imports: readonly string[];
  /** References to values of other modules that roots, edges and exports use. */
  readonly refs: readonly ModuleRef[];
  readonly roots: readonly RootSummary[];
  /** Calls and callbacks: `[from, to, kind]`; see `Edge`. */
  readonly edges: readonly Edge[];
  /**
   * Named exports (ESM `export`, CommonJS `exports.x =`, TypeScript's compiled `Object.defineProperty(exports, ...)`).
   */
  readonly exports: Readonly<Record<string, ExportValue>>;
  /** The CommonJS `module.exports = value` (or TypeScript's `export = value`), when the file assigns one. */
  readonly moduleValue?: ExportValue;
  /** Specifiers of `export * from '...'` (and the compiled `__exportStar(require('...'), exports)`). */
  readonly stars: readonly string[];
  /** The file starts with a shebang: a command-line script, start-up code throughout. */
  readonly script?: boolean;
  /**
   * A compiled ES module (`Object.defineProperty(exports, '__esModule', ...)`, esbuild's `__toCommonJS`): its default
   * import is its `default` export, not `module.exports` itself.
   */
  readonly esModule?: boolean;
  /** Classes in source order; `{ cls: index }` values name them. */
  readonly classes: readonly ClassSummary[];
  /** Calls with arguments of known value (for the values of the callees' parameters). */
  readonly calls: readonly CallSummary[];
  /**
   * Calls that may read data, depending on what their receiver turns out to be: `[from, callee, text]` for
   * `this.repo.findOne(...)` or `db(...)` where the value of `this.repo` or `db` comes from elsewhere, with a fourth
   * entry when a parameter of `from` chooses the table (`db(table)`, `const query = knex(table); query.select()`):
   * its position.
   */
  readonly accesses: readonly (readonly [from: number, callee: Value, text: string, table?: number])[];
  /**
   * Values the file stores in the application's holders: `['locals.db', value]` for `app.locals.db = value`,
   * `['app.db', value]` for `app.db = value`, `['set.db', value]` for `app.set('db', value)`.
   */
  readonly holders: readonly (readonly [name: string, value: Value])[];
  /**
   * Functions that add members to this module's exports when called with them (`require('./topics/follow')(Topics)`
   * where `Topics` is `module.exports`): the function's value and the index of the argument that is the exports.
   */
  readonly mixins?: readonly (readonly [fn: Value, arg: number])[];
  /**
   * Specifiers of `imports` that the file requires only under a development guard (`if (options.dev)`,
   * `if (process.env.NODE_ENV === 'development')`): a module loaded that way is development tooling.
   */
  readonly devImports?: readonly string[];
  /**
   * The project's own events: `[from, event, emitter]` for each `emitter.emit('event', ...)` call (the parts of
   * `event` known only at run time are `\0`: `` `settings.${key}.edited` `` is `settings.\0.edited`). A listener of
   * an event the project emits on the same emitter runs inside those calls, not once per request.
   */
  readonly emits?: readonly (readonly [from: number, event: string, emitter: Value])[];
}

export interface FunctionSummary {
  /** Offset of the function's first character in the text (its identity within the file). */
  readonly start: number;
  /** How messages name it: `getConfig`, `cart.add`, `ProductsController.list`, `anonymous function`. */
  readonly name: string;
  readonly line: number;
  /** The function's parameters look like a handler's: `(req, res[, next])`, `(ctx[, next])`, `(request, reply)`. */
  readonly handlerSignature?: boolean;
  /** The function is exported (directly or as a member of an exported object or class). */
  readonly exported?: boolean;
  /**
   * The property it is stored under, when it is a method or a property value (`class A { list() {} }`,
   * `{ list() {} }`, `A.prototype.list = function`, `exports.list = ...`): calls `x.list()` whose receiver the model
   * cannot follow may reach it (see `Target`).
   */
  readonly property?: string;
  /**
   * For a function stored under a property: how many arguments it reads by position, when it can read no more (no
   * rest parameter, no `arguments`). A call by name with more arguments is not a call of it.
   */
  readonly params?: number;
  /**
   * The function reads data itself (a query, a lookup, a cache read or an outbound request through a library of the
   * catalogue): the text of its first such call, for messages (`prisma.user.findUnique`).
   */
  readonly dataAccess?: string;
  /**
   * The parameter that chooses the table or model of every data access of the function itself (`exportTable(name)`
   * reading `knex(name).select()`): called once per item with a different value, it reads another table each time.
   */
  readonly dataTable?: number;
  /**
   * Members the function assigns to its parameters (`module.exports = function (Topics) { Topics.follow = ... }`):
   * `[parameter index, member name, value]`.
   */
  readonly members?: readonly (readonly [param: number, name: string, value: Value])[];
  /** What the function returns (its `return` arguments, or an arrow function's expression body). */
  readonly returns?: readonly Value[];
  /**
   * Parameters the function calls while it runs (`function each(key, process) { ... process(ids, next) ... }`): a
   * function passed there runs in the flow of the code that passes it, whatever else calls the helper.
   */
  readonly calledParams?: readonly number[];
  /**
   * The function searches a list that outlives the call (a field of `this`, a variable of the module) by parameter
   * `param`, once per call (`findMessage(id) { return this.messages.find((m) => m.id === id); }`), with the search
   * as messages name it: called once per item of another list, it scans the whole list per item.
   */
  readonly scans?: readonly [param: number, search: string];
}

/**
 * A value of another module: the specifier as written and the property path below the module's value.
 * `['default']` is a default import (Node's interop: a CommonJS module's `module.exports`); `[]` is the module
 * itself (`require('./x')`, `import * as x`); `['UsersService', 'prototype', 'find']` is an instance method.
 */
/**
 * The last element of a `ModuleRef` path for an export chosen at run time (`api[functionName](...)` where `api` is a
 * module): any of the module's exported functions.
 */
export const ANY_EXPORT = '\u0000any';

/**
 * The last segment of a module reference that names any module of a folder (`./database/*` for
 * `require('./database/' + name)`): the graph reads it as each of the folder's modules.
 */
export const FOLDER_MODULE = '*';

/** Whether a module specifier names any module of a folder (`./database/*`, see `FOLDER_MODULE`). */
export const isFolderModule = (specifier: string): boolean =>
  specifier.startsWith('.') && specifier.endsWith(`/${FOLDER_MODULE}`);

export interface ModuleRef {
  readonly module: string;
  readonly path: readonly string[];
}

/**
 * A target: a function of this file (its index), a reference into another module (`{ ref: index }` into `refs`), a
 * method call whose receiver the file does not show (`{ value }`: the graph evaluates the receiver's value, such as a
 * service passed to a constructor, and finds the method on it), or, failing that, a method by name alone
 * (`{ property: 'setPassword' }`): the project's functions stored under that property name when they are few (a
 * field-based call graph), never built-in methods, and only those that read as many arguments as the call passes
 * (`args`, when the call has no spread argument); among several, those of a class or object named like the receiver
 * (`receiver`: `chan.removeUser()` is `Chan.removeUser`, not `ClientManager.removeUser`).
 */
export type Target =
  | number
  | { readonly ref: number }
  | { readonly property: string; readonly args?: number; readonly receiver?: string }
  | { readonly value: Value; readonly property: string | null; readonly args?: number; readonly receiver?: string };

export interface HandlerSummary {
  readonly kind: HandlerKind;
  /** For messages: "Express route handler `GET /users`". */
  readonly description: string;
  readonly framework?: string;
  readonly graphql?: { readonly typeName: string; readonly fieldName: string; readonly root: boolean };
}

/** A function that the framework calls per request (with `handler`) or once at start-up. */
export interface RootSummary {
  readonly target: Target;
  readonly context: 'request' | 'startup';
  readonly reason: string;
  readonly handler?: HandlerSummary;
  /** Line of the registration, for messages that name it. */
  readonly line: number;
  /**
   * For an event listener: the event, the emitter it listens on where the file shows its value, and the function
   * that registers it (-1 for the module's top level).
   */
  readonly event?: { readonly name: string; readonly emitter?: Value; readonly within?: number };
  /**
   * The target is a GraphQL resolver map (`{ Query: {...}, User: {...} }`) rather than a function: every function two
   * levels down is a resolver of that type and field.
   */
  readonly resolverMap?: boolean;
  /**
   * The target is a table of a framework's actions (`FrameworkDescriptor.actionTables`): its member of that name (the
   * table itself when `''`) maps action names to handlers, the functions with a handler's parameters.
   */
  readonly actions?: string;
  /**
   * For the constructor of a dependency-injection provider (a NestJS `@Injectable()`): the class's name, its
   * framework, and the classes its constructor is given, by their declared types. A provider given a request-scoped
   * one is built per request too (the graph's `bubbleRequestScope`).
   */
  readonly provider?: {
    readonly name: string;
    readonly framework: string;
    /** The provider's class, in the file's `classes`. */
    readonly cls: number;
    readonly injects: readonly Value[];
  };
}

/**
 * `[from, to, kind]`: `from` is a function index or -1 for the module's top level; `kind` 0 is an invocation (the
 * callee runs during the call, so start-up and request context both flow), 1 is a callback or nested function (it
 * may run later, so only the request context flows), 2 is a one-off timer (`setTimeout`, `setImmediate`,
 * `process.nextTick`): an invocation, unless the callback schedules itself again, which makes it a periodic job; 3
 * is an invocation under a lazy initialisation (`if (!Cache.instance) Cache.instance = new Cache()`), which runs once
 * per process whoever triggers it: it carries no request context; 4 is an invocation under a lazy initialisation of a
 * field of an instance (`if (!this.client) this.client = connect()`), with the index of the instance's class: a lazy
 * initialisation (3) when the class's constructor is start-up code, so that its instances outlive requests, and an
 * invocation (0) otherwise.
 */
export type Edge =
  readonly [from: number, to: Target, kind: 0 | 1 | 2 | 3] | readonly [from: number, to: Target, kind: 4, cls: number];

/**
 * What a value is, in terms the graph can evaluate across files: a function or class of this file, a reference into
 * another module, an object of such values, an instance of a class, a value of a known data shape (`prisma-client`,
 * `mongoose-model`, ...), a parameter of a function (its values come from the call sites), a field of a class (its
 * values come from assignments to `this.<field>`), a property of another value, the result of calling a value, one of
 * several values, what the application stores in a holder (`app.locals.db = db`, read as `req.app.locals.db`), or
 * a row of a table that its library makes an instance of the project's model class for that table (`R.find('monitor')`
 * of RedBeanNode). Exports, returns, call arguments and field assignments are all values.
 */
export type Value =
  | { readonly fn: number }
  | { readonly ref: number }
  | { readonly members: Readonly<Record<string, Value>> }
  | { readonly cls: number }
  | { readonly instance: Value }
  | { readonly shape: string }
  | { readonly param: readonly [fn: number, index: number] }
  | { readonly field: readonly [cls: number, name: string] }
  | { readonly get: readonly [object: Value, name: string] }
  | { readonly result: Value }
  | { readonly any: readonly Value[] }
  | { readonly holder: string }
  | { readonly row: string }
  /**
   * A member of the module's own exports, read inside the module (`const get = exports.get`); `''` for the exports
   * object itself (`module.exports`, or a name for it, passed to a function that adds members).
   */
  | { readonly export: string }
  /**
   * A member of a value a few levels down, chosen by a path at run time: `path.split('.').reduce((o, k) => o[k], api)`
   * of a dispatcher that calls `api.posts.reply` for the message `posts.reply`.
   */
  | { readonly nested: Value };

/** What other files read of an export: a value. */
export type ExportValue = Value;

export interface ClassSummary {
  readonly name: string;
  /** Instance methods and arrow-function fields. */
  readonly methods: Readonly<Record<string, number>>;
  /** Static methods and static fields. */
  readonly statics: Readonly<Record<string, Value>>;
  /** The constructor, when the class declares one. */
  readonly ctor?: number;
  /**
   * The class is a constructor function (`function Pad() {}` with `Pad.prototype.copy = ...`): calling it as a
   * function (`Pad.call(this)` of a subclass's constructor) runs the constructor.
   */
  readonly callable?: boolean;
  /** A dependency-injection provider built per request (NestJS `@Injectable({ scope: Scope.REQUEST })`). */
  readonly requestScoped?: boolean;
  /** What `this.<field>` is assigned anywhere in the class (parameter properties and injected types included). */
  readonly fields: Readonly<Record<string, readonly Value[]>>;
  /** The data shape of its instances (`class Db extends PrismaClient`). */
  readonly instanceShape?: string;
  /** The data shape of the class itself (`class User extends Model`, `class User extends BaseEntity`). */
  readonly staticShape?: string;
  /** The class it extends, when that is the project's own or another module's class. */
  readonly extends?: Value;
}

/** A call whose arguments have values the graph can follow into the callee's parameters. */
export interface CallSummary {
  /** The calling function's index, or -1 for the module's top level. */
  readonly from: number;
  readonly to: Target;
  /** One value per argument, `null` where the analysis has none. */
  readonly args: readonly (Value | null)[];
}
