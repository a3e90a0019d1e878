import type { ApiEntry } from './types.js';

function clusterCall(name: string, tags: string[]): ApiEntry {
  return { id: `cluster.${name}`, modules: ['cluster'], path: [name], usage: 'call', category: 'process', tags };
}

/** `cluster.fork()` and the `cluster` event registrations through which a primary learns that a worker died. */
export const CLUSTER_APIS: readonly ApiEntry[] = [
  clusterCall('fork', ['cluster-fork']),
  ...['on', 'addListener', 'prependListener'].map((name) => clusterCall(name, ['cluster-listener', 'add-listener'])),
  ...['once', 'prependOnceListener'].map((name) => clusterCall(name, ['cluster-listener', 'add-once-listener'])),
  ...['off', 'removeListener', 'removeAllListeners'].map((name) => clusterCall(name, ['remove-listener'])),
];

/** `gc()`, `global.gc()` and `globalThis.gc()`: the collector that `node --expose-gc` exposes. */
export const GC_APIS: readonly ApiEntry[] = [
  { id: 'global.gc', modules: [], path: [], globalPath: ['gc'], usage: 'call', category: 'process', tags: ['gc'] },
];

const ADD_LISTENER = ['on', 'addListener', 'prependListener'];
const ADD_ONCE_LISTENER = ['once', 'prependOnceListener'];
const REMOVE_LISTENER = ['off', 'removeListener', 'removeAllListeners'];

function processCall(name: string, tag: string): ApiEntry {
  return {
    id: `process.${name}`,
    modules: ['process'],
    path: [name],
    globalPath: ['process', name],
    usage: 'call',
    category: 'memory',
    tags: [tag],
  };
}

/** Listener registrations and removals on `process`, global or imported from `node:process`. */
export const PROCESS_LISTENER_APIS: readonly ApiEntry[] = [
  ...ADD_LISTENER.map((name) => processCall(name, 'add-listener')),
  ...ADD_ONCE_LISTENER.map((name) => processCall(name, 'add-once-listener')),
  ...REMOVE_LISTENER.map((name) => processCall(name, 'remove-listener')),
];

/** Emitter method names by what they do to the listener list. */
export const LISTENER_METHODS = {
  add: ADD_LISTENER,
  addOnce: ADD_ONCE_LISTENER,
  remove: REMOVE_LISTENER,
} as const;

function timer(name: string, tag: string): ApiEntry {
  return {
    id: name,
    modules: ['timers'],
    path: [name],
    globalPath: [name],
    usage: 'call',
    category: 'memory',
    tags: [tag],
  };
}

/** `setInterval`, and `clearInterval`/`clearTimeout` (either clears an interval), global or from `node:timers`. */
export const INTERVAL_APIS: readonly ApiEntry[] = [
  timer('setInterval', 'set-interval'),
  timer('clearInterval', 'clear-interval'),
  timer('clearTimeout', 'clear-interval'),
];
