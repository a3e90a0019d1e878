import type * as TypeScriptParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import * as eslintScope from 'eslint-scope';
import * as visitorKeys from 'eslint-visitor-keys';
import * as espree from 'espree';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import semver from 'semver';
import { sourceTypeOf } from './module-type.js';

export { moduleSyntaxOf, sourceTypeOf } from './module-type.js';

const require = createRequire(import.meta.url);
let typescriptParser: typeof TypeScriptParser | undefined;
let setupProblem: string | null | undefined;

/**
 * Why typescript-eslint's parser cannot parse TypeScript here, as one line that says what to do: it is not installed,
 * or the installed TypeScript is outside the range the parser supports (an old TypeScript fails inside the parser
 * with errors such as `isTokenKind is not a function`). `null` when it can.
 */
export function typescriptSetupProblem(): string | null {
  if (setupProblem === undefined) {
    setupProblem = findTypescriptSetupProblem((request, from) =>
      from === undefined ? require.resolve(request) : createRequire(from).resolve(request),
    );
  }
  return setupProblem;
}

/**
 * `typescriptSetupProblem` for a given module resolution: `resolve(request)` from this package, `resolve(request,
 * from)` from a file (tests pass their own).
 */
export function findTypescriptSetupProblem(resolve: (request: string, from?: string) => string): string | null {
  let parserManifest: string;
  try {
    parserManifest = resolve('@typescript-eslint/parser/package.json');
  } catch {
    return (
      'TypeScript files need @typescript-eslint/parser: install typescript-eslint (npm install --save-dev ' +
      'typescript-eslint typescript).'
    );
  }
  const parser = JSON.parse(readFileSync(parserManifest, 'utf8')) as {
    version: string;
    peerDependencies?: Record<string, string>;
  };
  let typescriptManifest: string;
  try {
    typescriptManifest = resolve('typescript/package.json', parserManifest);
  } catch {
    return (
      'TypeScript files need the typescript package beside @typescript-eslint/parser: npm install --save-dev ' +
      'typescript.'
    );
  }
  const { version } = JSON.parse(readFileSync(typescriptManifest, 'utf8')) as { version: string };
  const range = parser.peerDependencies?.['typescript'] ?? '>=4.8.4';
  const supported = semver.validRange(range) ? range : '>=4.8.4';
  if (semver.satisfies(version, supported, { includePrerelease: true })) return null;
  const direction = semver.ltr(version, supported) ? 'older' : 'newer';
  const advice =
    direction === 'older'
      ? 'upgrade typescript'
      : 'install a typescript version in that range, or upgrade typescript-eslint';
  return (
    `TypeScript ${version} is ${direction} than @typescript-eslint/parser ${parser.version} supports ` +
    `(${supported}): ${advice}.`
  );
}

/** typescript-eslint's parser, loaded on first use: it loads TypeScript, which a JavaScript-only run never needs. */
function tsParser(): typeof TypeScriptParser {
  if (typescriptParser) return typescriptParser;
  const problem = typescriptSetupProblem();
  // ESLint reports the error of every file as "Parsing error: ..."; `check` prints the line once and stops.
  if (problem !== null) throw new Error(`backend-perf: ${problem}`);
  return (typescriptParser = require('@typescript-eslint/parser') as typeof TypeScriptParser);
}

const JAVASCRIPT = /\.(?:c|m)?jsx?$/iu;

/**
 * The child keys of node types that the scope analysis's built-in keys lack; every other type it walks the same way.
 */
function missingChildKeys(node: { readonly type: string }): readonly string[] {
  return visitorKeys.KEYS[node.type] ?? visitorKeys.getKeys(node);
}

/**
 * `import` then `(`, or `import` then a comment (which may hide a `(` after it; also the HTML-like `<!--` and `-->` of
 * scripts): a dynamic import, or text (a string, a comment, an `import` before a comment) that reads like one. Linear
 * in the text: no backtracking over comments.
 */
