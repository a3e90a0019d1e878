import { suggestionTransform } from '../engine/suggestion-transform.js';
import type { CodemodMeta } from '../types.js';

export const meta: CodemodMeta = {
  name: 'fs-sync-to-async',
  description:
    'Rewrites synchronous fs calls in async request-path code (and async code of unknown context) to awaited ' +
    '`fs/promises` calls.',
  rules: ['no-sync-io'],
  // The strict reading: the request path and async functions of unknown context; never start-up code.
  ruleOptions: { 'no-sync-io': [{ checkUnknownContext: true }] },
  options: {
    annotate: {
      type: 'boolean',
      description:
        'Leave a marked comment above reported calls that cannot be rewritten (synchronous functions, fd APIs).',
      default: false,
    },
  },
};

/** jscodeshift's parser option; the transform itself parses with the plugin's parser per file extension. */
export const parser = 'tsx';

export default suggestionTransform(meta, {
  // A sync function whose every call was rewritten is no longer needed in the file's imports.
  pruneImportsFrom: ['fs', 'node:fs'],
});
