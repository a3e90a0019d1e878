import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** What `checkUnknownContext` means for the rules that report calls on the request path. */
export const UNKNOWN_CONTEXT_CALLS =
  'Also report calls in async functions that are neither on the request path nor start-up code (the `strict` ' +
  'config turns this on).';

/** The options schema of the rules whose only option is `checkUnknownContext`, with what it means for the rule. */
export function unknownContextSchema(description: string): JSONSchema4[] {
  return [
    {
      type: 'object',
      additionalProperties: false,
      properties: { checkUnknownContext: { type: 'boolean', description } },
    },
  ];
}
