// Migrated files keep their own style: inserted lines in the file's indentation, and, in a project with a Prettier
// config and Prettier installed, the project's own formatting.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { indentUnit, matchIndentation } from '../src/style.js';
import { scratchProjects } from './projects.js';

describe('indentation', () => {
  it("finds a file's indentation unit", () => {
    expect(indentUnit('a\n  b\n    c\n')).toBe('  ');
    expect(indentUnit('a {\n    b {\n        c\n    }\n}\n')).toBe('    ');
    expect(indentUnit('a {\n\tb {\n\t\tc\n\t}\n}\n')).toBe('\t');
    expect(indentUnit('a\nb\n')).toBeNull();
  });

  it('writes the further levels of inserted lines in the unit of the file, and leaves the other lines', () => {
    const before = 'function f() {\n    if (a) {\n        go(a);\n    }\n}\n';
    const after =
      'function f() {\n    if (a) {\n        run(a, (err) => {\n          if (err) fail(err);\n        });\n    }\n}\n';
    expect(matchIndentation(before, after)).toBe(
      'function f() {\n    if (a) {\n        run(a, (err) => {\n            if (err) fail(err);\n        });\n' +
        '    }\n}\n',
    );
    const tabs = before.replace(/ {4}/gu, '\t');
    expect(
      matchIndentation(tabs, 'function f() {\n\tif (a) {\n\t\trun(a, (err) => {\n\t\t  fail(err);\n\t\t});\n\t}\n}\n'),
    ).toBe('function f() {\n\tif (a) {\n\t\trun(a, (err) => {\n\t\t\tfail(err);\n\t\t});\n\t}\n}\n');
    // Levels the codemod already wrote in the file's unit are not widened again.
    expect(
      matchIndentation(
        before,
        'function f() {\n    if (a) {\n        run(a, () => {\n            go(a);\n        });\n    }\n}\n',
      ),
    ).toBe('function f() {\n    if (a) {\n        run(a, () => {\n            go(a);\n        });\n    }\n}\n');
    const twoSpaces = 'a {\n  b;\n}\n';
    expect(matchIndentation(twoSpaces, 'a {\n  c(() => {\n    d;\n  });\n}\n')).toBe(
      'a {\n  c(() => {\n    d;\n  });\n}\n',
    );
  });
});

// Prettier is resolved from the migrated file's folder, as the project's own scripts resolve it: the projects live
// below this repository, whose Prettier they find.
const project = scratchProjects(process.cwd(), '.style-');

const server = [
  "const http = require('http');",
  "const fs = require('fs');",
  "const zlib = require('zlib');",
  '',
  'http.createServer((req, res) => {',
  "    res.setHeader('content-encoding', 'gzip');",
  "    fs.createReadStream('index.html').pipe(zlib.createGzip()).pipe(res);",
  '}).listen(8080);',
  '',
].join('\n');

async function migrate(cwd: string, ...args: string[]) {
  const err: string[] = [];
  const code = await main(
    ['migrate', 'pipe-to-pipeline', '--config', 'strict', '--no-config-lookup', '--workers', '1', '--quiet', ...args],
    { cwd, stdout: () => {}, stderr: (text) => err.push(text) },
    { run: async () => '' },
  );
  return { code, err: err.join('') };
}

describe("the project's Prettier", { timeout: 60_000 }, () => {
  const config = '{ "tabWidth": 4, "singleQuote": true, "printWidth": 80 }\n';

  it('formats a changed file that passed prettier --check before, so that it passes after', async () => {
    const dir = project({ '.prettierrc.json': config, 'server.js': server });
    const options = { ...JSON.parse(config), filepath: path.join(dir, 'server.js') } as prettier.Options;
    expect(await prettier.check(server, options)).toBe(true);
    expect(await migrate(dir)).toEqual({ code: 0, err: '' });
    const after = readFileSync(path.join(dir, 'server.js'), 'utf8');
    expect(after).toBe(
      [
        "const http = require('http');",
        "const fs = require('fs');",
        "const zlib = require('zlib');",
        "const { pipeline } = require('stream');",
        '',
        'http.createServer((req, res) => {',
        "    res.setHeader('content-encoding', 'gzip');",
        '    pipeline(',
        "        fs.createReadStream('index.html'),",
        '        zlib.createGzip(),',
        '        res,',
        '        (err) => {',
        '            if (err) res.destroy(err);',
        '        },',
        '    );',
        '}).listen(8080);',
        '',
      ].join('\n'),
    );
    expect(await prettier.check(after, options)).toBe(true);
  });

  it('with --no-format, keeps the indentation only', async () => {
    const reindented = [
      "const http = require('http');",
      "const fs = require('fs');",
      "const zlib = require('zlib');",
      "const { pipeline } = require('stream');",
      '',
      'http.createServer((req, res) => {',
      "    res.setHeader('content-encoding', 'gzip');",
      "    pipeline(fs.createReadStream('index.html'), zlib.createGzip(), res, (err) => {",
      '        if (err) res.destroy(err);',
      '    });',
      '}).listen(8080);',
      '',
    ].join('\n');
    const flagged = project({ '.prettierrc.json': config, 'server.js': server });
    expect(await migrate(flagged, '--no-format')).toEqual({ code: 0, err: '' });
    expect(readFileSync(path.join(flagged, 'server.js'), 'utf8')).toBe(reindented);
  });

  it('leaves the formatting of a file that did not pass prettier --check before', async () => {
    const unformatted = server.replace(
      "res.setHeader('content-encoding', 'gzip');",
      'res.setHeader("content-encoding","gzip")',
    );
    const dir = project({ '.prettierrc.json': config, 'server.js': unformatted });
    expect(await migrate(dir)).toEqual({ code: 0, err: '' });
    expect(readFileSync(path.join(dir, 'server.js'), 'utf8')).toContain(
      '    res.setHeader("content-encoding","gzip")\n',
    );
  });
});
