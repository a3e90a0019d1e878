import type { ApiEntry } from '../catalogue/types.js';

/**
 * What the function arguments of a method call mean:
 * - `handler`: every function argument handles requests (`app.get(path, ...handlers)`).
 * - `startup`: the function argument runs once at start-up (`server.listen(port, callback)`).
 * - `route-object`: arguments are route definitions whose `handler` runs per request (`server.route({ handler })`).
 * - `hook`: the first argument names a lifecycle hook; start-up hooks run once, the others per request.
 * - `emitter`: the first argument names an event; process-lifecycle events are start-up, the others per request.
 */
export type MethodRole = 'handler' | 'startup' | 'route-object' | 'hook' | 'emitter';

/** An API that creates an object whose methods register request handlers, or that registers handlers itself. */
export interface RegistrationEntry extends ApiEntry {
  /** Framework name used in messages. */
  readonly framework: string;
  /** The call or construction itself registers its function arguments as handlers (`http.createServer(fn)`). */
  readonly registersArguments?: boolean;
  /** Methods of the created object and what their function arguments are. */
  readonly methods?: Readonly<Record<string, MethodRole>>;
}

export const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all'] as const;

const verbs = (role: MethodRole): Record<string, MethodRole> =>
  Object.fromEntries(HTTP_VERBS.map((verb) => [verb, role]));

const SERVER_METHODS: Record<string, MethodRole> = { on: 'emitter', once: 'emitter', listen: 'startup' };

const expressApp: Record<string, MethodRole> = {
  ...verbs('handler'),
  use: 'handler',
  param: 'handler',
  listen: 'startup',
  on: 'emitter',
};

function registration(
  framework: string,
  modules: string[],
  path: string[],
  usage: 'call' | 'construct',
  extra: Pick<RegistrationEntry, 'registersArguments' | 'methods'>,
): RegistrationEntry {
  return {
    id: `${modules[0]}${path.length ? `.${path.join('.')}` : ''}${usage === 'construct' ? ' (new)' : '()'}`,
    modules,
    path,
    usage,
    category: 'event-loop',
    tags: ['registration'],
    framework,
    ...extra,
  };
}

/** Frameworks whose handler registrations the request-path model knows. */
export const REGISTRATIONS: readonly RegistrationEntry[] = [
  registration('Express', ['express'], [], 'call', { methods: expressApp }),
  registration('Express', ['express'], ['Router'], 'call', { methods: expressApp }),
  registration('Koa', ['koa'], [], 'construct', { methods: { use: 'handler', listen: 'startup', on: 'emitter' } }),
  registration('Koa', ['@koa/router', 'koa-router'], [], 'construct', {
    methods: { ...verbs('handler'), use: 'handler', param: 'handler' },
  }),
  registration('Koa', ['@koa/router'], ['Router'], 'construct', {
    methods: { ...verbs('handler'), use: 'handler', param: 'handler' },
  }),
  registration('Fastify', ['fastify'], [], 'call', {
    methods: { ...verbs('handler'), route: 'route-object', addHook: 'hook', listen: 'startup', ready: 'startup' },
  }),
  registration('Fastify', ['fastify'], ['fastify'], 'call', {
    methods: { ...verbs('handler'), route: 'route-object', addHook: 'hook', listen: 'startup', ready: 'startup' },
  }),
  registration('Hapi', ['@hapi/hapi', 'hapi'], ['server'], 'call', {
    methods: { route: 'route-object', ext: 'hook', start: 'startup' },
  }),
  registration('Hapi', ['@hapi/hapi', 'hapi'], ['Server'], 'construct', {
    methods: { route: 'route-object', ext: 'hook', start: 'startup' },
  }),
  registration('http', ['http', 'https', 'http2'], ['createServer'], 'call', {
    registersArguments: true,
    methods: SERVER_METHODS,
  }),
  registration('http', ['http2'], ['createSecureServer'], 'call', {
    registersArguments: true,
    methods: SERVER_METHODS,
  }),
  registration('http', ['http', 'https'], ['Server'], 'construct', {
    registersArguments: true,
    methods: SERVER_METHODS,
  }),
  registration('BullMQ', ['bullmq'], ['Worker'], 'construct', { registersArguments: true }),
  registration('Bull', ['bull'], [], 'construct', { methods: { process: 'handler' } }),
  registration('Bull', ['bull'], [], 'call', { methods: { process: 'handler' } }),
];

/** Hooks that run once at start-up or shutdown (Fastify `addHook`, Hapi `ext`). */
export const STARTUP_HOOKS: ReadonlySet<string> = new Set([
  'onReady',
  'onListen',
  'onClose',
  'preClose',
  'onRoute',
  'onRegister',
  'onPreStart',
  'onPostStart',
  'onPreStop',
  'onPostStop',
]);

/** Events that fire once around start-up, shutdown or crash, when handlers may block. */
export const STARTUP_EVENTS: ReadonlySet<string> = new Set([
  'listening',
  'ready',
  'close',
  'exit',
  'beforeExit',
  'uncaughtException',
  'unhandledRejection',
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGUSR2',
]);

/** Array and promise methods that call their callback during the call (or right after it, for `then`). */
export const INVOKING_METHODS: ReadonlySet<string> = new Set([
  'map',
  'forEach',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'sort',
  'toSorted',
  'then',
  'catch',
  'finally',
  'call',
  'apply',
]);

/** Global functions that run their callback later, while the process serves requests. */
export const TIMER_FUNCTIONS: ReadonlySet<string> = new Set([
  'setInterval',
  'setTimeout',
  'setImmediate',
  'queueMicrotask',
]);

/** NestJS decorators: module, export, and the role of what they decorate. */
export const NEST_ROUTE_DECORATORS: Readonly<Record<string, readonly string[]>> = {
  '@nestjs/common': ['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'Search', 'Sse'],
  '@nestjs/graphql': ['Query', 'Mutation', 'Subscription', 'ResolveField', 'ResolveProperty'],
  '@nestjs/microservices': ['MessagePattern', 'EventPattern'],
  '@nestjs/schedule': ['Cron', 'Interval', 'Timeout'],
  '@nestjs/event-emitter': ['OnEvent'],
  '@nestjs/websockets': ['SubscribeMessage'],
};

/** NestJS class decorators whose constructors run once, at start-up. */
export const NEST_PROVIDER_DECORATORS: Readonly<Record<string, readonly string[]>> = {
  '@nestjs/common': ['Injectable', 'Controller', 'Module', 'Catch'],
  '@nestjs/graphql': ['Resolver'],
  '@nestjs/websockets': ['WebSocketGateway'],
};

/** NestJS lifecycle methods that run at start-up or shutdown. */
export const NEST_LIFECYCLE_METHODS: ReadonlySet<string> = new Set([
  'onModuleInit',
  'onApplicationBootstrap',
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
]);

/** GraphQL root operation types; fields of other types resolve once per parent object. */
export const GRAPHQL_ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation', 'Subscription']);
