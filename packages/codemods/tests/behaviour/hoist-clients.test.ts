import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../fixture-path.js';

/**
 * Runs the `cjs-pg-pool` fixture's input and output with fake `pg`, `express` and config modules, and counts how many
 * pools the same requests construct and close.
 */
const fixture = fixturePath('hoist-clients', 'cjs-pg-pool');
const REQUESTS = 6;
const project = mkdtempSync(path.join(tmpdir(), 'hoist-clients-behaviour-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const FAKE_PG = `'use strict';
const stats = { constructed: 0, ended: 0, queries: 0 };
class Pool {
  constructor(config) {
    stats.constructed += 1;
    this.config = config;
    this.ended = false;
  }
  async query(text, values = []) {
    if (this.ended) throw new Error('Cannot use a pool after calling end on the pool');
    stats.queries += 1;
    const users = [{ id: '1', name: 'Ada' }, { id: '2', name: 'Grace' }];
    return { rows: values.length > 0 ? users.filter((user) => user.id === values[0]) : users };
  }
  async end() {
    this.ended = true;
    stats.ended += 1;
  }
}
module.exports = { Pool, stats };
`;

const FAKE_EXPRESS = `'use strict';
function Router() {
  const routes = {};
  return {
    routes,
    get(path, handler) {
      routes['GET ' + path] = handler;
    },
  };
}
module.exports = { Router };
`;

interface Loaded {
  /** The router's handlers by route; a route it does not declare reads as `undefined`. */
  routes: Partial<Record<string, (req: unknown, res: unknown) => Promise<void>>>;
  stats: { constructed: number; ended: number; queries: number };
}

function load(version: 'input' | 'output'): Loaded {
  const root = path.join(project, version);
  for (const [file, text] of [
    ['node_modules/pg/index.js', FAKE_PG],
    ['node_modules/express/index.js', FAKE_EXPRESS],
    ['src/config.js', "module.exports = { config: { database: { host: '127.0.0.1', database: 'shop' } } };\n"],
    ['src/routes/users.js', readFileSync(path.join(fixture, `${version}.js`), 'utf8')],
  ] as const) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const require = createRequire(path.join(root, 'src', 'routes', 'users.js'));
  const router = require('./users.js') as { routes: Loaded['routes'] };
  return { routes: router.routes, stats: (require('pg') as { stats: Loaded['stats'] }).stats };
}

async function serve(loaded: Loaded): Promise<unknown[]> {
  const responses: unknown[] = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    const route = i % 2 === 0 ? 'GET /users' : 'GET /users/:id';
    const handler = loaded.routes[route];
    if (!handler) throw new Error(`no route ${route}`);
    await handler({ params: { id: '2' } }, { json: (body: unknown) => responses.push(body) });
  }
  // Concurrent requests share the one pool too.
  const list = loaded.routes['GET /users'];
  if (!list) throw new Error('no route GET /users');
  await Promise.all(
    Array.from({ length: REQUESTS }, () => list({ params: {} }, { json: (body: unknown) => responses.push(body) })),
  );
  return responses;
}

describe('hoist-clients on the cjs-pg-pool fixture', () => {
  it('constructs one pool for all requests instead of one per request, with identical responses', async () => {
    const input = load('input');
    const output = load('output');
    const before = await serve(input);
    const after = await serve(output);
    expect(input.stats).toEqual({ constructed: 2 * REQUESTS, ended: 2 * REQUESTS, queries: 2 * REQUESTS });
    expect(output.stats).toEqual({ constructed: 1, ended: 0, queries: 2 * REQUESTS });
    expect(after).toEqual(before);
    expect(before[1]).toEqual({ id: '2', name: 'Grace' });
  });
});
