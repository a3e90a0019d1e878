import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { calledMethodName, staticPropertyName } from '../ast.js';
import {
  AXIOS_DEFAULTS_APIS,
  axiosConfigArgument,
  GOT_METHODS,
  HTTP_APIS,
  REQUEST_METHODS,
  SUPERAGENT_AGENT_CHAIN,
  SUPERAGENT_METHODS,
  SUPERAGENT_REQUEST_CHAIN,
  UNDICI_DISPATCHER_METHODS,
  type HttpApiEntry,
} from '../catalogue/http.js';
import { findApiUses } from '../tracker.js';
import { instanceReceivers, valueNode } from '../instances.js';
import { optionsArgument, type OptionsObject } from './options.js';

/**
 * An outbound HTTP site: the catalogue kinds, plus requests through an instance made in this file, whose `instance`
 * is the creating site: `axios.create` (`axios-instance-call`), `got.extend` (`got-instance-call`),
 * `request.defaults` (`request-instance-call`), `superagent.agent()` (`superagent-instance-call`) and undici's
 * `Client`/`Pool`/`Agent` (`undici-dispatcher-call`: `pool.request(options)`, `stream`, `pipeline`).
 */
export type HttpSiteKind =
  | HttpApiEntry['kind']
  | 'axios-instance-call'
  | 'got-instance-call'
  | 'request-instance-call'
  | 'superagent-instance-call'
  | 'undici-dispatcher-call';

export interface HttpSite {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly kind: HttpSiteKind;
  /** The catalogue entry; for instance calls, the entry of the creating call. */
  readonly entry: HttpApiEntry;
  /**
   * The options the call passes. APIs configured by methods of what they return (superagent, whose catalogue entry
   * has `optionsArgument: null`) have none: `absent` with index -1; read `chainedCalls` for them instead.
   */
  readonly options: OptionsObject;
  /** For instance calls: the `axios.create`/`got.extend` site whose defaults apply. */
  readonly instance?: HttpSite;
}

const cache = new WeakMap<TSESTree.Program, HttpSite[]>();

/**
 * The API a report about a site names: `axios.create`, the catalogue id (`got.get`, `superagent.post`), or for
 * requests through undici dispatchers and superagent agents the method on the instance (`undici.Pool#request`).
 */
export function httpSiteApi(site: HttpSite): string {
  if (site.kind === 'axios-create') return 'axios.create';
  if (site.kind === 'undici-dispatcher-call' || site.kind === 'superagent-instance-call') {
    const callee = site.node.callee;
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : null;
    return `${site.entry.id}#${method ?? 'request'}`;
  }
  return site.entry.id;
}

/** Instance-creating kinds and the kind of the requests made through their instances. */
const INSTANCE_CALL_KINDS: Partial<Record<HttpApiEntry['kind'], HttpSiteKind>> = {
  'axios-create': 'axios-instance-call',
  'got-extend': 'got-instance-call',
  'request-defaults': 'request-instance-call',
  'superagent-agent': 'superagent-instance-call',
  'undici-dispatcher': 'undici-dispatcher-call',
};

/**
 * Every outbound HTTP site of a file: agents, `http(s).request`/`get`, axios (default instance, `create`, and calls of
 * instances created in this file), got (and `extend`ed instances), fetch (global, undici, node-fetch),
 * `undici.request` and undici's dispatchers (and their `request` calls), `request` (and `defaults` instances) and
 * superagent (and `superagent.agent()` instances). Cached per AST. The rules `require-keep-alive` and
 * `require-http-timeout` both read it.
 */
export function findHttpSites(sourceCode: TSESLint.SourceCode): HttpSite[] {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const sites: HttpSite[] = [];
  for (const { node, entry } of findApiUses(sourceCode, HTTP_APIS)) {
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) continue;
    const site: HttpSite = {
      node,
      kind: entry.kind,
      entry,
      options:
        entry.optionsArgument === null
          ? { kind: 'absent', index: -1 }
          : optionsArgument(sourceCode, node, entry.optionsArgument),
    };
    sites.push(site);
    if (INSTANCE_CALL_KINDS[entry.kind]) sites.push(...instanceCalls(sourceCode, site));
  }
  sites.sort((a, b) => a.node.range[0] - b.node.range[0]);
  cache.set(sourceCode.ast, sites);
  return sites;
}

