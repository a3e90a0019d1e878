import type { JSCodeshift } from 'jscodeshift';
import { createRequire } from 'node:module';
import { jscodeshiftParser } from './language.js';

const require = createRequire(import.meta.url);

// `jscodeshift.withParser` builds a new API object with every collection method on each call, garbage for every file
// (docs/benchmarks.md, "Codemods"); one per parser serves every file. jscodeshift (with recast and Babel's parser) loads
// on first use: most files have no site for a codemod that needs it.
const byParser = new Map<string, JSCodeshift>();

/** The jscodeshift API with the parser for `file` (`jscodeshiftParser`), made once per parser. */
export function jscodeshiftFor(file: string): JSCodeshift {
  const parser = jscodeshiftParser(file);
  let j = byParser.get(parser);
  if (!j) byParser.set(parser, (j = (require('jscodeshift') as JSCodeshift).withParser(parser)));
  return j;
}
