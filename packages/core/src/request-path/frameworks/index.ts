import type { ApiEntry } from '../../catalogue/types.js';
import { elysia } from './elysia.js';
import { express } from './express.js';
import { fastify } from './fastify.js';
import { graphqlServers } from './graphql.js';
import { hapi } from './hapi.js';
import { hono } from './hono.js';
import { koa } from './koa.js';
import { nestjs } from './nestjs.js';
import { nocobase } from './nocobase.js';
import { nodeHttp } from './node-http.js';
import { openapiBackend } from './openapi-backend.js';
import { commandLine } from './cli.js';
import { bull, bullmq } from './queues.js';
import { routingControllers } from './routing-controllers.js';
import { typeGraphql } from './type-graphql.js';
import { fileWatchers } from './watchers.js';
import type {
  ActionTable,
  BaseClassEntry,
  DecoratorSet,
  FrameworkDescriptor,
  HandlerParamsShape,
  RegistrationEntry,
} from './types.js';

export * from './types.js';

/** Every framework the request-path model knows, one descriptor each. */
export const FRAMEWORKS: readonly FrameworkDescriptor[] = [
  express,
  koa,
  fastify,
  hapi,
  nodeHttp,
  hono,
  elysia,
  openapiBackend,
  nocobase,
  bullmq,
  bull,
  ...nestjs,
  typeGraphql,
  routingControllers,
  graphqlServers,
  fileWatchers,
  commandLine,
];

/** The handler registrations of every framework, as one catalogue list for the reference tracker. */
export const REGISTRATIONS: readonly RegistrationEntry[] = FRAMEWORKS.flatMap(
  (framework) => framework.registrations ?? [],
);

/** The action tables of every framework, with the framework's name, by method (several frameworks may share one). */
export const ACTION_TABLES: ReadonlyMap<string, ReadonlyArray<ActionTable & { readonly framework: string }>> = (() => {
  const tables = new Map<string, Array<ActionTable & { readonly framework: string }>>();
  for (const framework of FRAMEWORKS) {
    for (const table of framework.actionTables ?? []) {
      const list = tables.get(table.method) ?? [];
      list.push({ ...table, framework: framework.name });
      tables.set(table.method, list);
    }
  }
  return tables;
})();

/** The base classes of every framework. */
export const BASE_CLASSES: readonly BaseClassEntry[] = FRAMEWORKS.flatMap((framework) => framework.baseClasses ?? []);

/** A decorator of a framework, found through its import like any catalogue API. */
export interface DecoratorEntry extends ApiEntry {
  readonly framework: string;
  readonly set: DecoratorSet;
  readonly role: 'handler' | 'provider';
}

/**
 * Every framework decorator, as one catalogue list (each decorator is called: `@Get()`; a bare `@Injectable` is read).
 */
export const DECORATORS: readonly DecoratorEntry[] = FRAMEWORKS.flatMap((framework) => {
  const set = framework.decorators;
  if (!set) return [];
  const names: Array<[string, 'handler' | 'provider']> = [
    ...Object.keys(set.handlers ?? {}).map((name): [string, 'handler'] => [name, 'handler']),
    ...(set.providers ?? []).map((name): [string, 'provider'] => [name, 'provider']),
  ];
  return set.modules.flatMap((module) =>
    names.flatMap(([name, role]) =>
      (['call', 'read'] as const).map((usage): DecoratorEntry => ({
        id: `${module}.${name}${usage === 'call' ? '()' : ''}`,
        modules: [module],
        path: [name],
        usage,
        category: 'event-loop',
        tags: ['decorator'],
        framework: framework.name,
        set,
        role,
      })),
    ),
  );
});

/** Option names whose values are GraphQL resolver maps. */
export const RESOLVER_MAP_OPTIONS: ReadonlySet<string> = new Set(
  FRAMEWORKS.flatMap((framework) => framework.resolverMapOptions ?? []),
);

const paramsByName = new Map(
  FRAMEWORKS.filter((framework) => framework.params).map((framework) => [framework.name, framework.params]),
);

/** How an HTTP framework passes the request to its handlers; `undefined` for frameworks that pass no Node streams. */
export function frameworkParams(name: string | undefined): HandlerParamsShape | undefined {
  // Handlers recognised by shape alone (`router.get('/x', fn)` on an untracked router) are read as Express handlers.
  return paramsByName.get(name ?? 'Express');
}

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

/**
 * An application's own lifecycle events (`afterStart`, `beforeStop`, `afterLoad`, `beforeReload`): they fire when the
 * application or one of its plugins starts, loads, reloads or stops, not per request.
 */
const LIFECYCLE_EVENT = new RegExp(
  String.raw`^(?:before|after)` +
    String.raw`(?:Start|Stop|Load|Reload|Restart|Destroy|Install|Upgrade|Init|Initialize|Boot|Shutdown)` +
    String.raw`(?:[A-Z]\w*)?$`,
  'u',
);

/** Whether listeners of an event run around start-up, shutdown or a crash rather than per request. */
export const isStartupEvent = (event: string): boolean => STARTUP_EVENTS.has(event) || LIFECYCLE_EVENT.test(event);

/**
 * Array and promise methods that call their callback during the call (or right after it, for `then`), and
 * OpenTelemetry's `tracer.startActiveSpan(name, [options], [context], fn)`, which runs `fn` in the new span at once.
 */
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
  'startActiveSpan',
]);

/** Global functions that run their callback later, while the process serves requests. */
export const TIMER_FUNCTIONS: ReadonlySet<string> = new Set([
  'setInterval',
  'setTimeout',
  'setImmediate',
  'queueMicrotask',
]);

/**
 * A timer that waits at least this long (an hour, in milliseconds) is a rare background job: its callback runs in
 * the context of the code that set it, like a call, and never makes a loop that runs per tick.
 */
export const RARE_TIMER_MS = 60 * 60 * 1000;

/** GraphQL root operation types; fields of other types resolve once per parent object. */
export const GRAPHQL_ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation', 'Subscription']);
