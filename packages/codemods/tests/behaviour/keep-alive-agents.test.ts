import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentsModuleFor, agentsModuleSource } from '../../src/transforms/keep-alive-agents.js';
import { fixturePath } from '../fixture-path.js';

/**
 * Runs the `upstream-client` fixture's input and output against a loopback server and counts the TCP connections the
 * same sequential requests open. The fixture targets Node 18, whose global agent closes each connection after one
 * request; the test runs on a newer Node, so it installs a global agent with that behaviour while it runs.
 */
const fixture = fixturePath('keep-alive-agents', 'upstream-client');
const REQUESTS = 5;

interface UpstreamClient {
  getStock(baseUrl: string, sku: string): Promise<string>;
  getPrice(baseUrl: string, sku: string): Promise<string>;
  inventoryAgent: http.Agent;
}

let server: http.Server;
let baseUrl = '';
let connections = 0;
let served = 0;
const project = mkdtempSync(path.join(tmpdir(), 'keep-alive-behaviour-'));
const originalGlobalAgent = http.globalAgent;
const node18GlobalAgent = new http.Agent({ keepAlive: false });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    served += 1;
    if (served > 4 * REQUESTS) {
      res.statusCode = 429;
      res.end('too many requests');
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url }));
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  http.globalAgent = node18GlobalAgent;
});

afterAll(async () => {
  http.globalAgent = originalGlobalAgent;
  node18GlobalAgent.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(project, { recursive: true, force: true });
});

/** Writes one version of the fixture as `src/lib/upstream.js` of a project (with the agents module) and loads it. */
function load(version: 'input' | 'output'): { client: UpstreamClient; destroy: () => void } {
  const root = path.join(project, version);
  const file = path.join(root, 'src', 'lib', 'upstream.js');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ private: true, type: 'commonjs' }));
  const source = readFileSync(path.join(fixture, `${version}.js`), 'utf8');
  writeFileSync(file, source);
  const agents = agentsModuleFor(file, source, root, 'src/http-agents.js');
  writeFileSync(agents.file, agentsModuleSource(agents));
  const require = createRequire(file);
  const client = require(file) as UpstreamClient;
  return {
    client,
    destroy: () => {
      client.inventoryAgent.destroy();
      const shared = require(agents.file) as { httpAgent: http.Agent; httpsAgent: http.Agent };
      shared.httpAgent.destroy();
      shared.httpsAgent.destroy();
    },
  };
}

/** Sequential requests (each after the previous response ended), and the connections they opened. */
async function measure(call: (sku: string) => Promise<string>): Promise<{ connections: number; responses: string[] }> {
  const before = connections;
  const responses: string[] = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    responses.push(await call(`sku-${i}`));
    // Let the agent take the socket back before the next request, as between two requests of a live service.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { connections: connections - before, responses };
}

describe('keep-alive-agents on a loopback upstream', () => {
  it('an agent without keepAlive opens one connection per request; after the codemod, one in total', async () => {
    const input = load('input');
    const output = load('output');
    try {
      const before = await measure((sku) => input.client.getStock(baseUrl, sku));
      const after = await measure((sku) => output.client.getStock(baseUrl, sku));
      expect(before.connections).toBe(REQUESTS);
      expect(after.connections).toBe(1);
      expect(after.responses).toEqual(before.responses);
      expect(before.responses[0]).toBe('{"path":"/stock/sku-0"}');
    } finally {
      input.destroy();
      output.destroy();
    }
  });

  it('the global agent of Node 18 opens one connection per request; the shared agent, one in total', async () => {
    const input = load('input');
    const output = load('output');
    try {
      const before = await measure((sku) => input.client.getPrice(baseUrl, sku));
      const after = await measure((sku) => output.client.getPrice(baseUrl, sku));
      expect(before.connections).toBe(REQUESTS);
      expect(after.connections).toBe(1);
      expect(after.responses).toEqual(before.responses);
      expect(before.responses[0]).toBe('{"path":"/price/sku-0"}');
    } finally {
      input.destroy();
      output.destroy();
    }
  });
});
