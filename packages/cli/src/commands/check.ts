import { ESLint } from 'eslint';
import { promises as fs, readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { loadESLintOptions, PLUGIN_CONFIGS, type ESLintOptionsSpec, type PluginConfigName } from '../eslint-options.js';
import { formatJson } from '../format/json.js';
import { formatSarif } from '../format/sarif.js';
import { formatStylish, summaryLine } from '../format/stylish.js';
import { parseCommandArgs } from '../args.js';
import { isSourceFile } from '@backend-perf/codemods/runner';
import { collectSourceFiles } from '../files.js';
import { createIgnoreFilter } from '../ignores.js';
import { ExitCode, isConfigError, oneLine, UsageError, type CliIO, type ExitCodeValue } from '../io.js';
import { buildCheckReport, checkExitCode, type CheckReport } from '../report.js';
import { DEFAULT_IGNORED_DIRECTORIES, defaultIgnoreReason, didYouMean } from '@backend-perf/core/light';
import { version } from '../version.js';

export const CHECK_HELP = `Usage: backend-perf check [options] [paths...]

Lint files with eslint-plugin-backend-perf and print findings grouped by rule,
each with the codemod that migrates it. Paths default to ".".

The plugin config is layered on top of your eslint.config.* when one is found
for the working directory; without one, the plugin runs alone.

Options:
  --config <name>          plugin config: recommended (default), strict, all
  --strict                 shorthand for --config strict
  --no-config-lookup       ignore eslint.config.* and run the plugin alone
  --no-default-ignores     also lint dependencies' and vendored code, build
                           output and minified files (.gitignore still applies)
  --show-notices           print ESLint's own notices (unused disable
                           directives, eslint-env comments); never counted
  --engine <name>          eslint (default) or oxlint: run the plugin's rules
                           under Oxlint's JavaScript plugins (needs oxlint
                           installed; your eslint.config.* is not read)
  --format <name>          stylish (default), json, sarif
  --output <file>          write the report to a file instead of stdout
  --concurrency <n|auto|off>  lint in ESLint worker threads
  --cache                  only lint changed files (ESLint's cache); every file when the project graph changed
  --cache-location <path>  where the cache lives (default .eslintcache)
  -h, --help               show this help

Exit codes: 0 no findings, 1 findings, 2 errors (bad arguments, a file that
does not parse, ESLint failure, no files).
`;

export const CHECK_FORMATS = ['stylish', 'json', 'sarif'] as const;
export const CHECK_ENGINES = ['eslint', 'oxlint'] as const;
export type CheckEngine = (typeof CHECK_ENGINES)[number];
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly pluginConfig: PluginConfigName;
  readonly configLookup: boolean;
  readonly format: CheckFormat;
  /** Who runs the rules: ESLint (default) or Oxlint's JavaScript plugins. */
  readonly engine?: CheckEngine;
  readonly output?: string;
  readonly concurrency?: number | 'auto' | 'off';
  readonly cache: boolean;
  readonly cacheLocation?: string;
  /** Skip dependencies' and vendored code, build output and minified files (default true). */
  readonly defaultIgnores: boolean;
  /** Print ESLint's own notices. */
  readonly showNotices: boolean;
}