const DYNAMIC_IMPORT = /\bimport\s*(?:[(/]|<!--|-->)/u;

/**
 * How eslint-scope walks the children of nodes its referencer has no handler for. Given `childVisitorKeys`, it copies
 * them with its built-in keys into a new object for every destructuring pattern and assignment target it visits,
 * which cost about a fifth of the analysis and much of its garbage on real code. Its built-in keys differ from
 * ESLint's in one node type that reaches that walk: a dynamic `import()` with an options argument, whose references
 * only ESLint's keys see. Files whose text has no `import(` (nor `import` before a comment; the test also matches
 * one in a string or a comment, which costs only speed) use the built-in keys, and ESLint's keys only for the node
 * types that the built-in keys lack (JSX, static blocks): the same scopes, variables and references as ESLint's own
 * parse.
 */
function scopeVisitorKeys(text: string): {
  childVisitorKeys?: typeof visitorKeys.KEYS;
  fallback: (node: { readonly type: string }) => readonly string[];
} {
  return DYNAMIC_IMPORT.test(text)
    ? { childVisitorKeys: visitorKeys.KEYS, fallback: visitorKeys.getKeys }
    : { fallback: missingChildKeys };
}

/**
 * The parser of every source file, for the codemods and for `check`: `module` or `commonjs` from the file's
 * extension and syntax (`sourceTypeOf`, which a flat config cannot express), and for JavaScript ESLint's own
 * parser, espree, with ESLint's own scope analysis: what a project's ESLint config uses for `.js` files, and about a
 * third faster than typescript-eslint's parser. TypeScript files, and the rare JavaScript file that espree does not
 * read (TypeScript syntax in a `.js` file), go to `@typescript-eslint/parser`. The rules' tests run every
 * JavaScript case with both parsers and require the same results.
 */
export const sourceParser: Linter.Parser = {
  meta: { name: 'backend-perf/source-parser', version: '1.0.0' },
  parseForESLint(text: string, options?: Record<string, unknown>) {
    const filePath = typeof options?.['filePath'] === 'string' ? options['filePath'] : 'file.js';
    // ESLint passes the configured `sourceType` (the plugin's configs set it with `sourceTypeOf`, a user's config may
    // override it): the file parses as plain ESLint would parse it. Without one, the parser decides the same way.
    const configured = options?.['sourceType'];
    const sourceType =
      configured === 'module' || configured === 'commonjs' || configured === 'script'
        ? configured
        : sourceTypeOf(filePath, text);
    const parserOptions = { ...options, sourceType };
    if (JAVASCRIPT.test(filePath)) {
      const jsx = (options?.['ecmaFeatures'] as { jsx?: boolean } | undefined)?.jsx === true;
      let ast: ReturnType<typeof espree.parse> | undefined;
      try {
        ast = espree.parse(text, {
          ...(parserOptions as object),
          ecmaVersion: 'latest',
          sourceType,
          ecmaFeatures: { jsx },
        });
      } catch (error) {
        // Not standard JavaScript: typescript-eslint's parser reads more (or reports the error); without it, this
        // is the file's parse error.
        if (typescriptSetupProblem() !== null) throw error;
      }
      if (ast) {
        const scopeManager = eslintScope.analyze(
          ast as never,
          {
            ignoreEval: true,
            ecmaVersion: espree.latestEcmaVersion,
            sourceType,
            ...scopeVisitorKeys(text),
            jsx,
          } as never,
        );
        return { ast, scopeManager, visitorKeys: visitorKeys.KEYS } as never;
      }
    }
    return tsParser().parseForESLint(
      text,
      parserOptions as Parameters<typeof TypeScriptParser.parseForESLint>[1],
    ) as never;
  },
};

/** Which parser reads a file: espree for standard JavaScript, typescript-eslint's for TypeScript and the rest. */
export type SourceReader = 'espree' | 'typescript';

/** Why a text does not parse, with its 1-based line and column. */
export interface ParseProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

function problemOf(error: unknown): ParseProblem {
  const { message, lineNumber, column } = (error ?? {}) as {
    message?: unknown;
    lineNumber?: unknown;
    column?: unknown;
  };
  return {
    message: String(message ?? error),
    line: typeof lineNumber === 'number' ? lineNumber : 1,
    column: typeof column === 'number' ? column : 1,
  };
}

/** The parse problem of `text` read by `reader` as `file`, or `null` when it parses (no scope analysis). */
function readWith(reader: SourceReader, file: string, text: string): ParseProblem | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { sourceType, parserOptions } = languageOptionsFor(file, body);
  const jsx = (parserOptions as { ecmaFeatures: { jsx: boolean } }).ecmaFeatures.jsx;
  try {
    if (reader === 'espree') {
      espree.parse(body, { ecmaVersion: 'latest', sourceType, ecmaFeatures: { jsx } });
    } else {
      tsParser().parse(body, { filePath: file, sourceType, ecmaFeatures: { jsx } });
    }
    return null;
  } catch (error) {
    return problemOf(error);
  }
}

