/** A text replacement in the original source. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Applies edits of the original source; untouched bytes stay as they were. Edits must not overlap (two insertions at
 * one offset keep their order): an edit inside another one's range would splice one's text into the other's, so
 * overlapping edits throw instead of returning code that was never meant.
 */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  const sorted = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index)
    .map(({ edit }) => edit);
  let output = '';
  let offset = 0;
  for (const edit of sorted) {
    if (edit.start < offset || edit.end < edit.start || edit.end > source.length) {
      throw new Error(`overlapping or invalid edits at offset ${edit.start} (code left unchanged)`);
    }
    output += source.slice(offset, edit.start) + edit.text;
    offset = edit.end;
  }
  return output + source.slice(offset);
}

/** The file's line break. */
export function eolOf(source: string): string {
  return source.includes('\r\n') ? '\r\n' : '\n';
}

/** The indentation unit of the file (two spaces when nothing is indented). */
export function indentUnitOf(source: string): string {
  const match = /^(\t+|[ ]+)\S/mu.exec(source);
  if (!match?.[1]) return '  ';
  return match[1].startsWith('\t')
    ? '\t'
    : match[1].length >= 4 && match[1].length % 4 === 0 && !/^ {2}\S/mu.test(source)
      ? '    '
      : '  ';
}

/** The indentation of the line on which `offset` lies. */
export function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/u.exec(source.slice(lineStart))?.[0] ?? '';
}

/** The range of a statement widened to its whole lines when nothing else is on them. */
export function wholeLines(source: string, start: number, end: number): [number, number] {
  let lineStart = start;
  while (lineStart > 0 && (source[lineStart - 1] === ' ' || source[lineStart - 1] === '\t')) lineStart -= 1;
  let lineEnd = end;
  while (lineEnd < source.length && (source[lineEnd] === ' ' || source[lineEnd] === '\t')) lineEnd += 1;
  const startsLine = lineStart === 0 || source[lineStart - 1] === '\n';
  if (!startsLine) return [start, end];
  if (source.startsWith('\r\n', lineEnd)) return [lineStart, lineEnd + 2];
  if (source[lineEnd] === '\n') return [lineStart, lineEnd + 1];
  return [start, end];
}

/** Identifier-like words used anywhere in the source, to pick names that clash with nothing. */
export function usedNames(source: string): Set<string> {
  return new Set(source.match(/[A-Za-z_$][\w$]*/gu) ?? []);
}

/** `base`, or `base2`, `base3`, ... whichever is free; the chosen name is added to `used`. */
export function freeName(base: string, used: Set<string>): string {
  let name = base;
  for (let i = 2; used.has(name); i += 1) name = `${base}${i}`;
  used.add(name);
  return name;
}
