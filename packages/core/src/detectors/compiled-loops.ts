import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { isFunctionNode, type FunctionNode } from '../ast.js';

/**
 * Loops of async functions that TypeScript compiled for ES5 or ES2015 targets. The compiler turns an async function
 * into `__awaiter(this, …, function () { return __generator(this, function (_a) { switch (_a.label) { … } }) })`, a
 * state machine whose loops are no longer loop statements: the loop's head is a `case` that leaves with
 * `return [3 /*break*\/, end]`, and the last case of its body jumps back with `return [3 /*break*\/, head]`. A
 * `for...of` becomes `it = __values(list), step = it.next()` before the head, `if (!!step.done) return [3, end];
 * item = step.value;` in the head, and `step = it.next(); return [3, head];` at the end of the body.
 */
export interface CompiledLoop {
  /** The `case` of the loop's head. */
  readonly head: TSESTree.SwitchCase;
  /** The cases that run per iteration, the head included, in order. */
  readonly cases: readonly TSESTree.SwitchCase[];
  /** The list of a compiled `for...of` (the argument of `__values`), or `null`. */
  readonly iterable: TSESTree.Expression | null;
}

/** The name of a compiler helper called as `__x(...)`, `tslib_1.__x(...)` or `(0, tslib_1.__x)(...)`. */
function helperName(callee: TSESTree.Node): string | null {
  let node = callee;
  if (node.type === AST_NODE_TYPES.SequenceExpression) node = node.expressions.at(-1) ?? node;
  if (node.type === AST_NODE_TYPES.Identifier) return node.name.startsWith('__') ? node.name : null;
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    node.property.type === AST_NODE_TYPES.Identifier
  )
    return node.property.name.startsWith('__') ? node.property.name : null;
  return null;
}

/**
 * Whether a function is the body that `__awaiter` or `__generator` wraps: code inside it runs as part of the async
 * function the compiler rewrote, not as a callback of its own.
 */
export function isCompiledAsyncBody(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.at(-1) !== fn) return false;
  const name = helperName(call.callee);
  return name === '__awaiter' || name === '__generator';
}

/** `return [3, n]`: the state machine's jump to the case labelled `n`. */
function jumpTarget(statement: TSESTree.Node): number | null {
  if (statement.type !== AST_NODE_TYPES.ReturnStatement || statement.argument?.type !== AST_NODE_TYPES.ArrayExpression)
    return null;
  const [op, label] = statement.argument.elements;
  if (op?.type !== AST_NODE_TYPES.Literal || op.value !== 3) return null;
  return label?.type === AST_NODE_TYPES.Literal && typeof label.value === 'number' ? label.value : null;
}

function caseLabel(node: TSESTree.SwitchCase): number | null {
  return node.test?.type === AST_NODE_TYPES.Literal && typeof node.test.value === 'number' ? node.test.value : null;
}

/** The statements of a case and of the blocks and `if`s in it (not of nested functions). */
function* statementsOf(statements: readonly TSESTree.Statement[]): Generator<TSESTree.Statement> {
  for (const statement of statements) {
    yield statement;
    if (statement.type === AST_NODE_TYPES.BlockStatement) yield* statementsOf(statement.body);
    else if (statement.type === AST_NODE_TYPES.IfStatement) {
      yield* statementsOf([statement.consequent]);
      if (statement.alternate) yield* statementsOf([statement.alternate]);
    }
  }
}

/** The assignments `name = value` of a switch, found in its cases' expression statements and sequences. */
function assignedValues(switchNode: TSESTree.SwitchStatement): Map<string, TSESTree.Expression> {
  const values = new Map<string, TSESTree.Expression>();
  const add = (expression: TSESTree.Expression): void => {
    if (expression.type === AST_NODE_TYPES.SequenceExpression) expression.expressions.forEach(add);
    else if (
      expression.type === AST_NODE_TYPES.AssignmentExpression &&
      expression.operator === '=' &&
      expression.left.type === AST_NODE_TYPES.Identifier &&
      !values.has(expression.left.name)
    ) {
      values.set(expression.left.name, expression.right);
      add(expression.right);
    }
  };
  for (const switchCase of switchNode.cases) {
    for (const statement of statementsOf(switchCase.consequent)) {
      if (statement.type === AST_NODE_TYPES.ExpressionStatement) add(statement.expression);
    }
  }
  return values;
}

