import type { API, ASTNode, FileInfo } from 'jscodeshift';
import {
  childNodes,
  descendants,
  endLine,
  endOf,
  identifierName,
  isNode,
  jscodeshiftFor,
  parentNode,
  parentOf,
  startLine,
  startOf,
  textOf,
  type NodeOf,
} from '../engine/jscodeshift.js';
import { codemodSites, type RuleSite } from '../engine/rule-codemod.js';
import type { CodemodMeta, CodemodRunOptions } from '../types.js';
import { dependencyMajor } from '../engine/package-json.js';
import { numberOption } from '../engine/options.js';
import { applyEdits, freeName, usedNames, type Edit } from '../util/text.js';
import { eolOf, indentAt, indentUnitOf, wholeLines } from '@backend-perf/core';

export const meta: CodemodMeta = {
  name: 'redis-keys-to-scan',
  description:
    'Replaces Redis `KEYS pattern` with incremental `SCAN` iteration: ioredis `scanStream({ match, count })`, ' +
    'node-redis `scanIterator({ MATCH, COUNT })`, collecting the same keys.',
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
        'The node-redis major version (4 yields one key per step of `scanIterator`, 5 and later yield arrays). ' +
        'Default: read from the nearest package.json (`redis` or `@redis/client`), else 4.',
      integer: true,
      minimum: 4,
    },
  },
};

/** jscodeshift's parser option; the transform parses each file with the parser for its extension. */
export const parser = 'tsx';

/** The statement lists a declaration of the keys may stand in, with the `for...of` that uses them next to it. */
const STATEMENT_LISTS = ['BlockStatement', 'Program', 'StaticBlock'] as const;

/** Whether `node` spans exactly the range the rule reported (ESLint columns are 1-based, recast's 0-based). */
function matchesSite(node: ASTNode, site: RuleSite): boolean {
  const loc = 'loc' in node ? node.loc : null;
  return (
    loc?.start.line === site.line &&
    loc.start.column + 1 === site.column &&
    loc.end.line === site.endLine &&
    loc.end.column + 1 === site.endColumn
  );
}

/** Whether a `break` (or a labelled jump) inside `body` would leave the loop that `body` belongs to. */
function breaksOutOf(body: ASTNode, depth = 0): boolean {
  if (isNode(body, 'LabeledStatement') || (isNode(body, 'BreakStatement') && depth === 0)) return true;
  // A `break` in a nested function or class cannot leave this loop; one in a nested loop or `switch` leaves that.
  if (/Function|Class/u.test(body.type)) return false;
  const nested = /^(For|ForIn|ForOf|While|DoWhile|Switch)Statement$/u.test(body.type) ? depth + 1 : depth;
  return childNodes(body).some((child) => breaksOutOf(child, nested));
}

