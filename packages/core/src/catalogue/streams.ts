import type { ApiEntry } from './types.js';

/** An API that creates a Node stream: the provenance by which `.pipe()` chains are recognised as Node streams. */
export interface StreamApiEntry extends ApiEntry {
  /** Which ends the created stream has. */
  readonly kind: 'readable' | 'writable' | 'duplex';
}

function streamEntry(
  module: string | string[],
  path: string[],
  usage: 'call' | 'construct',
  kind: StreamApiEntry['kind'],
): StreamApiEntry {
  const modules = Array.isArray(module) ? module : [module];
  return {
    id: `${modules[0]}.${path.join('.')}${usage === 'construct' ? ' (new)' : '()'}`,
    modules,
    path,
    usage,
    category: 'streams',
    tags: ['stream-source'],
    kind,
  };
}

const ZLIB_STREAMS = [
  'createGzip',
  'createGunzip',
  'createDeflate',
  'createInflate',
  'createDeflateRaw',
  'createInflateRaw',
  'createUnzip',
  'createBrotliCompress',
  'createBrotliDecompress',
] as const;

/**
 * APIs that return Node streams. Request and response objects of HTTP handlers are streams too; they are known from
 * the handler's parameters (see `handlerStreamParams`), not from this list.
 */
export const STREAM_SOURCES: readonly StreamApiEntry[] = [
  streamEntry('fs', ['createReadStream'], 'call', 'readable'),
  streamEntry('fs', ['createWriteStream'], 'call', 'writable'),
  ...ZLIB_STREAMS.map((name) => streamEntry('zlib', [name], 'call', 'duplex')),
  streamEntry('crypto', ['createCipheriv'], 'call', 'duplex'),
  streamEntry('crypto', ['createDecipheriv'], 'call', 'duplex'),
  streamEntry('crypto', ['createHash'], 'call', 'duplex'),
  streamEntry('crypto', ['createHmac'], 'call', 'duplex'),
  streamEntry('net', ['connect'], 'call', 'duplex'),
  streamEntry('net', ['createConnection'], 'call', 'duplex'),
  streamEntry('net', ['Socket'], 'construct', 'duplex'),
  streamEntry('tls', ['connect'], 'call', 'duplex'),
  streamEntry(['http', 'https'], ['request'], 'call', 'writable'),
  streamEntry(['http', 'https'], ['get'], 'call', 'writable'),
  ...(['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough'] as const).map((name) =>
    streamEntry(
      'stream',
      [name],
      'construct',
      name === 'Readable' ? 'readable' : name === 'Writable' ? 'writable' : 'duplex',
    ),
  ),
  streamEntry('stream', ['Readable', 'from'], 'call', 'readable'),
  streamEntry('stream', ['Duplex', 'from'], 'call', 'duplex'),
  // Libraries whose parsers, serialisers and archives are Node streams, piped from uploads and into responses.
  streamEntry('csv-parse', ['parse'], 'call', 'duplex'),
  streamEntry('csv-parse', [], 'call', 'duplex'),
  streamEntry('csv-stringify', ['stringify'], 'call', 'duplex'),
  streamEntry('csv-stringify', [], 'call', 'duplex'),
  streamEntry('csv-parser', [], 'call', 'duplex'),
  streamEntry('fast-csv', ['parse'], 'call', 'duplex'),
  streamEntry('fast-csv', ['format'], 'call', 'duplex'),
  // `Papa.parse(Papa.NODE_STREAM_INPUT, config)`: only its stream form is ever piped.
  streamEntry('papaparse', ['parse'], 'call', 'duplex'),
  streamEntry('through2', [], 'call', 'duplex'),
  streamEntry('split2', [], 'call', 'duplex'),
  streamEntry('archiver', [], 'call', 'readable'),
];

/** `finished(stream, callback)` and `pipeline(...)`: APIs that observe a stream's errors. */
export const STREAM_COMPLETION_APIS: readonly ApiEntry[] = [
  {
    id: 'stream.finished',
    modules: ['stream'],
    path: ['finished'],
    usage: 'call',
    category: 'streams',
    tags: ['stream-finished'],
  },
  {
    id: 'stream.promises.finished',
    modules: ['stream'],
    path: ['promises', 'finished'],
    usage: 'call',
    category: 'streams',
    tags: ['stream-finished'],
  },
  {
    id: 'stream/promises.finished',
    modules: ['stream/promises'],
    path: ['finished'],
    usage: 'call',
    category: 'streams',
    tags: ['stream-finished'],
  },
  {
    id: 'stream.pipeline',
    modules: ['stream'],
    path: ['pipeline'],
    usage: 'call',
    category: 'streams',
    tags: ['stream-pipeline'],
  },
  {
    id: 'stream.promises.pipeline',
    modules: ['stream'],
    path: ['promises', 'pipeline'],
    usage: 'call',
    category: 'streams',
    tags: ['stream-pipeline'],
  },
  {
    id: 'stream/promises.pipeline',
    modules: ['stream/promises'],
    path: ['pipeline'],
    usage: 'call',
    category: 'streams',
    tags: ['stream-pipeline'],
  },
];

/** A read of a whole file into memory. */
export interface WholeFileReadEntry extends ApiEntry {
  /** How the contents arrive: returned, as a promise, or as the callback's second argument. */
  readonly style: 'sync' | 'promise' | 'callback';
}

/** Reads that load a whole file into one Buffer or string. */
export const WHOLE_FILE_READS: readonly WholeFileReadEntry[] = [
  {
    id: 'fs.readFileSync',
    modules: ['fs'],
    path: ['readFileSync'],
    usage: 'call',
    category: 'streams',
    tags: ['whole-file-read'],
    style: 'sync',
  },
  {
    id: 'fs.readFile',
    modules: ['fs'],
    path: ['readFile'],
    usage: 'call',
    category: 'streams',
    tags: ['whole-file-read'],
    style: 'callback',
  },
  {
    id: 'fs.promises.readFile',
    modules: ['fs'],
    path: ['promises', 'readFile'],
    usage: 'call',
    category: 'streams',
    tags: ['whole-file-read'],
    style: 'promise',
  },
  {
    id: 'fs/promises.readFile',
    modules: ['fs/promises'],
    path: ['readFile'],
    usage: 'call',
    category: 'streams',
    tags: ['whole-file-read'],
    style: 'promise',
  },
];
