import type { API, ASTPath, FileInfo } from 'jscodeshift';
import { jscodeshiftFor } from '../engine/jscodeshift.js';
import { suggestionTransform } from '../engine/suggestion-transform.js';
import type { CodemodMeta, CodemodRunOptions } from '../types.js';
import { applyEdits, type Edit } from '../util/text.js';

export const meta: CodemodMeta = {
  name: 'pipe-to-pipeline',
  description:
    'Rewrites `.pipe()` chains of Node streams without error handling to `await pipeline(...)` in async functions and `pipeline(..., callback)` elsewhere.',
  rules: ['prefer-stream-pipeline'],
  options: {
    annotate: {
      type: 'boolean',
      description:
        'Leave a marked comment above reported chains that cannot be rewritten (results used, `{ end: false }`, no error route).',
      default: false,
    },
  },
};

/** jscodeshift's parser option; the transform itself parses with the plugin's parser per file extension. */
export const parser = 'tsx';

const rewrite = suggestionTransform(meta);

type AnyNode = Record<string, unknown> & { type: string; start: number; end: number; loc: { start: { line: number } } };

const at = (node: unknown): AnyNode => node as AnyNode;

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);

/** `finished(x)`, `once(x, …)` and their member forms (`stream.promises.finished(x)`, `events.once(x, …)`). */
function waitedStream(call: AnyNode): string | null {
  if (call.type !== 'CallExpression') return null;
  const callee = at(call.callee);
  const name =
    callee.type === 'Identifier'
      ? String(callee.name)
      : callee.type === 'MemberExpression' && !callee.computed
        ? String(at(callee.property).name)
        : null;
  if (name !== 'finished' && name !== 'once') return null;
  const first = at((call.arguments as unknown[])[0]);
  return first?.type === 'Identifier' ? String(first.name) : null;
}

/** Every node below `node`, in source order; into nested functions only with `intoFunctions`. */
function* descendants(node: AnyNode, intoFunctions = false): Generator<AnyNode> {
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (!child || typeof child !== 'object' || typeof (child as AnyNode).type !== 'string') continue;
      const typed = child as AnyNode;
      if (!intoFunctions && FUNCTION_TYPES.has(typed.type)) continue;
      yield typed;
      yield* descendants(typed, intoFunctions);
    }
  }
}

/** Whether `node` (with the functions in it, such as a `new Promise` executor) names one of `names`. */
function mentions(node: AnyNode, names: ReadonlySet<string>): boolean {
  for (const child of descendants(node, true)) {
    if (child.type === 'Identifier' && names.has(String(child.name))) return true;
  }
  return false;
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
  const added = root
    .find(j.ExpressionStatement)
    .filter((p: ASTPath) => {
      const expression = at(at(p.node).expression);
      if (expression.type !== 'AwaitExpression') return false;
      const call = at(expression.argument);
      if (call.type !== 'CallExpression') return false;
      const callee = output.slice(at(call.callee).start, at(call.callee).end);
      return /pipeline\w*$/u.test(callee) && !input.includes(output.slice(at(p.node).start, at(p.node).end));
    })
    .paths();
  for (const statement of added) {
    const call = at(at(at(statement.node).expression).argument);
    const streams = new Set(
      (call.arguments as AnyNode[]).filter((arg) => arg.type === 'Identifier').map((arg) => String(arg.name)),
    );
    if (streams.size === 0) continue;
    const block = at(statement.parent?.node);
    const body = (block.body ?? []) as AnyNode[];
    const index = body.indexOf(at(statement.node));
    const later = body.slice(index + 1);
    const waits = later.flatMap((node) =>
      [...descendants(node)].filter(
        (child) =>
          child.type === 'AwaitExpression' && streams.has(waitedStream(at(child.argument)) ?? '') && child !== node,
      ),
    );
    const callText = output.slice(call.start, call.end);
    if (waits.length > 0) {
      const [first, ...rest] = waits as [AnyNode, ...AnyNode[]];
      edits.push(lineRemoval(output, at(statement.node)));
      edits.push({ start: at(first.argument).start, end: at(first.argument).end, text: callText });
      // Later waits for the same streams are redundant once the pipeline has settled: whole statements go.
      for (const wait of rest) {
        const owner = later
          .flatMap((node) => [node, ...descendants(node)])
          .find((node) => node.type === 'ExpressionStatement' && node.expression === wait);
        if (owner) edits.push(lineRemoval(output, owner));
      }
      continue;
    }
    const guarded = later.find((node) => node.type === 'TryStatement' && mentions(at(node.block), streams));
    if (guarded) {
      const line = input
        .split(/\r?\n/u)
        .findIndex((text) => [...streams].some((name) => text.includes(`${name}.pipe(`)));
      return {
        why: `the streams' errors are handled in the \`try\` below it (around \`${[...streams].join('`, `')}\`) in a way the pipeline cannot be moved into: its rejection would escape that \`try\``,
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
    const places = (collection: ReturnType<typeof j>): number =>
      new Set(
        collection
          .find(j.Identifier, { name })
          .nodes()
          .map((node) => at(node).start),
      ).size;
    const uses = places(root);
    const before = places(j(input));
    // One use left (the binding itself), where the input had more: the folded waits were the others.
    if (uses !== 1 || before <= 1) continue;
    const binding = root.find(j.Identifier, { name }).paths()[0];
    const owner = at(binding?.parent?.node);
    const list = at(binding?.parent?.parent?.node);
    const siblings = (list.type === 'ImportDeclaration' ? list.specifiers : list.properties) as AnyNode[] | undefined;
    if (!siblings || siblings.length < 2 || !['ImportSpecifier', 'ObjectProperty', 'Property'].includes(owner.type))
      continue;
    const index = siblings.indexOf(owner);
    const next = siblings[index + 1];
    const previous = siblings[index - 1];
    edits.push(
      next ? { start: owner.start, end: next.start, text: '' } : { start: previous.end, end: owner.end, text: '' },
    );
  }
  return applyEdits(text, edits);
}

/** The edit that removes a statement with its line (indentation and line break), or the statement alone. */
function lineRemoval(text: string, node: AnyNode): Edit {
  const lineStart = text.lastIndexOf('\n', node.start - 1) + 1;
  const after = /^[^\S\r\n]*(?:\r?\n)?/u.exec(text.slice(node.end))?.[0] ?? '';
  const ownLine = text.slice(lineStart, node.start).trim() === '' && after.includes('\n');
  return ownLine
    ? { start: lineStart, end: node.end + after.length, text: '' }
    : { start: node.start, end: node.end, text: '' };
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
