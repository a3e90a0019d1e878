import type { SyncApiEntry } from './types.js';

const FS_COST = 'waits for the disk with the event loop stopped, so every other request in this process waits too';
const PROCESS_COST = 'blocks the event loop until the child process exits, so no other request is served meanwhile';

/** Sync fs functions whose promise form in `fs/promises` takes the same arguments and returns the same value. */
const SAME_SHAPE_FS = [
  'access',
  'appendFile',
  'chmod',
  'chown',
  'copyFile',
  'cp',
  'lchown',
  'link',
  'lstat',
  'lutimes',
  'mkdir',
  'mkdtemp',
  'readdir',
  'readFile',
  'readlink',
  'realpath',
  'rename',
  'rm',
  'rmdir',
  'stat',
  'statfs',
  'symlink',
  'truncate',
  'unlink',
  'utimes',
  'writeFile',
] as const;

/** Sync fs functions that work on file descriptors or have no promise function with the same shape. */
const OTHER_SYNC_FS: ReadonlyArray<readonly [name: string, advice: string]> = [
  ['openSync', 'use `fs.promises.open()`, which returns a FileHandle'],
  ['closeSync', 'use `FileHandle#close()` from `fs.promises.open()`'],
  ['readSync', 'use `FileHandle#read()` from `fs.promises.open()`'],
  ['readvSync', 'use `FileHandle#readv()` from `fs.promises.open()`'],
  ['writeSync', 'use `FileHandle#write()` from `fs.promises.open()`'],
  ['writevSync', 'use `FileHandle#writev()` from `fs.promises.open()`'],
  ['fstatSync', 'use `FileHandle#stat()` from `fs.promises.open()`'],
  ['fsyncSync', 'use `FileHandle#sync()` from `fs.promises.open()`'],
  ['fdatasyncSync', 'use `FileHandle#datasync()` from `fs.promises.open()`'],
  ['ftruncateSync', 'use `FileHandle#truncate()` from `fs.promises.open()`'],
  ['futimesSync', 'use `FileHandle#utimes()` from `fs.promises.open()`'],
  ['fchmodSync', 'use `FileHandle#chmod()` from `fs.promises.open()`'],
  ['fchownSync', 'use `FileHandle#chown()` from `fs.promises.open()`'],
  ['lchmodSync', 'use `fs.promises.chmod()`'],
  ['opendirSync', 'use `fs.promises.opendir()`'],
  ['globSync', 'use `fs.promises.glob()` (an async iterator)'],
];

const fsEntries: SyncApiEntry[] = [
  ...SAME_SHAPE_FS.map((name): SyncApiEntry => ({
    id: `fs.${name}Sync`,
    modules: ['fs'],
    path: [`${name}Sync`],
    usage: 'call',
    category: 'event-loop',
    tags: ['sync-fs'],
    promiseEquivalent: { module: 'fs/promises', name, memberPath: ['promises', name], result: 'same' },
    advice: `use \`fs.promises.${name}()\``,
    cost: FS_COST,
  })),
  {
    id: 'fs.existsSync',
    modules: ['fs'],
    path: ['existsSync'],
    usage: 'call',
    category: 'event-loop',
    tags: ['sync-fs'],
    promiseEquivalent: { module: 'fs/promises', name: 'access', memberPath: ['promises', 'access'], result: 'exists' },
    advice: 'use `fs.promises.access()` and treat a rejection as "missing"',
    cost: FS_COST,
  },
  ...OTHER_SYNC_FS.map(([name, advice]): SyncApiEntry => ({
    id: `fs.${name}`,
    modules: ['fs'],
    path: [name],
    usage: 'call',
    category: 'event-loop',
    tags: ['sync-fs'],
    advice,
    cost: FS_COST,
  })),
];

const processEntries: SyncApiEntry[] = (
  [
    ['execSync', 'use `util.promisify(child_process.exec)`, or `execFile` to avoid a shell'],
    ['execFileSync', 'use `util.promisify(child_process.execFile)`'],
    ['spawnSync', 'use `child_process.spawn()` and wait for its `close` event'],
  ] as const
).map(([name, advice]): SyncApiEntry => ({
  id: `child_process.${name}`,
  modules: ['child_process'],
  path: [name],
  usage: 'call',
  category: 'event-loop',
  tags: ['sync-process'],
  advice,
  cost: PROCESS_COST,
}));

