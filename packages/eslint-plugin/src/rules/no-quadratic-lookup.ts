import {
  dependsOnIteration,
  describeCallback,
  enclosingIterations,
  eolOf,
  EVERY_ITEM_METHODS,
  findApiUses,
  getRequestPathModel,
  indentAt,
  isFunctionNode,
  isSmallLiteralArray,
  literalListLength,
  LODASH_SEARCH_APIS,
  type LodashCollectionEntry,
  type Iteration,
  type RequestPathModel,
  variableOf,
  skipTsWrappers,
  staticPropertyName,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'quadraticLookup' | 'quadraticLookupCall' | 'useMapLookup' | 'useSetLookup';

const SEARCH_METHODS: ReadonlySet<string> = new Set([
  'find',
  'filter',
  'findIndex',
  'some',
  'includes',
  'indexOf',
  'lastIndexOf',
]);
/** Searches for a value itself (`ids.includes(id)`, `ids.indexOf(id)`), not through a callback. */
const VALUE_SEARCHES: ReadonlySet<string> = new Set(['includes', 'indexOf', 'lastIndexOf']);

/**
 * lodash's (and Underscore's) searches for a value (`_.includes(list, value)`, `_.contains`) and for the values of a
 * second list (`_.intersection`).
 */
const LODASH_VALUE_SEARCHES: ReadonlySet<string> = new Set([
  'includes',
  'contains',
  'indexOf',
  'lastIndexOf',
  'intersection',
]);

/** `(row) => row.id === key`: the row parameter, the compared property (`null` for the row itself) and the key. */
interface KeyMatch {
  readonly param: TSESTree.Identifier;
  readonly property: string | null;
  readonly key: TSESTree.Expression;
}

function returnedExpression(fn: TSESTree.Node): TSESTree.Node | null {
  if (!isFunctionNode(fn)) return null;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const [only] = fn.body.body;
  return fn.body.body.length === 1 && only.type === AST_NODE_TYPES.ReturnStatement ? only.argument : null;
}

/** `row.id` or `row` where `row` is the parameter. */
function rowSide(node: TSESTree.Node, param: TSESTree.Identifier): { property: string | null } | null {
  const expression = skipTsWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier && expression.name === param.name) return { property: null };
  if (expression.type === AST_NODE_TYPES.MemberExpression && !expression.optional) {
    const object = skipTsWrappers(expression.object);
    const name = staticPropertyName(expression);
    if (
      object.type === AST_NODE_TYPES.Identifier &&
      object.name === param.name &&
      name !== null &&
      /^[A-Za-z_$][\w$]*$/u.test(name)
    ) {
      return { property: name };
    }
  }
  return null;
}

function mentions(node: TSESTree.Node, name: string): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const parent = node.parent;
    const isKey = parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed;
    return node.name === name && !isKey;
  }
  for (const key of Object.keys(node) as (keyof typeof node)[]) {
    if (key === 'parent') continue;
    const child = node[key] as unknown;
    if (Array.isArray(child)) {
      if (
        child.some(
          (item) => item && typeof item === 'object' && 'type' in item && mentions(item as TSESTree.Node, name),
        )
      )
        return true;
    } else if (child && typeof child === 'object' && 'type' in child && mentions(child as TSESTree.Node, name)) {
      return true;
    }
  }
  return false;
}

function keyMatch(callback: TSESTree.Node | undefined): KeyMatch | null {
  if (!callback || !isFunctionNode(callback) || callback.params.length !== 1) return null;
  const [param] = callback.params;
  if (param.type !== AST_NODE_TYPES.Identifier) return null;
  const returned = returnedExpression(callback);
  const test = returned ? skipTsWrappers(returned) : null;
  if (test?.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '=='))
    return null;
  for (const [row, key] of [
    [test.left, test.right],
    [test.right, test.left],
  ] as const) {
    const side = rowSide(row, param);
    if (side && !mentions(key, param.name)) return { param, property: side.property, key };
  }
  return null;
}

/**
 * The key of lodash's shorthands for a match on one property: `_.find(rows, { id: key })` (`matches`) and
 * `_.find(rows, ['id', key])` (`matchesProperty`).
 */
