import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { skipTsWrappers, staticPropertyName } from '../ast.js';
import { REDIS_CLIENTS, REDIS_METHODS, type RedisClientEntry, type RedisMethod } from '../catalogue/redis.js';
import { findInstanceReferences } from '../instances.js';
import { findApiUses } from '../tracker.js';
import { readSettings, type RedisClientSetting } from '../request-path/settings.js';

/** A call of a catalogued method on a Redis client instance. */
export interface RedisCommandCall {
  readonly call: TSESTree.CallExpression;
  /** The expression the method is called on (`redis`, `this.cache`, `createClient()`). */
  readonly receiver: TSESTree.Expression;
  readonly method: RedisMethod;
  /** The construction of the client (for a client imported from a configured module, the call itself). */
  readonly client: RedisClientEntry;
  readonly construction: TSESTree.Node;
}

const cache = new WeakMap<TSESTree.Program, { key: string; calls: RedisCommandCall[] }>();

interface ConfiguredMethodEntry extends RedisClientEntry {
  readonly method: RedisMethod;
}

/** Method calls on clients that `settings['backend-perf'].redisClients` says a module exports, cached per setting. */
const configuredCache = new WeakMap<object, ConfiguredMethodEntry[]>();

function configuredEntries(clients: readonly RedisClientSetting[]): ConfiguredMethodEntry[] {
  const cached = configuredCache.get(clients);
  if (cached) return cached;
  const entries = clients.flatMap((setting) => {
    const exportPath = setting.export ? setting.export.split('.') : [];
    return REDIS_METHODS.filter((method) => method.clients.includes(setting.client)).map(
      (method): ConfiguredMethodEntry => ({
        id: `${setting.module}${setting.export ? `.${setting.export}` : ''}.${method.name}`,
        modules: [setting.module],
        path: [...exportPath, method.name],
        usage: 'call',
        category: 'caching',
        tags: ['redis-command'],
        client: setting.client,
        cluster: false,
        chainMethods: [],
        method,
      }),
    );
  });
  configuredCache.set(clients, entries);
  return entries;
}

/**
 * Every call of a catalogued Redis method (`keys`, `set`, `hset`, `expire`, `scanStream`, ...) on an ioredis or
 * node-redis client created in this file, followed through variables and class fields, or imported from a module
 * that `settings['backend-perf'].redisClients` names. Methods of the same name on
 * other objects (`Object.keys`, `map.set`) are not Redis commands and are never returned.
 */
export function findRedisCommands(
  sourceCode: TSESLint.SourceCode,
  settings: Readonly<Record<string, unknown>> = {},
): RedisCommandCall[] {
  const configured = readSettings(settings).redisClients ?? [];
  const key = JSON.stringify(configured);
  const cached = cache.get(sourceCode.ast);
  if (cached?.key === key) return cached.calls;
  const uses = findApiUses(sourceCode, REDIS_CLIENTS);
  const calls: RedisCommandCall[] = [];
  if (uses.length > 0) {
    const references = findInstanceReferences(sourceCode, uses, { chainMethods: (entry) => entry.chainMethods });
    for (const { node, origin } of references) {
      let receiver: TSESTree.Node = node;
      while (
        receiver.parent &&
        (receiver.parent.type === 'TSNonNullExpression' || receiver.parent.type === 'TSAsExpression')
      )
        receiver = receiver.parent;
      const member = receiver.parent;
      if (member?.type !== 'MemberExpression' || member.object !== receiver) continue;
      const call = member.parent;
      if (call?.type !== 'CallExpression' || skipTsWrappers(call.callee) !== member) continue;
      const name = staticPropertyName(member);
      const method = REDIS_METHODS.find(
        (candidate) => candidate.name === name && candidate.clients.includes(origin.entry.client),
      );
      if (!method) continue;
      calls.push({ call, receiver: node, method, client: origin.entry, construction: origin.node });
    }
  }
  if (configured.length > 0) {
    for (const { node, entry } of findApiUses(sourceCode, configuredEntries(configured))) {
      if (node.type !== 'CallExpression') continue;
      const callee = skipTsWrappers(node.callee);
      if (callee.type !== 'MemberExpression' || calls.some((known) => known.call === node)) continue;
      calls.push({ call: node, receiver: callee.object, method: entry.method, client: entry, construction: node });
    }
  }
  calls.sort((a, b) => a.call.range[0] - b.call.range[0]);
  cache.set(sourceCode.ast, { key, calls });
  return calls;
}
