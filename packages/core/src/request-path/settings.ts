import semver from 'semver';
import { DATA_ACCESS_SHAPES } from '../catalogue/data/index.js';

/**
 * `settings['backend-perf']` in an ESLint flat config. Every rule reads the same settings object, so the request-path
 * model, the target Node version and the list of heavy functions are configured once.
 */
export interface HandlerRegistrationSetting {
  /** Module that provides the API, written as in the import (`bullmq`, `@acme/http`, `./bus`). */
  module: string;
  /** Dotted export path below the module (`Worker`, `Router`); omitted for the module itself. */
  export?: string;
  /**
   * Methods of the object created by calling or constructing the export (or of the export itself when
   * `create` is `none`) whose function arguments are request handlers. Omitted: the function arguments of the
   * call or construction itself are handlers (`new Worker(queue, handler)`).
   */
  methods?: string[];
  /** How the object with `methods` is obtained from the export: `call`, `new`, `none`, or `any` (the default). */
  create?: 'call' | 'new' | 'none' | 'any';
}

/**
 * A value exported by one of the project's own modules (or a library the catalogue does not know) that is a
 * data-access client: `{ module: './db', export: 'prisma', shape: 'prisma-client' }` for
 * `export const prisma = new PrismaClient()` in `src/db.ts`. The detector cannot follow an instance across files
 * (it sees one file at a time), so exported singletons are declared here.
 */
export interface DataAccessSetting {
  /** Module specifier exactly as the importing files write it (`./db`, `../lib/db`, `@acme/db`). */
  module: string;
  /** Dotted export path (`prisma`, `default`, `models.User`); omitted for the module object itself. */
  export?: string;
  /**
   * What the value is: a shape one of the data adapters offers (`DATA_ACCESS_SHAPE_NAMES`): `pg-pool`,
   * `prisma-client`, `knex`, `drizzle-db`, `mikro-orm-entity-manager`, `redis-client`, `http-client`, ...
   */
  shape: string;
  /**
   * For `redis-client`: the library (`ioredis` or `node-redis`). With it, the Redis rules (`no-redis-keys`,
   * `require-cache-ttl`) see the client's commands too, as if it were listed in `redisClients`.
   */
  client?: 'ioredis' | 'node-redis';
}

/**
 * A function that is CPU-heavy wherever it is called (a report builder, a PDF renderer, an image resize), named by
 * where it is defined, never by a bare name: a local function `render` and an imported `render` are different.
 */
export interface HeavyFunctionSetting {
  /**
   * Where the function is defined: a package (`@acme/pdf`), or a file relative to the ESLint working directory,
   * starting with `./` or `../` (`./src/lib/report.js`; the extension and a trailing `/index` may be left out), or an
   * absolute path (for example computed from `import.meta.url` in `eslint.config.mjs`).
   * Imports of that file from any other file are matched by where they resolve to, so `../lib/report` in
   * `src/routes/a.js` and `./lib/report` in `src/app.js` are the same module.
   */
  module: string;
  /**
   * The export (`buildReport`), a dotted path below it (`pdf.render`), or `default`. In the defining file itself,
   * the module-scope function of that name (exported or not) is meant.
   */
  export: string;
}

/**
 * A module of the application that exports a Redis client, so rules see its commands in the files that import it.
 * The same declaration as a `dataAccess` entry with shape `redis-client` and this `client`: `readSettings` lists each
 * declaration under both keys, so either one serves the caching rules and the N+1 rules.
 */
export interface RedisClientSetting {
  /** Module specifier as written in imports (`@acme/cache`, `./lib/redis`). */
  module: string;
  /** Dotted export path of the client (`redis`, `clients.cache`); omitted when the module itself is the client. */
  export?: string;
  /** The library the client comes from. */
  client: 'ioredis' | 'node-redis';
}

