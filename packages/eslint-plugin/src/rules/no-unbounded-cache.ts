import {
  childNodes,
  constructorOf,
  isFunctionNode as isFunction,
  isInside,
  COLLECTION_CONSTRUCTORS,
  findApiUses,
  getRequestPathModel,
  MODULE_RESOLVERS,
  moduleScopes,
  readOnlyLiteral,
  skipTsWrappers,
  staticPropertyName,
  thisClass,
  thisMembersByName,
  variableOf,
  type FunctionContext,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule, unknownContextSchema } from '../util/index.js';

export type Options = [{ checkUnknownContext?: boolean }];
export type MessageId = 'unboundedCollection' | 'unboundedField';

type Kind = 'object' | 'Map' | 'Set' | 'array';

/** What a use of the collection does to its size. */
type Effect = 'grow' | 'bound' | 'read' | 'escape';

const OBJECT_READERS = new Set(['keys', 'values', 'entries', 'hasOwn', 'getOwnPropertyNames', 'freeze', 'isFrozen']);
const PURE_FUNCTIONS: ReadonlyArray<readonly [string, ReadonlySet<string>]> = [
  ['Object', OBJECT_READERS],
  ['JSON', new Set(['stringify'])],
  ['Array', new Set(['from', 'isArray'])],
];
const MAP_READS = new Set(['get', 'has', 'keys', 'values', 'entries', 'forEach']);
const ARRAY_READS = new Set([
  'at',
  'concat',
  'entries',
  'every',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flat',
  'flatMap',
  'forEach',
  'includes',
  'indexOf',
  'join',
  'keys',
  'lastIndexOf',
  'map',
  'reduce',
  'reduceRight',
  'slice',
  'some',
  'toReversed',
  'toSorted',
  'toSpliced',
  'values',
  'with',
]);
const ARRAY_BOUNDS = new Set(['shift', 'pop', 'splice']);
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '===', '!=', '!==']);

function isComparedSize(node: TSESTree.Node): boolean {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  )
    current = current.parent;
  const parent = current.parent;
  return parent?.type === AST_NODE_TYPES.BinaryExpression && COMPARISONS.has(parent.operator);
}

