import {
  dependsOnIteration,
  describeCallback,
  enclosingIterations,
  eolOf,
  findProjectSearches,
  EVERY_ITEM_METHODS,
  getRequestPathModel,
  indentAt,
  isFunctionNode,
  isSmallLiteralArray,
  literalListLength,
  listSearchOf,
  quotedCode,
  type Iteration,
  type KeyMatch,
  type ListSearch,
  type ProjectSearch,
  type RequestPathModel,
  skipTsWrappers,
  staticPropertyName,
  variableOf,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId =
  'quadraticLookup' | 'quadraticLookupCall' | 'quadraticLookupThrough' | 'useMapLookup' | 'useSetLookup';

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export default createRule<Options, MessageId>({
  name: 'no-quadratic-lookup',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow searching one list by key once per item of another list',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'n-plus-one',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      quadraticLookup: '`{{receiver}}.{{method}}()` inside {{iteration}} scans `{{receiver}}` once per item.',
      quadraticLookupCall: '`{{callee}}({{receiver}}, …)` inside {{iteration}} scans `{{receiver}}` once per item.',
      quadraticLookupThrough:
        '`{{callee}}()` inside {{iteration}} runs `{{search}}` (in `{{name}}`, {{file}}) once per item, scanning the ' +
        'whole list each time.',
      useMapLookup:
        'Build `{{name}}` (a `Map` keyed by `{{key}}`, first match wins) once, and look items up with ' +
        '`{{name}}.get(…)`.',
      useSetLookup: 'Build `{{name}}` (a `Set`) once, and test with `{{name}}.has(…)`.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const typescript = /\.[cm]?tsx?$/u.test(context.filename);

    function describeIteration(iteration: Iteration): string {
      if (iteration.kind === 'callback') return describeCallback(iteration, sourceCode);
      return iteration.node.type === AST_NODE_TYPES.ForOfStatement ? 'this `for...of` loop' : 'this loop';
    }

    /** The statement, in a statement list, that contains the outer iteration: the index goes right before it. */
    function insertionStatement(iteration: Iteration): TSESTree.Node | null {
      let node: TSESTree.Node = iteration.node;
      while (node.parent) {
        const parent = node.parent;
        if (
          parent.type === AST_NODE_TYPES.BlockStatement ||
          parent.type === AST_NODE_TYPES.Program ||
          parent.type === AST_NODE_TYPES.SwitchCase
        )
          return node;
        if (isFunctionNode(parent) || parent.type === AST_NODE_TYPES.StaticBlock) return null;
        node = parent;
      }
      return null;
    }

    /** A name for the index that nothing in the file uses yet. */
    function freshName(base: string): string | null {
      return new RegExp(`\\b${base.replace(/\$/gu, '\\$')}\\b`, 'u').test(sourceCode.text) ? null : base;
    }

    /** The receiver is a variable declared before the statement and never reassigned. */
    function stableBefore(receiver: TSESTree.Node, statement: TSESTree.Node): receiver is TSESTree.Identifier {
      if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
      const scope = sourceCode.getScope(receiver);
      let variable: TSESLint.Scope.Variable | null = null;
      for (let current: TSESLint.Scope.Scope | null = scope; current && !variable; current = current.upper) {
        variable = current.set.get(receiver.name) ?? null;
      }
      if (!variable || variable.defs.length !== 1) return false;
      const def = variable.defs[0];
      if (def.name.range[1] > statement.range[0]) return false;
      return variable.references.every(
        (reference) => !reference.isWrite() || reference.identifier.range[1] <= statement.range[0],
      );
    }

    function suggest(
      call: TSESTree.CallExpression,
      method: string,
      receiver: TSESTree.Node,
      iteration: Iteration,
      match: KeyMatch | null,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const statement = insertionStatement(iteration);
      if (!statement || !stableBefore(receiver, statement)) return [];
      const indent = indentAt(sourceCode.text, statement.range[0]);
      const eol = eolOf(sourceCode.text);
      const asConst = typescript ? ' as const' : '';
      let name: string | null;
      let declaration: string;
      let replacement: string;
      let messageId: MessageId;
      let key = '';
      if (method === 'includes') {
        const argument = call.arguments.at(0);
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || call.arguments.length !== 1) return [];
        name = freshName(`${receiver.name}Set`);
        declaration = `const ${name} = new Set(${receiver.name});`;
        replacement = `${name}.has(${sourceCode.getText(argument)})`;
        messageId = 'useSetLookup';
      } else if (match && (method === 'find' || method === 'some')) {
        const row = match.param.name;
        const field = match.property === null ? row : `${row}.${match.property}`;
        key = match.property ?? row;
        if (method === 'find') {
          name = freshName(`${receiver.name}By${capitalise(match.property ?? 'value')}`);
          const entries = `${receiver.name}.map((${row}) => [${field}, ${row}]${asConst})`;
          declaration = `const ${name} = new Map(${entries}.reverse());`;
          replacement = `${name}.get(${sourceCode.getText(match.key)})`;
          messageId = 'useMapLookup';
        } else {
          name = freshName(
            match.property === null ? `${receiver.name}Set` : `${receiver.name}${capitalise(match.property)}Set`,
          );
          declaration = `const ${name} = new Set(${receiver.name}.map((${row}) => ${field}));`;
          replacement = `${name}.has(${sourceCode.getText(match.key)})`;
          messageId = 'useSetLookup';
        }
      } else {
        return [];
      }
      if (name === null) return [];
      const lineStart = sourceCode.getIndexFromLoc({ line: statement.loc.start.line, column: 0 });
      const text = `${indent}${declaration}${eol}`;
      return [
        {
          messageId,
          data: { name, key },
          fix: (fixer) => [
            fixer.insertTextBeforeRange([lineStart, lineStart], text),
            fixer.replaceText(call, replacement),
          ],
        },
      ];
    }

    /**
     * Whether `node` is the array parameter of an array method's callback (the third, or the fourth of `reduce`):
     * the array that method iterates.
     */
    function isIteratedArray(node: TSESTree.Node, iteration: Iteration): boolean {
      if (iteration.kind !== 'callback' || !isFunctionNode(iteration.node) || node.type !== AST_NODE_TYPES.Identifier)
        return false;
      const method = iteration.like ?? iteration.method ?? '';
      if (!EVERY_ITEM_METHODS.has(method)) return false;
      const array = iteration.node.params.at(method.startsWith('reduce') ? 3 : 2);
      return array !== undefined && variableOf(sourceCode, node)?.defs[0]?.name === array;
    }

    let model: RequestPathModel | undefined;

    /**
     * The innermost loop or per-item callback around a call that the rule judges: not the loops of compiled async
     * functions (an index built before one would sit inside the state machine), not `while` or `for...in` loops, and
     * not an iteration over a short literal list.
     */
    function iterationAround(call: TSESTree.CallExpression): Iteration | null {
      const iteration = enclosingIterations(call, EVERY_ITEM_METHODS, sourceCode).find(
        (candidate) =>
          !candidate.parts &&
          candidate.node.type !== AST_NODE_TYPES.WhileStatement &&
          candidate.node.type !== AST_NODE_TYPES.DoWhileStatement &&
          candidate.node.type !== AST_NODE_TYPES.ForInStatement,
      );
      if (!iteration || (iteration.iterable && isSmallLiteralArray(iteration.iterable, sourceCode))) return null;
      return iteration;
    }

    const shortText = (node: TSESTree.Node): string => quotedCode(sourceCode.getText(node));

    function checkSearch(call: TSESTree.CallExpression, search: ListSearch): void {
      const { receiver, key, method, match } = search;
      if (
        receiver.type === AST_NODE_TYPES.Literal ||
        receiver.type === AST_NODE_TYPES.TemplateLiteral ||
        receiver.type === AST_NODE_TYPES.ArrayExpression
      )
        return;
      const iteration = iterationAround(call);
      if (!iteration) return;
      // A list written out in the code, however long, has a fixed size: the scans add up to linear work.
      if (literalListLength(receiver, sourceCode) !== null) return;
      // The array a callback is given as its third parameter is the list being iterated, the same on every item
      // (`uids.filter((uid, index, array) => array.indexOf(uid) === index)`, the quadratic de-duplication).
      if (!isIteratedArray(receiver, iteration) && dependsOnIteration(receiver, iteration, sourceCode)) return;
      if (!dependsOnIteration(key, iteration, sourceCode)) return;
      model ??= getRequestPathModel(context);
      if (model.contextOf(call).context === 'startup') return;
      if (search.callee !== null) {
        // No rewrite for lodash's forms: the index would replace a call whose arguments may be coerced collections.
        context.report({
          node: call,
          messageId: 'quadraticLookupCall',
          data: { callee: search.callee, receiver: shortText(receiver), iteration: describeIteration(iteration) },
        });
        return;
      }
      context.report({
        node: call,
        messageId: 'quadraticLookup',
        data: { receiver: shortText(receiver), method, iteration: describeIteration(iteration) },
        suggest: suggest(call, method, receiver, iteration, match),
      });
    }

    let projectSearches: ReadonlyMap<TSESTree.CallExpression, ProjectSearch> | undefined;

    /**
     * A call of a function of the project that searches a list it keeps (a field of its object, a variable of its
     * module) by one of the call's arguments, once per item of a list on the request path: `chan.findMessage(id)` for
     * each id of a request, where `findMessage(id)` runs `this.messages.find((m) => m.id === id)`.
     */
    function checkProjectSearch(call: TSESTree.CallExpression): void {
      projectSearches ??= findProjectSearches(context);
      const through = projectSearches.get(call);
      if (!through) return;
      // The argument at that position, known only when no spread comes before it.
      const given = call.arguments.slice(0, through.param + 1);
      const key = given.at(through.param);
      if (!key || given.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return;
      // An iteration over a list (not a counted loop, which may be a polling loop taking one item at a time).
      const iteration = iterationAround(call);
      if (!iteration || (iteration.kind === 'loop' && iteration.node.type !== AST_NODE_TYPES.ForOfStatement)) return;
      if (!dependsOnIteration(key, iteration, sourceCode)) return;
      // A method of each item (`item.findChild(id)`) searches another object's list per item.
      const callee = skipTsWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && dependsOnIteration(callee.object, iteration, sourceCode))
        return;
      // A search behind a call is reported where the project shows that the loop runs per request: without that,
      // the lists such helpers search (a model's columns, a theme's templates) are most often a handful.
      model ??= getRequestPathModel(context);
      if (model.contextOf(call).context !== 'request') return;
      const calleeText = shortText(callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : null;
      context.report({
        node: call,
        messageId: 'quadraticLookupThrough',
        data: {
          callee: calleeText === '…' && method !== null ? `….${method}` : calleeText,
          search: through.search,
          name: through.name,
          file: through.file,
          iteration: describeIteration(iteration),
        },
      });
    }

    return {
      CallExpression(call) {
        const search = listSearchOf(call, sourceCode);
        if (search) checkSearch(call, search);
        else checkProjectSearch(call);
      },
    };
  },
});
