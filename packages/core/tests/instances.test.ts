import { describe, expect, it } from 'vitest';
import { findApiUses } from '../src/tracker.js';
import { findInstanceReferences } from '../src/instances.js';
import { REDIS_CLIENTS } from '../src/catalogue/redis.js';
import { withSourceCode } from './parse.js';

/** The source text of every reference, in order, as `line:text`. */
function references(code: string): string[] {
  return withSourceCode(code, (sourceCode) => {
    const uses = findApiUses(sourceCode, REDIS_CLIENTS);
    return findInstanceReferences(sourceCode, uses, { chainMethods: (entry) => entry.chainMethods }).map(
      (reference) => `${reference.node.loc.start.line}:${sourceCode.getText(reference.node)}`,
    );
  });
}

describe('findInstanceReferences', () => {
  it('follows a const variable to its reads', () => {
    expect(
      references(`const Redis = require('ioredis');
const redis = new Redis();
redis.get('a');
function f() { return redis.keys('*'); }`),
    ).toEqual(['3:redis', '4:redis']);
  });

  it('follows ESM default and named imports and node-redis chains', () => {
    expect(
      references(`import { createClient } from 'redis';
const client = await createClient().on('error', console.error).connect();
await client.set('k', 'v');`),
    ).toEqual(['3:client']);
  });

  it('returns the construction itself when a method is called on it', () => {
    expect(references(`import Redis from 'ioredis';\nnew Redis().keys('*');`)).toEqual(["2:new Redis()"]);
  });

  it('follows a let assigned once, and aliases', () => {
    expect(
      references(`const { createClient } = require('redis');
let client;
client = createClient();
const alias = client;
alias.keys('*');`),
    ).toEqual(['4:client', '5:alias']);
  });

  it('does not follow a variable that is also assigned something else', () => {
    expect(
      references(`const Redis = require('ioredis');
let client = new Redis();
client = makeFake();
client.keys('*');`),
    ).toEqual([]);
  });

  it('follows this.field assigned in a constructor or a field initialiser', () => {
    expect(
      references(`import Redis, { Cluster } from 'ioredis';
class Store {
  cluster = new Cluster([]);
  constructor() { this.redis = new Redis(); }
  get(k) { return this.redis.get(k); }
  all() { return this.cluster.keys('*'); }
  nested() { return function () { return this.redis; }; }
}`),
    ).toEqual(['5:this.redis', '6:this.cluster']);
  });

  it('does not follow parameters or unrelated objects', () => {
    expect(
      references(`const Redis = require('ioredis');
function f(redis) { return redis.keys('*'); }
const other = { keys() {} };
other.keys();`),
    ).toEqual([]);
  });

  it('ignores a shadowed constructor', () => {
    expect(
      references(`const Redis = require('ioredis');
function f() { class Redis {} const r = new Redis(); return r.keys('*'); }`),
    ).toEqual([]);
  });
});
