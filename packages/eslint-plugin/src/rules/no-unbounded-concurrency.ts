import {
  ASYNC_APIS,
  CONCURRENCY_MAPPERS,
  entriesWithTag,
  findApiUses,
  enclosingFunction,
  enclosingIterations,
  getRequestPathModel,
  hasHandlerSignature,
  isCompiledAsyncBody,
  isFunctionNode,
  isGlobalReference,
  isInside,
  derivedVariables,
  isLimitedCall,
  localFunction,
  limitsConcurrency,
  promiseStaticMethod,
  readVariables,
  referencesWithin,
  returnedExpression,
  skipTsWrappers,
  staticPropertyName,
  valueNode,
  variableOf,
  visibleListBound,
  visibleLoopBound,
  walk,
  type FunctionNode,
  type Variable,
  type Handler,
  type Iteration,
  type RequestData,
} from '@backend-perf/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [{ maxFixedSize?: number }];
export type MessageId = 'unboundedConcurrency';

/** Where a collection's size comes from, when it is decided by data rather than by the code. */
type SizeSource =
  | { readonly kind: 'request'; readonly text: string; readonly via?: string }
  | { readonly kind: 'fetched'; readonly text: string };

/** The functions whose parameters hold what the request sends, and among them the GraphQL resolver, if any. */
interface Receivers {
  readonly functions: readonly FunctionNode[];
  readonly resolver?: FunctionNode;
}

const COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);
/** The methods that continue a promise chain with callbacks that run once the promise settles. */
const PROMISE_CHAIN = new Set(['then', 'catch', 'finally']);
/**
 * Methods that read a list out of an object by their names (`pad.getAllAuthors()`, `order.listItems()`): called on
 * data loaded at runtime, the list they give is as large as that data makes it.
 */
const LIST_READER = /^(?:get|list|find|fetch|load|all)(?:[A-Z_$]|$)/u;

/**
 * Fan-outs of libraries: combinators that settle an array of promises as `Promise.all` does (Bluebird's `all`,
 * `@medusajs/utils`' `promiseAll`), and mappers that take the items and the per-item function and start every item
 * at once unless given a `concurrency` option (`p-map`, Bluebird's `map`). The `async` library's collection
 * functions are iterations of their own (see `no-n-plus-one`).
 */
const LIBRARY_COMBINATORS = entriesWithTag(ASYNC_APIS, 'promise-combinator');
const LIBRARY_MAPPERS = CONCURRENCY_MAPPERS;

/** How messages name a library's function: `p-map`, `bluebird.map`, `@medusajs/utils.promiseAll`. */
function apiLabel(id: string): string {
  return id.replace(/\.default$/u, '');
}

/** Array methods whose result is as large as (or proportional to) the array they are called on. */
const SIZE_PRESERVING = new Set([
  'filter',
  'map',
  'flatMap',
  'flat',
  'concat',
  'sort',
  'reverse',
  'toSorted',
  'toReversed',
  'slice',
  'values',
  'keys',
  'entries',
]);

