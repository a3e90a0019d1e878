import {
  CLUSTER_APIS,
  enclosingFunction,
  findApiUses,
  findInstanceReferences,
  getRequestPathModel,
  LISTENER_METHODS,
  LONG_LIVED_EMITTERS,
  PROCESS_LISTENER_APIS,
  REDIS_CLIENTS,
  skipTsWrappers,
  staticPropertyName,
  staticString,
  type ApiEntry,
  type ApiUse,
} from '@backend-perf/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'listenerLeak';

const ADD: readonly string[] = LISTENER_METHODS.add;
const REMOVE: readonly string[] = LISTENER_METHODS.remove;

/** A listener call on a long-lived emitter. */
interface ListenerCall {
  readonly call: TSESTree.CallExpression;
  readonly method: string;
  /** Identifies the emitter: `process`, `cluster`, or the construction of an instance. */
  readonly emitter: unknown;
  readonly description: string;
}

export default createRule<Options, MessageId>({
  name: 'no-listener-leak',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow adding listeners to long-lived emitters on the request path without removing them',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'memory',
    },
    schema: [],
    messages: {
      listenerLeak:
        '`{{method}}({{event}})` adds a listener to {{emitter}} on every request ({{reason}}), and nothing removes it.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;

    /** Listener calls on instances constructed at module scope (emitters, servers, Redis clients). */
    function instanceCalls(
      uses: readonly ApiUse[],
      chain: (entry: ApiEntry) => readonly string[],
      what: string,
    ): ListenerCall[] {
      const moduleLevel = uses.filter(({ node }) => enclosingFunction(node) === null);
      if (moduleLevel.length === 0) return [];
      const calls: ListenerCall[] = [];
      for (const { node, origin } of findInstanceReferences(sourceCode, moduleLevel, { chainMethods: chain })) {
        const member = node.parent;
        if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) continue;
        const call = member.parent;
        const method = staticPropertyName(member);
        if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || method === null) continue;
        calls.push({ call, method, emitter: origin.node, description: `\`${sourceCode.getText(node)}\` (${what})` });
      }
      return calls;
    }

    return {
      Program() {
        const calls: ListenerCall[] = [];
        for (const { node, entry } of findApiUses(sourceCode, PROCESS_LISTENER_APIS)) {
          if (node.type === AST_NODE_TYPES.CallExpression)
            calls.push({ call: node, method: entry.path[0] ?? '', emitter: 'process', description: '`process`' });
        }
        for (const { node, entry } of findApiUses(sourceCode, CLUSTER_APIS)) {
          if (node.type === AST_NODE_TYPES.CallExpression && entry.tags.some((tag) => tag.endsWith('listener'))) {
            calls.push({ call: node, method: entry.path[0] ?? '', emitter: 'cluster', description: '`cluster`' });
          }
        }
        calls.push(
          ...instanceCalls(
            findApiUses(sourceCode, LONG_LIVED_EMITTERS),
            () => ['on', 'once', 'addListener', 'setMaxListeners'],
            'a module-scope emitter',
          ),
        );
        calls.push(
          ...instanceCalls(
            findApiUses(sourceCode, REDIS_CLIENTS),
            (entry) => (entry as { chainMethods?: readonly string[] }).chainMethods ?? [],
            'a database client',
          ),
        );
        const additions = calls.filter(({ method }) => ADD.includes(method));
        if (additions.length === 0) return;
        const removals = calls.filter(({ method }) => REMOVE.includes(method));
        const model = getRequestPathModel(context);

        for (const addition of additions) {
          const where = model.contextOf(addition.call);
          if (where.context !== 'request') continue;
          const eventNode = addition.call.arguments.at(0);
          const event = eventNode ? staticString(skipTsWrappers(eventNode)) : null;
          const removed = removals.some(({ call, emitter }) => {
            if (emitter !== addition.emitter) return false;
            const removedEvent = call.arguments.at(0);
            if (!removedEvent) return true;
            const removedName = staticString(skipTsWrappers(removedEvent));
            return removedName === null || event === null || removedName === event;
          });
          if (removed) continue;
          context.report({
            node: addition.call,
            messageId: 'listenerLeak',
            data: {
              method: addition.method,
              event: eventNode ? sourceCode.getText(eventNode) : '',
              emitter: addition.description,
              reason: where.reason,
            },
          });
        }
      },
    };
  },
});
