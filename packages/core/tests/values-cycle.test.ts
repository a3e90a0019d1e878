import { describe, expect, it } from 'vitest';
import { findDataAccessCalls } from '../src/index.js';
import type { FileSummary } from '../src/request-path/summary.js';
import { ValueResolver } from '../src/request-path/values.js';
import { accessesIn, writeProject } from './project.js';

describe('value resolver', () => {
  it('gives `this.<field>` the same values whichever of two fields that read each other is asked first', () => {
    const fn = (start: number): FileSummary['functions'][number] => ({ start, name: `f${start}`, line: 1 });
    const summary = {
      functions: [fn(0), fn(1)],
      imports: [],
      refs: [],
      roots: [],
      edges: [],
      exports: {},
      stars: [],
      classes: [
        {
          name: 'A',
          methods: {},
          statics: {},
          fields: {
            a: [{ field: [0, 'b'] }, { fn: 0 }],
            b: [{ field: [0, 'a'] }, { fn: 1 }],
          },
        },
      ],
      calls: [],
      accesses: [],
      holders: [],
    } as unknown as FileSummary;
    const functionsOf = (order: readonly ('a' | 'b')[]): Record<string, number[]> => {
      const resolver = new ValueResolver({ summaries: [summary], resolve: () => -1, callSites: () => [] });
      const found: Record<string, number[]> = {};
      for (const name of order) {
        found[name] = resolver
          .evaluate(0, { field: [0, name] })
          .flatMap((value) => (value.kind === 'fn' ? [value.fn] : []))
          .sort();
      }
      return found;
    };
    expect(functionsOf(['b', 'a'])).toEqual({ a: [0, 1], b: [0, 1] });
    expect(functionsOf(['a', 'b'])).toEqual({ a: [0, 1], b: [0, 1] });
  });

  it("names no one library for a module whose members are several libraries' methods", () => {
    const root = writeProject({
      'src/db.js': `
const Redis = require('ioredis');
const { Pool } = require('pg');
const redis = new Redis();
const pool = new Pool();
exports.get = redis.get.bind(redis);
exports.query = pool.query.bind(pool);
`,
      'src/app.js': `
const db = require('./db');
exports.load = async (ids) => {
  for (const id of ids) await db.query('select 1 where id = $1', [id]);
};
`,
    });
    expect(accessesIn(root, 'src/app.js', findDataAccessCalls)).toEqual([
      "project query db.query('select 1 where id = $1', [id])",
    ]);
  });
});
