import {
  axiosDefaultsAssigned,
  booleanValue,
  findHttpSites,
  findOption,
  getNodeTarget,
  getRequestPathModel,
  enclosingFunction,
  httpSiteApi,
  isConnectionProbe,
  isInside,
  isMemoised,
  skipTsWrappers,
  staticPropertyName,
  superagentSettings,
  type HttpSite,
  type NodeTarget,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [{ checkDefaultAgent?: boolean; checkUnknownContext?: boolean }];
export type MessageId =
  | 'agentWithoutKeepAlive'
  | 'agentPerRequest'
  | 'agentPerCall'
  | 'keepAliveDisabled'
  | 'agentDisabled'
  | 'defaultAgentWithoutKeepAlive'
  | 'requestWithoutAgent'
  | 'pipeliningDisabled'
  | 'addKeepAlive'
  | 'enableKeepAlive';

/** Options of the `request` package that choose the agent its requests use. */
const REQUEST_AGENT_OPTIONS = ['agent', 'forever', 'agentClass', 'agentOptions', 'pool'];

/** Options through which a request takes an agent (`agent`, axios' `httpAgent`/`httpsAgent`, got's `http`/`https`). */
const AGENT_OPTIONS = new Set(['agent', 'httpAgent', 'httpsAgent', 'http', 'https', 'dispatcher']);

/** The first Node.js major whose global HTTP agent keeps connections alive. */
const KEEP_ALIVE_DEFAULT_MAJOR = 19;

export default createRule<Options, MessageId>({
  name: 'require-keep-alive',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require outbound HTTP clients to reuse connections through keep-alive agents',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'http',
      strictOptions: { checkUnknownContext: true },
      codemod: 'keep-alive-agents',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkDefaultAgent: {
            type: 'boolean',
            description:
              "Report clients on Node's global agent (axios, got, node-fetch, needle, `http(s).request`) when " +
              'the target Node is older than 19.',
          },
          checkUnknownContext: {
            type: 'boolean',
            description:
              'Also report single requests on the global agent (and superagent calls without `.agent()`) in ' +
              'functions of unknown context, which no handler is seen to reach.',
          },
        },
      },
    ],
    defaultOptions: [{ checkDefaultAgent: true, checkUnknownContext: false }],
    messages: {
      agentWithoutKeepAlive: '`new {{api}}()` without `keepAlive: true` closes each socket after one request.',
      agentPerRequest: '`new {{api}}()` creates a new agent, and a new socket pool, on every request ({{reason}}).',
      keepAliveDisabled: '`keepAlive: false` closes each socket after one request.',
      agentDisabled: '`agent: false` gives every request of `{{api}}` a connection of its own.',
      agentPerCall: '`new {{api}}()` is created on every call of this function, so its sockets are never reused.',
      defaultAgentWithoutKeepAlive:
        "`{{api}}` uses Node's global agent, which does not keep connections alive before Node 19 (this code " +
        'targets Node {{target}}).',
      requestWithoutAgent:
        '`{{api}}` opens a new connection for every request, since superagent disables keep-alive unless ' +
        '`.agent()` sets an agent.',
      pipeliningDisabled: '`pipelining: 0` makes `{{api}}` close each connection after one request.',
      addKeepAlive: 'Add `keepAlive: true`.',
      enableKeepAlive: 'Set `keepAlive: true`.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;

    function addKeepAliveFix(site: HttpSite): TSESLint.ReportFixFunction | null {
      const { options: agentOptions, node } = site;
      if (agentOptions.kind === 'absent') {
        const closeParen = sourceCode.getLastToken(node);
        const openParen = closeParen && sourceCode.getTokenBefore(closeParen);
        if (!closeParen || closeParen.value !== ')' || openParen?.value !== '(') return null;
        return (fixer) => fixer.insertTextBefore(closeParen, '{ keepAlive: true }');
      }
      if (agentOptions.kind !== 'object' || agentOptions.argument !== agentOptions.node) return null;
      const object = agentOptions.node;
      const first = object.properties.at(0);
      if (!first) return (fixer) => fixer.replaceText(object, '{ keepAlive: true }');
      if (first.loc.start.line !== object.loc.start.line) {
        const indent = ' '.repeat(first.loc.start.column);
        return (fixer) => fixer.insertTextBefore(first, `keepAlive: true,\n${indent}`);
      }
      return (fixer) => fixer.insertTextBefore(first, 'keepAlive: true, ');
    }

    /**
     * Whether an agent is built per call of a function and used there: created inside a function (not a constructor,
     * not memoised) and passed to a request of the same function, inline (`{ agent: new Agent() }`) or through a
     * local variable. Such an agent needs hoisting, not `keepAlive`.
     */
    function builtPerCall(site: HttpSite): boolean {
      const owner = enclosingFunction(site.node);
      if (!owner || (owner.parent.type === AST_NODE_TYPES.MethodDefinition && owner.parent.kind === 'constructor'))
        return false;
      if (isMemoised(sourceCode, site.node)) return false;
      const usedAsOption = (node: TSESTree.Node): boolean => {
        const parent = node.parent;
        return (
          parent?.type === AST_NODE_TYPES.Property &&
          parent.value === node &&
          AGENT_OPTIONS.has(staticPropertyName(parent) ?? '') &&
          isInside(parent, owner)
        );
      };
      if (usedAsOption(site.node)) return true;
      const declarator = site.node.parent;
      if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier)
        return false;
      const variable = sourceCode.getDeclaredVariables(declarator).at(0);
      return (variable?.references ?? []).some((reference) => usedAsOption(reference.identifier));
    }

    /**
     * Whether an agent turns TLS session reuse off on purpose (`maxCachedSessions: 0`): each request measures or needs
     * a full handshake (an uptime check, a certificate probe), which neither hoisting nor keep-alive must undo.
     */
    function refusesReuse(site: HttpSite): boolean {
      // A TLS option: only agents that make TLS connections have sessions to cache.
      if (site.options.kind !== 'object' || site.entry.protocol !== 'https') return false;
      const sessions = findOption(site.options.node, 'maxCachedSessions');
      const value = sessions.kind === 'present' ? skipTsWrappers(sessions.property.value) : null;
      return value?.type === AST_NODE_TYPES.Literal && value.value === 0;
    }

    function checkAgent(site: HttpSite): void {
      if (site.options.kind === 'opaque') return;
      if (builtPerCall(site)) {
        const keepAlive = site.options.kind === 'object' ? findOption(site.options.node, 'keepAlive') : null;
        if (keepAlive?.kind === 'unknown') return;
        context.report({ node: site.node, messageId: 'agentPerCall', data: { api: site.entry.id } });
        return;
      }
      if (site.options.kind === 'object') {
        const keepAlive = findOption(site.options.node, 'keepAlive');
        if (keepAlive.kind === 'unknown') return;
        if (keepAlive.kind === 'present') {
          const value = booleanValue(keepAlive.property);
          if (value === false) {
            const property = keepAlive.property;
            context.report({
              node: property,
              messageId: 'keepAliveDisabled',
              suggest: [{ messageId: 'enableKeepAlive', fix: (fixer) => fixer.replaceText(property.value, 'true') }],
            });
          }
          return;
        }
      }
      const fix = addKeepAliveFix(site);
      context.report({
        node: site.node,
        messageId: 'agentWithoutKeepAlive',
        data: { api: site.entry.id },
        suggest: fix ? [{ messageId: 'addKeepAlive', fix }] : [],
      });
    }

    /** `agent: false`: reported on any Node version. Returns whether the options set `agent` at all (or may). */
    function checkAgentOption(site: HttpSite): 'set' | 'missing' | 'unknown' {
      if (site.options.kind === 'opaque') return 'unknown';
      if (site.options.kind === 'absent') return 'missing';
      const agent = findOption(site.options.node, 'agent');
      if (agent.kind !== 'present') return agent.kind;
      if (booleanValue(agent.property) === false) {
        context.report({
          node: agent.property,
          messageId: 'agentDisabled',
          data: { api: site.entry.id },
        });
      }
      return 'set';
    }

    function reportDefaultAgent(site: HttpSite, target: NodeTarget): void {
      context.report({
        node: site.node,
        messageId: 'defaultAgentWithoutKeepAlive',
        data: {
          api: httpSiteApi(site),
          target: target.range,
        },
      });
    }

    /** The `request` package: an agent, a keep-alive agent (`forever`), an agent class or options, or a pool. */
    function setsRequestAgent(site: HttpSite): boolean | null {
      if (site.options.kind === 'opaque') return null;
      if (site.options.kind === 'absent') return false;
      const object = site.options.node;
      const kinds = REQUEST_AGENT_OPTIONS.map((name) => findOption(object, name).kind);
      if (kinds.includes('present')) return true;
      return kinds.includes('unknown') ? null : false;
    }

    /** undici dispatchers: `pipelining: 0` turns keep-alive off. */
    function checkPipelining(site: HttpSite): void {
      if (site.options.kind !== 'object') return;
      const pipelining = findOption(site.options.node, 'pipelining');
      if (pipelining.kind !== 'present') return;
      const value = pipelining.property.value;
      if (value.type === AST_NODE_TYPES.Literal && value.value === 0) {
        context.report({
          node: pipelining.property,
          messageId: 'pipeliningDisabled',
          data: { api: site.entry.id },
        });
      }
    }

    function setsAxiosAgent(site: HttpSite): boolean | null {
      if (site.options.kind === 'opaque') return null;
      if (site.options.kind === 'absent') return false;
      const http = findOption(site.options.node, 'httpAgent');
      const https = findOption(site.options.node, 'httpsAgent');
      if (http.kind === 'present' || https.kind === 'present') return true;
      return http.kind === 'unknown' || https.kind === 'unknown' ? null : false;
    }

    return {
      Program() {
        const sites = findHttpSites(sourceCode);
        if (sites.length === 0) return;
        const target = getNodeTarget(context);
        const checkDefault =
          options.checkDefaultAgent !== false && target !== null && target.major < KEEP_ALIVE_DEFAULT_MAJOR;
        const model = getRequestPathModel(context);
        // `needle.defaults({ agent })` gives every needle request of the process that agent.
        const needleDefaultAgent = sites.some(
          (site) =>
            site.kind === 'needle-defaults' &&
            (site.options.kind === 'opaque' ||
              (site.options.kind === 'object' && findOption(site.options.node, 'agent').kind !== 'missing')),
        );
        /**
         * Whether a request repeats often enough for keep-alive to matter: it runs on the request path (per request,
         * per job, per tick of a timer loop). A request made at start-up, or in code no handler is seen to reach (a
         * notification sent when a monitor changes state, minutes or days apart), leaves no connection worth
         * keeping. Instances and agents (`axios.create`, `got.extend`) live on and are checked wherever they are made.
         */
        const repeats = (site: HttpSite): boolean => {
          const where = model.contextOf(site.node).context;
          return where === 'request' || (where === 'unknown' && options.checkUnknownContext === true);
        };
        /** An agent or dispatcher created per request (and not kept): reported, and nothing else is checked on it. */
        const reportedPerRequest = (site: HttpSite): boolean => {
          const where = model.contextOf(site.node);
          if (where.context !== 'request' || isMemoised(sourceCode, site.node)) return false;
          context.report({
            node: site.node,
            messageId: 'agentPerRequest',
            data: { api: site.entry.id, reason: where.reason },
          });
          return true;
        };
        for (const site of sites) {
          // A health check or probe opens a fresh connection on purpose: that it can be made is what it tests.
          if (isConnectionProbe(site.node, model.contextOf(site.node))) continue;
          switch (site.kind) {
            case 'agent':
              if (!refusesReuse(site) && !reportedPerRequest(site)) checkAgent(site);
              break;
            case 'node-request': {
              const agent = checkAgentOption(site);
              if (checkDefault && agent === 'missing' && repeats(site)) {
                reportDefaultAgent(site, target);
              }
              break;
            }
            case 'fetch': {
              if (site.entry.library !== 'node-fetch') break;
              const agent = checkAgentOption(site);
              if (checkDefault && agent === 'missing' && repeats(site)) reportDefaultAgent(site, target);
              break;
            }
            case 'needle-call': {
              const agent = checkAgentOption(site);
              if (checkDefault && agent === 'missing' && repeats(site) && !needleDefaultAgent)
                reportDefaultAgent(site, target);
              break;
            }
            case 'needle-defaults':
              checkAgentOption(site);
              break;
            case 'axios-create':
              if (checkDefault && setsAxiosAgent(site) === false) reportDefaultAgent(site, target);
              break;
            case 'axios-call': {
              if (!checkDefault || !repeats(site)) break;
              const defaults = axiosDefaultsAssigned(sourceCode);
              if (defaults.has('*') || defaults.has('httpAgent') || defaults.has('httpsAgent')) break;
              if (setsAxiosAgent(site) === false) reportDefaultAgent(site, target);
              break;
            }
            case 'undici-dispatcher':
              if (!reportedPerRequest(site)) checkPipelining(site);
              break;
            case 'request-call':
            case 'request-defaults': {
              if (!checkDefault || (site.kind === 'request-call' && !repeats(site))) break;
              if (setsRequestAgent(site) === false) reportDefaultAgent(site, target);
              break;
            }
            case 'superagent-call':
            case 'superagent-instance-call': {
              if (!repeats(site) || superagentSettings(sourceCode, site).has('agent')) break;
              context.report({
                node: site.node,
                messageId: 'requestWithoutAgent',
                data: { api: httpSiteApi(site) },
              });
              break;
            }
            case 'got-call':
            case 'got-extend': {
              if (!checkDefault || (site.kind === 'got-call' && !repeats(site))) break;
              if (site.options.kind === 'object' && findOption(site.options.node, 'agent').kind === 'missing') {
                reportDefaultAgent(site, target);
              } else if (site.options.kind === 'absent') {
                reportDefaultAgent(site, target);
              }
              break;
            }
            default:
              // Instance calls inherit the instance's agents (superagent's are the exception, above); undici and
              // global fetch keep connections alive.
              break;
          }
        }
      },
    };
  },
});
