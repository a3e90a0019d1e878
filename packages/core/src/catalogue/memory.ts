import type { ApiEntry } from './types.js';

function globalClass(name: string, tag: string): ApiEntry {
  return { id: name, modules: [], path: [], globalPath: [name], usage: 'construct', category: 'memory', tags: [tag] };
}

/** The built-in keyed collections, when the global is not shadowed. Weak collections cannot grow without bound. */
export const COLLECTION_CONSTRUCTORS: readonly ApiEntry[] = [
  globalClass('Map', 'map'),
  globalClass('Set', 'set'),
  globalClass('WeakMap', 'weak'),
  globalClass('WeakSet', 'weak'),
];

/**
 * Module resolvers, whose result is the path of a file the installation holds (`require.resolve(name)`,
 * `resolve.sync(name, options)` of the `resolve` package): a key made of one can take only as many values as there
 * are such files. (`import.meta.resolve` is syntax, recognised by the rules that need it.)
 */
export const MODULE_RESOLVERS: readonly ApiEntry[] = [
  {
    id: 'require.resolve',
    modules: [],
    path: [],
    globalPath: ['require', 'resolve'],
    usage: 'call',
    category: 'memory',
    tags: ['resolver'],
  },
  { id: 'resolve.sync', modules: ['resolve'], path: ['sync'], usage: 'call', category: 'memory', tags: ['resolver'] },
];

/**
 * Objects that live as long as the process when created at module scope: event emitters and servers. Their
 * listeners are never collected while the object lives.
 */
export const LONG_LIVED_EMITTERS: readonly ApiEntry[] = [
  {
    id: 'events.EventEmitter',
    modules: ['events'],
    path: [],
    usage: 'construct',
    category: 'memory',
    tags: ['emitter'],
  },
  {
    id: 'events.EventEmitter',
    modules: ['events'],
    path: ['EventEmitter'],
    usage: 'construct',
    category: 'memory',
    tags: ['emitter'],
  },
  ...(['http', 'https', 'http2', 'net', 'tls'] as const).map((module): ApiEntry => ({
    id: `${module}.createServer`,
    modules: [module],
    path: ['createServer'],
    usage: 'call',
    category: 'memory',
    tags: ['server'],
  })),
  ...(['http', 'https', 'net', 'tls'] as const).map((module): ApiEntry => ({
    id: `${module}.Server`,
    modules: [module],
    path: ['Server'],
    usage: 'construct',
    category: 'memory',
    tags: ['server'],
  })),
];
