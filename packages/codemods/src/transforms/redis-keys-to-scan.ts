import type { API, ASTNode, ASTPath, FileInfo } from 'jscodeshift';
import { jscodeshiftFor } from '../engine/jscodeshift.js';
import { codemodSites, type RuleSite } from '../engine/rule-codemod.js';
import type { CodemodMeta, CodemodRunOptions } from '../types.js';
import { dependencyMajor } from '../engine/package-json.js';
import { numberOption } from '../engine/options.js';
import { applyEdits, freeName, usedNames, type Edit } from '../util/text.js';
import { eolOf, indentAt, indentUnitOf, wholeLines } from '@backend-perf/core';

export const meta: CodemodMeta = {
  name: 'redis-keys-to-scan',
  description:
    'Replaces Redis `KEYS pattern` with incremental `SCAN` iteration: ioredis `scanStream({ match, count })`, node-redis `scanIterator({ MATCH, COUNT })`, collecting the same keys.',
  rules: ['no-redis-keys'],
  options: {
    count: {
      type: 'number',
      description: 'The `COUNT` hint of each `SCAN` call: how many keys Redis looks at per round trip.',
      default: 100,
      integer: true,
      minimum: 1,
    },
    nodeRedisMajor: {
      type: 'number',
      description:
        'The node-redis major version (4 yields one key per step of `scanIterator`, 5 and later yield arrays). Default: read from the nearest package.json (`redis` or `@redis/client`), else 4.',
      integer: true,
      minimum: 4,
    },
  },
};

/** jscodeshift's parser option; the transform parses each file with the parser for its extension. */
export const parser = 'tsx';

type Node = ASTNode & {
  type: string;
  start: number;
  end: number;
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
};
type AnyNode = Node & Record<string, unknown>;

const STATEMENT_LISTS = new Set(['BlockStatement', 'Program', 'StaticBlock']);

function at(node: unknown): AnyNode {
  return node as AnyNode;
}

function matchesSite(node: Node, site: RuleSite): boolean {
  return (
    node.loc.start.line === site.line &&
    node.loc.start.column + 1 === site.column &&
    node.loc.end.line === site.endLine &&
    node.loc.end.column + 1 === site.endColumn
  );
}

/** Whether a `break` (or a labelled jump) inside `body` would leave the loop that `body` belongs to. */
function breaksOutOf(body: AnyNode): boolean {
  let found = false;
  const visit = (node: unknown, depth: number): void => {
    if (found || !node || typeof node !== 'object') return;
    const current = node as AnyNode;
    if (typeof current.type !== 'string') return;
    if (current.type === 'LabeledStatement') found = true;
    if (current.type === 'BreakStatement' && depth === 0) found = true;
    if (/Function|Class/u.test(current.type)) return;
    const nested = /^(For|ForIn|ForOf|While|DoWhile|Switch)Statement$/u.test(current.type) ? depth + 1 : depth;
    for (const [key, value] of Object.entries(current)) {
      if (key === 'loc' || key === 'tokens' || key === 'comments') continue;
      if (Array.isArray(value)) for (const item of value) visit(item, nested);
      else visit(value, nested);
    }
  };
  visit(body, 0);
  return found;
}

function hasMultilineTemplate(node: AnyNode): boolean {
  let found = false;
  const visit = (value: unknown): void => {
    if (found || !value || typeof value !== 'object') return;
    const current = value as AnyNode;
    if (current.type === 'TemplateLiteral' && current.loc.start.line !== current.loc.end.line) {
      found = true;
      return;
    }
    for (const [key, child] of Object.entries(current)) {
      if (key === 'loc' || key === 'tokens' || key === 'comments') continue;
      if (Array.isArray(child)) child.forEach(visit);
      else visit(child);
    }
  };
  visit(node);
  return found;
}

/**
 * Commands that neither create keys nor rename them: a loop body that only sends these (and calls methods of the key
 * string itself) cannot make `SCAN` see keys that `KEYS` would not have returned, so it may run while the scan goes.
 */
const SAFE_DURING_SCAN = new Set(
  [
    'del',
    'unlink',
    'get',
    'getBuffer',
    'mget',
    'exists',
    'type',
    'ttl',
    'pttl',
    'strlen',
    'expire',
    'pexpire',
    'expireat',
    'pexpireat',
    'expireAt',
    'pExpire',
    'pExpireAt',
    'persist',
    'hget',
    'hGet',
    'hgetall',
    'hGetAll',
    'hmget',
    'hmGet',
    'hlen',
    'hLen',
    'llen',
    'lLen',
    'scard',
    'sCard',
    'zcard',
    'zCard',
    'lrange',
    'lRange',
    'smembers',
    'sMembers',
    'dump',
  ].flatMap((name) => [name, name.toUpperCase()]),
);

