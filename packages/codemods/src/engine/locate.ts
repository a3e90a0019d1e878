import type { ASTNode, ASTPath, Collection, JSCodeshift, Node } from 'jscodeshift';
import { isNode, type NodeOf } from './jscodeshift.js';
import type { RuleSite } from './rule-codemod.js';

/**
 * The jscodeshift paths whose node spans exactly the range a rule reported (ESLint columns are 1-based, recast's
 * 0-based). Several nodes can share a range (`x` and `(x)`, an expression statement and its expression); the
 * outermost comes first.
 */
export function pathsAtSite(j: JSCodeshift, root: Collection, site: RuleSite): ASTPath<Node>[] {
  const matches: ASTPath<Node>[] = [];
  root.find(j.Node).forEach((path) => {
    const loc = path.node.loc;
    if (!loc) return;
    if (loc.start.line !== site.line || loc.start.column !== site.column - 1) return;
    if (site.endLine !== undefined && loc.end.line !== site.endLine) return;
    if (site.endColumn !== undefined && loc.end.column !== site.endColumn - 1) return;
    matches.push(path);
  });
  return matches;
}

/** The path at a site whose node has one of the given types. */
export function nodeAtSite<T extends ASTNode['type']>(
  j: JSCodeshift,
  root: Collection,
  site: RuleSite,
  types: readonly T[],
): ASTPath<NodeOf<T>> | null {
  const path = pathsAtSite(j, root, site).find((candidate): candidate is ASTPath<NodeOf<T>> =>
    isNode(candidate.node, types),
  );
  return path ?? null;
}
