import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { skipTsWrappers, staticPropertyName } from '../ast.js';
import { REDIS_CLIENTS, REDIS_METHODS, type RedisClientEntry, type RedisMethod } from '../catalogue/redis.js';
import { findInstanceReferences } from '../instances.js';
import { findApiUses } from '../tracker.js';

/** A call of a catalogued method on a Redis client instance. */
export interface RedisCommandCall {
  readonly call: TSESTree.CallExpression;
  /** The expression the method is called on (`redis`, `this.cache`, `createClient()`). */
  readonly receiver: TSESTree.Expression;
  readonly method: RedisMethod;
  /** The construction of the client. */
  readonly client: RedisClientEntry;
  readonly construction: TSESTree.Node;
}

const cache = new WeakMap<TSESTree.Program, RedisCommandCall[]>();

/**
 * Every call of a catalogued Redis method (`keys`, `set`, `hset`, `expire`, `scanStream`, ...) on an ioredis or
 * node-redis client created in this file, followed through variables and class fields. Methods of the same name on
 * other objects (`Object.keys`, `map.set`) are not Redis commands and are never returned.
 */
export function findRedisCommands(sourceCode: TSESLint.SourceCode): RedisCommandCall[] {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const uses = findApiUses(sourceCode, REDIS_CLIENTS);
  const calls: RedisCommandCall[] = [];
  if (uses.length > 0) {
    const references = findInstanceReferences(sourceCode, uses, { chainMethods: (entry) => entry.chainMethods });
    for (const { node, origin } of references) {
      let receiver: TSESTree.Node = node;
      while (receiver.parent && (receiver.parent.type === 'TSNonNullExpression' || receiver.parent.type === 'TSAsExpression')) receiver = receiver.parent;
      const member = receiver.parent;
      if (member?.type !== 'MemberExpression' || member.object !== receiver) continue;
      const call = member.parent;
      if (call?.type !== 'CallExpression' || skipTsWrappers(call.callee) !== member) continue;
      const name = staticPropertyName(member);
      const method = REDIS_METHODS.find((candidate) => candidate.name === name && candidate.clients.includes(origin.entry.client));
      if (!method) continue;
      calls.push({ call, receiver: node, method, client: origin.entry, construction: origin.node });
    }
  }
  calls.sort((a, b) => a.call.range[0] - b.call.range[0]);
  cache.set(sourceCode.ast, calls);
  return calls;
}
