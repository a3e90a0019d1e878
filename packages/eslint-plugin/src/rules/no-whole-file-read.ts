import {
  enclosingFunction,
  eolOf,
  findApiUses,
  getRequestPathModel,
  handlerParams,
  indentAt,
  childNodes,
  isFunctionNode,
  isInside,
  nodeModuleName,
  refersToParam,
  skipTsWrappers,
  staticPropertyName,
  staticString,
  variableOf,
  WHOLE_FILE_READS,
  type FunctionNode,
  type Handler,
  type RequestPathModel,
  type WholeFileReadEntry,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule, planNamedImport, planPipelineImport } from '../util/index.js';

export type Options = [];
export type MessageId =
  'wholeFileParsed' | 'wholeFileSplit' | 'wholeFileSent' | 'streamToResponse' | 'readLinesWithReadline';

/** Properties of a request object that carry data the client chose. */
const REQUEST_DATA = new Set([
  'params',
  'query',
  'body',
  'path',
  'url',
  'originalUrl',
  'headers',
  'cookies',
  'hostname',
  'file',
  'files',
]);
/** Methods of a response that send a body. */
const SEND_METHODS = new Set(['send', 'end', 'write']);
/** Response methods that return the response itself, so `res.type('json').send(body)` still sends through `res`. */
const CHAINING_METHODS = new Set([
  'status',
  'type',
  'set',
  'header',
  'setHeader',
  'append',
  'vary',
  'code',
  'contentType',
  'attachment',
]);
const MAX_DEPTH = 4;

type ConsumerKind = 'parse' | 'split' | 'send';

interface Consumer {
  readonly kind: ConsumerKind;
  /** The expression that holds the file's contents where it is consumed. */
  readonly value: TSESTree.Node;
  /** The consuming call (`JSON.parse(…)`, `text.split('\n')`, `res.send(…)`) or assignment (`ctx.body = …`). */
  readonly node: TSESTree.Node;
}

type SourceCode = Readonly<TSESLint.SourceCode>;

// ---- where the path comes from ------------------------------------------------------------------------------------

function requestObject(handler: Handler | undefined): TSESTree.Identifier | undefined {
  return handler ? handlerParams(handler)?.request : undefined;
}

/** Request data (`req.params.name`) that the value of `node` is built from, as written; `null` if none. */
function requestSource(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  model: RequestPathModel,
  depth: number,
  seen: Set<TSESTree.Node>,
): string | null {
  if (depth > MAX_DEPTH || seen.has(node)) return null;
  seen.add(node);
  const expression = skipTsWrappers(node);
  if (expression.type === AST_NODE_TYPES.MemberExpression) {
    const direct = requestMember(sourceCode, expression, model);
    if (direct) return direct;
  }
  if (expression.type === AST_NODE_TYPES.Identifier)
    return identifierSource(sourceCode, expression, model, depth, seen);
  if (isFunctionNode(expression)) return null;
  for (const child of childNodes(expression, sourceCode.visitorKeys)) {
    if (expression.type === AST_NODE_TYPES.MemberExpression && !expression.computed && child === expression.property)
      continue;
    const found = requestSource(sourceCode, child, model, depth, seen);
    if (found) return found;
  }
  return null;
}

/** `req.params…`, `ctx.query…`, `ctx.request.body…` of the enclosing handler's request object. */
function requestMember(
  sourceCode: SourceCode,
  member: TSESTree.MemberExpression,
  model: RequestPathModel,
): string | null {
  const request = requestObject(model.contextOf(member).handler);
  if (!request) return null;
  let object = skipTsWrappers(member.object);
  const name = staticPropertyName(member);
  if (object.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(object) === 'request') {
    object = skipTsWrappers(object.object);
  }
  if (name && REQUEST_DATA.has(name) && refersToParam(sourceCode, object, request))
    return `\`${sourceCode.getText(member)}\``;
  return null;
}