const GLOB_COST =
  'walks the directory tree with the event loop stopped, for a time that grows with the number of files, so ' +
  'every other request in this process waits too';

/** A synchronous API of a file-system package: `module`, its export path, and what to use instead. */
function packageEntry(
  id: string,
  module: string,
  path: readonly string[],
  advice: string,
  cost: string = FS_COST,
): SyncApiEntry {
  return {
    id,
    modules: [module],
    path,
    usage: 'call',
    category: 'event-loop',
    tags: ['sync-fs', module],
    advice,
    cost,
  };
}

/**
 * Synchronous APIs of file-system packages. A default import stands for the module object (the tracker's legacy
 * mode), so `import glob from 'glob'; glob.sync()` is the path `['sync']`.
 */
const packageEntries: SyncApiEntry[] = [
  // glob 8 and earlier: `glob.sync`; glob 9 and later also `globSync`, `sync`, and both below the `glob` export.
  ...([['sync'], ['globSync'], ['glob', 'sync'], ['glob', 'globSync']] as const).map((path) =>
    packageEntry(
      `glob.${path.join('.')}`,
      'glob',
      path,
      'use `await glob()` (glob 9 and later; a callback or `util.promisify(glob)` before)',
      GLOB_COST,
    ),
  ),
  // fast-glob: `fg.sync`, and `fg.globSync` (3.3 and later).
  ...(['sync', 'globSync'] as const).map((name) =>
    packageEntry(`fast-glob.${name}`, 'fast-glob', [name], 'use `await fg.glob()` (or `await fg()`)', GLOB_COST),
  ),
  // read-chunk 3 and earlier: `readChunk.sync(path, position, length)`; 4 and later: `readChunkSync(path, options)`.
  packageEntry('read-chunk.sync', 'read-chunk', ['sync'], 'use `await readChunk()` with the same arguments'),
  packageEntry(
    'read-chunk.readChunkSync',
    'read-chunk',
    ['readChunkSync'],
    'use `await readChunk()` with the same arguments',
  ),
];

/**
 * fs-extra: Node's sync functions under the same names, whose promise forms it exports under the plain names (called
 * without a callback, `fse.stat(path)` returns a promise), and sync functions of its own.
 */
const FS_EXTRA_OWN = [
  ...['readJson', 'writeJson', 'outputFile', 'outputJson', 'copy', 'move', 'remove', 'emptyDir', 'ensureDir'],
  ...['ensureFile', 'ensureLink', 'ensureSymlink', 'mkdirs', 'mkdirp', 'pathExists', 'createFile'],
];

const fsExtraEntries: SyncApiEntry[] = [
  ...SAME_SHAPE_FS.map((name): SyncApiEntry => ({
    id: `fs-extra.${name}Sync`,
    modules: ['fs-extra'],
    path: [`${name}Sync`],
    usage: 'call',
    category: 'event-loop',
    tags: ['sync-fs', 'fs-extra'],
    promiseEquivalent: { module: 'fs/promises', name, memberPath: [name], result: 'same' },
    advice: `use \`await fse.${name}()\` (fs-extra's functions return a promise when given no callback)`,
    cost: FS_COST,
  })),
  packageEntry('fs-extra.existsSync', 'fs-extra', ['existsSync'], 'use `await fse.pathExists()`'),
  ...FS_EXTRA_OWN.map((name) =>
    packageEntry(`fs-extra.${name}Sync`, 'fs-extra', [`${name}Sync`], `use \`await fse.${name}()\``),
  ),
  // The upper-case aliases of the JSON helpers (`readJSONSync`).
  ...(['readJSON', 'writeJSON', 'outputJSON'] as const).map((name) =>
    packageEntry(`fs-extra.${name}Sync`, 'fs-extra', [`${name}Sync`], `use \`await fse.${name}()\``),
  ),
];

/**
 * Node's synchronous file-system and child-process APIs, and those of file-system packages (fs-extra, glob,
 * read-chunk).
 */
export const SYNC_IO_APIS: readonly SyncApiEntry[] = [
  ...fsEntries,
  ...processEntries,
  ...packageEntries,
  ...fsExtraEntries,
];
