import {
  dependsOnWrites,
  derivedVariables,
  isAsyncInNameOnly,
  isDeclaredIn,
  isFunctionNode,
  isInside,
  isLoop,
  isSleep,
  readVariables,
  referencesWithin,
  skipTsWrappers,
  walk,
  writtenVariables,
  type LoopNode,
  type Variable,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

/** Why a loop's iterations must stay sequential; `null` when they are independent. */
export type SequentialReason =
  | 'no-await'
  | 'for-await'
  | 'nested-loop'
  | 'early-exit'
  | 'generator'
  | 'sleep'
  | 'synchronous'
  | 'loop-control'
  | 'loop-carried'
  | 'same-operation'
  | 'ordered-steps'
  | 'ordered-effects'
  | 'claimed';

export interface LoopAnalysis {
  /** `null` when the iterations are independent; otherwise why they are not. */
  readonly sequential: SequentialReason | null;
  /** The awaits of the loop body that start per-item work, in source order. */
  readonly awaits: readonly TSESTree.AwaitExpression[];
}

/** The loop's body, minus nested functions: awaits, exits and loops that belong to this loop's iterations. */
function bodyNodes(loop: LoopNode): TSESTree.Node[] {
  return [...walk(loop.body)];
}

/** Whether `node` sits (strictly) inside a loop or switch nested in `loop`'s body. */
function insideNested(node: TSESTree.Node, loop: LoopNode, kinds: (n: TSESTree.Node) => boolean): boolean {
  for (let current = node.parent; current && current !== loop; current = current.parent) {
    if (kinds(current)) return true;
  }
  return false;
}

function labelsOf(loop: LoopNode): Set<string> {
  const labels = new Set<string>();
  for (let parent = loop.parent; parent.type === AST_NODE_TYPES.LabeledStatement; parent = parent.parent)
    labels.add(parent.label.name);
  return labels;
}

/** Whether a `break`/`continue`/`return`/`throw` ends the loop (or an outer one) before all iterations ran. */
function hasEarlyExit(loop: LoopNode, nodes: readonly TSESTree.Node[]): boolean {
  const own = labelsOf(loop);
  const labelledInside = new Set(
    nodes
      .filter((n): n is TSESTree.LabeledStatement => n.type === AST_NODE_TYPES.LabeledStatement)
      .map((n) => n.label.name),
  );
  for (const node of nodes) {
    if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) return true;
    if (node.type === AST_NODE_TYPES.BreakStatement) {
      if (node.label) {
        if (!labelledInside.has(node.label.name)) return true;
      } else if (!insideNested(node, loop, (n) => isLoop(n) || n.type === AST_NODE_TYPES.SwitchStatement)) {
        return true;
      }
    }
    if (
      node.type === AST_NODE_TYPES.ContinueStatement &&
      node.label &&
      !labelledInside.has(node.label.name) &&
      !own.has(node.label.name)
    ) {
      return true;
    }
  }
  return false;
}

/** The expression a node belongs to, up to its statement (or the initialiser of a declaration). */
function expressionRoot(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && !current.parent.type.endsWith('Statement') && !isFunctionNode(current.parent)) {
    if (current.parent.type === AST_NODE_TYPES.VariableDeclarator) break;
    current = current.parent;
  }
  return current;
}

/**
 * Whether `write` runs whenever `read` does, before it, in one expression: on the path from their common ancestor
 * down to the write, no branch that may be skipped (the right of `&&`, `||`, `??`, a branch of `?:`).
 */
function alwaysBefore(write: TSESTree.Node, read: TSESTree.Node): boolean {
  const ancestors = new Set<TSESTree.Node>();
  for (let node: TSESTree.Node | undefined = read; node; node = node.parent) ancestors.add(node);
  for (let node: TSESTree.Node = write; node.parent && !ancestors.has(node.parent); node = node.parent) {
    const parent = node.parent;
    if (isFunctionNode(parent)) return false;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === node) return false;
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node) return false;
  }
  return true;
}

/**
 * Whether a variable is a temporary of each iteration: every read of it in the loop body comes after a plain write
 * in the same expression that always runs before it, with no await starting in between (`(_a = p.options) == null ?
 * void 0 : _a.packageName`, how compilers write `p.options?.packageName` and `a ?? b` with a `var _a` declared for the
 * whole function), so no value passes from one iteration to the next even when iterations run at once.
 */
function isIterationTemporary(variable: Variable, body: TSESTree.Node): boolean {
  const references = variable.references.filter((reference) => isInside(reference.identifier, body));
  const reads = references.filter((reference) => reference.isRead());
  if (reads.length === 0) return false;
  const writes = references.flatMap((reference) => {
    const parent = reference.identifier.parent;
    return reference.isWrite() &&
      !reference.isRead() &&
      parent.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.operator === '=' &&
      parent.left === reference.identifier
      ? [parent]
      : [];
  });
  const awaits = [...walk(body)].filter((node) => node.type === AST_NODE_TYPES.AwaitExpression);
  return reads.every((reference) => {
    if (reference.isWrite()) return false;
    const read = reference.identifier;
    const root = expressionRoot(read);
    const write = writes.filter((candidate) => candidate.range[1] <= read.range[0] && isInside(candidate, root)).at(-1);
    if (!write || !alwaysBefore(write, read)) return false;
    return !awaits.some((node) => node.range[0] >= write.range[1] && node.range[0] < read.range[0]);
  });
}

