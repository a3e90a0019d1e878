import { construct, GET, READ_MANY } from './shared.js';
import type { DataAdapter, ValueShape } from './types.js';

/**
 * An ueberDB database (`new ueberDB.Database(type, settings)`): a key-value store over many back ends, read one key at
 * a time with `get(key)` or `getSub(key, path)`, and `findKeys(pattern)` for a set of keys. Version 1 takes callbacks
 * (`db.get(key, cb)`, often promisified), later versions return promises; the reads are the same.
 */
const UEBERDB: ValueShape = {
  name: 'ueberdb-database',
  methods: { get: GET, getSub: GET, findKeys: READ_MANY },
};

/** ueberDB (`ueberdb2`): per-key reads of a key-value store. */
export const ueberdb: DataAdapter = {
  library: 'ueberdb',
  target: 'the database',
  entries: [construct('ueberdb2.Database', ['ueberdb2'], ['Database'], 'ueberdb', UEBERDB)],
  settingShapes: [UEBERDB],
  typeShapes: { ueberdb2: { Database: 'ueberdb-database' } },
};
