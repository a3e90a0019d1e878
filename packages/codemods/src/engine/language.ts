import path from 'node:path';

export {
  languageOptionsFor,
  MAX_NESTING,
  moduleSyntaxOf,
  nestingProblem,
  outputProblem,
  readerOf,
  sourceParser,
  sourceTypeOf,
  type ParseProblem,
  type SourceReader,
} from '@backend-perf/core';
export { isSourceFile, SOURCE_EXTENSIONS, SOURCE_FILE_PATTERNS } from './extensions.js';

/** The jscodeshift parser for a file: `ts` for TypeScript without JSX, `tsx` for `.tsx`, `babel` for JavaScript. */
export function jscodeshiftParser(file: string): 'ts' | 'tsx' | 'babel' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tsx') return 'tsx';
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return 'ts';
  return 'babel';
}
