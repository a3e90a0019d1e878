import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Linter } from 'eslint';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { analyzeFile, type FileAnalysis } from '../request-path/analyze.js';
import type { BackendPerfSettings } from '../request-path/settings.js';
import { nestingProblem, sourceParser } from '../source/parser.js';

type ScopeManager = NonNullable<TSESLint.SourceCode['scopeManager']>;
type Scope = TSESLint.Scope.Scope;

interface Parsed {
  readonly ast: TSESTree.Program;
  readonly scopeManager: ScopeManager;
  readonly visitorKeys: TSESLint.SourceCode.VisitorKeys;
}

/** Files nested deeper than this (brackets) are left out of the graph. */
const MAX_GRAPH_NESTING = 200;

/** A minified bundle: large, with long lines on average. Not the project's own code, and slow to read. */
export function isMinified(text: string): boolean {
  if (text.length < 100_000) return false;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines += 1;
  return text.length / lines > 300;
}

/** Sets `parent` on every node (ESLint does it while it traverses; the graph reads files ESLint is not linting). */
function setParents(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) {
          if (item && typeof item === 'object' && 'type' in item) {
            (item as unknown as { parent: TSESTree.Node }).parent = node;
            stack.push(item as TSESTree.Node);
          }
        }
      } else if (child && typeof child === 'object' && 'type' in child) {
        (child as unknown as { parent: TSESTree.Node }).parent = node;
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/**
 * The part of ESLint's `SourceCode` that the analysis uses (text, AST, visitor keys, scopes), for files the graph
 * reads itself: ESLint's own `SourceCode` also indexes tokens and comments, which the analysis never reads.
 */
function lightSourceCode(text: string, parsed: Parsed): TSESLint.SourceCode {
  const { ast, scopeManager, visitorKeys } = parsed;
  const sourceCode = {
    text,
    ast,
    scopeManager,
    visitorKeys,
    getScope(node: TSESTree.Node): Scope {
      const inner = node.type !== AST_NODE_TYPES.Program;
      for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
        const scope = scopeManager.acquire(current, inner);
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the enum is type-only, never loaded
        if (scope) return scope.type === 'function-expression-name' ? scope.childScopes[0] : scope;
      }
      return scopeManager.scopes[0];
    },
    getDeclaredVariables(node: TSESTree.Node) {
      return scopeManager.getDeclaredVariables(node);
    },
  };
  return sourceCode as unknown as TSESLint.SourceCode;
}

/**
 * Parses a file that ESLint is not linting (or not yet) and analyses it for the project graph; `null` when it does not
 * parse or is a minified bundle. The parser is the one `check` and `migrate` use (espree for JavaScript, with
 * ESLint's scope analysis; typescript-eslint's parser for TypeScript when it is installed).
 */
export function summarizeText(file: string, text: string, settings: BackendPerfSettings): FileAnalysis | null {
  // Bundles are not the project's own code; code nested deeper than hand-written code ever is was generated, and the
  // parsers' recursion on it could exhaust the stack of the linting process.
  if (isMinified(text) || nestingProblem(text, MAX_GRAPH_NESTING) !== null) return null;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let parsed: Parsed;
  try {
    parsed = (
      sourceParser as Linter.Parser & { parseForESLint: (text: string, options: object) => Parsed }
    ).parseForESLint(source, {
      filePath: file,
      ecmaVersion: 'latest',
      range: true,
      loc: true,
      comment: false,
      tokens: false,
      ecmaFeatures: { jsx: !/\.(?:c|m)?ts$/iu.test(file) },
    });
  } catch {
    return null;
  }
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a parser without scope analysis gives none
  if (!parsed.scopeManager) return null;
  setParents(parsed.ast, parsed.visitorKeys);
  try {
    return analyzeFile(lightSourceCode(source, parsed), settings);
  } catch {
    // A file the analysis cannot read (an exhausted stack on generated code) is left out of the graph, like one
    // that does not parse; it never stops the lint of the others.
    return null;
  }
}
