import { eolOf, moduleScopes, nodeModuleName } from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

export interface NamedExport {
  /** Module specifiers under which the export can already be imported, e.g. `['fs/promises', 'node:fs/promises']`. */
  readonly modules: readonly string[];
  /** The export's name, e.g. `readFile`. */
  readonly name: string;
  /**
   * Module specifiers of a parent module whose namespace reaches the export through `path`, e.g. `fs` via
   * `promises`.
   */
  readonly parent?: { readonly modules: readonly string[]; readonly path: readonly string[] };
  /**
   * Local names to try, in order, when `name` is taken (`pipelineCallback` for the callback `pipeline` in a file that
   * already has the promise one); then `<name>Async`, `<name>Async2`, ...
   */
  readonly alternatives?: readonly string[];
}

export interface ImportPlan {
  /** The expression that refers to the export at the use site. */
  readonly expression: string;
  /** The fix that adds the import, when one is needed. */
  readonly fix?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;
}

type ModuleSource = { node: TSESTree.Node; source: TSESTree.StringLiteral; statement: TSESTree.ProgramStatement };

function requireSource(node: TSESTree.Node | null | undefined): TSESTree.StringLiteral | null {
  if (node?.type !== AST_NODE_TYPES.CallExpression) return null;
  if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'require') return null;
  const arg = node.arguments.at(0);
  return arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string' ? arg : null;
}

/** Top-level imports and `require` declarations of the file, in order. */
function moduleSources(program: TSESTree.Program): ModuleSource[] {
  const result: ModuleSource[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      result.push({ node: statement, source: statement.source, statement });
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const source = requireSource(declarator.init);
        if (source) result.push({ node: declarator, source, statement });
      }
    }
  }
  return result;
}

function isEsm(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const body = sourceCode.ast.body;
  if (
    body.some(
      (s) =>
        s.type === AST_NODE_TYPES.ImportDeclaration ||
        s.type === AST_NODE_TYPES.ExportNamedDeclaration ||
        s.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
        s.type === AST_NODE_TYPES.ExportAllDeclaration,
    )
  ) {
    return true;
  }
  if (moduleSources(sourceCode.ast).length > 0) return false;
  return sourceCode.ast.sourceType === 'module' && !/\brequire\s*\(/u.test(sourceCode.text);
}

/** Whether a name is free at module level and not shadowed at `at`. */
function isNameFree(sourceCode: Readonly<TSESLint.SourceCode>, name: string, at: TSESTree.Node): boolean {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return false;
  const scopes = moduleScopes(globalScope);
  if (scopes.some((scope) => scope.set.has(name))) return false;
  if (globalScope.through.some((reference) => reference.identifier.name === name)) return false;
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(at); scope; scope = scope.upper) {
    if (scope.set.has(name)) return false;
  }
  return true;
}

/**
 * Finds or plans an import of a named export, reusing what the file already imports (a named import, a namespace,
 * a parent module's namespace) and otherwise adding one import in the file's own style: ESM or CommonJS, its quote
 * character, its semicolons and its `node:` prefix habit.
 */
export function planNamedImport(
  sourceCode: Readonly<TSESLint.SourceCode>,
  wanted: NamedExport,
  at: TSESTree.Node,
  preferredModule: string,
): ImportPlan {
  const sources = moduleSources(sourceCode.ast);
  const exportModules = new Set(wanted.modules);
  for (const { node, source } of sources) {
    if (!exportModules.has(source.value)) continue;
    if (node.type === AST_NODE_TYPES.ImportDeclaration && node.importKind !== 'type') {
      for (const specifier of node.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind !== 'type') {
          const imported =
            specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
          if (imported === wanted.name) return { expression: specifier.local.name };
        } else if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) {
          return { expression: `${specifier.local.name}.${wanted.name}` };
        }
      }
    } else if (node.type === AST_NODE_TYPES.VariableDeclarator) {
      if (node.id.type === AST_NODE_TYPES.Identifier) return { expression: `${node.id.name}.${wanted.name}` };
      if (node.id.type === AST_NODE_TYPES.ObjectPattern) {
        for (const property of node.id.properties) {
          if (
            property.type === AST_NODE_TYPES.Property &&
            !property.computed &&
            property.key.type === AST_NODE_TYPES.Identifier &&
            property.key.name === wanted.name &&
            property.value.type === AST_NODE_TYPES.Identifier
          ) {
            return { expression: property.value.name };
          }
        }
      }
    }
  }
  if (wanted.parent) {
    const parentModules = new Set(wanted.parent.modules);
    for (const { node, source } of sources) {
      if (!parentModules.has(source.value)) continue;
      const suffix = [...wanted.parent.path, wanted.name].join('.');
      if (node.type === AST_NODE_TYPES.ImportDeclaration && node.importKind !== 'type') {
        const namespace = node.specifiers.find(
          (s) => s.type === AST_NODE_TYPES.ImportNamespaceSpecifier || s.type === AST_NODE_TYPES.ImportDefaultSpecifier,
        );
        if (namespace) return { expression: `${namespace.local.name}.${suffix}` };
      } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier) {
        return { expression: `${node.id.name}.${suffix}` };
      }
    }
  }

  let local =
    [wanted.name, ...(wanted.alternatives ?? [])].find((candidate) => isNameFree(sourceCode, candidate, at)) ??
    wanted.name;
  for (let i = 0; !isNameFree(sourceCode, local, at); i += 1)
    local = i === 0 ? `${wanted.name}Async` : `${wanted.name}Async${i + 1}`;

  // Add the name to an existing named import (or destructuring require) of the module, so several rewrites in one
  // file end up with one import: `import { readdir, readFile } from 'fs/promises'`.
  const existing = namedImportList(sources, exportModules);
  if (existing) {
    const esm = existing.type === AST_NODE_TYPES.ImportSpecifier;
    const addition = local === wanted.name ? wanted.name : `${wanted.name}${esm ? ' as ' : ': '}${local}`;
    return { expression: local, fix: (fixer) => fixer.insertTextAfter(existing, `, ${addition}`) };
  }

  const last = sources.at(-1);
  const quote = last ? sourceCode.getText(last.source)[0] : firstQuote(sourceCode.text);
  const statementText = last ? sourceCode.getText(last.statement) : '';
  const semicolon = last ? statementText.trimEnd().endsWith(';') : usesSemicolons(sourceCode);
  const binding = local === wanted.name ? wanted.name : `${wanted.name}${isEsm(sourceCode) ? ' as ' : ': '}${local}`;
  const specifier = `${quote}${preferredModule}${quote}`;
  const text = isEsm(sourceCode)
    ? `import { ${binding} } from ${specifier}${semicolon ? ';' : ''}`
    : `const { ${binding} } = require(${specifier})${semicolon ? ';' : ''}`;

  const anchor = isEsm(sourceCode)
    ? [...sourceCode.ast.body].reverse().find((s) => s.type === AST_NODE_TYPES.ImportDeclaration)
    : last?.statement;
  const fix = anchor
    ? (fixer: TSESLint.RuleFixer) => fixer.insertTextAfter(anchor, `${eolOf(sourceCode.text)}${text}`)
    : (fixer: TSESLint.RuleFixer) => insertAtTop(sourceCode, fixer, text);
  return { expression: local, fix };
}