export default createRule<Options, MessageId>({
  name: 'no-unbounded-concurrency',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `Promise.all` over request- or data-sized lists without a concurrency limit',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'async',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxFixedSize: {
            type: 'integer',
            minimum: 1,
            description:
              'A list visibly bounded to at most this many items (`.slice(start, end)` with numbers written in ' +
              'the code, a query with `limit`/`take`, a literal array) is a small fixed set and is not ' +
              'reported.',
          },
        },
      },
    ],
    defaultOptions: [{ maxFixedSize: 20 }],
    messages: {
      unboundedConcurrency:
        '`{{api}}` starts one operation per element of `{{collection}}` at once, and its size comes from {{source}}.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const maxFixedSize = options.maxFixedSize ?? 20;

    function shortText(node: TSESTree.Node): string {
      const text = sourceCode.getText(node).replace(/\s+/gu, ' ');
      return text.length > 40 ? `${text.slice(0, 37)}...` : text;
    }

    function isParameterOf(fn: FunctionNode, identifier: TSESTree.Identifier): boolean {
      const variable = variableOf(sourceCode, identifier);
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
      return !!variable && variable.defs.some((def) => def.type === 'Parameter' && def.node === fn);
    }

    /**
     * The values a variable is given: its initialiser, and what plain assignments give it later (`let docs; if (draft)
     * docs = drafts.docs; else docs = found.docs;`). Empty when it is also updated another way (`+=`, a destructuring).
     */
    function valuesOf(identifier: TSESTree.Identifier): TSESTree.Expression[] {
      const variable = variableOf(sourceCode, identifier);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator) return [];
      const init = def.node.init;
      // A name a destructuring declares (`const { rows } = await pool.query(...)`) is read through the whole value.
      if (def.node.id.type !== AST_NODE_TYPES.Identifier) {
        return init && !variable.references.some((r) => r.isWrite() && r.writeExpr !== init) ? [init] : [];
      }
      const values: TSESTree.Expression[] = init ? [init] : [];
      for (const reference of variable.references) {
        if (!reference.isWrite() || reference.writeExpr === init) continue;
        const assignment = reference.identifier.parent;
        if (
          assignment.type !== AST_NODE_TYPES.AssignmentExpression ||
          assignment.operator !== '=' ||
          assignment.left !== reference.identifier
        )
          return [];
        values.push(assignment.right);
      }
      return values;
    }

    /**
     * Where the size of the list `node` comes from: the request (a parameter of one of `handlers`, which hold what
     * the request sends, or of a function its callers feed with it), or data loaded at runtime. `member`: a property of
     * the value is the list; `keys`: the list is the value's keys, values or entries (`Object.entries(args.where)`).
     */
    function sizeSource(
      node: TSESTree.Node,
      handlers: Receivers,
      depth: number,
      member = false,
      keys = false,
    ): SizeSource | null {
      if (depth > 6) return null;
      const expression = skipTsWrappers(node);
      switch (expression.type) {
        case AST_NODE_TYPES.AwaitExpression:
          return { kind: 'fetched', text: shortText(expression) };
        case AST_NODE_TYPES.ChainExpression:
          return sizeSource(expression.expression, handlers, depth + 1, member, keys);
        case AST_NODE_TYPES.MemberExpression:
          return sizeSource(expression.object, handlers, depth + 1, true, keys);
        case AST_NODE_TYPES.Identifier: {
          const receiver = handlers.functions.find((handler) => isParameterOf(handler, expression));
          if (receiver) {
            // The fields of a GraphQL resolver's arguments are those their input types declare: the server rejects
            // any other, so their keys are as many as the schema has (those of its parent, context and info are the
            // server's own).
            if (keys && receiver === handlers.resolver) return null;
            return { kind: 'request', text: expression.name };
          }
          // A parameter that callers in any file feed with what a request sends (`updateTags(req.body.tags)`), itself
          // the list: a property of it (`cartOrId.items`) may belong to what the function loads for an id. The keys of
          // what a resolver's arguments feed are bounded (above): only another handler's request counts for them.
          const fed = member ? null : requestFedParameter(expression, keys ? ['resolver'] : []);
          if (fed) return { kind: 'request', text: expression.name, via: fed.via };
          // Any value the variable may hold that is sized by data makes the list so.
          for (const value of valuesOf(expression)) {
            const source = sizeSource(value, handlers, depth + 1, member, keys);
            if (source) return source;
          }
          // A list filled item by item in a loop is as long as what the loop's count reads makes it.
          for (const [read, overKeys] of fillingReads(expression)) {
            const source = sizeSource(read, handlers, depth + 1, false, keys || overKeys);
            if (source) return source;
          }
          return null;
        }
        case AST_NODE_TYPES.ArrayExpression: {
          const spreads = expression.elements.filter(
            (e): e is TSESTree.SpreadElement => e?.type === AST_NODE_TYPES.SpreadElement,
          );
          for (const spread of spreads) {
            const source = sizeSource(spread.argument, handlers, depth + 1, member, keys);
            if (source) return source;
          }
          return null;
        }
        case AST_NODE_TYPES.NewExpression:
          return expression.arguments[0]
            ? sizeSource(expression.arguments[0], handlers, depth + 1, member, keys)
            : null;
        case AST_NODE_TYPES.CallExpression: {
          const callee = skipTsWrappers(expression.callee);
          // A list that a function of the file builds item by item in a loop whose count its arguments decide
          // (`generateDateRange(req.query.start, req.query.end)`, `pageNumbers(await countPages())`): as long as
          // those arguments make it.
          if (callee.type === AST_NODE_TYPES.Identifier) {
            for (const [index, overKeys] of listBuilder(callee)) {
              const argument = expression.arguments.at(index);
              if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
              const source = sizeSource(argument, handlers, depth + 1, false, overKeys);
              if (source) return { ...source, text: shortText(expression) };
            }
            return null;
          }
          if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
          const method = staticPropertyName(callee);
          const collection = collectionOf(expression);
          if (collection) {
            const list = expression.arguments.at(0);
            return list ? sizeSource(list, handlers, depth + 1, member, keys || collection === 'Object') : null;
          }
          // A list read out of loaded data by a method of its own (`(await getPad(id)).getAllAuthors()`).
          if (method && LIST_READER.test(method) && expression.arguments.length === 0) {
            const source = sizeSource(callee.object, handlers, depth + 1, true, keys);
            return source?.kind === 'fetched' ? source : null;
          }
          if (!method || !SIZE_PRESERVING.has(method)) return null;
          if (method === 'slice' && isSmallSlice(expression)) return null;
          return sizeSource(callee.object, handlers, depth + 1, member, keys);
        }
        default:
          return null;
      }
    }

    /**
     * For a function of this file that returns a list it makes empty and fills in a loop (`const result = []; for
     * (...) result.push(...); return result;`): the positions of the parameters that the loop's count reads, directly
     * or through the function's own variables, each with whether the loop goes over that value's keys (`for...in`,
     * `Object.keys(where)`). Empty for anything else, and for a loop the code visibly bounds (`i < 7`, a literal list,
     * `ids.slice(0, 5)`).
     */
    function listBuilder(callee: TSESTree.Identifier): Map<number, boolean> {
      const sized = new Map<number, boolean>();
      const fn = localFunction(sourceCode, callee);
      if (!fn || !isFunctionNode(fn) || fn.async || fn.generator || fn.body.type !== AST_NODE_TYPES.BlockStatement)
        return sized;
      // Per parameter, the variables of the body whose values come from it (`const endTime = new Date(end)`).
      const derived = new Map<number, Set<Variable>>();
      fn.params.forEach((param, index) => {
        const identifier = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
        const variable = identifier.type === AST_NODE_TYPES.Identifier ? variableOf(sourceCode, identifier) : null;
        if (variable) derived.set(index, derivedVariables(sourceCode, fn.body, [variable]));
      });
      for (const statement of fn.body.body) {
        if (statement.type !== AST_NODE_TYPES.ReturnStatement || statement.argument?.type !== AST_NODE_TYPES.Identifier)
          continue;
        const variable = variableOf(sourceCode, statement.argument);
        const declarator = variable?.defs.at(0)?.node;
        if (
          declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
          declarator.init?.type !== AST_NODE_TYPES.ArrayExpression ||
          declarator.init.elements.length !== 0
        )
          continue;
        for (const push of variable ? pushesOnto(variable) : []) {
          if (!isInside(push, fn)) continue;
          const count = loopCount(push);
          if (!count) continue;
          const reads = [...readVariables(sourceCode, count.head)];
          derived.forEach((variables, index) => {
            if (reads.some((read) => variables.has(read)))
              sized.set(index, (sized.get(index) ?? false) || count.overKeys);
          });
        }
      }
      return sized;
    }

    /**
     * What decides how many times a `push` runs: the head of its innermost loop (the list a `for...of` or a per-item
     * callback walks, the test of a counted loop), with whether the loop goes over a value's keys (`for...in`,
     * `Object.keys(where)`). `null` outside a loop, and for a loop the code visibly bounds (`i < 7`, a literal list,
     * `ids.slice(0, 5)`).
     */
    function loopCount(
      push: TSESTree.CallExpression,
    ): { head: TSESTree.Node; loop: TSESTree.Node; walks: boolean; overKeys: boolean } | null {
      const iteration = enclosingIterations(push, undefined, sourceCode).at(0);
      if (!iteration) return null;
      const loop = iteration.node;
      const walks =
        iteration.kind === 'callback' ||
        loop.type === AST_NODE_TYPES.ForOfStatement ||
        loop.type === AST_NODE_TYPES.ForInStatement;
      const head =
        iteration.kind === 'callback'
          ? iteration.iterable
          : loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement
            ? loop.right
            : loop.type === AST_NODE_TYPES.ForStatement ||
                loop.type === AST_NODE_TYPES.WhileStatement ||
                loop.type === AST_NODE_TYPES.DoWhileStatement
              ? loop.test
              : null;
      if (!head) return null;
      const bound = visibleListBound(head, sourceCode) ?? visibleLoopBound(loop, sourceCode);
      if (bound !== null && bound <= maxFixedSize) return null;
      const overKeys = loop.type === AST_NODE_TYPES.ForInStatement || collectionOf(head) === 'Object';
      return { head, loop, walks, overKeys };
    }

    /**
     * For a list a function makes empty and fills in a loop (`const entries = []; for (let n = start; n <= end;
     * n++) entries.push(n);`, pushes in callbacks inside the function included): what the loops' counts read, each
     * with whether the loop goes over a value's keys. The list a loop walks is read whole; of a counted loop's test,
     * the variables declared outside the loop (`end`, not the counter `n`), except those its start derives from (the
     * loop counts the span from there). Empty for a list with any other value, one declared at module scope, one
     * made in each iteration, and one emptied again (`batch.length = 0`: filled and settled in batches).
     */
    function fillingReads(identifier: TSESTree.Identifier): Array<[TSESTree.Node, boolean]> {
      const variable = variableOf(sourceCode, identifier);
      if (!variable) return [];
      const known = filled.get(variable);
      if (known) return known;
      // While a list's reads are being found, it has none (lists whose loops read each other).
      filled.set(variable, []);
      const reads = readsFilling(variable, identifier);
      filled.set(variable, reads);
      return reads;
    }

    const filled = new Map<Variable, Array<[TSESTree.Node, boolean]>>();

    function readsFilling(variable: Variable, identifier: TSESTree.Identifier): Array<[TSESTree.Node, boolean]> {
      const values = valuesOf(identifier);
      const only = values.length === 1 ? skipTsWrappers(values[0]) : null;
      if (only?.type !== AST_NODE_TYPES.ArrayExpression || only.elements.length > 0) return [];
      const owner = enclosingFunction(only);
      if (!owner || variable.references.some((reference) => emptiesAgain(reference, values[0]))) return [];
      const reads: Array<[TSESTree.Node, boolean]> = [];
      for (const push of pushesOnto(variable)) {
        if (!isInside(push, owner)) continue;
        const count = loopCount(push);
        if (!count || !isInside(count.loop, owner) || isInside(only, count.loop)) continue;
        if (count.walks) {
          reads.push([count.head, count.overKeys]);
          continue;
        }
        const starts =
          count.loop.type === AST_NODE_TYPES.ForStatement && count.loop.init
            ? readVariables(sourceCode, count.loop.init)
            : new Set<Variable>();
        for (const reference of referencesWithin(sourceCode, count.head)) {
          const bound = reference.resolved;
          const declared = bound?.defs.at(0)?.name;
          if (!bound || !declared || !reference.isRead() || bound === variable || isInside(declared, count.loop))
            continue;
          // A loop that starts from the end or a value derived from it (`for (let rev = keyRevision(target); rev <
          // target;)`) counts the span between the two, which their relation decides, not the end's size.
          const derived = derivedVariables(sourceCode, owner.body, [bound]);
          if ([...starts].some((start) => derived.has(start))) continue;
          reads.push([reference.identifier, count.overKeys]);
        }
      }
      return reads;
    }

    /**
     * `Object.keys(x)`, `Object.values(x)`, `Object.entries(x)` (`'Object'`: a list of the value's keys or values)
     * and `Array.from(x)` (`'Array'`) of the globals; `null` for any other call.
     */
    function collectionOf(node: TSESTree.Node): 'Object' | 'Array' | null {
      const call = skipTsWrappers(node);
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression)
        return null;
      const object = skipTsWrappers(call.callee.object);
      const method = staticPropertyName(call.callee);
      if (object.type !== AST_NODE_TYPES.Identifier || !isGlobalReference(sourceCode, object)) return null;
      if (object.name === 'Object' && (method === 'keys' || method === 'values' || method === 'entries'))
        return 'Object';
      return object.name === 'Array' && method === 'from' ? 'Array' : null;
    }

    /** The calls that push onto the array a variable holds (`promises.push(...)`), in source order. */
    function pushesOnto(variable: Variable): TSESTree.CallExpression[] {
      return variable.references.flatMap((reference) => {
        const member = reference.identifier.parent;
        return member.type === AST_NODE_TYPES.MemberExpression &&
          member.object === reference.identifier &&
          staticPropertyName(member) === 'push' &&
          member.parent.type === AST_NODE_TYPES.CallExpression &&
          member.parent.callee === member
          ? [member.parent]
          : [];
      });
    }

    function isSmallSlice(call: TSESTree.CallExpression): boolean {
      const start = call.arguments.at(0);
      const end = call.arguments.at(1);
      const number = (n: TSESTree.Node | undefined): number | null =>
        n?.type === AST_NODE_TYPES.Literal && typeof n.value === 'number' ? n.value : null;
      const from = start ? number(start) : 0;
      const to = number(end);
      return from !== null && to !== null && from >= 0 && to - from <= maxFixedSize;
    }

    /** The call that starts a promise chain (`load(id)` of `load(id).then(f).catch(g)`), or `node` if it is a call. */
    function chainStart(node: TSESTree.Node): TSESTree.CallExpression | null {
      let call = skipTsWrappers(node);
      while (
        call.type === AST_NODE_TYPES.CallExpression &&
        call.callee.type === AST_NODE_TYPES.MemberExpression &&
        PROMISE_CHAIN.has(staticPropertyName(call.callee) ?? '')
      ) {
        const start = skipTsWrappers(call.callee.object);
        // `Promise.resolve(row).then(...)` starts nothing: the chain is only its callbacks.
        if (start.type !== AST_NODE_TYPES.CallExpression || promiseStaticMethod(sourceCode, start) !== null) break;
        call = start;
      }
      return call.type === AST_NODE_TYPES.CallExpression ? call : null;
    }

    /** Whether the per-item callback starts asynchronous work that is not already bounded by a limiter. */
    function startsUnboundedWork(callback: TSESTree.Node | undefined): boolean {
      if (!callback) return false;
      const fn = skipTsWrappers(callback);
      if (!isFunctionNode(fn))
        return fn.type === AST_NODE_TYPES.Identifier || fn.type === AST_NODE_TYPES.MemberExpression;
      const returned = returnedExpression(fn);
      const calls = [...walk(fn.body)].filter(
        (n): n is TSESTree.CallExpression => n.type === AST_NODE_TYPES.CallExpression,
      );
      if (calls.some((call) => isLimitedCall(sourceCode, call))) return false;
      // `limit(() => work(item))`, `queue.add(() => work(item))`: the work is handed to something that schedules it.
      // A promise chain (`load(id).then((row) => ...)`) is judged by the call that starts it: its callbacks run after.
      const wrapped = returned ? chainStart(returned) : null;
      // (An async function compiled to `__awaiter(this, …, function* () {…})` is the work itself.)
      if (isCompiledAsync(fn)) return true;
      if (wrapped?.arguments.some((arg) => isFunctionNode(skipTsWrappers(arg)))) return false;
      if (fn.async) return true;
      return !!wrapped || (returned ? skipTsWrappers(returned).type === AST_NODE_TYPES.NewExpression : false);
    }

    /**
     * The functions whose parameters are the request, for code on the request path: the handler when it encloses the
     * code; otherwise every enclosing function with a handler's parameters (`(req, res)`, `(ctx)`), such as a route
     * module's `export default async (req, res) => {}` that another file wraps. (Inside a handler, a callback's own
     * `(ctx)` is a transaction's or a library's context, not the request.)
     */
    function requestReceivers(node: TSESTree.Node, handler: Handler | undefined): Receivers {
      const enclosing: FunctionNode[] = [];
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        if (fn === handler?.node) return { functions: [fn], resolver: handler.kind === 'resolver' ? fn : undefined };
        if (hasHandlerSignature(fn)) enclosing.push(fn);
      }
      return { functions: enclosing };
    }

    /** For a plain parameter of a function, the handler whose request data its callers pass in, if any. */
    function requestFedParameter(
      identifier: TSESTree.Identifier,
      exclude: readonly Handler['kind'][],
    ): RequestData | null {
      const variable = variableOf(sourceCode, identifier);
      const def = variable?.defs[0];
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
      if (!def || variable.defs.length !== 1 || def.type !== 'Parameter' || !isFunctionNode(def.node)) return null;
      const index = def.node.params.findIndex((param) => param === def.name);
      if (index === -1) return null;
      return getRequestPathModel(context).requestDataOf(def.node, index, exclude);
    }

    let libraryCalls: ReadonlyMap<TSESTree.Node, string> | null = null;
    /** The library fan-out a call is (`combinator` or `mapper`), with its name for messages. */
    function libraryFanOut(call: TSESTree.CallExpression): { api: string; mapper: boolean } | null {
      if (!libraryCalls) {
        const found = new Map<TSESTree.Node, string>();
        for (const { node, entry } of findApiUses(sourceCode, [...LIBRARY_COMBINATORS, ...LIBRARY_MAPPERS]))
          found.set(node, entry.id);
        libraryCalls = found;
      }
      const id = libraryCalls.get(call);
      if (id === undefined) return null;
      return { api: apiLabel(id), mapper: LIBRARY_MAPPERS.some((entry) => entry.id === id) };
    }

    /** Reports a fan-out over `collection` whose per-item work is `callback`, unless it is bounded or start-up code. */
    function check(
      call: TSESTree.CallExpression,
      api: string,
      collection: TSESTree.Node,
      callback: TSESTree.Node | undefined,
      node: TSESTree.Node,
    ): void {
      if (startsUnboundedWork(callback)) checkSize(call, api, collection, node);
    }

    /** Reports a fan-out over `collection` that starts unbounded work, unless the list is bounded or start-up code. */
    function checkSize(
      call: TSESTree.CallExpression,
      api: string,
      collection: TSESTree.Node,
      node: TSESTree.Node,
    ): void {
      const where = getRequestPathModel(context).contextOf(call);
      if (where.context === 'startup') return;
      // A list the code visibly bounds (a literal array, `slice(0, n)`, a query with `limit: n`/`take: n`, through
      // constants) starts at most that many operations.
      const bound = visibleListBound(collection, sourceCode);
      if (bound !== null && bound <= maxFixedSize) return;
      const source = sizeSource(
        collection,
        where.context === 'request' ? requestReceivers(call, where.handler) : { functions: [] },
        0,
      );
      if (!source) return;
      context.report({
        node,
        messageId: 'unboundedConcurrency',
        data: {
          api,
          collection: shortText(collection),
          source:
            source.kind === 'request'
              ? `the request (\`${source.text}\`${source.via ? `, passed in from ${source.via}` : ''})`
              : `data loaded at runtime (\`${source.text}\`)`,
        },
      });
    }

    /**
     * The list a `for` loop walks by index: `items` of `i < items.length` (or `<=`), or the count of `i < count`.
     */
    function indexedList(loop: TSESTree.ForStatement): TSESTree.Node | null {
      const test = loop.test ? skipTsWrappers(loop.test) : null;
      if (test?.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '<' && test.operator !== '<='))
        return null;
      const limit = skipTsWrappers(test.right);
      if (limit.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(limit) === 'length') return limit.object;
      return limit;
    }

    /**
     * Whether `node` runs for one index of the iteration only: under `if (index === 0)` where `index` is the per-item
     * callback's index parameter or the loop's counter (`for (let i = ...)`).
     */
    function onOneIndex(node: TSESTree.Node, iteration: Iteration): boolean {
      const loop = iteration.node;
      const index =
        isFunctionNode(loop) && loop.params[1]?.type === AST_NODE_TYPES.Identifier
          ? loop.params[1].name
          : loop.type === AST_NODE_TYPES.ForStatement &&
              loop.init?.type === AST_NODE_TYPES.VariableDeclaration &&
              loop.init.declarations[0]?.id.type === AST_NODE_TYPES.Identifier
            ? loop.init.declarations[0].id.name
            : null;
      if (index === null) return false;
      const isIndex = (n: TSESTree.Node): boolean => n.type === AST_NODE_TYPES.Identifier && n.name === index;
      for (let current = node.parent; current && current !== loop; current = current.parent) {
        if (current.type !== AST_NODE_TYPES.IfStatement || !isInside(node, current.consequent)) continue;
        const test = skipTsWrappers(current.test);
        if (
          test.type === AST_NODE_TYPES.BinaryExpression &&
          (test.operator === '===' || test.operator === '==') &&
          ((isIndex(test.left) && test.right.type === AST_NODE_TYPES.Literal) ||
            (isIndex(test.right) && test.left.type === AST_NODE_TYPES.Literal))
        )
          return true;
      }
      return false;
    }

    /** Whether a reference empties an array again: `batch = []`, `batch.length = 0`, `batch.splice(0)`. */
    function emptiesAgain(reference: Variable['references'][number], init: TSESTree.Node | null): boolean {
      if (reference.isWrite() && reference.writeExpr !== init) return true;
      const member = reference.identifier.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
      const name = staticPropertyName(member);
      return (
        (name === 'length' &&
          member.parent.type === AST_NODE_TYPES.AssignmentExpression &&
          member.parent.left === member) ||
        (name === 'splice' && member.parent.type === AST_NODE_TYPES.CallExpression)
      );
    }

    /**
     * `const promises = []; for (const item of items) promises.push(save(item)); await Promise.all(promises)`: the
     * list a loop (or per-item callback) walks while it pushes started work into the array that `settle` settles,
     * before it. `null` when the array gets nothing that way, or the work goes through a limiter.
     */
    function pushedFanOut(array: TSESTree.Identifier, settle: TSESTree.CallExpression): TSESTree.Node | null {
      const variable = variableOf(sourceCode, array);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
      const declarator = def.node;
      const init = declarator.init ? skipTsWrappers(declarator.init) : null;
      if (init?.type !== AST_NODE_TYPES.ArrayExpression || init.elements.length > 0) return null;
      const empties = (reference: (typeof variable.references)[number]): boolean =>
        emptiesAgain(reference, declarator.init);
      /** Whether a reference hands the array to an awaited call (`await Promise.all(batch)`). */
      const awaitedSettle = (reference: (typeof variable.references)[number]): boolean => {
        const call = reference.identifier.parent;
        return (
          call.type === AST_NODE_TYPES.CallExpression &&
          call.arguments.some((argument) => argument === reference.identifier) &&
          call.parent.type === AST_NODE_TYPES.AwaitExpression
        );
      };
      for (const push of pushesOnto(variable)) {
        if (push.range[1] > settle.range[0]) continue;
        const pushed = push.arguments.at(0);
        const work = pushed && pushed.type !== AST_NODE_TYPES.SpreadElement ? skipTsWrappers(pushed) : null;
        if (work?.type !== AST_NODE_TYPES.CallExpression && work?.type !== AST_NODE_TYPES.NewExpression) continue;
        const calls = [work, ...walk(work)].filter(
          (n): n is TSESTree.CallExpression => n.type === AST_NODE_TYPES.CallExpression,
        );
        if (calls.some((call) => isLimitedCall(sourceCode, call))) continue;
        const iteration = enclosingIterations(push, undefined, sourceCode).at(0);
        if (!iteration || !isInside(iteration.node, enclosingFunction(settle) ?? sourceCode.ast)) continue;
        // A loop that waits for the array and empties it again settles it in batches (`if (batch.length >= 10) {
        // await Promise.all(batch); batch = []; }`), and one that makes the array and waits for it in each iteration
        // holds that iteration's few promises. A per-item callback that waits does not hold the next item back.
        if (iteration.kind === 'loop') {
          const inLoop = variable.references.filter((r) => isInside(r.identifier, iteration.node));
          if (inLoop.some(awaitedSettle) && (inLoop.some(empties) || isInside(declarator, iteration.node))) continue;
        }
        if (onOneIndex(push, iteration)) continue;
        const list =
          iteration.iterable ??
          (iteration.node.type === AST_NODE_TYPES.ForStatement ? indexedList(iteration.node) : null);
        if (list) return list;
      }
      return null;
    }

    /**
     * Whether a callback is an async function, written or compiled (`(item) => __awaiter(this, …, function* () {…})`).
     * A mapper passed by name or returning a call may be synchronous (`rows.map(this.rowToUser)`): only the promises
     * an array is handed to show that it holds promises.
     */
    function isAsyncCallback(callback: TSESTree.Node | undefined): boolean {
      const fn = callback ? skipTsWrappers(callback) : null;
      return !!fn && isFunctionNode(fn) && (fn.async || isCompiledAsync(fn));
    }

    /** Whether a function is an async function compiled to `(...) => __awaiter(this, …, function* () {…})`. */
    function isCompiledAsync(fn: FunctionNode): boolean {
      const returned = returnedExpression(fn);
      const wrapped = returned ? skipTsWrappers(returned) : null;
      return (
        wrapped?.type === AST_NODE_TYPES.CallExpression &&
        wrapped.arguments.some((arg) => {
          const handed = skipTsWrappers(arg);
          return isFunctionNode(handed) && isCompiledAsyncBody(handed);
        })
      );
    }

    /**
     * Whether a function returns the value of `call` as it is: `return items.map(async (item) => ...)`, or an arrow
     * function's expression body. The caller gets promises that are already running, whatever it does with them.
     */
    function isReturned(call: TSESTree.CallExpression): boolean {
      const node = valueNode(call);
      const parent = node.parent;
      return (
        parent?.type === AST_NODE_TYPES.ReturnStatement ||
        (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node)
      );
    }

    return {
      CallExpression(call) {
        const mapped = skipTsWrappers(call.callee);
        if (
          mapped.type === AST_NODE_TYPES.MemberExpression &&
          (staticPropertyName(mapped) === 'map' || staticPropertyName(mapped) === 'flatMap') &&
          isReturned(call) &&
          isAsyncCallback(call.arguments[0])
        ) {
          // `return items.map(async (item) => ...)`: every item's work starts here, and the caller settles the promises.
          check(call, `${staticPropertyName(mapped) ?? 'map'}()`, mapped.object, call.arguments[0], call);
          return;
        }
        const method = promiseStaticMethod(sourceCode, call);
        const library = method && COMBINATORS.has(method) ? null : libraryFanOut(call);
        if (library?.mapper) {
          // `pMap(items, mapper, { concurrency })`, `Bluebird.map(items, mapper, { concurrency })`.
          const [items, mapper, mapperOptions] = [0, 1, 2].map((index) => call.arguments.at(index));
          if (!items || limitsConcurrency(mapperOptions)) return;
          check(call, library.api, items, mapper, call);
          return;
        }
        if (!library && (!method || !COMBINATORS.has(method))) return;
        const api = library?.api ?? `Promise.${method ?? ''}`;
        let argument = call.arguments[0] ? skipTsWrappers(call.arguments[0]) : null;
        // `const promises = docs.map(async (doc) => ...); await Promise.all(promises)`: the list of promises a variable
        // holds, reported where they are awaited together.
        const held = argument?.type === AST_NODE_TYPES.Identifier ? valuesOf(argument) : [];
        const only = held.length === 1 ? held.at(0) : undefined;
        if (argument?.type === AST_NODE_TYPES.Identifier) {
          const list = pushedFanOut(argument, call);
          if (list) {
            checkSize(call, api, list, call);
            return;
          }
        }
        const throughVariable = only !== undefined;
        if (only) argument = skipTsWrappers(only);
        if (argument?.type !== AST_NODE_TYPES.CallExpression) return;
        const callee = skipTsWrappers(argument.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const mapName = staticPropertyName(callee);
        const object = skipTsWrappers(callee.object);
        let collection: TSESTree.Node;
        let callback: TSESTree.Node | undefined;
        if (mapName === 'map' || mapName === 'flatMap') {
          collection = callee.object;
          callback = argument.arguments[0];
        } else if (
          mapName === 'from' &&
          object.type === AST_NODE_TYPES.Identifier &&
          object.name === 'Array' &&
          isGlobalReference(sourceCode, object)
        ) {
          if (!argument.arguments[0]) return;
          collection = argument.arguments[0];
          callback = argument.arguments[1];
        } else {
          return;
        }
        check(call, api, collection, callback, throughVariable ? call : argument);
      },
    };
  },
});
