/**
 * redis-keys-to-scan against a real Redis (`scripts/servers.sh`) holding 100,000 keys: the codemod runs on fixture
 * inputs, and input and output run with the real ioredis and node-redis (4 and current) clients on the same keyspace.
 * Both must give the same results and leave the same keys behind, and the server's own `INFO commandstats` must show
 * the `KEYS` command gone, replaced by exactly the `SCAN` steps that walk the keyspace.
 */
import { Redis } from 'ioredis';
import * as nodeRedis from 'redis';
import * as nodeRedis4 from 'redis-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as codemod from '../../src/transforms/redis-keys-to-scan.js';
import type { CodemodRunOptions } from '../../src/types.js';
import { runTransform } from '../run-transform.js';
import { HOST, SERVERS, readFixture, runProgram, serverRuns, type Exports } from './servers.js';

const runs = await serverRuns('Redis');
const URL = `redis://${HOST}:${String(SERVERS.Redis)}`;
/** The `COUNT` of each `SCAN` step the codemod writes (its default). */
const COUNT = 100;

let admin: Redis;

/**
 * 100,000 keys: 40 users with 1,000 cached pages each, 40 users with 500 sessions each, 40 owners with 1,000 drafts
 * each (every tenth one pinned).
 */
async function populate(): Promise<void> {
  await admin.flushdb();
  const pipeline = admin.pipeline();
  for (let n = 1; n <= 40; n += 1) {
    const pages: string[] = [];
    const sessions: string[] = [];
    const drafts: string[] = [];
    for (let i = 0; i < 1000; i += 1) {
      pages.push(`user:${String(n)}:page:${String(i)}`, 'v');
      drafts.push(`draft:${String(n)}:${String(i)}${i % 10 === 0 ? ':pinned' : ''}`, 'v');
      if (i < 500) sessions.push(`sess:${String(n)}:${String(i)}`, 'v');
    }
    pipeline
      .mset(...pages)
      .mset(...sessions)
      .mset(...drafts);
  }
  await pipeline.exec();
  expect(await admin.dbsize()).toBe(100_000);
}

/** The number of `SCAN ... MATCH pattern COUNT 100` steps that walk the keyspace as it is now. */
async function scanSteps(pattern: string): Promise<number> {
  let cursor = '0';
  let steps = 0;
  do {
    [cursor] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', COUNT);
    steps += 1;
  } while (cursor !== '0');
  return steps;
}

/** Calls per command since the last `CONFIG RESETSTAT`, from `INFO commandstats`. */
async function commandCalls(): Promise<Record<string, number>> {
  const calls: Record<string, number> = {};
  for (const match of (await admin.info('commandstats')).matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gmu)) {
    calls[match[1]] = Number(match[2]);
  }
  return calls;
}

/** What a program left behind: the number of keys, and the keys of a pattern with their time to live set or not. */
async function keyspace(pattern: string): Promise<{ size: number; keys: string[]; expiring: number }> {
  const keys = (await admin.keys(pattern)).sort();
  const ttls = await Promise.all(keys.map((key) => admin.ttl(key)));
  return { size: await admin.dbsize(), keys, expiring: ttls.filter((ttl) => ttl > 0).length };
}

type Client = { disconnect(): unknown; isOpen?: boolean; connect?: () => Promise<unknown> };

/** The real clients, connected to the test server whatever the program passes (as its environment would). */
function clients() {
  const created: Client[] = [];
  class IORedis extends Redis {
    constructor() {
      super(URL);
      created.push(this);
    }
  }
  const nodeRedisModule = (library: typeof nodeRedis | typeof nodeRedis4) => {
    // One call signature for both majors' generic `createClient`s, which TypeScript cannot call as a union.
    const createClient: (options: { url: string }) => unknown = library.createClient;
    return {
      ...library,
      createClient: (options?: object) => {
        const client = createClient({ ...options, url: URL }) as Client;
        created.push(client);
        return client;
      },
    };
  };
  return {
    modules: (redis: 'ioredis' | 'redis@4' | 'redis'): Record<string, unknown> => ({
      ioredis: IORedis,
      redis: nodeRedisModule(redis === 'redis@4' ? nodeRedis4 : nodeRedis),
      // The router of the Express fixture: only its handlers are run.
      express: { Router: () => routes },
    }),
    // What an application does at start-up: connect the node-redis clients it did not connect itself.
    start: async () => {
      for (const client of created) if (client.isOpen === false) await client.connect?.();
    },
    close: async () => {
      await Promise.all(created.map((client) => client.disconnect()));
    },
  };
}

const handlers = new Map<string, (req: unknown, res: unknown) => Promise<void>>();
const routes = {
  delete: (route: string, handler: (req: unknown, res: unknown) => Promise<void>) => handlers.set(route, handler),
};

