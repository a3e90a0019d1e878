import {
  complete,
  construct,
  COUNT,
  fieldAccess,
  fieldKey,
  pluralFor,
  QUERY,
  READ_MANY,
  READ_ONE,
  whereKey,
} from './shared.js';
import type { DataAdapter, ValueShape } from './types.js';

const PRISMA_DELEGATE: ValueShape = {
  name: 'prisma-model',
  methods: {
    findUnique: READ_ONE,
    findUniqueOrThrow: READ_ONE,
    findFirst: READ_ONE,
    findFirstOrThrow: READ_ONE,
    findMany: READ_MANY,
    count: COUNT,
  },
};
const PRISMA_CLIENT: ValueShape = {
  name: 'prisma-client',
  methods: { $queryRaw: QUERY, $queryRawUnsafe: QUERY },
  anyProperty: PRISMA_DELEGATE,
};
// An interactive transaction's client is the same shape: `prisma.$transaction(async (tx) => tx.user.findUnique(...))`.
complete(PRISMA_CLIENT, { callbacks: { $transaction: PRISMA_CLIENT } });

/** Prisma: `prisma.user.findUnique({ where: { id } })`, batched with `findMany({ where: { id: { in: ids } } })`. */
export const prisma: DataAdapter = {
  library: 'prisma',
  target: 'the database',
  entries: [construct('@prisma/client.PrismaClient', ['@prisma/client'], ['PrismaClient'], 'prisma', PRISMA_CLIENT)],
  settingShapes: [PRISMA_CLIENT],
  typeShapes: { '@prisma/client': { PrismaClient: 'prisma-client' } },
  lookupKey: ({ operation, call }) => (operation === 'count' ? undefined : whereKey(call.arguments[0])),
  batch: (site) => {
    const field = site.key.field;
    if (field === null || !['findUnique', 'findFirst', 'findMany'].includes(site.operation)) {
      return `\`${site.operation}\` throws on a missing row; a batch cannot reproduce that per item`;
    }
    return {
      batch: (keys) => `${site.receiver}.findMany({ where: { ${fieldKey(field)}: { in: ${keys} } } })`,
      rowKey: (row) => fieldAccess(row, field),
      itemKey: (k) => k,
      missing: 'null',
      unique: site.operation === 'findUnique',
      grouped: false,
      base: pluralFor(site, site.model ?? 'row'),
      field,
    };
  },
};
