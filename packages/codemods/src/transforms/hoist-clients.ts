import { CLIENT_APIS, type ClientApiEntry, eolOf, indentAt, wholeLines } from '@backend-perf/core';
import type { API, ASTNode, ASTPath, FileInfo, JSCodeshift } from 'jscodeshift';
import {
  childNodes,
  endOf,
  identifierName,
  isFunction,
  isNode,
  jscodeshiftFor,
  parentNode,
  parentOf,
  scopeOf,
  startOf,
  textOf,
  type FunctionNode,
  type NodeOf,
} from '../engine/jscodeshift.js';
import { nodeAtSite } from '../engine/locate.js';
import { codemodSites, type RuleSite } from '../engine/rule-codemod.js';
import type { CodemodMeta, CodemodRunOptions } from '../types.js';
import { capitalise, freeName, lineStartAt, nextLineStart, type Edit } from '../util/text.js';

export const meta: CodemodMeta = {
  name: 'hoist-clients',
  description:
    'Moves database and cache clients created per request to one module-level instance, created lazily once, and ' +
    'removes their per-request connect and close calls.',
  rules: ['no-client-per-request'],
  options: {},
};

/** jscodeshift's parser option; the transform parses with the parser that fits each file's extension. */
export const parser = 'tsx';

export interface HoistResult {
  readonly output: string;
  readonly changed: boolean;
  readonly hoisted: number;
  readonly reports: readonly string[];
}

/** Redis commands that hold a connection (blocking pops, pub/sub, transactions): such a client cannot be shared. */
const CONNECTION_HOLDING_COMMANDS = new Set([
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'monitor',
  'blpop',
  'brpop',
  'blmove',
  'brpoplpush',
  'bzpopmin',
  'bzpopmax',
  'xread',
  'xreadgroup',
  'watch',
  'multi',
]);

