import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { skipTsWrappers, staticPropertyName } from '../ast.js';
import { valueNode } from '../instances.js';

type Variable = TSESLint.Scope.Variable;

/** Redis client methods that start a transaction or pipeline, whose `exec` sends the queued commands. */
export const TRANSACTION_METHODS: ReadonlySet<string> = new Set(['multi', 'batch', 'pipeline']);

/** What reading a transaction needs of its caller. */
export interface TransactionReader {
  /** The variable an identifier names. */
  readonly variable: (identifier: TSESTree.Identifier) => Variable | null;
  /** The names a computed key can take (`multi[command]`), or `null` when they are not known. */
  readonly keyCandidates: (key: TSESTree.Node) => readonly string[] | null;
  /** Whether a command only reads (`hget`, `zrange`). */
  readonly isLookup: (name: string) => boolean;
}

/** A transaction that only queues lookups: the `exec` calls that send it and the queued commands. */
export interface ReadOnlyTransaction {
  readonly execs: readonly TSESTree.CallExpression[];
  readonly commands: readonly string[];
  /** The arguments of the queued commands (what selects the keys the transaction reads). */
  readonly arguments: readonly TSESTree.Node[];
}

/** `x.name(...)` where `x` is `object`: the call, or `null`. */
function calledMember(member: TSESTree.MemberExpression): TSESTree.CallExpression | null {
  return member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member ? member.parent : null;
}

/**
 * A Redis transaction or pipeline that only runs lookups, from the call that starts it (`client.multi()`): either a
 * chain `client.multi().hget(a).zcard(b).exec()`, or a variable `const multi = client.multi()` used in its function
 * only to queue commands (`multi.hmget(...)`, `multi.hmget.apply(multi, args)`, `multi[command](...)` with `command`
 * a known name) and to `exec` it. `null` when a queued command may write or is not known, or when the transaction is
 * passed on (a helper may queue anything on it).
 */
export function readOnlyTransaction(
  start: TSESTree.CallExpression,
  reader: TransactionReader,
): ReadOnlyTransaction | null {
  const commands: string[] = [];
  const args: TSESTree.Node[] = [];
  const queued = (member: TSESTree.MemberExpression, call: TSESTree.CallExpression, skip = 0): boolean => {
    const name = staticPropertyName(member);
    const names = name === null ? (member.computed ? reader.keyCandidates(member.property) : null) : [name];
    if (!names || names.length === 0 || !names.every((candidate) => reader.isLookup(candidate))) return false;
    commands.push(...names);
    args.push(...call.arguments.slice(skip));
    return true;
  };
  // Commands given when the transaction starts (`redis.pipeline([['set', key, 1]])`) are queued too: not read here.
  if (start.arguments.some((argument) => skipTsWrappers(argument).type !== AST_NODE_TYPES.ObjectExpression))
    return null;
  const node = valueNode(start);
  const parent = node.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
    // `client.multi().hget(a).zcard(b).exec()`.
    let member: TSESTree.MemberExpression = parent;
    for (;;) {
      const call = calledMember(member);
      if (!call) return null;
      if (staticPropertyName(member) === 'exec') {
        return commands.length > 0 ? { execs: [call], commands, arguments: args } : null;
      }
      if (!queued(member, call) || call.parent.type !== AST_NODE_TYPES.MemberExpression || call.parent.object !== call)
        return null;
      member = call.parent;
    }
  }
  if (
    parent.type !== AST_NODE_TYPES.VariableDeclarator ||
    parent.init !== node ||
    parent.id.type !== AST_NODE_TYPES.Identifier
  )
    return null;
  const variable = reader.variable(parent.id);
  if (!variable || variable.defs.length !== 1) return null;
  const execs: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    if (reference.isWrite()) return null;
    const identifier = reference.identifier as TSESTree.Identifier;
    const use = identifier.parent;
    if (use.type !== AST_NODE_TYPES.MemberExpression || use.object !== identifier) {
      // The receiver given to `multi.hmget.apply(multi, args)`, checked with the member it applies.
      const applied = use.type === AST_NODE_TYPES.CallExpression ? skipTsWrappers(use.callee) : null;
      if (
        applied?.type === AST_NODE_TYPES.MemberExpression &&
        staticPropertyName(applied) === 'apply' &&
        use.type === AST_NODE_TYPES.CallExpression &&
        use.arguments[0] === identifier &&
        skipTsWrappers(applied.object).type === AST_NODE_TYPES.MemberExpression
      )
        continue;
      return null;
    }
    if (staticPropertyName(use) === 'exec') {
      const call = calledMember(use);
      if (!call) return null;
      execs.push(call);
      continue;
    }
    const call = calledMember(use);
    // `p.get(a).set(b, 1)`: a command chained on a queued one is queued too; only a chain of lookups is read.
    if (call && call.parent.type === AST_NODE_TYPES.MemberExpression && call.parent.object === call) return null;
    const applied =
      use.parent.type === AST_NODE_TYPES.MemberExpression &&
      use.parent.object === use &&
      staticPropertyName(use.parent) === 'apply'
        ? calledMember(use.parent)
        : null;
    if (call ? !queued(use, call) : !applied || !queued(use, applied, 1)) return null;
  }
  return commands.length > 0 && execs.length > 0 ? { execs, commands, arguments: args } : null;
}

/** The call that starts the transaction an `exec` sends (`client.multi()`), when it can be seen: the chain or the variable. */
export function transactionStart(
  execObject: TSESTree.Node,
  variableOf: (identifier: TSESTree.Identifier) => Variable | null,
): TSESTree.CallExpression | null {
  let node = skipTsWrappers(execObject);
  while (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTsWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    if (TRANSACTION_METHODS.has(staticPropertyName(callee) ?? '')) return node;
    node = skipTsWrappers(callee.object);
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(node);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return null;
  const init = skipTsWrappers(def.node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipTsWrappers(init.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && TRANSACTION_METHODS.has(staticPropertyName(callee) ?? '')
    ? init
    : null;
}
