import {
  childNodes,
  CLUSTER_APIS,
  findApiUses,
  findInstanceReferences,
  isFunctionNode,
  isInside,
  skipTsWrappers,
  staticPropertyName,
  staticString,
  type FunctionNode,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'noRestart';

const ADD_LISTENER = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

export default createRule<Options, MessageId>({
  name: 'require-cluster-restart',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require an `exit` handler that forks a replacement when a cluster primary forks workers',
      recommended: 'recommended',
      requiresTypeChecking: false,
      category: 'process',
    },
    schema: [],
    messages: {
      noRestart: '`cluster.fork()` starts a worker, but no `exit` handler in this file forks a replacement.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;

    /** The functions of this file an expression stands for: an inline function or a named local function. */
    function functionsOf(node: TSESTree.Node | undefined): FunctionNode[] {
      if (!node) return [];
      const expression = skipTsWrappers(node);
      if (isFunctionNode(expression)) return [expression];
      if (expression.type !== AST_NODE_TYPES.Identifier) return [];
      let variable: TSESLint.Scope.Variable | undefined;
      for (
        let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(expression);
        scope && !variable;
        scope = scope.upper
      ) {
        variable = scope.set.get(expression.name);
      }
      const def = variable?.defs[0];
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
      if (def?.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return [def.node];
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
      if (def?.type === 'Variable' && def.node.init && isFunctionNode(skipTsWrappers(def.node.init))) {
        return [skipTsWrappers(def.node.init) as FunctionNode];
      }
      return [];
    }

    return {
      Program() {
        const uses = findApiUses(sourceCode, CLUSTER_APIS);
        const forks = uses
          .filter(
            ({ node, entry }) => entry.tags.includes('cluster-fork') && node.type === AST_NODE_TYPES.CallExpression,
          )
          .map(({ node }) => node as TSESTree.CallExpression);
        if (forks.length === 0) return;

        // `exit` handlers: `cluster.on('exit', fn)` and `worker.on('exit', fn)` on a forked worker.
        const registrations: TSESTree.CallExpression[] = uses
          .filter(
            ({ node, entry }) => node.type === AST_NODE_TYPES.CallExpression && entry.tags.includes('cluster-listener'),
          )
          .map(({ node }) => node as TSESTree.CallExpression);
        const forkUses = uses.filter(({ entry }) => entry.tags.includes('cluster-fork'));
        for (const { node } of findInstanceReferences(sourceCode, forkUses)) {
          const member = node.parent;
          if (
            member.type === AST_NODE_TYPES.MemberExpression &&
            member.object === node &&
            ADD_LISTENER.has(staticPropertyName(member) ?? '') &&
            member.parent.type === AST_NODE_TYPES.CallExpression
          ) {
            registrations.push(member.parent);
          }
        }
        const handlers = registrations
          .filter((call) => staticString(call.arguments[0] ? skipTsWrappers(call.arguments[0]) : null) === 'exit')
          .flatMap((call) => call.arguments.slice(1).flatMap((arg) => functionsOf(arg)));
        if (handlers.length === 0) {
          for (const fork of forks) context.report({ node: fork, messageId: 'noRestart' });
          return;
        }

        // Functions that fork, directly (anywhere in their body) or by calling a local function that forks.
        const forking = new Set<FunctionNode>();
        const calls: TSESTree.CallExpression[] = [];
        const visit = (node: TSESTree.Node): void => {
          if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
          for (const child of childNodes(node, sourceCode.visitorKeys)) visit(child);
        };
        visit(sourceCode.ast);
        // A call of a forking function, or a forking function handed to a call (`setTimeout(spawn, delay)`).
        const reached = (call: TSESTree.CallExpression): FunctionNode[] =>
          [call.callee, ...call.arguments].flatMap((node) => functionsOf(node));
        const forksInside = (fn: FunctionNode): boolean =>
          forks.some((fork) => isInside(fork, fn.body)) ||
          calls.some(
            (call) => isInside(call, fn.body) && reached(call).some((callee) => callee !== fn && forking.has(callee)),
          );
        const candidates = calls.flatMap(reached);
        candidates.push(...handlers);
        for (let changed = true; changed;) {
          changed = false;
          for (const fn of candidates) {
            if (!forking.has(fn) && forksInside(fn)) {
              forking.add(fn);
              changed = true;
            }
          }
        }
        if (handlers.some((handler) => forking.has(handler))) return;
        for (const fork of forks) {
          if (handlers.some((handler) => isInside(fork, handler))) continue;
          context.report({ node: fork, messageId: 'noRestart' });
        }
      },
    };
  },
});
