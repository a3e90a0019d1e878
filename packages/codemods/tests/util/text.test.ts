import { describe, expect, it } from 'vitest';
import { applyEdits, eolOf, freeName, indentAt, indentUnitOf, usedNames, wholeLines } from '../../src/util/text.js';

describe('text helpers', () => {
  it('applies edits from the end, leaving other bytes alone', () => {
    expect(
      applyEdits('a b c', [
        { start: 0, end: 1, text: 'x' },
        { start: 4, end: 5, text: 'zz' },
      ]),
    ).toBe('x b zz');
  });

  it('keeps insertions at one offset in order and refuses overlapping edits', () => {
    expect(
      applyEdits('a[k]', [
        { start: 0, end: 2, text: 'a.get(' },
        { start: 3, end: 4, text: ')' },
        { start: 4, end: 4, text: '!' },
        { start: 4, end: 4, text: ';' },
      ]),
    ).toBe('a.get(k)!;');
    expect(() =>
      applyEdits('c[k] = c[k] || f(k)', [
        { start: 0, end: 19, text: 'c.set(k, c[k] || f(k))' },
        { start: 7, end: 11, text: 'c.get(k)' },
      ]),
    ).toThrow('overlapping or invalid edits at offset 7');
  });

  it('reads the file line break and indentation', () => {
    expect(eolOf('a\r\nb')).toBe('\r\n');
    expect(eolOf('a\nb')).toBe('\n');
    expect(indentUnitOf('function f() {\n    return 1;\n}\n')).toBe('    ');
    expect(indentUnitOf('function f() {\n  if (a) {\n    b();\n  }\n}\n')).toBe('  ');
    expect(indentUnitOf('function f() {\n\treturn 1;\n}\n')).toBe('\t');
    expect(indentAt('a\n    b();\n', 6)).toBe('    ');
  });

  it('widens a statement to its whole lines only when it is alone on them', () => {
    const source = 'a();\n  b();\nc(); d();\n';
    expect(wholeLines(source, 7, 11)).toEqual([5, 12]);
    expect(wholeLines(source, 12, 16)).toEqual([12, 16]);
  });

  it('picks names that clash with nothing', () => {
    const used = usedNames('const key = 1; const key2 = 2;');
    expect(freeName('key', used)).toBe('key3');
    expect(freeName('key', used)).toBe('key4');
    expect(freeName('batch', used)).toBe('batch');
  });
});