function shorthandKey(argument: TSESTree.Node): TSESTree.Node | null {
  const shorthand = skipTsWrappers(argument);
  if (shorthand.type === AST_NODE_TYPES.ArrayExpression) {
    const [property, key] = shorthand.elements;
    return shorthand.elements.length === 2 &&
      property?.type === AST_NODE_TYPES.Literal &&
      typeof property.value === 'string' &&
      key &&
      key.type !== AST_NODE_TYPES.SpreadElement
      ? key
      : null;
  }
  if (shorthand.type !== AST_NODE_TYPES.ObjectExpression || shorthand.properties.length !== 1) return null;
  const [property] = shorthand.properties;
  return property.type === AST_NODE_TYPES.Property && property.kind === 'init' && staticPropertyName(property) !== null
    ? property.value
    : null;
}

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
    let lodashSearches: ReadonlyMap<TSESTree.Node, LodashCollectionEntry> | undefined;

    /**
     * The search a call makes: the list it scans, the key that changes per item, the method, the callback's key
     * match, and for lodash's functions (`_.includes(list, value)`) their name, however the code imported them.
     */
    function searchOf(call: TSESTree.CallExpression): {
      receiver: TSESTree.Node;
      key: TSESTree.Node;
      method: string;
      match: KeyMatch | null;
      callee: string | null;
    } | null {
      lodashSearches ??= new Map(findApiUses(sourceCode, LODASH_SEARCH_APIS).map((use) => [use.node, use.entry]));
      const entry = lodashSearches.get(call);
      if (entry !== undefined) {
        const lodash = entry.collection;
        // lodash/fp's forms (`fp.includes(value, list)`, curried `fp.includes(value)(list)`) are not read.
        if (entry.dataLast === true || call.arguments.length < 2) return null;
        let [list, second] = call.arguments;
        if (list.type === AST_NODE_TYPES.SpreadElement || second.type === AST_NODE_TYPES.SpreadElement) return null;
        // `_.intersection([id], ids)` scans `ids` as much as `_.intersection(ids, [id])`.
        if (lodash === 'intersection' && skipTsWrappers(list).type === AST_NODE_TYPES.ArrayExpression)
          [list, second] = [second, list];
        const key = LODASH_VALUE_SEARCHES.has(lodash) ? second : (keyMatch(second)?.key ?? shorthandKey(second));
        if (!key) return null;
        return { receiver: skipTsWrappers(list), key, method: lodash, match: null, callee: `_.${lodash}` };
      }
      const callee = skipTsWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || call.optional) return null;
      const method = staticPropertyName(callee);
      if (method === null || !SEARCH_METHODS.has(method)) return null;
      const match = VALUE_SEARCHES.has(method) ? null : keyMatch(call.arguments[0]);
      const key = match ? match.key : VALUE_SEARCHES.has(method) ? call.arguments.at(0) : undefined;
      if (!key) return null;
      return { receiver: skipTsWrappers(callee.object), key, method, match, callee: null };
    }

    return {
      CallExpression(call) {
        const search = searchOf(call);
        if (!search) return;
        const { receiver, key, method, match } = search;
        if (
          receiver.type === AST_NODE_TYPES.Literal ||
          receiver.type === AST_NODE_TYPES.TemplateLiteral ||
          receiver.type === AST_NODE_TYPES.ArrayExpression
        )
          return;
        // Not the loops of compiled async functions: an index built before one would sit inside the state machine.
        const iteration = enclosingIterations(call, EVERY_ITEM_METHODS, sourceCode).find(
          (candidate) =>
            !candidate.parts &&
            candidate.node.type !== AST_NODE_TYPES.WhileStatement &&
            candidate.node.type !== AST_NODE_TYPES.DoWhileStatement &&
            candidate.node.type !== AST_NODE_TYPES.ForInStatement,
        );
        if (!iteration) return;
        if (iteration.iterable && isSmallLiteralArray(iteration.iterable, sourceCode)) return;
        // A list written out in the code, however long, has a fixed size: the scans add up to linear work.
        if (literalListLength(receiver, sourceCode) !== null) return;
        // The array a callback is given as its third parameter is the list being iterated, the same on every item
        // (`uids.filter((uid, index, array) => array.indexOf(uid) === index)`, the quadratic de-duplication).
        if (!isIteratedArray(receiver, iteration) && dependsOnIteration(receiver, iteration, sourceCode)) return;
        if (!dependsOnIteration(key, iteration, sourceCode)) return;
        model ??= getRequestPathModel(context);
        if (model.contextOf(call).context === 'startup') return;
        const receiverText = sourceCode.getText(receiver);
        const shortReceiver = receiverText.length > 32 ? '…' : receiverText;
        if (search.callee !== null) {
          // No rewrite for lodash's forms: the index would replace a call whose arguments may be coerced collections.
          context.report({
            node: call,
            messageId: 'quadraticLookupCall',
            data: { callee: search.callee, receiver: shortReceiver, iteration: describeIteration(iteration) },
          });
          return;
        }
        context.report({
          node: call,
          messageId: 'quadraticLookup',
          data: { receiver: shortReceiver, method, iteration: describeIteration(iteration) },
          suggest: suggest(call, method, receiver, iteration, match),
        });
      },
    };
  },
});