export interface BackendPerfSettings {
  /** Data-access clients exported by the project's own modules. */
  dataAccess?: DataAccessSetting[];
  /** Extra handler registrations of frameworks, queues or internal libraries. */
  handlers?: HandlerRegistrationSetting[];
  /** Globs (relative to the ESLint working directory) of files that only run at start-up or offline. */
  startupFiles?: string[];
  /** Set to `false` to drop the built-in start-up globs (migrations, seeds, scripts, tests, configs). */
  defaultStartupFiles?: boolean;
  /**
   * The Node.js version the code runs on, as a version or range (`"18"`, `">=18.17"`, `"^20 || ^22"`); its lowest
   * version counts. Overrides `engines.node` of the nearest `package.json`.
   */
  node?: string;
  /** Functions that `no-blocking-cpu` treats as CPU-bound, and that `cpu-to-worker-pool` moves to a worker pool. */
  heavyFunctions?: HeavyFunctionSetting[];
  /**
   * Extra globs of test and benchmark files, on top of `DEFAULT_TEST_FILES`. Rules about code that only tests and
   * benchmarks may contain (forcing a garbage collection) stay quiet there.
   */
  testFiles?: string[];
  /** Modules of the application that export Redis clients created elsewhere. */
  redisClients?: RedisClientSetting[];
  /**
   * The folder whose files make up the project graph, relative to the ESLint working directory. By default the
   * nearest folder with a `package.json` above the linted file, or the workspace root above it when that package is
   * a workspace package.
   */
  projectRoot?: string;
  /**
   * Whether an exported function whose parameters look like a request handler's (`(req, res, next)`, `(ctx, next)`,
   * `(request, reply)`) counts as a handler when the graph sees no registration for it and no start-up code calls it
   * (default `true`).
   */
  handlerSignatures?: boolean;
}

/** End-to-end tests, fixtures and test helpers, in both lists below. */
const TEST_SUPPORT_FILES: readonly string[] = [
  '**/e2e/**',
  '**/*.e2e-spec.*',
  '**/__fixtures__/**',
  '**/test-utils/**',
  '**/test-helpers/**',
  '**/test-utils.*',
  '**/test-helpers.*',
  '**/testUtils.*',
  '**/testHelpers.*',
];

/** Test and benchmark files: a subset of the start-up files, for rules that allow something only there. */
export const DEFAULT_TEST_FILES: readonly string[] = [
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/bench/**',
  '**/benchmark/**',
  '**/benchmarks/**',
  '**/__benchmarks__/**',
  '**/*.bench.*',
  ...TEST_SUPPORT_FILES,
];

/** Files that never serve requests: migrations, seeds, scripts, tests and test helpers, benchmarks and tool configs. */
export const DEFAULT_STARTUP_FILES: readonly string[] = [
  '**/migrations/**',
  '**/migration/**',
  '**/seeds/**',
  '**/seeders/**',
  '**/seed.*',
  '**/*.seed.*',
  '**/seeder.*',
  '**/*.seeder.*',
  '**/scripts/**',
  '**/bin/**',
  '**/bench/**',
  '**/benchmarks/**',
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/*.config.*',
  '**/gulpfile.*',
  '**/Gulpfile.*',
  '**/Gruntfile.*',
  '**/gruntfile.*',
  ...TEST_SUPPORT_FILES,
];

/** Shape names accepted in `settings['backend-perf'].dataAccess[].shape`: those the data adapters offer. */
export const DATA_ACCESS_SHAPE_NAMES: readonly string[] = Object.keys(DATA_ACCESS_SHAPES);

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** A setting that lists globs (`startupFiles`, `testFiles`), checked. */
function globsSetting(key: string, setting: unknown): string[] {
  if (!isStringArray(setting)) throw new TypeError(`settings['backend-perf'].${key} must be an array of globs`);
  return setting;
}

/** A setting that is a boolean (`defaultStartupFiles`, `handlerSignatures`), checked. */
function booleanSetting(key: string, setting: unknown): boolean {
  if (typeof setting !== 'boolean') throw new TypeError(`settings['backend-perf'].${key} must be a boolean`);
  return setting;
}

