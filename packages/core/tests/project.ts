import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import {
  clearProjects,
  getRequestPathModel,
  isFunctionNode,
  languageOptionsFor,
  summarizeText,
  type findDataAccessCalls,
  type findProjectSearches,
  type FunctionContext,
} from '../src/index.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-project-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let projects = 0;

/**
 * Writes a project (a `package.json` and the given files) to a folder of its own and returns its root. Every file of
 * a project is part of the graph, as in a real repository.
 */
export function writeProject(files: Readonly<Record<string, string>>): string {
  const root = path.join(scratch, `p${(projects += 1)}`);
  const all = { 'package.json': '{ "name": "app", "private": true }\n', ...files };
  for (const [name, content] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
    // The graph reads the files the lint does not pass with a lighter source object: an analysis that fails there
    // would silently leave the file out of the graph, so every test project must summarise that way too.
    if (/\.[cm]?[jt]s$/u.test(name) && summarizeText(path.join(root, name), content, {}) === null) {
      throw new Error(`the project graph cannot summarise ${name}`);
    }
  }
  return root;
}

interface Parsed {
  readonly code: string;
  readonly filename: string;
  readonly sourceCode: TSESLint.SourceCode;
}

/** Parses `file` of the project at `root` the way ESLint does: its text from disk, its absolute name. */
function parseInProject(root: string, file: string): Parsed {
  clearProjects();
  const filename = path.join(root, file);
  const code = readFileSync(filename, 'utf8');
  let captured: TSESLint.SourceCode | undefined;
  const linter = new Linter({ configType: 'flat', cwd: root });
  const languageOptions = /\.[cm]?ts$/u.test(file)
    ? { parser: tsParser as Linter.Parser, sourceType: 'module' as const, ecmaVersion: 'latest' as const }
    : languageOptionsFor(filename, code);
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
        languageOptions,
        plugins: {
          test: {
            rules: {
              capture: {
                create(context) {
                  captured = context.sourceCode as unknown as TSESLint.SourceCode;
                  return {};
                },
              },
            },
          },
        },
        rules: { 'test/capture': 'error' },
      },
    ],
    { filename },
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`parse error at ${fatal.line}:${fatal.column}: ${fatal.message}`);
  if (!captured) throw new Error('the capturing rule did not run');
  return { code, filename, sourceCode: captured };
}

/**
 * Lints `file` of the project at `root` (the project folder as working directory) and returns `context: reason` of
 * the code at the first occurrence of each snippet.
 */
export function contextsIn(
  root: string,
  file: string,
  snippets: readonly string[],
  settings: Record<string, unknown> = {},
): Record<string, string> {
  const { code, filename, sourceCode } = parseInProject(root, file);
  const model = getRequestPathModel({ sourceCode, filename, cwd: root, settings });
  return Object.fromEntries(
    snippets.map((snippet) => {
      const index = code.indexOf(snippet);
      if (index === -1) throw new Error(`snippet not found: ${snippet}`);
      const node = sourceCode.getNodeByRangeIndex(index);
      if (!node) throw new Error(`no node at: ${snippet}`);
      const where: FunctionContext = model.contextOf(node);
      return [snippet, `${where.context}: ${where.reason}`];
    }),
  );
}

/** The data-access calls of `file` as the whole project shows them: `library operation text` each. */
export function accessesIn(root: string, file: string, find: typeof findDataAccessCalls): string[] {
  const { filename, sourceCode } = parseInProject(root, file);
  return find({ sourceCode, filename, cwd: root, settings: {} }).map(
    (call) => `${call.library} ${call.operation} ${sourceCode.getText(call.node)}`,
  );
}

/** The calls of `file` that call a project function searching a long-lived list: `call -> name(arg) search (file)`. */
export function searchesIn(root: string, file: string, find: typeof findProjectSearches): string[] {
  const { filename, sourceCode } = parseInProject(root, file);
  return [...find({ sourceCode, filename, cwd: root, settings: {} })].map(
    ([call, found]) => `${sourceCode.getText(call)} -> ${found.name}(#${found.param}) ${found.search} (${found.file})`,
  );
}

/**
 * What the model answers, for parameter `index` of the function written at the first occurrence of `snippet` in `file`,
 * to whether callers pass it what a request sends (`requestDataOf`): the handler's kind and description.
 */
export function requestDataIn(root: string, file: string, snippet: string, index: number): string | null {
  const { code, filename, sourceCode } = parseInProject(root, file);
  const model = getRequestPathModel({ sourceCode, filename, cwd: root, settings: {} });
  let node = sourceCode.getNodeByRangeIndex(code.indexOf(snippet));
  while (node && !isFunctionNode(node)) node = node.parent ?? null;
  if (!node) throw new Error(`no function at: ${snippet}`);
  const found = model.requestDataOf(node, index);
  return found && `${found.kind}: ${found.via}`;
}
