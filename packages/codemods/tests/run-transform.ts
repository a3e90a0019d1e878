import jscodeshift from 'jscodeshift';
import { jscodeshiftParser } from '../src/engine/language.js';
import type { CodemodModule, CodemodRunOptions } from '../src/types.js';

export interface TransformRun {
  /** The transformed text, or `undefined` when the transform changed nothing. */
  readonly output: string | undefined;
  /** What the transform reported through `api.report`. */
  readonly reports: string[];
}

/** Runs a codemod's per-file transform on one text the way jscodeshift does, with the parser its extension picks. */
export function runTransform(
  module: CodemodModule,
  source: string,
  filename: string,
  options: CodemodRunOptions = {},
): TransformRun {
  const reports: string[] = [];
  const j = jscodeshift.withParser(jscodeshiftParser(filename));
  const api = { j, jscodeshift: j, stats: () => undefined, report: (message: string) => reports.push(message) };
  const transform = module.default;
  if (!transform) throw new Error(`${module.meta.name} has no per-file transform`);
  const output = transform({ path: filename, source }, api, options) ?? undefined;
  return { output, reports };
}
