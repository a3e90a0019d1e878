import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

/**
 * User-interface libraries whose modules run in a browser: a file that imports one is a front-end component (an
 * admin panel shipped inside a server package), not server code. Bundlers name their chunks after the module
 * (`./react-0T9Avz-T.js`, `./jsx-runtime-BRYeo4JD.js`), so a chunk of these names counts too.
 */
const UI_MODULE = /^(?:react|react-dom|preact|vue|svelte|solid-js|@angular\/core)(?:\/|$)/u;
const UI_CHUNK = /^\.{1,2}\/(?:.*\/)?(?:react|react-dom|jsx-runtime|vue)-[\w-]{6,}\.m?js$/u;

/** Globals that only a browser defines: reading one (other than under `typeof`) marks a browser script. */
const BROWSER_GLOBALS = ['window', 'document'];

/**
 * The references to a global name: unresolved ones, and those of a global the configuration declares (`require`
 * under Node's globals), but none when the file declares the name itself.
 */
function globalReferences(sourceCode: Readonly<TSESLint.SourceCode>, name: string): TSESLint.Scope.Reference[] {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return [];
  const declared = globalScope.set.get(name);
  if (declared && declared.defs.length > 0) return [];
  return [
    ...globalScope.through.filter((reference) => reference.identifier.name === name),
    ...(declared?.references ?? []),
  ];
}

function moduleSource(node: TSESTree.Node): string | null {
  if (
    (node.type === AST_NODE_TYPES.ImportDeclaration ||
      node.type === AST_NODE_TYPES.ExportAllDeclaration ||
      node.type === AST_NODE_TYPES.ExportNamedDeclaration) &&
    node.source
  ) {
    return node.source.value;
  }
  return null;
}

function isUiModule(source: string): boolean {
  return UI_MODULE.test(source) || UI_CHUNK.test(source);
}

/** `require('react')` anywhere in the program (compiled CommonJS keeps the import as a call). */
function requiresUiModule(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (const reference of globalReferences(sourceCode, 'require')) {
    const call = reference.identifier.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) continue;
    const argument = call.arguments.at(0);
    if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' && isUiModule(argument.value))
      return true;
  }
  return false;
}

/** Whether the program reads `window` or `document` as globals, outside a `typeof` test. */
function readsBrowserGlobals(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return BROWSER_GLOBALS.some((name) =>
    globalReferences(sourceCode, name).some((reference) => {
      const parent = reference.identifier.parent;
      return !(parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'typeof');
    }),
  );
}

/**
 * Whether a file is browser code rather than server code: it imports a user-interface library (`react`, `vue`, …, or
 * a bundler chunk of one), or reads `window` or `document` as globals (`typeof window` checks of universal code do
 * not count). Its outbound requests and timers run in a visitor's browser, where they hold no server resource.
 */
export function isBrowserModule(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (const statement of sourceCode.ast.body) {
    const source = moduleSource(statement);
    if (source !== null && isUiModule(source)) return true;
  }
  return requiresUiModule(sourceCode) || readsBrowserGlobals(sourceCode);
}
