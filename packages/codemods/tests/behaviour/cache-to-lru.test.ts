import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as codemod from '../../src/transforms/cache-to-lru.js';
import { runTransform } from '../run-transform.js';
import { runCommonJs } from './commonjs.js';

const requireFromHere = createRequire(import.meta.url);

interface Loaded {
  /** The module's exports; a name it does not export reads as `undefined`. */
  exports: Partial<Record<string, (...args: unknown[]) => unknown>>;
  /** Entries the cache holds now. */
  size(): number;
}

/** Runs a CommonJS module with the real `lru-cache`, exposing its cache variable to count entries. */
function load(source: string, cacheName: string): Loaded {
  const probe = `\nmodule.exports.__cache = () => ${cacheName};`;
  const require = (name: string): unknown => {
    if (name !== 'lru-cache') throw new Error(`unexpected require(${name})`);
    return requireFromHere('lru-cache');
  };
  const exports = runCommonJs(source + probe, require) as Loaded['exports'];
  const cache = (): unknown => exports['__cache']?.();
  return {
    exports,
    size() {
      const value = cache();
      if (value instanceof Map) return value.size;
      if (typeof (value as { size?: unknown }).size === 'number') return (value as { size: number }).size;
      return Object.keys(value as object).length;
    },
  };
}

const OBJECT_CACHE = `const squares = {};
let computed = 0;

function square(n) {
  if (!(n in squares)) {
    computed += 1;
    squares[n] = { n, value: n * n };
  }
  return squares[n].value;
}

function computations() {
  return computed;
}

module.exports = { square, computations };
`;

const MAP_CACHE = `const profiles = new Map();

function profile(id) {
  let found = profiles.get(id);
  if (!found) {
    found = { id, name: 'user-' + id };
    profiles.set(id, found);
  }
  return found.name;
}

module.exports = { profile };
`;

const FIELD_CACHE = `class Profiles {
  constructor() {
    this.byId = new Map();
  }

  profile(id) {
    let found = this.byId.get(id);
    if (!found) {
      found = { id, name: 'user-' + id };
      this.byId.set(id, found);
    }
    return found.name;
  }
}

const profiles = new Profiles();

function profile(id) {
  return profiles.profile(id);
}

module.exports = { profile };
`;

/** 20,000 distinct keys, with a hot set of 50 keys asked again after every 10 new ones. */
function workload(call: (key: number) => unknown): unknown[] {
  const results: unknown[] = [];
  for (let i = 0; i < 20_000; i += 1) {
    results.push(call(i));
    if (i % 10 === 0) for (let hot = 0; hot < 50; hot += 1) results.push(call(hot));
  }
  return results;
}

describe('cache-to-lru behaviour', () => {
  it('an object cache: the same results, and at most `max` entries after many inserts', () => {
    const { output } = runTransform(codemod, OBJECT_CACHE, 'src/squares.js', { max: 1000, dry: true });
    expect(output).toContain('new LRUCache({ max: 1000');
    const before = load(OBJECT_CACHE, 'squares');
    const after = load(output as string, 'squares');
    expect(workload((n) => after.exports.square?.(n))).toEqual(workload((n) => before.exports.square?.(n)));
    expect(before.size()).toBe(20_000);
    expect(after.size()).toBe(1000);
    // The hot keys stay cached while cold ones are evicted: no key is computed twice.
    expect(before.exports.computations?.()).toBe(20_000);
    expect(after.exports.computations?.()).toBe(20_000);
  });

  it('a Map cache: the same results, and at most `max` entries after many inserts', () => {
    const { output } = runTransform(codemod, MAP_CACHE, 'src/profiles.js', { max: 500, dry: true });
    const before = load(MAP_CACHE, 'profiles');
    const after = load(output as string, 'profiles');
    expect(workload((id) => after.exports.profile?.(id))).toEqual(workload((id) => before.exports.profile?.(id)));
    expect(before.size()).toBe(20_000);
    expect(after.size()).toBe(500);
  });

  it("a Map in a long-lived instance's field: the same results, and at most `max` entries", () => {
    const { output } = runTransform(codemod, FIELD_CACHE, 'src/profiles.js', { max: 500, dry: true });
    expect(output).toContain('this.byId = new LRUCache({ max: 500 });');
    const before = load(FIELD_CACHE, 'profiles.byId');
    const after = load(output as string, 'profiles.byId');
    expect(workload((id) => after.exports.profile?.(id))).toEqual(workload((id) => before.exports.profile?.(id)));
    expect(before.size()).toBe(20_000);
    expect(after.size()).toBe(500);
  });
});
