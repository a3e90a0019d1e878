import { findRedisCommands, getRequestPathModel } from '@backend-perf/core';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'ioredisKeys' | 'nodeRedisKeys' | 'clusterKeys';

const KEYS_COST =
  'sends `KEYS`, which walks every key of the Redis database in one command: Redis runs commands one at a time, so every other client of that server (every request of every instance) waits until it finishes, and the reply holds all matching keys at once.';

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
      ioredisKeys: `\`{{method}}()\` ${KEYS_COST} Iterate with \`scanStream({ match, count })\`, which yields the keys in batches.`,
      nodeRedisKeys: `\`{{method}}()\` ${KEYS_COST} Iterate with \`scanIterator({ MATCH, COUNT })\`, which yields the keys as it goes.`,
      clusterKeys: `\`{{method}}()\` on a cluster client ${KEYS_COST} On a cluster it also sees only the keys of the one node it is sent to: iterate \`SCAN\` on every master node instead.`,
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
