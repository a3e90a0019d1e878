import { CLIENT_APIS, type ClientApiEntry, eolOf } from '@backend-perf/core';
import type { API, ASTPath, FileInfo } from 'jscodeshift';
import { jscodeshiftFor } from '../engine/jscodeshift.js';
import { nodeAtSite } from '../engine/locate.js';
import { codemodSites, type RuleSite } from '../engine/rule-codemod.js';
import type { CodemodMeta, CodemodRunOptions } from '../types.js';

export const meta: CodemodMeta = {
  name: 'hoist-clients',
  description:
    'Moves database and cache clients created per request to one module-level instance, created lazily once, and removes their per-request connect and close calls.',
  rules: ['no-client-per-request'],
  options: {},
};

/** jscodeshift's parser option; the transform parses with the parser that fits each file's extension. */
export const parser = 'tsx';

type AnyNode = {
  type: string;
  start: number;
  end: number;
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
  [key: string]: unknown;
};

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

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

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
]);

function entryOf(site: RuleSite): ClientApiEntry | null {
  const id = /`([^`]+)`/u.exec(site.message)?.[1];
  return CLIENT_APIS.find((entry) => entry.id === id) ?? null;
}

function capitalise(name: string): string {
  return `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;
}

/** `await x.method(...)` or `x.method(...)` as a statement: the method name, when the receiver is `name`. */
function statementCall(statement: AnyNode, name: string): string | null {
  if (statement.type !== 'ExpressionStatement') return null;
  let expression = statement.expression as AnyNode;
  if (expression.type === 'AwaitExpression') expression = expression.argument as AnyNode;
  if (expression.type !== 'CallExpression') return null;
  const callee = expression.callee as AnyNode;
  if (callee.type !== 'MemberExpression' || callee.computed) return null;
  const object = callee.object as AnyNode;
  const property = callee.property as AnyNode;
  if (object.type !== 'Identifier' || object.name !== name || property.type !== 'Identifier') return null;
  return property.name as string;
}

/** Child nodes of a node, skipping location and comment data. */
function children(node: AnyNode): AnyNode[] {
  const result: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (
      key === 'loc' ||
      key === 'comments' ||
      key === 'leadingComments' ||
      key === 'trailingComments' ||
      key === 'extra'
    )
      continue;
    if (Array.isArray(value)) {
      for (const item of value)
        if (item && typeof item === 'object' && typeof (item as AnyNode).type === 'string')
          result.push(item as AnyNode);
    } else if (value && typeof value === 'object' && typeof (value as AnyNode).type === 'string') {
      result.push(value as AnyNode);
    }
  }
  return result;
}

