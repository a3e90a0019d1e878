// The checker of bench/properties.mjs, which the real-code run applies to every codemod on every file.
import * as codemods from '../packages/codemods/src/index.js';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { bytesOutsideEdits } from '../bench/properties.mjs';

const check = bytesOutsideEdits as (
  modules: typeof codemods,
  file: string,
  before: string,
  after: string,
) => string | null;
const before =
  "const fs = require('fs');\n\n// Reads the file.\nexports.h = async (req, res) => {\n  res.send(fs.readFileSync('x'));\n};\n";

describe('bytesOutsideEdits', () => {
  it('accepts edits, inserted statements and removed ones', () => {
    const edited = before.replace("fs.readFileSync('x')", "await fs.promises.readFile('x')");
    expect(check(codemods, 'a.js', before, edited)).toBeNull();
    expect(
      check(codemods, 'a.js', before, `${before.slice(0, 25)}\nconst os = require('os');${before.slice(25)}`),
    ).toBeNull();
    expect(check(codemods, 'a.js', before, before.replace("const fs = require('fs');\n\n", ''))).toBeNull();
  });

  it('finds re-indented code, dropped comments, other line breaks and a lost final newline', () => {
    expect(check(codemods, 'a.js', before, before.replace('  res.send', '    res.send'))).toBe(
      'the unchanged code "res" lost its spacing or comments ("\\n  " became "\\n    ")',
    );
    expect(check(codemods, 'a.js', before, before.replace('// Reads the file.\n', ''))).toBe(
      'the unchanged code "exports" lost its spacing or comments ("\\n\\n// Reads the file.\\n" became "\\n\\n")',
    );
    expect(check(codemods, 'a.js', before, before.replaceAll('\n', '\r\n'))).toBe(
      'the unchanged code "exports" lost its spacing or comments ("\\n\\n// Reads the file.\\n" became "\\r\\n\\r\\n// Reads the file.\\r\\n")',
    );
    expect(check(codemods, 'a.js', before, before.slice(0, -1))).toBe(
      'the text after the last token changed ("\\n" became "")',
    );
  });
});
