import { suggestionTransform } from '../engine/suggestion-transform.js';
import type { CodemodMeta } from '../types.js';

export const meta: CodemodMeta = {
  name: 'whole-file-to-stream',
  description:
    'Rewrites whole-file reads of request-chosen files that are sent to `pipeline(createReadStream(path), res)` and ' +
    'reads split into lines to a `readline` `for await` loop.',
  rules: ['no-whole-file-read'],
  options: {
    annotate: {
      type: 'boolean',
      description:
        'Leave a marked comment above reported reads that cannot be rewritten (JSON parsing, callbacks, other shapes).',
      default: false,
    },
  },
};

/** jscodeshift's parser option; the transform itself parses with the plugin's parser per file extension. */
export const parser = 'tsx';

export default suggestionTransform(meta);