/** Every node below `node`, not entering nested functions. */
function* walk(node: AnyNode, parent: AnyNode | null = null): Generator<{ node: AnyNode; parent: AnyNode | null }> {
  yield { node, parent };
  for (const child of children(node)) {
    if (FUNCTION_TYPES.has(child.type)) continue;
    yield* walk(child, node);
  }
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
  const lines = source.split(/\r?\n/u);
  const lineStarts: number[] = [0];
  for (let i = 0; i < source.length; i += 1) if (source[i] === '\n') lineStarts.push(i + 1);
  const taken = new Set<string>();
  root.find(j.Identifier).forEach((p) => {
    taken.add(p.node.name);
  });
  const unique = (name: string): string => {
    let candidate = name;
    for (let n = 2; taken.has(candidate); n += 1) candidate = `${name}${n}`;
    taken.add(candidate);
    return candidate;
  };
  const indentOf = (line: number): string => /^\s*/u.exec(lines[line - 1] ?? '')?.[0] ?? '';
  /** The range of whole lines a statement occupies (with its line break), when nothing else is on them. */
  const lineRange = (node: AnyNode): [number, number] => {
    const first = node.loc.start.line;
    const last = node.loc.end.line;
    const lineStart = lineStarts[first - 1] ?? 0;
    const lineEnd = lineStarts[last] ?? source.length;
    const before = source.slice(lineStart, node.start);
    const after = source.slice(node.end, lineEnd);
    if (before.trim() === '' && after.trim() === '') return [lineStart, lineEnd];
    return [node.start, node.end];
  };

  const edits: Edit[] = [];
  const getters = new Map<string, string>();
  const inserts = new Map<number, string[]>();
  let hoisted = 0;

  for (const site of sites) {
    const where = `${filename}:${site.line}:${site.column}`;
    const skip = (reason: string): void => {
      reports.push(`${where}: left unchanged (${reason}): ${site.message}`);
    };
    const entry = entryOf(site);
    const creation = nodeAtSite<AnyNode>(j, root, site, ['NewExpression', 'CallExpression']);
    if (!entry || !creation) {
      skip('not found');
      continue;
    }
    // creation → (await) → declarator → declaration, directly in the function body.
    let valuePath: ASTPath<AnyNode> = creation;
    const awaited = valuePath.parent?.node.type === 'AwaitExpression';
    if (awaited) valuePath = valuePath.parent as ASTPath<AnyNode>;
    const declarator = valuePath.parent?.node as AnyNode | undefined;
    const declaration = valuePath.parent?.parent?.node as AnyNode | undefined;
    const block = valuePath.parent?.parent?.parent?.node as AnyNode | undefined;
    const fn = valuePath.parent?.parent?.parent?.parent?.node as AnyNode | undefined;
    const id = declarator?.id as AnyNode | undefined;
    if (
      declarator?.type !== 'VariableDeclarator' ||
      id?.type !== 'Identifier' ||
      id.typeAnnotation ||
      declaration?.type !== 'VariableDeclaration' ||
      (declaration.declarations as AnyNode[]).length !== 1 ||
      block?.type !== 'BlockStatement' ||
      !fn ||
      !FUNCTION_TYPES.has(fn.type)
    ) {
      skip('not a single `const`/`let` declaration in the body of its function');
      continue;
    }
    const name = id.name as string;

    // Arguments: module-level values only (a per-request value would make each request's client different).
    const creationPath = creation;
    let local = false;
    j(creationPath as never)
      .find(j.Identifier)
      .forEach((p) => {
        const parentNode = p.parent?.node as AnyNode | undefined;
        if (parentNode?.type === 'MemberExpression' && parentNode.property === p.node && !parentNode.computed) return;
        if (
          (parentNode?.type === 'ObjectProperty' || parentNode?.type === 'Property') &&
          parentNode.key === p.node &&
          !parentNode.computed
        )
          return;
        if (p.node === creation.node.callee) return;
        const scope = p.scope?.lookup(p.node.name);
        if (scope && !scope.isGlobal) local = true;
      });
    if (
      j(creationPath as never)
        .find(j.ThisExpression)
        .size() > 0 ||
      j(creationPath as never)
        .find(j.AwaitExpression)
        .size() > 0
    )
      local = true;
    if (local) {
      skip('its options use values of the function (per request)');
      continue;
    }

    // Uses: only method calls and property reads on the variable, inside this function.
    const uses: { member: AnyNode; parent: AnyNode | null }[] = [];
    let escapes = false;
    const fnPath = valuePath.parent?.parent?.parent?.parent as ASTPath<AnyNode>;
    const declaringScope = (valuePath.parent as ASTPath<AnyNode>).scope;
    j(fnPath as never)
      .find(j.Identifier, { name })
      .forEach((p) => {
        if (p.node === (id as unknown)) return;
        const parentNode = p.parent?.node as AnyNode | undefined;
        if (parentNode?.type === 'MemberExpression' && parentNode.property === p.node && !parentNode.computed) return;
        if (
          (parentNode?.type === 'ObjectProperty' || parentNode?.type === 'Property') &&
          parentNode.key === p.node &&
          !parentNode.shorthand
        )
          return;
        if (p.scope?.lookup(name) !== declaringScope) return;
        if (parentNode?.type === 'MemberExpression' && parentNode.object === p.node) {
          uses.push({ member: parentNode, parent: (p.parent?.parent?.node as AnyNode | undefined) ?? null });
        } else {
          escapes = true;
        }
      });
    if (escapes) {
      skip('the client is returned, passed on or reassigned');
      continue;
    }
    const methods = uses.map(({ member }) => ((member.property as AnyNode).name as string | undefined) ?? '');
    if (entry.kind === 'connection' && !(entry.library === 'ioredis' || entry.library === 'redis')) {
      skip(
        'a single SQL connection shared by concurrent requests would serialise their queries and mix their transactions; use a pool',
      );
      continue;
    }
    if (methods.some((method) => CONNECTION_HOLDING_COMMANDS.has(method.toLowerCase()))) {
      skip('the client runs commands that hold its connection (blocking, pub/sub or transactions)');
      continue;
    }

    // Per-request connect calls move into the getter; close calls go.
    const body = block.body as AnyNode[];
    const position = body.indexOf(declaration);
    const connects: AnyNode[] = [];
    for (const statement of body.slice(position + 1)) {
      const method = statementCall(statement, name);
      if (method === null || !entry.connectMethods.includes(method)) break;
      connects.push(statement);
    }
    const closes: { statement: AnyNode; parent: AnyNode | null }[] = [];
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
    const needsAsync = awaited || connects.length > 0;
    if (needsAsync && !fn.async) {
      skip('connecting once needs `await`, and the function is not async');
      continue;
    }

    const initText = source.slice(
      (awaited ? valuePath.node : creation.node).start,
      (awaited ? valuePath.node : creation.node).end,
    );
    const connectTexts = connects.map((statement) => source.slice(statement.start, statement.end));
    const key = [name, initText, ...connectTexts].join('\u0000');
    let getter = getters.get(key);
    if (!getter) {
      getter = unique(`get${capitalise(name)}`);
      getters.set(key, getter);
      const holder = unique(needsAsync ? `${name}Promise` : `${name}Instance`);
      const topLevel = ((): AnyNode => {
        let current: ASTPath<AnyNode> = fnPath;
        while (current.parent && current.parent.node.type !== 'Program') current = current.parent as ASTPath<AnyNode>;
        return current.node;
      })();
      const u = '  ';
      // TypeScript: the holder's type, from the constructor or factory (`let x;` read in a closure would be `any`).
      let annotation = '';
      if (typescript) {
        const calleeText = source.slice((creation.node.callee as AnyNode).start, (creation.node.callee as AnyNode).end);
        const instance =
          creation.node.type === 'NewExpression'
            ? `InstanceType<typeof ${calleeText}>`
            : `ReturnType<typeof ${calleeText}>`;
        annotation = needsAsync ? `: Promise<Awaited<${instance}>> | undefined` : `: ${instance} | undefined`;
      }
      const text = needsAsync
        ? [
            `let ${holder}${annotation};`,
            '',
            `/** One ${entry.library} ${entry.kind === 'pool' ? 'pool' : 'client'} for the process, created and connected on first use. */`,
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
          ]
        : [
            `let ${holder}${annotation};`,
            '',
            `/** One ${entry.library} ${entry.kind === 'pool' ? 'pool' : 'client'} for the process, created on first use. */`,
            `function ${getter}() {`,
            `${u}${holder} ??= ${initText};`,
            `${u}return ${holder};`,
            '}',
          ];
      const at = lineStarts[topLevel.loc.start.line - 1] ?? 0;
      // Leading comments of the statement stay attached to it: insert above them.
      const leading =
        (topLevel.comments as AnyNode[] | undefined)?.filter((comment) => comment.end <= topLevel.start) ?? [];
      const insertAt = leading.length > 0 ? (lineStarts[leading[0].loc.start.line - 1] ?? at) : at;
      const list = inserts.get(insertAt) ?? [];
      list.push(text.join(eol));
      inserts.set(insertAt, list);
    }

    edits.push({
      start: declaration.start,
      end: declaration.end,
      text: `${declaration.kind as string} ${name} = ${needsAsync ? 'await ' : ''}${getter}();`,
    });
    for (const statement of connects) {
      const [start, end] = lineRange(statement);
      edits.push({ start, end, text: '' });
    }
    for (const { statement, parent } of closes) {
      const tryStatement = parent?.type === 'BlockStatement' ? findTry(block, parent) : null;
      const finalizer = parent;
      if (tryStatement && finalizer && (finalizer.body as AnyNode[]).length === 1) {
        const tryBlock = tryStatement.block as AnyNode;
        if (!tryStatement.handler) {
          // `try { … } finally { client.end(); }` → the try block's statements, one level less indented.
          const inner = tryBlock.body as AnyNode[];
          const first = inner[0];
          const last = inner.at(-1);
          const [start, end] = lineRange(tryStatement);
          if (!first || !last) {
            edits.push({ start, end, text: '' });
            continue;
          }
          const innerStart = lineStarts[first.loc.start.line - 1] ?? first.start;
          const innerEnd = lineStarts[last.loc.end.line] ?? last.end;
          const nested = edits.filter((edit) => edit.start >= innerStart && edit.end <= innerEnd);
          let innerText = source.slice(innerStart, innerEnd);
          for (const edit of [...nested].sort((a, b) => b.start - a.start)) {
            innerText =
              innerText.slice(0, edit.start - innerStart) + edit.text + innerText.slice(edit.end - innerStart);
            edits.splice(edits.indexOf(edit), 1);
          }
          const outer = indentOf(tryStatement.loc.start.line);
          const innerIndent = indentOf(first.loc.start.line);
          const dedented = innerText
            .split(/(?<=\n)/u)
            .map((line) => (line.startsWith(innerIndent) ? outer + line.slice(innerIndent.length) : line))
            .join('');
          edits.push({ start, end, text: dedented, unwrap: true } as Edit);
          continue;
        }
        // `try { … } catch { … } finally { client.end(); }` → drop the finally clause.
        const handler = tryStatement.handler as AnyNode;
        edits.push({ start: handler.end, end: finalizer.end, text: '' });
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
  const unwraps = edits.filter((edit) => (edit as Edit & { unwrap?: boolean }).unwrap);
  const final = edits.filter(
    (edit) =>
      (edit as Edit & { unwrap?: boolean }).unwrap ||
      !unwraps.some((u) => edit.start >= u.start && edit.end <= u.end && edit.start !== edit.end),
  );
  final.sort((a, b) => b.start - a.start || b.end - a.end);
  let output = source;
  for (const edit of final) output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  return { output, changed: output !== source, hoisted, reports };
}

/** The `try` statement (inside `root`) whose `finally` block is `finalizer`. */
function findTry(root: AnyNode, finalizer: AnyNode): AnyNode | null {
  for (const { node } of walk(root)) {
    if (node.type === 'TryStatement' && node.finalizer === finalizer) return node;
  }
  return null;
}

export default function transform(file: FileInfo, api: API, options: CodemodRunOptions): string | undefined {
  const result = hoistClients(file.source, file.path, options.settings ? { settings: options.settings } : {});
  for (const report of result.reports) api.report(report);
  return result.changed ? result.output : undefined;
}
