import {
  DATALOADER_APIS,
  enclosingFunction,
  findApiUses,
  getRequestPathModel,
  skipTsWrappers,
  staticPropertyName,
  type ApiEntry,
  type RequestPathModel,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createRule } from '../util/index.js';

export type Options = [];
export type MessageId = 'sharedDataLoader' | 'disableCache';

const NEST_INJECTABLE: readonly ApiEntry[] = [
  {
    id: '@nestjs/common.Injectable',
    modules: ['@nestjs/common'],
    path: ['Injectable'],
    usage: 'call',
    category: 'n-plus-one',
    tags: ['nest-provider'],
  },
];

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** The options object says `cache: false`. */
function disablesCache(options: TSESTree.Node | undefined): boolean {
  if (!options) return false;
  const object = skipTsWrappers(options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return true; // options we cannot read: stay quiet
  return object.properties.some(
    (p) =>
      p.type === AST_NODE_TYPES.Property &&
      staticPropertyName(p) === 'cache' &&
      ((p.value.type === AST_NODE_TYPES.Literal && p.value.value === false) || p.value.type !== AST_NODE_TYPES.Literal),
  );
}

export default createRule<Options, MessageId>({
  name: 'no-shared-dataloader',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow DataLoaders whose cache outlives the request',
      recommended: 'recommended',
      requiresTypeChecking: false,
      category: 'n-plus-one',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      sharedDataLoader: '`new DataLoader(…)` {{where}} shares its cache between requests and users.',
      disableCache: 'Pass `cache: false` (keeps batching, drops the shared cache).',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;

    /** `new Service()` at start-up in this file, or a NestJS provider that is not request-scoped: one per process. */
    function singletonClass(classNode: ClassNode, model: RequestPathModel): string | null {
      const name = classNode.id?.name ?? 'anonymous class';
      for (const { node } of findApiUses(sourceCode, NEST_INJECTABLE)) {
        if (
          node.parent?.type !== AST_NODE_TYPES.Decorator ||
          node.parent.parent !== classNode ||
          node.type !== AST_NODE_TYPES.CallExpression
        )
          continue;
        const options = node.arguments[0] ? skipTsWrappers(node.arguments[0]) : undefined;
        const scoped =
          options?.type === AST_NODE_TYPES.ObjectExpression &&
          options.properties.some((p) => p.type === AST_NODE_TYPES.Property && staticPropertyName(p) === 'scope');
        if (!scoped) return `in the NestJS provider \`${name}\`, a singleton unless it is request-scoped`;
      }
      const variables = sourceCode.getDeclaredVariables(classNode) as TSESLint.Scope.Variable[];
      for (const variable of variables) {
        for (const reference of variable.references) {
          const parent = reference.identifier.parent;
          if (
            parent.type === AST_NODE_TYPES.NewExpression &&
            parent.callee === reference.identifier &&
            model.contextOf(parent).context === 'startup'
          ) {
            return `in \`${name}\`, created once at start-up and shared by every request`;
          }
        }
      }
      return null;
    }

    /** Where a loader is created, when its cache is shared across requests; `null` when it is per request. */
    function sharedPlace(node: TSESTree.NewExpression, model: RequestPathModel): string | null {
      // Class fields and constructor assignments: shared when the class is a singleton.
      let current: TSESTree.Node = node.parent;
      while (
        current.type !== AST_NODE_TYPES.PropertyDefinition &&
        current.type !== AST_NODE_TYPES.MethodDefinition &&
        current.type !== AST_NODE_TYPES.Program
      ) {
        if (
          current.type === AST_NODE_TYPES.FunctionExpression &&
          current.parent.type !== AST_NODE_TYPES.MethodDefinition
        )
          break;
        if (
          current.type === AST_NODE_TYPES.FunctionDeclaration ||
          current.type === AST_NODE_TYPES.ArrowFunctionExpression
        )
          break;
        current = current.parent;
      }
      if (current.type === AST_NODE_TYPES.PropertyDefinition && !current.static) {
        return singletonClass(current.parent.parent, model);
      }
      if (current.type === AST_NODE_TYPES.MethodDefinition && current.kind === 'constructor') {
        return singletonClass(current.parent.parent, model);
      }
      const fn = enclosingFunction(node);
      if (!fn) return 'at module scope';
      const where = model.contextOf(node);
      return where.context === 'startup' ? `in start-up code (${where.reason})` : null;
    }

    function suggest(node: TSESTree.NewExpression): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const batch = node.arguments.at(0);
      const options = node.arguments.at(1);
      if (!batch || batch.type === AST_NODE_TYPES.SpreadElement) return [];
      if (!options) {
        return [{ messageId: 'disableCache', fix: (fixer) => fixer.insertTextAfter(batch, ', { cache: false }') }];
      }
      const object = skipTsWrappers(options);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
      const open = sourceCode.getFirstToken(object);
      if (!open) return [];
      const text = object.properties.length === 0 ? ' cache: false ' : ' cache: false,';
      return [{ messageId: 'disableCache', fix: (fixer) => fixer.insertTextAfter(open, text) }];
    }

    return {
      Program() {
        const uses = findApiUses(sourceCode, DATALOADER_APIS);
        if (uses.length === 0) return;
        const model = getRequestPathModel(context);
        for (const { node } of uses) {
          if (node.type !== AST_NODE_TYPES.NewExpression || disablesCache(node.arguments[1])) continue;
          const where = sharedPlace(node, model);
          if (where === null) continue;
          context.report({ node, messageId: 'sharedDataLoader', data: { where }, suggest: suggest(node) });
        }
      },
    };
  },
});