/** The request data an identifier holds: a resolver's arguments, a variable's initialiser, a parameter's arguments. */
function identifierSource(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
  model: RequestPathModel,
  depth: number,
  seen: Set<TSESTree.Node>,
): string | null {
  const variable = variableOf(sourceCode, identifier);
  const def = variable?.defs[0];
  if (!variable || !def) return null;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
  if (def.type === 'Parameter') {
    // `(parent, args)` or `(parent, { path })` of a GraphQL resolver: the arguments are the client's.
    const fn = def.node;
    const handler = model.contextOf(identifier).handler;
    if (
      isFunctionNode(fn) &&
      handler?.kind === 'resolver' &&
      handler.node === fn &&
      fn.params[1] &&
      isInside(def.name, fn.params[1])
    ) {
      return `\`${identifier.name}\``;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
  if (def.type === 'Variable') {
    const writes = variable.references.filter((reference) => reference.isWrite() && reference.init !== true);
    if (writes.length > 0 || !def.node.init) return null;
    // `const name = req.params.name`, or `const { name } = req.params`
    return requestSource(sourceCode, def.node.init, model, depth + 1, seen);
  }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
  if (def.type === 'Parameter' && isFunctionNode(def.node)) {
    const fn = def.node;
    const index = fn.params.findIndex(
      (param) => param === def.name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === def.name),
    );
    if (index < 0) return null;
    for (const call of callsOf(sourceCode, fn)) {
      const arg = call.arguments.at(index);
      if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
      const found = requestSource(sourceCode, arg, model, depth + 1, seen);
      if (found) return found;
    }
  }
  return null;
}

/** Calls of a function declared in this file by name (`function f` or `const f = () => …`). */
function callsOf(sourceCode: SourceCode, fn: FunctionNode): TSESTree.CallExpression[] {
  let name: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) name = fn.id;
  else if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier)
    name = fn.parent.id;
  if (!name) return [];
  const variable = variableOf(sourceCode, name);
  return (variable?.references ?? []).flatMap((reference) => {
    const parent = reference.identifier.parent;
    return parent.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier ? [parent] : [];
  });
}

// ---- what the contents are used for -------------------------------------------------------------------------------

/** Skips `.toString()`, `.trim()` and `String(…)` wrappers around a file's contents. */
function unwrapText(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === current &&
      ['toString', 'trim', 'trimEnd'].includes(staticPropertyName(parent) ?? '') &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    ) {
      current = parent.parent;
      continue;
    }
    if (parent && parent.type === AST_NODE_TYPES.TSAsExpression) {
      current = parent;
      continue;
    }
    return current;
  }
}

function isGlobal(sourceCode: SourceCode, identifier: TSESTree.Node, name: string): boolean {
  if (identifier.type !== AST_NODE_TYPES.Identifier || identifier.name !== name) return false;
  const variable = variableOf(sourceCode, identifier);
  return !variable || variable.defs.length === 0;
}

function isNewlineSplit(call: TSESTree.CallExpression): boolean {
  const arg = call.arguments.at(0);
  if (!arg) return false;
  const text = staticString(arg);
  if (text !== null) return text === '\n' || text === '\r\n';
  return (
    arg.type === AST_NODE_TYPES.Literal &&
    'regex' in arg &&
    /\\n/u.test(arg.regex.pattern) &&
    !/\\n\S/u.test(arg.regex.pattern.replace(/\\r\?|\\r/gu, ''))
  );
}

/** Whether an expression is the handler's response (or a chain of response methods on it). */
function isResponse(sourceCode: SourceCode, node: TSESTree.Node, model: RequestPathModel): boolean {
  let current = skipTsWrappers(node);
  while (
    current.type === AST_NODE_TYPES.CallExpression &&
    current.callee.type === AST_NODE_TYPES.MemberExpression &&
    CHAINING_METHODS.has(staticPropertyName(current.callee) ?? '')
  ) {
    current = skipTsWrappers(current.callee.object);
  }
  const handler = model.contextOf(current).handler;
  const params = handler ? handlerParams(handler) : null;
  return !!params?.response && refersToParam(sourceCode, current, params.response);
}

