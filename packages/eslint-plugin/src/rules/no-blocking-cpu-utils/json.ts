import {
  findApiUses,
  findDataAccessCalls,
  isTsWrapper,
  skipTsWrappers,
  staticPropertyName,
  visibleListBound,
  type DataAccessCall,
  type DataAccessInput,
} from '@backend-perf/core';
import type { ApiEntry } from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

/** A `JSON.parse`/`JSON.stringify` call over data whose size nothing in the code bounds. */
export interface UnboundedJson {
  readonly node: TSESTree.CallExpression;
  readonly api: 'JSON.parse' | 'JSON.stringify';
  /** What the data is, for messages: "a request body read without a size limit". */
  readonly what: string;
}

/** Readers of a whole stream or body that take no limit, or whose limit is an option (`raw-body`). */
const BODY_READERS: readonly ApiEntry[] = [
  ...['text', 'buffer', 'json', 'arrayBuffer'].map((name): ApiEntry => ({
    id: `stream/consumers.${name}`,
    modules: ['stream/consumers'],
    path: [name],
    usage: 'call',
    category: 'event-loop',
    tags: ['body-reader'],
  })),
  { id: 'raw-body', modules: ['raw-body'], path: [], usage: 'call', category: 'event-loop', tags: ['body-reader'] },
];

/** Data-access reads whose result is a set of rows. */
const SET_KINDS = new Set(['read-many', 'query']);

/** The value an expression holds: through `const`s, `await`, TypeScript wrappers and `.rows`-style properties. */
function sources(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, depth = 0): TSESTree.Node[] {
  if (depth > 6) return [];
  const expression = skipTsWrappers(node);
  switch (expression.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return sources(sourceCode, expression.argument, depth + 1);
    case AST_NODE_TYPES.MemberExpression:
      return [expression, ...sources(sourceCode, expression.object, depth + 1)];
    case AST_NODE_TYPES.CallExpression: {
      // `buffer.toString()`, `Buffer.concat(chunks).toString('utf8')`: the text of what it is called on.
      const callee = skipTsWrappers(expression.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'toString')
        return [expression, ...sources(sourceCode, callee.object, depth + 1)];
      return [expression];
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariableIn(sourceCode, expression);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator)
        return [expression];
      const init = def.node.init;
      const writes = variable.references.filter((reference) => reference.isWrite() && reference.writeExpr !== init);
      if (writes.length > 0 || !init) return [expression];
      return [expression, ...sources(sourceCode, init, depth + 1)];
    }
    default:
      return [expression];
  }
}

function findVariableIn(
  sourceCode: TSESLint.SourceCode,
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Variable | null {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier); scope; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
  }
  return null;
}

/** Whether the code compares the length (or byte length) of `variable` anywhere: a size check. */
function lengthChecked(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => {
    const parent = reference.identifier.parent;
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier) return false;
    const name = staticPropertyName(parent);
    return (name === 'length' || name === 'byteLength') && parent.parent.type === AST_NODE_TYPES.BinaryExpression;
  });
}

/**
 * Names of the reply of an outbound request (`https.get(url, (res) => ...)`): a server's own response object emits no
 * `data`, so a `data` listener on one of these reads what another service replied, whose size that service bounds,
 * not a body a client of this server can make as large as it likes.
 */
const REPLY_NAMES = new Set(['res', 'resp', 'response', 'reply']);

/** Whether a `data` listener's stream is the reply of an outbound request (`res.on('data', ...)`). */
function isReplyStream(call: TSESTree.CallExpression): boolean {
  const callee = skipTsWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const stream = skipTsWrappers(callee.object);
  return stream.type === AST_NODE_TYPES.Identifier && REPLY_NAMES.has(stream.name);
}

/**
 * A string or list accumulated from a stream without a size check: `body += chunk` or `chunks.push(chunk)` in a
 * `data` listener or a `for await` loop over a stream, with no comparison of its length anywhere. The reply of an
 * outbound request does not count (see `REPLY_NAMES`).
 */
function accumulatedWithoutLimit(sourceCode: TSESLint.SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = findVariableIn(sourceCode, identifier);
  if (!variable || lengthChecked(variable)) return false;
  return variable.references.some((reference) => {
    const id = reference.identifier;
    const parent = id.parent;
    const appends =
      (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === id && parent.operator === '+=') ||
      (parent.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === id &&
        staticPropertyName(parent) === 'push' &&
        parent.parent.type === AST_NODE_TYPES.CallExpression);
    if (!appends) return false;
    for (let current: TSESTree.Node | undefined = parent.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.ForOfStatement && current.await) return true;
      const call: TSESTree.Node | undefined = current.parent;
      if (
        (current.type === AST_NODE_TYPES.ArrowFunctionExpression ||
          current.type === AST_NODE_TYPES.FunctionExpression) &&
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.arguments[1] === current &&
        call.callee.type === AST_NODE_TYPES.MemberExpression &&
        ['on', 'addListener'].includes(staticPropertyName(call.callee) ?? '') &&
        call.arguments[0]?.type === AST_NODE_TYPES.Literal &&
        call.arguments[0].value === 'data'
      )
        return !isReplyStream(call);
    }
    return false;
  });
}

