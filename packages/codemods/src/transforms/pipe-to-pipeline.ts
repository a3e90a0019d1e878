import type { API, FileInfo } from 'jscodeshift';
import { runRuleCodemod } from '../engine/rule-codemod.js';
import type { CodemodMeta, CodemodRunOptions } from '../types.js';

export const meta: CodemodMeta = {
  name: 'pipe-to-pipeline',
  description:
    "Rewrites `.pipe()` chains of Node streams without error handling to `await pipeline(...)` in async functions and `pipeline(..., callback)` elsewhere.",
  rules: ['prefer-stream-pipeline'],
  options: {
    annotate: {
      type: 'boolean',
      description: 'Leave a marked comment above reported chains that cannot be rewritten (results used, `{ end: false }`, no error route).',
      default: false,
    },
  },
};

/** jscodeshift's parser option; the transform itself parses with the plugin's parser per file extension. */
export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: CodemodRunOptions): string | undefined {
  const result = runRuleCodemod({
    source: file.source,
    filename: file.path,
    codemod: meta.name,
    rules: { 'prefer-stream-pipeline': [] },
    ...(options.settings ? { settings: options.settings } : {}),
    annotate: options.annotate === true,
  });
  for (const site of result.skipped) {
    api.report(`${file.path}:${site.line}:${site.column}: left unchanged: ${site.message}`);
  }
  return result.changed ? result.output : undefined;
}