/**
 * The last entry of a named import list of one of the modules that can take one more name: a value
 * `import { a } from 'm'` (not a type-only import), or `const { a } = require('m')` without a rest element.
 */
function namedImportList(
  sources: readonly ModuleSource[],
  modules: ReadonlySet<string>,
): TSESTree.ImportSpecifier | TSESTree.Property | null {
  for (const { node, source } of sources) {
    if (!modules.has(source.value)) continue;
    if (node.type === AST_NODE_TYPES.ImportDeclaration && node.importKind !== 'type') {
      const named = node.specifiers.filter(
        (s): s is TSESTree.ImportSpecifier => s.type === AST_NODE_TYPES.ImportSpecifier,
      );
      if (
        named.length > 0 &&
        named.length ===
          node.specifiers.length - (node.specifiers[0]?.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 1 : 0)
      ) {
        return named.at(-1) ?? null;
      }
    } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.ObjectPattern) {
      const properties = node.id.properties;
      const lastProperty = properties.at(-1);
      if (lastProperty?.type === AST_NODE_TYPES.Property) return lastProperty;
    }
  }
  return null;
}

/** Whether the file's top-level statements end with semicolons (true when it has none to judge by). */
function usesSemicolons(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const statements = sourceCode.ast.body.filter(
    (s) => s.type === AST_NODE_TYPES.VariableDeclaration || s.type === AST_NODE_TYPES.ExpressionStatement,
  );
  if (statements.length === 0) return true;
  const withSemicolon = statements.filter((s) => sourceCode.getText(s).trimEnd().endsWith(';')).length;
  return withSemicolon * 2 >= statements.length;
}

function firstQuote(text: string): string {
  const match = /(['"])(?:[^'"\\\n]|\\.)*\1/u.exec(text);
  return match?.[1] ?? "'";
}

function insertAtTop(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  text: string,
): TSESLint.RuleFix {
  // After directives such as 'use strict'; otherwise before the first statement (after a shebang and header comments).
  const body = sourceCode.ast.body;
  const directives = body.filter(
    (s) => s.type === AST_NODE_TYPES.ExpressionStatement && 'directive' in s && s.directive,
  );
  const lastDirective = directives.at(-1);
  if (lastDirective && body.indexOf(lastDirective) === directives.length - 1) {
    return fixer.insertTextAfter(lastDirective, `${eolOf(sourceCode.text)}${text}`);
  }
  const first = body.at(0);
  if (first) return fixer.insertTextBefore(first, `${text}${eolOf(sourceCode.text)}`);
  return fixer.insertTextAfterRange(
    [0, sourceCode.text.length],
    `${eolOf(sourceCode.text)}${text}${eolOf(sourceCode.text)}`,
  );
}

/**
 * `pipeline` in the file's style: from `stream/promises` for an awaited call in an async function, or from `stream`
 * for the callback form.
 */
export function planPipelineImport(
  sourceCode: Readonly<TSESLint.SourceCode>,
  at: TSESTree.Node,
  awaited: boolean,
): ImportPlan {
  return awaited
    ? planNamedImport(
        sourceCode,
        {
          modules: ['stream/promises', 'node:stream/promises'],
          name: 'pipeline',
          parent: { modules: ['stream', 'node:stream'], path: ['promises'] },
          alternatives: ['pipelinePromise'],
        },
        at,
        nodeModuleName(sourceCode.text, 'stream/promises'),
      )
    : planNamedImport(
        sourceCode,
        { modules: ['stream', 'node:stream'], name: 'pipeline', alternatives: ['pipelineCallback'] },
        at,
        nodeModuleName(sourceCode.text, 'stream'),
      );
}
