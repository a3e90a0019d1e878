// Every rule of the `all` config and every codemod on real backend code: the CI subset of the pinned corpus
// (bench/corpus.mjs, fetched with `npm pack` on first use). The full corpus runs with `pnpm real-code`.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { SUBSET } from '../bench/corpus.mjs';
// @ts-expect-error: a plain ES module script without type declarations
import { failures, runRealCode } from '../bench/real-code.mjs';

interface CodemodStats {
  readonly changed: number;
  readonly crashes: readonly unknown[];
  readonly brokenOutput: readonly string[];
  readonly damaged: readonly string[];
  readonly notIdempotent: readonly string[];
}

interface Summary {
  readonly files: number;
  readonly unparsable: readonly { readonly file: string; readonly message: string }[];
  readonly ruleCrashes: readonly unknown[];
  readonly findings: Readonly<Record<string, number>>;
  readonly codemods: Readonly<Record<string, CodemodStats>>;
}

const run = runRealCode as (input: { specs: readonly string[] }) => Promise<{ summary: Summary }>;
const failuresOf = failures as (summary: Summary) => string[];

describe('real code (CI subset of the corpus)', () => {
  it(
    'lints and migrates every file without a crash, a broken output, a byte changed outside the edits or a second-pass change',
    { timeout: 300_000 },
    async () => {
      const { summary } = await run({ specs: SUBSET as readonly string[] });
      expect(summary.files).toBeGreaterThan(300);
      expect(summary.unparsable).toEqual([]);
      expect(failuresOf(summary)).toEqual([]);
      // The run did reach the rules: the subset has known findings.
      expect(Object.values(summary.findings).reduce((total, count) => total + count, 0)).toBeGreaterThan(0);
    },
  );
});
