import type { ApiEntry } from '../../catalogue/types.js';

/**
 * What the function arguments of a method call mean:
 * - `handler`: every function argument handles requests (`app.get(path, ...handlers)`).
 * - `startup`: the function argument runs once at start-up (`server.listen(port, callback)`).
 * - `route-object`: arguments are route definitions whose `handler` runs per request (`server.route({ handler })`).
 * - `hook`: the first argument names a lifecycle hook; start-up hooks run once, the others per request.
 * - `emitter`: the first argument names an event; process-lifecycle events are start-up, the others per request.
 */
export type MethodRole = 'handler' | 'startup' | 'route-object' | 'hook' | 'emitter';

/** What kind of work a handler does per call; messages and some rules (GraphQL resolvers, HTTP streams) use it. */
export type HandlerKind = 'route' | 'server' | 'resolver' | 'controller' | 'consumer' | 'timer' | 'listener' | 'hook';

/** An API that creates an object whose methods register request handlers, or that registers handlers itself. */
export interface RegistrationEntry extends ApiEntry {
  /** Framework name used in messages. */
  readonly framework: string;
  /** The call or construction itself registers its function arguments as handlers (`http.createServer(fn)`). */
  readonly registersArguments?: boolean;
  /** What the handlers registered by the call or construction itself are (default `route`). */
  readonly handlerKind?: HandlerKind;
  /** Methods of the created object and what their function arguments are. */
  readonly methods?: Readonly<Record<string, MethodRole>>;
}

/**
 * How a framework passes the request to an HTTP handler, for the rules that read request bodies and response
 * streams: the first parameter is the request (or context), the second the response when `response` is set.
 */
export interface HandlerParamsShape {
  /**
   * Properties of the first parameter that are Node streams (`req` and `res` of Koa's `ctx`, `raw` of Fastify's
   * request).
   */
  readonly streamMembers: Readonly<Record<string, 'readable' | 'writable'>>;
  /** Properties of the second parameter that are Node streams (`raw` of Fastify's reply). */
  readonly responseMembers: Readonly<Record<string, 'writable'>>;
  /** The second parameter is passed (a response or reply object). */
  readonly response: boolean;
  /** The second parameter is itself a Node `ServerResponse`. */
  readonly responseIsStream: boolean;
  /** Route handlers get `next` as the third parameter (Express error passing). */
  readonly next: boolean;
}

/** Decorators that make classes and methods part of the request path (NestJS, type-graphql, routing-controllers). */
export interface DecoratorSet {
  /** Modules that export the decorators. */
  readonly modules: readonly string[];
  /** Method decorators whose method handles requests; with `graphql`, what GraphQL field it resolves. */
  readonly handlers?: Readonly<Record<string, { readonly kind: HandlerKind; readonly graphql?: 'root' | 'field' }>>;
  /**
   * Class decorators whose classes are created once by the framework (constructors and lifecycle hooks are start-up).
   */
  readonly providers?: readonly string[];
  /** Class decorators that name the GraphQL type of the class's field resolvers (`@Resolver(() => Post)`). */
  readonly resolverTypes?: readonly string[];
  /** Methods of provider classes that the framework calls once at start-up or shutdown. */
  readonly lifecycle?: readonly string[];
}

/**
 * A class of a framework that programs extend, and the methods of a subclass that the framework calls once per
 * process (`class Start extends Command { async run() {} }` of oclif): those methods are start-up code. The subclass
 * may extend it through classes of the project (`class Start extends BaseCommand`, `class BaseCommand extends
 * Command`).
 */
export interface BaseClassEntry {
  /** What messages call a subclass: "oclif command `Start.run`". */
  readonly kind: string;
  readonly modules: readonly string[];
  /** Export path of the class inside the module (`['Command']`). */
  readonly path: readonly string[];
  readonly startup: readonly string[];
}

/**
 * One framework: how it registers handlers, what its handler parameters are and which of its calls are start-up.
 * Every framework the request-path model knows is one descriptor in `request-path/frameworks/`; adding one is adding
 * a file there and listing it in `index.ts`.
 */
export interface FrameworkDescriptor {
  /** The name messages use ("Express route handler `GET /users`"). */
  readonly name: string;
  readonly registrations?: readonly RegistrationEntry[];
  readonly decorators?: DecoratorSet;
  /** For HTTP frameworks: what the handler's parameters are. */
  readonly params?: HandlerParamsShape;
  /**
   * Properties of option objects whose value is a GraphQL resolver map or an array of them, wherever the object is
   * passed (`new ApolloServer({ typeDefs, resolvers })`, `app.register(mercurius, { schema, resolvers })`).
   */
  readonly resolverMapOptions?: readonly string[];
  readonly baseClasses?: readonly BaseClassEntry[];
  /**
   * Calls, on any receiver, that define a table of actions by name: the first argument (or its `member`) maps names
   * to handlers, each a function with a handler's parameters, wherever the table is written (NocoBase's
   * `resourcer.define({ name: 'pm', actions: { list(ctx, next) {} } })`).
   */
  readonly actionTables?: readonly ActionTable[];
}

/** A method that registers a table of named actions (see `FrameworkDescriptor.actionTables`). */
export interface ActionTable {
  readonly method: string;
  /** The property of the argument that holds the table; the argument itself when absent. */
  readonly member?: string;
}

export const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all'] as const;

/** Every HTTP verb method with one role. */
export const verbs = (role: MethodRole): Record<string, MethodRole> =>
  Object.fromEntries(HTTP_VERBS.map((verb) => [verb, role]));

/** A registration entry of a framework: the API's module, export path and how it is used. */
export function registration(
  framework: string,
  modules: readonly string[],
  path: readonly string[],
  usage: 'call' | 'construct' | 'read',
  extra: Pick<RegistrationEntry, 'registersArguments' | 'methods' | 'handlerKind'>,
): RegistrationEntry {
  return {
    id: `${modules[0] ?? ''}${path.length ? `.${path.join('.')}` : ''}${usage === 'construct' ? ' (new)' : usage === 'call' ? '()' : ''}`,
    modules: [...modules],
    path: [...path],
    usage,
    category: 'event-loop',
    tags: ['registration'],
    framework,
    ...extra,
  };
}

/** Express-style parameters: `(req, res, next)` with Node streams. */
export const NODE_STREAM_PARAMS: HandlerParamsShape = {
  streamMembers: {},
  responseMembers: {},
  response: true,
  responseIsStream: true,
  next: true,
};
