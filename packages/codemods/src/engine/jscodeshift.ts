import jscodeshift, { type JSCodeshift } from 'jscodeshift';
import { jscodeshiftParser } from './language.js';

// `jscodeshift.withParser` builds a new API object with every collection method on each call (about 90 KB of garbage
// a file on the benchmark corpus); one per parser serves every file.
const byParser = new Map<string, JSCodeshift>();

/** The jscodeshift API with the parser for `file` (`jscodeshiftParser`), made once per parser. */
export function jscodeshiftFor(file: string): JSCodeshift {
  const parser = jscodeshiftParser(file);
  let j = byParser.get(parser);
  if (!j) byParser.set(parser, (j = jscodeshift.withParser(parser)));
  return j;
}