function entryOf(site: RuleSite): ClientApiEntry | null {
  const id = /`([^`]+)`/u.exec(site.message)?.[1];
  return CLIENT_APIS.find((entry) => entry.id === id) ?? null;
}

/** `await x.method(...)` or `x.method(...)` as a statement: the method name, when the receiver is `name`. */
function statementCall(statement: ASTNode, name: string): string | null {
  if (!isNode(statement, 'ExpressionStatement')) return null;
  const expression = isNode(statement.expression, 'AwaitExpression')
    ? statement.expression.argument
    : statement.expression;
  if (!isNode(expression, 'CallExpression')) return null;
  const callee = expression.callee;
  if (!isNode(callee, 'MemberExpression') || callee.computed) return null;
  if (identifierName(callee.object) !== name) return null;
  return identifierName(callee.property);
}

/** Every node below `node` with the node that holds it, not entering nested functions. */
function* walk(node: ASTNode, parent: ASTNode | null = null): Generator<{ node: ASTNode; parent: ASTNode | null }> {
  yield { node, parent };
  for (const child of childNodes(node)) {
    if (isFunction(child)) continue;
    yield* walk(child, node);
  }
}

type Creation = NodeOf<'NewExpression' | 'CallExpression'>;

/** A client stored the one way the codemod can hoist: `const client = [await] create()` in a function's body. */
interface ClientDeclaration {
  readonly creation: ASTPath<Creation>;
  /** The creation, or the `await` around it. */
  readonly value: ASTNode;
  readonly awaited: boolean;
  readonly name: string;
  readonly id: NodeOf<'Identifier'>;
  readonly declarator: ASTPath;
  readonly declaration: NodeOf<'VariableDeclaration'>;
  readonly block: NodeOf<'BlockStatement'>;
  readonly fn: ASTPath<FunctionNode>;
}

/**
 * creation → (await) → declarator → declaration, directly in the body of a function; `null` for any other shape.
 */
function clientDeclaration(creation: ASTPath<Creation>): ClientDeclaration | null {
  const awaitPath = parentOf(creation);
  const awaited = awaitPath !== null && isNode(awaitPath.node, 'AwaitExpression');
  const valuePath: ASTPath = awaited ? awaitPath : creation;
  const declarator = parentOf(valuePath);
  const declarationPath = declarator ? parentOf(declarator) : null;
  const blockPath = declarationPath ? parentOf(declarationPath) : null;
  const fn = blockPath ? parentOf(blockPath) : null;
  const id = declarator && isNode(declarator.node, 'VariableDeclarator') ? declarator.node.id : null;
  const declaration = declarationPath?.node;
  const block = blockPath?.node;
  if (
    !declarator ||
    !isNode(id, 'Identifier') ||
    id.typeAnnotation ||
    !isNode(declaration, 'VariableDeclaration') ||
    declaration.declarations.length !== 1 ||
    !isNode(block, 'BlockStatement') ||
    !fn ||
    !isFunctionPath(fn)
  ) {
    return null;
  }
  const value = valuePath.node;
  return { creation, value, awaited, name: id.name, id, declarator, declaration, block, fn };
}

function isFunctionPath(path: ASTPath): path is ASTPath<FunctionNode> {
  return isFunction(path.node);
}

/** Whether `node` is a property name in `parent` (`x.node`, `{ node: 1 }`), which names no variable. */
function isPropertyName(parent: ASTNode | null, node: ASTNode, shorthandIsUse: boolean): boolean {
  if (isNode(parent, 'MemberExpression')) return parent.property === node && !parent.computed;
  if (isNode(parent, ['ObjectProperty', 'Property'])) {
    const written = shorthandIsUse ? !parent.shorthand : !parent.computed;
    return parent.key === node && written;
  }
  return false;
}

/**
 * Whether the creation reads values of its function (a per-request value would make each request's client
 * different): a local variable, `this` or an `await`.
 */
function usesFunctionValues(j: JSCodeshift, creation: ASTPath<Creation>): boolean {
  const local = j(creation)
    .find(j.Identifier)
    .paths()
    .some((p) => {
      if (isPropertyName(parentNode(p), p.node, false) || p.node === creation.node.callee) return false;
      const scope = scopeOf(p)?.lookup(p.node.name);
      return scope !== null && scope !== undefined && !scope.isGlobal;
    });
  return local || j(creation).find(j.ThisExpression).size() > 0 || j(creation).find(j.AwaitExpression).size() > 0;
}

/**
 * The members read on the client (`client.query`), or `null` when it escapes: returned, passed on or reassigned.
 * Only uses inside its function that refer to its declaration count.
 */
function memberUses(j: JSCodeshift, client: ClientDeclaration): NodeOf<'MemberExpression'>[] | null {
  const members: NodeOf<'MemberExpression'>[] = [];
  const declaring = scopeOf(client.declarator);
  for (const p of j(client.fn).find(j.Identifier, { name: client.name }).paths()) {
    if (p.node === client.id) continue;
    const parent = parentNode(p);
    if (isPropertyName(parent, p.node, true)) continue;
    if (scopeOf(p)?.lookup(client.name) !== declaring) continue;
    if (!isNode(parent, 'MemberExpression') || parent.object !== p.node) return null;
    members.push(parent);
  }
  return members;
}

/** The top-level statement that holds `path`'s node. */
function topLevelStatement(path: ASTPath): ASTNode {
  let current = path;
  for (let parent = parentOf(current); parent && !isNode(parent.node, 'Program'); parent = parentOf(current)) {
    current = parent;
  }
  return current.node;
}

/**
 * The module-level holder and getter of a hoisted client. With connect calls (or an awaited creation) the holder
 * keeps the promise of the connected client, and forgets it when connecting fails, so that the next request retries
 * instead of every request getting the same rejection.
 */
function getterLines(client: {
  readonly name: string;
  readonly getter: string;
  readonly holder: string;
  readonly initText: string;
  readonly connectTexts: readonly string[];
  /** Whether creating or connecting the client is awaited. */
  readonly async: boolean;
  /** What the getter's comment says it holds (`One pg pool for the process`). */
  readonly what: string;
  /** In TypeScript, the client's type (`InstanceType<typeof Pool>`). */
  readonly instance?: string;
}): string[] {
  const { name, getter, holder, initText, connectTexts, what, instance } = client;
  const u = '  ';
  if (!client.async) {
    return [
      `let ${holder}${instance ? `: ${instance} | undefined` : ''};`,
      '',
      `/** ${what}, created on first use. */`,
      `function ${getter}() {`,
      `${u}${holder} ??= ${initText};`,
      `${u}return ${holder};`,
      '}',
    ];
  }
  return [
    `let ${holder}${instance ? `: Promise<Awaited<${instance}>> | undefined` : ''};`,
    '',
    `/** ${what}, created and connected on first use. */`,
    `function ${getter}() {`,
    `${u}${holder} ??= (async () => {`,
    `${u}${u}const ${name} = ${initText};`,
    ...connectTexts.map((statement) => `${u}${u}${statement}`),
    `${u}${u}return ${name};`,
    `${u}})().catch((error) => {`,
    `${u}${u}${holder} = undefined;`,
    `${u}${u}throw error;`,
    `${u}});`,
    `${u}return ${holder};`,
    '}',
  ];
}

/** An edit that replaces a whole `try` statement with its block's statements. */
interface HoistEdit extends Edit {
  readonly unwrap?: boolean;
}

/**
 * Rewrites one file: every client `no-client-per-request` reports that is stored in a local variable, built from
 * module-level values only and used only through its methods becomes one lazily created module-level instance.
 */
export function hoistClients(
  source: string,
  filename: string,
  options: { settings?: Record<string, unknown>; cwd?: string } = {},
): HoistResult {
  const sites = codemodSites(meta, source, filename, options);
  const reports: string[] = [];
  if (sites.length === 0) return { output: source, changed: false, hoisted: 0, reports };

  const j = jscodeshiftFor(filename);
  const root = j(source);
  const eol = eolOf(source);
  const typescript = /\.(?:c|m)?tsx?$/iu.test(filename);
  const taken = new Set<string>();
  root.find(j.Identifier).forEach((p) => {
    taken.add(p.node.name);
  });
  const lineRange = (node: ASTNode): [number, number] => wholeLines(source, startOf(node), endOf(node));

  const edits: HoistEdit[] = [];
  const getters = new Map<string, string>();
  const inserts = new Map<number, string[]>();
  let hoisted = 0;

  for (const site of sites) {
    const where = `${filename}:${site.line}:${site.column}`;
    const skip = (reason: string): void => {
      reports.push(`${where}: left unchanged (${reason}): ${site.message}`);
    };
    const entry = entryOf(site);
    const creation = nodeAtSite(j, root, site, ['NewExpression', 'CallExpression']);
    if (!entry || !creation) {
      skip('not found');
      continue;
    }
    const client = clientDeclaration(creation);
    if (!client) {
      skip('not a single `const`/`let` declaration in the body of its function');
      continue;
    }
    const { name, declaration, block, fn } = client;

    // Arguments: module-level values only (a per-request value would make each request's client different).
    if (usesFunctionValues(j, creation)) {
      skip('its options use values of the function (per request)');
      continue;
    }

    // Uses: only method calls and property reads on the variable, inside this function.
    const members = memberUses(j, client);
    if (!members) {
      skip('the client is returned, passed on or reassigned');
      continue;
    }
    const methods = members.map((member) => identifierName(member.property) ?? '');
    if (entry.kind === 'connection' && !(entry.library === 'ioredis' || entry.library === 'redis')) {
      skip(
        'a single SQL connection shared by concurrent requests would serialise their queries and mix their ' +
          'transactions; use a pool',
      );
      continue;
    }
    if (methods.some((method) => CONNECTION_HOLDING_COMMANDS.has(method.toLowerCase()))) {
      skip('the client runs commands that hold its connection (blocking, pub/sub or transactions)');
      continue;
    }

    // Per-request connect calls move into the getter; close calls go.
    const body = block.body;
    const position = body.indexOf(declaration);
    const connects: ASTNode[] = [];
    for (const statement of body.slice(position + 1)) {
      const method = statementCall(statement, name);
      if (method === null || !entry.connectMethods.includes(method)) break;
      connects.push(statement);
    }
    const closes: { statement: ASTNode; parent: ASTNode | null }[] = [];
    for (const visited of walk(block)) {
      const method = statementCall(visited.node, name);
      if (method !== null && entry.closeMethods.includes(method))
        closes.push({ statement: visited.node, parent: visited.parent });
    }
    // Every connect and close of the client must be one of those statements: a connect left in place would reconnect
    // the shared client per request, a close left in place would close it for everyone.
    const connectUses = methods.filter((method) => entry.connectMethods.includes(method)).length;
    const closeUses = methods.filter((method) => entry.closeMethods.includes(method)).length;
    if (connectUses !== connects.length || closeUses !== closes.length) {
      skip('it is connected or closed in a way the codemod cannot move (not a statement right after its creation)');
      continue;
    }
    const needsAsync = client.awaited || connects.length > 0;
    if (needsAsync && !fn.node.async) {
      skip('connecting once needs `await`, and the function is not async');
      continue;
    }

    const initText = textOf(source, client.value);
    const connectTexts = connects.map((statement) => textOf(source, statement));
    const key = [name, initText, ...connectTexts].join('\u0000');
    let getter = getters.get(key);
    if (!getter) {
      getter = freeName(`get${capitalise(name)}`, taken);
      getters.set(key, getter);
      const holder = freeName(needsAsync ? `${name}Promise` : `${name}Instance`, taken);
      const topLevel = topLevelStatement(fn);
      // TypeScript: the holder's type, from the constructor or factory (`let x;` read in a closure would be `any`).
      const calleeText = textOf(source, creation.node.callee);
      const instance =
        creation.node.type === 'NewExpression'
          ? `InstanceType<typeof ${calleeText}>`
          : `ReturnType<typeof ${calleeText}>`;
      const text = getterLines({
        name,
        getter,
        holder,
        initText,
        connectTexts,
        async: needsAsync,
        what: `One ${entry.library} ${entry.kind === 'pool' ? 'pool' : 'client'} for the process`,
        ...(typescript ? { instance } : {}),
      });
      // Leading comments of the statement stay attached to it: insert above them.
      const leading = ('comments' in topLevel ? (topLevel.comments ?? []) : []).filter(
        (comment) => endOf(comment) <= startOf(topLevel),
      );
      const insertAt = lineStartAt(source, startOf(leading.at(0) ?? topLevel));
      const list = inserts.get(insertAt) ?? [];
      list.push(text.join(eol));
      inserts.set(insertAt, list);
    }

    edits.push({
      start: startOf(declaration),
      end: endOf(declaration),
      text: `${declaration.kind} ${name} = ${needsAsync ? 'await ' : ''}${getter}();`,
    });
    for (const statement of connects) {
      const [start, end] = lineRange(statement);
      edits.push({ start, end, text: '' });
    }
    for (const { statement, parent } of closes) {
      const tryStatement = isNode(parent, 'BlockStatement') ? findTry(block, parent) : null;
      if (tryStatement && isNode(parent, 'BlockStatement') && parent.body.length === 1) {
        edits.push(...finallyRemoval(source, tryStatement, parent, edits));
        continue;
      }
      const [start, end] = lineRange(statement);
      edits.push({ start, end, text: '' });
    }
    hoisted += 1;
  }
  if (hoisted === 0) return { output: source, changed: false, hoisted, reports };

  for (const [at, texts] of inserts)
    edits.push({ start: at, end: at, text: `${texts.join(`${eol}${eol}`)}${eol}${eol}` });
  // Edits inside an unwrapped `try` were folded into it; drop any that still overlap it.
  const unwraps = edits.filter((edit) => edit.unwrap);
  const final = edits.filter(
    (edit) =>
      edit.unwrap || !unwraps.some((u) => edit.start >= u.start && edit.end <= u.end && edit.start !== edit.end),
  );
  final.sort((a, b) => b.start - a.start || b.end - a.end);
  let output = source;
  for (const edit of final) output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  return { output, changed: output !== source, hoisted, reports };
}

/**
 * The edits that remove a `finally` block whose only statement closes the client. Without a `catch`, the whole
 * `try` gives way to its block's statements, one level less indented, with the edits already planned inside it
 * folded in (and taken out of `edits`); with a `catch`, only the `finally` clause goes.
 */
function finallyRemoval(
  source: string,
  tryStatement: NodeOf<'TryStatement'>,
  finalizer: NodeOf<'BlockStatement'>,
  edits: HoistEdit[],
): HoistEdit[] {
  if (tryStatement.handler) return [{ start: endOf(tryStatement.handler), end: endOf(finalizer), text: '' }];
  // `try { … } finally { client.end(); }` → the try block's statements, one level less indented.
  const inner = tryStatement.block.body;
  const first = inner.at(0);
  const last = inner.at(-1);
  const [start, end] = wholeLines(source, startOf(tryStatement), endOf(tryStatement));
  if (!first || !last) return [{ start, end, text: '' }];
  const innerStart = lineStartAt(source, startOf(first));
  const innerEnd = nextLineStart(source, endOf(last)) ?? endOf(last);
  const nested = edits.filter((edit) => edit.start >= innerStart && edit.end <= innerEnd);
  let innerText = source.slice(innerStart, innerEnd);
  for (const edit of [...nested].sort((a, b) => b.start - a.start)) {
    innerText = innerText.slice(0, edit.start - innerStart) + edit.text + innerText.slice(edit.end - innerStart);
    edits.splice(edits.indexOf(edit), 1);
  }
  const outer = indentAt(source, startOf(tryStatement));
  const innerIndent = indentAt(source, startOf(first));
  const dedented = innerText
    .split(/(?<=\n)/u)
    .map((line) => (line.startsWith(innerIndent) ? outer + line.slice(innerIndent.length) : line))
    .join('');
  return [{ start, end, text: dedented, unwrap: true }];
}

/** The `try` statement (inside `root`) whose `finally` block is `finalizer`. */
function findTry(root: ASTNode, finalizer: ASTNode): NodeOf<'TryStatement'> | null {
  for (const { node } of walk(root)) {
    if (isNode(node, 'TryStatement') && node.finalizer === finalizer) return node;
  }
  return null;
}

export default function transform(file: FileInfo, api: API, options: CodemodRunOptions): string | undefined {
  const result = hoistClients(file.source, file.path, options.settings ? { settings: options.settings } : {});
  for (const report of result.reports) api.report(report);
  return result.changed ? result.output : undefined;
}
