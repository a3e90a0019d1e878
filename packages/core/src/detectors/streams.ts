import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { variableOf } from '../analysis/bindings.js';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { calledMethodName, skipTsWrappers, staticPropertyName, staticString } from '../ast.js';
import { STREAM_COMPLETION_APIS, STREAM_SOURCES, type StreamApiEntry } from '../catalogue/streams.js';
import { frameworkParams } from '../request-path/frameworks/index.js';
import type { Handler, RequestPathModel } from '../request-path/model.js';
import { findApiUses } from '../tracker.js';

/** The request, response and `next` parameters of an HTTP handler, when the framework passes Node streams. */
export interface HandlerParams {
  /** The `IncomingMessage` (a readable stream) or, for Koa, Fastify and Hapi, the object whose `req`/`raw` is one. */
  readonly request?: TSESTree.Identifier;
  /** The `ServerResponse` (a writable stream), when the framework passes it as the second parameter. */
  readonly response?: TSESTree.Identifier;
  /** Express's `next`, which passes an error to the error-handling middleware. */
  readonly next?: TSESTree.Identifier;
  /** Properties of `request` that are Node streams (`req` and `res` of Koa's `ctx`, `raw` of Fastify's request). */
  readonly streamMembers: Readonly<Partial<Record<string, 'readable' | 'writable'>>>;
  /** Properties of the second parameter that are Node streams (`raw` of Fastify's reply). */
  readonly responseMembers: Readonly<Partial<Record<string, 'writable'>>>;
  /** Whether the second parameter is itself a Node `ServerResponse`. */
  readonly responseIsStream: boolean;
}

function identifierParam(handler: Handler, index: number): TSESTree.Identifier | undefined {
  let param: TSESTree.Node | undefined = handler.node?.params[index];
  if (param?.type === AST_NODE_TYPES.AssignmentPattern) param = param.left;
  if (param?.type === AST_NODE_TYPES.TSParameterProperty) return undefined;
  return param?.type === AST_NODE_TYPES.Identifier ? param : undefined;
}

/**
 * What the parameters of an HTTP handler are, from its framework's descriptor (`request-path/frameworks/`): Express
 * and `http` pass `(req, res, next)` with Node streams; Koa passes `ctx` (`ctx.req`, `ctx.res`); Fastify passes
 * `(request, reply)` (`request.raw`, `reply.raw`). Handlers recognised by shape alone (`router.get('/x', fn)` on an
 * untracked router) are read as Express handlers. `null` for handlers of other kinds, of frameworks that pass no
 * Node streams, and for handlers defined in another file (their parameters are not in this file).
 */
export function handlerParams(handler: Handler): HandlerParams | null {
  if (handler.kind !== 'route' && handler.kind !== 'server') return null;
  const shape = frameworkParams(handler.framework);
  if (!shape || !handler.node) return null;
  const request = identifierParam(handler, 0);
  const second = shape.response ? identifierParam(handler, 1) : undefined;
  const next = shape.next && handler.kind === 'route' ? identifierParam(handler, 2) : undefined;
  return {
    ...(request ? { request } : {}),
    ...(second ? { response: second } : {}),
    ...(next ? { next } : {}),
    streamMembers: shape.streamMembers,
    responseMembers: shape.responseMembers,
    responseIsStream: shape.responseIsStream,
  };
}

/** Whether `identifier` refers to the parameter `param` (and not to a shadowing variable). */
export function refersToParam(
  sourceCode: TSESLint.SourceCode,
  identifier: TSESTree.Node,
  param: TSESTree.Identifier | undefined,
): boolean {
  if (!param || identifier.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, identifier);
  return variable?.defs.some((def) => def.name === param) ?? false;
}

/** Where a Node stream comes from. */
export interface StreamOrigin {
  readonly kind: StreamApiEntry['kind'];
  /** `fs.createReadStream()`, `the response of Express route handler …`. */
  readonly source: string;
  /** The handler parameter it is, for request and response objects. */
  readonly handlerParam?: 'request' | 'response';
}

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** For `x.on('error', fn)` (and `once`, ...): the event name; `null` for other calls. */
export function listenerEvent(node: TSESTree.Node): string | null {
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const method = calledMethodName(node);
  if (!method || !LISTENER_METHODS.has(method)) return null;
  return staticString(node.arguments[0]) ?? null;
}

/** `x.pipe(dest[, options])`: a call of a method named `pipe` with one or two arguments. */
export function isPipeCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    calledMethodName(node) === 'pipe' &&
    (node.arguments.length === 1 || node.arguments.length === 2) &&
    node.arguments[0]?.type !== AST_NODE_TYPES.SpreadElement
  );
}

