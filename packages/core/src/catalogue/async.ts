import type { ApiEntry } from './types.js';

/** A collection function of the `async` library: its name and where its iteratee is among the arguments. */
export interface AsyncCollectionEntry extends ApiEntry {
  /** `map`, `eachLimit`, `mapSeries`, ... */
  readonly collection: string;
  /** The iteratee's argument position (`mapLimit(coll, limit, iteratee)` takes it third). */
  readonly iteratee: number;
}

const ASYNC_COLLECTION_FAMILIES = [
  'each',
  'forEach',
  'eachOf',
  'forEachOf',
  'map',
  'mapValues',
  'concat',
  'flatMap',
  'filter',
  'select',
  'reject',
  'detect',
  'find',
  'some',
  'any',
  'every',
  'all',
  'groupBy',
];

/**
 * The collection functions of the `async` library (and its drop-in `neo-async`) whose iteratee runs once per element
 * of the collection they are given first: `async.map(ids, (id, next) => db.get(id, next), done)`, also
 * `require('async/map')(...)` and `import { mapSeries } from 'async'`. The `*Limit` forms are concurrency-bounded maps.
 */
export const ASYNC_COLLECTION_APIS: readonly AsyncCollectionEntry[] = [
  ...ASYNC_COLLECTION_FAMILIES.flatMap((family) => [family, `${family}Series`, `${family}Limit`]),
  'sortBy',
].flatMap((collection) => {
  const limited = collection.endsWith('Limit');
  const common = {
    id: `async.${collection}`,
    usage: 'call' as const,
    category: 'async' as const,
    tags: ['async-collection', ...(limited ? ['concurrency-map'] : [])],
    collection,
    iteratee: limited ? 2 : 1,
  };
  return [
    { ...common, modules: ['async', 'neo-async'], path: [collection] },
    { ...common, modules: [`async/${collection}`], path: [] },
  ];
});

/**
 * Functions of the `async` library (and `neo-async`) that run the functions they are given as part of the call's own
 * flow, before its final callback: control flow (`series`, `parallel`, `waterfall`, `auto`, loops) and the collection
 * functions. Not the queues (`queue`, `cargo`: their workers run whenever work is pushed later), `forever` (a loop for
 * the life of the process, like an interval), nor the wrappers that return a function to call later (`memoize`,
 * `asyncify`, `timeout`; `apply` is read as a call of its function, see `asyncPartialApplication`).
 */
export const ASYNC_FLOW_FUNCTIONS: ReadonlySet<string> = new Set([
  ...ASYNC_COLLECTION_APIS.map((entry) => entry.collection),
  'series',
  'parallel',
  'parallelLimit',
  'waterfall',
  'auto',
  'autoInject',
  'whilst',
  'doWhilst',
  'until',
  'doUntil',
  'during',
  'doDuring',
  'retry',
  'times',
  'timesSeries',
  'timesLimit',
  'race',
  'tryEach',
]);

/**
 * The function of the `async` library (or `neo-async`) that a module reference names, or `null`: `series` for
 * `async.series`, `require('async/series')`, and their ES imports (read through `default`).
 */
export function asyncLibraryFunction(module: string, path: readonly string[]): string | null {
  const inner = path[0] === 'default' ? path.slice(1) : path;
  if (module === 'async' || module === 'neo-async') return inner.length === 1 ? (inner[0] ?? null) : null;
  return module.startsWith('async/') && inner.length === 0 ? module.slice('async/'.length) : null;
}

/** Whether a module reference names one of `ASYNC_FLOW_FUNCTIONS`. */
export function asyncFlowFunction(module: string, path: readonly string[]): boolean {
  return ASYNC_FLOW_FUNCTIONS.has(asyncLibraryFunction(module, path) ?? '');
}

/**
 * Whether a module reference names the library's partial application: `async.apply(fn, a, b)` is a function that
 * calls `fn(a, b, ...rest)` (`async.parallel({ user: async.apply(user.getUserFields, uid, fields) })`).
 */
export function asyncPartialApplication(module: string, path: readonly string[]): boolean {
  return asyncLibraryFunction(module, path) === 'apply';
}

/**
 * APIs the async-pattern detectors need to recognise: promise-based sleeps (a loop that sleeps between awaits is
 * pacing or backing off on purpose) and concurrency limiters (work wrapped in one is already bounded).
 */
export const ASYNC_APIS: readonly ApiEntry[] = [
  {
    id: 'timers/promises.setTimeout',
    modules: ['timers/promises'],
    path: ['setTimeout'],
    usage: 'call',
    category: 'async',
    tags: ['sleep'],
  },
  {
    id: 'timers.promises.setTimeout',
    modules: ['timers'],
    path: ['promises', 'setTimeout'],
    usage: 'call',
    category: 'async',
    tags: ['sleep'],
  },
  { id: 'p-limit', modules: ['p-limit'], path: [], usage: 'call', category: 'async', tags: ['concurrency-limit'] },
  {
    id: 'p-limit.default',
    modules: ['p-limit'],
    path: ['default'],
    usage: 'call',
    category: 'async',
    tags: ['concurrency-limit'],
  },
  {
    id: 'p-limit.limitFunction',
    modules: ['p-limit'],
    path: ['limitFunction'],
    usage: 'call',
    category: 'async',
    tags: ['concurrency-limit'],
  },
  { id: 'p-map', modules: ['p-map'], path: [], usage: 'call', category: 'async', tags: ['concurrency-map'] },
  {
    id: 'p-map.default',
    modules: ['p-map'],
    path: ['default'],
    usage: 'call',
    category: 'async',
    tags: ['concurrency-map'],
  },
  // Bluebird's `map` takes a `concurrency` option, without which it starts every item at once.
  {
    id: 'bluebird.map',
    modules: ['bluebird'],
    path: ['map'],
    usage: 'call',
    category: 'async',
    tags: ['concurrency-map'],
  },
  // Combinators of other libraries that settle an array of promises, as `Promise.all` does: each starts nothing, so
  // the promises given to them are already all started.
  ...(['all', 'allSettled', 'any'] as const).map((name): ApiEntry => ({
    id: `bluebird.${name}`,
    modules: ['bluebird'],
    path: [name],
    usage: 'call',
    category: 'async',
    tags: ['promise-combinator'],
  })),
  {
    id: '@medusajs/utils.promiseAll',
    modules: ['@medusajs/utils'],
    path: ['promiseAll'],
    usage: 'call',
    category: 'async',
    tags: ['promise-combinator'],
  },
  { id: 'p-queue', modules: ['p-queue'], path: [], usage: 'construct', category: 'async', tags: ['concurrency-limit'] },
  {
    id: 'p-queue.default',
    modules: ['p-queue'],
    path: ['default'],
    usage: 'construct',
    category: 'async',
    tags: ['concurrency-limit'],
  },
  {
    id: 'bottleneck',
    modules: ['bottleneck'],
    path: [],
    usage: 'construct',
    category: 'async',
    tags: ['concurrency-limit'],
  },
  // The `async` library's collection functions, below: its `*Limit` forms bound their concurrency.
  ...ASYNC_COLLECTION_APIS,
];
