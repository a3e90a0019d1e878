import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { moduleScopes } from '../analysis/bindings.js';
import { childNodes } from '../ast.js';
import type { ApiEntry } from '../catalogue/types.js';
import type { ModelInput } from '../request-path/model.js';
import { readSettings, type HeavyFunctionSetting } from '../request-path/settings.js';
import { findApiUses } from '../tracker.js';

/** A call of a function named in `settings['backend-perf'].heavyFunctions`. */
export interface HeavyFunctionCall {
  readonly node: TSESTree.CallExpression;
  readonly setting: HeavyFunctionSetting;
  /** How messages name it: the configured export path (`buildReport`). */
  readonly label: string;
}

const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?)$/u;

/** A module path without extension and without a trailing `/index`, with forward slashes. */
function normalizeModulePath(file: string): string {
  const withoutExtension = file.replace(SOURCE_EXTENSION, '');
  return withoutExtension
    .replace(/[\\/]index$/u, '')
    .split(path.sep)
    .join('/');
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

function requireSpecifier(node: TSESTree.Node): string | null {
  if (
    node.type !== AST_NODE_TYPES.CallExpression ||
    node.callee.type !== AST_NODE_TYPES.Identifier ||
    node.callee.name !== 'require'
  )
    return null;
  const arg = node.arguments.at(0);
  return arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string' ? arg.value : null;
}

/** Every module specifier the file imports or requires. */
function importedSpecifiers(sourceCode: TSESLint.SourceCode): Set<string> {
  const specifiers = new Set<string>();
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.ImportDeclaration && typeof node.source.value === 'string')
      specifiers.add(node.source.value);
    const required = requireSpecifier(node);
    if (required !== null) specifiers.add(required);
    for (const child of childNodes(node, sourceCode.visitorKeys)) visit(child);
  };
  visit(sourceCode.ast);
  return specifiers;
}

/** Whether `specifier`, imported from `filename`, names the module of `setting`. */
function specifierMatches(specifier: string, filename: string, setting: HeavyFunctionSetting, cwd: string): boolean {
  if (!isRelative(setting.module) && !path.isAbsolute(setting.module)) return specifier === setting.module;
  if (!isRelative(specifier)) return false;
  const target = normalizeModulePath(path.resolve(cwd, setting.module));
  return normalizeModulePath(path.resolve(path.dirname(filename), specifier)) === target;
}

/** Whether the linted file is the module of `setting`. */
export function isHeavyFunctionModule(filename: string, setting: HeavyFunctionSetting, cwd: string): boolean {
  if (!isRelative(setting.module) && !path.isAbsolute(setting.module)) return false;
  if (!filename || filename.startsWith('<')) return false;
  return normalizeModulePath(path.resolve(cwd, filename)) === normalizeModulePath(path.resolve(cwd, setting.module));
}

/** Calls of a module-scope function declared in this file under `name`. */
function sameFileCalls(sourceCode: TSESLint.SourceCode, name: string): TSESTree.CallExpression[] {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return [];
  const scopes = moduleScopes(globalScope);
  const calls: TSESTree.CallExpression[] = [];
  for (const scope of scopes) {
    const variable = scope.set.get(name);
    const def = variable?.defs[0];
    if (!variable || !def) continue;
    const isFunction =
      def.node.type === AST_NODE_TYPES.FunctionDeclaration ||
      (def.node.type === AST_NODE_TYPES.VariableDeclarator &&
        (def.node.init?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
          def.node.init?.type === AST_NODE_TYPES.FunctionExpression));
    if (!isFunction) continue;
    for (const reference of variable.references) {
      const parent = reference.identifier.parent;
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier) calls.push(parent);
    }
  }
  return calls;
}

const cache = new WeakMap<TSESTree.Program, { key: string; calls: HeavyFunctionCall[] }>();

/**
 * Finds the calls of functions configured as heavy in `settings['backend-perf'].heavyFunctions`: imports of the
 * configured module (resolved from the importing file, with aliases, namespaces, destructuring and `require`) and, in
 * the defining file, calls of the module-scope function itself.
 */
export function findHeavyFunctionCalls(input: ModelInput): HeavyFunctionCall[] {
  const settings = readSettings(input.settings).heavyFunctions ?? [];
  if (settings.length === 0) return [];
  const key = `${input.filename}\u0000${input.cwd}\u0000${JSON.stringify(settings)}`;
  const cached = cache.get(input.sourceCode.ast);
  if (cached?.key === key) return cached.calls;

  const calls: HeavyFunctionCall[] = [];
  const seen = new Set<TSESTree.Node>();
  const specifiers = [...importedSpecifiers(input.sourceCode)];
  const entries: Array<ApiEntry & { setting: HeavyFunctionSetting }> = [];
  for (const setting of settings) {
    const modules = specifiers.filter((specifier) => specifierMatches(specifier, input.filename, setting, input.cwd));
    if (modules.length > 0) {
      entries.push({
        id: `${setting.module}#${setting.export}`,
        modules,
        path: setting.export.split('.'),
        usage: 'call',
        category: 'event-loop',
        tags: ['heavy-function'],
        setting,
      });
      if (setting.export === 'default') {
        // `module.exports = buildReport` is called as the module itself: `require('./report')(rows)`.
        entries.push({
          id: `${setting.module}#module`,
          modules,
          path: [],
          usage: 'call',
          category: 'event-loop',
          tags: ['heavy-function'],
          setting,
        });
      }
    }
    const [first, ...rest] = setting.export.split('.');
    if (
      rest.length === 0 &&
      first &&
      first !== 'default' &&
      isHeavyFunctionModule(input.filename, setting, input.cwd)
    ) {
      for (const call of sameFileCalls(input.sourceCode, first)) {
        if (seen.has(call)) continue;
        seen.add(call);
        calls.push({ node: call, setting, label: setting.export });
      }
    }
  }
  if (entries.length > 0) {
    for (const { node, entry } of findApiUses(input.sourceCode, entries)) {
      if (node.type !== AST_NODE_TYPES.CallExpression || seen.has(node)) continue;
      seen.add(node);
      calls.push({ node, setting: entry.setting, label: entry.setting.export });
    }
  }
  calls.sort((a, b) => a.node.range[0] - b.node.range[0]);
  cache.set(input.sourceCode.ast, { key, calls });
  return calls;
}
