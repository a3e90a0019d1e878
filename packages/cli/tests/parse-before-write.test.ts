// Every codemod's output is parsed before it is kept: a codemod that prints code that does not parse fails that file,
// and nothing is written. The codemod here is cache-to-lru with its transform replaced by one that breaks the code.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/main.js';
import { migrateSource } from '../src/migrate-runner.js';

vi.mock('@backend-perf/codemods', async (importOriginal) => {
  const original = await importOriginal<typeof import('@backend-perf/codemods')>();
  const cacheToLru = original.codemodsByName['cache-to-lru'];
  return {
    ...original,
    codemodsByName: {
      ...original.codemodsByName,
      'cache-to-lru': { ...cacheToLru, default: (file: { source: string }) => file.source.replace('{}', '{') },
    },
  };
});

const scratch = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-parse-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
// A cache filled by a route handler: `check` reports it with every config that enables the rule.
const source =
  "const memo = {};\nconst app = require('express')();\n" +
  "app.put('/:k', (req, res) => { memo[req.params.k] = req.body; res.end(); });\n";

describe('parse before write', () => {
  it('fails the file with the codemod that broke it, with line and column', () => {
    const outcome = migrateSource({
      file: path.join(scratch, 'memo.js'),
      source,
      codemods: ['cache-to-lru'],
      options: {},
    });
    expect(outcome).toEqual({
      status: 'failed',
      error: 'cache-to-lru failed: its output does not parse (1:15: Unexpected token ;); the file is left unchanged',
      reports: [],
    });
  });

  it('writes nothing and exits 1', async () => {
    const file = path.join(scratch, 'memo.js');
    writeFileSync(file, source);
    const err: string[] = [];
    const code = await main(
      ['migrate', 'cache-to-lru', '--config', 'strict', '--workers', '1', '--no-config-lookup', '--quiet', 'memo.js'],
      { cwd: scratch, stdout: () => {}, stderr: (text) => err.push(text) },
      { run: async () => '' },
    );
    expect(code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(source);
    expect(err.join('')).toBe(
      'memo.js: cache-to-lru failed: its output does not parse (1:15: Unexpected token ;); the file is left ' +
        'unchanged\n',
    );
  });
});