/** Recognises Node streams by provenance: catalogue constructors, handler parameters, and variables bound to them. */
export class StreamProvenance {
  private readonly sources = new Map<TSESTree.Node, StreamApiEntry>();
  private readonly completionArguments = new Set<TSESTree.Node>();

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly model: RequestPathModel,
  ) {
    for (const { node, entry } of findApiUses(sourceCode, STREAM_SOURCES)) this.sources.set(node, entry);
    for (const { node } of findApiUses(sourceCode, STREAM_COMPLETION_APIS)) {
      if (node.type === AST_NODE_TYPES.CallExpression)
        for (const arg of node.arguments) this.completionArguments.add(skipTsWrappers(arg));
    }
  }

  /** Whether the file creates any stream this class would recognise by its constructor. */
  get hasCatalogueStreams(): boolean {
    return this.sources.size > 0;
  }

  /** The origin of the stream an expression evaluates to, or `null` when it is not known to be a Node stream. */
  origin(node: TSESTree.Node, depth = 0): StreamOrigin | null {
    if (depth > 4) return null;
    const expression = skipTsWrappers(node);
    const entry = this.sources.get(expression);
    if (entry) return { kind: entry.kind, source: entry.id };
    if (expression.type === AST_NODE_TYPES.CallExpression) {
      // `x.on('error', fn)` returns `x`; `a.pipe(b)` returns `b`.
      if (listenerEvent(expression) !== null && expression.callee.type === AST_NODE_TYPES.MemberExpression) {
        return this.origin(expression.callee.object, depth + 1);
      }
      if (isPipeCall(expression)) return this.origin(expression.arguments[0], depth + 1);
      return null;
    }
    if (expression.type === AST_NODE_TYPES.MemberExpression) return this.memberOrigin(expression);
    if (expression.type !== AST_NODE_TYPES.Identifier) return null;
    const param = this.handlerParamOf(expression);
    if (param) return param;
    const variable = variableOf(this.sourceCode, expression);
    const def = variable?.defs[0];
    if (
      !variable ||
      variable.defs.length !== 1 ||
      def?.node.type !== AST_NODE_TYPES.VariableDeclarator ||
      def.node.id.type !== AST_NODE_TYPES.Identifier
    ) {
      return null;
    }
    const writes = variable.references.filter((reference) => reference.isWrite() && reference.init !== true);
    if (def.node.init) return writes.length > 0 ? null : this.origin(def.node.init, depth + 1);
    // Declared first and assigned once (`let stream; ...; stream = fs.createReadStream(file)`, and the hoisted
    // `var` of compiled async functions).
    const [only] = writes;
    return writes.length === 1 && only.writeExpr ? this.origin(only.writeExpr, depth + 1) : null;
  }

  private handlerParamOf(identifier: TSESTree.Identifier): StreamOrigin | null {
    const handler = this.model.contextOf(identifier).handler;
    if (!handler) return null;
    const params = handlerParams(handler);
    if (!params) return null;
    if (params.responseIsStream && refersToParam(this.sourceCode, identifier, params.request)) {
      return { kind: 'readable', source: `the request of ${handler.description}`, handlerParam: 'request' };
    }
    if (params.responseIsStream && refersToParam(this.sourceCode, identifier, params.response)) {
      return { kind: 'writable', source: `the response of ${handler.description}`, handlerParam: 'response' };
    }
    return null;
  }

  private memberOrigin(member: TSESTree.MemberExpression): StreamOrigin | null {
    const name = staticPropertyName(member);
    const object = skipTsWrappers(member.object);
    if (!name || object.type !== AST_NODE_TYPES.Identifier) return null;
    const handler = this.model.contextOf(member).handler;
    const params = handler ? handlerParams(handler) : null;
    if (!handler || !params) return null;
    if (refersToParam(this.sourceCode, object, params.request) && params.streamMembers[name]) {
      const kind = params.streamMembers[name];
      return {
        kind,
        source: `\`${object.name}.${name}\` of ${handler.description}`,
        handlerParam: kind === 'writable' ? 'response' : 'request',
      };
    }
    if (refersToParam(this.sourceCode, object, params.response) && params.responseMembers[name]) {
      return {
        kind: 'writable',
        source: `\`${object.name}.${name}\` of ${handler.description}`,
        handlerParam: 'response',
      };
    }
    return null;
  }

  /**
   * Whether errors of the stream an expression stands for are handled: an inline `.on('error', fn)`, an `'error'`
   * listener on the variable it is bound to, or the variable passed to `finished()`/`pipeline()`.
   */
  hasErrorHandling(node: TSESTree.Node): boolean {
    let expression = skipTsWrappers(node);
    while (
      expression.type === AST_NODE_TYPES.CallExpression &&
      listenerEvent(expression) !== null &&
      expression.callee.type === AST_NODE_TYPES.MemberExpression
    ) {
      if (listenerEvent(expression) === 'error') return true;
      expression = skipTsWrappers(expression.callee.object);
    }
    if (this.completionArguments.has(expression)) return true;
    if (expression.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = variableOf(this.sourceCode, expression);
    if (!variable) return false;
    return variable.references.some((reference) => {
      const identifier = reference.identifier as TSESTree.Node;
      if (this.completionArguments.has(identifier)) return true;
      const parent = identifier.parent;
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
      const call = parent.parent;
      return call.type === AST_NODE_TYPES.CallExpression && call.callee === parent && listenerEvent(call) === 'error';
    });
  }
}