/** The use of the file's contents at `value`: parsed, split into lines, or sent. */
function consumerAt(sourceCode: SourceCode, value: TSESTree.Node, model: RequestPathModel): Consumer | null {
  const text = unwrapText(value);
  const parent = text.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === text) {
    const callee = skipTsWrappers(parent.callee);
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      isGlobal(sourceCode, callee.object, 'JSON') &&
      staticPropertyName(callee) === 'parse'
    ) {
      return { kind: 'parse', value, node: parent };
    }
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      SEND_METHODS.has(staticPropertyName(callee) ?? '') &&
      isResponse(sourceCode, callee.object, model)
    ) {
      return { kind: 'send', value, node: parent };
    }
  }
  if (
    parent.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === text &&
    staticPropertyName(parent) === 'split'
  ) {
    const call = parent.parent;
    if (call.type === AST_NODE_TYPES.CallExpression && call.callee === parent && isNewlineSplit(call))
      return { kind: 'split', value, node: call };
  }
  if (
    parent.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === text &&
    parent.left.type === AST_NODE_TYPES.MemberExpression &&
    staticPropertyName(parent.left) === 'body'
  ) {
    const handler = model.contextOf(parent).handler;
    if (
      handler?.framework === 'Koa' &&
      refersToParam(sourceCode, skipTsWrappers(parent.left.object), requestObject(handler))
    ) {
      return { kind: 'send', value, node: parent };
    }
  }
  return null;
}

/** Where the contents of a read arrive: the call (sync), its `await` (promise) or the callback's data parameter. */
function contentsOf(sourceCode: SourceCode, call: TSESTree.CallExpression, entry: WholeFileReadEntry): TSESTree.Node[] {
  let result: TSESTree.Node | null;
  if (entry.style === 'sync') result = call;
  else if (entry.style === 'promise') result = call.parent.type === AST_NODE_TYPES.AwaitExpression ? call.parent : null;
  else {
    const callback = call.arguments.at(-1);
    const data = callback && isFunctionNode(callback) ? callback.params[1] : undefined;
    if (data?.type !== AST_NODE_TYPES.Identifier) return [];
    return referencesOf(sourceCode, data);
  }
  if (!result) return [];
  const text = unwrapText(result);
  const parent = text.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === text &&
    parent.id.type === AST_NODE_TYPES.Identifier
  )
    return referencesOf(sourceCode, parent.id);
  return [result];
}

/** The reads of a variable that is never written again, or nothing. */
function referencesOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Node[] {
  const variable = variableOf(sourceCode, identifier);
  if (!variable || variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return [];
  return variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier);
}

// ---- suggestions ----------------------------------------------------------------------------------------------------

/** `const x = <read>;` (with `await` for the promise form): the declaration statement, when that is the shape. */
function readDeclaration(
  call: TSESTree.CallExpression,
  entry: WholeFileReadEntry,
): TSESTree.VariableDeclaration | null {
  if (entry.style === 'callback') return null;
  const value = entry.style === 'promise' ? call.parent : call;
  if (entry.style === 'promise' && value.type !== AST_NODE_TYPES.AwaitExpression) return null;
  const declarator = value.parent;
  if (
    declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
    declarator.init !== value ||
    declarator.id.type !== AST_NODE_TYPES.Identifier
  )
    return null;
  const declaration = declarator.parent;
  return declaration.declarations.length === 1 ? declaration : null;
}

/** The lines of a declaration, from the start of its first line to the line break after it. */
function declarationLines(sourceCode: SourceCode, declaration: TSESTree.VariableDeclaration): [number, number] {
  const start = sourceCode.getIndexFromLoc({ line: declaration.loc.start.line, column: 0 });
  const end =
    declaration.range[1] + (sourceCode.text.slice(declaration.range[1]).match(/^[ \t]*\r?\n/u)?.[0].length ?? 0);
  return [start, end];
}

/** The encoding argument is absent or UTF-8 (the only ones whose bytes a stream reproduces unchanged). */
function utf8OrBytes(call: TSESTree.CallExpression, requireText: boolean): boolean {
  const options = call.arguments.at(1);
  if (!options || isFunctionNode(options)) return !requireText;
  const encoding =
    staticString(options) ??
    (options.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.length === 1 &&
    options.properties[0]?.type === AST_NODE_TYPES.Property &&
    staticPropertyName(options.properties[0]) === 'encoding'
      ? staticString(options.properties[0].value)
      : null);
  return encoding !== null && /^utf-?8$/iu.test(encoding);
}

/**
 * The statement that keeps the response's content type once the body is streamed: chained setters
 * (`res.status(200).type('json')`) stay, and for Express's `send`, which picks a type from the body when none was set
 * (before, or in the chain), the type it would have picked. Empty when nothing is needed.
 */
