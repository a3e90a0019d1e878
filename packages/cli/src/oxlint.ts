import type { ESLint, Linter } from 'eslint';
import plugin from 'eslint-plugin-backend-perf';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PluginConfigName } from './eslint-options.js';
import { collectSourceFiles } from './files.js';
import { createIgnoreFilter } from './ignores.js';
import { UsageError } from './io.js';

/** Oxlint's categories of built-in rules: all turned off, so that only the plugin's rules run. */
const CATEGORIES = ['correctness', 'suspicious', 'pedantic', 'perf', 'style', 'restriction', 'nursery'];

/** Where the `oxlint` package is: the project's own install first, then one beside this package. */
export function findOxlint(cwd: string): { bin: string; version: string } {
  const attempts = [path.join(cwd, 'package.json'), fileURLToPath(import.meta.url)];
  for (const from of attempts) {
    let manifestPath: string;
    try {
      manifestPath = createRequire(from).resolve('oxlint/package.json');
    } catch {
      continue;
    }
    const manifest = createRequire(from)(manifestPath) as { version: string; bin?: string | Record<string, string> };
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.['oxlint'];
    if (bin) return { bin: path.resolve(path.dirname(manifestPath), bin), version: manifest.version };
  }
  throw new UsageError('--engine oxlint needs oxlint in the project: npm install --save-dev oxlint');
}

/**
 * The error for paths without a file to lint: when the default ignores alone skip a path's files, ESLint's error for
 * it (`All files matched by 'dist' are ignored.`, with its `messageTemplate`), so that `check` says which ignore it
 * was and how to check them anyway, as it does with ESLint.
 */
async function noFiles(cwd: string, paths: readonly string[], defaultIgnores: boolean): Promise<UsageError> {
  if (defaultIgnores) {
    const unignored = createIgnoreFilter(cwd, { defaults: false });
    for (const pattern of paths) {
      if ((await collectSourceFiles(cwd, [pattern], unignored, undefined, 1)).length === 0) continue;
      return Object.assign(new UsageError(`All files matched by '${pattern}' are ignored.`), {
        messageTemplate: 'all-matched-files-ignored',
        messageData: { pattern },
      });
    }
  }
  return new UsageError(`No files matching ${paths.join(', ')} were found.`);
}

interface OxlintDiagnostic {
  readonly message: string;
  readonly code?: string;
  readonly severity: string;
  readonly filename: string;
  readonly labels?: readonly { readonly span: { readonly offset: number; readonly length: number } }[];
}

/** Line and column (1-based, UTF-16 columns as ESLint counts them) of a UTF-8 byte offset. */
function positionAt(text: string, bytes: Buffer, offset: number): { line: number; column: number } {
  const index = bytes.subarray(0, offset).toString('utf8').length;
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * Runs the plugin's rules (the chosen config) under Oxlint's JavaScript plugins on the files `check` would lint (the
 * same ignores), and returns ESLint-shaped results for the same report and formatters. The user's ESLint config is
 * not read: Oxlint does not run ESLint configs.
 */
export async function lintWithOxlint(
  cwd: string,
  paths: readonly string[],
  pluginConfig: PluginConfigName,
  options: { readonly defaultIgnores?: boolean } = {},
): Promise<{ results: ESLint.LintResult[]; rulesMeta: Record<string, unknown> }> {
  const oxlint = findOxlint(cwd);
  const files = await collectSourceFiles(cwd, paths, createIgnoreFilter(cwd, { defaults: options.defaultIgnores }));
  if (files.length === 0) throw await noFiles(cwd, paths, options.defaultIgnores !== false);
  const rules = Object.assign(
    {},
    ...(plugin.configs[pluginConfig] as Linter.Config[]).map((object) => object.rules ?? {}),
  ) as Record<string, unknown>;
  const directory = await mkdtemp(path.join(os.tmpdir(), 'backend-perf-oxlint-'));
  try {
    const configFile = path.join(directory, 'oxlintrc.json');
    const pluginEntry = createRequire(import.meta.url).resolve('eslint-plugin-backend-perf');
    await writeFile(
      configFile,
      JSON.stringify({
        plugins: [],
        categories: Object.fromEntries(CATEGORIES.map((category) => [category, 'off'])),
        jsPlugins: [pluginEntry],
        rules,
      }),
    );
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [oxlint.bin, '-c', configFile, '--disable-nested-config', '--no-ignore', '--format', 'json', ...files],
        { cwd, maxBuffer: 256 * 1024 * 1024 },
        (error, out, err) => {
          // Exit code 1 means findings; anything else without JSON output is a failure.
          if (error && !out.trimStart().startsWith('{')) reject(new Error(`oxlint failed: ${err || error.message}`));
          else resolve(out);
        },
      );
    });
    const { diagnostics } = JSON.parse(stdout) as { diagnostics: OxlintDiagnostic[] };
    const byFile = new Map<string, Linter.LintMessage[]>(files.map((file) => [file, []]));
    const texts = new Map<string, { text: string; bytes: Buffer }>();
    for (const diagnostic of diagnostics) {
      const file = path.resolve(cwd, diagnostic.filename);
      let source = texts.get(file);
      if (!source) {
        const bytes = await readFile(file);
        source = { text: bytes.toString('utf8'), bytes };
        texts.set(file, source);
      }
      const span = diagnostic.labels?.[0]?.span ?? { offset: 0, length: 0 };
      const start = positionAt(source.text, source.bytes, span.offset);
      const end = positionAt(source.text, source.bytes, span.offset + span.length);
      const rule = /^([\w@/-]+)\(([\w-]+)\)$/u.exec(diagnostic.code ?? '');
      const message: Linter.LintMessage = rule
        ? {
            ruleId: `${rule[1]}/${rule[2]}`,
            severity: diagnostic.severity === 'error' ? 2 : 1,
            message: diagnostic.message,
            line: start.line,
            column: start.column,
            endLine: end.line,
            endColumn: end.column,
          }
        : {
            ruleId: null,
            fatal: true,
            severity: 2,
            message: `Parsing error: ${diagnostic.message}`,
            line: start.line,
            column: start.column,
          };
      const messages = byFile.get(file);
      if (messages) messages.push(message);
      else byFile.set(file, [message]);
    }
    const results = [...byFile].map(([filePath, messages]) => ({
      filePath,
      messages: messages.sort((a, b) => a.line - b.line || a.column - b.column),
      suppressedMessages: [],
      errorCount: 0,
      fatalErrorCount: 0,
      warningCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    }));
    const rulesMeta = Object.fromEntries(
      Object.entries(plugin.rules).map(([name, rule]) => [`backend-perf/${name}`, rule.meta]),
    );
    return { results, rulesMeta };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