/** Reads and validates `settings['backend-perf']`; throws a clear error on a malformed value. */
export function readSettings(settings: Readonly<Record<string, unknown>> | undefined): BackendPerfSettings {
  const raw = settings?.['backend-perf'];
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object') throw new TypeError("settings['backend-perf'] must be an object");
  const value = raw as Record<string, unknown>;
  // A misspelt key would otherwise be ignored, and the model would silently run without what it declares.
  const known = [
    'handlers',
    'dataAccess',
    'startupFiles',
    'defaultStartupFiles',
    'node',
    'heavyFunctions',
    'redisClients',
    'testFiles',
    'projectRoot',
    'handlerSignatures',
  ];
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new TypeError(
      `settings['backend-perf'] has unknown key${unknown.length === 1 ? '' : 's'} ` +
        `${unknown.map((key) => `"${key}"`).join(', ')}; known keys: ${known.join(', ')}`,
    );
  }
  const result: BackendPerfSettings = {};
  if (value.handlers !== undefined) {
    if (!Array.isArray(value.handlers)) throw new TypeError("settings['backend-perf'].handlers must be an array");
    result.handlers = value.handlers.map((item: unknown, index) => {
      const where = `settings['backend-perf'].handlers[${index}]`;
      if (!item || typeof item !== 'object') throw new TypeError(`${where} must be an object`);
      const handler = item as Record<string, unknown>;
      if (typeof handler.module !== 'string' || handler.module === '') {
        throw new TypeError(`${where}.module must be a module name such as "bullmq"`);
      }
      if (handler.export !== undefined && typeof handler.export !== 'string') {
        throw new TypeError(`${where}.export must be a string such as "Worker"`);
      }
      if (handler.methods !== undefined && !isStringArray(handler.methods)) {
        throw new TypeError(`${where}.methods must be an array of method names`);
      }
      if (handler.create !== undefined && !['call', 'new', 'none', 'any'].includes(handler.create as string)) {
        throw new TypeError(`${where}.create must be "call", "new", "none" or "any"`);
      }
      return handler as unknown as HandlerRegistrationSetting;
    });
  }
  if (value.dataAccess !== undefined) {
    if (!Array.isArray(value.dataAccess)) throw new TypeError("settings['backend-perf'].dataAccess must be an array");
    result.dataAccess = value.dataAccess.map((item: unknown, index) => {
      const where = `settings['backend-perf'].dataAccess[${index}]`;
      if (!item || typeof item !== 'object') throw new TypeError(`${where} must be an object`);
      const entry = item as Record<string, unknown>;
      if (typeof entry.module !== 'string' || entry.module === '') {
        throw new TypeError(`${where}.module must be a module specifier such as "./db"`);
      }
      if (entry.export !== undefined && (typeof entry.export !== 'string' || entry.export === '')) {
        throw new TypeError(`${where}.export must be an export name such as "prisma"`);
      }
      if (typeof entry.shape !== 'string' || !DATA_ACCESS_SHAPE_NAMES.includes(entry.shape)) {
        throw new TypeError(`${where}.shape must be one of ${DATA_ACCESS_SHAPE_NAMES.map((n) => `"${n}"`).join(', ')}`);
      }
      if (
        entry.client !== undefined &&
        (entry.shape !== 'redis-client' || (entry.client !== 'ioredis' && entry.client !== 'node-redis'))
      ) {
        throw new TypeError(
          `${where}.client must be "ioredis" or "node-redis", and only with the shape "redis-client"`,
        );
      }
      return {
        module: entry.module,
        shape: entry.shape,
        ...(entry.export === undefined ? {} : { export: entry.export }),
        ...(entry.client === undefined ? {} : { client: entry.client }),
      };
    });
  }
  if (value.startupFiles !== undefined) result.startupFiles = globsSetting('startupFiles', value.startupFiles);
  if (value.defaultStartupFiles !== undefined) {
    result.defaultStartupFiles = booleanSetting('defaultStartupFiles', value.defaultStartupFiles);
  }
  if (value.node !== undefined) {
    if (typeof value.node !== 'string' || semver.validRange(value.node) === null) {
      throw new TypeError(
        `settings['backend-perf'].node must be a Node.js version or range such as "18" or ">=18", got ` +
          JSON.stringify(value.node),
      );
    }
    result.node = value.node;
  }
  if (value.heavyFunctions !== undefined) {
    if (!Array.isArray(value.heavyFunctions)) {
      throw new TypeError("settings['backend-perf'].heavyFunctions must be an array");
    }
    result.heavyFunctions = value.heavyFunctions.map((item: unknown, index) => {
      const where = `settings['backend-perf'].heavyFunctions[${index}]`;
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        throw new TypeError(
          `${where} must be an object such as { "module": "./src/lib/report.js", "export": "buildReport" }`,
        );
      }
      const entry = item as Record<string, unknown>;
      const unknownKeys = Object.keys(entry).filter((key) => key !== 'module' && key !== 'export');
      if (unknownKeys.length > 0) {
        throw new TypeError(
          `${where} has unknown key(s) ${unknownKeys.map((key) => `"${key}"`).join(', ')}; expected "module" and ` +
            `"export"`,
        );
      }
      if (typeof entry.module !== 'string' || entry.module === '') {
        throw new TypeError(
          `${where}.module must be a package name or a path starting with "./", such as "./src/lib/report.js"`,
        );
      }
      if (typeof entry.export !== 'string' || !/^[$\w]+(?:\.[$\w]+)*$/u.test(entry.export)) {
        throw new TypeError(
          `${where}.export must be an export name or dotted path, such as "buildReport" or "default"`,
        );
      }
      return { module: entry.module, export: entry.export };
    });
  }
  if (value.redisClients !== undefined) {
    if (!Array.isArray(value.redisClients))
      throw new TypeError("settings['backend-perf'].redisClients must be an array");
    result.redisClients = value.redisClients.map((item: unknown, index) => {
      const where = `settings['backend-perf'].redisClients[${index}]`;
      if (!item || typeof item !== 'object') throw new TypeError(`${where} must be an object`);
      const client = item as Record<string, unknown>;
      if (typeof client.module !== 'string' || client.module === '')
        throw new TypeError(`${where}.module must be a module specifier such as "./lib/redis"`);
      if (client.export !== undefined && typeof client.export !== 'string')
        throw new TypeError(`${where}.export must be a string such as "redis"`);
      if (client.client !== 'ioredis' && client.client !== 'node-redis')
        throw new TypeError(`${where}.client must be "ioredis" or "node-redis"`);
      return client as unknown as RedisClientSetting;
    });
  }
  if (value.projectRoot !== undefined) {
    if (typeof value.projectRoot !== 'string' || value.projectRoot === '') {
      throw new TypeError('settings[\'backend-perf\'].projectRoot must be a folder such as "." or "../.."');
    }
    result.projectRoot = value.projectRoot;
  }
  if (value.handlerSignatures !== undefined) {
    result.handlerSignatures = booleanSetting('handlerSignatures', value.handlerSignatures);
  }
  if (value.testFiles !== undefined) result.testFiles = globsSetting('testFiles', value.testFiles);
  shareRedisClients(result);
  return result;
}

