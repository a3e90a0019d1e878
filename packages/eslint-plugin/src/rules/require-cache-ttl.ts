import {
  enclosingFunction,
  findRedisCommands,
  getRequestPathModel,
  isInside,
  REDIS_SET_EXPIRY_OPTIONS,
  skipTsWrappers,
  staticPropertyName,
  staticString,
  type RedisCommandCall,
} from '@backend-perf/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'setWithoutTtl' | 'writeWithoutExpire';

/** `yes` when the `SET` options give an expiry, `no` when they provably do not, `unknown` when they are computed. */
type Expiry = 'yes' | 'no' | 'unknown';

function isFunctionArgument(node: TSESTree.Node): boolean {
  const expression = skipTsWrappers(node);
  return (
    expression.type === AST_NODE_TYPES.ArrowFunctionExpression || expression.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** ioredis: `set(key, value, 'EX', 60)`, `set(key, value, 'NX')`, with an optional trailing callback. */
function ioredisSetExpiry(args: readonly TSESTree.Node[]): Expiry {
  let options = args.slice(2);
  if (options.length > 0 && isFunctionArgument(options[options.length - 1])) options = options.slice(0, -1);
  let result: Expiry = 'no';
  for (const option of options) {
    if (option.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
    const token = staticString(option);
    if (token !== null) {
      if (REDIS_SET_EXPIRY_OPTIONS.has(token.toUpperCase())) return 'yes';
      continue;
    }
    if (option.type === AST_NODE_TYPES.Literal) continue;
    // A computed option (`mode`) could be `'EX'`; a computed number follows an expiry token we have already seen.
    result = 'unknown';
  }
  return result;
}

/** node-redis v4+: `set(key, value, { EX: 60 })`, v5 also `{ expiration: { type: 'EX', value: 60 } }`. */
function nodeRedisSetExpiry(args: readonly TSESTree.Node[]): Expiry {
  if (args.length < 3) return 'no';
  const options = skipTsWrappers(args[2]);
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return 'unknown';
    const name = staticPropertyName(property);
    if (name === null) return 'unknown';
    if (REDIS_SET_EXPIRY_OPTIONS.has(name) || name === 'expiration') return 'yes';
  }
  return 'no';
}

export default createRule<Options, MessageId>({
  name: 'require-cache-ttl',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require an expiry on Redis cache writes (`SET` with `EX`/`PX`, or `EXPIRE` after `HSET`/`MSET`)',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'caching',
    },
    schema: [],
    messages: {
      setWithoutTtl: '`{{method}}()` writes a key with no expiry.',
      writeWithoutExpire:
        '`{{method}}()` writes a key with no expiry, and no `expire` of `{{key}}` follows in this function.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;

    /** A comparable identity of a key argument: its value when static, else its source text. */
    function keyId(node: TSESTree.Node): string {
      const expression = skipTsWrappers(node);
      const value = staticString(expression);
      return value !== null ? `value:${value}` : `text:${sourceCode.getText(expression)}`;
    }

    /** Whether an `expire` of the key `id` follows `command` in the same function. */
    function expireFollows(command: RedisCommandCall, id: string, expires: readonly RedisCommandCall[]): boolean {
      const scope = enclosingFunction(command.call) ?? sourceCode.ast;
      return expires.some(({ call }) => {
        if (!isInside(call, scope) || call.range[0] < command.call.range[1]) return false;
        const first = call.arguments.at(0);
        return first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement && keyId(first) === id;
      });
    }

    /** The keys `MSET` writes, with their text for messages: every other argument, or an object literal's keys. */
    function msetKeys(call: TSESTree.CallExpression): Array<{ id: string; text: string }> | null {
      const args = call.arguments;
      if (args.length === 1) {
        const only = skipTsWrappers(args[0]);
        if (only.type !== AST_NODE_TYPES.ObjectExpression) return null;
        const keys: Array<{ id: string; text: string }> = [];
        for (const property of only.properties) {
          const name = property.type === AST_NODE_TYPES.Property ? staticPropertyName(property) : null;
          if (name === null) return null;
          keys.push({ id: `value:${name}`, text: `'${name}'` });
        }
        return keys;
      }
      if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
      return args
        .filter((_, index) => index % 2 === 0)
        .map((arg) => ({ id: keyId(arg), text: sourceCode.getText(skipTsWrappers(arg)) }));
    }

    function report(command: RedisCommandCall, messageId: MessageId, data: Record<string, string>): void {
      context.report({ node: command.call, messageId, data: { method: command.method.name, ...data } });
    }

    return {
      Program() {
        const commands = findRedisCommands(sourceCode, context.settings, {
          filename: context.filename,
          cwd: context.cwd,
        });
        if (commands.length === 0) return;
        const writes = commands.filter(
          ({ method }) => method.role === 'set' || method.role === 'hset' || method.role === 'mset',
        );
        if (writes.length === 0) return;
        const model = getRequestPathModel(context);
        const expires = commands.filter(({ method }) => method.role === 'expire');
        for (const command of writes) {
          if (model.contextOf(command.call).context === 'startup') continue;
          const args = command.call.arguments;
          const key = args.at(0);
          if (!key || key.type === AST_NODE_TYPES.SpreadElement) continue;
          if (command.method.role === 'set') {
            const ioredis = command.client.client === 'ioredis';
            const expiry = ioredis ? ioredisSetExpiry(args) : nodeRedisSetExpiry(args);
            if (expiry !== 'no' || expireFollows(command, keyId(key), expires)) continue;
            report(command, 'setWithoutTtl', {});
            continue;
          }
          const keys =
            command.method.role === 'mset'
              ? msetKeys(command.call)
              : [{ id: keyId(key), text: sourceCode.getText(skipTsWrappers(key)) }];
          if (!keys || keys.length === 0) continue;
          const missing = keys.find((one) => !expireFollows(command, one.id, expires));
          if (!missing) continue;
          report(command, 'writeWithoutExpire', { key: missing.text });
        }
      },
    };
  },
});
