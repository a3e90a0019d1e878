import { describe, expect, it } from 'vitest';
import { applyEdits, capitalise, freeName, lineStartAt, nextLineStart, usedNames } from '../../src/util/text.js';

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

  it('picks names that clash with nothing', () => {
    const used = usedNames('const key = 1; const key2 = 2;');
    expect(freeName('key', used)).toBe('key3');
    expect(freeName('key', used)).toBe('key4');
    expect(freeName('batch', used)).toBe('batch');
  });
});

describe('line and name helpers', () => {
  it('finds where the line of an offset starts and where the next one does', () => {
    const text = 'one\r\ntwo\nthree';
    expect(lineStartAt(text, 0)).toBe(0);
    expect(lineStartAt(text, 7)).toBe(5);
    expect(nextLineStart(text, 1)).toBe(5);
    expect(nextLineStart(text, 6)).toBe(9);
    expect(nextLineStart(text, 10)).toBeNull();
  });

  it('capitalises the first letter only', () => {
    expect(capitalise('client')).toBe('Client');
    expect(capitalise('httpAgent')).toBe('HttpAgent');
    expect(capitalise('')).toBe('');
  });
});