/** Whether the body assigns or updates a property of `this`. */
function writesThis(nodes: readonly TSESTree.Node[]): boolean {
  return nodes.some((n) => {
    const target =
      n.type === AST_NODE_TYPES.AssignmentExpression
        ? n.left
        : n.type === AST_NODE_TYPES.UpdateExpression
          ? n.argument
          : null;
    if (!target) return false;
    let current = skipTsWrappers(target);
    while (current.type === AST_NODE_TYPES.MemberExpression) current = skipTsWrappers(current.object);
    return current.type === AST_NODE_TYPES.ThisExpression;
  });
}

/** Methods that change a collection in place. */
const MUTATORS = new Set(['set', 'add', 'delete', 'clear', 'push', 'unshift', 'pop', 'shift', 'splice']);

/**
 * Collections declared outside the loop that the body both changes in place (`seen.add(x)`, `cache.set(k, v)`) and
 * reads otherwise (`seen.has(x)`, `cache.get(k)`): what one iteration stores, the next one looks up. A collection the
 * body only appends to (`results.push(await f(x))`) is an accumulator, not a dependency.
 */
function lookedUpCollections(sourceCode: TSESLint.SourceCode, body: TSESTree.Node): Set<Variable> {
  const mutated = new Set<Variable>();
  const readOtherwise = new Set<Variable>();
  for (const reference of referencesWithin(sourceCode, body)) {
    const variable = reference.resolved;
    if (!variable || !reference.isRead() || isDeclaredIn(variable, body)) continue;
    const member = reference.identifier.parent;
    const call = member.parent;
    const mutation =
      member.type === AST_NODE_TYPES.MemberExpression &&
      member.object === reference.identifier &&
      !member.computed &&
      member.property.type === AST_NODE_TYPES.Identifier &&
      MUTATORS.has(member.property.name) &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.callee === member;
    (mutation ? mutated : readOtherwise).add(variable);
  }
  return new Set([...mutated].filter((variable) => readOtherwise.has(variable)));
}

/** Whether `node` only runs when a condition between it and the loop body reads one of `variables`. */
function guardedBy(
  sourceCode: TSESLint.SourceCode,
  node: TSESTree.Node,
  body: TSESTree.Node,
  variables: ReadonlySet<Variable>,
): boolean {
  const reads = (test: TSESTree.Node): boolean =>
    [...readVariables(sourceCode, test)].some((variable) => variables.has(variable));
  for (let child = node, parent = node.parent; parent && child !== body; child = parent, parent = parent.parent) {
    if (
      (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) &&
      child !== parent.test &&
      reads(parent.test)
    )
      return true;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && child === parent.right && reads(parent.left)) return true;
  }
  return false;
}

/** The loop's own per-iteration bindings: `for (const x of ...)`, `for (let i = 0; ...; i++)`. */
function iterationVariables(sourceCode: TSESLint.SourceCode, loop: LoopNode): Set<Variable> {
  const result = new Set<Variable>();
  if (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) {
    for (const v of writtenVariables(sourceCode, loop.left)) result.add(v);
  } else if (loop.type === AST_NODE_TYPES.ForStatement) {
    if (loop.init) for (const v of writtenVariables(sourceCode, loop.init)) result.add(v);
    if (loop.update) for (const v of writtenVariables(sourceCode, loop.update)) result.add(v);
  }
  return result;
}

function containsCall(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return false;
  return [...walk(node)].some(
    (n) =>
      n.type === AST_NODE_TYPES.CallExpression ||
      n.type === AST_NODE_TYPES.AwaitExpression ||
      n.type === AST_NODE_TYPES.NewExpression,
  );
}

/**
 * Decides whether the iterations of a loop that awaits are independent: whether starting them all at once computes
 * the same values. Quiet (sequential) on `for await`, loops with awaits only in nested loops, early exits, sleeps
 * (pacing, backoff), loop conditions that the body changes (cursors, pagination, retries), values carried from one
 * iteration to the next into an awaited call, loops that repeat the same operation, and loops that call each item
 * as a step of a pipeline. Accumulating results (`list.push(await f(x))`) and counters are not dependencies.
 */
