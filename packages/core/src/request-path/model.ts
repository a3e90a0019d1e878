import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import path from 'node:path';
import picomatch from 'picomatch';
import {
  calledMethodName,
  childNodes,
  enclosingFunction,
  isFunctionNode,
  skipTsWrappers,
  staticPropertyName,
  staticString,
  type FunctionNode,
} from '../ast.js';
import type { ApiEntry } from '../catalogue/types.js';
import { instanceReceivers } from '../instances.js';
import { findApiUses } from '../tracker.js';
import {
  GRAPHQL_ROOT_TYPES,
  HTTP_VERBS,
  INVOKING_METHODS,
  NEST_LIFECYCLE_METHODS,
  NEST_PROVIDER_DECORATORS,
  NEST_ROUTE_DECORATORS,
  REGISTRATIONS,
  STARTUP_EVENTS,
  STARTUP_HOOKS,
  TIMER_FUNCTIONS,
  type MethodRole,
  type RegistrationEntry,
} from './frameworks.js';
import { DEFAULT_STARTUP_FILES, DEFAULT_TEST_FILES, readSettings, type BackendPerfSettings } from './settings.js';

type Variable = TSESLint.Scope.Variable;

/** When a function runs: per request (or per message, event, timer tick), once at start-up, or unknown. */
export type ExecutionContext = 'request' | 'startup' | 'unknown';

export type HandlerKind = 'route' | 'server' | 'resolver' | 'controller' | 'consumer' | 'timer' | 'listener' | 'hook';

/** A function that the framework calls per request. */
export interface Handler {
  readonly node: FunctionNode;
  readonly kind: HandlerKind;
  /** A short description for messages, such as "Express route handler `GET /users`". */
  readonly description: string;
  /**
   * The framework that registered the handler (`Express`, `Koa`, `Fastify`, `http`, ...), when the registration was
   * traced to its import; `undefined` for handlers recognised by shape alone (`router.get('/x', fn)` on an untracked
   * router).
   */
  readonly framework?: string;
  /** For GraphQL resolvers: the type and field, and whether the type is a root operation type. */
  readonly graphql?: { readonly typeName: string; readonly fieldName: string; readonly root: boolean };
}

export interface FunctionContext {
  readonly context: ExecutionContext;
  /** Why, in words: "Express route handler `GET /users`", "called from ...", "module top level". */
  readonly reason: string;
  /** The handler whose request path includes the function. */
  readonly handler?: Handler;
}

export interface RequestPathModel {
  /** Whether the whole file is start-up code (a CLI script with a shebang, or a configured start-up file). */
  readonly startupFile: boolean;
  readonly handlers: readonly Handler[];
  /** The context of a function. */
  contextOfFunction(fn: FunctionNode): FunctionContext;
  /** The context of the code at `node`: its innermost enclosing function's, or start-up at module level. */
  contextOf(node: TSESTree.Node): FunctionContext;
}

/** What the model needs of an ESLint rule context. */
export interface ModelInput {
  readonly sourceCode: TSESLint.SourceCode;
  readonly filename: string;
  readonly cwd: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

const TOP_LEVEL: FunctionContext = { context: 'startup', reason: 'module top level' };
const UNKNOWN: FunctionContext = { context: 'unknown', reason: 'not reached from a handler or from start-up code' };

type Caller = FunctionNode | null;

interface Root {
  readonly context: 'request' | 'startup';
  readonly reason: string;
  readonly handler?: Handler;
}

const MAX_RESOLVE_DEPTH = 4;

const nestEntries: ApiEntry[] = [
  ...Object.entries(NEST_ROUTE_DECORATORS).flatMap(([module, names]) =>
    names.map((name) => decoratorEntry(module, name, 'nest-route')),
  ),
  ...Object.entries(NEST_PROVIDER_DECORATORS).flatMap(([module, names]) =>
    names.map((name) => decoratorEntry(module, name, 'nest-provider')),
  ),
];

function decoratorEntry(module: string, name: string, tag: string): ApiEntry {
  return {
    id: `${module}.${name}`,
    modules: [module],
    path: [name],
    usage: 'call',
    category: 'event-loop',
    tags: [tag],
  };
}

const graphqlEntries: ApiEntry[] = [
  {
    id: 'graphql.GraphQLObjectType',
    modules: ['graphql'],
    path: ['GraphQLObjectType'],
    usage: 'construct',
    category: 'n-plus-one',
    tags: ['graphql-type'],
  },
];

// Per handlers setting (see registrationEntries).
const settingsEntryCache = new WeakMap<object, RegistrationEntry[]>();

/**
 * The built-in registrations and those of `settings.handlers`: one list per handlers setting, so that the tracker's
 * caches (per list) hold across files.
 */
function registrationEntries(settings: BackendPerfSettings): readonly RegistrationEntry[] {
  const handlers = settings.handlers ?? [];
  if (handlers.length === 0) return REGISTRATIONS;
  const cached = settingsEntryCache.get(handlers);
  if (cached) return cached;
  const entries: RegistrationEntry[] = [...REGISTRATIONS];
  for (const handler of handlers) {
    const exportPath = handler.export ? handler.export.split('.') : [];
    const base = {
      modules: [handler.module],
      category: 'event-loop' as const,
      tags: ['registration'],
      framework: handler.module,
    };
    if (!handler.methods?.length) {
      for (const usage of ['call', 'construct'] as const) {
        entries.push({
          ...base,
          id: `${handler.module}:${handler.export ?? ''}:${usage}`,
          path: exportPath,
          usage,
          registersArguments: true,
        });
      }
      continue;
    }
    const methods = Object.fromEntries(handler.methods.map((method) => [method, 'handler' as MethodRole]));
    const create = handler.create ?? 'any';
    if (create === 'none') {
      for (const method of handler.methods) {
        entries.push({
          ...base,
          id: `${handler.module}:${handler.export ?? ''}.${method}`,
          path: [...exportPath, method],
          usage: 'call',
          registersArguments: true,
        });
      }
      continue;
    }
    if (create === 'call' || create === 'any') {
      entries.push({
        ...base,
        id: `${handler.module}:${handler.export ?? ''}()`,
        path: exportPath,
        usage: 'call',
        methods,
      });
    }
    if (create === 'new' || create === 'any') {
      entries.push({
        ...base,
        id: `new ${handler.module}:${handler.export ?? ''}`,
        path: exportPath,
        usage: 'construct',
        methods,
      });
    }
  }
  settingsEntryCache.set(handlers, entries);
  return entries;
}

function isRoutePath(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'Literal' && 'regex' in node && node.regex) return true;
  if (node.type === 'ArrayExpression')
    return node.elements.length > 0 && node.elements.every((e) => isRoutePath(e ?? undefined));
  if (node.type === 'TemplateLiteral') return node.quasis[0]?.value.cooked?.startsWith('/') ?? false;
  const value = staticString(node);
  return value !== null && (value.startsWith('/') || value === '*' || value.startsWith('(/'));
}

