import type { ApiEntry } from './types.js';

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
  {
    id: 'async.mapLimit',
    modules: ['async'],
    path: ['mapLimit'],
    usage: 'call',
    category: 'async',
    tags: ['concurrency-map'],
  },
  {
    id: 'async.eachLimit',
    modules: ['async'],
    path: ['eachLimit'],
    usage: 'call',
    category: 'async',
    tags: ['concurrency-map'],
  },
];

/**
 * The collection functions of the `async` library (and its drop-in `neo-async`) whose iteratee runs once per element
 * of the collection they are given first: `async.map(ids, (id, next) => db.get(id, next), done)`. The value is the
 * iteratee's argument position (`mapLimit(coll, limit, iteratee)` takes it third).
 */
export const ASYNC_COLLECTION_ITERATEES: Readonly<Record<string, number>> = (() => {
  const byName: Record<string, number> = {};
  const families = [
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
  for (const name of families) {
    byName[name] = 1;
    byName[`${name}Series`] = 1;
    byName[`${name}Limit`] = 2;
  }
  byName.sortBy = 1;
  return byName;
})();

const ASYNC_COLLECTION_MODULES = ['async', 'neo-async'];

/** `async.map(...)`, `require('async/map')(...)`, `import { mapSeries } from 'async'`: see `ASYNC_COLLECTION_ITERATEES`. */
export const ASYNC_COLLECTION_APIS: readonly ApiEntry[] = Object.keys(ASYNC_COLLECTION_ITERATEES).flatMap((name) => [
  {
    id: `async.${name}`,
    modules: ASYNC_COLLECTION_MODULES,
    path: [name],
    usage: 'call' as const,
    category: 'async' as const,
    tags: ['async-collection'],
  },
  {
    id: `async.${name}`,
    modules: [`async/${name}`],
    path: [],
    usage: 'call' as const,
    category: 'async' as const,
    tags: ['async-collection'],
  },
]);
