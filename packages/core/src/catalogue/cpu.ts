import type { ApiEntry } from './types.js';

/** A synchronous, CPU-bound API: it keeps the event loop busy for as long as the computation runs. */
export interface CpuApiEntry extends ApiEntry {
  /** What the call costs under load; used in messages. */
  readonly cost: string;
  /** What to use instead; used in messages. */
  readonly advice: string;
  /**
   * The call computes synchronously only when it is given no callback; with one it works in slices or in workers
   * (node-forge's `generateKeyPair` and `pbkdf2`).
   */
  readonly syncUnlessCallback?: boolean;
}

const KDF_COST =
  'runs a deliberately slow key derivation (tens to hundreds of milliseconds) on the event loop, so every other ' +
  'request waits for it';
const KEYGEN_COST = 'generates a key pair on the event loop (an RSA key takes from tens of milliseconds to seconds)';
const ZLIB_COST = 'compresses or decompresses the whole buffer on the event loop, for a time that grows with its size';
const BCRYPT_COST = 'runs bcrypt rounds on the event loop (about 100 ms at cost 12 and doubling with every round)';

const crypto: CpuApiEntry[] = [
  ['pbkdf2Sync', 'use `crypto.pbkdf2()` (it runs on the libuv thread pool), or a worker pool'],
  ['scryptSync', 'use `crypto.scrypt()` (it runs on the libuv thread pool), or a worker pool'],
  [
    'generateKeyPairSync',
    'use `crypto.generateKeyPair()` (it runs on the libuv thread pool), or generate keys ahead of time',
  ],
].map(([name, advice]) => ({
  id: `crypto.${name}`,
  modules: ['crypto'],
  path: [name],
  usage: 'call' as const,
  category: 'event-loop' as const,
  tags: ['cpu-bound', 'crypto'],
  cost: name === 'generateKeyPairSync' ? KEYGEN_COST : KDF_COST,
  advice: advice,
}));

/** zlib's one-shot synchronous functions and their callback forms (which run on the libuv thread pool). */
const ZLIB_SYNC = [
  'gzipSync',
  'gunzipSync',
  'deflateSync',
  'inflateSync',
  'deflateRawSync',
  'inflateRawSync',
  'unzipSync',
  'brotliCompressSync',
  'brotliDecompressSync',
  // Node 22.15 and 23.8 and later.
  'zstdCompressSync',
  'zstdDecompressSync',
] as const;

const zlib: CpuApiEntry[] = ZLIB_SYNC.map((name) => {
  const asyncName = name.slice(0, -'Sync'.length);
  return {
    id: `zlib.${name}`,
    modules: ['zlib'],
    path: [name],
    usage: 'call',
    category: 'event-loop',
    tags: ['cpu-bound', 'zlib'],
    cost: ZLIB_COST,
    advice:
      `use \`zlib.${asyncName}()\` (promisified, it runs on the libuv thread pool) or a streaming \`zlib\` ` +
      `transform in a \`pipeline\``,
  };
});

const bcrypt: CpuApiEntry[] = (['bcrypt', 'bcryptjs'] as const).flatMap((module) =>
  (
    [
      ['hashSync', 'hash'],
      ['compareSync', 'compare'],
      ['genSaltSync', 'genSalt'],
    ] as const
  ).map(([name, asyncName]) => ({
    id: `${module}.${name}`,
    modules: [module],
    path: [name],
    usage: 'call' as const,
    category: 'event-loop' as const,
    tags: ['cpu-bound', 'bcrypt'],
    cost: BCRYPT_COST,
    advice:
      module === 'bcrypt'
        ? `use \`await bcrypt.${asyncName}()\` (it runs on the libuv thread pool)`
        : `use \`await bcryptjs.${asyncName}()\` in a worker pool (bcryptjs's async form still computes on the ` +
          `main thread, in slices)`,
  })),
);

/**
 * node-forge computes in JavaScript: without a callback, an RSA key pair of 2048 bits takes seconds and a PBKDF2
 * derivation as long as its iterations take, on the event loop. `forge.pki.rsa` is `forge.rsa`.
 */
const forge: CpuApiEntry[] = [
  ...[
    ['pki', 'rsa', 'generateKeyPair'],
    ['rsa', 'generateKeyPair'],
  ].map((path) => ({
    id: `node-forge.${path.join('.')}`,
    modules: ['node-forge'],
    path,
    usage: 'call' as const,
    category: 'event-loop' as const,
    tags: ['cpu-bound', 'node-forge'],
    cost: 'generates an RSA key pair in JavaScript on the event loop (seconds for 2048 bits)',
    advice:
      "use `crypto.generateKeyPair()` (native, on the libuv thread pool), node-forge's callback form with " +
      '`workers`, or generate keys ahead of time',
    syncUnlessCallback: true,
  })),
  {
    id: 'node-forge.pkcs5.pbkdf2',
    modules: ['node-forge'],
    path: ['pkcs5', 'pbkdf2'],
    usage: 'call',
    category: 'event-loop',
    tags: ['cpu-bound', 'node-forge'],
    cost: KDF_COST,
    advice: 'use `crypto.pbkdf2()` (it runs on the libuv thread pool), or a worker pool',
    syncUnlessCallback: true,
  },
];

/**
 * Synchronous CPU-bound APIs. Cheap calls of the same modules (`createHash`, `randomUUID`, `timingSafeEqual`) are
 * deliberately absent: they cost microseconds.
 */
export const CPU_BOUND_APIS: readonly CpuApiEntry[] = [...crypto, ...zlib, ...bcrypt, ...forge];
