/**
 * Source text helpers shared by the rules' fixes and the codemods, so that both write code in the file's own habits:
 * its line break, its indentation, whole-line removals and its choice of the `node:` prefix.
 */

/** The file's line break. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The indentation of the line on which `offset` lies. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/u.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The indentation unit of the file (two spaces when nothing is indented). */
export function indentUnitOf(text: string): string {
  const match = /^(\t+|[ ]+)\S/mu.exec(text);
  if (!match?.[1]) return '  ';
  return match[1].startsWith('\t')
    ? '\t'
    : match[1].length >= 4 && match[1].length % 4 === 0 && !/^ {2}\S/mu.test(text)
      ? '    '
      : '  ';
}

/** The range `start`-`end` widened to its whole lines (and the line break) when nothing else is on them. */
export function wholeLines(text: string, start: number, end: number): [number, number] {
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart -= 1;
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd += 1;
  const startsLine = lineStart === 0 || text[lineStart - 1] === '\n';
  if (!startsLine) return [start, end];
  if (text.startsWith('\r\n', lineEnd)) return [lineStart, lineEnd + 2];
  if (text[lineEnd] === '\n') return [lineStart, lineEnd + 1];
  return [start, end];
}

/** Whether the file imports or requires a built-in module with the `node:` prefix. */
export function usesNodePrefix(text: string): boolean {
  return /(?:\bfrom|\bimport|\brequire\()\s*['"]node:/u.test(text);
}

/** A built-in module's name as the file writes them: `node:fs` when it uses the prefix, `fs` otherwise. */
export function nodeModuleName(text: string, name: string): string {
  return usesNodePrefix(text) ? `node:${name}` : name;
}

/** Code as messages quote it: on one line, or `…` when longer than `limit` characters (a long list, a callee). */
export function quotedCode(code: string, limit = 32): string {
  const text = code.replace(/\s+/gu, ' ');
  return text.length > limit ? '…' : text;
}
