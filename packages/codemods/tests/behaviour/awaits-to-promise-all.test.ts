// Runs the input and the output of each awaits-to-promise-all fixture against fake async operations that record
// what they return, the order in which they start, and how many are in flight at once. Nothing is timed: the fakes
// yield to the event loop a number of turns that depends on their argument, so operations finish out of start order.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures', 'awaits-to-promise-all');
// Under the package, so that the outputs resolve `p-limit` from its node_modules.
mkdirSync(path.join(here, '..', '..', '.cache'), { recursive: true });
const scratch = mkdtempSync(path.join(here, '..', '..', '.cache', 'behaviour-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const require = createRequire(import.meta.url);

interface Recorder {
  readonly started: string[];
  readonly finished: string[];
  inFlight: number;
  maxInFlight: number;
}

type Fn = (...args: unknown[]) => Promise<unknown>;

function turns(text: string): number {
  let sum = 0;
  for (const char of text) sum += char.charCodeAt(0);
  return 1 + (sum % 4);
}

/**
 * Fake async operations: each records its start, yields some event-loop turns, records its end, returns `compute(...)`.
 */
function fakeApi(operations: Record<string, (...args: never[]) => unknown>): {
  api: Record<string, Fn>;
  log: Recorder;
} {
  const log: Recorder = { started: [], finished: [], inFlight: 0, maxInFlight: 0 };
  const api: Record<string, Fn> = {};
  for (const [name, compute] of Object.entries(operations)) {
    api[name] = async (...args: unknown[]) => {
      const call = `${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`;
      log.started.push(call);
      log.inFlight += 1;
      log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
      for (let i = turns(call); i > 0; i -= 1) await new Promise((resolve) => setImmediate(resolve));
      log.inFlight -= 1;
      log.finished.push(call);
      return (compute as (...a: unknown[]) => unknown)(...args);
    };
  }
  return { api, log };
}

let counter = 0;
/** Loads a fixture file as a module: CommonJS through require, ESM through import, TypeScript transpiled to ESM. */
async function load(file: string): Promise<Record<string, Fn>> {
  const text = readFileSync(file, 'utf8');
  const ext = path.extname(file);
  counter += 1;
  if (ext === '.js') {
    const target = path.join(scratch, `m${counter}.cjs`);
    writeFileSync(target, text);
    return require(target) as Record<string, Fn>;
  }
  const code =
    ext === '.ts'
      ? ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
          .outputText
      : text;
  const target = path.join(scratch, `m${counter}.mjs`);
  writeFileSync(target, code);
  return (await import(pathToFileURL(target).href)) as Record<string, Fn>;
}

interface Run {
  readonly result: unknown;
  readonly log: Recorder;
}

async function runBoth(
  fixture: string,
  ext: string,
  exportName: string,
  operations: Record<string, (...args: never[]) => unknown>,
  args: (api: Record<string, Fn>) => unknown[],
): Promise<{ before: Run; after: Run }> {
  const runs: Run[] = [];
  for (const side of ['input', 'output']) {
    const module = await load(path.join(fixtures, fixture, `${side}.${ext}`));
    const { api, log } = fakeApi(operations);
    const result = await module[exportName](...args(api));
    runs.push({ result, log });
  }
  return { before: runs[0], after: runs[1] };
}

const sorted = (list: readonly string[]): string[] => [...list].sort();

describe('awaits-to-promise-all behaviour', () => {
  it('independent awaits: same results, dependent and ordered calls keep their order, more in flight', async () => {
    const operations = {
      getUser: (id: string) => ({ id, name: `user ${id}` }),
      getNotifications: (id: string) => [`welcome ${id}`],
      getRecommendations: (id: string) => [`book for ${id}`],
      getInvoice: (id: string) => ({ id, customerId: `c-${id}`, currency: 'EUR' }),
      getCustomer: (id: string) => ({ id }),
      getRates: (currency: string) => ({ currency, rate: 1.1 }),
      debit: () => undefined,
      credit: () => undefined,
    };
    const dashboard = await runBoth('cjs-independent-awaits', 'js', 'loadDashboard', operations, (api) => [api, 'u1']);
    expect(dashboard.after.result).toEqual(dashboard.before.result);
    expect(dashboard.after.log.started).toEqual(dashboard.before.log.started);
    expect(dashboard.before.log.maxInFlight).toBe(1);
    expect(dashboard.after.log.maxInFlight).toBe(3);

    const invoice = await runBoth('cjs-independent-awaits', 'js', 'loadInvoice', operations, (api) => [api, 'i7']);
    expect(invoice.after.result).toEqual(invoice.before.result);
    // The customer lookup needs the invoice: it still starts after the invoice has finished.
    const { started, finished } = invoice.after.log;
    expect(finished.indexOf('getInvoice("i7")')).toBe(0);
    expect(started.indexOf('getCustomer("c-i7")')).toBeGreaterThan(0);
    expect(invoice.before.log.maxInFlight).toBe(1);
    expect(invoice.after.log.maxInFlight).toBe(2);

    const transfer = await runBoth('cjs-independent-awaits', 'js', 'transfer', operations, (api) => [api, 'a', 'b', 5]);
    expect(transfer.after.result).toBe('done');
    // Ordered effects are untouched: debit finishes before credit starts.
    expect(transfer.after.log.finished).toEqual(['debit("a", 5)', 'credit("b", 5)']);
    expect(transfer.after.log.maxInFlight).toBe(1);
  });

  it('assignments and bare awaits: same results and effects, independent calls in flight together', async () => {
    const operations = {
      getUser: (id: string) => ({ id, name: `user ${id}` }),
      getSettings: (id: string) => ({ id, theme: 'dark' }),
      del: () => 1,
      remove: () => true,
      record: () => undefined,
      getPlan: (id: string) => ({ id, tier: 'pro' }),
    };
    const profile = await runBoth('cjs-assignments-and-bare', 'js', 'loadProfile', operations, (api) => [
      api,
      { title: 'profile' },
      'u1',
    ]);
    expect(profile.after.result).toEqual(profile.before.result);
    expect(profile.after.log.started).toEqual(profile.before.log.started);
    expect(profile.before.log.maxInFlight).toBe(1);
    expect(profile.after.log.maxInFlight).toBe(2);

    const forget = await runBoth('cjs-assignments-and-bare', 'js', 'forget', operations, (api) => [
      { del: api.del },
      { remove: api.remove },
      'u2',
    ]);
    expect(forget.after.result).toBe('forgotten');
    expect(forget.before.result).toBe('forgotten');
    expect(sorted(forget.after.log.finished)).toEqual(sorted(forget.before.log.finished));
    expect(forget.before.log.maxInFlight).toBe(1);
    expect(forget.after.log.maxInFlight).toBe(2);

    const audited = await runBoth('cjs-assignments-and-bare', 'js', 'audited', operations, (api) => [
      { getUser: api.getUser },
      { record: api.record },
      'u3',
    ]);
    expect(audited.after.result).toEqual(audited.before.result);
    expect(audited.after.log.started).toEqual(['record("view", "u3")', 'getUser("u3")']);
    expect(audited.after.log.maxInFlight).toBe(2);

    const account = await runBoth('ts-assignments', 'ts', 'loadAccount', operations, (api) => [api, 'u4']);
    expect(JSON.stringify(account.after.result)).toBe(JSON.stringify(account.before.result));
    expect(account.before.log.maxInFlight).toBe(1);
    expect(account.after.log.maxInFlight).toBe(2);
  });

  it('loops with results: same values in the same order, every item in flight at once', async () => {
    const operations = {
      getOrder: (id: string) => ({ id, total: id.length * 10 }),
      sendEmail: () => true,
      reload: (key: string) => key.toUpperCase(),
    };
    const ids = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    const orders = await runBoth('esm-loop-results', 'mjs', 'loadOrders', operations, (api) => [api, ids]);
    expect(orders.after.result).toEqual(orders.before.result);
    expect(orders.after.log.started).toEqual(orders.before.log.started);
    // The fakes finish out of start order, yet the pushed results keep the items' order.
    expect(orders.after.log.finished).not.toEqual(orders.after.log.started);
    expect(orders.before.log.maxInFlight).toBe(1);
    expect(orders.after.log.maxInFlight).toBe(ids.length);

    const users = [{ email: 'a@x' }, {}, { email: 'c@x' }, { email: 'd@x' }];
    const notified = await runBoth('esm-loop-results', 'mjs', 'notifyAll', operations, (api) => [api, users]);
    expect(notified.after.result).toBe(3);
    expect(notified.before.result).toBe(3);
    // The effects start in the same order (each callback runs synchronously up to its first await).
    expect(notified.after.log.started).toEqual(notified.before.log.started);
    expect(notified.after.log.maxInFlight).toBe(3);

    // The for...in loop is reported but not rewritten: the same behaviour on both sides.
    const refreshed = await runBoth('esm-loop-results', 'mjs', 'refreshAll', operations, (api) => [
      api,
      { a: 1, b: 2 },
    ]);
    expect(refreshed.after.result).toEqual(refreshed.before.result);
    expect(refreshed.after.log.maxInFlight).toBe(1);
  });

  it('--concurrency: the fan-out is bounded by p-limit and the results keep their order (TypeScript)', async () => {
    const operations = {
      getPrice: (sku: string) => sku.length * 100,
      getAccount: (id: string) => ({ id, plan: 'pro' }),
      getUsage: () => ({ calls: 42 }),
    };
    const skus = ['s1', 'sku-2', 'sku-003', 's4', 'sku-five', 's6'];
    const prices = await runBoth('ts-concurrency', 'ts', 'priceAll', operations, (api) => [api, skus]);
    expect(prices.after.result).toEqual(prices.before.result);
    expect(sorted(prices.after.log.started)).toEqual(sorted(prices.before.log.started));
    expect(prices.before.log.maxInFlight).toBe(1);
    expect(prices.after.log.maxInFlight).toBe(2);

    const profile = await runBoth('ts-concurrency', 'ts', 'profile', operations, (api) => [api, 'acct']);
    expect(profile.after.result).toEqual(profile.before.result);
    expect(profile.after.log.maxInFlight).toBe(2);
  });

  it('--concurrency in CommonJS: p-limit loads through require(esm) and bounds the loop', async () => {
    const operations = { resize: (name: string, size: number) => `${name}@${size}` };
    const files = [
      '/a/one.png',
      '/b/two.png',
      '/c/three.png',
      '/d/four.png',
      '/e/five.png',
      '/f/six.png',
      '/g/seven.png',
    ];
    const thumbs = await runBoth('cjs-concurrency', 'js', 'thumbnails', operations, (api) => [api, files]);
    expect(thumbs.after.result).toEqual(thumbs.before.result);
    expect(thumbs.after.log.started).toEqual(thumbs.before.log.started);
    expect(thumbs.before.log.maxInFlight).toBe(1);
    expect(thumbs.after.log.maxInFlight).toBe(3);
  });
});