/** Whether every call in a loop body is a safe command on the client or a method of the loop's key. */
function safeDuringScan(body: AnyNode, receiver: string, loopName: string, text: (node: unknown) => string): boolean {
  let safe = true;
  const visit = (value: unknown): void => {
    if (!safe || !value || typeof value !== 'object') return;
    const node = value as AnyNode;
    if (typeof node.type !== 'string') return;
    if (node.type === 'CallExpression' || node.type === 'NewExpression' || node.type === 'OptionalCallExpression') {
      const callee = at(node.callee);
      const isMember = callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression';
      const object = isMember ? text(callee.object) : null;
      const method = isMember && !callee.computed ? String(at(callee.property).name) : null;
      const ok =
        node.type !== 'NewExpression' &&
        method !== null &&
        ((object === receiver && SAFE_DURING_SCAN.has(method)) || object === loopName);
      if (!ok) {
        safe = false;
        return;
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'loc' || key === 'tokens' || key === 'comments') continue;
      if (Array.isArray(child)) child.forEach(visit);
      else visit(child);
    }
  };
  visit(body);
  return safe;
}

export default function transform(file: FileInfo, api: API, options: CodemodRunOptions): string | undefined {
  const source = file.source;
  const sites = codemodSites(meta, source, file.path, options);
  if (sites.length === 0) return undefined;

  const j = jscodeshiftFor(file.path);
  const root = j(source);
  const typescript = /\.(?:c|m)?tsx?$/iu.test(file.path);
  const count = numberOption(meta, options, 'count');
  const major =
    options.nodeRedisMajor !== undefined
      ? numberOption(meta, options, 'nodeRedisMajor')
      : (dependencyMajor(file.path, ['redis', '@redis/client']) ?? 4);
  const eol = eolOf(source);
  const unit = indentUnitOf(source);
  const used = usedNames(source);
  const edits: Edit[] = [];
  const text = (node: unknown): string => source.slice(at(node).start, at(node).end);
  const skip = (site: RuleSite, why: string): void => {
    api.report(`${file.path}:${site.line}:${site.column}: left unchanged: ${why}`);
  };

  const calls = root.find(j.CallExpression).paths() as ASTPath<Node>[];
  for (const site of sites) {
    if (site.ruleId !== 'backend-perf/no-redis-keys') continue;
    const path = calls.find((candidate) => matchesSite(candidate.node, site));
    if (!path) continue;
    if (site.messageId === 'clusterKeys') {
      skip(site, 'a cluster client needs SCAN on every master node; rewrite by hand');
      continue;
    }
    const call = at(path.node);
    const args = call.arguments as AnyNode[];
    const callee = at(call.callee);
    if (args.length !== 1 || args[0]?.type === 'SpreadElement' || callee.type !== 'MemberExpression') {
      skip(site, '`keys` is called with a callback or more than a pattern');
      continue;
    }
    const ioredis = site.messageId === 'ioredisKeys';
    const batched = ioredis || major >= 5;
    const receiver = text(callee.object);
    const pattern = text(args[0]);
    const scan = ioredis
      ? `${receiver}.scanStream({ match: ${pattern}, count: ${count} })`
      : `${receiver}.scanIterator({ MATCH: ${pattern}, COUNT: ${count} })`;
    const awaitPath = path.parent as ASTPath<Node> | null;
    const awaited = awaitPath ? at(awaitPath.node) : null;
    if (!awaitPath || awaited?.type !== 'AwaitExpression' || awaited.argument !== path.node) {
      skip(site, 'the result is not awaited where it is used; rewrite by hand');
      continue;
    }
    const holder = awaitPath.parent as ASTPath<Node>;
    const holderNode = at(holder.node);
    const setType = typescript ? '<string>' : '';

    /** Statements that collect the keys into a Set named `set`, indented for a statement at `indent`. */
    const collect = (set: string, indent: string): string => {
      // The loop variable's scope holds only the generated loop, whose head must not see a same-named variable.
      const key = freeName('key', usedNames(`${receiver} ${pattern} ${set}`));
      if (batched) {
        const batch = freeName('batch', used);
        return (
          `const ${set} = new Set${setType}();${eol}` +
          `${indent}for await (const ${batch} of ${scan}) {${eol}` +
          `${indent}${unit}for (const ${key} of ${batch}) ${set}.add(${key});${eol}` +
          `${indent}}`
        );
      }
      return `const ${set} = new Set${setType}();${eol}${indent}for await (const ${key} of ${scan}) ${set}.add(${key});`;
    };

    /** Rewrites `for (const k of <keys>) body` to iterate SCAN directly, skipping keys SCAN returns twice. */
    const iterate = (loop: AnyNode): Edit | null => {
      const left = at(loop.left);
      const declarator = left.type === 'VariableDeclaration' ? at((left.declarations as AnyNode[])[0]) : null;
      if (
        loop.await ||
        !declarator ||
        at(declarator.id).type !== 'Identifier' ||
        (left.declarations as AnyNode[]).length !== 1
      )
        return null;
      const body = at(loop.body);
      if (batched && breaksOutOf(body)) return null;
      const loopName = String(at(declarator.id).name);
      if (!safeDuringScan(body, receiver, loopName, text)) return null;
      const indent = indentAt(source, loop.start);
      const seen = freeName('seen', used);
      const bodyIsBlock = body.type === 'BlockStatement';
      let inner = bodyIsBlock
        ? source.slice(body.start + 1, body.end - 1)
        : `${eol}${indent}${unit}${text(body)}${eol}${indent}`;
      const guard = `${eol}${indent}${unit}if (${seen}.has(${loopName})) continue;${eol}${indent}${unit}${seen}.add(${loopName});`;
      if (!batched) {
        return {
          start: loop.start,
          end: loop.end,
          text: `const ${seen} = new Set${setType}();${eol}${indent}for await (${text(left)} of ${scan}) {${guard}${inner.replace(/^[ \t]*\r?\n/u, eol)}}`,
        };
      }
      if (!hasMultilineTemplate(body))
        inner = inner.replace(/\n(?=[ \t]*\S)/gu, `\n${unit}`).replace(/\n([ \t]*)$/u, `\n$1${unit}`);
      const batch = freeName('batch', used);
      const guardInner = guard.replace(new RegExp(`${eol}${indent}${unit}`, 'gu'), `${eol}${indent}${unit}${unit}`);
      return {
        start: loop.start,
        end: loop.end,
        text:
          `const ${seen} = new Set${setType}();${eol}` +
          `${indent}for await (const ${batch} of ${scan}) {${eol}` +
          `${indent}${unit}for (${text(left)} of ${batch}) {${guardInner}${inner.replace(/^[ \t]*\r?\n/u, eol)}}${eol}` +
          `${indent}}`,
      };
    };

    if (holderNode.type === 'ForOfStatement' && holderNode.right === awaited) {
      const edit = iterate(holderNode);
      if (edit) {
        edits.push(edit);
      } else {
        // Collect first, then run the loop unchanged over the collected keys.
        const indent = indentAt(source, holderNode.start);
        const set = freeName('keysFound', used);
        edits.push({ start: holderNode.start, end: holderNode.start, text: `${collect(set, indent)}${eol}${indent}` });
        edits.push({ start: awaited.start, end: awaited.end, text: set });
      }
      continue;
    }

    if (
      holderNode.type === 'VariableDeclarator' &&
      holderNode.init === awaited &&
      at(holderNode.id).type === 'Identifier'
    ) {
      const declaration = at((holder.parent as ASTPath<Node>).node);
      const container = (holder.parent as ASTPath<Node>).parent as ASTPath<Node>;
      if ((declaration.declarations as AnyNode[]).length !== 1 || !STATEMENT_LISTS.has(at(container.node).type)) {
        skip(site, 'the declaration declares more than the keys; rewrite by hand');
        continue;
      }
      const name = String(at(holderNode.id).name);
      // Only iterated once by a `for...of` in the same block: iterate SCAN there and drop the array.
      const references = j(container.node as never)
        .find(j.Identifier, { name })
        .paths()
        .filter(
          (reference) =>
            reference.node !== holderNode.id &&
            !(
              at(reference.parent?.node).type === 'MemberExpression' &&
              at(reference.parent?.node).property === reference.node &&
              !at(reference.parent?.node).computed
            ) &&
            !(
              at(reference.parent?.node).type === 'ObjectProperty' && at(reference.parent?.node).key === reference.node
            ),
        );
      const onlyUse = references.length === 1 ? references[0] : undefined;
      const loop = onlyUse ? at(onlyUse.parent?.node) : null;
      const statements = (container.node as unknown as { body: unknown[] }).body;
      if (
        loop?.type === 'ForOfStatement' &&
        loop.right === onlyUse?.node &&
        statements.indexOf(loop) === statements.indexOf(declaration) + 1
      ) {
        const edit = iterate(loop);
        if (edit) {
          const [start, end] = wholeLines(source, declaration.start, declaration.end);
          edits.push({ start, end, text: '' }, edit);
          continue;
        }
      }
      const indent = indentAt(source, declaration.start);
      const set = freeName(`${name}Found`, used);
      edits.push({
        start: declaration.start,
        end: declaration.end,
        text: `${collect(set, indent)}${eol}${indent}${String(declaration.kind)} ${text(holderNode.id)} = [...${set}];`,
      });
      continue;
    }

    if (
      holderNode.type === 'AssignmentExpression' &&
      holderNode.operator === '=' &&
      holderNode.right === awaited &&
      at(holderNode.left).type === 'Identifier'
    ) {
      const statement = (holder.parent as ASTPath<Node>).node as AnyNode;
      const container = ((holder.parent as ASTPath<Node>).parent as ASTPath<Node>).node as AnyNode;
      if (statement.type === 'ExpressionStatement' && STATEMENT_LISTS.has(container.type)) {
        const indent = indentAt(source, statement.start);
        const name = String(at(holderNode.left).name);
        const set = freeName(`${name}Found`, used);
        edits.push({
          start: statement.start,
          end: statement.end,
          text: `${collect(set, indent)}${eol}${indent}${name} = [...${set}];`,
        });
        continue;
      }
    }
    skip(site, 'the keys are used inside a larger expression; assign them to a variable first');
  }
  if (edits.length === 0) return undefined;
  const output = applyEdits(source, edits);
  return output === source ? undefined : output;
}
