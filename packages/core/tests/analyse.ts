import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import path from 'node:path';
import { getRequestPathModel, type FunctionContext, type RequestPathModel } from '../src/index.js';

/** The working directory the analysed files pretend to live in. */
export const CWD = path.resolve('/project');

export interface AnalyseOptions {
  /** Path relative to `CWD` (default `src/routes/file.js`; `.ts` names parse as TypeScript). */
  readonly filename?: string;
  readonly sourceType?: 'module' | 'commonjs' | 'script';
  readonly settings?: Record<string, unknown>;
  readonly globals?: Record<string, 'readonly' | 'writable'>;
}

export interface Analysis {
  readonly sourceCode: TSESLint.SourceCode;
  readonly filename: string;
  readonly model: () => RequestPathModel;
  /** The context of the code at the first occurrence of `snippet`. */
  readonly at: (snippet: string) => FunctionContext;
  /** The innermost node that starts at the first occurrence of `snippet`. */
  readonly nodeAt: (snippet: string) => TSESTree.Node;
}

/**
 * Parses `code` the way ESLint does for a rule (typescript-eslint's parser, ESLint's scope analysis and globals)
 * by running a rule that only keeps its `context`.
 */
export function analyse(code: string, options: AnalyseOptions = {}): Analysis {
  const filename = path.join(CWD, options.filename ?? 'src/routes/file.js');
  let captured: { sourceCode: TSESLint.SourceCode; settings: Record<string, unknown> } | undefined;
  const linter = new Linter({ configType: 'flat', cwd: CWD });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        languageOptions: {
          parser: tsParser,
          sourceType: options.sourceType ?? 'module',
          ecmaVersion: 'latest',
          ...(options.globals ? { globals: options.globals } : {}),
        },
        plugins: {
          test: {
            rules: {
              capture: {
                create(context) {
                  captured = {
                    sourceCode: context.sourceCode as unknown as TSESLint.SourceCode,
                    settings: context.settings,
                  };
                  return {};
                },
              },
            },
          },
        },
        rules: { 'test/capture': 'error' },
        settings: options.settings ?? {},
      },
    ],
    { filename },
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`parse error at ${fatal.line}:${fatal.column}: ${fatal.message}`);
  if (!captured) throw new Error('the capturing rule did not run');
  const { sourceCode, settings } = captured;
  const model = (): RequestPathModel => getRequestPathModel({ sourceCode, filename, cwd: CWD, settings });
  const nodeAt = (snippet: string): TSESTree.Node => {
    const index = code.indexOf(snippet);
    if (index === -1) throw new Error(`snippet not found: ${snippet}`);
    const node = sourceCode.getNodeByRangeIndex(index);
    if (!node) throw new Error(`no node at: ${snippet}`);
    return node;
  };
  return { sourceCode, filename, model, nodeAt, at: (snippet) => model().contextOf(nodeAt(snippet)) };
}