/** Runs a program's function on a fresh keyspace; returns its result, the keys it left and the commands it sent. */
async function execute(
  source: string,
  file: string,
  library: 'ioredis' | 'redis@4' | 'redis',
  call: (program: Exports) => Promise<unknown> | undefined,
  pattern: string,
) {
  await populate();
  const steps = await scanSteps(pattern);
  const client = clients();
  try {
    const program = await runProgram(source, file, client.modules(library));
    await client.start();
    await admin.config('RESETSTAT');
    const result = await call(program);
    const calls = await commandCalls();
    return { result, calls, steps, left: await keyspace(pattern) };
  } finally {
    await client.close();
  }
}

async function compare(
  name: string,
  file: string,
  library: 'ioredis' | 'redis@4' | 'redis',
  options: CodemodRunOptions,
  call: (program: Exports) => Promise<unknown> | undefined,
  pattern: string,
) {
  const input = readFixture('redis-keys-to-scan', name, file);
  const { output, reports } = runTransform(
    codemod,
    input,
    `src/routes/${name}${file.slice(file.indexOf('.'))}`,
    options,
  );
  expect(reports).toEqual([]);
  expect(output).toBeDefined();
  const before = await execute(input, file, library, call, pattern);
  const after = await execute(output as string, file, library, call, pattern);
  expect(after.left).toEqual(before.left);
  // KEYS once before; after, no KEYS and exactly the SCAN steps that walk the keyspace with the same MATCH and COUNT.
  expect([before.calls.keys, before.calls.scan]).toEqual([1, undefined]);
  expect([after.calls.keys, after.calls.scan]).toEqual([undefined, after.steps]);
  return { before, after, output: output as string };
}

/** `DELETE /users/7/cache` on the router the Express fixture exports. */
const deleteUserCache = async (router: Exports): Promise<unknown> => {
  expect(router).toBe(routes);
  let body: unknown;
  await handlers.get('/users/:id/cache')?.({ params: { id: '7' } }, { json: (value: unknown) => (body = value) });
  return body;
};

describe.runIf(runs)('redis-keys-to-scan against Redis with 100,000 keys', () => {
  beforeAll(() => {
    admin = new Redis(URL);
  });

  afterAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll could not connect
    if (!admin) return;
    await admin.flushdb();
    admin.disconnect();
  });

  it('ioredis: the route deletes the same 1,000 keys through scanStream as through KEYS', async () => {
    const { before, after } = await compare(
      'cjs-ioredis-collect',
      'input.js',
      'ioredis',
      {},
      deleteUserCache,
      'user:7:*',
    );
    expect(before.result).toEqual({ deleted: 1000 });
    expect(after.result).toEqual(before.result);
    expect(after.left).toEqual({ size: 99_000, keys: [], expiring: 0 });
    expect([before.calls.del, after.calls.del]).toEqual([1, 1]);
  });

  it('ioredis: a loop over the keys expires the same 900 drafts while it scans', async () => {
    const { before, after } = await compare(
      'ioredis-loop-over-keys',
      'input.js',
      'ioredis',
      {},
      (program) => program.expireDrafts?.('3'),
      'draft:3:*',
    );
    expect([before.result, after.result]).toEqual([900, 900]);
    expect(after.left.size).toBe(100_000);
    expect(after.left.expiring).toBe(900);
    expect([before.calls.expire, after.calls.expire]).toEqual([900, 900]);
  });

  it('node-redis 4: scanIterator yields one key per step; the same 500 session ids', async () => {
    const { before, after } = await compare(
      'esm-node-redis-collect',
      'input.mjs',
      'redis@4',
      { nodeRedisMajor: 4 },
      (program) => program.sessionIds?.('5'),
      'sess:5:*',
    );
    // KEYS and SCAN both return keys in an order of their own.
    const ids = (result: unknown) => [...(result as string[])].sort();
    expect(ids(after.result)).toEqual(ids(before.result));
    expect(after.result).toHaveLength(500);
  });

  it('node-redis 6: scanIterator yields arrays; the same 500 session ids', async () => {
    const { before, after, output } = await compare(
      'esm-node-redis-collect',
      'input.mjs',
      'redis',
      { nodeRedisMajor: 6 },
      (program) => program.sessionIds?.('5'),
      'sess:5:*',
    );
    expect(output).toContain('for (const key of batch)');
    const ids = (result: unknown) => [...(result as string[])].sort();
    expect(ids(after.result)).toEqual(ids(before.result));
    expect(after.result).toHaveLength(500);
  });

  it('node-redis 6: a loop over the keys sets the same 500 expiries', async () => {
    const { before, after } = await compare(
      'node-redis-v5-loop',
      'input.js',
      'redis',
      { nodeRedisMajor: 6 },
      (program) => program.touchAll?.('sess:9:*'),
      'sess:9:*',
    );
    expect([before.result, after.result]).toEqual([undefined, undefined]);
    expect(after.left.expiring).toBe(500);
    expect([before.calls.expire, after.calls.expire]).toEqual([500, 500]);
  });
});
