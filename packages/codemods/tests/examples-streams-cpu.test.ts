import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codemodsByName, findRuleSites, isSourceFile, refactorsByName } from '../src/index.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');

async function exampleSettings(): Promise<Record<string, unknown>> {
  const config = (await import(pathToFileURL(path.join(EXAMPLES, 'eslint.config.mjs')).href)) as {
    default: Array<{ settings?: Record<string, unknown> }>;
  };
  return Object.assign({}, ...config.default.map((entry) => entry.settings ?? {})) as Record<string, unknown>;
}

function exampleFiles(): string[] {
  return (readdirSync(path.join(EXAMPLES, 'src'), { recursive: true }) as string[])
    .filter((file) => isSourceFile(file))
    .map((file) => path.join(EXAMPLES, 'src', file));
}

describe('the example backend', () => {
  it('has findings of no-blocking-cpu, prefer-stream-pipeline and no-whole-file-read', async () => {
    const settings = await exampleSettings();
    const counts: Record<string, number> = {};
    for (const file of exampleFiles()) {
      const sites = findRuleSites({
        source: readFileSync(file, 'utf8'),
        filename: file,
        cwd: EXAMPLES,
        settings,
        rules: { 'no-blocking-cpu': [], 'prefer-stream-pipeline': [], 'no-whole-file-read': [] },
      });
      for (const site of sites) counts[site.ruleId] = (counts[site.ruleId] ?? 0) + 1;
    }
    expect(counts['backend-perf/no-blocking-cpu']).toBeGreaterThanOrEqual(3);
    expect(counts['backend-perf/prefer-stream-pipeline']).toBeGreaterThanOrEqual(1);
    expect(counts['backend-perf/no-whole-file-read']).toBeGreaterThanOrEqual(2);
  });

  it('is changed by pipe-to-pipeline, whole-file-to-stream and cpu-to-worker-pool', async () => {
    const settings = await exampleSettings();
    const file = path.join(EXAMPLES, 'src', 'routes', 'exports.js');
    const source = readFileSync(file, 'utf8');
    const api = { report: () => undefined } as never;
    for (const name of ['pipe-to-pipeline', 'whole-file-to-stream']) {
      const transform = codemodsByName[name].default;
      if (!transform) throw new Error(`${name} has no per-file transform`);
      const output = transform({ path: file, source }, api, { settings });
      expect(typeof output === 'string' && output !== source).toBe(true);
    }
    const refactor = refactorsByName['cpu-to-worker-pool'].runRefactor({
      files: exampleFiles(),
      cwd: EXAMPLES,
      dry: true,
      options: { settings },
    });
    expect(
      refactor.changes.map((change) => path.relative(EXAMPLES, change.path).split(path.sep).join('/')).sort(),
    ).toEqual(['package.json', 'src/lib/invoices.js', 'src/lib/invoices.worker.js', 'src/routes/exports.js']);
  });
});
