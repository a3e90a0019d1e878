import {
  COLLECTION_CONSTRUCTORS,
  findApiUses,
  getRequestPathModel,
  MODULE_RESOLVERS,
  moduleScopes,
  readOnlyLiteral,
  skipTsWrappers,
  staticPropertyName,
  variableOf,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule, unknownContextSchema } from '../util/index.js';

export type Options = [{ checkUnknownContext?: boolean }];
export type MessageId = 'unboundedCollection';

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
      description: 'Disallow module-scope caches, maps, sets and logs that grow per call and are never evicted',
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
          return isFixedVariable(key, seen);
        default:
          return false;
      }
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
    function effectOf(reference: TSESTree.Identifier, kind: Kind): { effect: Effect; node: TSESTree.Node } {
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
            return { effect: parent.computed && !isFixedKey(parent.property) ? 'grow' : 'read', node: grand };
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
            return { effect: isFixedKey(grand.arguments[0]) ? 'read' : 'grow', node: grand };
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

    return {
      Program() {
        const constructions = new Map<TSESTree.Node, string>();
        for (const { node, entry } of findApiUses(sourceCode, COLLECTION_CONSTRUCTORS))
          constructions.set(node, entry.tags[0] ?? '');
        const globalScope = sourceCode.scopeManager?.globalScope;
        if (!globalScope) return;
        const scopes = moduleScopes(globalScope);
        let model: ReturnType<typeof getRequestPathModel> | null = null;
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
              if (effect === 'grow' && !growth) {
                model ??= getRequestPathModel(context);
                const where = model.contextOf(node).context;
                if (where === 'request' || (where === 'unknown' && options.checkUnknownContext === true)) growth = node;
              }
            }
            if (bounded || !growth) continue;
            model ??= getRequestPathModel(context);
            const where = model.contextOf(growth);
            context.report({
              node: def.node.id,
              messageId: 'unboundedCollection',
              data: {
                name: def.node.id.name,
                kind: kind === 'object' ? 'object' : kind === 'array' ? 'array' : `\`${kind}\``,
                growth: kind === 'array' ? 'gets an element' : 'gets a new key',
                line: String(growth.loc.start.line),
                reason: where.context === 'request' ? where.reason : 'in a function that runs after start-up',
              },
            });
          }
        }
      },
    };
  },
});