/** Parses `check`'s arguments; `null` means help was asked for. Throws a `UsageError` on bad arguments. */
export function parseCheckArgs(args: readonly string[]): CheckOptions | null {
  const { values, positionals } = parseCommandArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    allowNegative: true,
    options: {
      config: { type: 'string' },
      strict: { type: 'boolean' },
      'config-lookup': { type: 'boolean', default: true },
      format: { type: 'string', short: 'f', default: 'stylish' },
      engine: { type: 'string', default: 'eslint' },
      output: { type: 'string', short: 'o' },
      concurrency: { type: 'string' },
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string' },
      'default-ignores': { type: 'boolean', default: true },
      'show-notices': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  if (values.config !== undefined && values.strict && values.config !== 'strict') {
    throw new UsageError(`--strict conflicts with --config ${values.config}`);
  }
  const pluginConfig = values.config ?? (values.strict ? 'strict' : 'recommended');
  if (!(PLUGIN_CONFIGS as readonly string[]).includes(pluginConfig)) {
    throw new UsageError(
      `unknown config "${pluginConfig}".${didYouMean(pluginConfig, PLUGIN_CONFIGS)} Expected one of ` +
        `${PLUGIN_CONFIGS.join(', ')}.`,
    );
  }
  if (!(CHECK_FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(
      `unknown format "${values.format}".${didYouMean(values.format, CHECK_FORMATS)} Expected one of ` +
        `${CHECK_FORMATS.join(', ')}.`,
    );
  }
  if (!(CHECK_ENGINES as readonly string[]).includes(values.engine)) {
    throw new UsageError(
      `unknown engine "${values.engine}".${didYouMean(values.engine, CHECK_ENGINES)} Expected one of ` +
        `${CHECK_ENGINES.join(', ')}.`,
    );
  }
  if (values.engine === 'oxlint' && (values.cache || values.concurrency !== undefined)) {
    throw new UsageError('--cache and --concurrency are ESLint options; Oxlint lints in its own threads');
  }
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    ...(values.engine === 'oxlint' ? { engine: 'oxlint' as const } : {}),
    pluginConfig: pluginConfig as PluginConfigName,
    configLookup: values['config-lookup'],
    format: values.format as CheckFormat,
    ...(values.output !== undefined ? { output: values.output } : {}),
    ...(values.concurrency !== undefined ? { concurrency: parseConcurrency(values.concurrency) } : {}),
    cache: values.cache,
    ...(values['cache-location'] !== undefined ? { cacheLocation: values['cache-location'] } : {}),
    defaultIgnores: values['default-ignores'],
    showNotices: values['show-notices'],
  };
}

function parseConcurrency(text: string): number | 'auto' | 'off' {
  if (text === 'auto' || text === 'off') return text;
  if (/^[1-9]\d*$/u.test(text)) return Number(text);
  throw new UsageError(`--concurrency expects a positive integer, "auto" or "off", got "${text}"`);
}

/** The user's flat config file for `cwd`, if ESLint would load one. */
export async function findUserConfig(cwd: string): Promise<string | undefined> {
  return new ESLint({ cwd }).findConfigFile();
}

async function createESLint(spec: ESLintOptionsSpec): Promise<ESLint> {
  if (spec.concurrency === undefined || spec.concurrency === 'off') return new ESLint(await loadESLintOptions(spec));
  // Worker threads rebuild the options (plugins and parsers cannot be cloned) from this module and the plain spec.
  const builder = new URL('../eslint-options.js', import.meta.url).href;
  const source =
    `import { loadESLintOptions } from ${JSON.stringify(builder)};\n` +
    `export default await loadESLintOptions(${JSON.stringify(spec)});\n`;
  return ESLint.fromOptionsModule(new URL(`data:text/javascript,${encodeURIComponent(source)}`));
}

/** The part of a path or glob before its first glob character: `src` for a glob of every file below `src`. */
function globBase(given: string): string {
  const parts = given.split(/[\\/]/u);
  const fixed = parts.findIndex((part) => /[*?[\]{}()!]/u.test(part));
  if (fixed === -1) return given;
  return fixed === 0 ? '.' : parts.slice(0, fixed).join('/');
}

/**
 * The given file, or a source file below the given folder that stands for most of them (of the files `check` would
 * take, the first with the most common extension), so that a TypeScript project's settings are read for a `.ts` file
 * rather than for its `eslint.config.js`.
 */
export async function sourceFileUnder(cwd: string, target: string): Promise<string | undefined> {
  const found = (await collectSourceFiles(cwd, [target]).catch(() => [] as string[])).filter(
    (file) => !/\.d\.[cm]?ts$/u.test(file),
  );
  const counts = new Map<string, number>();
  for (const file of found) counts.set(path.extname(file), (counts.get(path.extname(file)) ?? 0) + 1);
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return found.find((file) => path.extname(file) === common);
}

/**
 * The fingerprint of the project graphs of `paths` (`projectFingerprint`; a glob stands for the folder before its
 * first glob character), each read with the `settings['backend-perf']` that the config gives a source file of it, as
 * the rules will: with `--cache`, ESLint re-lints every file when it changes, since a file's findings depend on the
 * rest of its project (a handler registered in another file), not on its own text alone.
 */
export async function graphKey(cwd: string, spec: ESLintOptionsSpec, paths: readonly string[]): Promise<string> {
  const { projectFingerprint, readSettings } = await import('@backend-perf/core');
  // The configs alone, in this thread: ESLint refuses options it cannot clone to its workers.
  const { concurrency: _, ...single } = spec;
  const eslint = new ESLint(await loadESLintOptions(single));
  const parts = new Set<string>();
  for (const given of paths.length > 0 ? paths : ['.']) {
    const target = path.resolve(cwd, globBase(given));
    const probe = await sourceFileUnder(cwd, target);
    const config = probe
      ? ((await eslint.calculateConfigForFile(probe)) as { settings?: Record<string, unknown> } | undefined)
      : undefined;
    parts.add(projectFingerprint([target], cwd, readSettings(config?.settings)));
  }
  return [...parts].sort().join(',');
}

/** Lints and returns the report; throws on ESLint failures (including "no files matching"). */
export async function runCheck(
  cwd: string,
  options: CheckOptions,
): Promise<{ report: CheckReport; configFile?: string }> {
  if (options.engine === 'oxlint') {
    const { lintWithOxlint } = await import('../oxlint.js');
    const { results, rulesMeta } = await lintWithOxlint(cwd, options.paths, options.pluginConfig, {
      defaultIgnores: options.defaultIgnores,
    });
    return { report: buildCheckReport(cwd, results, rulesMeta as Parameters<typeof buildCheckReport>[2]) };
  }
  const configFile = options.configLookup ? await findUserConfig(cwd) : undefined;
  const spec: ESLintOptionsSpec = {
    cwd,
    ...(configFile !== undefined ? { userConfigFile: configFile } : {}),
    pluginConfig: options.pluginConfig,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.cache ? { cache: true } : {}),
    ...(options.cacheLocation !== undefined ? { cacheLocation: options.cacheLocation } : {}),
    ...(options.defaultIgnores ? {} : { defaultIgnores: false }),
  };
  const eslint = await createESLint(
    options.cache ? { ...spec, graphKey: await graphKey(cwd, spec, options.paths) } : spec,
  );
  const results = await eslint.lintFiles([...options.paths]);
  const rulesMeta = eslint.getRulesMetaForResults(results) as Parameters<typeof buildCheckReport>[2];
  return { report: buildCheckReport(cwd, results, rulesMeta), ...(configFile ? { configFile } : {}) };
}