/** Whether `node` holds a template literal over several lines, whose text re-indenting would change. */
function hasMultilineTemplate(node: ASTNode): boolean {
  return [node, ...descendants(node, true)].some(
    (child) => isNode(child, 'TemplateLiteral') && startLine(child) !== endLine(child),
  );
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
function safeDuringScan(body: ASTNode, receiver: string, loopName: string, source: string): boolean {
  return [body, ...descendants(body, true)].every((node) => {
    if (isNode(node, 'NewExpression')) return false;
    if (!isNode(node, ['CallExpression', 'OptionalCallExpression'])) return true;
    const callee = node.callee;
    if (!isNode(callee, ['MemberExpression', 'OptionalMemberExpression'])) return false;
    const object = textOf(source, callee.object);
    const method = callee.computed ? null : identifierName(callee.property);
    return method !== null && ((object === receiver && SAFE_DURING_SCAN.has(method)) || object === loopName);
  });
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
  const text = (node: ASTNode): string => textOf(source, node);
  const skip = (site: RuleSite, why: string): void => {
    api.report(`${file.path}:${site.line}:${site.column}: left unchanged: ${why}`);
  };

  const calls = root.find(j.CallExpression).paths();
  for (const site of sites) {
    if (site.ruleId !== 'backend-perf/no-redis-keys') continue;
    const path = calls.find((candidate) => matchesSite(candidate.node, site));
    if (!path) continue;
    if (site.messageId === 'clusterKeys') {
      skip(site, 'a cluster client needs SCAN on every master node; rewrite by hand');
      continue;
    }
    const call = path.node;
    const args = call.arguments;
    const callee = call.callee;
    const first = args.at(0);
    if (args.length !== 1 || !first || isNode(first, 'SpreadElement') || !isNode(callee, 'MemberExpression')) {
      skip(site, '`keys` is called with a callback or more than a pattern');
      continue;
    }
    const ioredis = site.messageId === 'ioredisKeys';
    const batched = ioredis || major >= 5;
    const receiver = text(callee.object);
    const pattern = text(first);
    const scan = ioredis
      ? `${receiver}.scanStream({ match: ${pattern}, count: ${count} })`
      : `${receiver}.scanIterator({ MATCH: ${pattern}, COUNT: ${count} })`;
    const awaitPath = parentOf(path);
    const awaited = awaitPath?.node;
    const holder = awaitPath ? parentOf(awaitPath) : null;
    if (!holder || !isNode(awaited, 'AwaitExpression') || awaited.argument !== path.node) {
      skip(site, 'the result is not awaited where it is used; rewrite by hand');
      continue;
    }
    const holderNode = holder.node;
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
      return (
        `const ${set} = new Set${setType}();${eol}${indent}for await (const ${key} of ${scan}) ` + `${set}.add(${key});`
      );
    };

    /** Rewrites `for (const k of <keys>) body` to iterate SCAN directly, skipping keys SCAN returns twice. */
    const iterate = (loop: NodeOf<'ForOfStatement'>): Edit | null => {
      const left = loop.left;
      const declarator = isNode(left, 'VariableDeclaration') ? left.declarations.at(0) : null;
      const id = isNode(declarator, 'VariableDeclarator') ? declarator.id : null;
      if (loop.await || !isNode(left, 'VariableDeclaration') || !isNode(id, 'Identifier')) return null;
      if (left.declarations.length !== 1) return null;
      const body = loop.body;
      if (batched && breaksOutOf(body)) return null;
      const loopName = id.name;
      if (!safeDuringScan(body, receiver, loopName, source)) return null;
      const indent = indentAt(source, startOf(loop));
      const seen = freeName('seen', used);
      const bodyIsBlock = isNode(body, 'BlockStatement');
      let inner = bodyIsBlock
        ? source.slice(startOf(body) + 1, endOf(body) - 1)
        : `${eol}${indent}${unit}${text(body)}${eol}${indent}`;
      const guard =
        `${eol}${indent}${unit}if (${seen}.has(${loopName})) continue;` +
        `${eol}${indent}${unit}${seen}.add(${loopName});`;
      if (!batched) {
        return {
          start: startOf(loop),
          end: endOf(loop),
          text:
            `const ${seen} = new Set${setType}();${eol}` +
            `${indent}for await (${text(left)} of ${scan}) {${guard}${inner.replace(/^[ \t]*\r?\n/u, eol)}}`,
        };
      }
      if (!hasMultilineTemplate(body))
        inner = inner.replace(/\n(?=[ \t]*\S)/gu, `\n${unit}`).replace(/\n([ \t]*)$/u, `\n$1${unit}`);
      const batch = freeName('batch', used);
      const guardInner = guard.replace(new RegExp(`${eol}${indent}${unit}`, 'gu'), `${eol}${indent}${unit}${unit}`);
      return {
        start: startOf(loop),
        end: endOf(loop),
        text:
          `const ${seen} = new Set${setType}();${eol}` +
          `${indent}for await (const ${batch} of ${scan}) {${eol}` +
          `${indent}${unit}for (${text(left)} of ${batch}) ` +
          `{${guardInner}${inner.replace(/^[ \t]*\r?\n/u, eol)}}${eol}` +
          `${indent}}`,
      };
    };

    if (isNode(holderNode, 'ForOfStatement') && holderNode.right === awaited) {
      const edit = iterate(holderNode);
      if (edit) {
        edits.push(edit);
      } else {
        // Collect first, then run the loop unchanged over the collected keys.
        const start = startOf(holderNode);
        const indent = indentAt(source, start);
        const set = freeName('keysFound', used);
        edits.push({ start, end: start, text: `${collect(set, indent)}${eol}${indent}` });
        edits.push({ start: startOf(awaited), end: endOf(awaited), text: set });
      }
      continue;
    }

    const statementPath = parentOf(holder);
    const statement = statementPath?.node;
    const container = statementPath ? parentNode(statementPath) : null;
    if (
      isNode(holderNode, 'VariableDeclarator') &&
      holderNode.init === awaited &&
      isNode(holderNode.id, 'Identifier')
    ) {
      if (
        !isNode(statement, 'VariableDeclaration') ||
        statement.declarations.length !== 1 ||
        !isNode(container, STATEMENT_LISTS)
      ) {
        skip(site, 'the declaration declares more than the keys; rewrite by hand');
        continue;
      }
      const id = holderNode.id;
      const name = id.name;
      // Only iterated once by a `for...of` in the same block: iterate SCAN there and drop the array.
      const references = j(container)
        .find(j.Identifier, { name })
        .paths()
        .filter((reference) => reference.node !== id && !isPropertyName(parentNode(reference), reference.node));
      const onlyUse = references.length === 1 ? references[0] : undefined;
      const loop = onlyUse ? parentNode(onlyUse) : null;
      const statements: readonly ASTNode[] = container.body;
      if (
        isNode(loop, 'ForOfStatement') &&
        loop.right === onlyUse?.node &&
        statements.indexOf(loop) === statements.indexOf(statement) + 1
      ) {
        const edit = iterate(loop);
        if (edit) {
          const [start, end] = wholeLines(source, startOf(statement), endOf(statement));
          edits.push({ start, end, text: '' }, edit);
          continue;
        }
      }
      const indent = indentAt(source, startOf(statement));
      const set = freeName(`${name}Found`, used);
      edits.push({
        start: startOf(statement),
        end: endOf(statement),
        text: `${collect(set, indent)}${eol}${indent}${statement.kind} ${text(id)} = [...${set}];`,
      });
      continue;
    }

    if (
      isNode(holderNode, 'AssignmentExpression') &&
      holderNode.operator === '=' &&
      holderNode.right === awaited &&
      isNode(holderNode.left, 'Identifier') &&
      isNode(statement, 'ExpressionStatement') &&
      isNode(container, STATEMENT_LISTS)
    ) {
      const indent = indentAt(source, startOf(statement));
      const name = holderNode.left.name;
      const set = freeName(`${name}Found`, used);
      edits.push({
        start: startOf(statement),
        end: endOf(statement),
        text: `${collect(set, indent)}${eol}${indent}${name} = [...${set}];`,
      });
      continue;
    }
    skip(site, 'the keys are used inside a larger expression; assign them to a variable first');
  }
  if (edits.length === 0) return undefined;
  const output = applyEdits(source, edits);
  return output === source ? undefined : output;
}

/** Whether `node` is a written property name in `parent` (`x.node`, `{ node: 1 }`), which names no variable. */
function isPropertyName(parent: ASTNode | null, node: ASTNode): boolean {
  if (isNode(parent, 'MemberExpression')) return parent.property === node && !parent.computed;
  return isNode(parent, 'ObjectProperty') && parent.key === node;
}
