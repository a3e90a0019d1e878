import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { skipTsWrappers, staticPropertyName, staticString } from '../ast.js';

/** Names of flags that say the process runs outside production (`isDev`, `__DEV__`, `config.isDevelopment`). */
const DEVELOPMENT_FLAG =
  /^(?:is_?(?:dev|development|local|test|testing|debug)(?:_?(?:mode|env|cmd|server))?|use_?(?:dev|development)(?:_?(?:mode|env|server))?|__dev__|dev|dev_?(?:mode|server|env)|development(?:_?(?:mode|env|server))?)$/iu;
/** Names of flags that say the process runs in production (`isProd`, `IS_PRODUCTION`). */
const PRODUCTION_FLAG = /^(?:is_?(?:prod|production)(?:_?(?:mode|env))?|__prod__|prod|production)$/iu;
/** Names of values that hold the environment's name (`process.env.NODE_ENV`, `config.env`, `APP_ENV`). */
const ENVIRONMENT_VALUE = /^(?:node_?env|app_?env|env|environment|stage)$/iu;
/** Environment names that are not production. */
const DEVELOPMENT_ENVS = new Set(['development', 'dev', 'local', 'test', 'testing']);
const PRODUCTION_ENVS = new Set(['production', 'prod']);

function flagName(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return staticPropertyName(node);
  return null;
}

/** Whether an expression reads the environment's name: `process.env.NODE_ENV`, `config.env`, `app.get('env')`. */
function isEnvironmentValue(node: TSESTree.Node): boolean {
  const expression = skipTsWrappers(node);
  if (expression.type === AST_NODE_TYPES.CallExpression) return staticString(expression.arguments[0]) === 'env';
  const name = flagName(expression);
  return name !== null && ENVIRONMENT_VALUE.test(name);
}

/**
 * Whether a condition holds only outside production: a development flag (`isDev`, `__DEV__`, `config.isDevelopment`),
 * a negated production flag (`!isProd`), a comparison of an environment value with a development name
 * (`process.env.NODE_ENV === 'development'`, `app.get('env') === 'test'`) or, negated, with `production`
 * (`NODE_ENV !== 'production'`), or a conjunction with one of these.
 */
export function isDevelopmentCondition(test: TSESTree.Node): boolean {
  const node = skipTsWrappers(test);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression: {
      const name = flagName(node);
      return name !== null && DEVELOPMENT_FLAG.test(name);
    }
    case AST_NODE_TYPES.UnaryExpression: {
      if (node.operator !== '!') return false;
      const name = flagName(skipTsWrappers(node.argument));
      return name !== null && PRODUCTION_FLAG.test(name);
    }
    case AST_NODE_TYPES.LogicalExpression:
      if (node.operator === '||') return isDevelopmentCondition(node.left) && isDevelopmentCondition(node.right);
      return node.operator === '&&' && (isDevelopmentCondition(node.left) || isDevelopmentCondition(node.right));
    case AST_NODE_TYPES.BinaryExpression: {
      const right = staticString(node.right);
      const value = right ?? staticString(node.left);
      if (value === null || !isEnvironmentValue(right === null ? node.right : node.left)) return false;
      const env = value.toLowerCase();
      if (node.operator === '===' || node.operator === '==') return DEVELOPMENT_ENVS.has(env);
      if (node.operator === '!==' || node.operator === '!=') return PRODUCTION_ENVS.has(env);
      return false;
    }
    default:
      return false;
  }
}

/**
 * Whether a condition holds in production: the negation of a development check (`!isDev`,
 * `!process.env.IS_DEV_CMD`), a production flag (`isProd`), or an environment value compared equal to `production`
 * (or unequal to a development name).
 */
function isProductionCondition(test: TSESTree.Node): boolean {
  const node = skipTsWrappers(test);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression: {
      const name = flagName(node);
      return name !== null && PRODUCTION_FLAG.test(name);
    }
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === '!' && isDevelopmentCondition(node.argument);
    case AST_NODE_TYPES.LogicalExpression:
      if (node.operator === '&&') return isProductionCondition(node.left) && isProductionCondition(node.right);
      return node.operator === '||' && (isProductionCondition(node.left) || isProductionCondition(node.right));
    case AST_NODE_TYPES.BinaryExpression: {
      const right = staticString(node.right);
      const value = right ?? staticString(node.left);
      if (value === null || !isEnvironmentValue(right === null ? node.right : node.left)) return false;
      const env = value.toLowerCase();
      if (node.operator === '===' || node.operator === '==') return PRODUCTION_ENVS.has(env);
      if (node.operator === '!==' || node.operator === '!=') return DEVELOPMENT_ENVS.has(env);
      return false;
    }
    default:
      return false;
  }
}

/** `return;`, `return value;` or `throw error;`, alone or as the only statement of a block. */
function leaves(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const only = statement.body.length === 1 ? statement.body[0] : undefined;
    return only !== undefined && leaves(only);
  }
  return statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement;
}

/**
 * Whether a statement of a block comes after a guard that leaves the block's function in production
 * (`if (!isDev) return;`, `if (process.env.NODE_ENV === 'production') return;`).
 */
function afterProductionExit(block: TSESTree.BlockStatement, statement: TSESTree.Node): boolean {
  const parent = block.parent;
  if (
    parent.type !== AST_NODE_TYPES.FunctionDeclaration &&
    parent.type !== AST_NODE_TYPES.FunctionExpression &&
    parent.type !== AST_NODE_TYPES.ArrowFunctionExpression
  )
    return false;
  for (const earlier of block.body) {
    if (earlier === statement) return false;
    if (
      earlier.type === AST_NODE_TYPES.IfStatement &&
      !earlier.alternate &&
      leaves(earlier.consequent) &&
      isProductionCondition(earlier.test)
    )
      return true;
  }
  return false;
}

/**
 * Whether code runs only outside production: it is in the `then` branch of an `if` (or the consequent of a `?:`,
 * or the right of an `&&`) whose condition is a development check (see `isDevelopmentCondition`), or it follows a
 * guard that returns from its function in production (`if (!isDev) return;`), at any depth, also around the
 * function that contains it (`if (isDev) app.get('/debug', handler)`).
 */
export function isDevelopmentOnly(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.IfStatement &&
      current.consequent === child &&
      isDevelopmentCondition(current.test)
    )
      return true;
    if (
      current.type === AST_NODE_TYPES.ConditionalExpression &&
      current.consequent === child &&
      isDevelopmentCondition(current.test)
    )
      return true;
    if (current.type === AST_NODE_TYPES.LogicalExpression && current.operator === '&&' && current.right === child)
      if (isDevelopmentCondition(current.left)) return true;
    if (current.type === AST_NODE_TYPES.BlockStatement && afterProductionExit(current, child)) return true;
    child = current;
  }
  return false;
}
