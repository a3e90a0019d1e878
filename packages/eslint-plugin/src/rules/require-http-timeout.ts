import {
  axiosDefaultsAssigned,
  findHttpSites,
  findOption,
  httpSiteApi,
  getRequestPathModel,
  isBrowserModule,
  instanceReceivers,
  skipTsWrappers,
  staticPropertyName,
  superagentSettings,
  type HttpSite,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { addOptionFix, createRule } from '../util/index.js';

export type Options = [{ suggestedTimeoutMs?: number }];
export type MessageId = 'requestWithoutTimeout' | 'clientWithoutTimeout' | 'addTimeout';

const STALL_COST =
  "if the upstream stalls, the call waits forever and holds its socket, memory and the caller's request; under load such calls pile up until the service stops answering";

/**
 * got's timeouts that bound waiting for the response: `request` (the whole request), `response` (the first byte),
 * `socket` and `read` (inactivity). `lookup`, `connect`, `secureConnect` and `send` end once the request is sent.
 */
const GOT_RESPONSE_TIMEOUTS = ['request', 'response', 'socket', 'read'];

/** What bounds a request's duration, per API, and what to add. */
function timeoutOptions(site: HttpSite): { names: readonly string[]; advice: string } | null {
  switch (site.kind) {
    case 'axios-call':
    case 'axios-create':
      return { names: ['timeout', 'signal'], advice: '`timeout` (milliseconds) or `signal: AbortSignal.timeout(ms)`' };
    case 'got-call':
    case 'got-extend':
      return {
        names: ['timeout', 'signal'],
        advice: '`timeout: { request: ms }` or `signal: AbortSignal.timeout(ms)`',
      };
    case 'fetch':
      return site.entry.library === 'node-fetch'
        ? { names: ['signal', 'timeout'], advice: '`signal: AbortSignal.timeout(ms)`' }
        : { names: ['signal'], advice: '`signal: AbortSignal.timeout(ms)`' };
    case 'undici-request':
    case 'undici-dispatcher-call':
      return {
        names: ['signal', 'headersTimeout'],
        advice: '`signal: AbortSignal.timeout(ms)` or a short `headersTimeout`',
      };
    case 'request-call':
    case 'request-defaults':
      return { names: ['timeout'], advice: '`timeout` (milliseconds)' };
    case 'superagent-call':
    case 'superagent-instance-call':
      return { names: [], advice: '`.timeout(ms)` (or `.timeout({ response, deadline })`) on the request' };
    case 'node-request':
      return {
        names: ['timeout', 'signal'],
        advice:
          '`timeout` (milliseconds, with a `timeout` listener that destroys the request) or `signal: AbortSignal.timeout(ms)`',
      };
    default:
      return null;
  }
}

function isGot(site: HttpSite): boolean {
  return site.kind === 'got-call' || site.kind === 'got-extend';
}

function isFunction(node: TSESTree.Node): boolean {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}

export default createRule<Options, MessageId>({
  name: 'require-http-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a timeout on outbound HTTP requests and HTTP client instances',
      recommended: 'recommended',
      requiresTypeChecking: false,
      category: 'http',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          suggestedTimeoutMs: {
            type: 'integer',
            minimum: 1,
            description: 'The timeout, in milliseconds, that the editor suggestions insert.',
          },
        },
      },
    ],
    defaultOptions: [{ suggestedTimeoutMs: 10_000 }],
    messages: {
      addTimeout: 'Add `{{property}}`.',
      requestWithoutTimeout: '`{{api}}` has no timeout: {{cost}}. Set {{advice}}.',
      clientWithoutTimeout:
        '`{{api}}` creates a client without a default timeout, so every request through it can wait forever: {{cost}}. Set {{advice}} in its defaults.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const ms = (options.suggestedTimeoutMs ?? 10_000).toLocaleString('en-US').replace(/,/gu, '_');

    /** The property the suggestion adds: the library's own timeout, or an abort signal for fetch. */
    function timeoutProperty(site: HttpSite): string | null {
      switch (site.kind) {
        case 'axios-call':
        case 'axios-create':
          return `timeout: ${ms}`;
        case 'got-call':
        case 'got-extend':
          return `timeout: { request: ${ms} }`;
        case 'fetch':
        case 'undici-request':
        case 'undici-dispatcher-call':
          return `signal: AbortSignal.timeout(${ms})`;
        case 'request-call':
        case 'request-defaults':
          return `timeout: ${ms}`;
        default:
          // `http.request`'s `timeout` only emits an event; the fix needs a listener a person writes.
          return null;
      }
    }

    function suggest(site: HttpSite): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      if (site.kind === 'superagent-call' || site.kind === 'superagent-instance-call') {
        // With a callback the request is sent at once, before a `.timeout()` after the call could apply.
        const call = site.node;
        if (call.arguments.some((arg) => isFunction(skipTsWrappers(arg)))) return [];
        const method = `.timeout(${ms})`;
        return [
          { messageId: 'addTimeout', data: { property: method }, fix: (fixer) => fixer.insertTextAfter(call, method) },
        ];
      }
      const limits = gotTimeoutObject(site);
      if (limits) {
        // `timeout: { connect: 500 }`: add the overall limit beside the phases that are there.
        const property = `request: ${ms}`;
        const fix = addOptionFix(
          sourceCode,
          site.node,
          { kind: 'object', node: limits, argument: limits, index: 0 },
          property,
        );
        return fix ? [{ messageId: 'addTimeout', data: { property: `timeout: { ${property} }` }, fix }] : [];
      }
      const property = timeoutProperty(site);
      const fix = property ? addOptionFix(sourceCode, site.node, site.options, property) : null;
      return property && fix ? [{ messageId: 'addTimeout', data: { property }, fix }] : [];
    }

    /** Whether the options bound the duration: `true`, `false`, or `null` when the file cannot tell. */
    function bounded(site: HttpSite, names: readonly string[]): boolean | null {
      if (site.options.kind === 'opaque') return null;
      if (site.options.kind === 'absent') return false;
      let unknown = false;
      for (const name of names) {
        const option = findOption(site.options.node, name);
        if (option.kind === 'present') {
          if (name === 'timeout' && isGot(site) && !boundsGotResponse(option.property)) continue;
          return true;
        }
        if (option.kind === 'unknown') unknown = true;
      }
      return unknown ? null : false;
    }

    /**
     * got's `timeout`: a number (got 11 and earlier: the whole request) or an object of phase limits (every version;
     * the only form from got 12 on), which bounds waiting for the response only with one of
     * `GOT_RESPONSE_TIMEOUTS` (or a spread, which may hold one).
     */
    function boundsGotResponse(property: TSESTree.Property): boolean {
      const value = skipTsWrappers(property.value);
      if (value.type !== 'ObjectExpression') return true;
      return GOT_RESPONSE_TIMEOUTS.some((phase) => findOption(value, phase).kind !== 'missing');
    }

    /** got's `timeout` object written in the options, when there is one. */
    function gotTimeoutObject(site: HttpSite): TSESTree.ObjectExpression | null {
      if (!isGot(site) || site.options.kind !== 'object') return null;
      const option = findOption(site.options.node, 'timeout');
      if (option.kind !== 'present') return null;
      const value = skipTsWrappers(option.property.value);
      return value.type === 'ObjectExpression' ? value : null;
    }

    /** Whether a superagent request (or the agent it is made through) calls `.timeout(…)`. */
    function superagentTimeout(site: HttpSite): boolean {
      if (superagentSettings(sourceCode, site).has('timeout')) return true;
      return site.instance !== undefined && superagentSettings(sourceCode, site.instance).has('timeout');
    }

    /** `http.get(...).setTimeout(ms)` or `req.setTimeout(ms)` on the returned request. */
    function setsTimeoutLater(site: HttpSite): boolean {
      return instanceReceivers(sourceCode, site.node).some((receiver) => {
        const parent = receiver.parent;
        return (
          parent?.type === 'MemberExpression' &&
          parent.object === receiver &&
          staticPropertyName(parent) === 'setTimeout'
        );
      });
    }

    return {
      Program() {
        const sites = findHttpSites(sourceCode);
        // A browser's requests (a front-end bundle shipped in the server package) hold no server resource.
        if (sites.length === 0 || isBrowserModule(sourceCode)) return;
        const model = getRequestPathModel(context);
        for (const site of sites) {
          const timeout = timeoutOptions(site);
          if (!timeout) continue;
          const creates =
            site.kind === 'axios-create' || site.kind === 'got-extend' || site.kind === 'request-defaults';
          // A request made once at start-up cannot pile up; client instances serve requests later, wherever made.
          if (!creates && model.contextOf(site.node).context === 'startup') continue;
          if (site.entry.optionsArgument === null) {
            if (superagentTimeout(site)) continue;
          } else if (bounded(site, timeout.names) !== false) {
            continue;
          }
          if (site.kind === 'undici-dispatcher-call' && site.instance && bounded(site.instance, ['headersTimeout']))
            continue;
          if (site.kind === 'axios-call') {
            const defaults = axiosDefaultsAssigned(sourceCode);
            if (defaults.has('*') || defaults.has('timeout')) continue;
          }
          if (site.kind === 'node-request' && setsTimeoutLater(site)) continue;
          context.report({
            node: site.node,
            messageId: creates ? 'clientWithoutTimeout' : 'requestWithoutTimeout',
            data: {
              api: httpSiteApi(site),
              cost: STALL_COST,
              advice: timeout.advice,
            },
            suggest: suggest(site),
          });
        }
      },
    };
  },
});
