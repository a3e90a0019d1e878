import {
  calledMethodName,
  enclosingFunction,
  eolOf,
  findApiUses,
  getRequestPathModel,
  indentAt,
  instanceReceivers,
  isFunctionNode,
  isInside,
  POOL_CHECKOUT_METHODS,
  POOL_OWNER_APIS,
  skipTsWrappers,
  staticPropertyName,
  storedVariable,
  valueNode,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'releaseNotInFinally' | 'neverReleased' | 'releaseInFinally';

type Variable = TSESLint.Scope.Variable;

interface Checkout {
  readonly call: TSESTree.CallExpression;
  readonly method: string;
  /** Methods that give the client back. */
  readonly release: readonly string[];
  /** Whether the receiver is a pool created in this file (so a missing release is certain). */
  readonly knownOwner: boolean;
  readonly library: string;
}

/** The statement that directly contains `node` in a block or program body. */
function statementOf(node: TSESTree.Node): TSESTree.Statement | null {
  let current: TSESTree.Node = node;
  while (current.parent) {
    const parent = current.parent;
    if (
      (parent.type === AST_NODE_TYPES.BlockStatement ||
        parent.type === AST_NODE_TYPES.Program ||
        parent.type === AST_NODE_TYPES.StaticBlock) &&
      'body' in parent
    ) {
      return current as TSESTree.Statement;
    }
    if (isFunctionNode(parent) || parent.type === AST_NODE_TYPES.SwitchCase) return null;
    current = parent;
  }
  return null;
}

function isInFunctionOf(node: TSESTree.Node, fn: TSESTree.Node | null): boolean {
  return enclosingFunction(node) === fn;
}

export default createRule<Options, MessageId>({
  name: 'require-pool-release',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require clients checked out of a pool to be released on every path, in `finally` or by disposal',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'pooling',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      releaseNotInFinally:
        '`{{method}}()` checks out a {{library}} client that stays checked out when an error is thrown before ' +
        '`{{release}}()`.',
      neverReleased: '`{{method}}()` checks out a {{library}} client that is never released.',
      releaseInFinally: 'Move the code between the checkout and `{{release}}()` into `try` and release in `finally`.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const candidates: TSESTree.CallExpression[] = [];

    /** The reference with its TypeScript wrappers (`client!`, `client as PoolClient`). */
    function outermost(identifier: TSESTree.Node): TSESTree.Node {
      let current = identifier;
      while (
        current.parent &&
        (current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
          current.parent.type === AST_NODE_TYPES.TSAsExpression ||
          current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
      ) {
        current = current.parent;
      }
      return current;
    }

    function releaseCalls(variable: Variable, release: readonly string[]): TSESTree.CallExpression[] {
      const calls: TSESTree.CallExpression[] = [];
      for (const reference of variable.references) {
        const receiver = outermost(reference.identifier);
        const parent = receiver.parent;
        if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== receiver) continue;
        const name = staticPropertyName(parent);
        if (name === null || !release.includes(name)) continue;
        if (parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent)
          calls.push(parent.parent);
      }
      return calls;
    }

    /** Whether the client leaves the function's view: returned, passed on, stored elsewhere (then quiet). */
    function escapes(variable: Variable): boolean {
      return variable.references.some((reference) => {
        if (reference.isWrite()) return false;
        const receiver = outermost(reference.identifier);
        const parent = receiver.parent;
        return !(parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === receiver);
      });
    }

    /** A `try` whose `finally` releases, that protects the code after `statement` (contains it or follows it). */
    function protectedByFinally(statement: TSESTree.Statement, releases: readonly TSESTree.CallExpression[]): boolean {
      const owner = enclosingFunction(statement);
      return releases.some((release) => {
        let current: TSESTree.Node | undefined = release.parent;
        while (current && !isFunctionNode(current)) {
          const tryStatement: TSESTree.Node | undefined = current.parent;
          if (
            tryStatement?.type === AST_NODE_TYPES.TryStatement &&
            tryStatement.finalizer === current &&
            isInFunctionOf(tryStatement, owner)
          ) {
            if (isInside(statement, tryStatement.block)) return true;
            const block = statement.parent;
            if ('body' in block && Array.isArray(block.body)) {
              const body = block.body as TSESTree.Node[];
              if (body[body.indexOf(statement) + 1] === tryStatement) return true;
            }
          }
          current = current.parent;
        }
        return false;
      });
    }

    /** A release inside a `catch` clause: a hand-written "release on error, release on success" pair; trusted. */
    function releasedInCatch(releases: readonly TSESTree.CallExpression[]): boolean {
      return releases.some((release) => {
        for (
          let current: TSESTree.Node | undefined = release.parent;
          current && !isFunctionNode(current);
          current = current.parent
        ) {
          if (current.type === AST_NODE_TYPES.CatchClause) return true;
        }
        return false;
      });
    }

    function suggestion(
      statement: TSESTree.Statement,
      releases: readonly TSESTree.CallExpression[],
      releaseName: string,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      if (releases.length !== 1 || statement.type !== AST_NODE_TYPES.VariableDeclaration) return [];
      const releaseStatement = statementOf(releases[0]);
      const block = statement.parent;
      if (
        !releaseStatement ||
        releaseStatement.type !== AST_NODE_TYPES.ExpressionStatement ||
        releaseStatement.parent !== block
      )
        return [];
      if (!('body' in block) || !Array.isArray(block.body)) return [];
      const body = block.body as TSESTree.Statement[];
      const start = body.indexOf(statement);
      const end = body.indexOf(releaseStatement);
      if (end <= start + 1) return [];
      const between = body.slice(start + 1, end);
      // Declarations moved into `try` become block-scoped: refuse when code after the release still uses them.
      for (const moved of between) {
        for (const variable of sourceCode.scopeManager?.getDeclaredVariables(moved) ?? []) {
          if (variable.references.some((reference) => reference.identifier.range[0] > releaseStatement.range[1]))
            return [];
        }
      }
      const indent = indentAt(sourceCode.text, statement.range[0]);
      if (
        between[0]?.loc.start.line === statement.loc.end.line ||
        releaseStatement.loc.start.line === between.at(-1)?.loc.end.line
      )
        return [];
      // One indentation level of this file: the statement's indentation beyond its block's line.
      const blockIndent = /^\s*/u.exec(sourceCode.lines[block.loc.start.line - 1] ?? '')?.[0] ?? '';
      const unit =
        indent.startsWith(blockIndent) && indent.length > blockIndent.length ? indent.slice(blockIndent.length) : '  ';
      const eol = eolOf(sourceCode.text);
      const firstLineStart = sourceCode.getIndexFromLoc({
        line: between[0].loc.start.line,
        column: 0,
      });
      const releaseLineStart = sourceCode.getIndexFromLoc({ line: releaseStatement.loc.start.line, column: 0 });
      const moved = sourceCode.text
        .slice(firstLineStart, releaseLineStart)
        .split(/\r?\n/u)
        .map((line) => (line.trim() === '' ? line : `${unit}${line}`))
        .join(eol);
      const release = sourceCode.getText(releaseStatement);
      const finallyBlock = `${indent}} finally {${eol}${indent}${unit}${release}${eol}${indent}}`;
      const replacement = `${indent}try {${eol}${moved}${finallyBlock}`;
      return [
        {
          messageId: 'releaseInFinally',
          data: { release: releaseName },
          fix: (fixer) => fixer.replaceTextRange([firstLineStart, releaseStatement.range[1]], replacement),
        },
      ];
    }

    function check(checkout: Checkout): void {
      const variable = storedVariable(sourceCode, checkout.call);
      if (!variable) return;
      const declaration = variable.defs[0]?.parent;
      if (
        declaration?.type === AST_NODE_TYPES.VariableDeclaration &&
        (declaration.kind === 'using' || declaration.kind === 'await using')
      )
        return;
      if (escapes(variable)) return;
      const releases = releaseCalls(variable, checkout.release);
      const data = {
        method: checkout.method,
        library: checkout.library,
        release: checkout.release[0] ?? 'release',
      };
      if (releases.length === 0) {
        if (checkout.knownOwner) context.report({ node: checkout.call, messageId: 'neverReleased', data });
        return;
      }
      // A release in a callback (`stack.defer(() => client.release())`, an event listener) runs when its caller
      // decides.
      const owner = enclosingFunction(checkout.call);
      if (releases.some((release) => enclosingFunction(release) !== owner)) return;
      const statement = statementOf(checkout.call);
      if (!statement) return;
      if (protectedByFinally(statement, releases) || releasedInCatch(releases)) return;
      context.report({
        node: checkout.call,
        messageId: 'releaseNotInFinally',
        data,
        suggest: suggestion(statement, releases, data.release),
      });
    }

    return {
      CallExpression(node) {
        const method = calledMethodName(node);
        // `this.createQueryRunner()`, `this.connect()`: the pool's or data source's own code (a database driver), which
        // checks a client out to serve its users, not a user of the pool.
        const receiver =
          node.callee.type === AST_NODE_TYPES.MemberExpression ? skipTsWrappers(node.callee.object) : null;
        if (receiver?.type === AST_NODE_TYPES.ThisExpression) return;
        if (
          method !== null &&
          Object.hasOwn(POOL_CHECKOUT_METHODS, method) &&
          !node.arguments.some((arg) => isFunctionNode(skipTsWrappers(arg)))
        ) {
          candidates.push(node);
        }
      },
      'Program:exit'() {
        if (candidates.length === 0) return;
        const known = new Map<TSESTree.CallExpression, Checkout>();
        for (const { node, entry } of findApiUses(sourceCode, POOL_OWNER_APIS)) {
          for (const receiver of instanceReceivers(sourceCode, node)) {
            const member = receiver.parent;
            const call = member?.parent;
            if (
              member?.type !== AST_NODE_TYPES.MemberExpression ||
              member.object !== receiver ||
              call?.type !== AST_NODE_TYPES.CallExpression ||
              call.callee !== member
            )
              continue;
            if (staticPropertyName(member) !== entry.checkout) continue;
            known.set(call, {
              call,
              method: entry.checkout,
              release: entry.release,
              knownOwner: true,
              library: entry.library,
            });
          }
        }
        const model = getRequestPathModel(context);
        for (const call of candidates) {
          if (model.contextOf(call).context === 'startup') continue;
          const method = calledMethodName(call) as string;
          const checkout: Checkout = known.get(call) ?? {
            call,
            method,
            release: POOL_CHECKOUT_METHODS[method] ?? ['release'],
            knownOwner: false,
            library: 'pool',
          };
          // Only awaited (or synchronous, for query runners) results are clients; a bare promise is not.
          const value = valueNode(call);
          if (method !== 'createQueryRunner' && value.type !== AST_NODE_TYPES.AwaitExpression) continue;
          check(checkout);
        }
      },
    };
  },
});