export function formatReport(report: CheckReport, format: CheckFormat, showNotices = false): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, { version });
    case 'stylish':
      return formatStylish(report, { showNotices });
  }
}

/**
 * Creates `folder` and the folders above it that are missing, one at a time. (`mkdir` with `recursive` never returns
 * for a path under a folder that refuses new entries with ENOENT, such as `/proc`.)
 */
async function createFolders(folder: string): Promise<void> {
  const missing: string[] = [];
  let current = folder;
  while (
    !(await fs.stat(current).then(
      () => true,
      () => false,
    ))
  ) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const directory of missing) await fs.mkdir(directory);
}

export async function check(args: readonly string[], io: CliIO): Promise<ExitCodeValue> {
  const options = parseCheckArgs(args);
  if (!options) {
    io.stdout(CHECK_HELP);
    return ExitCode.Ok;
  }
  let report: CheckReport;
  try {
    ({ report } = await runCheck(io.cwd, options));
  } catch (error) {
    const pattern = ignoredPattern(error);
    const hint = pattern === undefined ? '' : ignoredHint(io.cwd, pattern, options.defaultIgnores);
    io.stderr(`backend-perf check: ${explainFailure(error, options.configLookup)}${hint}\n`);
    return ExitCode.Error;
  }
  const setup = setupProblem(report);
  if (setup !== undefined) {
    io.stderr(`backend-perf check: ${setup}\n`);
    return ExitCode.Error;
  }
  const text = formatReport(report, options.format, options.showNotices);
  if (options.output !== undefined) {
    try {
      const target = path.resolve(io.cwd, options.output);
      await createFolders(path.dirname(target));
      await fs.writeFile(target, text);
    } catch (error) {
      io.stderr(`backend-perf check: cannot write the report to ${options.output}: ${(error as Error).message}\n`);
      return ExitCode.Error;
    }
    io.stdout(`${summaryLine(report, { showNotices: options.showNotices })}\nReport written to ${options.output}\n`);
  } else {
    io.stdout(text);
  }
  return checkExitCode(report);
}

