import {
  CONNECTION_METHODS,
  calledMethodName,
  compiledAwaitRuns,
  dependsOnWrites,
  getRequestPathModel,
  indentAt,
  isAsyncInNameOnly,
  isFunctionNode,
  isSleep,
  nameOf,
  readVariables,
  rootIdentifier,
  skipTsWrappers,
  staticPropertyName,
  type CompiledAwait,
  type Variable,
  variableOf,
  walk,
  writtenVariables,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'sequentialIndependentAwaits' | 'usePromiseAll' | 'awaitTogether';

/**
 * One awaited call written as a statement of its own:
 * - `declare`: `const x = await work();` (one declarator; `let` and `var` too);
 * - `assign`: `x = await work();` or `this.x = await work();` (a plain `=` to a name or a non-computed member);
 * - `bare`: `await work();`, whose result is dropped: the call is made for what it does, so it is ordered against
 *   any other call on the same object, and against calls whose object is unknown.
 */
interface Member {
  readonly form: 'declare' | 'assign' | 'bare';
  /** The statement (for a compiled await whose result is dropped, the yield). */
  readonly statement: TSESTree.VariableDeclaration | TSESTree.ExpressionStatement | TSESTree.ReturnStatement;
  /**
   * Where the await is: its statement, or for an async function compiled for ES5 (a `__generator` state machine)
   * the `return [4, call]` that yields the call, whose result a statement of the next case stores.
   */
  readonly at: TSESTree.Node;
  /** The await is compiled code: it is reported, never rewritten. */
  readonly compiled: boolean;
  /** Where the result goes: the declarator's pattern or the assignment's target; `null` for a bare await. */
  readonly target: TSESTree.Node | null;
  /** The declarator of a `declare` member (for its type annotation). */
  readonly declarator: TSESTree.VariableDeclarator | null;
  readonly operand: TSESTree.CallExpression | TSESTree.NewExpression;
  /** Variables the statement declares or writes. */
  readonly writes: Set<Variable>;
  /** Variables the awaited operand reads. */
  readonly reads: Set<Variable>;
  /**
   * The property of `this` the statement assigns (`this.user = …`, `this.user.name = …`: `user`), which no variable
   * stands for.
   */
  readonly writesThis: string | null;
  /**
   * What the operand reads of `this`: the properties it reads (`this.api.get()` reads `api`), or `*` when it may read
   * any (a method of `this` itself, `this` passed along).
   */
  readonly readsThis: ReadonlySet<string>;
}

/**
 * Calls that change what every later read may see, whatever object it reads through: a transaction (its writes are
 * committed when it resolves), a commit or rollback, a migration. Nothing after them runs alongside.
 */
const GLOBAL_EFFECT = /^\$?(?:transaction|commit|rollback|migrate)$/u;

/**
 * Calls whose name says they change state (`createUser`, `repo.save`, `cache.set`). A later await on the same
 * receiver may read what they wrote (insert, then count), so such a pair is kept in order.
 */
const MUTATING_VERB = new RegExp(
  '^(?:create|insert|update|upsert|save|delete|del|remove|destroy|set|put|post|patch|write|append|increment|' +
    'decrement|incr|decr|add|push|send|publish|emit|enqueue|lock|acquire|release|begin|commit|rollback|' +
    'transaction|migrate|truncate|drop|clear|flush|reset|register|unregister|login|logout|signin|signout|' +
    'subscribe|unsubscribe|connect|disconnect|close|open|init|start|stop)(?![a-z])',
  'u',
);

/**
 * Transactions begun without a callback (`await knex.transaction()`, `await sequelize.transaction()`): one connection
 * until they end. (The data catalogue's `CONNECTION_METHODS` name the others: a TypeORM query runner, a client or
 * connection checked out of a pool.)
 */
const TRANSACTION_STARTS = /^(?:transaction|startTransaction|beginTransaction)$/u;
/** What code calls a connection or a transaction it is handed (`readRole(id, queryRunner)`, `(trx) => ...`). */
const CONNECTION_NAME_LIST = [
  'queryRunner',
  'trx',
  'tx',
  'transaction',
  'transactionalEntityManager',
  'transactionManager',
];
const CONNECTION_NAMES = new RegExp(`^(?:${CONNECTION_NAME_LIST.join('|')})$`, 'u');
/**
 * Properties that hold a connection or the caller's transaction: a name above, Bookshelf's and knex's
 * `options.transacting`, and Sequelize's and Mongoose's `{ transaction: t }`/`{ session }` options.
 */
const CONNECTION_PROPERTIES = new RegExp(`^(?:${[...CONNECTION_NAME_LIST, 'transacting', 'session'].join('|')})$`, 'u');

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
      sequentialIndependentAwaits: 'These {{count}} independent awaits ({{names}}) run one after another.',
      usePromiseAll: 'Run them together: `{{kind}} [{{names}}] = await Promise.all([…])`.',
      awaitTogether: 'Run them together: `await Promise.all([…])`.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;

    function awaitedOperand(expression: TSESTree.Node): TSESTree.CallExpression | TSESTree.NewExpression | null {
      return expression.type === AST_NODE_TYPES.AwaitExpression ? overlappable(expression.argument) : null;
    }

    /**
     * The call or construction an await waits for, when running it alongside others could gain something: not a
     * sleep (ordered on purpose), nor an async function that does nothing asynchronous.
     */
    function overlappable(awaited: TSESTree.Node): TSESTree.CallExpression | TSESTree.NewExpression | null {
      const operand = skipTsWrappers(awaited);
      if (operand.type !== AST_NODE_TYPES.CallExpression && operand.type !== AST_NODE_TYPES.NewExpression) return null;
      return isSleep(sourceCode, operand) || isAsyncInNameOnly(sourceCode, operand) ? null : operand;
    }

    /** A target an assignment member may write: a name, or a non-computed property of a name or `this`. */
    function simpleTarget(node: TSESTree.Node): boolean {
      if (node.type === AST_NODE_TYPES.Identifier) return true;
      if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.optional) return false;
      return node.object.type === AST_NODE_TYPES.ThisExpression || simpleTarget(node.object);
    }

    /** The properties of `this` that an expression reads (see `Member.readsThis`). */
    function thisReads(node: TSESTree.Node): Set<string> {
      const names = new Set<string>();
      for (const child of walk(node)) {
        if (child.type !== AST_NODE_TYPES.ThisExpression) continue;
        const parent = child.parent;
        const name =
          parent.type === AST_NODE_TYPES.MemberExpression && parent.object === child
            ? staticPropertyName(parent)
            : null;
        const called =
          parent.type === AST_NODE_TYPES.MemberExpression &&
          parent.parent.type === AST_NODE_TYPES.CallExpression &&
          parent.parent.callee === parent;
        names.add(name === null || called ? '*' : name);
      }
      return names;
    }

    /** The property of `this` that an assignment target writes, or `null` when its root is a name. */
    function thisWrite(target: TSESTree.Node): string | null {
      let current = target;
      while (current.type === AST_NODE_TYPES.MemberExpression) {
        if (current.object.type === AST_NODE_TYPES.ThisExpression) return staticPropertyName(current) ?? '*';
        current = current.object;
      }
      return null;
    }

    function member(
      form: Member['form'],
      statement: Member['statement'],
      operand: Member['operand'],
      target: TSESTree.Node | null,
      declarator: TSESTree.VariableDeclarator | null,
      at: TSESTree.Node = statement,
    ): Member {
      return {
        form,
        statement,
        at,
        compiled: at !== statement,
        target,
        declarator,
        operand,
        writes: writtenVariables(sourceCode, statement),
        reads: readVariables(sourceCode, operand),
        writesThis: target !== null && form === 'assign' ? thisWrite(target) : null,
        readsThis: thisReads(operand),
      };
    }

    function memberOf(statement: TSESTree.Node): Member | null {
      if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
        const expression = statement.expression;
        if (expression.type === AST_NODE_TYPES.AssignmentExpression) {
          if (expression.operator !== '=' || !simpleTarget(expression.left)) return null;
          const operand = awaitedOperand(expression.right);
          return operand ? member('assign', statement, operand, expression.left, null) : null;
        }
        const operand = awaitedOperand(expression);
        return operand ? member('bare', statement, operand, null, null) : null;
      }
      if (
        statement.type !== AST_NODE_TYPES.VariableDeclaration ||
        statement.declarations.length !== 1 ||
        statement.declare
      )
        return null;
      if (statement.kind !== 'const' && statement.kind !== 'let' && statement.kind !== 'var') return null;
      const declarator = statement.declarations[0];
      if (!declarator.init) return null;
      const operand = awaitedOperand(declarator.init);
      return operand ? member('declare', statement, operand, declarator.id, declarator) : null;
    }

    /** The object a method is called on: its variable, or its name for a global. */
    function receiver(member: Member): Variable | string | null {
      const callee = skipTsWrappers(member.operand.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const root = rootIdentifier(callee.object);
      if (!root) return null;
      return variableOf(sourceCode, root) ?? root.name;
    }

    /** Whether a call changes state: its result is dropped, or its name says so. */
    function changesState(m: Member): boolean {
      if (m.form === 'bare') return true;
      const name = calleeName(m.operand);
      return name !== null && MUTATING_VERB.test(name);
    }

    /** Whether `reader`'s call may read the property of `this` that `writer` assigns. */
    function readsWrittenThis(reader: Member, writer: Member): boolean {
      if (writer.writesThis === null) return false;
      return reader.readsThis.has('*') || writer.writesThis === '*'
        ? reader.readsThis.size > 0
        : reader.readsThis.has(writer.writesThis);
    }

    /**
     * A variable that holds one connection or transaction: a parameter named like one, or a variable given the
     * result of a call that opens one (`const queryRunner = dataSource.createQueryRunner()`,
     * `const client = await pool.connect()`, `const trx = await knex.transaction()`).
     */
    function connectionVariable(identifier: TSESTree.Identifier): Variable | null {
      const variable = variableOf(sourceCode, identifier);
      const def = variable?.defs[0];
      if (!variable || !def || variable.defs.length !== 1) return null;
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
      if (def.type === 'Parameter') return CONNECTION_NAMES.test(identifier.name) ? variable : null;
      if (def.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
      // `let queryRunner; try { queryRunner = dataSource.createQueryRunner(); ... } finally { ... }`: every value.
      const values = variable.references.flatMap((reference) => (reference.writeExpr ? [reference.writeExpr] : []));
      return values.length > 0 && values.every(opensConnection) ? variable : null;
    }

    /** Whether an expression opens one connection or transaction (see `connectionVariable`). */
    function opensConnection(value: TSESTree.Node): boolean {
      if (connectionProperty(value)) return true;
      let init = skipTsWrappers(value);
      if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipTsWrappers(init.argument);
      if (init.type !== AST_NODE_TYPES.CallExpression) return false;
      const name = calledMethodName(init);
      if (name === null || init.arguments.some((arg) => isFunctionNode(skipTsWrappers(arg)))) return false;
      if (TRANSACTION_STARTS.test(name)) return true;
      const opens = CONNECTION_METHODS.get(name);
      if (!opens) return false;
      if (!opens.fromPool) return true;
      // A pool's method by a name other objects have too (a database client's own `connect()` opens a pool): only
      // on a receiver named for a pool.
      const callee = skipTsWrappers(init.callee);
      const owner = callee.type === AST_NODE_TYPES.MemberExpression ? nameOf(skipTsWrappers(callee.object)) : null;
      return owner !== null && /pool$/iu.test(owner);
    }

    /** `options.transacting`: a property that holds the caller's transaction (see `CONNECTION_PROPERTIES`). */
    function connectionProperty(node: TSESTree.Node): boolean {
      const expression = skipTsWrappers(node);
      if (expression.type !== AST_NODE_TYPES.MemberExpression || expression.computed) return false;
      const name = staticPropertyName(expression);
      return name !== null && CONNECTION_PROPERTIES.test(name);
    }

    /**
     * The connections a call goes through: the root of its receiver (`queryRunner.manager.find(...)`,
     * `client.query(...)`) and the connections passed to it or to a call of its chain (`.transacting(trx)`,
     * `readRoleById(id, queryRunner)`).
     */
    const connections = new Map<TSESTree.Node, Set<Variable | string>>();
    function connectionsOf(operand: TSESTree.CallExpression | TSESTree.NewExpression): Set<Variable | string> {
      const known = connections.get(operand);
      if (known) return known;
      const found = new Set<Variable | string>();
      connections.set(operand, found);
      const consider = (node: TSESTree.Node): void => {
        const expression = skipTsWrappers(node);
        // The same property of the same object in consecutive statements: `.transacting(options.transacting)`.
        if (connectionProperty(expression)) found.add(sourceCode.getText(expression));
        // Sequelize's `User.findAll({ where, transaction: t })`, Mongoose's `{ session }`.
        if (expression.type === AST_NODE_TYPES.ObjectExpression) {
          for (const property of expression.properties) {
            if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
            const name = staticPropertyName(property);
            if (name !== null && CONNECTION_PROPERTIES.test(name)) consider(property.value);
          }
          return;
        }
        if (expression.type !== AST_NODE_TYPES.Identifier) return;
        const variable = connectionVariable(expression);
        if (variable) found.add(variable);
      };
      let current: TSESTree.Node = operand;
      for (let depth = 0; depth < 16; depth += 1) {
        if (current.type !== AST_NODE_TYPES.CallExpression && current.type !== AST_NODE_TYPES.NewExpression) break;
        for (const arg of current.arguments) consider(arg);
        const callee = skipTsWrappers(current.callee);
        // A transaction that is a query builder itself: `trx('users').where(...)`.
        consider(callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
        let object = skipTsWrappers(callee.object);
        // `this.queryRunner.manager.find(...)`: a member on the way that holds a connection.
        while (object.type === AST_NODE_TYPES.MemberExpression) {
          consider(object);
          object = skipTsWrappers(object.object);
        }
        if (object.type === AST_NODE_TYPES.Identifier) consider(object);
        current = object;
      }
      return found;
    }

    /** Whether `later` can start before `earlier` has finished without changing what either computes. */
    function independent(earlier: Member, later: Member): boolean {
      // Two queries on one connection or transaction run one after another whatever the code says.
      const shared = connectionsOf(earlier.operand);
      if (shared.size > 0 && [...connectionsOf(later.operand)].some((variable) => shared.has(variable))) return false;
      if (dependsOnWrites(sourceCode, later.operand, earlier.writes)) return false;
      for (const variable of later.writes)
        if (earlier.reads.has(variable) || earlier.writes.has(variable)) return false;
      if (readsWrittenThis(later, earlier) || readsWrittenThis(earlier, later)) return false;
      if (earlier.target && later.target && earlier.form === 'assign' && later.form === 'assign') {
        if (sourceCode.getText(earlier.target) === sourceCode.getText(later.target)) return false;
      }
      // A transaction or a commit is ordered against everything, before and after it: a read through another
      // repository or service sees what it wrote (`await manager.transaction(...)`, then `await orders.retrieve(id)`).
      if ([earlier, later].some((m) => GLOBAL_EFFECT.test(calleeName(m.operand) ?? ''))) return false;
      // A call that changes state is ordered against every call on the same object, and against calls whose object
      // is unknown: a later read may see the write (insert, then count), a later write may depend on the first
      // having happened (debit, then credit).
      if (changesState(earlier) || changesState(later)) {
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

    /** How a member is named in the message: what it declares or assigns, or the call a bare await makes. */
    function memberName(m: Member): string {
      if (m.target) return declaredName(m.target);
      return `${sourceCode.getText(m.operand.callee)}()`;
    }

    /**
     * The statement that replaces the group: `const [a, b] = await Promise.all([…])` for declarations (one kind),
     * `[a, this.b] = await Promise.all([…])` for assignments, `await Promise.all([…])` for bare awaits; bare awaits
     * among the others leave holes in the pattern. `null` when the forms do not mix (declarations of different kinds,
     * or declarations with assignments).
     */
    function replacementHead(group: readonly Member[]): { head: string; kind: string } | null {
      const declarations = group.filter((m) => m.form === 'declare');
      const assignments = group.filter((m) => m.form === 'assign');
      if (declarations.length > 0 && assignments.length > 0) return null;
      const first = declarations.at(0)?.statement;
      const kind = first?.type === AST_NODE_TYPES.VariableDeclaration ? first.kind : '';
      if (
        declarations.some((m) => m.statement.type !== AST_NODE_TYPES.VariableDeclaration || m.statement.kind !== kind)
      )
        return null;
      if (declarations.length === 0 && assignments.length === 0) return { head: 'await Promise.all([', kind: '' };
      const annotations = group.map((m) => m.declarator?.id.typeAnnotation);
      const annotated = annotations.filter(Boolean).length;
      if (annotated !== 0 && (annotated !== group.length || group.some((m) => m.form !== 'declare'))) return null;
      let last = group.length - 1;
      while (group[last]?.form === 'bare') last -= 1;
      const names = group.slice(0, last + 1).map((m) => (m.target ? declaredName(m.target) : ''));
      const typeText = annotated
        ? `: [${annotations.map((a) => (a ? sourceCode.getText(a.typeAnnotation) : '')).join(', ')}]`
        : '';
      const pattern = `[${names.join(', ')}]${typeText}`;
      return declarations.length > 0
        ? { head: `${kind} ${pattern} = await Promise.all([`, kind }
        : { head: `${pattern} = await Promise.all([`, kind: '' };
    }

    function suggestion(group: readonly Member[]): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const first = group.at(0);
      const last = group.at(-1);
      // Compiled output is rebuilt from its sources: the change belongs there.
      if (group.some((m) => m.compiled)) return [];
      const replacement = replacementHead(group);
      if (!first || !last || !replacement) return [];
      const operands = group.map((m) => sourceCode.getText(m.operand));

      // Comments inside the group move with the operand they precede, so nothing is lost.
      const leading: string[][] = group.map(() => []);
      for (const comment of sourceCode.getAllComments()) {
        if (comment.range[0] < first.statement.range[0] || comment.range[1] > last.statement.range[1]) continue;
        if (group.some((m) => comment.range[0] >= m.operand.range[0] && comment.range[1] <= m.operand.range[1]))
          continue;
        const owner = group.findIndex((m) => comment.range[1] <= m.operand.range[0]);
        leading.at(owner)?.push(sourceCode.getText(comment));
      }
      const hasComments = leading.some((list) => list.length > 0);

      const indent = indentAt(sourceCode.text, first.statement.range[0]);
      const unit = indent.startsWith('\t') ? '\t' : '  ';
      const semicolon = sourceCode.getLastToken(last.statement)?.value === ';' ? ';' : '';
      // `[a, b] = …` after a statement without a semicolon would continue it (`foo()\n[a, b]` indexes foo()).
      const previous = sourceCode.getTokenBefore(first.statement);
      const guard =
        replacement.head.startsWith('[') &&
        semicolon === '' &&
        previous &&
        !['{', '}', ';', ':'].includes(previous.value)
          ? ';'
          : '';
      const head = `${guard}${replacement.head}`;
      const oneLine = `${head}${operands.join(', ')}])${semicolon}`;
      const multiline = operands.some((text) => text.includes('\n'));
      const text =
        !hasComments && !multiline && indent.length + oneLine.length <= 100
          ? oneLine
          : `${head}\n${operands
              .map(
                (operand, i) =>
                  `${(leading[i] ?? []).map((c) => `${indent}${unit}${c}\n`).join('')}${indent}${unit}${operand},`,
              )
              .join('\n')}\n${indent}])${semicolon}`;
      const names = group.filter((m) => m.target).map(memberName);
      return [
        {
          messageId: replacement.head.includes('[') && names.length > 0 ? 'usePromiseAll' : 'awaitTogether',
          data: { kind: replacement.kind ? `${replacement.kind} ` : '', names: names.join(', ') },
          fix: (fixer) => fixer.replaceTextRange([first.statement.range[0], last.statement.range[1]], text),
        },
      ];
    }

    function report(group: readonly Member[]): void {
      const first = group.at(0);
      const last = group.at(-1);
      if (group.length < 2 || !first || !last) return;
      if (getRequestPathModel(context).contextOf(first.at).context === 'startup') return;
      context.report({
        loc: { start: first.at.loc.start, end: last.at.loc.end },
        messageId: 'sequentialIndependentAwaits',
        data: {
          count: String(group.length),
          names: group.map((m) => `\`${memberName(m)}\``).join(', '),
        },
        suggest: suggestion(group),
      });
    }

    /** Groups consecutive members that are independent of every earlier one in their group; `null` ends a group. */
    function checkMembers(members: Iterable<Member | null>): void {
      let group: Member[] = [];
      for (const member of members) {
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

    /** The member of one compiled `await` (see `compiledAwaitRuns`), or `null` for a sleep and the like. */
    function compiledMember(awaited: CompiledAwait): Member | null {
      const operand = overlappable(awaited.operand);
      if (!operand) return null;
      const stored = awaited.result?.expression;
      if (stored?.type === AST_NODE_TYPES.AssignmentExpression && awaited.result) {
        if (!simpleTarget(stored.left)) return null;
        return member('assign', awaited.result, operand, stored.left, null, awaited.yield);
      }
      // A dropped result: the yield is the whole statement.
      return { ...member('bare', awaited.yield, operand, null, null, awaited.yield), compiled: true };
    }

    return {
      BlockStatement(node) {
        checkMembers(node.body.map(memberOf));
      },
      SwitchCase(node) {
        checkMembers(node.consequent.map(memberOf));
      },
      SwitchStatement(node) {
        for (const run of compiledAwaitRuns(node)) checkMembers(run.map(compiledMember));
      },
    };
  },
});
