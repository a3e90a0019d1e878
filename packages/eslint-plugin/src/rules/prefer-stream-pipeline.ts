import {
  enclosingFunction,
  eolOf,
  getRequestPathModel,
  handlerParams,
  indentAt,
  isInside,
  isPipeCall,
  listenerEvent,
  refersToParam,
  skipTsWrappers,
  staticPropertyName,
  variableOf,
  type StreamOrigin,
  StreamProvenance,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule, planPipelineImport } from '../util/index.js';

export type Options = [];
export type MessageId = 'unhandledPipeChain' | 'usePipelinePromise' | 'usePipelineCallback';

/** One stream of a `.pipe()` chain. */
interface ChainMember {
  /** The expression as written (with inline `.on('error', fn)` calls). */
  readonly node: TSESTree.Node;
  readonly origin: StreamOrigin | null;
  readonly handled: boolean;
}

interface Chain {
  readonly members: ChainMember[];
  /** Whether an inline listener was attached to the result of a `.pipe()` (its text cannot be kept by `pipeline`). */
  readonly listenerOnPipeResult: boolean;
  /** Whether some `.pipe()` passes options (`{ end: false }`), which `pipeline` does not take per stream. */
  readonly hasPipeOptions: boolean;
}

const MAX_LABEL = 40;

/** Events whose listeners read a stream's data (not `finish`, `close` or `error`). */
const READ_EVENTS: ReadonlySet<string> = new Set(['data', 'readable', 'end']);
/** Methods other than listeners through which code reads a stream's data. */
const STREAM_READS: ReadonlySet<string> = new Set(['read', 'pipe', 'resume', 'toArray', 'forEach', 'iterator']);