function describePath(node: TSESTree.Node | undefined): string {
  if (!node) return '';
  const value = staticString(node);
  if (value !== null) return value;
  return '…';
}

/**
 * For a receiver of a verb call, the `.route(path)` call it chains from: `app.route('/a')` itself, or through
 * earlier verb calls of the same chain (`app.route('/a').get(f)` is the receiver of `.put(g)`).
 */
function routeCallOf(receiver: TSESTree.Node): TSESTree.CallExpression | null {
  let current = skipTsWrappers(receiver);
  for (let depth = 0; depth < 32 && current.type === 'CallExpression'; depth += 1) {
    const name = calledMethodName(current);
    if (name === 'route') return current.arguments.length > 0 && isRoutePath(current.arguments[0]) ? current : null;
    if (name === null || !(HTTP_VERBS as readonly string[]).includes(name)) return null;
    const callee = skipTsWrappers(current.callee);
    if (callee.type !== 'MemberExpression') return null;
    current = skipTsWrappers(callee.object);
  }
  return null;
}

class ModelBuilder {
  private readonly roots = new Map<FunctionNode, Root>();
  private readonly handlers: Handler[] = [];
  /** Calls and synchronous callbacks: context flows both for request and start-up. */
  private readonly invokeCallers = new Map<FunctionNode, Set<Caller>>();
  /** Callbacks of other calls and nested functions: only the request context flows. */
  private readonly requestEdges = new Map<Caller, Set<FunctionNode>>();
  private readonly invokeEdges = new Map<Caller, Set<FunctionNode>>();
  private readonly functions: FunctionNode[] = [];
  private readonly receivers = new Map<TSESTree.Node, RegistrationEntry>();
  private readonly registeringCalls = new Map<TSESTree.Node, RegistrationEntry>();
  private readonly nestDecorators = new Map<TSESTree.Node, ApiEntry>();
  private readonly graphqlTypes = new Set<TSESTree.Node>();
  private readonly handledResolverMaps = new Set<TSESTree.Node>();

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly settings: BackendPerfSettings,
  ) {}

  build(): { roots: Map<FunctionNode, Root>; handlers: Handler[]; contexts: Map<FunctionNode, FunctionContext> } {
    this.collectTrackedApis();
    this.walk(this.sourceCode.ast, null);
    return { roots: this.roots, handlers: this.handlers, contexts: this.propagate() };
  }

  // ---- tracked APIs -------------------------------------------------------------------------------------------

  private collectTrackedApis(): void {
    for (const { node, entry } of findApiUses(this.sourceCode, registrationEntries(this.settings))) {
      if (entry.registersArguments) this.registeringCalls.set(node, entry);
      // Class fields stay with the name-based route heuristic (`this.router.get(...)`), which labels them by method only.
      if (entry.methods)
        for (const receiver of instanceReceivers(this.sourceCode, node, { fields: false }))
          this.receivers.set(receiver, entry);
    }
    for (const { node, entry } of findApiUses(this.sourceCode, nestEntries)) this.nestDecorators.set(node, entry);
    for (const { node } of findApiUses(this.sourceCode, graphqlEntries)) this.graphqlTypes.add(node);
  }

  // ---- walking ------------------------------------------------------------------------------------------------

  private walk(node: TSESTree.Node, current: Caller): void {
    let inner = current;
    if (isFunctionNode(node)) {
      this.functions.push(node);
      if (current) this.addEdge(this.requestEdges, current, node);
      inner = node;
    }
    switch (node.type) {
      case 'CallExpression':
      case 'NewExpression':
        this.visitCall(node, current);
        break;
      case 'ObjectExpression':
        this.visitObject(node);
        break;
      case 'ClassDeclaration':
      case 'ClassExpression':
        this.visitClass(node);
        break;
      default:
        break;
    }
    for (const child of childNodes(node, this.sourceCode.visitorKeys)) this.walk(child, inner);
  }

  private addEdge(map: Map<Caller, Set<FunctionNode>>, from: Caller, to: FunctionNode): void {
    let set = map.get(from);
    if (!set) map.set(from, (set = new Set()));
    set.add(to);
  }

  private addInvoke(from: Caller, to: FunctionNode): void {
    this.addEdge(this.invokeEdges, from, to);
    let callers = this.invokeCallers.get(to);
    if (!callers) this.invokeCallers.set(to, (callers = new Set()));
    callers.add(from);
  }

  private addRoot(fn: FunctionNode, root: Root): void {
    const existing = this.roots.get(fn);
    if (existing && (existing.context === 'request' || root.context === 'startup')) return;
    this.roots.set(fn, root);
    if (root.handler) this.handlers.push(root.handler);
  }

  private addHandlers(
    args: readonly TSESTree.Node[],
    kind: HandlerKind,
    description: string,
    framework?: string,
  ): void {
    for (const arg of args) {
      for (const fn of this.resolveFunctions(arg, 0)) {
        const handler: Handler = { node: fn, kind, description, ...(framework ? { framework } : {}) };
        this.addRoot(fn, { context: 'request', reason: description, handler });
      }
    }
  }

  private addStartup(args: readonly TSESTree.Node[], reason: string): void {
    for (const arg of args)
      for (const fn of this.resolveFunctions(arg, 0)) this.addRoot(fn, { context: 'startup', reason });
  }

  // ---- calls --------------------------------------------------------------------------------------------------

  private visitCall(call: TSESTree.CallExpression | TSESTree.NewExpression, current: Caller): void {
    for (const target of this.resolveFunctions(call.callee, 0, true)) this.addInvoke(current, target);

    const args = call.arguments as TSESTree.Node[];
    const method = calledMethodName(call);
    const callee = skipTsWrappers(call.callee);
    const receiver = callee.type === 'MemberExpression' ? skipTsWrappers(callee.object) : null;

    const registering = this.registeringCalls.get(call);
    if (registering) {
      const kind: HandlerKind =
        registering.framework === 'http' ? 'server' : registering.framework === 'BullMQ' ? 'consumer' : 'route';
      this.addHandlers(
        args,
        kind,
        `${registering.framework} ${kind === 'server' ? 'request listener' : kind === 'consumer' ? 'job processor' : 'handler'}`,
        registering.framework,
      );
      return;
    }

    const tracked = receiver ? this.trackedReceiver(receiver) : undefined;
    const trackedRole = tracked && method ? tracked.methods?.[method] : undefined;
    if (tracked && trackedRole && method) {
      this.applyRole(trackedRole, method, args, tracked.framework, receiver);
      return;
    }

    if (method && receiver) {
      const structural = this.structuralRole(call, method, receiver, args);
      if (structural) {
        this.applyRole(structural, method, args, undefined, receiver);
        return;
      }
    }

    if (this.isTimerCall(call, callee)) {
      const name = callee.type === 'Identifier' ? callee.name : 'process.nextTick';
      this.addHandlers(args, 'timer', `\`${name}\` callback`);
      return;
    }

    // Callbacks that run during the call: array iteration, promise reactions, Promise executors.
    const invokes =
      (method !== null && INVOKING_METHODS.has(method)) ||
      (call.type === 'NewExpression' && callee.type === 'Identifier' && callee.name === 'Promise');
    for (const arg of args) {
      for (const fn of this.resolveFunctions(arg, 0)) {
        if (invokes) this.addInvoke(current, fn);
        else if (current) this.addEdge(this.requestEdges, current, fn);
      }
    }
  }

  private isTimerCall(call: TSESTree.CallExpression | TSESTree.NewExpression, callee: TSESTree.Node): boolean {
    if (call.type !== 'CallExpression') return false;
    if (callee.type === 'Identifier' && TIMER_FUNCTIONS.has(callee.name)) {
      const variable = findVariable(this.sourceCode.getScope(callee) as never, callee) as Variable | null;
      if (!variable || variable.defs.length === 0) return true;
      const def = variable.defs[0];
      return (
        def?.type === 'ImportBinding' &&
        /^(node:)?timers$/u.test(String((def.parent as TSESTree.ImportDeclaration).source.value))
      );
    }
    if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'nextTick') {
      const object = skipTsWrappers(callee.object);
      return object.type === 'Identifier' && object.name === 'process';
    }
    return false;
  }

  /**
   * The registration whose instance a receiver is: the instance itself, or a chain of its registration calls that
   * return the instance or a route (`router.route('/a').get(f).put(g)`, `router.get('/a', f).post('/b', g)`).
   */
  private trackedReceiver(receiver: TSESTree.Node): RegistrationEntry | undefined {
    let current: TSESTree.Node = skipTsWrappers(receiver);
    for (let depth = 0; depth < 32; depth += 1) {
      const direct = this.receivers.get(current);
      if (direct) return direct;
      if (current.type !== 'CallExpression') return undefined;
      const callee = skipTsWrappers(current.callee);
      const name = calledMethodName(current);
      if (callee.type !== 'MemberExpression' || name === null) return undefined;
      if (name !== 'route' && !(HTTP_VERBS as readonly string[]).includes(name) && name !== 'use') return undefined;
      current = skipTsWrappers(callee.object);
    }
    return undefined;
  }

  /** A route path argument, or the value of the `const` it names (`const USERS = '/users'`). */
  private routePathValue(node: TSESTree.Node | undefined): TSESTree.Node | undefined {
    if (!node) return undefined;
    const value = node.type === 'Identifier' ? this.resolveValue(node) : skipTsWrappers(node);
    return value ?? node;
  }

  /** Registrations recognised by their shape alone: a route path followed by handlers, `.route(path).get(fn)`. */
  private structuralRole(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    method: string,
    receiver: TSESTree.Node,
    args: readonly TSESTree.Node[],
  ): MethodRole | null {
    if (call.type !== 'CallExpression') return null;
    const hasFunctionArg = args.some((arg) => this.resolveFunctions(arg, 0).length > 0);
    if (
      ((HTTP_VERBS as readonly string[]).includes(method) || method === 'use') &&
      args.length > 1 &&
      isRoutePath(this.routePathValue(args[0]))
    ) {
      return 'handler';
    }
    const routeCall = routeCallOf(receiver);
    if ((HTTP_VERBS as readonly string[]).includes(method) && routeCall && isRoutePath(routeCall.arguments[0])) {
      return 'handler';
    }
    if (method === 'route' && args.some((arg) => this.routeObjects(arg).length > 0)) return 'route-object';
    if (
      ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'].includes(method) &&
      staticString(args[0]) !== null &&
      hasFunctionArg
    ) {
      return 'emitter';
    }
    if (method === 'listen' && hasFunctionArg) return 'startup';
    if (method === 'run' && args[0]?.type === 'ObjectExpression') return 'route-object';
    return null;
  }

  private applyRole(
    role: MethodRole,
    method: string,
    args: readonly TSESTree.Node[],
    framework: string | undefined,
    receiver: TSESTree.Node | null,
  ): void {
    const prefix = framework ? `${framework} ` : '';
    switch (role) {
      case 'handler': {
        const pathValue = this.routePathValue(args[0]);
        // A verb's first argument that is no function of this file is its path, even when its value is not static
        // (`app.get(routes.users, handler)`).
        const opaquePath =
          method !== 'use' &&
          args.length > 1 &&
          (args[0]?.type === 'Identifier' ||
            args[0]?.type === 'MemberExpression' ||
            args[0]?.type === 'TemplateLiteral') &&
          this.resolveFunctions(args[0], 0).length === 0;
        const hasPath = isRoutePath(pathValue) || opaquePath;
        const routeCall = receiver ? routeCallOf(receiver) : null;
        const chainedPath = routeCall ? describePath(routeCall.arguments[0]) : null;
        const routePath = hasPath ? describePath(pathValue ?? undefined) : chainedPath;
        const description =
          method === 'use'
            ? `${prefix}middleware${routePath ? ` \`${routePath}\`` : ''}`
            : routePath !== null && (HTTP_VERBS as readonly string[]).includes(method)
              ? `${prefix}route handler \`${method === 'del' ? 'DELETE' : method.toUpperCase()} ${routePath}\``
              : `${prefix}\`${method}\` handler${routePath ? ` \`${routePath}\`` : ''}`;
        this.addHandlers(hasPath ? args.slice(1) : args, 'route', description, framework);
        return;
      }
      case 'startup':
        this.addStartup(args, `\`${method}\` callback`);
        return;
      case 'route-object':
        for (const arg of args) {
          for (const route of this.routeObjects(arg)) this.visitRouteObject(route, prefix);
        }
        return;
      case 'hook': {
        const hook = staticString(args[0]);
        if (hook !== null && STARTUP_HOOKS.has(hook)) this.addStartup(args.slice(1), `\`${hook}\` hook`);
        else this.addHandlers(args.slice(hook === null ? 0 : 1), 'hook', `${prefix}\`${hook ?? method}\` hook`);
        return;
      }
      case 'emitter': {
        const event = staticString(args[0]);
        const onProcess = receiver?.type === 'Identifier' && receiver.name === 'process';
        if (event === null) return;
        if (event === 'request') this.addHandlers(args.slice(1), 'server', `\`${event}\` listener`, framework);
        else if (onProcess || STARTUP_EVENTS.has(event)) this.addStartup(args.slice(1), `\`${event}\` listener`);
        else this.addHandlers(args.slice(1), 'listener', `\`${event}\` listener`);
        return;
      }
    }
  }

  /** Object literals that define routes (`{ method, path, handler }`) or consumers (`{ eachMessage }`). */
  private routeObjects(arg: TSESTree.Node): TSESTree.ObjectExpression[] {
    const node = this.resolveValue(arg);
    if (!node) return [];
    if (node.type === 'ArrayExpression')
      return node.elements.flatMap((element) => (element ? this.routeObjects(element) : []));
    if (node.type !== 'ObjectExpression') return [];
    const keys = new Set(node.properties.flatMap((p) => (p.type === 'Property' ? [staticPropertyName(p)] : [])));
    return keys.has('handler') || keys.has('eachMessage') || keys.has('eachBatch') ? [node] : [];
  }

  private visitRouteObject(route: TSESTree.ObjectExpression, prefix: string): void {
    let method = '';
    let routePath = '';
    for (const property of route.properties) {
      if (property.type !== 'Property') continue;
      const key = staticPropertyName(property);
      if (key === 'method')
        method = staticString(property.value)?.toUpperCase() ?? (property.value.type === 'ArrayExpression' ? '*' : '');
      if (key === 'path' || key === 'url') routePath = staticString(property.value) ?? '…';
    }
    const what = routePath ? `route handler \`${method ? `${method} ` : ''}${routePath}\`` : 'handler';
    for (const property of route.properties) {
      if (property.type !== 'Property') continue;
      const key = staticPropertyName(property);
      if (key === 'handler')
        this.addHandlers([property.value], 'route', `${prefix}${what}`, prefix.trim() || undefined);
      else if (key === 'eachMessage' || key === 'eachBatch')
        this.addHandlers([property.value], 'consumer', `\`${key}\` consumer`);
      else if (
        key &&
        /^(onRequest|preParsing|preValidation|preHandler|preSerialization|onSend|onResponse|onError|onTimeout)$/u.test(
          key,
        )
      ) {
        this.addHandlers([property.value], 'hook', `${prefix}\`${key}\` hook`);
      }
    }
  }

  // ---- objects: GraphQL resolver maps and GraphQLObjectType ------------------------------------------------------

  private visitObject(node: TSESTree.ObjectExpression): void {
    if (this.handledResolverMaps.has(node)) return;
    if (
      node.parent?.type === 'NewExpression' &&
      this.graphqlTypes.has(node.parent) &&
      node.parent.arguments[0] === node
    ) {
      this.visitGraphqlObjectType(node);
      return;
    }
    const rootKeyed = node.properties.some(
      (p) =>
        p.type === 'Property' &&
        GRAPHQL_ROOT_TYPES.has(staticPropertyName(p) ?? '') &&
        this.resolveValue(p.value)?.type === 'ObjectExpression',
    );
    if (!rootKeyed) return;
    this.handledResolverMaps.add(node);
    for (const property of node.properties) {
      if (property.type !== 'Property') continue;
      const typeName = staticPropertyName(property);
      const fields = this.resolveValue(property.value);
      if (!typeName || fields?.type !== 'ObjectExpression') continue;
      this.handledResolverMaps.add(fields);
      for (const field of fields.properties) {
        if (field.type !== 'Property') continue;
        const fieldName = staticPropertyName(field);
        if (!fieldName) continue;
        const value = this.resolveValue(field.value);
        const targets: TSESTree.Node[] = [];
        if (value?.type === 'ObjectExpression') {
          for (const inner of value.properties) {
            if (inner.type === 'Property' && ['resolve', 'subscribe'].includes(staticPropertyName(inner) ?? ''))
              targets.push(inner.value);
          }
        } else {
          targets.push(field.value);
        }
        this.addResolvers(targets, typeName, fieldName);
      }
    }
  }

  private visitGraphqlObjectType(config: TSESTree.ObjectExpression): void {
    let typeName = '';
    let fields: TSESTree.Node | null = null;
    for (const property of config.properties) {
      if (property.type !== 'Property') continue;
      const key = staticPropertyName(property);
      if (key === 'name') typeName = staticString(property.value) ?? '';
      if (key === 'fields') fields = property.value;
    }
    if (!fields) return;
    if (isFunctionNode(fields) && fields.body.type !== 'BlockStatement') fields = fields.body;
    if (isFunctionNode(fields) && fields.body.type === 'BlockStatement') {
      const returned = fields.body.body.find((statement) => statement.type === 'ReturnStatement');
      fields = returned?.type === 'ReturnStatement' ? returned.argument : null;
    }
    const object = fields ? this.resolveValue(fields) : null;
    if (object?.type !== 'ObjectExpression') return;
    this.handledResolverMaps.add(object);
    for (const field of object.properties) {
      if (field.type !== 'Property') continue;
      const fieldName = staticPropertyName(field);
      const value = this.resolveValue(field.value);
      if (!fieldName || value?.type !== 'ObjectExpression') continue;
      this.handledResolverMaps.add(value);
      for (const inner of value.properties) {
        if (inner.type === 'Property' && ['resolve', 'subscribe'].includes(staticPropertyName(inner) ?? '')) {
          this.addResolvers([inner.value], typeName || '?', fieldName);
        }
      }
    }
  }

  private addResolvers(targets: readonly TSESTree.Node[], typeName: string, fieldName: string): void {
    const root = GRAPHQL_ROOT_TYPES.has(typeName);
    const description = `GraphQL resolver \`${typeName}.${fieldName}\``;
    for (const target of targets) {
      for (const fn of this.resolveFunctions(target, 0)) {
        const handler: Handler = { node: fn, kind: 'resolver', description, graphql: { typeName, fieldName, root } };
        this.addRoot(fn, { context: 'request', reason: description, handler });
      }
    }
  }

  // ---- classes: NestJS ------------------------------------------------------------------------------------------

  private decoratorEntry(decorator: TSESTree.Decorator): ApiEntry | undefined {
    return this.nestDecorators.get(decorator.expression);
  }

  private visitClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void {
    const classEntries = (node.decorators ?? []).flatMap((d) => {
      const entry = this.decoratorEntry(d);
      return entry ? [entry] : [];
    });
    const isProvider = classEntries.some((entry) => entry.tags.includes('nest-provider'));
    const className = node.id?.name ?? 'anonymous class';
    for (const member of node.body.body) {
      if (member.type !== 'MethodDefinition' || !isFunctionNode(member.value)) continue;
      const name = staticPropertyName(member) ?? '';
      if (isProvider && (member.kind === 'constructor' || NEST_LIFECYCLE_METHODS.has(name))) {
        this.addRoot(member.value, {
          context: 'startup',
          reason: `NestJS ${member.kind === 'constructor' ? 'provider constructor' : `\`${name}\` lifecycle hook`}`,
        });
        continue;
      }
      const decorator = (member.decorators ?? []).find((d) => this.decoratorEntry(d)?.tags.includes('nest-route'));
      const route = decorator ? this.decoratorEntry(decorator) : undefined;
      if (decorator && route) {
        const description = `NestJS handler \`${className}.${name}\` (@${route.path[0]})`;
        const graphql = route.modules.includes('@nestjs/graphql')
          ? this.nestGraphqlField(node, decorator, route, className, name)
          : undefined;
        const handler: Handler = graphql
          ? { node: member.value, kind: 'resolver', description, graphql }
          : { node: member.value, kind: 'controller', description };
        this.addRoot(member.value, { context: 'request', reason: description, handler });
      }
    }
  }

  /**
   * The GraphQL type and field of a NestJS resolver method: `@Query()` and friends are root fields; `@ResolveField()`
   * resolves a field of the class's `@Resolver(() => Post)` type, once per parent object.
   */
  private nestGraphqlField(
    node: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
    decorator: TSESTree.Decorator,
    route: ApiEntry,
    className: string,
    methodName: string,
  ): Handler['graphql'] {
    const kind = route.path[0] ?? '';
    const call = decorator.expression.type === 'CallExpression' ? decorator.expression : null;
    const fieldName = staticString(call?.arguments[0]) ?? methodName;
    if (GRAPHQL_ROOT_TYPES.has(kind)) return { typeName: kind, fieldName, root: true };
    let typeName = className.replace(/Resolver$/u, '') || className;
    for (const classDecorator of node.decorators ?? []) {
      if (
        this.decoratorEntry(classDecorator)?.path[0] !== 'Resolver' ||
        classDecorator.expression.type !== 'CallExpression'
      )
        continue;
      const argument = classDecorator.expression.arguments[0];
      const named = staticString(argument);
      const target =
        argument && isFunctionNode(argument) && argument.body.type !== 'BlockStatement' ? argument.body : argument;
      if (named !== null) typeName = named;
      else if (target?.type === 'Identifier') typeName = target.name;
    }
    return { typeName, fieldName, root: GRAPHQL_ROOT_TYPES.has(typeName) };
  }

  // ---- resolution ------------------------------------------------------------------------------------------------

  /** The value an expression stands for: an identifier's `const` initialiser, or the expression itself. */
  private resolveValue(node: TSESTree.Node): TSESTree.Node | null {
    const expression = skipTsWrappers(node);
    if (expression.type !== 'Identifier') return expression;
    const variable = findVariable(this.sourceCode.getScope(expression) as never, expression) as Variable | null;
    const def = variable?.defs[0];
    if (def?.node.type === 'VariableDeclarator' && def.node.id.type === 'Identifier' && def.node.init) {
      return skipTsWrappers(def.node.init);
    }
    return null;
  }

  /**
   * The functions of this file that an expression stands for: inline functions, identifiers bound to functions,
   * `this.method`, `object.method` of a local object literal or class, `fn.bind(...)`, and wrapper calls
   * (`asyncHandler(fn)`, `makeHandler()` returning a function).
   */
  private resolveFunctions(node: TSESTree.Node, depth: number, asCallee = false): FunctionNode[] {
    if (depth > MAX_RESOLVE_DEPTH) return [];
    const expression = skipTsWrappers(node);
    if (isFunctionNode(expression)) return [expression];
    switch (expression.type) {
      case 'Identifier': {
        const variable = findVariable(this.sourceCode.getScope(expression) as never, expression) as Variable | null;
        const def = variable?.defs[0];
        if (!def) return [];
        // A parameter's definition node is its function too: only a function's own name stands for it.
        if (def.type === 'FunctionName' && def.node.type === 'FunctionDeclaration') return [def.node];
        if (def.node.type === 'VariableDeclarator' && def.node.id.type === 'Identifier' && def.node.init) {
          const init = skipTsWrappers(def.node.init);
          return isFunctionNode(init) || init.type === 'Identifier' || init.type === 'ArrayExpression'
            ? this.resolveFunctions(init, depth + 1)
            : [];
        }
        return [];
      }
      case 'MemberExpression':
        return this.resolveMember(expression, depth);
      case 'ArrayExpression':
        // Express and Koa take arrays of middleware: `app.get('/x', [auth, handler])`.
        return asCallee
          ? []
          : expression.elements.flatMap((element) => (element ? this.resolveFunctions(element, depth + 1) : []));
      case 'SpreadElement':
        return this.resolveFunctions(expression.argument, depth + 1);
      case 'CallExpression': {
        if (asCallee) return [];
        const callee = skipTsWrappers(expression.callee);
        if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'bind') {
          return this.resolveFunctions(callee.object, depth + 1);
        }
        const results: FunctionNode[] = [];
        for (const arg of expression.arguments) results.push(...this.resolveFunctions(arg, depth + 1));
        for (const factory of this.resolveFunctions(callee, depth + 1, true))
          results.push(...this.returnedFunctions(factory, depth + 1));
        return results;
      }
      default:
        return [];
    }
  }

  private resolveMember(member: TSESTree.MemberExpression, depth: number): FunctionNode[] {
    const name = staticPropertyName(member);
    if (!name) return [];
    const object = skipTsWrappers(member.object);
    if (object.type === 'ThisExpression') {
      let current: TSESTree.Node | undefined = member.parent;
      while (current && current.type !== 'ClassBody') current = current.parent;
      return current ? this.classMember(current, name, depth) : [];
    }
    if (object.type !== 'Identifier') return [];
    const variable = findVariable(this.sourceCode.getScope(object) as never, object) as Variable | null;
    const def = variable?.defs[0];
    if (!def) return [];
    if (def.node.type === 'ClassDeclaration') return this.classMember(def.node.body, name, depth);
    if (def.node.type !== 'VariableDeclarator' || !def.node.init) return [];
    const init = skipTsWrappers(def.node.init);
    if (init.type === 'ObjectExpression') {
      for (const property of init.properties) {
        if (property.type === 'Property' && staticPropertyName(property) === name)
          return this.resolveFunctions(property.value, depth + 1);
      }
      return [];
    }
    if (init.type === 'NewExpression' && init.callee.type === 'Identifier') {
      const classVariable = findVariable(
        this.sourceCode.getScope(init.callee) as never,
        init.callee,
      ) as Variable | null;
      const classDef = classVariable?.defs[0];
      if (classDef?.node.type === 'ClassDeclaration') return this.classMember(classDef.node.body, name, depth);
    }
    return [];
  }

  private classMember(body: TSESTree.ClassBody, name: string, depth: number): FunctionNode[] {
    for (const member of body.body) {
      if (
        (member.type === 'MethodDefinition' || member.type === 'PropertyDefinition') &&
        staticPropertyName(member) === name &&
        member.value
      ) {
        return this.resolveFunctions(member.value, depth + 1);
      }
    }
    return [];
  }

  /** Functions returned directly by a factory function. */
  private returnedFunctions(factory: FunctionNode, depth: number): FunctionNode[] {
    if (factory.body.type !== 'BlockStatement') return this.resolveFunctions(factory.body, depth);
    const results: FunctionNode[] = [];
    const visit = (statement: TSESTree.Node): void => {
      if (isFunctionNode(statement)) return;
      if (statement.type === 'ReturnStatement' && statement.argument) {
        results.push(...this.resolveFunctions(statement.argument, depth));
        return;
      }
      for (const child of childNodes(statement, this.sourceCode.visitorKeys)) visit(child);
    };
    visit(factory.body);
    return results;
  }

  // ---- propagation -----------------------------------------------------------------------------------------------

  private propagate(): Map<FunctionNode, FunctionContext> {
    const contexts = new Map<FunctionNode, FunctionContext>();
    // Request path: from every request root, along calls, callbacks and nesting.
    const queue: FunctionNode[] = [];
    for (const [fn, root] of this.roots) {
      if (root.context === 'request') {
        contexts.set(fn, {
          context: 'request',
          reason: root.reason,
          ...(root.handler ? { handler: root.handler } : {}),
        });
        queue.push(fn);
      }
    }
    while (queue.length > 0) {
      const fn = queue.shift() as FunctionNode;
      const from = contexts.get(fn) as FunctionContext;
      const base = from.reason.startsWith('called from ') ? from.reason : `called from ${from.reason}`;
      for (const edges of [this.invokeEdges, this.requestEdges]) {
        for (const next of edges.get(fn) ?? []) {
          if (contexts.has(next) || this.roots.get(next)?.context === 'startup') continue;
          contexts.set(next, { context: 'request', reason: base, ...(from.handler ? { handler: from.handler } : {}) });
          queue.push(next);
        }
      }
    }
    // Start-up: roots, and functions whose every caller is start-up code.
    for (const [fn, root] of this.roots) {
      if (root.context === 'startup' && !contexts.has(fn))
        contexts.set(fn, { context: 'startup', reason: root.reason });
    }
    let changed = true;
    while (changed) {
      changed = false;
      for (const fn of this.functions) {
        if (contexts.has(fn)) continue;
        const callers = this.invokeCallers.get(fn);
        if (!callers || callers.size === 0) continue;
        const allStartup = [...callers].every(
          (caller) => caller === null || contexts.get(caller)?.context === 'startup',
        );
        if (allStartup) {
          contexts.set(fn, { context: 'startup', reason: 'only called from start-up code' });
          changed = true;
        }
      }
    }
    return contexts;
  }
}

