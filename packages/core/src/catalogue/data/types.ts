import type { TSESTree } from '@typescript-eslint/utils';
import type { ApiEntry } from '../types.js';

/** The database, cache and HTTP client libraries whose calls the data-access detector follows. */
export type DataAccessLibrary =
  | 'pg'
  | 'mysql2'
  | 'prisma'
  | 'mongoose'
  | 'mongodb'
  | 'redbean'
  | 'sequelize'
  | 'typeorm'
  | 'knex'
  | 'drizzle'
  | 'mikro-orm'
  | 'objection'
  | 'redis'
  | 'ueberdb'
  | 'http'
  | 'project';

/**
 * What one data-access call does. `read-one` looks up one row by a key (the calls the codemod batches), `read-many`
 * and `count` read sets, `query` runs raw SQL, `get` reads one cache key, `request` is an outbound HTTP request.
 */
export type DataAccessKind = 'read-one' | 'read-many' | 'count' | 'query' | 'get' | 'request';

export interface DataAccessOperation {
  readonly kind: DataAccessKind;
  /** HTTP clients: only a call whose arguments come from the loop item is per-item access. */
  readonly needsItemArgument?: boolean;
  /**
   * The call starts a query builder whose chained calls make one query (`knex('users').where(...).first()`,
   * `db.select().from(users).where(...)`, `User.query().findById(id)`): the access is the whole chain, and the
   * library's adapter reads it (`DataAdapter.readChain`).
   */
  readonly chain?: boolean;
  /**
   * The index of the argument that selects the rows, when it is not the first: `1` after the entity class of an
   * entity manager's read (`em.findOne(User, id)`).
   */
  readonly argument?: number;
}

/**
 * What a value of a library is and how data-access calls are reached from it: the client returned by `new Pool()`,
 * the model returned by `mongoose.model()`, a Prisma client whose every property is a model delegate, ...
 */
export interface ValueShape {
  /** Name of the shape, for messages and settings (`pg-pool`, `prisma-client`, `mongoose-model`, ...). */
  readonly name: string;
  /** Methods of the value that access data. */
  readonly methods?: Readonly<Record<string, DataAccessOperation>>;
  /** Methods whose (possibly awaited) result is another shape: `pool.connect()`, `sequelize.define()`. */
  readonly returns?: Readonly<Record<string, ValueShape>>;
  /** Properties that hold another shape: `dataSource.manager`, `prisma.user`. */
  readonly properties?: Readonly<Record<string, ValueShape>>;
  /** Every other static property holds this shape (Prisma model delegates). */
  readonly anyProperty?: ValueShape;
  /**
   * Methods that call back with another shape as the callback's first parameter: transactions
   * (`dataSource.transaction(async (manager) => ...)`, `prisma.$transaction(async (tx) => ...)`,
   * `knex.transaction(async (trx) => ...)`).
   */
  readonly callbacks?: Readonly<Record<string, ValueShape>>;
  /**
   * `multi()`, `batch()` and `pipeline()` start a transaction whose `exec()` sends the queued commands: a read when
   * every queued command is one of the shape's `methods` (Redis clients).
   */
  readonly transactions?: boolean;
  /** Calling the value itself accesses data (Knex query builders, `axios(config)`, `fetch(url)`). */
  readonly callable?: DataAccessOperation;
  /** The library of the calls reached from this value, when it differs from the one it was reached from. */
  readonly library?: DataAccessLibrary;
  /**
   * The value is one connection to the database, whose queries run one after another (a client checked out of a
   * pool, a TypeORM query runner): awaiting two of them together gains nothing.
   */
  readonly connection?: boolean;
}

export interface DataAccessEntry extends ApiEntry {
  readonly library: DataAccessLibrary;
  /**
   * For `call`/`construct` entries that create a client (`new Pool()`), the shape of the created value; for entries
   * that are a data-access call themselves (`fetch(url)`), `operation`.
   */
  readonly creates?: ValueShape;
  readonly operation?: DataAccessOperation;
  /** For `read` entries: a base class whose subclasses' static methods have this shape (Sequelize `Model`). */
  readonly subclassShape?: ValueShape;
}

/**
 * The key a single-row lookup selects by: `{ where: { id: post.authorId } }` has field `id` and value `post.authorId`.
 */
export interface LookupKey {
  /**
   * The column or property compared with the key. `null` for a primary-key lookup whose column name the call does
   * not spell (`Model.findByPk(id)`); Mongoose's `findById` reports `_id`.
   */
  readonly field: string | null;
  /** The key expression. */
  readonly value: TSESTree.Node;
  /** The lookup's argument has nothing but the key (no `select`, `include`, projections or extra conditions). */
  readonly plain: boolean;
  /** Where the library names a column with an expression (Drizzle's `users.id`): that expression. */
  readonly column?: TSESTree.Node;
}

/** What a key reader gets: the call, its method and, for SQL, the statement. */
export interface LookupInput {
  readonly call: TSESTree.CallExpression;
  /** The method name (`findUnique`), or `call` when the client itself is called. */
  readonly operation: string;
  /** The index of the argument that selects the rows (`DataAccessOperation.argument`, else 0). */
  readonly argument: number;
  readonly sql?: { readonly text: string | null; readonly keyColumn: string | null };
  /** Whether `node` is a use of an export of one of `modules` (import-aware: `eq` from `drizzle-orm`). */
  readonly isExport: (node: TSESTree.Node, entry: ApiEntry) => boolean;
}