function contentTypeStatement(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression,
  response: string,
  earlier: readonly TSESTree.Node[],
): string {
  const prefix = callee.object.type === AST_NODE_TYPES.CallExpression ? sourceCode.getText(callee.object) : null;
  const setsType = (text: string): boolean => /\.(?:type|contentType|set|header|setHeader)\(/u.test(text);
  const typeSet = (prefix !== null && setsType(prefix)) || earlier.some((s) => setsType(sourceCode.getText(s)));
  if (staticPropertyName(callee) !== 'send' || typeSet) return prefix ? `${prefix};` : '';
  const second = call.arguments.at(1);
  const text = second !== undefined && !isFunctionNode(second);
  return `${prefix ?? response}.type('${text ? 'html' : 'application/octet-stream'}');`;
}

/** `res.send(await readFile(path))` becomes `await pipeline(createReadStream(path), res)`. */
function streamSuggestion(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  entry: WholeFileReadEntry,
  consumer: Consumer,
  model: RequestPathModel,
): TSESLint.SuggestionReportDescriptor<MessageId>[] {
  const declaration = readDeclaration(call, entry);
  const sendCall = consumer.node;
  const fn = enclosingFunction(call);
  if (!declaration || !fn || sendCall.type !== AST_NODE_TYPES.CallExpression || sendCall.arguments.length !== 1)
    return [];
  if (consumer.value !== sendCall.arguments[0] || !utf8OrBytes(call, false)) return [];
  const statement = sendCall.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent !== declaration.parent) return [];
  if (contentsOf(sourceCode, call, entry).length !== 1) return [];
  const callee = skipTsWrappers(sendCall.callee) as TSESTree.MemberExpression;
  const method = staticPropertyName(callee);
  if (method === 'write') return [];
  const handler = model.contextOf(call).handler;
  const params = handler ? handlerParams(handler) : null;
  if (!params?.response || !params.responseIsStream) return [];
  const response = params.response.name;
  const pathText = sourceCode.getText(call.arguments[0]);
  const body = declaration.parent;
  if (!('body' in body) || !Array.isArray(body.body)) return [];
  if (sourceCode.getCommentsInside(declaration).length > 0 || sourceCode.getCommentsInside(statement).length > 0)
    return [];
  const earlier = (body.body as TSESTree.Node[]).slice(0, (body.body as TSESTree.Node[]).indexOf(statement));
  const typeStatement = contentTypeStatement(sourceCode, call, callee, response, earlier);

  const fsPlan = planNamedImport(
    sourceCode,
    { modules: ['fs', 'node:fs'], name: 'createReadStream' },
    call,
    nodeModuleName(sourceCode.text, 'fs'),
  );
  const eol = eolOf(sourceCode.text);
  const indent = indentAt(sourceCode.text, statement.range[0]);
  const next = params.next;
  if (!fn.async && !next) return [];
  const pipeline = planPipelineImport(sourceCode, call, fn.async);
  const streams = `${fsPlan.expression}(${pathText}), ${response}`;
  const unit = indent.includes('\t') ? '\t' : '  ';
  const pipelineText =
    next && !fn.async
      ? `${pipeline.expression}(${streams}, (err) => {${eol}` +
        `${indent}${unit}if (err) ${next.name}(err);${eol}` +
        `${indent}});`
      : `await ${pipeline.expression}(${streams});`;
  const replacement = typeStatement ? `${typeStatement}${eol}${indent}${pipelineText}` : pipelineText;
  const declarationRange = declarationLines(sourceCode, declaration);
  return [
    {
      messageId: 'streamToResponse',
      data: { pipeline: `${fn.async ? 'await ' : ''}${pipeline.expression}(${fsPlan.expression}(…), ${response})` },
      fix: (fixer) => {
        const fixes: TSESLint.RuleFix[] = [];
        if (fsPlan.fix) fixes.push(fsPlan.fix(fixer));
        if (pipeline.fix) fixes.push(pipeline.fix(fixer));
        fixes.push(fixer.removeRange(declarationRange));
        fixes.push(fixer.replaceText(statement, replacement));
        return fixes;
      },
    },
  ];
}