export default createRule<Options, MessageId>({
  name: 'no-unbounded-cache',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow module-scope and long-lived instance caches, maps, sets and logs that grow per call and are never ' +
        'evicted',
      recommended: 'strict',
      requiresTypeChecking: false,
      category: 'memory',
      codemod: 'cache-to-lru',
    },
    schema: unknownContextSchema(
      'Also report collections that grow in functions that are neither on the request path nor start-up code ' +
        '(registries filled by plugins, schema builders, exported APIs whose callers the project does not show).',
    ),
    defaultOptions: [{ checkUnknownContext: false }],
    messages: {
      unboundedCollection:
        '`{{name}}` is a module-scope {{kind}} that {{growth}} on line {{line}} ({{reason}}) and is never ' +
        'evicted or bounded.',
      unboundedField:
        '`{{name}}` is {{kind}} field of `{{className}}` that {{growth}} on line {{line}} ({{reason}}) and is never ' +
        'evicted or bounded, and the instances of `{{className}}` live as long as the process ({{lifetime}}).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    let resolverCalls: ReadonlySet<TSESTree.Node> | null = null;

    /**
     * Whether a key can take only a fixed set of values, so that the collection cannot grow past them: a literal
     * (`'total'`), a value read from a lookup table of the module (`terms[req.params.term]`, a module-scope object or
     * array that is not exported and that nothing writes to), the path a module resolver finds for such a key
     * (`require.resolve('./templates/' + PAGES[name])`), a choice between such values (`term || 'alltime'`,
     * `a ? 'x' : 'y'`), a concatenation of them, or a local variable given only such values.
     */
    function isFixedKey(node: TSESTree.Node | undefined, seen = new Set<TSESLint.Scope.Variable>()): boolean {
      if (!node) return true;
      const key = skipTsWrappers(node);
      switch (key.type) {
        case AST_NODE_TYPES.Literal:
          return true;
        case AST_NODE_TYPES.TemplateLiteral:
          return key.expressions.every((expression) => isFixedKey(expression, seen));
        case AST_NODE_TYPES.BinaryExpression:
          return key.operator === '+' && isFixedKey(key.left, seen) && isFixedKey(key.right, seen);
        case AST_NODE_TYPES.LogicalExpression:
          return isFixedKey(key.left, seen) && isFixedKey(key.right, seen);
        case AST_NODE_TYPES.ConditionalExpression:
          return isFixedKey(key.consequent, seen) && isFixedKey(key.alternate, seen);
        case AST_NODE_TYPES.MemberExpression:
          return isLookupTable(key.object);
        case AST_NODE_TYPES.CallExpression:
          return isResolvedPath(key, seen);
        case AST_NODE_TYPES.Identifier:
          return isSwitchCaseValue(key) || isFixedVariable(key, seen) || isFixedParameter(key, seen);
        default:
          return false;
      }
    }

    /**
     * A variable read in a `case` of a `switch` on it, whose test is a literal: `case 'azure': map.set(name, x)` adds
     * the key `'azure'` only.
     */
    function isSwitchCaseValue(identifier: TSESTree.Identifier): boolean {
      const variable = variableOf(sourceCode, identifier);
      if (!variable) return false;
      for (let node: TSESTree.Node = identifier; node.parent; node = node.parent) {
        const clause = node.parent;
        if (clause.type !== AST_NODE_TYPES.SwitchCase || !clause.consequent.includes(node as TSESTree.Statement))
          continue;
        const statement = clause.parent;
        const discriminant = skipTsWrappers(statement.discriminant);
        if (
          clause.test?.type !== AST_NODE_TYPES.Literal ||
          discriminant.type !== AST_NODE_TYPES.Identifier ||
          variableOf(sourceCode, discriminant) !== variable
        )
          continue;
        // Only this clause's test leads here: no clause before it (a `default`, another value) falls through into
        // it, and nothing in the switch assigns the variable another value.
        const index = statement.cases.indexOf(clause);
        const fallsInto = index > 0 && fallsThrough(statement.cases[index - 1]);
        const written = variable.references.some(
          (reference) => reference.isWrite() && isInside(reference.identifier, statement),
        );
        return !fallsInto && !written;
      }
      return false;
    }

    /** Whether a `case` clause can run on into the next one: its statements do not end with a jump. */
    function fallsThrough(clause: TSESTree.SwitchCase): boolean {
      let last: TSESTree.Node | undefined = clause.consequent.at(-1);
      while (last?.type === AST_NODE_TYPES.BlockStatement) last = last.body.at(-1);
      return !(
        last?.type === AST_NODE_TYPES.BreakStatement ||
        last?.type === AST_NODE_TYPES.ReturnStatement ||
        last?.type === AST_NODE_TYPES.ThrowStatement ||
        last?.type === AST_NODE_TYPES.ContinueStatement
      );
    }

    /**
     * A parameter of an instance method that the class calls only with fixed keys in that place
     * (`this.memorize('activeUsers', fn)`), and that nothing else in the file calls.
     */
    function isFixedParameter(identifier: TSESTree.Identifier, seen: Set<TSESLint.Scope.Variable>): boolean {
      const variable = variableOf(sourceCode, identifier);
      const def = variable?.defs[0];
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
      if (!variable || variable.defs.length !== 1 || def?.type !== 'Parameter') return false;
      // A parameter the method reassigns keys the map with another value than its callers pass, unless the new value
      // is made of the old one and constants (`key = 'stats:' + key`): a fixed key still makes a fixed key.
      const reassigned = variable.references.filter(
        (reference) => reference.isWrite() && reference.identifier !== def.name,
      );
      if (!reassigned.every((reference) => madeOf(reference.writeExpr, variable))) return false;
      const fn = def.node;
      if (!isFunction(fn)) return false;
      const index = fn.params.indexOf(def.name);
      const method = fn.parent;
      if (index < 0 || method.type !== AST_NODE_TYPES.MethodDefinition || method.static || method.computed)
        return false;
      const name = staticPropertyName(method);
      const cls = method.parent.parent;
      if (name === null || (foreignMembers().get(name) ?? 0) > 0 || extendedInFile(cls)) return false;
      // Callers in other files: what a request sends may reach the parameter there.
      if (modelOf().requestDataOf(fn, index) !== null) return false;
      const uses = thisMembersByName(method.parent, sourceCode.visitorKeys).get(name) ?? [];
      return (
        uses.length > 0 &&
        uses.every(
          (member) =>
            member.parent.type === AST_NODE_TYPES.CallExpression &&
            member.parent.callee === member &&
            fixedArgument(member.parent, index, seen),
        )
      );
    }

    /**
     * Whether what an assignment writes is made of the variable and constants alone: the right side of `key = 'stats:'
     * + key` or `` key = `${key}:v2` ``, or of `key += ':v2'` (which adds it to the variable itself).
     */
    function madeOf(expression: TSESTree.Node | null | undefined, variable: TSESLint.Scope.Variable): boolean {
      if (!expression) return false;
      const node = skipTsWrappers(expression);
      if (node.type === AST_NODE_TYPES.Literal) return true;
      if (node.type === AST_NODE_TYPES.Identifier) return variableOf(sourceCode, node) === variable;
      if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+')
        return madeOf(node.left, variable) && madeOf(node.right, variable);
      if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions.every((part) => madeOf(part, variable));
      return false;
    }

    /** Whether a call passes a fixed key at position `index` (and no spread before it). */
    function fixedArgument(call: TSESTree.CallExpression, index: number, seen: Set<TSESLint.Scope.Variable>): boolean {
      return (
        call.arguments.length > index &&
        call.arguments.slice(0, index + 1).every((arg) => arg.type !== AST_NODE_TYPES.SpreadElement) &&
        isFixedKey(call.arguments[index], seen)
      );
    }

    /** Whether a class of the file extends `cls` (by its name): a subclass may call its methods with other keys. */
    function extendedInFile(cls: TSESTree.Node): boolean {
      return (
        (cls.type === AST_NODE_TYPES.ClassDeclaration || cls.type === AST_NODE_TYPES.ClassExpression) &&
        subclassBodies(cls).length > 0
      );
    }

    /**
     * The bodies of the file's classes that extend `cls` by the name it goes by (`class B extends A`, also for
     * `const A = class {}`); none for an anonymous class.
     */
    function subclassBodies(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): TSESTree.ClassBody[] {
      const name = classNameOf(cls);
      if (name === 'anonymous class') return [];
      return classBodies.filter((body) => {
        const superClass = body.parent.superClass;
        return superClass?.type === AST_NODE_TYPES.Identifier && superClass.name === name;
      });
    }

    /**
     * Whether a write replaces an entry that the code has just found (`const t = tasks.get(id); if (t) tasks.set(id,
     * { ...t, done: true })`, `if (cache.has(k)) cache.set(k, v)`, `if (seen[k]) seen[k] = v`): it adds no key.
     */
    function replacesFoundEntry(write: TSESTree.Node, collection: TSESTree.Node, key: TSESTree.Node): boolean {
      const collectionText = sourceCode.getText(collection);
      const keyText = sourceCode.getText(key);
      // A key variable is the same binding, assigned nothing else (a loop variable of the same name is another).
      const keyVariable = key.type === AST_NODE_TYPES.Identifier ? variableOf(sourceCode, key) : null;
      if (keyVariable?.references.some((reference) => reference.isWrite() && !reference.init)) return false;
      const sameKey = (node: TSESTree.Node): boolean =>
        sourceCode.getText(node) === keyText &&
        (keyVariable === null ||
          (node.type === AST_NODE_TYPES.Identifier && variableOf(sourceCode, node) === keyVariable));
      /** `c.get(k)`, `c.has(k)` or `c[k]` of this collection and key. */
      const findsEntry = (node: TSESTree.Node): boolean => {
        const value = skipTsWrappers(node);
        if (value.type === AST_NODE_TYPES.MemberExpression && value.computed)
          return sourceCode.getText(value.object) === collectionText && sameKey(value.property);
        if (
          value.type !== AST_NODE_TYPES.CallExpression ||
          value.callee.type !== AST_NODE_TYPES.MemberExpression ||
          value.arguments.length !== 1
        )
          return false;
        const method = staticPropertyName(value.callee);
        return (
          (method === 'get' || method === 'has') &&
          sourceCode.getText(value.callee.object) === collectionText &&
          sameKey(value.arguments[0])
        );
      };
      /** A condition that holds only when the entry exists: a found entry, or a variable holding one. */
      const tested = (test: TSESTree.Node): boolean => {
        const condition = skipTsWrappers(test);
        if (condition.type === AST_NODE_TYPES.LogicalExpression && condition.operator === '&&')
          return tested(condition.left) || tested(condition.right);
        if (findsEntry(condition)) return true;
        if (condition.type !== AST_NODE_TYPES.Identifier) return false;
        const variable = variableOf(sourceCode, condition);
        const def = variable?.defs[0];
        return (
          variable?.defs.length === 1 &&
          // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
          def?.type === 'Variable' &&
          !!def.node.init &&
          variable.references.every((reference) => !reference.isWrite() || reference.identifier === def.node.id) &&
          findsEntry(def.node.init)
        );
      };
      for (let node: TSESTree.Node = write; node.parent && !isFunction(node.parent); node = node.parent) {
        const parent = node.parent;
        if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === node && tested(parent.test))
          return true;
      }
      return false;
    }

    /** A local variable whose every value is a fixed key (`let term = terms[t]; term = term || 'all';`). */
    function isFixedVariable(identifier: TSESTree.Identifier, seen: Set<TSESLint.Scope.Variable>): boolean {
      const variable = variableOf(sourceCode, identifier);
      if (!variable || variable.defs.length === 0) return false;
      // A variable already being judged: its other values decide.
      if (seen.has(variable)) return true;
      seen.add(variable);
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
      if (variable.defs.some((def) => def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier))
        return false;
      const values: TSESTree.Node[] = [];
      for (const reference of variable.references) {
        if (!reference.isWrite()) continue;
        const parent = reference.identifier.parent;
        if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id === reference.identifier) {
          if (parent.init) values.push(parent.init);
          // `for (const k of req.body.keys)`: the loop writes each element of its list.
          else if (isForInOfLeft(parent.parent)) return false;
        } else if (
          parent.type === AST_NODE_TYPES.AssignmentExpression &&
          parent.left === reference.identifier &&
          ['=', '||=', '??=', '&&='].includes(parent.operator)
        ) {
          values.push(parent.right);
        } else {
          return false;
        }
      }
      return values.length > 0 && values.every((value) => isFixedKey(value, seen));
    }

    /** Whether a declaration is the `left` of a `for...in` or `for...of` loop. */
    function isForInOfLeft(declaration: TSESTree.Node): boolean {
      const loop = declaration.parent;
      return (
        (loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement) &&
        loop.left === declaration
      );
    }

    /**
     * Whether an object is a lookup table of the module: a module-scope object or array literal that the code only
     * reads (`terms[x]`, `terms.daily`, `Object.keys(terms)`), never writes to, deletes from, reassigns or hands
     * elsewhere (`readOnlyLiteral`), and that no other module can reach (not exported).
     */
    function isLookupTable(object: TSESTree.Node): boolean {
      const table = skipTsWrappers(object);
      if (table.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(sourceCode, table);
      const def = variable?.defs[0];
      if (
        !variable ||
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
        def?.type !== 'Variable' ||
        !moduleScopes(sourceCode.scopeManager?.globalScope ?? variable.scope).includes(variable.scope)
      )
        return false;
      // Another module may write to an exported table.
      if (def.node.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
      return readOnlyLiteral(variable) !== null;
    }

    /**
     * `require.resolve(name)` or `resolve.sync(name)` of the `resolve` package with a fixed `name`: one path per name.
     * (A resolver given a name from a request can return any file on disk.)
     */
    function isResolvedPath(call: TSESTree.CallExpression, seen: Set<TSESLint.Scope.Variable>): boolean {
      resolverCalls ??= new Set(findApiUses(sourceCode, MODULE_RESOLVERS).map(({ node }) => node));
      return resolverCalls.has(call) && call.arguments.length > 0 && isFixedKey(call.arguments[0], seen);
    }

    function kindOf(init: TSESTree.Expression, constructions: ReadonlyMap<TSESTree.Node, string>): Kind | null {
      const value = skipTsWrappers(init);
      if (value.type === AST_NODE_TYPES.ObjectExpression) return 'object';
      if (value.type === AST_NODE_TYPES.ArrayExpression) return 'array';
      const constructed = constructions.get(value);
      if (constructed === 'map') return 'Map';
      if (constructed === 'set') return 'Set';
      if (
        value.type === AST_NODE_TYPES.CallExpression &&
        value.arguments.length === 1 &&
        skipTsWrappers(value.arguments[0]).type === AST_NODE_TYPES.Literal
      ) {
        const callee = skipTsWrappers(value.callee);
        const arg = skipTsWrappers(value.arguments[0]);
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          callee.object.type === AST_NODE_TYPES.Identifier &&
          callee.object.name === 'Object' &&
          staticPropertyName(callee) === 'create' &&
          arg.type === AST_NODE_TYPES.Literal &&
          arg.value === null &&
          isGlobal(callee.object)
        ) {
          return 'object';
        }
      }
      return null;
    }

    function isGlobal(identifier: TSESTree.Identifier): boolean {
      for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier); scope; scope = scope.upper) {
        const variable = scope.set.get(identifier.name);
        if (variable) return variable.defs.length === 0;
      }
      return true;
    }

    /** What one read of the collection does: grow it, bound it, only read it, or let it escape this file's view. */
    function effectOf(
      reference: TSESTree.Identifier | TSESTree.MemberExpression,
      kind: Kind,
    ): { effect: Effect; node: TSESTree.Node } {
      let node: TSESTree.Node = reference;
      while (
        node.parent.type === AST_NODE_TYPES.TSAsExpression ||
        node.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        node.parent.type === AST_NODE_TYPES.TSSatisfiesExpression
      ) {
        node = node.parent;
      }
      const parent = node.parent;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
        const grand = parent.parent;
        const name = parent.computed ? null : staticPropertyName(parent);
        const called = grand.type === AST_NODE_TYPES.CallExpression && grand.callee === parent;
        if (kind === 'object') {
          if (grand.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent) {
            const grows =
              parent.computed && !isFixedKey(parent.property) && !replacesFoundEntry(grand, node, parent.property);
            return { effect: grows ? 'grow' : 'read', node: grand };
          }
          if (grand.type === AST_NODE_TYPES.UnaryExpression && grand.operator === 'delete')
            return { effect: 'bound', node: grand };
          if (grand.type === AST_NODE_TYPES.UpdateExpression) return { effect: 'read', node: grand };
          return { effect: 'read', node: parent };
        }
        if (kind === 'Map' || kind === 'Set') {
          if (name === 'size') return { effect: isComparedSize(parent) ? 'bound' : 'read', node: parent };
          if (!called || name === null) return { effect: 'escape', node: parent };
          if (name === 'delete' || name === 'clear') return { effect: 'bound', node: grand };
          if ((name === 'set' && kind === 'Map') || (name === 'add' && kind === 'Set')) {
            const key = grand.arguments.at(0);
            const grows =
              !isFixedKey(key) && !(kind === 'Map' && key !== undefined && replacesFoundEntry(grand, node, key));
            return { effect: grows ? 'grow' : 'read', node: grand };
          }
          return { effect: MAP_READS.has(name) ? 'read' : 'escape', node: grand };
        }
        // Arrays.
        if (parent.computed) {
          if (grand.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent)
            return { effect: isFixedKey(parent.property) ? 'read' : 'grow', node: grand };
          return { effect: 'read', node: parent };
        }
        if (name === 'length') {
          if (grand.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent)
            return { effect: 'bound', node: grand };
          return { effect: isComparedSize(parent) ? 'bound' : 'read', node: parent };
        }
        if (!called || name === null) return { effect: 'escape', node: parent };
        if (name === 'push' || name === 'unshift') return { effect: 'grow', node: grand };
        if (ARRAY_BOUNDS.has(name)) return { effect: 'bound', node: grand };
        return { effect: ARRAY_READS.has(name) ? 'read' : 'escape', node: grand };
      }
      if (parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === 'in' && parent.right === node)
        return { effect: 'read', node: parent };
      if (parent.type === AST_NODE_TYPES.ForOfStatement && parent.right === node)
        return { effect: 'read', node: parent };
      if (parent.type === AST_NODE_TYPES.ForInStatement && parent.right === node)
        return { effect: 'read', node: parent };
      if (parent.type === AST_NODE_TYPES.SpreadElement && parent.parent.type === AST_NODE_TYPES.ArrayExpression)
        return { effect: 'read', node: parent };
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node) {
        const callee = skipTsWrappers(parent.callee);
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          callee.object.type === AST_NODE_TYPES.Identifier &&
          isGlobal(callee.object)
        ) {
          const owner = callee.object.name;
          const method = staticPropertyName(callee);
          const pure = PURE_FUNCTIONS.find(([name]) => name === owner)?.[1];
          if (pure && method && pure.has(method)) {
            // `Object.keys(cache).length > n` is a size check.
            if (
              owner === 'Object' &&
              parent.parent.type === AST_NODE_TYPES.MemberExpression &&
              staticPropertyName(parent.parent) === 'length' &&
              isComparedSize(parent.parent)
            ) {
              return { effect: 'bound', node: parent };
            }
            return { effect: 'read', node: parent };
          }
        }
      }
      return { effect: 'escape', node: parent };
    }

    let model: ReturnType<typeof getRequestPathModel> | null = null;
    const modelOf = (): ReturnType<typeof getRequestPathModel> => (model ??= getRequestPathModel(context));

    /** Whether growth at `where` counts: on the request path, or anywhere not placed with `checkUnknownContext`. */
    const counts = (where: FunctionContext): boolean =>
      where.context === 'request' || (where.context === 'unknown' && options.checkUnknownContext === true);

    const kindText = (kind: Kind): string => (kind === 'object' || kind === 'array' ? kind : `\`${kind}\``);
    /** `an object`, `an array`, `a \`Map\``. */
    const kindWithArticle = (kind: Kind): string =>
      `${kind === 'object' || kind === 'array' ? 'an' : 'a'} ${kindText(kind)}`;
    const growthText = (kind: Kind): string => (kind === 'array' ? 'gets an element' : 'gets a new key');
    const reasonText = (where: FunctionContext): string =>
      where.context === 'request' ? where.reason : 'in a function that runs after start-up';

    /**
     * The collections that instances of a class keep in a field: `cache = new Map()` as a class field, or
     * `this.cache = new Map()` in the constructor's own statements. Each with the node to report (the field's name,
     * or `this.cache` of the assignment).
     */
    function fieldCollections(
      body: TSESTree.ClassBody,
      constructor: TSESTree.FunctionExpression,
      constructions: ReadonlyMap<TSESTree.Node, string>,
    ): { name: string; node: TSESTree.Node; kind: Kind }[] {
      const fields: { name: string; node: TSESTree.Node; kind: Kind }[] = [];
      for (const member of body.body) {
        if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.static || member.computed || !member.value)
          continue;
        const name = member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : null;
        const kind = kindOf(member.value, constructions);
        if (name !== null && kind) fields.push({ name, node: member.key, kind });
      }
      for (const statement of constructor.body.body) {
        const assignment = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : null;
        if (
          assignment?.type !== AST_NODE_TYPES.AssignmentExpression ||
          assignment.operator !== '=' ||
          assignment.left.type !== AST_NODE_TYPES.MemberExpression ||
          assignment.left.object.type !== AST_NODE_TYPES.ThisExpression ||
          assignment.left.computed
        )
          continue;
        const name = staticPropertyName(assignment.left);
        const kind = kindOf(assignment.right, constructions);
        if (name !== null && kind) fields.push({ name, node: assignment.left, kind });
      }
      return fields;
    }

    /**
     * Collections held in fields of instances that live as long as the process: no request runs the class's
     * constructor (a NestJS provider, a service created while the application is set up), and a request, a message
     * or an event (not a timer, which runs with the program's own data) reaches code that adds an entry with a key
     * that can take unboundedly many values. Every `this.<field>` of the class is a use (as for a
     * module-scope collection); any other access to a property of that name in the file, or a `this.<field>` of
     * another `this`, may bound it and leaves it alone.
     */
    function checkFields(
      bodies: readonly TSESTree.ClassBody[],
      constructions: ReadonlyMap<TSESTree.Node, string>,
    ): void {
      for (const body of bodies) {
        const constructor = constructorOf(body)?.value;
        if (!constructor) continue;
        const candidates = fieldCollections(body, constructor, constructions);
        if (candidates.length === 0) continue;
        const lifetime = modelOf().contextOfFunction(constructor);
        if (lifetime.context === 'request') continue;
        // The class's own instance code and that of its subclasses in the file (which may bound the field).
        const bodies = [body, ...subclassBodies(body.parent)];
        for (const field of candidates) {
          const uses = bodies.flatMap((owner) =>
            (thisMembersByName(owner, sourceCode.visitorKeys).get(field.name) ?? []).map((use) => ({ use, owner })),
          );
          let growth: { node: TSESTree.Node; where: FunctionContext } | null = null;
          let bounded = bodies.some((owner) => destructuresField(owner, field.name));
          for (const { use, owner } of bounded ? [] : uses) {
            if (use === field.node) continue;
            if (thisClass(use) !== owner) {
              bounded = true;
              break;
            }
            const { effect, node } = effectOf(use, field.kind);
            if (effect === 'bound' || effect === 'escape') {
              bounded = true;
              break;
            }
            if (effect === 'grow' && !growth) {
              const where = modelOf().contextOf(node);
              // An instance whose creation the project does not place counts only where a request adds the entry.
              const placed = lifetime.context === 'startup' || where.context === 'request';
              if (counts(where) && placed && where.handler?.kind !== 'timer') growth = { node, where };
            }
          }
          if (bounded || !growth) continue;
          // A property of that name read on anything but `this` (`locale.cache.clear()`, `self.cache`) may be this
          // field reached another way.
          if ((foreignMembers().get(field.name) ?? 0) > 0) continue;
          context.report({
            node: field.node,
            messageId: 'unboundedField',
            data: {
              name: `this.${field.name}`,
              kind: kindWithArticle(field.kind),
              className: classNameOf(body.parent),
              lifetime:
                lifetime.context === 'startup'
                  ? `created at start-up: ${lifetime.reason}`
                  : 'created by code that the project places on no request path',
              growth: growthText(field.kind),
              line: String(growth.node.loc.start.line),
              reason: reasonText(growth.where),
            },
          });
        }
      }
    }

    /** The name a class goes by: its own, or that of the variable it is assigned to (`const Store = class {}`). */
    function classNameOf(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): string {
      if (cls.id) return cls.id.name;
      const parent = cls.parent;
      return parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier
        ? parent.id.name
        : 'anonymous class';
    }

    /** Whether instance code of a class body takes the field off `this` (`const { cache } = this`). */
    function destructuresField(body: TSESTree.ClassBody, name: string): boolean {
      const stack: TSESTree.Node[] = [body];
      while (stack.length > 0) {
        const node = stack.pop() as TSESTree.Node;
        const pattern =
          node.type === AST_NODE_TYPES.VariableDeclarator && node.init?.type === AST_NODE_TYPES.ThisExpression
            ? node.id
            : node.type === AST_NODE_TYPES.AssignmentExpression && node.right.type === AST_NODE_TYPES.ThisExpression
              ? node.left
              : null;
        if (
          pattern?.type === AST_NODE_TYPES.ObjectPattern &&
          pattern.properties.some(
            (property) => property.type === AST_NODE_TYPES.RestElement || staticPropertyName(property) === name,
          )
        )
          return true;
        stack.push(...childNodes(node, sourceCode.visitorKeys));
      }
      return false;
    }

    /** How many times each property name is read on something other than `this` in the file (`x.cache`). */
    let foreignCounts: Map<string, number> | null = null;
    function foreignMembers(): Map<string, number> {
      if (foreignCounts) return foreignCounts;
      const counted = new Map<string, number>();
      foreignCounts = counted;
      const stack: TSESTree.Node[] = [sourceCode.ast];
      while (stack.length > 0) {
        const node = stack.pop() as TSESTree.Node;
        if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type !== AST_NODE_TYPES.ThisExpression) {
          const name = staticPropertyName(node);
          if (name !== null) counted.set(name, (counted.get(name) ?? 0) + 1);
        }
        stack.push(...childNodes(node, sourceCode.visitorKeys));
      }
      return counted;
    }

    const classBodies: TSESTree.ClassBody[] = [];

    return {
      ClassBody(node) {
        classBodies.push(node);
      },
      // After the walk, when every class of the file is known (a subclass may call a method with other keys).
      'Program:exit'() {
        const constructions = new Map<TSESTree.Node, string>();
        for (const { node, entry } of findApiUses(sourceCode, COLLECTION_CONSTRUCTORS))
          constructions.set(node, entry.tags[0] ?? '');
        if (classBodies.length > 0) checkFields(classBodies, constructions);
        const globalScope = sourceCode.scopeManager?.globalScope;
        if (!globalScope) return;
        const scopes = moduleScopes(globalScope);
        for (const scope of scopes) {
          for (const variable of scope.variables) {
            const def = variable.defs[0];
            if (
              variable.defs.length !== 1 ||
              // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
              def.type !== 'Variable' ||
              def.node.id.type !== AST_NODE_TYPES.Identifier ||
              !def.node.init
            )
              continue;
            const declaration = def.node.parent;
            if (declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) continue;
            const kind = kindOf(def.node.init, constructions);
            if (!kind) continue;
            if (variable.references.some((reference) => reference.isWrite() && reference.identifier !== def.node.id))
              continue;
            let growth: TSESTree.Node | null = null;
            let bounded = false;
            for (const reference of variable.references) {
              if (reference.identifier === def.node.id || !reference.isRead()) continue;
              const { effect, node } = effectOf(reference.identifier as TSESTree.Identifier, kind);
              if (effect === 'bound' || effect === 'escape') {
                bounded = true;
                break;
              }
              if (effect === 'grow' && !growth && counts(modelOf().contextOf(node))) growth = node;
            }
            if (bounded || !growth) continue;
            context.report({
              node: def.node.id,
              messageId: 'unboundedCollection',
              data: {
                name: def.node.id.name,
                kind: kindText(kind),
                growth: growthText(kind),
                line: String(growth.loc.start.line),
                reason: reasonText(modelOf().contextOf(growth)),
              },
            });
          }
        }
      },
    };
  },
});
