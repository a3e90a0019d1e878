import {
  axiosDefaultsAssigned,
  findHttpSites,
  findOption,
  getRequestPathModel,
  instanceReceivers,
  staticPropertyName,
  type HttpSite,
} from '@backend-perf/core';
import type { TSESLint } from '@typescript-eslint/utils';
import { addOptionFix, createRule } from '../util/index.js';

export type Options = [{ suggestedTimeoutMs?: number }];
export type MessageId = 'requestWithoutTimeout' | 'clientWithoutTimeout' | 'addTimeout';

const STALL_COST =
  "if the upstream stalls, the call waits forever and holds its socket, memory and the caller's request; under load such calls pile up until the service stops answering";

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
      return {
        names: ['signal', 'headersTimeout'],
        advice: '`signal: AbortSignal.timeout(ms)` or a short `headersTimeout`',
      };
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
          return `signal: AbortSignal.timeout(${ms})`;
        default:
          // `http.request`'s `timeout` only emits an event; the fix needs a listener a person writes.
          return null;
      }
    }

    function suggest(site: HttpSite): TSESLint.SuggestionReportDescriptor<MessageId>[] {
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
        if (option.kind === 'present') return true;
        if (option.kind === 'unknown') unknown = true;
      }
      return unknown ? null : false;
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
        if (sites.length === 0) return;
        const model = getRequestPathModel(context);
        for (const site of sites) {
          const timeout = timeoutOptions(site);
          if (!timeout) continue;
          const creates = site.kind === 'axios-create' || site.kind === 'got-extend';
          // A request made once at start-up cannot pile up; client instances serve requests later, wherever made.
          if (!creates && model.contextOf(site.node).context === 'startup') continue;
          if (bounded(site, timeout.names) !== false) continue;
          if (site.kind === 'axios-call') {
            const defaults = axiosDefaultsAssigned(sourceCode);
            if (defaults.has('*') || defaults.has('timeout')) continue;
          }
          if (site.kind === 'node-request' && setsTimeoutLater(site)) continue;
          context.report({
            node: site.node,
            messageId: creates ? 'clientWithoutTimeout' : 'requestWithoutTimeout',
            data: {
              api: site.kind === 'axios-create' ? 'axios.create' : site.entry.id,
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
