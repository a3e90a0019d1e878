import { drizzle } from './drizzle.js';
import { http } from './http.js';
import { knex } from './knex.js';
import { mikroOrm } from './mikro-orm.js';
import { mongodb } from './mongodb.js';
import { mongoose } from './mongoose.js';
import { mysql2 } from './mysql2.js';
import { objection } from './objection.js';
import { pg } from './pg.js';
import { prisma } from './prisma.js';
import { redbean } from './redbean.js';
import { redis } from './redis.js';
import { sequelize } from './sequelize.js';
import { typeorm } from './typeorm.js';
import { ueberdb } from './ueberdb.js';
import type { DataAccessEntry, DataAccessLibrary, DataAdapter, RowModels, ValueShape } from './types.js';

/**
 * The data libraries backend-perf knows, one adapter each. Adding a library is one new file in this folder and one
 * line here (see "Adding a data library" in docs/guide.md).
 */
export const DATA_ADAPTERS: readonly DataAdapter[] = [
  pg,
  mysql2,
  prisma,
  mongoose,
  sequelize,
  typeorm,
  mongodb,
  redbean,
  knex,
  drizzle,
  mikroOrm,
  objection,
  redis,
  ueberdb,
  http,
];

const BY_LIBRARY = new Map<DataAccessLibrary, DataAdapter>(DATA_ADAPTERS.map((adapter) => [adapter.library, adapter]));

/** The adapter of a library; `undefined` for `project` (the project's own data-access functions). */
export function dataAdapter(library: DataAccessLibrary): DataAdapter | undefined {
  return BY_LIBRARY.get(library);
}

/**
 * Entry points of the data-access libraries: the constructors and factories whose results the detector follows to
 * their query calls (`new Pool()` → `pool.query()`), and the module objects that are clients themselves (`axios`).
 * Shapes (`ValueShape`) describe what is reachable from each created value.
 */
export const DATA_ACCESS_APIS: readonly DataAccessEntry[] = DATA_ADAPTERS.flatMap((adapter) => adapter.entries);

/** Shapes that `settings['backend-perf'].dataAccess` can name for values exported by the project's own modules. */
export const DATA_ACCESS_SHAPES: Readonly<Record<string, { library: DataAccessLibrary; shape: ValueShape }>> =
  Object.fromEntries(
    DATA_ADAPTERS.flatMap((adapter) =>
      (adapter.settingShapes ?? []).map((shape) => [shape.name, { library: adapter.library, shape }] as const),
    ),
  );

/**
 * Classes and types of the data libraries whose instances have a shape, by module and export: what a parameter or
 * field typed with one holds (`constructor(@InjectRepository(User) private users: Repository<User>)`, compiled
 * `__metadata("design:paramtypes", [typeorm_1.DataSource])`).
 */
export const PACKAGE_TYPE_SHAPES: Readonly<Record<string, Readonly<Record<string, string>>>> = (() => {
  const byModule: Record<string, Record<string, string>> = {};
  for (const adapter of DATA_ADAPTERS) {
    for (const [module, types] of Object.entries(adapter.typeShapes ?? {})) {
      byModule[module] = { ...byModule[module], ...types };
    }
  }
  return byModule;
})();

/**
 * Every shape of the catalogue by name, with its library: what the project graph records for a value exported by one
 * module (`export const prisma = new PrismaClient()`) so that the files importing it see the same shape.
 */
export const SHAPES_BY_NAME: ReadonlyMap<string, { readonly library: DataAccessLibrary; readonly shape: ValueShape }> =
  (() => {
    const byName = new Map<string, { library: DataAccessLibrary; shape: ValueShape }>();
    const visit = (shape: ValueShape, library: DataAccessLibrary): void => {
      if (byName.has(shape.name)) return;
      byName.set(shape.name, { library, shape });
      for (const next of Object.values(shape.returns ?? {})) visit(next, library);
      for (const next of Object.values(shape.properties ?? {})) visit(next, library);
      if (shape.anyProperty) visit(shape.anyProperty, library);
      for (const next of Object.values(shape.callbacks ?? {})) visit(next, library);
    };
    // Shapes named by settings are visited like the others: a shape reached only from one of them (a TypeORM query
    // runner's manager, say) is known by name too.
    for (const known of Object.values(DATA_ACCESS_SHAPES)) visit(known.shape, known.library);
    for (const entry of DATA_ACCESS_APIS) {
      if (entry.creates) visit(entry.creates, entry.library);
      if (entry.subclassShape) visit(entry.subclassShape, entry.library);
    }
    return byName;
  })();

/**
 * The methods that open one connection (see `ValueShape.connection`), by name, and whether they are a pool's
 * (`pool.connect()`, `pool.getConnection()`: a database client's own `connect()` opens a pool instead).
 */
export const CONNECTION_METHODS: ReadonlyMap<string, { readonly fromPool: boolean }> = (() => {
  const methods = new Map<string, { fromPool: boolean }>();
  for (const { shape } of SHAPES_BY_NAME.values()) {
    for (const [method, returned] of Object.entries(shape.returns ?? {})) {
      if (!returned.connection) continue;
      const fromPool = shape.name.endsWith('-pool');
      methods.set(method, { fromPool: (methods.get(method)?.fromPool ?? true) && fromPool });
    }
  }
  return methods;
})();

/** The libraries that return their rows as instances of the project's model classes (RedBeanNode's beans). */
export const ROW_MODELS: readonly RowModels[] = DATA_ADAPTERS.flatMap((adapter) =>
  adapter.rowModels ? [adapter.rowModels] : [],
);

export type * from './types.js';
