import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { API, FileInfo } from 'jscodeshift';
import type { CodemodMeta, CodemodRunOptions, RefactorChange, RefactorInput, RefactorResult } from '../types.js';
import { rewriteFile } from './n-plus-one-to-dataloader/batch.js';
import { refactorResolvers } from './n-plus-one-to-dataloader/graphql.js';
import { codemodRules } from '../engine/rule-codemod.js';
import { mayHaveSites, readSource } from '../engine/refactor-io.js';

export const meta: CodemodMeta = {
  name: 'n-plus-one-to-dataloader',
  description:
    'Turns per-item lookups in loops and `Promise.all(items.map(...))` into one batch query with an order-keeping ' +
    '`Map` reassembly, and GraphQL field resolvers into per-request DataLoaders.',
  rules: ['no-n-plus-one'],
  options: {
    loadersPath: {
      type: 'string',
      description:
        'Where the generated loaders module goes, relative to the working directory (default: `loaders.<ext>` beside ' +
        'the first rewritten resolver file).',
    },
  },
};

/** jscodeshift's parser option; the transform itself picks the parser per file extension. */
export const parser = 'tsx';

/**
 * The single-file part (jscodeshift-compatible): batches loops and `Promise.all(items.map(...))`, and lists the
 * GraphQL field resolvers that only the multi-file run (`runRefactor`) can move to loaders.
 */
export default function transform(file: FileInfo, api: API, options: CodemodRunOptions): string | undefined {
  const result = rewriteFile({
    source: file.source,
    filename: file.path,
    rules: codemodRules(meta, options.rules),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  for (const message of result.reports) api.report(message);
  return result.output === file.source ? undefined : result.output;
}

/**
 * The multi-file run: the single-file batching on every file, then the GraphQL part across files (a loaders module
 * with `createLoaders(deps)`, resolvers reading `context.loaders.<name>.load(key)`, the server's context function
 * wired). Files with nothing to change are never rewritten.
 */
export function runRefactor(input: RefactorInput): RefactorResult {
  const reports: string[] = [];
  const originals = new Map<string, string>();
  const texts = new Map<string, string>();
  const settings = input.options?.settings;
  const rules = codemodRules(meta, input.options?.rules);
  const candidate = mayHaveSites(input);
  const sitesIn = new Set<string>();
  for (const file of input.files) {
    const absolute = path.resolve(input.cwd, file);
    const source = readSource(input, absolute);
    originals.set(absolute, source);
    texts.set(absolute, source);
    if (!candidate(absolute)) continue;
    sitesIn.add(absolute);
    const relative = path.relative(input.cwd, absolute).split(path.sep).join('/');
    try {
      // The absolute path: the project model (which follows clients across files: a `prisma` parameter, an injected
      // `this.prisma`) and the Node target are read from the file's own folder, as `check` reads them.
      const result = rewriteFile({
        source,
        filename: absolute,
        cwd: input.cwd,
        rules,
        skipResolvers: true,
        ...(settings ? { settings } : {}),
      });
      reports.push(
        ...result.reports.map((report) =>
          report.startsWith(absolute) ? relative + report.slice(absolute.length) : report,
        ),
      );
      texts.set(absolute, result.output);
    } catch (error) {
      reports.push(`${relative}: skipped: ${(error as Error).message}`);
    }
  }
  const graphql = refactorResolvers({
    texts,
    cwd: input.cwd,
    rules,
    candidates: sitesIn,
    ...(settings ? { settings } : {}),
    ...(typeof input.options?.loadersPath === 'string' ? { loadersPath: input.options.loadersPath } : {}),
  });
  reports.push(...graphql.reports);
  const changes: RefactorChange[] = [];
  for (const [file, after] of graphql.texts) {
    const before = originals.get(file) ?? (existsSync(file) ? readSource(input, file) : null);
    if (before === after) continue;
    changes.push({ path: path.relative(input.cwd, file).split(path.sep).join('/'), before, after });
    if (!input.dry) writeFileSync(file, after);
  }
  changes.sort((a, b) => a.path.localeCompare(b.path));
  return { changes, reports };
}
