import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { calledMethodName, staticPropertyName } from '../ast.js';
import {
  AXIOS_DEFAULTS_APIS,
  axiosConfigArgument,
  GOT_METHODS,
  HTTP_APIS,
  type HttpApiEntry,
} from '../catalogue/http.js';
import { findApiUses } from '../tracker.js';
import { instanceReceivers } from '../instances.js';
import { optionsArgument, type OptionsObject } from './options.js';

/**
 * An outbound HTTP site: the catalogue kinds, plus requests through an instance made by `axios.create` or
 * `got.extend` of this file (`axios-instance-call`, `got-instance-call`), whose `instance` is the creating site.
 */
export type HttpSiteKind = HttpApiEntry['kind'] | 'axios-instance-call' | 'got-instance-call';

export interface HttpSite {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly kind: HttpSiteKind;
  /** The catalogue entry; for instance calls, the entry of the creating call. */
  readonly entry: HttpApiEntry;
  readonly options: OptionsObject;
  /** For instance calls: the `axios.create`/`got.extend` site whose defaults apply. */
  readonly instance?: HttpSite;
}

const cache = new WeakMap<TSESTree.Program, HttpSite[]>();

/**
 * Every outbound HTTP site of a file: agents, `http(s).request`/`get`, axios (default instance, `create`, and calls of
 * instances created in this file), got (and `extend`ed instances), fetch (global, undici, node-fetch) and
 * `undici.request`. Cached per AST. The rules `require-keep-alive` and `require-http-timeout` both read it.
 */
export function findHttpSites(sourceCode: TSESLint.SourceCode): HttpSite[] {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const sites: HttpSite[] = [];
  for (const { node, entry } of findApiUses(sourceCode, HTTP_APIS)) {
    if (node.type !== 'CallExpression' && node.type !== 'NewExpression') continue;
    const site: HttpSite = {
      node,
      kind: entry.kind,
      entry,
      options: optionsArgument(sourceCode, node, entry.optionsArgument),
    };
    sites.push(site);
    if (entry.kind === 'axios-create' || entry.kind === 'got-extend') sites.push(...instanceCalls(sourceCode, site));
  }
  sites.sort((a, b) => a.node.range[0] - b.node.range[0]);
  cache.set(sourceCode.ast, sites);
  return sites;
}

function instanceCalls(sourceCode: TSESLint.SourceCode, creation: HttpSite): HttpSite[] {
  const sites: HttpSite[] = [];
  const axios = creation.kind === 'axios-create';
  for (const receiver of instanceReceivers(sourceCode, creation.node)) {
    const parent = receiver.parent;
    // `instance(config)` / `instance(url, config)`: both libraries' instances are callable.
    if (parent?.type === 'CallExpression' && parent.callee === receiver) {
      sites.push({
        node: parent,
        kind: axios ? 'axios-instance-call' : 'got-instance-call',
        entry: creation.entry,
        options: optionsArgument(sourceCode, parent, 'url-or-options'),
        instance: creation,
      });
      continue;
    }
    if (parent?.type !== 'MemberExpression' || parent.object !== receiver) continue;
    const call = parent.parent;
    if (call?.type !== 'CallExpression' || call.callee !== parent) continue;
    const method = calledMethodName(call);
    if (axios) {
      const index = method === 'getUri' ? null : axiosConfigArgument(method);
      if (index === null) continue;
      sites.push({
        node: call,
        kind: 'axios-instance-call',
        entry: creation.entry,
        options: optionsArgument(sourceCode, call, index),
        instance: creation,
      });
    } else if (method !== null && (GOT_METHODS as readonly string[]).includes(method)) {
      sites.push({
        node: call,
        kind: 'got-instance-call',
        entry: creation.entry,
        options: optionsArgument(sourceCode, call, 'url-or-options'),
        instance: creation,
      });
    }
  }
  return sites;
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
    if (parent?.type === 'MemberExpression' && parent.object === node) {
      const name = staticPropertyName(parent);
      if (parent.parent?.type === 'AssignmentExpression' && parent.parent.left === parent) names.add(name ?? '*');
      // `axios.defaults.headers.common[...] = …` sets nothing we look at.
    } else if (parent?.type === 'AssignmentExpression' && parent.left === node) {
      names.add('*');
    } else if (parent?.type === 'CallExpression' && parent.arguments[0] === node) {
      names.add('*');
    }
  }
  defaultsCache.set(sourceCode.ast, names);
  return names;
}
