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
