import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as codemod from '../../src/transforms/redis-keys-to-scan.js';
import { runTransform } from '../run-transform.js';
import { runCommonJs } from './commonjs.js';

/** A glob of Redis' `MATCH` syntax (`*`, `?`) as a regular expression. */
function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/gu, '\\$&')
      .replace(/\*/gu, '.*')
      .replace(/\?/gu, '.')}$`,
    'u',
  );
}

/**
 * An in-memory Redis that counts the commands it receives. `SCAN` pages through the keyspace by cursor and, like the
 * real server while it rehashes, returns some keys twice.
 */
class FakeRedisServer {
  readonly data = new Map<string, string>();
  readonly commands: Record<string, number> = {};

  constructor(keys: readonly string[]) {
    for (const key of keys) this.data.set(key, 'v');
  }

  count(command: string): void {
    this.commands[command] = (this.commands[command] ?? 0) + 1;
  }

  keys(pattern: string): string[] {
    this.count('KEYS');
    const match = globToRegExp(pattern);
    return [...this.data.keys()].filter((key) => match.test(key));
  }

  /** Positions of open cursors: the last key of the page each cursor ends on (key order stands in for buckets). */
  private readonly cursors = new Map<number, string>();

  /**
   * One `SCAN cursor MATCH pattern COUNT count` step: the next cursor and the matching keys of the page. Like the real
   * server, keys deleted meanwhile do not make it skip the others.
   */
  scan(cursor: number, pattern: string, count: number): [number, string[]] {
    this.count('SCAN');
    const after = cursor === 0 ? null : (this.cursors.get(cursor) as string);
    const all = [...this.data.keys()].sort().filter((key) => after === null || key > after);
    const page = all.slice(0, count);
    const match = globToRegExp(pattern);
    const found = page.filter((key) => match.test(key));
    // Repeat the last key of the previous page, as SCAN may while the server rehashes.
    if (after !== null && match.test(after)) found.unshift(after);
    if (page.length === all.length) return [0, found];
    const next = this.cursors.size + 1;
    this.cursors.set(next, page.at(-1) as string);
    return [next, found];
  }

  del(keys: readonly string[]): number {
    this.count('DEL');
    let deleted = 0;
    for (const key of keys) if (this.data.delete(key)) deleted += 1;
    return deleted;
  }
}

function ioredisModule(server: FakeRedisServer): unknown {
  return class Redis {
    async keys(pattern: string): Promise<string[]> {
      return server.keys(pattern);
    }
    async del(...keys: string[]): Promise<number> {
      return server.del(keys);
    }
    async unlink(...keys: string[]): Promise<number> {
      return server.del(keys);
    }
    scanStream(options: { match: string; count: number }): Readable {
      let cursor = 0;
      let done = false;
      return new Readable({
        objectMode: true,
        read() {
          if (done) {
            this.push(null);
            return;
          }
          const [next, found] = server.scan(cursor, options.match, options.count);
          cursor = next;
          done = next === 0;
          this.push(found);
        },
      });
    }
  };
}

function nodeRedisModule(server: FakeRedisServer, major: number): unknown {
  return {
    createClient() {
      return {
        async keys(pattern: string) {
          return server.keys(pattern);
        },
        async del(keys: string | string[]) {
          return server.del(Array.isArray(keys) ? keys : [keys]);
        },
        async *scanIterator(options: { MATCH: string; COUNT: number }) {
          let cursor = 0;
          do {
            const [next, found] = server.scan(cursor, options.MATCH, options.COUNT);
            cursor = next;
            if (major >= 5) yield found;
            else yield* found;
          } while (cursor !== 0);
        },
      };
    },
  };
}

/** Runs a CommonJS module with the given fake modules and returns its exports. */
function load(
  source: string,
  modules: Record<string, unknown>,
): Partial<Record<string, (...args: unknown[]) => Promise<unknown>>> {
  const require = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`unexpected require(${name})`);
    return modules[name];
  };
  return runCommonJs(source, require) as Partial<Record<string, (...args: unknown[]) => Promise<unknown>>>;
}

function keyspace(): string[] {
  const keys: string[] = [];
  for (let i = 0; i < 700; i += 1) keys.push(`user:1:page:${i}`);
  for (let i = 0; i < 300; i += 1) keys.push(`user:2:page:${i}`);
  for (let i = 0; i < 250; i += 1) keys.push(`session:${i}`);
  return keys;
}

const IOREDIS_SOURCE = `const Redis = require('ioredis');
const redis = new Redis();

