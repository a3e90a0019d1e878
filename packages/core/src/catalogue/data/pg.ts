import { construct, QUERY, sqlBatch, sqlLookupKey } from './shared.js';
import type { DataAdapter, ValueShape } from './types.js';

const PG_CLIENT: ValueShape = { name: 'pg-client', methods: { query: QUERY }, connection: true };
const PG_POOL: ValueShape = { name: 'pg-pool', methods: { query: QUERY }, returns: { connect: PG_CLIENT } };

/** node-postgres: `pool.query('SELECT ... WHERE id = $1', [id])`, batched with `= ANY($1)`. */
export const pg: DataAdapter = {
  library: 'pg',
  target: 'PostgreSQL',
  entries: [
    construct('pg.Pool', ['pg'], ['Pool'], 'pg', PG_POOL),
    construct('pg.Client', ['pg'], ['Client'], 'pg', PG_CLIENT),
    construct('pg.native.Pool', ['pg'], ['native', 'Pool'], 'pg', PG_POOL),
  ],
  settingShapes: [PG_POOL, PG_CLIENT],
  typeShapes: { pg: { Pool: 'pg-pool', Client: 'pg-client', PoolClient: 'pg-client' } },
  lookupKey: sqlLookupKey,
  batch: (site) =>
    sqlBatch(site, { placeholder: '$1', identifierQuote: '"', result: 'pg', condition: (p) => `= ANY(${p})` }),
};
