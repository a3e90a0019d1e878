/** Edit distance (insertions, deletions, substitutions and swaps of neighbours), for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const distance: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (__, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row < rows; row += 1) {
    for (let column = 1; column < columns; column += 1) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let best = Math.min(
        distance[row - 1][column] + 1,
        distance[row][column - 1] + 1,
        distance[row - 1][column - 1] + cost,
      );
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) {
        best = Math.min(best, distance[row - 2][column - 2] + 1);
      }
      distance[row][column] = best;
    }
  }
  return distance[a.length][b.length];
}

/**
 * The closest of `candidates` to `given`, when it is close enough to be a typo (at most a third of its length, and
 * at most 3 edits) or when `given` is the start of exactly one candidate.
 */
export function closest(given: string, candidates: readonly string[]): string | undefined {
  const text = given.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(text, name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  const limit = Math.min(3, Math.max(1, Math.floor(given.length / 3)));
  if (best && best.distance <= limit) return best.name;
  const prefixed = candidates.filter((name) => name.toLowerCase().startsWith(text));
  return text.length >= 3 && prefixed.length === 1 ? prefixed[0] : undefined;
}

/** ` Did you mean "x"?`, or nothing. */
export function didYouMean(given: string, candidates: readonly string[], prefix = ''): string {
  const match = closest(given, candidates);
  return match === undefined ? '' : ` Did you mean "${prefix}${match}"?`;
}