/** `for (const line of text.split('\n'))` over a whole read becomes a `for await` loop over `readline`. */
function readlineSuggestion(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  entry: WholeFileReadEntry,
  consumer: Consumer,
): TSESLint.SuggestionReportDescriptor<MessageId>[] {
  const declaration = readDeclaration(call, entry);
  const fn = enclosingFunction(call);
  if (!declaration || !fn?.async || !utf8OrBytes(call, true)) return [];
  if (contentsOf(sourceCode, call, entry).length !== 1 || consumer.value !== skipTsWrappers(consumer.value)) return [];
  // `for (const line of text.split('\n'))`
  const loop = consumer.node.parent;
  if (
    loop?.type !== AST_NODE_TYPES.ForOfStatement ||
    loop.right !== consumer.node ||
    loop.await ||
    loop.parent !== declaration.parent
  )
    return [];
  if ((consumer.node as TSESTree.CallExpression).callee.type !== AST_NODE_TYPES.MemberExpression) return [];
  if (((consumer.node as TSESTree.CallExpression).callee as TSESTree.MemberExpression).object !== consumer.value)
    return [];
  if (sourceCode.getCommentsInside(declaration).length > 0) return [];
  const fsPlan = planNamedImport(
    sourceCode,
    { modules: ['fs', 'node:fs'], name: 'createReadStream' },
    call,
    nodeModuleName(sourceCode.text, 'fs'),
  );
  const rlPlan = planNamedImport(
    sourceCode,
    { modules: ['readline', 'node:readline'], name: 'createInterface' },
    call,
    nodeModuleName(sourceCode.text, 'readline'),
  );
  const pathText = sourceCode.getText(call.arguments[0]);
  const forToken = sourceCode.getFirstToken(loop);
  const declarationRange = declarationLines(sourceCode, declaration);
  if (!forToken) return [];
  return [
    {
      messageId: 'readLinesWithReadline',
      fix: (fixer) => {
        const fixes: TSESLint.RuleFix[] = [];
        if (fsPlan.fix) fixes.push(fsPlan.fix(fixer));
        if (rlPlan.fix) fixes.push(rlPlan.fix(fixer));
        fixes.push(fixer.removeRange(declarationRange));
        fixes.push(fixer.insertTextAfter(forToken, ' await'));
        fixes.push(
          fixer.replaceText(
            consumer.node,
            `${rlPlan.expression}({ input: ${fsPlan.expression}(${pathText}), crlfDelay: Infinity })`,
          ),
        );
        return fixes;
      },
    },
  ];
}

export default createRule<Options, MessageId>({
  name: 'no-whole-file-read',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow reading a whole file chosen by the request to parse, split or send it on the request path',
      recommended: 'recommended',
      requiresTypeChecking: false,
      category: 'streams',
      codemod: 'whole-file-to-stream',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      wholeFileParsed:
        '`{{api}}` reads a whole file chosen by the request ({{source}}) into memory to `JSON.parse` it ({{reason}}).',
      wholeFileSplit:
        '`{{api}}` reads a whole file chosen by the request ({{source}}) into memory to split it into lines ' +
        '({{reason}}).',
      wholeFileSent:
        '`{{api}}` reads a whole file chosen by the request ({{source}}) into memory only to send it ({{reason}}).',
      streamToResponse: 'Stream the file to the response with `{{pipeline}}`.',
      readLinesWithReadline: 'Read the lines with a `readline` `for await` loop.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;

    return {
      Program() {
        const uses = findApiUses(sourceCode, WHOLE_FILE_READS);
        if (uses.length === 0) return;
        const model = getRequestPathModel(context);
        for (const { node, entry } of uses) {
          if (node.type !== AST_NODE_TYPES.CallExpression || !node.arguments[0]) continue;
          const where = model.contextOf(node);
          if (where.context !== 'request') continue;
          const source = requestSource(sourceCode, node.arguments[0], model, 0, new Set());
          if (!source) continue;
          const consumers = contentsOf(sourceCode, node, entry)
            .map((value) => consumerAt(sourceCode, value, model))
            .filter((c): c is Consumer => c !== null);
          const consumer = consumers.at(0);
          if (!consumer) continue;
          const messageId =
            consumer.kind === 'parse'
              ? 'wholeFileParsed'
              : consumer.kind === 'split'
                ? 'wholeFileSplit'
                : 'wholeFileSent';
          const suggest =
            consumers.length !== 1
              ? []
              : consumer.kind === 'send'
                ? streamSuggestion(sourceCode, node, entry, consumer, model)
                : consumer.kind === 'split'
                  ? readlineSuggestion(sourceCode, node, entry, consumer)
                  : [];
          context.report({ node, messageId, data: { api: entry.id, source, reason: where.reason }, suggest });
        }
      },
    };
  },
});
