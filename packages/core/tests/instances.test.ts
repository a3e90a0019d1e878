import { describe, expect, it } from 'vitest';
import { findApiUses } from '../src/tracker.js';
import type { TSESTree } from '@typescript-eslint/utils';
import {
  declaredVariable,
  findInstanceReferences,
  followInstances,
  instanceReceivers,
  storedVariable,
  valueNode,
} from '../src/instances.js';
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
    expect(references(`import Redis from 'ioredis';\nnew Redis().keys('*');`)).toEqual(['2:new Redis()']);
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

/** The first node of `type` whose text is `text`. */
function nodeOf(
  program: TSESTree.Node,
  visitorKeys: Record<string, readonly string[] | undefined>,
  type: string,
  text: string,
  getText: (node: TSESTree.Node) => string,
): TSESTree.Node {
  const visit = (node: TSESTree.Node): TSESTree.Node | null => {
    if ((node.type as string) === type && getText(node) === text) return node;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && 'type' in item) {
          const found = visit(item as TSESTree.Node);
          if (found) return found;
        }
      }
    }
    return null;
  };
  const found = visit(program);
  if (!found) throw new Error(`no ${type} \`${text}\``);
  return found;
}

/** `instanceReceivers` of the call or construction spelled `creation`, as `line:text`. */
function receivers(code: string, creation: string, fields?: boolean): string[] {
  return withSourceCode(code, (sourceCode) => {
    const getText = (node: TSESTree.Node): string => sourceCode.getText(node);
    const type = creation.startsWith('new ') ? 'NewExpression' : 'CallExpression';
    const node = nodeOf(sourceCode.ast, sourceCode.visitorKeys, type, creation, getText);
    return instanceReceivers(sourceCode, node, fields === undefined ? {} : { fields }).map(
      (receiver) => `${receiver.loc.start.line}:${getText(receiver)}`,
    );
  });
}

describe('instanceReceivers', () => {
  it('returns the creating expression when a method is called on it, through await and TypeScript wrappers', () => {
    expect(receivers(`const r = (await (axios.create() as Client)).get('/a');`, 'axios.create()')).toEqual([
      '1:await (axios.create() as Client)',
    ]);
    expect(receivers(`new Pool()!.query('x');`, 'new Pool()')).toEqual(['1:new Pool()!']);
  });

  it('follows the variable, its aliases and this fields to their reads', () => {
    expect(
      receivers(
        `async function f(pool) {
  const client = await pool.connect();
  const same = client;
  await client.query('a');
  same.release();
}`,
        'pool.connect()',
      ),
    ).toEqual(['3:client', '4:client', '5:same']);
    expect(
      receivers(
        `class Api {
  constructor() { this.http = axios.create(); }
  get() { return this.http.get('/a'); }
}`,
        'axios.create()',
      ),
    ).toEqual(['3:this.http']);
  });

  it('leaves class fields out with fields: false', () => {
    expect(
      receivers(
        `class Routes {
  router = Router();
  constructor() { this.router.get('/a', h); }
}`,
        'Router()',
        false,
      ),
    ).toEqual([]);
  });

  it('follows nothing when the variable also holds something else', () => {
    expect(receivers(`let app = express();\napp = other();\napp.get('/a', h);`, 'express()')).toEqual([]);
  });

  it('follows a variable written in two branches by two creations, with the first origin', () => {
    expect(
      withSourceCode(`let c;\nif (x) c = new A(); else c = new B();\nc.run();`, (sourceCode) => {
        const getText = (node: TSESTree.Node): string => sourceCode.getText(node);
        const starts = ['new A()', 'new B()'].map((text) => ({
          node: nodeOf(sourceCode.ast, sourceCode.visitorKeys, 'NewExpression', text, getText),
          origin: text,
        }));
        return followInstances(sourceCode, starts).map(
          (reference) => `${getText(reference.node)} from ${reference.origin}`,
        );
      }),
    ).toEqual(['c from new A()']);
  });
});

describe('valueNode and storedVariable', () => {
  it('climb through await, optional chains and TypeScript wrappers to the stored variable', () => {
    expect(
      withSourceCode(
        `async function f(pool) {\n  const client = (await pool?.connect()) as Client;\n  return client;\n}`,
        (sourceCode) => {
          const getText = (node: TSESTree.Node): string => sourceCode.getText(node);
          const call = nodeOf(sourceCode.ast, sourceCode.visitorKeys, 'CallExpression', 'pool?.connect()', getText);
          return [getText(valueNode(call)), storedVariable(sourceCode, call)?.name];
        },
      ),
    ).toEqual(['(await pool?.connect()) as Client', 'client']);
  });
});

describe('declaredVariable', () => {
  it('names the variable a declarator initialises with the node itself, and nothing else', () => {
    expect(
      withSourceCode(`const a = f();\nconst { b } = g();\nconst c = h(i());\nlet d;\nd = j();`, (sourceCode) => {
        const getText = (node: TSESTree.Node): string => sourceCode.getText(node);
        return ['f()', 'g()', 'h(i())', 'i()', 'j()'].map((text) => {
          const call = nodeOf(sourceCode.ast, sourceCode.visitorKeys, 'CallExpression', text, getText);
          return declaredVariable(sourceCode, call)?.name ?? null;
        });
      }),
    ).toEqual(['a', null, 'c', null, null]);
  });
});
