import { Linter } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import {
  dependsOnIteration,
  enclosingIterations,
  EVERY_ITEM_METHODS,
  PER_ITEM_METHODS,
  isSmallLiteralArray,
  visibleListBound,
  visibleLoopBound,
  visibleMinimum,
} from '../src/index.js';

/**
 * For every call of `probe(expr)`: the iterations around it (innermost first) and whether `expr` depends on the
 * innermost.
 */
function probe(code: string, methods?: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: { sourceCode: TSESLint.SourceCode }) {
      return {
        'CallExpression[callee.name="probe"]'(call: TSESTree.CallExpression) {
          // With `methods`, also the iteratees of the libraries found through the file's imports.
          const iterations = methods
            ? enclosingIterations(call, methods, context.sourceCode)
            : enclosingIterations(call);
          const inner = iterations.at(0);
          const argument = call.arguments[0] as TSESTree.Node;
          const kinds = iterations.map(
            (it) =>
              `${it.kind}:${it.method ?? it.node.type}` +
              (it.iterable && isSmallLiteralArray(it.iterable, context.sourceCode) ? '(small)' : ''),
          );
          found.push(
            `${kinds.join(' < ') || 'none'} ` +
              (inner ? (dependsOnIteration(argument, inner, context.sourceCode) ? 'depends' : 'invariant') : '-'),
          );
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.js'],
        languageOptions: { parser: tseslint.parser, sourceType: 'module' },
        plugins: { test: { rules: { probe: rule as never } } },
        rules: { 'test/probe': 'error' },
      },
    ],
    { filename: 'file.js' },
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return found;
}