async function clearUserCaches(userId) {
  const keys = await redis.keys(\`user:\${userId}:*\`);
  if (keys.length) await redis.del(...keys);
  return keys.length;
}

async function purgeSessions() {
  let purged = 0;
  for (const key of await redis.keys('session:*')) {
    purged += await redis.unlink(key);
  }
  return purged;
}

module.exports = { clearUserCaches, purgeSessions };
`;

const NODE_REDIS_SOURCE = `const { createClient } = require('redis');
const client = createClient();

async function clearUserCaches(userId) {
  const keys = await client.keys(\`user:\${userId}:*\`);
  if (keys.length) await client.del(keys);
  return keys.length;
}

module.exports = { clearUserCaches };
`;

async function scenario(source: string, modules: (server: FakeRedisServer) => Record<string, unknown>) {
  const server = new FakeRedisServer(keyspace());
  const api = load(source, modules(server));
  const results: unknown[] = [await api.clearUserCaches?.('1')];
  if (api.purgeSessions) results.push(await api.purgeSessions());
  return { results, remaining: [...server.data.keys()].sort(), commands: server.commands };
}

describe('redis-keys-to-scan behaviour', () => {
  it('ioredis: deletes the same keys through SCAN as through KEYS, with no KEYS command', async () => {
    const { output } = runTransform(codemod, IOREDIS_SOURCE, 'src/cache.js');
    expect(output).toBeDefined();
    const before = await scenario(IOREDIS_SOURCE, (server) => ({ ioredis: ioredisModule(server) }));
    const after = await scenario(output as string, (server) => ({ ioredis: ioredisModule(server) }));
    expect(after.results).toEqual(before.results);
    expect(before.results).toEqual([700, 250]);
    expect(after.remaining).toEqual(before.remaining);
    expect(after.remaining).toHaveLength(300);
    expect(before.commands.KEYS).toBe(2);
    expect(after.commands.KEYS).toBeUndefined();
    // COUNT 100: 13 SCAN steps over 1,250 keys, then 6 over the 550 left after the first deletion.
    expect(after.commands.SCAN).toBe(19);
  });

  it('node-redis v4: the same keys through scanIterator, with no KEYS command', async () => {
    const { output } = runTransform(codemod, NODE_REDIS_SOURCE, 'src/cache.js', { nodeRedisMajor: 4 });
    const before = await scenario(NODE_REDIS_SOURCE, (server) => ({ redis: nodeRedisModule(server, 4) }));
    const after = await scenario(output as string, (server) => ({ redis: nodeRedisModule(server, 4) }));
    expect(after.results).toEqual(before.results);
    expect(after.remaining).toEqual(before.remaining);
    expect(before.commands.KEYS).toBe(1);
    expect(after.commands.KEYS).toBeUndefined();
    expect(after.commands.SCAN).toBe(13);
  });

  it('node-redis v5: the same keys when scanIterator yields arrays', async () => {
    const { output } = runTransform(codemod, NODE_REDIS_SOURCE, 'src/cache.js', { nodeRedisMajor: 5 });
    const before = await scenario(NODE_REDIS_SOURCE, (server) => ({ redis: nodeRedisModule(server, 5) }));
    const after = await scenario(output as string, (server) => ({ redis: nodeRedisModule(server, 5) }));
    expect(after.results).toEqual(before.results);
    expect(after.remaining).toEqual(before.remaining);
    expect(after.commands.KEYS).toBeUndefined();
  });
});
