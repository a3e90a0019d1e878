import { describe, expect, it } from 'vitest';
import { eolOf, indentAt, indentUnitOf, nodeModuleName, usesNodePrefix, wholeLines } from '../src/text.js';

describe('source text helpers', () => {
  it('finds the line break of a file', () => {
    expect(eolOf('a\r\nb\r\n')).toBe('\r\n');
    expect(eolOf('a\nb\n')).toBe('\n');
    expect(eolOf('a')).toBe('\n');
  });

  it('finds the indentation of a line and the unit of a file', () => {
    const text = 'function f() {\n\tif (a) {\n\t\treturn 1;\n\t}\n}\n';
    expect(indentAt(text, text.indexOf('return'))).toBe('\t\t');
    expect(indentAt(text, 0)).toBe('');
    expect(indentUnitOf(text)).toBe('\t');
    expect(indentUnitOf('if (a) {\n    b();\n}\n')).toBe('    ');
    expect(indentUnitOf('if (a) {\n  b();\n  if (c) {\n    d();\n  }\n}\n')).toBe('  ');
    expect(indentUnitOf('a();\n')).toBe('  ');
  });

  it('widens a range to its whole lines only when nothing else is on them', () => {
    const text = 'a();\n  gc();\nb(); gc();\n';
    const alone = text.indexOf('gc');
    expect(wholeLines(text, alone, alone + 5)).toEqual([5, 13]);
    const shared = text.lastIndexOf('gc');
    expect(wholeLines(text, shared, shared + 5)).toEqual([shared, shared + 5]);
    expect(wholeLines('x;\r\ny;\r\n', 0, 2)).toEqual([0, 4]);
  });

  it('follows the file in the choice of the node: prefix', () => {
    expect(usesNodePrefix("import fs from 'node:fs';\n")).toBe(true);
    expect(usesNodePrefix("import 'node:process';\n")).toBe(true);
    expect(usesNodePrefix('const { readFile } = require( "node:fs/promises");\n')).toBe(true);
    expect(usesNodePrefix("import fs from 'fs';\nconst url = 'node:fs';\n")).toBe(false);
    expect(nodeModuleName("import http from 'node:http';\n", 'stream')).toBe('node:stream');
    expect(nodeModuleName("const http = require('http');\n", 'stream')).toBe('stream');
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
});