describe('iteration helpers', () => {
  it('finds loops and per-item callbacks, innermost first, and stops at other functions', () => {
    expect(
      probe(`
for (const user of users) {
  probe(user.id);
  user.orders.map((order) => probe(order.id));
  setTimeout(() => probe(user.id));
}
probe(1);
for (const x of xs) probe(limit);
`),
    ).toEqual([
      'loop:ForOfStatement depends',
      'callback:map < loop:ForOfStatement depends',
      'none -',
      'none -',
      'loop:ForOfStatement invariant',
    ]);
  });

  it("reads lodash's iteratees as callbacks of the array method they behave like", () => {
    const code = `
import _ from 'lodash';
import { filter } from 'lodash-es';
import fp from 'lodash/fp';
const mapValues = require('lodash/mapValues');
_.each(byDatabase, (names, db) => _.filter(names, (name) => probe(name)));
filter(cols, (col) => probe(col));
mapValues(settings, (value) => probe(value));
_.find(rows, (row) => probe(row.id));
_.debounce(() => probe(1));
const local = { each: (list, fn) => list.forEach(fn) };
local.each(rows, (row) => probe(row));
_.forEach(rows, (row) => probe(row.id));
fp.map((row) => probe(row.id), rows);
`;
    expect(probe(code, EVERY_ITEM_METHODS)).toEqual([
      'callback:_.filter < callback:_.each depends',
      'callback:_.filter depends',
      'callback:_.mapValues depends',
      'callback:_.find depends',
      'none -',
      'none -',
      'callback:_.forEach depends',
      'callback:_.map depends',
    ]);
    // Searching functions are not per-item callbacks for the rules that count only `map`, `forEach`, `flatMap`
    // (and the search stops at the first function that is not one).
    expect(probe(code, PER_ITEM_METHODS)).toEqual([
      'none -',
      'none -',
      'callback:_.mapValues depends',
      'none -',
      'none -',
      'none -',
      'callback:_.forEach depends',
      'callback:_.map depends',
    ]);
    // Without the file's imports, no library is known.
    // (Without the file's imports, `fp.map(fn, rows)` reads as a method of a list named `fp`.)
    expect(probe(code)).toEqual([
      'none -',
      'none -',
      'none -',
      'none -',
      'none -',
      'none -',
      'none -',
      'callback:map depends',
    ]);
  });

  it('counts variables declared in the body as per-iteration, not the iterable', () => {
    expect(
      probe(`
for (let i = 0; i < ids.length; i++) { const id = ids[i]; probe(id); }
for (const x of probe(xs)) {}
while (more) { probe(cursor); }
`),
    ).toEqual(['loop:ForStatement depends', 'none -', 'loop:WhileStatement invariant']);
  });

  it('knows small literal lists, also through a constant', () => {
    expect(
      probe(`
const TABLES = ['a', 'b'];
TABLES.forEach((t) => probe(t));
['a', 'b', 'c'].map((t) => probe(t));
[...rows].map((r) => probe(r));
Object.entries({ a: 1 }).map(([k]) => probe(k));
`),
    ).toEqual([
      'callback:forEach(small) depends',
      'callback:map(small) depends',
      'callback:map depends',
      'callback:map(small) depends',
    ]);
  });

  it('knows the keys of a constant object, and parts and mappings of a fixed list, as fixed lists', () => {
    expect(
      probe(`
const FIELDS = { _id: { write: false }, _rperm: { write: true }, _wperm: { write: true } };
const WRITABLE = Object.keys(FIELDS).filter((key) => FIELDS[key].write);
const NAMES = ['a', 'b', 'c'].map((name) => name.toUpperCase()).slice(1);
Object.keys(FIELDS).forEach((key) => probe(key));
Object.values(FIELDS).map((field) => probe(field));
WRITABLE.forEach((key) => probe(key));
NAMES.forEach((name) => probe(name));
Object.keys(req.body).forEach((key) => probe(key));
rows.filter(Boolean).forEach((row) => probe(row));
Object.freeze(['a', 'b']).forEach((name) => probe(name));
'a,b,c'.split(',').forEach((name) => probe(name));
`),
    ).toEqual([
      'callback:forEach(small) depends',
      'callback:map(small) depends',
      'callback:forEach(small) depends',
      'callback:forEach(small) depends',
      'callback:forEach depends',
      'callback:forEach depends',
      'callback:forEach(small) depends',
      'callback:forEach(small) depends',
    ]);
  });

  it('does not take objects that code can grow, or lists defined through themselves, for fixed lists', () => {
    expect(
      probe(`
Object.keys({ ...req.body.index }).forEach((key) => probe(key));
const counts = {};
for (const row of rows) counts[row.kind]++;
Object.keys(counts).forEach((key) => probe(key));
const registry = {};
exports.register = (name, value) => Object.assign(registry, { [name]: value });
Object.values(registry).slice(-100).forEach((value) => probe(value));
const byId = {};
fill(byId);
Object.entries(byId).forEach(([id]) => probe(id));
var list = list.filter(Boolean);
list.forEach((item) => probe(item));
`),
    ).toEqual([
      'callback:forEach depends',
      'callback:forEach depends',
      'callback:forEach depends',
      'callback:forEach depends',
      'callback:forEach depends',
    ]);
  });

  it('reads the bound of a list or a loop when the code shows it', () => {
    const bounds: Array<number | null> = [];
    const rule = {
      meta: { type: 'problem' as const, schema: [] },
      create(context: { sourceCode: TSESLint.SourceCode }) {
        return {
          'CallExpression[callee.name="bound"]'(call: TSESTree.CallExpression) {
            bounds.push(visibleListBound(call.arguments[0], context.sourceCode));
          },
          'ForStatement, WhileStatement'(loop: TSESTree.Node) {
            bounds.push(visibleLoopBound(loop, context.sourceCode));
          },
        };
      },
    };
    const linter = new Linter({ configType: 'flat' });
    linter.verify(
      `
const LIMIT = 5;
async function run(ids, db, pool, Post) {
  bound([a, b, c]);
  bound(ids.slice(0, LIMIT).map((id) => id * 2));
  bound(ids.slice(-2));
  bound(ids.slice(start, 4));
  const top = await Post.find().sort({ score: -1 }).limit(10);
  bound(top);
  const { rows } = await pool.query('SELECT id FROM users ORDER BY created DESC LIMIT 3');
  bound(rows);
  bound(await db.post.findMany({ where: { open: true }, take: LIMIT }));
  bound(ids);
  bound(await Post.find());
  const pending = [];
  for (const id of ids) pending.push(id);
  bound(pending);
  const visited = [];
  collectIds(tree, visited);
  bound(visited);
  const slots = [0, 0];
  slots[slots.length] = 1;
  bound(slots);
  for (let attempt = 1; attempt <= LIMIT; attempt++) {}
  for (let i = 0; i < ids.length; i++) {}
  while (tries < 3) {}
}
`,
      [
        {
          files: ['**/*.js'],
          languageOptions: { parser: tseslint.parser, sourceType: 'module' },
          plugins: { test: { rules: { bound: rule as never } } },
          rules: { 'test/bound': 'error' },
        },
      ],
      { filename: 'file.js' },
    );
    expect(bounds).toEqual([3, 5, 2, null, 10, 3, 5, null, null, null, null, null, 6, null, 3]);
  });

  it('reads the least value a number can have when the code shows it', () => {
    const minimums: Array<number | null> = [];
    const rule = {
      meta: { type: 'problem' as const, schema: [] },
      create(context: { sourceCode: TSESLint.SourceCode }) {
        return {
          'CallExpression[callee.name="least"]'(call: TSESTree.CallExpression) {
            minimums.push(visibleMinimum(call.arguments[0], context.sourceCode));
          },
        };
      },
    };
    const linter = new Linter({ configType: 'flat' });
    linter.verify(
      `
const HOUR_MS = 60 * 60 * 1000;
const jitter = Math.floor(Math.random() * 5000);
let later = 10;
later = 20;
least(1500);
least(HOUR_MS + jitter);
least(Math.max(HOUR_MS, options.delay));
least(Math.round(2.7));
least(options.delay);
least(HOUR_MS - jitter);
least(-5 * HOUR_MS);
least(later);
least(Math.min(1, 2));
`,
      [
        {
          files: ['**/*.js'],
          languageOptions: { parser: tseslint.parser, sourceType: 'module' },
          plugins: { test: { rules: { least: rule as never } } },
          rules: { 'test/least': 'error' },
        },
      ],
      { filename: 'file.js' },
    );
    expect(minimums).toEqual([1500, 3_600_000, 3_600_000, 2, null, null, null, null, null]);
  });
});
