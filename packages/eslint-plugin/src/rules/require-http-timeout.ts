import {
  axiosDefaultsAssigned,
  findHttpSites,
  findOption,
  getPackageVersion,
  getRequestPathModel,
  helperOptions,
  httpSiteApi,
  isBrowserModule,
  instanceReceivers,
  skipTsWrappers,
  staticPropertyName,
  superagentSettings,
  type HttpSite,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { addOptionFix, createRule } from '../util/index.js';

export type Options = [{ suggestedTimeoutMs?: number }];
export type MessageId = 'requestWithoutTimeout' | 'clientWithoutTimeout' | 'addTimeout';

/**
 * got's timeouts that bound waiting for the response: `request` (the whole request), `response` (the first byte),
 * `socket` and `read` (inactivity). `lookup`, `connect`, `secureConnect` and `send` end once the request is sent.
 */
const GOT_RESPONSE_TIMEOUTS = ['request', 'response', 'socket', 'read'];

/**
 * needle's timeouts that bound waiting for the response: `response_timeout` (the headers) and `read_timeout` (the
 * body). `open_timeout` (alias `timeout`, 10 s by default) ends once the connection is open.
 */
const NEEDLE_RESPONSE_TIMEOUTS = ['response_timeout', 'read_timeout'];

/**
 * The options that bound a request's duration, per API and, for node-fetch, its major version (superagent's bound is
 * its `.timeout()` method).
 */
function timeoutOptions(site: HttpSite, nodeFetchMajor: number | null): readonly string[] | null {
  switch (site.kind) {
    case 'axios-call':
    case 'axios-create':
    case 'got-call':
    case 'got-extend':
    case 'node-request':
      return ['timeout', 'signal'];
    case 'fetch':
      if (site.entry.library !== 'node-fetch') return ['signal'];
      // node-fetch 3 dropped v2's `timeout` option: there only a signal bounds a request.
      return nodeFetchMajor !== null && nodeFetchMajor >= 3 ? ['signal'] : ['signal', 'timeout'];
    case 'needle-call':
      return NEEDLE_RESPONSE_TIMEOUTS;
    case 'undici-request':
    case 'undici-dispatcher-call':
      return ['signal', 'headersTimeout'];
    case 'request-call':
    case 'request-defaults':
      return ['timeout'];
    case 'superagent-call':
    case 'superagent-instance-call':
      return [];
    default:
      return null;
  }
}

function isGot(site: HttpSite): boolean {
  return site.kind === 'got-call' || site.kind === 'got-extend';
}

function isFunction(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
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
      requestWithoutTimeout: '`{{api}}` sends a request with no timeout.',
      clientWithoutTimeout: '`{{api}}` creates a client with no default timeout.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const ms = String(options.suggestedTimeoutMs ?? 10_000).replace(/\B(?=(?:\d{3})+$)/gu, '_');

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
        case 'needle-call':
          return `response_timeout: ${ms}, read_timeout: ${ms}`;
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

    /**
     * Whether the options bound the duration: `true`, `false`, or `null` when the file cannot tell. Options built by a
     * helper (`got(url, requestOptions())`) count only when the helper visibly sets a timeout on every path: a
     * function of this file that returns object literals which all do.
     */
    function bounded(site: HttpSite, names: readonly string[]): boolean | null {
      if (site.options.kind === 'absent') return false;
      if (site.options.kind === 'opaque') {
        const helper = helperOptions(sourceCode, site.options.argument);
        if (!helper) return null;
        if (!helper.objects) return false;
        const results = helper.objects.map((object) => objectBounds(site, object, names));
        if (results.includes(false)) return false;
        return results.includes(null) ? null : true;
      }
      return objectBounds(site, site.options.node, names);
    }

    function objectBounds(site: HttpSite, object: TSESTree.ObjectExpression, names: readonly string[]): boolean | null {
      let unknown = false;
      for (const name of names) {
        const option = findOption(object, name);
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
      if (value.type !== AST_NODE_TYPES.ObjectExpression) return true;
      return GOT_RESPONSE_TIMEOUTS.some((phase) => findOption(value, phase).kind !== 'missing');
    }

    /** got's `timeout` object written in the options, when there is one. */
    function gotTimeoutObject(site: HttpSite): TSESTree.ObjectExpression | null {
      if (!isGot(site) || site.options.kind !== 'object') return null;
      const option = findOption(site.options.node, 'timeout');
      if (option.kind !== 'present') return null;
      const value = skipTsWrappers(option.property.value);
      return value.type === AST_NODE_TYPES.ObjectExpression ? value : null;
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
          parent?.type === AST_NODE_TYPES.MemberExpression &&
          parent.object === receiver &&
          staticPropertyName(parent) === 'setTimeout'
        );
      });
    }

    /** Whether `needle.defaults(…)` in this file sets (or may set) a response timeout for every needle request. */
    function needleDefaultsBound(sites: readonly HttpSite[]): boolean {
      return sites.some((site) => site.kind === 'needle-defaults' && bounded(site, NEEDLE_RESPONSE_TIMEOUTS) !== false);
    }

    return {
      Program() {
        const sites = findHttpSites(sourceCode);
        // A browser's requests (a front-end bundle shipped in the server package) hold no server resource.
        if (sites.length === 0 || isBrowserModule(sourceCode)) return;
        const model = getRequestPathModel(context);
        const nodeFetchMajor = sites.some((site) => site.entry.library === 'node-fetch')
          ? (getPackageVersion(context.filename, 'node-fetch')?.major ?? null)
          : null;
        const needleDefaults = needleDefaultsBound(sites);
        for (const site of sites) {
          const timeout = timeoutOptions(site, nodeFetchMajor);
          if (!timeout) continue;
          const creates =
            site.kind === 'axios-create' || site.kind === 'got-extend' || site.kind === 'request-defaults';
          // A request made once at start-up cannot pile up; client instances serve requests later, wherever made.
          if (!creates && model.contextOf(site.node).context === 'startup') continue;
          if (site.entry.optionsArgument === null) {
            if (superagentTimeout(site)) continue;
          } else if (bounded(site, timeout) !== false) {
            continue;
          }
          if (site.kind === 'undici-dispatcher-call' && site.instance && bounded(site.instance, ['headersTimeout']))
            continue;
          if (site.kind === 'axios-call') {
            const defaults = axiosDefaultsAssigned(sourceCode);
            if (defaults.has('*') || defaults.has('timeout')) continue;
          }
          if (site.kind === 'node-request' && setsTimeoutLater(site)) continue;
          if (site.kind === 'needle-call' && needleDefaults) continue;
          context.report({
            node: site.node,
            messageId: creates ? 'clientWithoutTimeout' : 'requestWithoutTimeout',
            data: {
              api: httpSiteApi(site),
            },
            suggest: suggest(site),
          });
        }
      },
    };
  },
});
