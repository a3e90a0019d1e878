import type { Rule, SourceCode } from 'eslint';
import type * as ESTree from 'estree';

/**
 * A rule used by codemods after their rewrite: it reports top-level bindings imported from the given modules that
 * have no references (`import { readFileSync } from 'fs'`, `const { readFileSync } = require('fs')`), and removes
 * those not listed in `keep`. The codemod runs it on its input first and keeps what was already unused there, so it
 * only removes the bindings its own rewrite left behind.
 */
export interface PruneOptions {
  readonly modules: readonly string[];
  readonly keep: readonly string[];
}

type Binding = {
  name: string;
  /** The specifier or pattern property to remove. */
  node: ESTree.Node;
  /** Its list (import specifiers or pattern properties) and the statement that holds it. */
  siblings: readonly ESTree.Node[];
  statement: ESTree.Node;
};

function requiredModule(init: ESTree.Expression | null | undefined): string | null {
  if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require')
    return null;
  const arg = init.arguments.at(0);
  return arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : null;
}

function bindings(program: ESTree.Program, modules: ReadonlySet<string>): Binding[] {
  const result: Binding[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && modules.has(String(statement.source.value))) {
      for (const specifier of statement.specifiers) {
        result.push({ name: specifier.local.name, node: specifier, siblings: statement.specifiers, statement });
      }
    } else if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1) {
      const declarator = statement.declarations.at(0);
      const module = requiredModule(declarator?.init);
      if (!declarator || module === null || !modules.has(module)) continue;
      if (declarator.id.type === 'ObjectPattern') {
        for (const property of declarator.id.properties) {
          if (property.type === 'Property' && property.value.type === 'Identifier') {
            result.push({ name: property.value.name, node: property, siblings: declarator.id.properties, statement });
          }
        }
      }
    }
  }
  return result;
}

/** The range of a whole statement with its line, when it stands alone on its lines. */
function statementRange(sourceCode: SourceCode, statement: ESTree.Node): [number, number] {
  const [start, end] = statement.range as [number, number];
  const text = sourceCode.text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const newline = /^[ \t]*(?:\/\/[^\n]*)?\r?\n/u.exec(text.slice(end));
  if (before.trim() === '' && newline) return [lineStart, end + newline[0].length];
  return [start, end];
}

export const pruneUnusedImportsRule: Rule.RuleModule = {
  meta: {
    type: 'suggestion',
    fixable: 'code',
    schema: [
      {
        type: 'object',
        properties: {
          modules: { type: 'array', items: { type: 'string' } },
          keep: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: { unused: '{{name}}' },
  },
  create(context) {
    const options = (context.options[0] ?? { modules: [], keep: [] }) as PruneOptions;
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'(program: ESTree.Program) {
        const keep = new Set(options.keep);
        for (const binding of bindings(program, new Set(options.modules))) {
          const owner =
            binding.node.type === 'Property'
              ? (binding.statement as ESTree.VariableDeclaration).declarations[0]
              : binding.node;
          const variable = sourceCode.getDeclaredVariables(owner).find((v) => v.name === binding.name);
          if (!variable || variable.references.some((reference) => reference.isRead())) continue;
          const remove = !keep.has(binding.name);
          context.report({
            node: binding.node,
            messageId: 'unused',
            data: { name: binding.name },
            fix: remove
              ? (fixer) => {
                  const others = binding.siblings.filter((sibling) => sibling !== binding.node);
                  if (others.length === 0) return fixer.removeRange(statementRange(sourceCode, binding.statement));
                  const [start, end] = sourceCode.getRange(binding.node);
                  // `a, b`: the binding with the comma after it, up to what follows (a comment stays).
                  const after = sourceCode.getTokenAfter(binding.node);
                  if (after?.value === ',') {
                    const next = sourceCode.getTokenAfter(after, { includeComments: true });
                    return fixer.removeRange([start, next ? sourceCode.getRange(next)[0] : after.range[1]]);
                  }
                  // The last binding: from the comma before it.
                  const before = sourceCode.getTokenBefore(binding.node);
                  return fixer.removeRange([before ? before.range[0] : start, end]);
                }
              : null,
          });
        }
      },
    };
  },
};
