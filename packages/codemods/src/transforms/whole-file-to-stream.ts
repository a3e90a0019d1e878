import type { API, FileInfo } from 'jscodeshift';
import { runRuleCodemod } from '../engine/rule-codemod.js';
import type { CodemodMeta, CodemodRunOptions } from '../types.js';

export const meta: CodemodMeta = {
  name: 'whole-file-to-stream',
  description:
    'Rewrites whole-file reads of request-chosen files that are sent to `pipeline(createReadStream(path), res)` and reads split into lines to a `readline` `for await` loop.',
  rules: ['no-whole-file-read'],
  options: {
    annotate: {
      type: 'boolean',
      description: 'Leave a marked comment above reported reads that cannot be rewritten (JSON parsing, callbacks, other shapes).',
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
    rules: { 'no-whole-file-read': [] },
    ...(options.settings ? { settings: options.settings } : {}),
    annotate: options.annotate === true,
  });
  for (const site of result.skipped) {
    api.report(`${file.path}:${site.line}:${site.column}: left unchanged: ${site.message}`);
  }
  return result.changed ? result.output : undefined;
}
