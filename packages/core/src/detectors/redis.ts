import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { skipTsWrappers, staticPropertyName } from '../ast.js';
import {
  REDIS_CLIENTS,
  REDIS_METHODS,
  type RedisClientEntry,
  type RedisClientKind,
  type RedisMethod,
} from '../catalogue/redis.js';
import { findInstanceReferences } from '../instances.js';
import { findApiUses } from '../tracker.js';
import { readSettings, type RedisClientSetting } from '../request-path/settings.js';
import type { ValueShape } from '../catalogue/data-access.js';
import { getPackageVersion } from '../package-version.js';
import { detectDataAccessCalls } from './data-access.js';
import { projectDataSeeds } from './project-data.js';

/** A call of a catalogued method on a Redis client instance. */
export interface RedisCommandCall {
  readonly call: TSESTree.CallExpression;
  /** The expression the method is called on (`redis`, `this.cache`, `createClient()`). */
  readonly receiver: TSESTree.Expression;
  readonly method: RedisMethod;
  /** The construction of the client (for a client imported from a configured module, the call itself). */
  readonly client: RedisClientEntry;
  readonly construction: TSESTree.Node;
}

const cache = new WeakMap<TSESTree.Program, { key: string; calls: RedisCommandCall[] }>();

interface ConfiguredMethodEntry extends RedisClientEntry {
  readonly method: RedisMethod;
}

/** Method calls on clients that `settings['backend-perf'].redisClients` says a module exports, cached per setting. */
const configuredCache = new WeakMap<object, ConfiguredMethodEntry[]>();

function configuredEntries(clients: readonly RedisClientSetting[]): ConfiguredMethodEntry[] {
  const cached = configuredCache.get(clients);
  if (cached) return cached;
  const entries = clients.flatMap((setting) => {
    const exportPath = setting.export ? setting.export.split('.') : [];
    return REDIS_METHODS.filter((method) => method.clients.includes(setting.client)).map(
      (method): ConfiguredMethodEntry => ({
        id: `${setting.module}${setting.export ? `.${setting.export}` : ''}.${method.name}`,
        modules: [setting.module],
        path: [...exportPath, method.name],
        usage: 'call',
        category: 'caching',
        tags: ['redis-command'],
        client: setting.client,
        cluster: false,
        chainMethods: [],
        method,
      }),
    );
  });
  configuredCache.set(clients, entries);
  return entries;
}

/**
 * Every call of a catalogued Redis method (`keys`, `set`, `hset`, `expire`, `scanStream`, ...) on an ioredis or
 * node-redis client created in this file, followed through variables and class fields, imported from a module
 * that `settings['backend-perf'].redisClients` names, or (with `project`, the file's name and ESLint's working
 * directory) created anywhere in the project and reaching this file through the project graph. Methods of the same
 * name on
 * other objects (`Object.keys`, `map.set`) are not Redis commands and are never returned.
 */
export function findRedisCommands(
  sourceCode: TSESLint.SourceCode,
  settings: Readonly<Record<string, unknown>> = {},
  project?: { readonly filename: string; readonly cwd: string },
): RedisCommandCall[] {
  const configured = readSettings(settings).redisClients ?? [];
  const key = `${JSON.stringify(configured)}\u0000${project ? `${project.filename}\u0000${project.cwd}` : ''}`;
  const cached = cache.get(sourceCode.ast);
  if (cached?.key === key) return cached.calls;
  const uses = findApiUses(sourceCode, REDIS_CLIENTS);
  const calls: RedisCommandCall[] = [];
  if (uses.length > 0) {
    const references = findInstanceReferences(sourceCode, uses, { chainMethods: (entry) => entry.chainMethods });
    for (const { node, origin } of references) {
      let receiver: TSESTree.Node = node;
      while (
        receiver.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        receiver.parent.type === AST_NODE_TYPES.TSAsExpression
      )
        receiver = receiver.parent;
      const member = receiver.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== receiver) continue;
      const call = member.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || skipTsWrappers(call.callee) !== member) continue;
      const name = staticPropertyName(member);
      const method = REDIS_METHODS.find(
        (candidate) => candidate.name === name && candidate.clients.includes(origin.entry.client),
      );
      if (!method) continue;
      calls.push({ call, receiver: node, method, client: origin.entry, construction: origin.node });
    }
  }
  if (configured.length > 0) {
    for (const { node, entry } of findApiUses(sourceCode, configuredEntries(configured))) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      const callee = skipTsWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || calls.some((known) => known.call === node)) continue;
      calls.push({ call: node, receiver: callee.object, method: entry.method, client: entry, construction: node });
    }
  }
  if (project) {
    for (const found of projectRedisCommands(sourceCode, settings, project)) {
      if (!calls.some((known) => known.call === found.call)) calls.push(found);
    }
  }
  calls.sort((a, b) => a.call.range[0] - b.call.range[0]);
  cache.set(sourceCode.ast, { key, calls });
  return calls;
}

/** Every catalogued Redis method as a data-access operation, to follow clients with the data-access detector. */
const REDIS_COMMANDS: ValueShape = {
  name: 'redis-commands',
  methods: Object.fromEntries(REDIS_METHODS.map((method) => [method.name, { kind: 'query' as const }])),
};

/**
 * Which Redis library the file's project uses, from what it installs or declares (the same lookup as every
 * version-aware rule): `null` when it has both or neither.
 */
function projectClientKind(filename: string): RedisClientKind | null {
  const ioredis = getPackageVersion(filename, 'ioredis') !== null;
  const nodeRedis =
    getPackageVersion(filename, 'redis') !== null || getPackageVersion(filename, '@redis/client') !== null;
  return ioredis === nodeRedis ? null : ioredis ? 'ioredis' : 'node-redis';
}

/**
 * The Redis commands of a file on clients that other modules of the project create (`module.exports = new Redis()`,
 * a client injected into a service, `app.locals.redis`), found through the project graph. The library is the one
 * the project depends on; with both or neither, the one whose client has the method, else ioredis's wording.
 */
function projectRedisCommands(
  sourceCode: TSESLint.SourceCode,
  settings: Readonly<Record<string, unknown>>,
  project: { readonly filename: string; readonly cwd: string },
): RedisCommandCall[] {
  const seeds = projectDataSeeds({ sourceCode, settings, ...project });
  const redisSeeds = (seeds ?? [])
    .filter((seed) => seed.shape.name === 'redis-client')
    .map((seed) => ({ ...seed, shape: REDIS_COMMANDS, library: 'redis' as const }));
  if (redisSeeds.length === 0) return [];
  const kind = projectClientKind(project.filename);
  const found: RedisCommandCall[] = [];
  for (const call of detectDataAccessCalls(sourceCode, [], redisSeeds)) {
    const candidates = REDIS_METHODS.filter((method) => method.name === call.operation);
    const method =
      candidates.find((candidate) => kind !== null && candidate.clients.includes(kind)) ??
      (kind === null ? candidates[0] : undefined);
    const receiver = call.receiver;
    if (!method || !receiver) continue;
    const clientKind = kind ?? (method.clients.includes('ioredis') ? 'ioredis' : 'node-redis');
    const client = REDIS_CLIENTS.find((entry) => entry.client === clientKind && !entry.cluster);
    if (!client) continue;
    found.push({ call: call.node, receiver: receiver as TSESTree.Expression, method, client, construction: call.node });
  }
  return found;
}