/**
 * The parser `sourceParser` reads a file's text with: espree for JavaScript it reads, else typescript-eslint's (the
 * fallback, which also accepts code that is not valid JavaScript, such as `await` in a class static block).
 */
export function readerOf(file: string, text: string): SourceReader {
  return JAVASCRIPT.test(file) && readWith('espree', file, text) === null ? 'espree' : 'typescript';
}

/**
 * Whether a codemod's output still parses the way its input did: `null`, or the problem. The output is read with the
 * parser that read the input (`readerOf(file, before)`), so a JavaScript file never turns into one that only the
 * TypeScript fallback reads.
 */
export function outputProblem(file: string, before: string, after: string): ParseProblem | null {
  return readWith(readerOf(file, before), file, after);
}

/**
 * How deeply brackets may nest in a file the codemods migrate. The parsers, ESLint and the codemods walk the tree
 * recursively, so a file nested thousands of levels deep (generated code) exhausts the stack: in a worker thread,
 * whose stack is larger, later than in the main thread, and in a regular expression's compilation as a fatal V8
 * error that ends the process. Files nested deeper are refused before anything parses them, whatever the thread,
 * so the result is the same with one worker or a pool. 500 levels is far beyond hand-written code and well within
 * what the main thread's stack handles.
 */
export const MAX_NESTING = 500;

/**
 * Where `text` nests brackets (`(`, `[`, `{`, template substitutions) deeper than `limit` levels, or `null`. Strings,
 * template text and comments are skipped; regular expression literals are not recognised (a bracket inside one
 * counts, which only matters for code already nested about `limit` deep).
 */
export function nestingProblem(text: string, limit = MAX_NESTING): ParseProblem | null {
  let depth = 0;
  // For each open template substitution, the depth at which it opened: its `}` returns to the template's text.
  const substitutions: number[] = [];
  let index = 0;
  let tooDeep = -1;
  const open = (): void => {
    depth += 1;
    if (depth > limit && tooDeep === -1) tooDeep = index;
  };
  const skipTemplateText = (): void => {
    for (; index < text.length; index += 1) {
      const character = text[index];
      if (character === '\\') index += 1;
      else if (character === '`') return;
      else if (character === '$' && text[index + 1] === '{') {
        substitutions.push(depth);
        open();
        index += 1;
        return;
      }
    }
  };
  for (; index < text.length && tooDeep === -1; index += 1) {
    const character = text[index];
    if (character === '/' && text[index + 1] === '/') {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (character === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 1;
    } else if (character === '"' || character === "'") {
      for (index += 1; index < text.length && text[index] !== character && text[index] !== '\n'; index += 1) {
        if (text[index] === '\\') index += 1;
      }
    } else if (character === '`') {
      index += 1;
      skipTemplateText();
    } else if (character === '(' || character === '[' || character === '{') {
      open();
    } else if (character === ')' || character === ']' || character === '}') {
      depth = Math.max(0, depth - 1);
      if (character === '}' && substitutions.length > 0 && substitutions.at(-1) === depth) {
        substitutions.pop();
        index += 1;
        skipTemplateText();
      }
    }
  }
  if (tooDeep === -1) return null;
  const before = text.slice(0, tooDeep);
  return {
    message: `nested deeper than ${limit} levels`,
    line: before.split('\n').length,
    column: tooDeep - before.lastIndexOf('\n'),
  };
}

/** Language options that parse every supported extension the way the CLI's `check` does. */
export function languageOptionsFor(file: string, text: string): Linter.LanguageOptions {
  return {
    parser: sourceParser,
    sourceType: sourceTypeOf(file, text),
    ecmaVersion: 'latest',
    parserOptions: { ecmaFeatures: { jsx: !/\.(?:c|m)?ts$/iu.test(file) } },
  };
}
