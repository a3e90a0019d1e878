import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { API, FileInfo } from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import transform, { meta } from '../src/refactors/n-plus-one-to-dataloader.js';
import { fixturePath } from './fixture-path.js';

const root = fixturePath(meta.name);

interface CaseOptions {
  options?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  filename?: string;
  remainingReports?: number;
}

function run(
  source: string,
  filename: string,
  options: CaseOptions,
): { output: string | undefined; reports: string[] } {
  const reports: string[] = [];
  const api = { report: (message: string) => reports.push(message) } as unknown as API;
  const file: FileInfo = { path: filename, source };
  const output = transform(file, api, {
    ...(options.options ?? {}),
    ...(options.settings ? { settings: options.settings } : {}),
  });
  return { output: output ?? undefined, reports };
}

describe(meta.name, () => {
  it('leaves a file without per-item lookups untouched', () => {
    const source = `const { Pool } = require('pg');
const pool = new Pool();
async function usersByIds(ids) {
  const { rows } = await pool.query('SELECT * FROM users WHERE id = ANY($1)', [ids]);
  return rows;
}
module.exports = { usersByIds };
`;
    expect(run(source, 'src/users.js', {})).toEqual({ output: undefined, reports: [] });
  });

  it('lists every site it leaves unchanged, with the reason', () => {
    const source = readFileSync(path.join(root, 'unsafe-sites', 'input.js'), 'utf8');
    expect(run(source, 'src/mixed.js', {}).reports).toEqual([
      'src/mixed.js:9:26: left unchanged: the key is computed inside the loop body',
      'src/mixed.js:13:26: left unchanged: the loop can exit early; a batch would load items it never reaches',
      'src/mixed.js:16:42: left unchanged: `findUniqueOrThrow` throws on a missing row; a batch cannot reproduce ' +
        'that per item',
    ]);
  });

  it('leaves mysql2 prepared statements and results read beyond their rows, with the reason', () => {
    const source = readFileSync(path.join(root, 'mysql2-execute-unchanged', 'input.js'), 'utf8');
    expect(run(source, 'src/customers.js', {}).reports).toEqual([
      'src/customers.js:9:26: left unchanged: `execute` runs a prepared statement, which cannot expand a list into ' +
        '`IN (?)`; batch it with `query`',
      'src/customers.js:19:34: left unchanged: the query result is used beyond its rows',
    ]);
  });
});