/**
 * One declaration of a Redis client exported by the project, under either key: every `redisClients` entry is also a
 * `dataAccess` entry with shape `redis-client` (for the N+1 rules), and every `dataAccess` `redis-client` entry that
 * names its `client` library is also a `redisClients` entry (for the caching rules).
 */
function shareRedisClients(result: BackendPerfSettings): void {
  const sameExport = (a: { module: string; export?: string }, b: { module: string; export?: string }): boolean =>
    a.module === b.module && (a.export ?? '') === (b.export ?? '');
  const dataAccess = result.dataAccess ?? [];
  const redisClients = result.redisClients ?? [];
  const extraDataAccess = redisClients
    .filter((client) => !dataAccess.some((entry) => entry.shape === 'redis-client' && sameExport(entry, client)))
    .map((client): DataAccessSetting => ({
      module: client.module,
      shape: 'redis-client',
      ...(client.export === undefined ? {} : { export: client.export }),
      client: client.client,
    }));
  const extraRedisClients = dataAccess
    .filter(
      (entry) =>
        entry.shape === 'redis-client' && entry.client && !redisClients.some((client) => sameExport(entry, client)),
    )
    .map((entry): RedisClientSetting => ({
      module: entry.module,
      ...(entry.export === undefined ? {} : { export: entry.export }),
      client: entry.client as 'ioredis' | 'node-redis',
    }));
  if (extraDataAccess.length > 0) result.dataAccess = [...dataAccess, ...extraDataAccess];
  if (extraRedisClients.length > 0) result.redisClients = [...redisClients, ...extraRedisClients];
}