/** The pattern of ESLint's error for a path all of whose files are ignored (`All files matched by '.' are ignored.`). */
function ignoredPattern(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { messageTemplate, messageData } = error as Error & {
    messageTemplate?: unknown;
    messageData?: { pattern?: unknown };
  };
  return messageTemplate === 'all-matched-files-ignored' && typeof messageData?.pattern === 'string'
    ? messageData.pattern
    : undefined;
}

/**
 * What follows ESLint's message when every file of a path is ignored: which of backend-perf's default ignores
 * skipped them (the path is a `node_modules` or `dist` folder or in one; such folders hold its code, as in a package
 * that ships only `dist/`; minified files), and how to check them anyway; otherwise, and for what `.gitignore`
 * ignores anyway, where else ignores come from. A glob stands for the folder before its first glob character.
 */
export function ignoredHint(cwd: string, pattern: string, defaultIgnores: boolean): string {
  const elsewhere = ' They are ignored by .gitignore or by the ignores of your ESLint config.';
  const given = globBase(pattern);
  const target = path.resolve(cwd, given);
  const stats = statSync(target, { throwIfNoEntry: false });
  // ESLint says the same of a folder that holds nothing to lint (documents only): no ignore's doing.
  const searched = { entries: HOLDS_SOURCE_BUDGET };
  if (stats?.isDirectory() && !holdsSource(target, searched, 32) && searched.entries >= 0)
    return ` '${given}' holds no JavaScript or TypeScript source file.`;
  if (!defaultIgnores) return elsewhere;
  const again = 'run with --no-default-ignores to check';
  // What .gitignore leaves to lint: a folder it ignores anyway is no default ignore's doing.
  const gitignored = createIgnoreFilter(cwd, { defaults: false });
  if (gitignored.reason(target, stats?.isDirectory() === true) !== null) return elsewhere;
  // (A folder is named by a file in it: the reason reads every segment but the last as a folder.)
  const own = defaultIgnoreReason(stats?.isDirectory() ? path.join(target, '_') : target, cwd);
  const name = path.basename(target);
  if (own !== null) {
    const what = stats?.isDirectory() && DEFAULT_IGNORED_DIRECTORIES.includes(name) ? `a ${name} folder` : own;
    return ` '${given}' is ${what}, which backend-perf skips by default: ${again} it.`;
  }
  if (!stats?.isDirectory()) return elsewhere;
  // The default-ignored folders that hold code, at any depth (`lib/dist/`), and minified files, which .gitignore
  // leaves to lint; each folder is named by its path below the given one.
  const budget = { entries: HOLDS_SOURCE_BUDGET };
  const skipped: string[] = [];
  let minified = false;
  const pending: Array<readonly [folder: string, depth: number]> = [[target, 0]];
  while (pending.length > 0 && budget.entries > 0) {
    const [folder, depth] = pending.shift() as readonly [string, number];
    for (const entry of entriesOf(folder)) {
      if (--budget.entries < 0) break;
      const full = path.join(folder, entry.name);
      const directory = isFolder(full, entry);
      if (gitignored.reason(full, directory) !== null) continue;
      if (directory && DEFAULT_IGNORED_DIRECTORIES.includes(entry.name)) {
        if (holdsSource(full, budget)) skipped.push(`${path.relative(target, full).split(path.sep).join('/')}/`);
      } else if (directory) {
        if (depth < 4 && !entry.isSymbolicLink()) pending.push([full, depth + 1]);
      } else if (isSourceFile(entry.name) && defaultIgnoreReason(full, cwd) !== null) {
        minified = true;
      }
    }
  }
  skipped.sort();
  if (minified) skipped.push('minified files');
  if (skipped.length === 0) return elsewhere;
  const named = skipped.length === 1 ? skipped[0] : `${skipped.slice(0, -1).join(', ')} and ${skipped.at(-1) ?? ''}`;
  const one = skipped.length === 1 && !minified;
  return (
    ` backend-perf skips ${named} by default (dependencies, vendored code, build output and minified files): ` +
    `${again} ${one ? 'it' : 'them'}.`
  );
}

