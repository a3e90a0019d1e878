import { wholeLines } from '@backend-perf/core';
import type { API, ASTNode, ASTPath, Collection, FileInfo, JSCodeshift } from 'jscodeshift';
import {
  descendants,
  endOf,
  identifierName,
  isNode,
  jscodeshiftFor,
  parentNode,
  parentOf,
  startOf,
  textOf,
  type NodeOf,
} from '../engine/jscodeshift.js';
import { suggestionTransform } from '../engine/suggestion-transform.js';
import type { CodemodMeta, CodemodRunOptions } from '../types.js';
import { applyEdits, type Edit } from '../util/text.js';

export const meta: CodemodMeta = {
  name: 'pipe-to-pipeline',
  description:
    'Rewrites `.pipe()` chains of Node streams without error handling to `await pipeline(...)` in async functions ' +
    'and `pipeline(..., callback)` elsewhere.',
  rules: ['prefer-stream-pipeline'],
  options: {
    annotate: {
      type: 'boolean',
      description:
        'Leave a marked comment above reported chains that cannot be rewritten (results used, `{ end: false }`, no ' +
        'error route).',
      default: false,
    },
  },
};

/** jscodeshift's parser option; the transform itself parses with the plugin's parser per file extension. */
export const parser = 'tsx';

const rewrite = suggestionTransform(meta);

/** `finished(x)`, `once(x, …)` and their member forms (`stream.promises.finished(x)`, `events.once(x, …)`). */
function waitedStream(call: unknown): string | null {
  if (!isNode(call, 'CallExpression')) return null;
  const callee = call.callee;
  const name =
    isNode(callee, 'MemberExpression') && !callee.computed ? identifierName(callee.property) : identifierName(callee);
  if (name !== 'finished' && name !== 'once') return null;
  return identifierName(call.arguments.at(0));
}

/** Whether `node` (with the functions in it, such as a `new Promise` executor) names one of `names`. */
function mentions(node: ASTNode, names: ReadonlySet<string>): boolean {
  for (const child of descendants(node, true)) {
    if (isNode(child, 'Identifier') && names.has(child.name)) return true;
  }
  return false;
}

/** An `await pipeline(...)` statement the rule's rewrite added (its text is not in the input). */
interface AddedPipeline {
  readonly statement: ASTPath<NodeOf<'ExpressionStatement'>>;
  readonly call: NodeOf<'CallExpression'>;
}

function addedPipelines(j: JSCodeshift, root: Collection, input: string, output: string): AddedPipeline[] {
  const added: AddedPipeline[] = [];
  root.find(j.ExpressionStatement).forEach((statement) => {
    const expression = statement.node.expression;
    if (!isNode(expression, 'AwaitExpression') || !isNode(expression.argument, 'CallExpression')) return;
    const call = expression.argument;
    if (!/pipeline\w*$/u.test(textOf(output, call.callee)) || input.includes(textOf(output, statement.node))) return;
    added.push({ statement, call });
  });
  return added;
}

/**
 * Moves each new `await pipeline(a, b)` to where the code already waited for those streams, so that its rejection
 * reaches the same `try`/`catch` as before: `a.pipe(b); try { await finished(a); } catch …` becomes
 * `try { await pipeline(a, b); } catch …`, and later waits for the same streams (`await once(b, 'finish')`) go.
 * Returns the new text, or a reason to leave the file when the streams are used later inside a `try` in a way it
 * cannot move the pipeline into (the rejection would escape that `try`).
 */
