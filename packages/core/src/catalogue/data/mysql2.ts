import { factory, QUERY, sqlBatch, sqlLookupKey } from './shared.js';
import type { DataAdapter, ValueShape } from './types.js';

const MYSQL_CONNECTION: ValueShape = {
  name: 'mysql2-connection',
  methods: { query: QUERY, execute: QUERY },
  connection: true,
};
const MYSQL_POOL: ValueShape = {
  name: 'mysql2-pool',
  methods: { query: QUERY, execute: QUERY },
  returns: {
    getConnection: MYSQL_CONNECTION,
    promise: { name: 'mysql2-pool', methods: { query: QUERY, execute: QUERY } },
  },
};
const MODULES = ['mysql2', 'mysql2/promise'];

/** mysql2: `pool.query('SELECT ... WHERE id = ?', [id])`, batched with `IN (?)` (which expands an array). */
export const mysql2: DataAdapter = {
  library: 'mysql2',
  target: 'MySQL',
  entries: [
    factory('mysql2.createPool', MODULES, ['createPool'], 'mysql2', MYSQL_POOL),
    factory('mysql2.createConnection', MODULES, ['createConnection'], 'mysql2', MYSQL_CONNECTION),
  ],
  settingShapes: [MYSQL_POOL],
  lookupKey: sqlLookupKey,
  batch: (site) =>
    site.operation === 'query'
      ? sqlBatch(site, { placeholder: '?', identifierQuote: '`', result: 'mysql2', condition: (p) => `IN (${p})` })
      : `\`${site.operation}\` runs a prepared statement, which cannot expand a list into \`IN (?)\`; batch it ` +
        `with \`query\``,
};