/** How many folder entries `holdsSource` reads at most, in all, for one hint. */
const HOLDS_SOURCE_BUDGET = 20_000;

/** A folder's entries; none when it cannot be read. */
function entriesOf(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Whether a folder entry is a folder, or a link to one. */
function isFolder(full: string, entry: Dirent): boolean {
  return (
    entry.isDirectory() || (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isDirectory() === true)
  );
}

/**
 * Whether a folder holds a source file within a few levels (a `.git` folder holds none; a `dist` of code does),
 * reading at most `budget.entries` entries.
 */
function holdsSource(folder: string, budget: { entries: number }, depth = 4): boolean {
  const entries = entriesOf(folder);
  for (const entry of entries) {
    if (--budget.entries < 0) return false;
    // A link to a file counts, as ESLint and `collectSourceFiles` take it.
    const file =
      entry.isFile() ||
      (entry.isSymbolicLink() && statSync(path.join(folder, entry.name), { throwIfNoEntry: false })?.isFile() === true);
    if (file && isSourceFile(entry.name)) return true;
  }
  return (
    depth > 0 &&
    entries.some(
      (entry) =>
        isFolder(path.join(folder, entry.name), entry) && holdsSource(path.join(folder, entry.name), budget, depth - 1),
    )
  );
}

/**
 * One line for a run that failed. A rule or parser that calls an API this ESLint no longer has comes from the user's
 * config (an old plugin): say which, and what to do, instead of a stack trace.
 */
export function explainFailure(error: unknown, configLookup: boolean): string {
  if (!(error instanceof Error)) return String(error);
  // A config that does not load or validate: ESLint's message, its lines joined (the same line `migrate` prints).
  if (isConfigError(error)) return oneLine(error);
  const [first = error.message] = error.message.split('\n');
  const rule = /Rule: "([^"]+)"/u.exec(error.message)?.[1];
  const file = /Occurred while linting (.+)$/mu.exec(error.message)?.[1];
  const incompatible =
    error instanceof TypeError || /is not a function|Cannot read properties of undefined/u.test(first);
  if (configLookup && incompatible && (rule === undefined || !rule.startsWith('backend-perf/'))) {
    const culprit = rule ? `the rule "${rule}"` : 'a plugin or parser';
    return (
      `${culprit} of your ESLint config does not work with ESLint ${ESLint.version} ` +
      `(${first}${file ? `, while linting ${file}` : ''}). Upgrade it, or run with --no-config-lookup to check ` +
      `with backend-perf's rules alone.`
    );
  }
  // Any other failure: ESLint's message on one line, still naming the rule and the file, without a stack trace.
  const where = [rule ? `rule "${rule}"` : undefined, file ? `while linting ${file}` : undefined].filter(Boolean);
  return where.length > 0 ? `${oneLine(error)} (${where.join(', ')})` : oneLine(error);
}

/** Messages of parse errors that mean the project's TypeScript setup cannot parse any TypeScript file. */
const TYPESCRIPT_SETUP = /^Parsing error: (backend-perf: .*)$/u;

/** The one-line reason when no TypeScript file can be parsed here (TypeScript too old, parser not installed). */
export function setupProblem(report: CheckReport): string | undefined {
  for (const file of report.files) {
    for (const error of file.errors) {
      const match = TYPESCRIPT_SETUP.exec(error.message);
      if (match) return match[1].replace(/^backend-perf: /u, '');
    }
  }
  return undefined;
}
