import type { ASTPath, Collection, JSCodeshift, Node } from 'jscodeshift';
import type { RuleSite } from './rule-codemod.js';

interface Located {
  loc?: { start: { line: number; column: number }; end: { line: number; column: number } } | null;
}

/**
 * The jscodeshift paths whose node spans exactly the range a rule reported (ESLint columns are 1-based, recast's
 * 0-based). Several nodes can share a range (`x` and `(x)`, an expression statement and its expression); the
 * outermost comes first.
 */
export function pathsAtSite(j: JSCodeshift, root: Collection, site: RuleSite): ASTPath<Node>[] {
  const matches: ASTPath<Node>[] = [];
  root.find(j.Node).forEach((path) => {
    const loc = (path.node as Located).loc;
    if (!loc) return;
    if (loc.start.line !== site.line || loc.start.column !== site.column - 1) return;
    if (site.endLine !== undefined && loc.end.line !== site.endLine) return;
    if (site.endColumn !== undefined && loc.end.column !== site.endColumn - 1) return;
    matches.push(path);
  });
  return matches;
}

/** The path at a site whose node has one of the given types. */
export function nodeAtSite<T extends Node = Node>(
  j: JSCodeshift,
  root: Collection,
  site: RuleSite,
  types: readonly string[],
): ASTPath<T> | null {
  const path = pathsAtSite(j, root, site).find((candidate) => types.includes(candidate.node.type));
  return (path as ASTPath<T> | undefined) ?? null;
}