export function analyseLoop(
  sourceCode: TSESLint.SourceCode,
  loop: LoopNode,
  isClaimed: (call: TSESTree.Node) => boolean,
  checkEffects = false,
): LoopAnalysis {
  if (loop.type === AST_NODE_TYPES.ForOfStatement && loop.await) return { sequential: 'for-await', awaits: [] };
  const nodes = bodyNodes(loop);
  const awaits = nodes.filter((n): n is TSESTree.AwaitExpression => n.type === AST_NODE_TYPES.AwaitExpression);
  const nestedAwaitingLoop = nodes.some((n) => n.type === AST_NODE_TYPES.ForOfStatement && n.await);
  if (awaits.length === 0 && !nestedAwaitingLoop) return { sequential: 'no-await', awaits: [] };
  if (nestedAwaitingLoop || awaits.some((a) => insideNested(a, loop, isLoop)))
    return { sequential: 'nested-loop', awaits };
  if (hasEarlyExit(loop, nodes)) return { sequential: 'early-exit', awaits };
  if (nodes.some((n) => n.type === AST_NODE_TYPES.YieldExpression)) return { sequential: 'generator', awaits };
  if (awaits.some((a) => isSleep(sourceCode, a.argument))) return { sequential: 'sleep', awaits };
  // Async functions of the file that do nothing asynchronous: there is no waiting to overlap.
  if (awaits.every((a) => isAsyncInNameOnly(sourceCode, a.argument))) return { sequential: 'synchronous', awaits };

  const bodyWrites = writtenVariables(sourceCode, loop.body);
  // Loop conditions that the body changes: cursors, pagination tokens, retry counters, queues drained in the body.
  if (
    loop.type === AST_NODE_TYPES.WhileStatement ||
    loop.type === AST_NODE_TYPES.DoWhileStatement ||
    loop.type === AST_NODE_TYPES.ForStatement
  ) {
    const control = [loop.test, loop.type === AST_NODE_TYPES.ForStatement ? loop.update : null].filter(
      (n): n is TSESTree.Expression => !!n,
    );
    if (control.some((n) => containsCall(n))) return { sequential: 'loop-control', awaits };
    const controlReads = new Set(control.flatMap((n) => [...readVariables(sourceCode, n)]));
    const bodyReferenced =
      loop.type === AST_NODE_TYPES.ForStatement
        ? bodyWrites
        : new Set(
            referencesWithin(sourceCode, loop.body)
              .map((r) => r.resolved as Variable | null)
              .filter((v): v is Variable => !!v),
          );
    for (const variable of controlReads)
      if (bodyReferenced.has(variable)) return { sequential: 'loop-control', awaits };
  }

  // Values carried from one iteration to the next: written in the body, declared outside it (or `var`).
  const carried = [...bodyWrites].filter(
    (v) =>
      (!isDeclaredIn(v, loop.body) ||
        v.defs.some((d) => d.parent?.type === AST_NODE_TYPES.VariableDeclaration && d.parent.kind === 'var')) &&
      !isIterationTemporary(v, loop.body),
  );
  const tainted = derivedVariables(sourceCode, loop.body, [...carried, ...lookedUpCollections(sourceCode, loop.body)]);
  if (awaits.some((a) => dependsOnWrites(sourceCode, a.argument, tainted)))
    return { sequential: 'loop-carried', awaits };
  // Whether an iteration awaits at all depends on what earlier ones stored
  // (`if (!seen.has(k)) seen.set(k, await f(k))`).
  if (awaits.some((a) => guardedBy(sourceCode, a, loop.body, tainted))) return { sequential: 'loop-carried', awaits };
  // State kept on `this` (`this.env = { ...this.env, ...next }`) and an awaited call that is handed `this`.
  if (
    writesThis(nodes) &&
    awaits.some((a) =>
      [...walk(a.argument)].some(
        (n) => n.type === AST_NODE_TYPES.ThisExpression && n.parent.type !== AST_NODE_TYPES.MemberExpression,
      ),
    )
  ) {
    return { sequential: 'loop-carried', awaits };
  }

  // Work that differs per item: the awaited call reads the iteration's own bindings.
  const perItem = derivedVariables(sourceCode, loop.body, iterationVariables(sourceCode, loop));
  const own = iterationVariables(sourceCode, loop);
  const candidates: TSESTree.AwaitExpression[] = [];
  for (const expression of awaits) {
    const reads = readVariables(sourceCode, expression.argument);
    if (![...reads].some((v) => perItem.has(v))) continue;
    const operand = skipTsWrappers(expression.argument);
    if (operand.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTsWrappers(operand.callee);
      const calleeReads =
        callee.type === AST_NODE_TYPES.Identifier
          ? readVariables(sourceCode, callee)
          : callee.type === AST_NODE_TYPES.MemberExpression && callee.computed
            ? readVariables(sourceCode, callee.property)
            : new Set<Variable>();
      if ([...calleeReads].some((v) => own.has(v) || perItem.has(v))) return { sequential: 'ordered-steps', awaits };
    }
    if (isClaimed(operand)) continue;
    candidates.push(expression);
  }
  if (candidates.length === 0) {
    return {
      sequential: awaits.some((a) => isClaimed(skipTsWrappers(a.argument))) ? 'claimed' : 'same-operation',
      awaits,
    };
  }
  // `await effect(item);` as a statement, with its value unused, is an ordered side effect (migrations, DDL
  // statements, commands queued on one transaction), as for consecutive awaits: only loops that use an awaited
  // value are reported, unless `checkEffects` asks for effects too.
  const used = checkEffects
    ? candidates
    : candidates.filter((a) => a.parent.type !== AST_NODE_TYPES.ExpressionStatement);
  if (used.length === 0) return { sequential: 'ordered-effects', awaits };
  return { sequential: null, awaits: used };
}