function foldWaits(input: string, output: string, filename: string): { text: string } | { why: string; line: number } {
  const j = jscodeshiftFor(filename);
  const root = j(output);
  const edits: Edit[] = [];
  for (const { statement, call } of addedPipelines(j, root, input, output)) {
    const streams = new Set(call.arguments.flatMap((arg) => (isNode(arg, 'Identifier') ? [arg.name] : [])));
    if (streams.size === 0) continue;
    const block = parentNode(statement);
    const body: ASTNode[] = block && 'body' in block && Array.isArray(block.body) ? block.body : [];
    const later = body.slice(body.indexOf(statement.node) + 1);
    const waits = later.flatMap((node) =>
      [...descendants(node)].filter(
        (child): child is NodeOf<'AwaitExpression'> =>
          isNode(child, 'AwaitExpression') && streams.has(waitedStream(child.argument) ?? '') && child !== node,
      ),
    );
    const waited = waits.at(0)?.argument;
    if (waited) {
      edits.push(lineRemoval(output, statement.node));
      edits.push({ start: startOf(waited), end: endOf(waited), text: textOf(output, call) });
      // Later waits for the same streams are redundant once the pipeline has settled: whole statements go.
      for (const wait of waits.slice(1)) {
        const owner = later
          .flatMap((node) => [node, ...descendants(node)])
          .find((node) => isNode(node, 'ExpressionStatement') && node.expression === wait);
        if (owner) edits.push(lineRemoval(output, owner));
      }
      continue;
    }
    const guarded = later.find((node) => isNode(node, 'TryStatement') && mentions(node.block, streams));
    if (guarded) {
      const line = input
        .split(/\r?\n/u)
        .findIndex((text) => [...streams].some((name) => text.includes(`${name}.pipe(`)));
      return {
        why:
          `the streams' errors are handled in the \`try\` below it (around \`${[...streams].join('`, `')}\`) ` +
          'in a way the pipeline cannot be moved into: its rejection would escape that `try`',
        line: line + 1,
      };
    }
  }
  const text = applyEdits(output, edits);
  return { text: edits.length > 0 ? withoutUnusedWaiters(input, text, filename) : text };
}

/**
 * Drops `finished` and `once` from the import or require that brought them in, when the folded waits were their
 * only uses (as the rule's own rewrite drops a `pipe` import it leaves unused).
 */
function withoutUnusedWaiters(input: string, text: string, filename: string): string {
  const j = jscodeshiftFor(filename);
  const root = j(text);
  const edits: Edit[] = [];
  for (const name of ['finished', 'once']) {
    // A shorthand property (`{ finished }`) has its name as key and value: count places, not nodes.
    const places = (collection: Collection): number =>
      new Set(collection.find(j.Identifier, { name }).nodes().map(startOf)).size;
    // One use left (the binding itself), where the input had more: the folded waits were the others.
    if (places(root) !== 1 || places(j(input)) <= 1) continue;
    const binding = root.find(j.Identifier, { name }).paths().at(0);
    const ownerPath = binding ? parentOf(binding) : null;
    const owner = ownerPath?.node;
    const list = ownerPath ? parentNode(ownerPath) : null;
    const siblings: readonly ASTNode[] | undefined = isNode(list, 'ImportDeclaration')
      ? (list.specifiers ?? undefined)
      : isNode(list, 'ObjectPattern')
        ? list.properties
        : undefined;
    if (
      !owner ||
      !siblings ||
      siblings.length < 2 ||
      !isNode(owner, ['ImportSpecifier', 'ObjectProperty', 'Property'])
    ) {
      continue;
    }
    const index = siblings.indexOf(owner);
    const next = siblings.at(index + 1);
    const previous = siblings.at(index - 1);
    if (next) edits.push({ start: startOf(owner), end: startOf(next), text: '' });
    else if (previous) edits.push({ start: endOf(previous), end: endOf(owner), text: '' });
  }
  return applyEdits(text, edits);
}

/** The edit that removes a statement with its line (indentation and line break), or the statement alone. */
function lineRemoval(text: string, node: ASTNode): Edit {
  const [start, end] = wholeLines(text, startOf(node), endOf(node));
  return { start, end, text: '' };
}

export default function transform(file: FileInfo, api: API, options: CodemodRunOptions): string | undefined {
  const reports: string[] = [];
  const output = rewrite(file, { ...api, report: (message: string) => reports.push(message) }, options);
  if (output === undefined || output === null) {
    for (const report of reports) api.report(report);
    return undefined;
  }
  const folded = foldWaits(file.source, output, file.path);
  if ('why' in folded) {
    for (const report of reports) api.report(report);
    api.report(`${file.path}:${folded.line}: left for review: ${folded.why}`);
    return undefined;
  }
  for (const report of reports) api.report(report);
  return folded.text;
}