export default createRule<Options, MessageId>({
  name: 'prefer-stream-pipeline',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require `pipeline()` instead of `.pipe()` chains of Node streams that do not handle errors on every stream',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'streams',
      codemod: 'pipe-to-pipeline',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      unhandledPipeChain:
        '`.pipe()` does not forward errors, and {{unhandled}} of this chain of {{count}} streams {{verb}} no ' +
        "'error' handler.",
      usePipelinePromise: 'Replace with `await {{pipeline}}(…)` from `stream/promises`.',
      usePipelineCallback: 'Replace with `{{pipeline}}(…, callback)` from `stream`; the callback {{onError}}.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    let provenance: StreamProvenance | null = null;
    const model = () => getRequestPathModel(context);
    const streams = (): StreamProvenance => (provenance ??= new StreamProvenance(sourceCode, model()));

    function member(node: TSESTree.Node): ChainMember {
      return { node, origin: streams().origin(node), handled: streams().hasErrorHandling(node) };
    }

    /** The streams of the chain that ends with `call`, first to last. */
    function collect(expression: TSESTree.Node): Chain {
      let current = skipTsWrappers(expression);
      let listenerOnResult = false;
      let errorListener = false;
      while (
        current.type === AST_NODE_TYPES.CallExpression &&
        listenerEvent(current) !== null &&
        current.callee.type === AST_NODE_TYPES.MemberExpression
      ) {
        if (listenerEvent(current) === 'error') errorListener = true;
        listenerOnResult = true;
        current = skipTsWrappers(current.callee.object);
      }
      if (!isPipeCall(current) || current.callee.type !== AST_NODE_TYPES.MemberExpression) {
        return { members: [member(expression)], listenerOnPipeResult: false, hasPipeOptions: false };
      }
      const head = collect(current.callee.object);
      const destination = member(current.arguments[0]);
      return {
        members: [...head.members, errorListener ? { ...destination, handled: true } : destination],
        listenerOnPipeResult: head.listenerOnPipeResult || listenerOnResult,
        hasPipeOptions: head.hasPipeOptions || current.arguments.length > 1,
      };
    }

    function label(node: TSESTree.Node): string {
      const text = sourceCode.getText(node).replace(/\s+/gu, ' ');
      return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
    }

    /** The error callback of the callback form, from what the enclosing handler passes in; `null` when unknown. */
    function errorCallback(call: TSESTree.Node, chain: Chain): { body: string[]; onError: string } | null {
      const handler = model().contextOf(call).handler;
      const params = handler ? handlerParams(handler) : null;
      if (!params) return null;
      const visible = (param: TSESTree.Identifier | undefined): param is TSESTree.Identifier => {
        if (!param) return false;
        const scope = sourceCode.getScope(call);
        for (let s: TSESLint.Scope.Scope | null = scope; s; s = s.upper) {
          const variable = s.set.get(param.name);
          if (variable) return variable.defs.some((def) => def.name === param);
        }
        return false;
      };
      if (visible(params.next))
        return { body: [`if (err) ${params.next.name}(err);`], onError: `passes the error to \`${params.next.name}\`` };
      if (params.responseIsStream && visible(params.response)) {
        const response = params.response.name;
        const inChain = chain.members.some((m) => refersToParam(sourceCode, skipTsWrappers(m.node), params.response));
        return inChain
          ? { body: [`if (err) ${response}.destroy(err);`], onError: `ends the response \`${response}\` on failure` }
          : {
              body: [
                `if (err && !${response}.headersSent) {`,
                `  ${response}.statusCode = 500;`,
                `  ${response}.end();`,
                '}',
              ],
              onError: `ends the response \`${response}\` with a 500 on failure`,
            };
      }
      return null;
    }

    /**
     * Whether the chain ends in a stream with a readable side (a parser, a transform) that the function reads as a
     * stream after the chain's statement (`for await`, a `data`/`readable`/`end` listener, `read()`, another
     * `.pipe()`, or the stream handed to a call): `await pipeline(a, b)` in its place would wait for `b` to be read to
     * the end by code that only starts after it, and stall once `b`'s buffer is full. Other uses of the stream (a
     * hash's `digest()`) read no data.
     */
    function readLater(chain: Chain, statement: TSESTree.Node, fn: TSESTree.Node): boolean {
      const last = chain.members.at(-1);
      const target = last ? skipTsWrappers(last.node) : null;
      if (target?.type !== AST_NODE_TYPES.Identifier || last?.origin?.kind === 'writable') return false;
      const variable = variableOf(sourceCode, target);
      return (variable?.references ?? []).some((reference) => {
        const identifier = reference.identifier as TSESTree.Node;
        if (!reference.isRead() || identifier.range[0] < statement.range[1] || !isInside(identifier, fn)) return false;
        const parent = identifier.parent;
        if (parent?.type === AST_NODE_TYPES.ForOfStatement) return parent.await && parent.right === identifier;
        if (parent?.type === AST_NODE_TYPES.CallExpression) return parent.arguments.includes(identifier as never);
        if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
        // A listener reads data only for the events that carry it.
        const event = listenerEvent(parent.parent);
        if (event !== null) return READ_EVENTS.has(event);
        return STREAM_READS.has(staticPropertyName(parent) ?? '');
      });
    }

    /**
     * The rewrite of a chain, or why there is none (the codemod's "left for review" line: `data.whyNoRewrite`).
     */
    function suggestions(
      call: TSESTree.CallExpression,
      chain: Chain,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] | string {
      const parent = call.parent;
      const fn = enclosingFunction(call);
      // A statement, or the concise body of a handler arrow (`(req, res) => a.pipe(res)`), whose value the framework
      // ignores.
      const conciseHandlerBody =
        parent.type === AST_NODE_TYPES.ArrowFunctionExpression &&
        parent.body === call &&
        model().contextOf(call).handler?.node === parent;
      if (parent.type !== AST_NODE_TYPES.ExpressionStatement && !conciseHandlerBody)
        return "the chain's value is used (returned, assigned or passed on), and `pipeline()` returns something else";
      if (chain.listenerOnPipeResult)
        return 'a listener is attached to an intermediate `.pipe()` result, which `pipeline()` has no place for';
      if (chain.hasPipeOptions)
        return '`.pipe(destination, { end: false })` keeps the destination open, which `pipeline()` does not';
      if (sourceCode.getCommentsInside(call).length > 0) return 'the comments inside the chain would be lost';
      const statement: TSESTree.Node = parent.type === AST_NODE_TYPES.ExpressionStatement ? parent : call;
      const args = chain.members.map((m) => sourceCode.getText(m.node));
      const semicolon = sourceCode.getText(statement).trimEnd().endsWith(';') ? ';' : '';
      if (fn?.async) {
        if (readLater(chain, statement, fn))
          return (
            'the last stream is read after the chain (`for await`, a listener, another pipe), and awaiting ' +
            '`pipeline()` first would wait for a reader that has not started'
          );
        const plan = planPipelineImport(sourceCode, call, true);
        return [
          {
            messageId: 'usePipelinePromise',
            data: { pipeline: plan.expression },
            fix: (fixer) => {
              const fixes = [fixer.replaceText(statement, `await ${plan.expression}(${args.join(', ')})${semicolon}`)];
              if (plan.fix) fixes.unshift(plan.fix(fixer));
              return fixes;
            },
          },
        ];
      }
      const callback = errorCallback(call, chain);
      if (!callback) {
        return (
          'it is in a synchronous function with no error route (no `await`, no `next`, no response to end), so ' +
          'the error of `pipeline()` would have nowhere to go'
        );
      }
      const plan = planPipelineImport(sourceCode, call, false);
      const indent = indentAt(sourceCode.text, statement.range[0]);
      const eol = eolOf(sourceCode.text);
      const unit = indent.includes('\t') ? '\t' : '  ';
      const body = callback.body.map((line) => `${indent}${unit}${line.replace(/^ {2}/u, unit)}`).join(eol);
      const text = `${plan.expression}(${args.join(', ')}, (err) => {${eol}${body}${eol}${indent}})${semicolon}`;
      return [
        {
          messageId: 'usePipelineCallback',
          data: { pipeline: plan.expression, onError: callback.onError },
          fix: (fixer) => {
            const fixes = [fixer.replaceText(statement, text)];
            if (plan.fix) fixes.unshift(plan.fix(fixer));
            return fixes;
          },
        },
      ];
    }

    return {
      CallExpression(node) {
        if (!isPipeCall(node)) return;
        // Only the outermost `.pipe()` of a chain (listeners attached in between belong to the chain).
        let outer: TSESTree.Node = node;
        while (
          outer.parent.type === AST_NODE_TYPES.MemberExpression &&
          outer.parent.object === outer &&
          outer.parent.parent.type === AST_NODE_TYPES.CallExpression
        ) {
          const call: TSESTree.CallExpression = outer.parent.parent;
          if (isPipeCall(call) || listenerEvent(call) !== null) {
            if (isPipeCall(call)) return;
            outer = call;
          } else {
            break;
          }
        }
        if (model().contextOf(node).context === 'startup') return;
        const chain = collect(outer);
        if (chain.members.length < 2 || !chain.members.some((m) => m.origin)) return;
        const unhandled = chain.members.filter((m) => !m.handled);
        if (unhandled.length === 0) return;
        const reportNode = outer;
        const rewrite =
          reportNode === node
            ? suggestions(node, chain)
            : 'a listener is attached to an intermediate `.pipe()` result, which `pipeline()` has no place for';
        // The chain's last `.pipe(...)`, not the whole expression: a chain can start lines above it.
        const pipe = node.callee.type === AST_NODE_TYPES.MemberExpression ? node.callee.property : node;
        context.report({
          node: reportNode,
          loc: { start: pipe.loc.start, end: reportNode.loc.end },
          messageId: 'unhandledPipeChain',
          data: {
            unhandled: unhandled.map((m) => `\`${label(m.node)}\``).join(', '),
            count: chain.members.length,
            verb: unhandled.length === 1 ? 'has' : 'have',
            ...(typeof rewrite === 'string' ? { whyNoRewrite: rewrite } : {}),
          },
          suggest: typeof rewrite === 'string' ? [] : rewrite,
        });
      },
    };
  },
});
