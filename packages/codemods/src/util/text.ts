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

/** Where the line holding `offset` starts. */
export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Where the line after the one holding `offset` starts, or `null` on the last line. */
export function nextLineStart(text: string, offset: number): number | null {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? null : newline + 1;
}

/** `name` with its first letter upper-case (`client` -> `Client`), to build names such as `getClient`. */
export function capitalise(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
