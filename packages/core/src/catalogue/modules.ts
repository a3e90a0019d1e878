/** Node built-in modules that the catalogue refers to. They are importable with and without the `node:` prefix. */
export const NODE_BUILTINS: ReadonlySet<string> = new Set([
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'stream/consumers',
  'stream/promises',
  'timers',
  'timers/promises',
  'tls',
  'url',
  'util',
  'v8',
  'worker_threads',
  'zlib',
]);

/** The specifiers under which a module can be imported: built-ins also with the `node:` prefix. */
export function withNodePrefix(moduleName: string): string[] {
  if (moduleName.startsWith('node:')) return [moduleName, moduleName.slice(5)];
  return NODE_BUILTINS.has(moduleName) ? [moduleName, `node:${moduleName}`] : [moduleName];
}