const modelCache = new WeakMap<TSESTree.Program, { key: string; model: RequestPathModel }>();

/** Whether the linted file matches one of the globs (relative to the working directory, or absolute outside it). */
function fileMatches(input: Pick<ModelInput, 'filename' | 'cwd'>, globs: readonly string[]): boolean {
  if (!input.filename || input.filename.startsWith('<') || globs.length === 0) return false;
  const relative = path.relative(input.cwd, input.filename).split(path.sep).join('/');
  if (relative.startsWith('../')) return picomatch([...globs], { dot: true })(input.filename.split(path.sep).join('/'));
  return picomatch([...globs], { dot: true })(relative);
}

function isStartupFile(input: ModelInput, settings: BackendPerfSettings): boolean {
  if (input.sourceCode.text.startsWith('#!')) return true;
  return fileMatches(input, [
    ...(settings.defaultStartupFiles === false ? [] : DEFAULT_STARTUP_FILES),
    ...(settings.startupFiles ?? []),
  ]);
}

/**
 * Whether the file is a test or a benchmark (`DEFAULT_TEST_FILES` plus `settings['backend-perf'].testFiles`, and
 * `extraGlobs`). Narrower than start-up files: a migration or a CLI script is start-up code but not a test.
 */
export function isTestFile(
  input: Pick<ModelInput, 'filename' | 'cwd' | 'settings'>,
  extraGlobs: readonly string[] = [],
): boolean {
  const settings = readSettings(input.settings);
  return fileMatches(input, [...DEFAULT_TEST_FILES, ...(settings.testFiles ?? []), ...extraGlobs]);
}

