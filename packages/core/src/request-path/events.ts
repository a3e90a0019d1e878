import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { skipTsWrappers, staticString } from '../ast.js';

/** What stands for a part of an event name known only at run time, in the patterns of `FileSummary.emits`. */
export const EVENT_WILDCARD = '\u0000';

/**
 * The names an `emit` call's event argument can be: its text, with `EVENT_WILDCARD` for the parts known only at run
 * time (`` `settings.${key}.edited` `` is `settings.\0.edited`, a parameter is `\0`).
 */
export function eventPattern(node: TSESTree.Node): string {
  const value = skipTsWrappers(node);
  const known = staticString(value);
  if (known !== null) return known;
  if (value.type === AST_NODE_TYPES.TemplateLiteral) {
    return value.quasis
      .map((quasi, index) => (index === 0 ? '' : EVENT_WILDCARD) + (quasi.value.cooked ?? EVENT_WILDCARD))
      .join('');
  }
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') {
    return eventPattern(value.left) + eventPattern(value.right);
  }
  return EVENT_WILDCARD;
}

/** Whether an event name is one that a pattern of `eventPattern` can be. */
export function matchesEvent(pattern: string, event: string): boolean {
  if (!pattern.includes(EVENT_WILDCARD)) return pattern === event;
  const parts = pattern.split(EVENT_WILDCARD);
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (!event.startsWith(first) || !event.endsWith(last) || event.length < first.length + last.length) return false;
  let position = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = event.indexOf(part, position);
    if (found < 0 || found + part.length > event.length - last.length) return false;
    position = found + part.length;
  }
  return true;
}
