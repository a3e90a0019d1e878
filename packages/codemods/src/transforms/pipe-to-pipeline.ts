import { suggestionTransform } from '../engine/suggestion-transform.js';
import type { CodemodMeta } from '../types.js';

export const meta: CodemodMeta = {
  name: 'pipe-to-pipeline',
  description:
    'Rewrites `.pipe()` chains of Node streams without error handling to `await pipeline(...)` in async functions and `pipeline(..., callback)` elsewhere.',
  rules: ['prefer-stream-pipeline'],
  options: {
    annotate: {
      type: 'boolean',
      description:
        'Leave a marked comment above reported chains that cannot be rewritten (results used, `{ end: false }`, no error route).',
      default: false,
    },
  },
};

/** jscodeshift's parser option; the transform itself parses with the plugin's parser per file extension. */
export const parser = 'tsx';

export default suggestionTransform(meta);
