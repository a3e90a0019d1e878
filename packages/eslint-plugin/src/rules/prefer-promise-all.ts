import {
  calledMethodName,
  dependsOnWrites,
  getRequestPathModel,
  isSleep,
  readVariables,
  rootIdentifier,
  skipTsWrappers,
  variableOf,
  writtenVariables,
  type Variable,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'sequentialIndependentAwaits' | 'usePromiseAll';

/** A `const x = await work();` statement: one declarator whose initialiser awaits a call or construction. */
interface Member {
  readonly statement: TSESTree.VariableDeclaration;
  readonly declarator: TSESTree.VariableDeclarator;
  readonly operand: TSESTree.CallExpression | TSESTree.NewExpression;
  /** Variables the statement declares or writes. */
  readonly writes: Set<Variable>;
  /** Variables the awaited operand reads. */
  readonly reads: Set<Variable>;
}

/**
 * Calls whose name says they change state (`createUser`, `repo.save`, `cache.set`). A later await on the same
 * receiver may read what they wrote (insert, then count), so such a pair is kept in order.
 */
const MUTATING_VERB =
  /^(?:create|insert|update|upsert|save|delete|del|remove|destroy|set|put|post|patch|write|append|increment|decrement|incr|decr|add|push|send|publish|emit|enqueue|lock|acquire|release|begin|commit|rollback|transaction|migrate|truncate|drop|clear|flush|reset|register|unregister|login|logout|signin|signout|subscribe|unsubscribe|connect|disconnect|close|open|init|start|stop)(?![a-z])/u;

function calleeName(operand: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const method = calledMethodName(operand);
  if (method) return method;
  const callee = skipTsWrappers(operand.callee);
  return callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
}

export default createRule<Options, MessageId>({
  name: 'prefer-promise-all',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require independent consecutive awaits to run together with `Promise.all`',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'async',
      codemod: 'awaits-to-promise-all',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      sequentialIndependentAwaits:
        'These {{count}} independent awaits ({{names}}) run one after another: each waits for the previous to finish, so this code takes the sum of their latencies instead of the slowest one, on every call. Start them together with `Promise.all`.',
      usePromiseAll: 'Run them together: `{{kind}} [{{names}}] = await Promise.all([…])`.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;

    function memberOf(statement: TSESTree.Node): Member | null {
      if (
        statement.type !== AST_NODE_TYPES.VariableDeclaration ||
        statement.declarations.length !== 1 ||
        statement.declare
      )
        return null;
      if (statement.kind !== 'const' && statement.kind !== 'let' && statement.kind !== 'var') return null;
      const declarator = statement.declarations[0];
      if (!declarator.init || declarator.init.type !== AST_NODE_TYPES.AwaitExpression || declarator.definite)
        return null;
      const operand = skipTsWrappers(declarator.init.argument);
      if (operand.type !== AST_NODE_TYPES.CallExpression && operand.type !== AST_NODE_TYPES.NewExpression) return null;
      if (isSleep(sourceCode, operand)) return null;
      return {
        statement,
        declarator,
        operand,
        writes: writtenVariables(sourceCode, statement),
        reads: readVariables(sourceCode, operand),
      };
    }

    /** The object a method is called on: its variable, or its name for a global. */
    function receiver(member: Member): Variable | string | null {
      const callee = skipTsWrappers(member.operand.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const root = rootIdentifier(callee.object);
      if (!root) return null;
      return variableOf(sourceCode, root) ?? root.name;
    }

    /** Whether `later` can start before `earlier` has finished without changing what either computes. */
    function independent(earlier: Member, later: Member): boolean {
      if (dependsOnWrites(sourceCode, later.operand, earlier.writes)) return false;
      for (const variable of later.writes) if (earlier.reads.has(variable)) return false;
      const name = calleeName(earlier.operand);
      if (name && MUTATING_VERB.test(name)) {
        const a = receiver(earlier);
        const b = receiver(later);
        if (!a || !b || a === b) return false;
      }
      return true;
    }

    function declaredName(id: TSESTree.Node): string {
      const annotation =
        'typeAnnotation' in id ? (id.typeAnnotation as TSESTree.TSTypeAnnotation | undefined) : undefined;
      const end = annotation ? annotation.range[0] : id.range[1];
      return sourceCode.text.slice(id.range[0], end).trim().replace(/\?$/u, '');
    }

    function suggestion(group: readonly Member[]): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const first = group[0];
      const last = group[group.length - 1];
      const kind = first.statement.kind;
      if (group.some((m) => m.statement.kind !== kind)) return [];
      const annotations = group.map((m) => m.declarator.id.typeAnnotation);
      const annotated = annotations.filter(Boolean).length;
      if (annotated !== 0 && annotated !== group.length) return [];
      const names = group.map((m) => declaredName(m.declarator.id));
      const typeText = annotated
        ? `: [${annotations.map((a) => sourceCode.getText(a!.typeAnnotation)).join(', ')}]`
        : '';
      const operands = group.map((m) => sourceCode.getText(m.operand));

      // Comments inside the group move with the operand they precede, so nothing is lost.
      const leading: string[][] = group.map(() => []);
      for (const comment of sourceCode.getAllComments()) {
        if (comment.range[0] < first.statement.range[0] || comment.range[1] > last.statement.range[1]) continue;
        if (group.some((m) => comment.range[0] >= m.operand.range[0] && comment.range[1] <= m.operand.range[1]))
          continue;
        const owner = group.findIndex((m) => comment.range[1] <= m.operand.range[0]);
        leading[owner === -1 ? group.length - 1 : owner].push(sourceCode.getText(comment));
      }
      const hasComments = leading.some((list) => list.length > 0);

      const line = sourceCode.lines[first.statement.loc.start.line - 1] ?? '';
      const indent = /^\s*/u.exec(line)?.[0] ?? '';
      const unit = indent.startsWith('\t') ? '\t' : '  ';
      const semicolon = sourceCode.getLastToken(last.statement)?.value === ';' ? ';' : '';
      const head = `${kind} [${names.join(', ')}]${typeText} = await Promise.all([`;
      const oneLine = `${head}${operands.join(', ')}])${semicolon}`;
      const multiline = operands.some((text) => text.includes('\n'));
      const text =
        !hasComments && !multiline && indent.length + oneLine.length <= 100
          ? oneLine
          : `${head}\n${operands
              .map(
                (operand, i) =>
                  `${leading[i].map((c) => `${indent}${unit}${c}\n`).join('')}${indent}${unit}${operand},`,
              )
              .join('\n')}\n${indent}])${semicolon}`;
      return [
        {
          messageId: 'usePromiseAll',
          data: { kind, names: names.join(', ') },
          fix: (fixer) => fixer.replaceTextRange([first.statement.range[0], last.statement.range[1]], text),
        },
      ];
    }

    function report(group: readonly Member[]): void {
      if (group.length < 2) return;
      const first = group[0];
      const last = group[group.length - 1];
      if (getRequestPathModel(context).contextOf(first.statement).context === 'startup') return;
      context.report({
        loc: { start: first.statement.loc.start, end: last.statement.loc.end },
        messageId: 'sequentialIndependentAwaits',
        data: {
          count: String(group.length),
          names: group.map((m) => `\`${declaredName(m.declarator.id)}\``).join(', '),
        },
        suggest: suggestion(group),
      });
    }

    function checkStatements(statements: readonly TSESTree.Node[]): void {
      let group: Member[] = [];
      for (const statement of statements) {
        const member = memberOf(statement);
        if (!member) {
          report(group);
          group = [];
          continue;
        }
        if (group.every((earlier) => independent(earlier, member))) {
          group.push(member);
        } else {
          report(group);
          group = [member];
        }
      }
      report(group);
    }

    return {
      BlockStatement(node) {
        checkStatements(node.body);
      },
      SwitchCase(node) {
        checkStatements(node.consequent);
      },
    };
  },
});