/** A query builder chain: the call that starts it and each chained `.method(...)` call, inner to outer. */
export interface ChainInput {
  readonly root: TSESTree.CallExpression;
  readonly calls: readonly { readonly name: string; readonly call: TSESTree.CallExpression }[];
  readonly isExport: (node: TSESTree.Node, entry: ApiEntry) => boolean;
}

/** What an adapter reads from a query builder chain. */
export interface ChainReading {
  readonly kind: DataAccessKind;
  /** The table or model the chain reads (`users`), for names and messages. */
  readonly table: string | null;
  readonly key?: LookupKey;
}

/**
 * A lookup the codemod batches, as text: what the batch writer of an adapter needs, with no syntax tree (the codemod
 * works on its own AST and hands this over).
 */
export interface BatchSite {
  readonly operation: string;
  readonly kind: DataAccessKind;
  /** The source text of the receiver (`prisma.user`, `User`, `pool`), or `''`. */
  readonly receiver: string;
  readonly model?: string;
  readonly key: {
    readonly field: string | null;
    readonly plain: boolean;
    /** The text of the column expression (`users.id`), where the library spells columns as expressions. */
    readonly column?: string;
  };
  /** For builder chains: the methods, the table, and the text of the chain up to and including each call. */
  readonly chain?: {
    readonly table: string | null;
    readonly methods: readonly string[];
    /** `prefixes[0]` is the root call (`db('users')`), `prefixes[i + 1]` ends with the call of `methods[i]`. */
    readonly prefixes: readonly string[];
  };
  readonly sql?: { readonly text: string | null; readonly keyColumn: string | null };
  /** The text of the entity class an entity manager reads (`User` in `em.findOne(User, id)`). */
  readonly entity?: string;
  /** A string literal in the file's own quote style. */
  readonly quote: (value: string) => string;
}

/** How one library's lookup becomes a batch query and how rows are put back in the items' order. */
export interface BatchPlan {
  /** An expression that resolves to the rows of all keys, given the expression of the key array. */
  batch(keys: string): string;
  /** The key of a row, as the lookup compared it (`row.id`, `String(row._id)`). */
  rowKey(row: string): string;
  /** The lookup key normalised the same way. */
  itemKey(key: string): string;
  /** What the per-item lookup returned for a missing key. */
  readonly missing: 'null' | 'undefined';
  /** The key is unique (primary key, `findUnique`): no row shares it. Otherwise the first row wins. */
  readonly unique: boolean;
  /** Each item gets all rows with its key (an array; `[]` when none): one-to-many reads and SQL results. */
  readonly grouped: boolean;
  /**
   * How the per-item result wraps its rows: `pg` gives `{ rows }` (only `rows` may be read), `mysql2` gives
   * `[rows, fields]` (only the rows may be read, and `IN ()` of no keys is not valid SQL). Plain rows otherwise.
   */
  readonly result?: 'pg' | 'mysql2';
  /**
   * For SQL: how the statement's `= $1`/`= ?` becomes a condition on a list of keys (`= ANY($1)`, `IN (?)`); the
   * codemod rewrites the statement's literal and puts it where `batch` writes `__SQL__`.
   */
  readonly sqlCondition?: (placeholder: string) => string;
  /** A named import the batch needs (`In` from `typeorm`). */
  readonly needsImport?: { readonly module: string; readonly name: string };
  /** Base of generated names (`user`, `users`). */
  readonly base: string;
  readonly field: string;
}

/**
 * Everything backend-perf knows about one data library, in one place: how its clients are created and recognised
 * (catalogue entries and the shapes they create), which calls are per-item lookups and how their key is read, and
 * how a batch query is written. `DATA_ADAPTERS` (`./index.ts`) lists them; the detector, the rules and the codemods
 * read them from there.
 */
export interface DataAdapter {
  readonly library: DataAccessLibrary;
  /** What the library talks to, in messages: `PostgreSQL`, `the database`. */
  readonly target: string;
  /** Constructors, factories, base classes and module objects whose values are followed to their calls. */
  readonly entries: readonly DataAccessEntry[];
  /** Shapes that `settings['backend-perf'].dataAccess` may name for values the project's own modules export. */
  readonly settingShapes?: readonly ValueShape[];
  /** Classes and types whose instances have a shape, by module and export name (injected repositories). */
  readonly typeShapes?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The key of a lookup call (not a chain), when it selects by one key. */
  readonly lookupKey?: (input: LookupInput) => LookupKey | undefined;
  /** What a query builder chain started by an operation with `chain` reads. */
  readonly readChain?: (input: ChainInput) => ChainReading;
  /** The batch query of a lookup, or why it is not batched. */
  readonly batch?: (site: BatchSite) => BatchPlan | string;
  /** How the library makes its rows instances of the project's model classes (RedBeanNode's beans). */
  readonly rowModels?: RowModels;
}

/**
 * A library that returns its rows as instances of the project's own model class for their table: RedBeanNode's
 * `R.find('monitor', ...)` returns beans of the class that `R.autoloadModels(dir)` loads from `<dir>/monitor.js`. A
 * method called on such a row (`monitor.toJSON()`) is that class's method, with the queries it runs.
 */
export interface RowModels {
  /** The module export whose methods return rows: `R` of `redbean-node`. */
  readonly module: string;
  readonly path: readonly string[];
  /** Its methods that return rows (or one row) of the table their first argument names. */
  readonly methods: readonly string[];
  /** The module prefix of the base class that a model class extends (`redbean-node`'s `BeanModel`). */
  readonly base: string;
}
