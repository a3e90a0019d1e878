import type { API, FileInfo } from 'jscodeshift';
import { runRuleCodemod } from '../engine/rule-codemod.js';
import type { CodemodMeta, CodemodRunOptions } from '../types.js';

export const meta: CodemodMeta = {
  name: 'fs-sync-to-async',
  description:
    'Rewrites synchronous fs calls in async request-path code (and async code of unknown context) to awaited `fs/promises` calls.',
  rules: ['no-sync-io'],
  // The strict reading: the request path and async functions of unknown context; never start-up code.
  ruleOptions: { 'no-sync-io': [{ checkUnknownContext: true }] },
  options: {
    annotate: {
      type: 'boolean',
      description: 'Leave a marked comment above reported calls that cannot be rewritten (synchronous functions, fd APIs).',
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
    rules: Object.fromEntries(meta.rules.map((rule) => [rule, meta.ruleOptions?.[rule] ?? []])),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    annotate: options.annotate === true,
    // A sync function whose every call was rewritten is no longer needed in the file's imports.
    pruneImportsFrom: ['fs', 'node:fs'],
  });
  for (const site of result.skipped) {
    api.report(`${file.path}:${site.line}:${site.column}: left unchanged: ${site.message}`);
  }
  return result.changed ? result.output : undefined;
}