/** For a head `if (!!step.done) return [3, end];`: the list of `it = __values(list), step = it.next()`. */
function forOfList(head: TSESTree.SwitchCase, values: Map<string, TSESTree.Expression>): TSESTree.Expression | null {
  const first = head.consequent.at(0);
  if (first?.type !== AST_NODE_TYPES.IfStatement) return null;
  let test: TSESTree.Expression = first.test;
  while (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') test = test.argument;
  if (
    test.type !== AST_NODE_TYPES.MemberExpression ||
    test.object.type !== AST_NODE_TYPES.Identifier ||
    test.property.type !== AST_NODE_TYPES.Identifier ||
    test.property.name !== 'done'
  )
    return null;
  const step = values.get(test.object.name);
  if (
    step?.type !== AST_NODE_TYPES.CallExpression ||
    step.callee.type !== AST_NODE_TYPES.MemberExpression ||
    step.callee.object.type !== AST_NODE_TYPES.Identifier
  )
    return null;
  const iterator = values.get(step.callee.object.name);
  if (iterator?.type !== AST_NODE_TYPES.CallExpression || helperName(iterator.callee) !== '__values') return null;
  const list = iterator.arguments.at(0);
  return list && list.type !== AST_NODE_TYPES.SpreadElement ? list : null;
}

const loopsBySwitch = new WeakMap<TSESTree.SwitchStatement, readonly CompiledLoop[]>();

/** The loops of a `__generator` state machine (empty for any other switch). */
function compiledLoops(switchNode: TSESTree.SwitchStatement): readonly CompiledLoop[] {
  const cached = loopsBySwitch.get(switchNode);
  if (cached) return cached;
  const loops: CompiledLoop[] = [];
  const fn = switchNode.parent.parent;
  const discriminant = switchNode.discriminant;
  if (
    fn &&
    isFunctionNode(fn) &&
    isCompiledAsyncBody(fn) &&
    discriminant.type === AST_NODE_TYPES.MemberExpression &&
    discriminant.property.type === AST_NODE_TYPES.Identifier &&
    discriminant.property.name === 'label'
  ) {
    const byLabel = new Map<number, number>();
    switchNode.cases.forEach((switchCase, index) => {
      const label = caseLabel(switchCase);
      if (label !== null) byLabel.set(label, index);
    });
    // The last case that jumps back to each head: a `continue` jumps back from inside the body too.
    const lastOf = new Map<number, number>();
    switchNode.cases.forEach((switchCase, index) => {
      const label = caseLabel(switchCase);
      if (label === null) return;
      for (const statement of statementsOf(switchCase.consequent)) {
        const target = jumpTarget(statement);
        const start = target === null ? undefined : byLabel.get(target);
        if (target !== null && target <= label && start !== undefined) lastOf.set(start, index);
      }
    });
    const values = lastOf.size > 0 ? assignedValues(switchNode) : new Map<string, TSESTree.Expression>();
    for (const [start, last] of lastOf) {
      const head = switchNode.cases[start];
      loops.push({ head, cases: switchNode.cases.slice(start, last + 1), iterable: forOfList(head, values) });
    }
    // Innermost first: a nested loop spans fewer cases.
    loops.sort((a, b) => a.cases.length - b.cases.length);
  }
  loopsBySwitch.set(switchNode, loops);
  return loops;
}

/** The compiled loops whose cases include `switchCase`, innermost first. */
export function compiledLoopsAround(switchCase: TSESTree.SwitchCase): readonly CompiledLoop[] {
  return compiledLoops(switchCase.parent).filter((loop) => loop.cases.includes(switchCase));
}

/**
 * One `await` of a compiled async function: the case returns `[4 /*yield*\/, call]`, and the next case begins with
 * `result = _a.sent();` (or `_a.sent();`, or nothing, when the result is dropped).
 */
export interface CompiledAwait {
  readonly yield: TSESTree.ReturnStatement;
  readonly operand: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The statement that stores the result (`customer = _a.sent();`), or `null`. */
  readonly result: TSESTree.ExpressionStatement | null;
}

/** `return [4, operand]`: the operand, when the statement is a compiled `await` of a call. */
function yieldedCall(statement: TSESTree.Node | undefined): TSESTree.CallExpression | TSESTree.NewExpression | null {
  if (statement?.type !== AST_NODE_TYPES.ReturnStatement || statement.argument?.type !== AST_NODE_TYPES.ArrayExpression)
    return null;
  const [op, operand] = statement.argument.elements;
  if (op?.type !== AST_NODE_TYPES.Literal || op.value !== 4 || !operand) return null;
  return operand.type === AST_NODE_TYPES.CallExpression || operand.type === AST_NODE_TYPES.NewExpression
    ? operand
    : null;
}

/** `_a.sent()` (the value the last yield resumed with), possibly assigned: `x = _a.sent()`. */
function sentResult(statement: TSESTree.Node | undefined): TSESTree.ExpressionStatement | 'dropped' | null {
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const expression = statement.expression;
  const call =
    expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '='
      ? expression.right
      : expression;
  const isSent =
    call.type === AST_NODE_TYPES.CallExpression &&
    call.arguments.length === 0 &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    call.callee.property.type === AST_NODE_TYPES.Identifier &&
    call.callee.property.name === 'sent';
  if (!isSent) return null;
  return expression === call ? 'dropped' : statement;
}

/**
 * Whether a `__generator` body belongs to an async function (`__awaiter(this, …, function () { return
 * __generator(…) })`): a compiled generator function (`function* ids()`) yields values, it does not await them.
 */
function insideAwaiter(body: FunctionNode): boolean {
  let node: TSESTree.Node | undefined = body.parent;
  while (node && !isFunctionNode(node)) node = node.parent;
  if (!node || node.parent.type !== AST_NODE_TYPES.CallExpression) return false;
  return helperName(node.parent.callee) === '__awaiter';
}

/**
 * The runs of consecutive `await`s of a compiled async function's state machine with nothing between them: a case
 * that ends with a yield, then cases that only take the previous result and yield again
 * (`case 1: customer = _a.sent(); return [4, providers.list()];`). Runs of two or more, in order; none for any other
 * switch.
 */
export function compiledAwaitRuns(switchNode: TSESTree.SwitchStatement): readonly (readonly CompiledAwait[])[] {
  const fn = switchNode.parent.parent;
  const discriminant = switchNode.discriminant;
  if (
    !fn ||
    !isFunctionNode(fn) ||
    !isCompiledAsyncBody(fn) ||
    !insideAwaiter(fn) ||
    discriminant.type !== AST_NODE_TYPES.MemberExpression ||
    discriminant.property.type !== AST_NODE_TYPES.Identifier ||
    discriminant.property.name !== 'label'
  )
    return [];
  const runs: CompiledAwait[][] = [];
  let run: { yield: TSESTree.ReturnStatement; operand: CompiledAwait['operand']; result: CompiledAwait['result'] }[] =
    [];
  const end = (): void => {
    if (run.length > 1) runs.push(run);
    run = [];
  };
  for (const switchCase of switchNode.cases) {
    const statements = switchCase.consequent;
    const last = statements.at(-1) as TSESTree.ReturnStatement | undefined;
    const operand = yieldedCall(last);
    const taken = sentResult(statements[0]);
    // The case after a yield resumes with its result.
    const previous = run.at(-1);
    if (previous) previous.result = taken && taken !== 'dropped' ? taken : null;
    if (previous && operand && last && taken !== null && statements.length === 2) {
      run.push({ yield: last, operand, result: null });
      continue;
    }
    end();
    if (operand && last) run.push({ yield: last, operand, result: null });
  }
  end();
  return runs;
}
