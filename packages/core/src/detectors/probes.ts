import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { isFunctionNode, staticPropertyName } from '../ast.js';
import type { FunctionContext } from '../request-path/model.js';

/** Words of a function name that say it checks health or readiness. */
const PROBE_WORDS = new Set([
  'health',
  'healthz',
  'healthcheck',
  'healthy',
  'readiness',
  'readyz',
  'liveness',
  'livez',
  'probe',
  'ping',
  'heartbeat',
]);

/** Route paths of health checks and probes (`/health`, `/healthz`, `/ready`, `/livez`, `/ping`). */
const PROBE_ROUTE = new RegExp(
  String.raw`\s\/(?:[\w-]+\/)*` +
    String.raw`(?:health|healthz|healthcheck|health-check|ready|readyz|readiness|live|livez|liveness|ping|probe)\b`,
  'iu',
);

/** The words of a camelCase, PascalCase, snake_case or kebab-case name, lower-cased. */
function words(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/gu, '$1 $2')
    .split(/[\s_-]+/u)
    .map((word) => word.toLowerCase())
    .filter(Boolean);
}

/** Whether a name says the function checks health or tests connecting (`checkDbConnection`, `pingRedis`). */
export function isProbeName(name: string): boolean {
  const list = words(name);
  if (list.some((word) => PROBE_WORDS.has(word))) return true;
  const tests = list.some((word) => ['check', 'test', 'verify', 'can', 'try'].includes(word));
  return tests && list.some((word) => word.startsWith('connect'));
}

/** The name a function is known by: its own, or the variable, property, method or class field it is bound to. */
function functionName(fn: TSESTree.Node): string | null {
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id)
    return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
    return parent.id.name;
  if (
    parent?.type === AST_NODE_TYPES.Property ||
    parent?.type === AST_NODE_TYPES.MethodDefinition ||
    parent?.type === AST_NODE_TYPES.PropertyDefinition
  )
    return staticPropertyName(parent);
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression)
    return staticPropertyName(parent.left);
  return null;
}

/**
 * Whether code belongs to a health check or probe, whose purpose is to test that a fresh connection can be made:
 * an enclosing function named for it (`healthCheck`, `checkDatabaseConnection`, `pingRedis`, `readiness`), or a
 * route handler of a probe path (`GET /healthz`, `/ready`, `/ping`). Opening and closing a connection there on every
 * call is the point, not a pooling or keep-alive mistake.
 */
export function isConnectionProbe(node: TSESTree.Node, where: FunctionContext): boolean {
  const handler = where.handler;
  if (handler && PROBE_ROUTE.test(handler.description)) return true;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const name = functionName(current);
    if (name !== null && isProbeName(name)) return true;
  }
  return false;
}