/** Where the options are in a call of method `method` of an instance created at `creation`; `null`: not a request. */
function instanceOptionsArgument(creation: HttpSite, method: string | null): number | 'url-or-options' | null {
  switch (creation.kind) {
    case 'axios-create':
      return method === 'getUri' ? null : axiosConfigArgument(method);
    case 'got-extend':
      return method === null || (GOT_METHODS as readonly string[]).includes(method) ? 'url-or-options' : null;
    case 'request-defaults':
      return method === null || (REQUEST_METHODS as readonly string[]).includes(method) ? 'url-or-options' : null;
    case 'undici-dispatcher':
      return method !== null && (UNDICI_DISPATCHER_METHODS as readonly string[]).includes(method) ? 0 : null;
    default:
      return null;
  }
}

function instanceCalls(sourceCode: TSESLint.SourceCode, creation: HttpSite): HttpSite[] {
  const sites: HttpSite[] = [];
  const kind = INSTANCE_CALL_KINDS[creation.entry.kind] as HttpSiteKind;
  const superagent = creation.kind === 'superagent-agent';
  const receivers = instanceReceivers(
    sourceCode,
    creation.node,
    superagent ? { chainMethods: SUPERAGENT_AGENT_CHAIN } : {},
  );
  const add = (call: TSESTree.CallExpression, method: string | null): void => {
    if (superagent) {
      if (method === null || !(SUPERAGENT_METHODS as readonly string[]).includes(method)) return;
      sites.push({
        node: call,
        kind,
        entry: creation.entry,
        options: { kind: 'absent', index: -1 },
        instance: creation,
      });
      return;
    }
    const index = instanceOptionsArgument(creation, method);
    if (index === null) return;
    sites.push({
      node: call,
      kind,
      entry: creation.entry,
      options: optionsArgument(sourceCode, call, index),
      instance: creation,
    });
  };
  for (const receiver of receivers) {
    const parent = receiver.parent;
    // `instance(config)` / `instance(url, config)`: axios, got and request instances are callable.
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === receiver) {
      add(parent, null);
      continue;
    }
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== receiver) continue;
    const call = parent.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) continue;
    add(call, calledMethodName(call));
  }
  return sites;
}

/**
 * The method calls made on the value an HTTP API returns: along a chain (`superagent.get(url).set(…).timeout(ms)`,
 * through the methods of `chain`, which return the same object) and through the variables that hold it
 * (`const req = superagent.get(url); req.timeout(ms)`). For superagent requests and agents, whose settings are such
 * calls, and for `http.request(…).setTimeout(ms)`.
 */
export function chainedCalls(
  sourceCode: TSESLint.SourceCode,
  node: TSESTree.Node,
  chain: readonly string[],
): Array<{ readonly method: string; readonly call: TSESTree.CallExpression }> {
  const found = new Map<TSESTree.CallExpression, string>();
  const walk = (start: TSESTree.Node): void => {
    let current = valueNode(start);
    for (;;) {
      const member = current.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return;
      const call = member.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return;
      const method = staticPropertyName(member);
      if (method === null) return;
      found.set(call, method);
      if (!chain.includes(method)) return;
      current = valueNode(call);
    }
  };
  walk(node);
  for (const receiver of instanceReceivers(sourceCode, node, { chainMethods: chain })) walk(receiver);
  return [...found].map(([call, method]) => ({ method, call }));
}

/** The methods called on a superagent request or agent site (see `chainedCalls`). */
export function superagentSettings(sourceCode: TSESLint.SourceCode, site: HttpSite): ReadonlySet<string> {
  const chain = site.kind === 'superagent-agent' ? SUPERAGENT_AGENT_CHAIN : SUPERAGENT_REQUEST_CHAIN;
  return new Set(chainedCalls(sourceCode, site.node, chain).map(({ method }) => method));
}

const defaultsCache = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/**
 * The properties this file assigns on axios' default instance: `axios.defaults.timeout = 5000` gives `timeout`.
 * `Object.assign(axios.defaults, { … })` and `axios.defaults = …` give `*` (anything may be set).
 */
export function axiosDefaultsAssigned(sourceCode: TSESLint.SourceCode): ReadonlySet<string> {
  const cached = defaultsCache.get(sourceCode.ast);
  if (cached) return cached;
  const names = new Set<string>();
  for (const { node } of findApiUses(sourceCode, AXIOS_DEFAULTS_APIS)) {
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
      const name = staticPropertyName(parent);
      if (parent.parent.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent)
        names.add(name ?? '*');
      // `axios.defaults.headers.common[...] = …` sets nothing we look at.
    } else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) {
      names.add('*');
    } else if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node) {
      names.add('*');
    }
  }
  defaultsCache.set(sourceCode.ast, names);
  return names;
}
