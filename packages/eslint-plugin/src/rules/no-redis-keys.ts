import { findRedisCommands, getRequestPathModel } from '@backend-perf/core';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'ioredisKeys' | 'nodeRedisKeys' | 'clusterKeys';

export default createRule<Options, MessageId>({
  name: 'no-redis-keys',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow the Redis `KEYS` command; iterate with `SCAN` instead',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'caching',
      codemod: 'redis-keys-to-scan',
    },
    schema: [],
    messages: {
      ioredisKeys: '`{{method}}()` walks the whole Redis keyspace in one command, while every other client waits.',
      nodeRedisKeys: '`{{method}}()` walks the whole Redis keyspace in one command, while every other client waits.',
      clusterKeys:
        "`{{method}}()` on a cluster client walks one node's whole keyspace and misses the other nodes' keys.",
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      Program() {
        const calls = findRedisCommands(sourceCode, context.settings, {
          filename: context.filename,
          cwd: context.cwd,
        }).filter((command) => command.method.role === 'keys');
        if (calls.length === 0) return;
        const model = getRequestPathModel(context);
        for (const { call, method, client } of calls) {
          if (model.contextOf(call).context === 'startup') continue;
          context.report({
            node: call,
            messageId: client.cluster ? 'clusterKeys' : client.client === 'ioredis' ? 'ioredisKeys' : 'nodeRedisKeys',
            data: { method: method.name },
          });
        }
      },
    };
  },
});