/** Whether a body reader's options set a limit (`getRawBody(req, { limit: '1mb' })`). */
function readerLimited(call: TSESTree.CallExpression): boolean {
  return call.arguments.slice(1).some((argument) => {
    const value = skipTsWrappers(argument);
    if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return false;
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return true;
    return value.properties.some(
      (property) => property.type === AST_NODE_TYPES.SpreadElement || staticPropertyName(property) === 'limit',
    );
  });
}

/** Whether a data-access read returns a set of rows the code does not bound (no limit, no key). */
function unboundedRows(call: DataAccessCall, sourceCode: TSESLint.SourceCode): boolean {
  if (!SET_KINDS.has(call.kind)) return false;
  if (call.sql) {
    const text = call.sql.text;
    if (text === null || call.sql.keyColumn !== null) return false;
    return /^\s*select\b/iu.test(text) && !/\blimit\s+\d+|\bfetch\s+first\b|\btop\s*\(?\d/iu.test(text);
  }
  if (call.kind === 'query') return false;
  return visibleListBound(call.node, sourceCode) === null;
}

/**
 * The calls of a method of the global `JSON` (`JSON.parse(…)`, `(JSON.stringify as F)(…)`), in source order, from
 * the references of the global scope: a local `JSON` is not it, and the file's other nodes are never visited.
 */
function globalJsonCalls(
  sourceCode: TSESLint.SourceCode,
): Array<{ readonly call: TSESTree.CallExpression; readonly method: string | null }> {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope || !sourceCode.text.includes('JSON')) return [];
  const declared = globalScope.set.get('JSON');
  const references = [
    ...(declared && declared.defs.length === 0 ? declared.references : []),
    ...globalScope.through.filter((reference) => reference.identifier.name === 'JSON'),
  ];
  const calls: Array<{ readonly call: TSESTree.CallExpression; readonly method: string | null }> = [];
  for (const { identifier } of references) {
    const member = identifier.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) continue;
    let callee: TSESTree.Node = member;
    let call: TSESTree.Node = member.parent;
    while (isTsWrapper(call)) {
      callee = call;
      call = call.parent;
    }
    if (call.type === AST_NODE_TYPES.CallExpression && call.callee === callee)
      calls.push({ call, method: staticPropertyName(member) });
  }
  return calls.sort((a, b) => a.call.range[0] - b.call.range[0]);
}

/** `JSON.parse(…)`/`JSON.stringify(…)` calls of the global `JSON` whose argument is visibly unbounded. */
export function findUnboundedJson(
  input: DataAccessInput & { readonly sourceCode: TSESLint.SourceCode },
): UnboundedJson[] {
  const { sourceCode } = input;
  const found: UnboundedJson[] = [];
  let readers: Set<TSESTree.Node> | null = null;
  let rows: Map<TSESTree.Node, DataAccessCall> | null = null;
  const check = (call: TSESTree.CallExpression, method: string | null): void => {
    if (method !== 'parse' && method !== 'stringify') return;
    const argument = call.arguments.at(0);
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
    const values = sources(sourceCode, argument);
    if (method === 'parse') {
      readers ??= new Set(findApiUses(sourceCode, BODY_READERS).map((use) => use.node));
      for (const value of values) {
        if (value.type === AST_NODE_TYPES.CallExpression && readers.has(value) && !readerLimited(value)) {
          found.push({ node: call, api: 'JSON.parse', what: 'a request body read whole without a size limit' });
          return;
        }
        if (value.type === AST_NODE_TYPES.Identifier && accumulatedWithoutLimit(sourceCode, value)) {
          found.push({ node: call, api: 'JSON.parse', what: 'a body accumulated from a stream without a size check' });
          return;
        }
      }
      return;
    }
    rows ??= new Map(findDataAccessCalls(input).map((access) => [access.node, access]));
    for (const value of values) {
      const access = rows.get(value);
      if (access && unboundedRows(access, sourceCode)) {
        found.push({ node: call, api: 'JSON.stringify', what: 'every row of a query without a limit' });
        return;
      }
    }
  };
  for (const { call, method } of globalJsonCalls(sourceCode)) check(call, method);
  return found;
}