/**
 * Builds (once per file) the model of which functions run per request, which run once at start-up, and which are
 * of unknown context. See DESIGN.md, "Context decides".
 */
export function getRequestPathModel(input: ModelInput): RequestPathModel {
  const settings = readSettings(input.settings);
  const key = `${input.filename}\u0000${JSON.stringify(settings)}`;
  const cached = modelCache.get(input.sourceCode.ast);
  if (cached?.key === key) return cached.model;

  const startupFile = isStartupFile(input, settings);
  const { handlers, contexts } = new ModelBuilder(input.sourceCode, settings).build();
  const startupContext: FunctionContext = {
    context: 'startup',
    reason: input.sourceCode.text.startsWith('#!') ? 'a command-line script' : 'a start-up file',
  };
  const contextOfFunction = (fn: FunctionNode): FunctionContext =>
    startupFile ? startupContext : (contexts.get(fn) ?? UNKNOWN);
  const model: RequestPathModel = {
    startupFile,
    handlers,
    contextOfFunction,
    contextOf(node) {
      const fn = isFunctionNode(node) ? node : enclosingFunction(node);
      if (startupFile) return startupContext;
      return fn ? contextOfFunction(fn) : TOP_LEVEL;
    },
  };
  modelCache.set(input.sourceCode.ast, { key, model });
  return model;
}
