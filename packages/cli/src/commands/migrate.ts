// The runner entry: metadata and helpers only. The codemods themselves load in the workers, and in this thread only
// when it migrates (one worker) or runs a multi-file codemod.
import {
  codemods,
  isSourceFile,
  multiFileCodemodNames,
  numberOptionProblem,
  withDependency,
  type CodemodMeta,
  type RefactorResult,
} from '@backend-perf/codemods/runner';
import { createTwoFilesPatch } from 'diff';
import type { ESLint } from 'eslint';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { parseCommandArgs } from '../args.js';
import { collectSourceFiles, displayPath, parseShard, selectShard, type Shard } from '../files.js';
import { findDirtyRepositories, repositoryRoot, runCommand, type CommandRunner } from '../git.js';
import { createIgnoreFilter } from '../ignores.js';
import { ExitCode, isConfigError, oneLine, UsageError, type CliIO, type ExitCodeValue } from '../io.js';
import {
  createInProcessExecutor,
  createPoolExecutor,
  defaultWorkerCount,
  type MigrationExecutor,
} from '../migrate-pool.js';
import type { MigrationOutcome, MigrationTask } from '../migrate-runner.js';
import { formatDuration, formatRate, ProgressBar } from '../progress.js';
import { didYouMean } from '@backend-perf/core/light';
import { createSource, readSource, WriteRefusedError, writeSource, type SourceSnapshot } from '../write.js';
import { isInside, WriteScope } from '../write-scope.js';
import { PLUGIN_CONFIGS, type PluginConfigName } from '../plugin-configs.js';
import { formatLikeProject, matchIndentation } from '../style.js';

export const MIGRATE_HELP = `Usage: backend-perf migrate <codemod...|--all> [options] [paths...]

Run codemods over the source files (.js .jsx .mjs .cjs .ts .tsx .mts .cts) under
the paths (default "."), skipping what .gitignore lists, dependencies' and
vendored code, build output and minified files, as check does.
Arguments that name a codemod select it; the others are paths.

Options:
  --all                    run every codemod of the enabled rules
  --dry                    print unified diffs, write nothing
  --print                  print each changed file's new source
  --force                  run even when the git work tree has uncommitted changes
  --json                   print a JSON report instead of text
  --quiet                  no progress and no summary (diffs and errors still print)
  --workers <n>            worker threads for the per-file codemods (default: ${defaultWorkerCount()},
                           the CPU count; 1 runs in this thread)
  --shard <i/n>            only migrate the i-th of n equal parts of the file list
  --config <name>          plugin config under yours, as for check: recommended
                           (default), strict, all; only what check reports with it
                           is migrated
  --strict                 shorthand for --config strict
  --no-config-lookup       ignore eslint.config.*; run the plugin config alone
  --no-default-ignores     also migrate dependencies' and vendored code, build
                           output and minified files (.gitignore still applies)
  --no-format              do not run the project's Prettier on changed files
  -h, --help               show this help

Codemod options (passed to the selected codemods that declare them):
${codemodOptionLines()}
Exit codes: 0 success (with or without changes), 1 some files failed,
2 usage error, unknown codemod, refused dirty work tree.
`;

/** The first sentence of an option's description, for the help's one line per option. */
function firstSentence(text: string): string {
  const end = text.search(/\.(?:\s|$)/u);
  return end === -1 ? text : text.slice(0, end + 1);
}

function optionLine(flag: string, description: string, indent: string): string {
  const width = 25 - indent.length;
  return `${indent}${flag.padEnd(width)}${flag.length >= width ? ' ' : ''}${description}`;
}

/**
 * Codemod options grouped per codemod; an option that several codemods declare (`--annotate`) is listed once, before
 * the groups, with the codemods that take it.
 */
function codemodOptionLines(): string {
  const takers = new Map<string, string[]>();
  for (const meta of codemods) {
    for (const name of Object.keys(meta.options)) takers.set(name, [...(takers.get(name) ?? []), meta.name]);
  }
  const flag = (name: string, type: string) => (type === 'boolean' ? `--${name}` : `--${name} <${type}>`);
  const lines: string[] = [];
  for (const [name, names] of takers) {
    if (names.length < 2) continue;
    const owner = codemods.find((meta) => meta.name === names[0]);
    if (!owner) continue;
    const spec = owner.options[name];
    const description =
      name === 'annotate'
        ? 'Leave a marked comment above reported sites that cannot be rewritten.'
        : firstSentence(spec.description);
    lines.push(optionLine(flag(name, spec.type), description, '  '));
    lines.push(`${' '.repeat(25)}(${names.join(', ')})`);
  }
  for (const meta of codemods) {
    const own = Object.entries(meta.options).filter(([name]) => (takers.get(name) ?? []).length < 2);
    if (own.length === 0) continue;
    lines.push(`  ${meta.name}:`);
    for (const [name, spec] of own)
      lines.push(optionLine(flag(name, spec.type), firstSentence(spec.description), '    '));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '  (none)\n';
}

export interface MigrateOptions {
  readonly codemods: readonly string[];
  readonly paths: readonly string[];
  readonly dry: boolean;
  readonly print: boolean;
  readonly force: boolean;
  readonly json: boolean;
  /** No progress, no summary. */
  readonly quiet: boolean;
  /** Worker threads for the per-file codemods; 1 runs them in this thread. */
  readonly workers: number;
  readonly configLookup: boolean;
  /** Skip dependencies' and vendored code, build output and minified files (`--no-default-ignores` turns it off). */
  readonly defaultIgnores?: boolean;
  /** The plugin config under the user's, as `check --config` takes it. */
  readonly pluginConfig: PluginConfigName;
  /** Format changed files with the project's own Prettier, when it has a config and Prettier installed. */
  readonly format: boolean;
  /** `--all`: every codemod of the enabled rules; codemods whose rules are off are left out without a word. */
  readonly all: boolean;
  readonly shard?: Shard;
  /** Codemod options by codemod name. */
  readonly codemodOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const OWN_OPTIONS = {
  all: { type: 'boolean' },
  dry: { type: 'boolean', default: false },
  print: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  workers: { type: 'string' },
  shard: { type: 'string' },
  'config-lookup': { type: 'boolean', default: true },
  'default-ignores': { type: 'boolean', default: true },
  config: { type: 'string' },
  strict: { type: 'boolean' },
  format: { type: 'boolean', default: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

function codemodOptionSpecs(): Record<string, { type: 'boolean' | 'string' }> {
  const specs: Record<string, { type: 'boolean' | 'string' }> = {};
  for (const meta of codemods) {
    for (const [name, spec] of Object.entries(meta.options)) {
      if (name in OWN_OPTIONS) throw new Error(`codemod ${meta.name} declares option --${name}, which the CLI owns`);
      specs[name] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
    }
  }
  return specs;
}

function convertOption(meta: CodemodMeta, name: string, raw: string | boolean): unknown {
  const spec = meta.options[name] as CodemodMeta['options'][string] | undefined;
  if (!spec || spec.type !== 'number' || typeof raw !== 'string') return raw;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  // A value the option does not allow is refused, never replaced by the default.
  const problem = numberOptionProblem(spec, value);
  if (problem) throw new UsageError(`--${name} ${problem.replace(/got .*$/u, `got "${raw}"`)}`);
  return value;
}

/** `--config` and `--strict`, read as `check` reads them. */
function pluginConfigOf(config: string | undefined, strict: boolean | undefined): PluginConfigName {
  if (config !== undefined && strict && config !== 'strict') {
    throw new UsageError(`--strict conflicts with --config ${config}`);
  }
  const name = config ?? (strict ? 'strict' : 'recommended');
  if (!(PLUGIN_CONFIGS as readonly string[]).includes(name)) {
    throw new UsageError(`unknown config "${name}"; expected one of ${PLUGIN_CONFIGS.join(', ')}`);
  }
  return name as PluginConfigName;
}

/**
 * Parses `migrate`'s arguments; `null` means help. Positionals that name a codemod select it; the rest are paths,
 * and one that is neither a codemod nor an existing path is an unknown codemod (usage error).
 */
export async function parseMigrateArgs(args: readonly string[], cwd: string): Promise<MigrateOptions | null> {
  const { values, positionals } = parseCommandArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    allowNegative: true,
    options: { ...OWN_OPTIONS, ...codemodOptionSpecs() },
  });
  if (values.help) return null;

  const selected: string[] = [];
  const paths: string[] = [];
  for (const positional of positionals) {
    if (codemods.some((meta) => meta.name === positional)) {
      if (!selected.includes(positional)) selected.push(positional);
      continue;
    }
    const exists = await fs.stat(path.resolve(cwd, positional)).then(
      () => true,
      () => false,
    );
    if (!exists) {
      throw new UsageError(
        `"${positional}" is neither a codemod nor an existing path.${didYouMean(
          positional,
          codemods.map((meta) => meta.name),
        )} Codemods: ${codemods.map((meta) => meta.name).join(', ')} (see backend-perf list).`,
      );
    }
    paths.push(positional);
  }
  if (values.all) {
    for (const meta of codemods) if (!selected.includes(meta.name)) selected.push(meta.name);
  }
  if (selected.length === 0) {
    throw new UsageError(
      `name at least one codemod or pass --all. Codemods: ${codemods.map((meta) => meta.name).join(', ')}`,
    );
  }

  const record = values as Record<string, string | boolean | undefined>;
  const codemodOptions: Record<string, Record<string, unknown>> = {};
  for (const name of Object.keys(codemodOptionSpecs())) {
    const raw = record[name];
    if (raw === undefined) continue;
    const takers = codemods.filter((meta) => selected.includes(meta.name) && name in meta.options);
    if (takers.length === 0) throw new UsageError(`--${name} is not an option of ${selected.join(', ')}`);
    for (const meta of takers) {
      codemodOptions[meta.name] = { ...codemodOptions[meta.name], [name]: convertOption(meta, name, raw) };
    }
  }

  let workers = defaultWorkerCount();
  if (values.workers !== undefined) {
    const text = values.workers.trim();
    workers = /^\d+$/u.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(workers) || workers < 1)
      throw new UsageError(`--workers expects a whole number >= 1, got "${values.workers}"`);
  }

  return {
    codemods: selected,
    paths: paths.length > 0 ? paths : ['.'],
    dry: values.dry,
    print: values.print,
    force: values.force,
    json: values.json,
    quiet: values.quiet,
    workers,
    configLookup: values['config-lookup'],
    ...(values['default-ignores'] ? {} : { defaultIgnores: false }),
    pluginConfig: pluginConfigOf(values.config, values.strict),
    format: values.format,
    all: values.all === true,
    ...(values.shard !== undefined ? { shard: parseShard(values.shard) } : {}),
    codemodOptions,
  };
}

export type FileStatus = 'changed' | 'unchanged' | 'failed' | 'skipped';

export interface FileResult {
  /** Relative to the working directory, forward slashes. */
  readonly path: string;
  readonly status: FileStatus;
  /** What the codemods flagged for a person (`api.report`). */
  readonly reports: readonly string[];
  /** Why the file failed or was skipped. */
  readonly reason?: string;
  /** The unified diff, with `--dry`. */
  readonly diff?: string;
  /** For a changed file: the codemods that changed it, in the order they ran. */
  readonly codemods?: readonly string[];
  /** The file did not exist: a multi-file codemod creates it (a shared module, a worker module). */
  readonly created?: boolean;
}

export interface MigrateReport {
  readonly version: 1;
  readonly codemods: readonly string[];
  readonly dry: boolean;
  readonly shard: string | null;
  /** Codemods named on the command line whose rules the configuration enables for none of the files. */
  readonly notEnabled: readonly NotEnabled[];
  /** The manifests that got dependencies (or would, with `--dry`), with the command that installs them. */
  readonly install: readonly Install[];
  readonly files: readonly FileResult[];
  readonly totals: Readonly<Record<FileStatus, number>> & { readonly files: number; readonly reports: number };
}

/** What the configuration says about one file: ignored, or the settings and the plugin rules it enables. */
type FileConfig =
  | { readonly ignored: true }
  | {
      readonly ignored: false;
      readonly settings?: Record<string, unknown>;
      /** The plugin's rules enabled for the file (name without prefix), with their options. */
      readonly rules: Readonly<Record<string, readonly unknown[]>>;
    };

/** Resolves the configuration per file exactly as `check` does: the user's ESLint config over the plugin config. */
interface ConfigSource {
  readonly configFor: (file: string) => Promise<FileConfig>;
  /** The user's `eslint.config.*`, when one is used. */
  readonly userConfigFile: string | undefined;
}

const PLUGIN_PREFIX = 'backend-perf/';

/** The plugin rules a calculated config enables, with their options: `{ "no-sync-io": [{ ... }] }`. */
function enabledPluginRules(rules: Record<string, unknown> | undefined): Record<string, readonly unknown[]> {
  const enabled: Record<string, readonly unknown[]> = {};
  for (const [id, entry] of Object.entries(rules ?? {})) {
    if (!id.startsWith(PLUGIN_PREFIX)) continue;
    const [severity, ...options] = Array.isArray(entry) ? (entry as unknown[]) : [entry];
    if (severity === 0 || severity === 'off') continue;
    enabled[id.slice(PLUGIN_PREFIX.length)] = options;
  }
  return enabled;
}

async function createConfigSource(cwd: string, options: MigrateOptions): Promise<ConfigSource> {
  // Loaded here, not with the command: ESLint's Node API and the plugin config (which loads the parsers) serve only
  // this lookup.
  const [{ ESLint: ESLintClass }, { loadESLintOptions }, { readSettings }] = await Promise.all([
    import('eslint'),
    import('../eslint-options.js'),
    import('@backend-perf/core'),
  ]);
  const userConfigFile = options.configLookup ? await new ESLintClass({ cwd }).findConfigFile() : undefined;
  // The configuration `check` lints with (the base config, the plugin config, then the user's), so that migrate
  // accepts and refuses exactly the configs check does, and selects the sites check reports.
  const eslint: ESLint = new ESLintClass(
    await loadESLintOptions({
      cwd,
      ...(userConfigFile !== undefined ? { userConfigFile } : {}),
      pluginConfig: options.pluginConfig,
      ...((options.defaultIgnores ?? true) ? {} : { defaultIgnores: false }),
    }),
  );
  const checked = new WeakSet<object>();
  return {
    userConfigFile,
    async configFor(file) {
      if (await eslint.isPathIgnored(file)) return { ignored: true };
      const config = (await eslint.calculateConfigForFile(file)) as
        { settings?: Record<string, unknown>; rules?: Record<string, unknown> } | undefined;
      // "No config" for a file means "ignored by the user".
      if (!config) return { ignored: true };
      const settings = config.settings;
      if (settings && userConfigFile !== undefined && !checked.has(settings)) {
        // Settings the rules cannot read would fail every file alike: one usage error instead.
        try {
          readSettings(settings);
        } catch (error) {
          throw new UsageError(`${displayPath(cwd, userConfigFile)}: ${(error as Error).message}`);
        }
        checked.add(settings);
      }
      return {
        ignored: false,
        rules: enabledPluginRules(config.rules),
        ...(settings && Object.keys(settings).length > 0 ? { settings } : {}),
      };
    },
  };
}

/** Dependencies the rewritten code needs, added to a manifest: run `command` before running the code. */
export interface Install {
  /** The `package.json`, relative to the working directory. */
  readonly manifest: string;
  /** `name@range` of each added dependency. */
  readonly dependencies: readonly string[];
  readonly command: string;
}

/** The dependencies `after` declares and `before` did not (`name@range`), in any dependency section. */
function addedDependencies(before: string | null, after: string): string[] {
  const sections = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
  const declared = (text: string | null): Record<string, string> => {
    try {
      const json = JSON.parse(text ?? '{}') as Record<string, Record<string, string> | undefined>;
      return Object.assign({}, ...sections.map((section) => json[section] ?? {})) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const old = declared(before);
  return Object.entries(declared(after))
    .filter(([name]) => !Object.hasOwn(old, name))
    .map(([name, range]) => `${name}@${range}`);
}

/** The lockfiles that tell which package manager a project installs with, in the order they are looked for. */
const LOCKFILES: readonly (readonly [string, string])[] = [
  ['pnpm-lock.yaml', 'pnpm install'],
  ['yarn.lock', 'yarn install'],
  ['bun.lockb', 'bun install'],
  ['bun.lock', 'bun install'],
  ['package-lock.json', 'npm install'],
];

/**
 * The command that installs what a manifest declares: the package manager of the nearest lockfile above it (npm
 * without one), run in the manifest's folder (`cd <folder> && ...` when that is not the working directory).
 */
function installCommand(cwd: string, manifest: string): string {
  let command = 'npm install';
  search: for (let dir = path.dirname(manifest); ; dir = path.dirname(dir)) {
    for (const [lockfile, install] of LOCKFILES) {
      if (existsSync(path.join(dir, lockfile))) {
        command = install;
        break search;
      }
    }
    if (path.dirname(dir) === dir) break;
  }
  const folder = displayPath(cwd, path.dirname(manifest));
  return folder === '.' || folder === '' ? command : `cd ${folder} && ${command}`;
}

/** A codemod named on the command line whose rules the configuration enables for none of the files. */
export interface NotEnabled {
  readonly codemod: string;
  readonly rules: readonly string[];
  /** How to enable them: the `--config` flag, or the line to add to the user's config. */
  readonly enable: string;
}

/** How to enable a codemod's rules that are off for every file: a bigger `--config`, else a line in the config. */
async function enablingHint(
  meta: CodemodMeta,
  pluginConfig: PluginConfigName,
  userConfigFile: string | undefined,
  cwd: string,
): Promise<string> {
  const { default: plugin } = await import('eslint-plugin-backend-perf');
  // Each config is a list of flat-config objects; the rules are in one of them.
  const inConfig = (name: PluginConfigName, rule: string): boolean =>
    ([plugin.configs[name]].flat() as { rules?: Record<string, unknown> }[]).some((config) =>
      Object.hasOwn(config.rules ?? {}, `${PLUGIN_PREFIX}${rule}`),
    );
  const smallest = PLUGIN_CONFIGS.find((name) => meta.rules.some((rule) => inConfig(name, rule)));
  if (smallest && !meta.rules.some((rule) => inConfig(pluginConfig, rule))) {
    return `pass --config ${smallest} (to check and migrate alike)`;
  }
  const where = userConfigFile ? displayPath(cwd, userConfigFile) : 'eslint.config.js';
  const lines = meta.rules.map((rule) => `'${PLUGIN_PREFIX}${rule}': 'error'`).join(', ');
  return `turn ${meta.rules.length === 1 ? 'it' : 'them'} on in ${where} (rules: { ${lines} })`;
}

export interface MigrateDependencies {
  /** Runs git; replaced in tests. */
  readonly run?: CommandRunner;
  /** Runs the per-file codemods; by default a worker pool for `--workers` > 1 and more than one file. */
  readonly createExecutor?: (workers: number) => MigrationExecutor;
  /** Milliseconds, for the progress bar and the summary; replaced in tests. */
  readonly now?: () => number;
}

/** How many threads migrate the files: a single file, or `--workers 1`, runs in this thread without a pool. */
export function effectiveWorkers(options: Pick<MigrateOptions, 'workers'>, files: number): number {
  return Math.max(1, Math.min(options.workers, files));
}

function relativeDiff(cwd: string, file: string, before: string, after: string): string {
  const name = displayPath(cwd, file);
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
}

/**
 * Why a multi-file codemod's changes cannot be kept, or `null`: a change that does not parse with the parser that
 * read the file (a manifest that is not JSON), a source file outside the paths the run was given, or a manifest
 * outside the repository or of no package that a change touches.
 */
async function refactorProblem(result: RefactorResult, cwd: string, scope: WriteScope): Promise<string | null> {
  const { outputProblem } = await import('@backend-perf/codemods');
  const changed = result.changes
    .filter((change) => change.after !== change.before)
    .map((change) => ({ ...change, path: path.resolve(cwd, change.path) }));
  const planned = new Set(changed.map((change) => change.path));
  const manifestOf = (file: string): string | null => {
    for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
      const candidate = path.join(folder, 'package.json');
      if (planned.has(candidate) || existsSync(candidate)) return candidate;
      if (path.dirname(folder) === folder) return null;
    }
  };
  for (const change of changed) {
    const name = displayPath(cwd, change.path);
    if (path.basename(change.path) === 'package.json') {
      try {
        JSON.parse(change.after);
      } catch (error) {
        return `its ${name} is not valid JSON (${(error as Error).message})`;
      }
      const repository = await scope.repository();
      if (!isInside(repository, change.path)) {
        return `it would change ${name}, outside the ${repository === cwd ? 'working directory' : 'git repository'}`;
      }
      if (!changed.some((other) => other.path !== change.path && manifestOf(other.path) === change.path)) {
        return `it would change ${name}, which is the manifest of none of the files it changes`;
      }
      continue;
    }
    if (!scope.inPaths(change.path)) {
      const where = isInside(cwd, change.path)
        ? 'outside the paths given to migrate (pass that folder too)'
        : 'outside the working directory';
      return `it would ${change.before === null ? 'create' : 'change'} ${name}, ${where}`;
    }
    if (isSourceFile(change.path)) {
      const problem = outputProblem(change.path, change.before ?? change.after, change.after);
      if (problem)
        return `its output for ${name} does not parse (${problem.line}:${problem.column}: ${problem.message})`;
    }
  }
  return null;
}

/** Migrates the files and returns the report; writes files unless `dry`. Throws `UsageError` for refusals. */
export async function runMigrate(
  io: CliIO,
  options: MigrateOptions,
  dependencies: MigrateDependencies = {},
): Promise<MigrateReport> {
  const writes = !options.dry;
  if (writes && !options.force) {
    const dirty = await findDirtyRepositories(io.cwd, options.paths, dependencies.run ?? runCommand);
    if (dirty.length > 0) {
      const details = dirty
        .map(
          (repo) =>
            `  ${repo.root}\n${repo.changes
              .slice(0, 10)
              .map((line) => `    ${line}`)
              .join('\n')}`,
        )
        .join('\n');
      throw new UsageError(
        `refusing to migrate: the git work tree has uncommitted changes:\n${details}\n` +
          `Commit or stash them first, run with --dry to preview, or pass --force.`,
      );
    }
  }

  const ignoredByName: FileResult[] = [];
  const allFiles = await collectSourceFiles(
    io.cwd,
    options.paths,
    createIgnoreFilter(io.cwd, { defaults: options.defaultIgnores ?? true }),
    ({ file, reason }) =>
      ignoredByName.push({
        path: displayPath(io.cwd, file),
        status: 'skipped',
        reports: [],
        reason: `ignored: ${reason}`,
      }),
  );
  const files = selectShard(allFiles, options.shard);
  const shardText = options.shard ? `${options.shard.index}/${options.shard.count}` : null;
  const chatty = !options.json && !options.quiet;
  if (chatty) {
    io.stderr(
      `Running ${options.codemods.join(', ')} on ${files.length} file${files.length === 1 ? '' : 's'}` +
        `${shardText ? ` (shard ${shardText} of ${allFiles.length} files)` : ''}${options.dry ? ' (dry run)' : ''}\n`,
    );
  }

  // Per-file transforms run first, on a worker pool (or in this thread), on the files' texts in memory; multi-file
  // codemods (`runRefactor`) then run once over the whole set in this thread and read the in-memory texts, so every
  // codemod sees the previous ones' output, also in a dry run. The pool also lints each file once for the
  // multi-file codemods' rules, which then look for sites only in the files where those report.
  const perFile = options.codemods.filter((name) => !multiFileCodemodNames.includes(name));
  const refactors = options.codemods.filter((name) => multiFileCodemodNames.includes(name));
  const originals = new Map<string, string | null>();
  const current = new Map<string, string>();
  // What was read of every file a change may be written to: the disk must still hold it when the change is written.
  const snapshots = new Map<string, SourceSnapshot>();
  const scope = new WriteScope(io.cwd, options.paths, () => repositoryRoot(io.cwd, dependencies.run ?? runCommand));
  /** A file's text for the multi-file codemods and the manifests: the run's version, else the disk's (remembered). */
  const readTracked = (file: string): string | undefined => {
    const known = current.get(file) ?? snapshots.get(file)?.text;
    if (known !== undefined) return known;
    try {
      const snapshot = readSource(file);
      snapshots.set(file, snapshot);
      return snapshot.text;
    } catch {
      return undefined;
    }
  };
  const reports = new Map<string, string[]>();
  const failed = new Map<string, string>();
  const changedBy = new Map<string, string[]>();
  const candidates = new Map<string, string[]>(refactors.map((name) => [name, []]));
  const order: string[] = [];
  const skipped: FileResult[] = [...ignoredByName];
  let refactorSettings: Record<string, unknown> | undefined;
  // The rules enabled in any file, for the multi-file codemods, which look for sites only in the files where the
  // detection pass (with each file's own rules) found some.
  const refactorRules: Record<string, readonly unknown[]> = {};
  const enabledCodemods = new Set<string>();
  const addReports = (file: string, messages: readonly string[]) => {
    if (messages.length > 0) reports.set(file, [...(reports.get(file) ?? []), ...messages]);
  };
  const addChangedBy = (file: string, names: readonly string[]) => {
    const list = changedBy.get(file) ?? [];
    for (const name of names) if (!list.includes(name)) list.push(name);
    changedBy.set(file, list);
  };

  // The pool starts first, so that its workers load the codemods while this thread reads the user's ESLint config.
  const workers = effectiveWorkers(options, files.length);
  let executor: MigrationExecutor | undefined;
  if (options.codemods.length > 0 && files.length > 0) {
    executor =
      dependencies.createExecutor?.(workers) ??
      (workers > 1 ? createPoolExecutor({ workers }) : createInProcessExecutor());
  }
  let configSource: ConfigSource;
  try {
    configSource = await createConfigSource(io.cwd, options);
  } catch (error) {
    await executor?.close();
    throw error;
  }
  // The multi-file codemods run in this thread once the per-file ones are done; they load while the workers migrate.
  const multiFileCodemods =
    refactors.length > 0 && files.length > 0
      ? import('@backend-perf/codemods').then((module) => module.refactorsByName)
      : undefined;
  multiFileCodemods?.catch(() => {}); // awaited (and its failure reported) below
  const bar =
    chatty && io.stderrIsTTY && files.length > 0
      ? new ProgressBar(
          {
            write: io.stderr,
            ...(io.stderrColumns ? { columns: io.stderrColumns } : {}),
            ...(dependencies.now ? { now: dependencies.now } : {}),
          },
          files.length,
        )
      : undefined;

  // Outcomes arrive in any order; they are applied below in the sorted file order, so output is deterministic.
  const outcomes = new Map<string, MigrationOutcome>();
  const running: Promise<void>[] = [];
  try {
    // One file at a time on purpose: `executor.submit` waits while the pool is full, so texts are read only as fast as
    // they are migrated and memory stays bounded; the files' migrations themselves run in parallel on the pool.
    for (const file of files) {
      const name = displayPath(io.cwd, file);
      // As `check` does: files outside the working directory (the codemods' linter works relative to it, and nothing
      // outside it is written), also when given by name. (The ignores, the same as check's, are applied above.)
      if (!isInside(io.cwd, file)) {
        skipped.push({ path: name, status: 'skipped', reports: [], reason: 'outside the working directory' });
        bar?.tick();
        continue;
      }
      const configured = await configSource.configFor(file);
      if (configured.ignored) {
        skipped.push({ path: name, status: 'skipped', reports: [], reason: 'ignored by the ESLint config' });
        bar?.tick();
        continue;
      }
      let snapshot: SourceSnapshot;
      try {
        // A synchronous read: a source file takes a fraction of a millisecond to read, while the promise API's open,
        // stat, read and close each wait for a turn of the event loop, which the migration in this thread (with
        // `--workers 1`) holds (docs/benchmarks.md, "Codemods").
        snapshot = readSource(file);
      } catch (error) {
        skipped.push({ path: name, status: 'failed', reports: [], reason: `cannot read: ${(error as Error).message}` });
        bar?.tick();
        continue;
      }
      const refusal = scope.refuseSource(file, snapshot);
      if (refusal) {
        skipped.push({ path: name, status: 'skipped', reports: [], reason: refusal });
        bar?.tick();
        continue;
      }
      const source = snapshot.text;
      snapshots.set(file, snapshot);
      order.push(file);
      originals.set(file, source);
      current.set(file, source);
      refactorSettings ??= configured.settings;
      for (const [rule, ruleOptions] of Object.entries(configured.rules)) {
        if (!Object.hasOwn(refactorRules, rule)) refactorRules[rule] = ruleOptions;
      }
      for (const meta of codemods) {
        if (meta.rules.some((rule) => Object.hasOwn(configured.rules, rule))) enabledCodemods.add(meta.name);
      }
      if (!executor) {
        bar?.tick();
        continue;
      }
      const task: MigrationTask = {
        file,
        source,
        codemods: perFile,
        refactors,
        options: options.codemodOptions,
        cwd: io.cwd,
        ...(options.dry ? { dry: true } : {}),
        ...(configured.settings ? { settings: configured.settings } : {}),
        rules: configured.rules,
      };
      const { outcome } = await executor.submit(task);
      running.push(
        outcome
          .catch((error: unknown): MigrationOutcome => ({
            status: 'failed',
            error: `worker failed: ${error instanceof Error ? error.message : String(error)}`,
            reports: [],
          }))
          .then((result) => {
            outcomes.set(file, result);
            bar?.tick();
          }),
      );
    }
    await Promise.all(running);
  } finally {
    await executor?.close();
    bar?.clear();
  }

  for (const file of order) {
    const outcome = outcomes.get(file);
    if (!outcome) continue;
    addReports(file, outcome.reports);
    if (outcome.status !== 'failed') for (const name of outcome.refactorSites) candidates.get(name)?.push(file);
    if (outcome.status === 'failed') {
      failed.set(file, outcome.error);
      if (!options.json) io.stderr(`${displayPath(io.cwd, file)}: ${outcome.error}\n`);
    } else if (outcome.status === 'changed') {
      current.set(file, outcome.output);
      addChangedBy(file, outcome.changedBy);
    }
  }
  // Dependencies the per-file codemods' outputs need: added here, in file order, to the manifests' texts in memory
  // (workers never write a manifest, so two of them cannot race on one), and written or shown like any change.
  const requests = order.flatMap((file) => {
    const outcome = outcomes.get(file);
    return outcome?.status === 'changed' ? outcome.dependencies.map((request) => ({ file, request })) : [];
  });
  const manifests = [...new Set(requests.map(({ request }) => request.manifest))].filter(
    (manifest) => !current.has(manifest),
  );
  const boundary = manifests.length > 0 ? await scope.repository() : io.cwd;
  for (const manifest of manifests) {
    if (!isInside(boundary, manifest)) continue;
    const text = readTracked(manifest);
    if (text === undefined) continue;
    originals.set(manifest, text);
    current.set(manifest, text);
    order.push(manifest);
  }
  for (const { file, request } of requests) {
    const manifest = request.manifest;
    let updated: string | null;
    try {
      if (!isInside(boundary, manifest)) {
        throw new Error(
          `it is outside the ${boundary === io.cwd ? 'working directory' : 'git repository'}; add it yourself`,
        );
      }
      const text = current.get(manifest);
      if (text === undefined) throw new Error('it cannot be read');
      updated = withDependency(text, request.name, request.range);
    } catch (error) {
      addReports(file, [
        `cannot add ${request.name}@${request.range} to ${displayPath(io.cwd, manifest)}: ${(error as Error).message}`,
      ]);
      continue;
    }
    if (updated === null) continue;
    current.set(manifest, updated);
    addChangedBy(manifest, [request.codemod]);
  }
  const eligible = order.filter((file) => !failed.has(file) && isSourceFile(file));

  const runFailures: string[] = [];
  for (const name of refactors) {
    if (eligible.length === 0) break;
    let result: RefactorResult;
    try {
      const module = (await multiFileCodemods)?.[name];
      if (!module) throw new Error('the codemods package has no multi-file codemod of that name');
      result = module.runRefactor({
        files: eligible,
        cwd: io.cwd,
        dry: true,
        options: {
          ...options.codemodOptions[name],
          ...(refactorSettings ? { settings: refactorSettings } : {}),
          rules: refactorRules,
        },
        readFile: readTracked,
        candidates: candidates.get(name) ?? [],
      });
    } catch (error) {
      const reason = `${name} failed: ${(error as Error).message}`;
      runFailures.push(reason);
      if (!options.json) io.stderr(`${reason}\n`);
      continue;
    }
    // A multi-file codemod's changes go together (a changed file imports the module it creates): all of them are
    // kept, or none when one would not parse or would land outside what the run may write.
    const problem = await refactorProblem(result, io.cwd, scope);
    if (problem) {
      const reason = `${name} failed: ${problem}; none of its changes are written`;
      runFailures.push(reason);
      if (!options.json) io.stderr(`${reason}\n`);
      continue;
    }
    for (const change of result.changes) {
      const absolute = path.resolve(io.cwd, change.path);
      if (!originals.has(absolute)) {
        // Not in the per-file set: the refactor read it from disk, so its `before` is the file as it is.
        originals.set(absolute, change.before);
        order.push(absolute);
      }
      if (current.get(absolute) !== change.after) addChangedBy(absolute, [name]);
      current.set(absolute, change.after);
    }
    for (const message of result.reports) {
      const target = order.find((file) => message.startsWith(file) || message.startsWith(displayPath(io.cwd, file)));
      addReports(target ?? io.cwd, [message]);
    }
  }

  const results: FileResult[] = [...skipped];

  const install: Install[] = [];
  for (const file of order) {
    const name = displayPath(io.cwd, file);
    // Transforms see absolute paths (as ESLint does); reports are shown relative like everything else.
    const fileReports = (reports.get(file) ?? []).map((message) =>
      message.startsWith(file) ? `${name}${message.slice(file.length)}` : message,
    );
    const error = failed.get(file);
    if (error !== undefined) {
      results.push({ path: name, status: 'failed', reports: fileReports, reason: error });
      continue;
    }
    const before = originals.get(file) ?? null;
    let after = current.get(file) ?? before ?? '';
    if (before !== after && isSourceFile(file)) {
      // The file's own style: inserted lines in its indentation unit, then the project's own Prettier (when it has
      // a config and Prettier installed, and the file was formatted before).
      if (before !== null) after = matchIndentation(before, after);
      if (options.format) after = await formatLikeProject(io.cwd, file, before, after);
    }
    if (before === after) {
      changedBy.delete(file);
      results.push({ path: name, status: 'unchanged', reports: fileReports });
      continue;
    }
    const diff = options.dry ? relativeDiff(io.cwd, file, before ?? '', after) : undefined;
    if (!options.json) {
      if (diff !== undefined) io.stdout(diff);
      if (options.print) io.stdout(after.endsWith('\n') ? after : `${after}\n`);
    }
    if (writes) {
      try {
        const snapshot = snapshots.get(file);
        if (before === null) await createSource(file, after);
        else if (!snapshot) throw new Error('it was not read by this run');
        else await writeSource(snapshot, after);
      } catch (error) {
        const reason = error instanceof WriteRefusedError ? error.message : `cannot write: ${(error as Error).message}`;
        results.push({ path: name, status: 'failed', reports: fileReports, reason });
        if (!options.json) io.stderr(`${name}: ${reason}\n`);
        continue;
      }
    }
    if (path.basename(file) === 'package.json') {
      const added = addedDependencies(before, after);
      if (added.length > 0)
        install.push({ manifest: name, dependencies: added, command: installCommand(io.cwd, file) });
    }
    results.push({
      path: name,
      status: 'changed',
      reports: fileReports,
      ...(diff !== undefined ? { diff } : {}),
      ...(changedBy.has(file) ? { codemods: changedBy.get(file) } : {}),
      ...(before === null ? { created: true } : {}),
    });
  }
  const runReports = reports.get(io.cwd) ?? [];
  for (const reason of runFailures) results.push({ path: '.', status: 'failed', reports: [], reason });
  if (runReports.length > 0) results.push({ path: '.', status: 'unchanged', reports: runReports });

  const count = (status: FileStatus) => results.filter((result) => result.status === status).length;
  // A codemod runs only where its rules are enabled: one named on the command line that is enabled nowhere is said
  // so, with how to enable it; `--all` means the codemods of the enabled rules.
  const notEnabled: NotEnabled[] = [];
  if (order.length > 0) {
    for (const name of options.codemods) {
      const meta = codemods.find((candidate) => candidate.name === name);
      if (!meta || enabledCodemods.has(name) || options.all) continue;
      notEnabled.push({
        codemod: name,
        rules: meta.rules,
        enable: await enablingHint(meta, options.pluginConfig, configSource.userConfigFile, io.cwd),
      });
    }
  }
  return {
    version: 1,
    codemods: order.length > 0 ? options.codemods.filter((name) => enabledCodemods.has(name)) : options.codemods,
    dry: options.dry,
    shard: shardText,
    notEnabled,
    install,
    files: results,
    totals: {
      files: results.length,
      changed: count('changed'),
      unchanged: count('unchanged'),
      failed: count('failed'),
      skipped: count('skipped'),
      reports: results.reduce((sum, result) => sum + result.reports.length, 0),
    },
  };
}

/** How the run went, for the summary table. */
export interface RunStats {
  readonly elapsedMs: number;
  /** Threads that ran the per-file codemods. */
  readonly workers: number;
}

function table(rows: readonly (readonly [string, string])[]): string[] {
  const left = Math.max(...rows.map(([label]) => label.length));
  const right = Math.max(...rows.map(([, value]) => value.length));
  return rows.map(([label, value]) => `  ${label.padEnd(left)}  ${value.padStart(right)}`);
}

/** One line per codemod named on the command line whose rules are not enabled, with how to enable them. */
export function notEnabledLines(report: Pick<MigrateReport, 'notEnabled'>): string[] {
  return report.notEnabled.map(({ codemod, rules, enable }) => {
    const names = rules.map((rule) => `backend-perf/${rule}`).join(', ');
    const one = rules.length === 1;
    return (
      `${codemod} changed nothing: ${one ? 'its rule' : 'its rules'} ${names} ${one ? 'is' : 'are'} not enabled by ` +
      `the configuration, so check reports no site for it; ${enable}.`
    );
  });
}

/**
 * What the codemods left for review, then a table (files by status, files changed by each codemod, reports, time,
 * throughput), then the one-line total.
 */
export function formatSummary(report: MigrateReport, stats?: RunStats): string {
  const lines: string[] = notEnabledLines(report);
  const reported = report.files.filter((file) => file.reports.length > 0);
  if (reported.length > 0) {
    lines.push('Left for review:');
    for (const file of reported) for (const message of file.reports) lines.push(`  ${message}`);
  }
  for (const { manifest, dependencies, command } of report.install) {
    if (lines.length > 0) lines.push('');
    lines.push(
      `${report.dry ? 'Would add' : 'Added'} ${dependencies.join(', ')} to ${manifest}: run \`${command}\` ` +
        `before running the code.`,
    );
  }
  const { totals } = report;
  const verb = report.dry ? 'would change' : 'changed';
  if (stats) {
    const byCodemod = new Map(report.codemods.map((name) => [name, 0]));
    for (const file of report.files)
      for (const name of file.codemods ?? []) byCodemod.set(name, (byCodemod.get(name) ?? 0) + 1);
    const processed = totals.changed + totals.unchanged + totals.failed + totals.skipped;
    const elapsed = formatDuration(stats.elapsedMs).replace(/^0s$/u, `${Math.round(stats.elapsedMs)}ms`);
    if (lines.length > 0) lines.push('');
    lines.push('Files:');
    lines.push(
      ...table([
        [verb, String(totals.changed)],
        ['unchanged', String(totals.unchanged)],
        ['failed', String(totals.failed)],
        ['skipped', String(totals.skipped)],
        ['reports', String(totals.reports)],
      ]),
    );
    // Why files were skipped, so that a run that skips everything (a package whose config ignores its build output)
    // does not leave the reader guessing.
    const reasons = new Map<string, number>();
    for (const file of report.files)
      if (file.status === 'skipped' && file.reason) reasons.set(file.reason, (reasons.get(file.reason) ?? 0) + 1);
    for (const [reason, count] of reasons) {
      const hint =
        reason === 'ignored by the ESLint config'
          ? ' (its `ignores`; --no-config-lookup migrates them anyway)'
          : reason.startsWith('ignored: ') && reason !== 'ignored: ignored by .gitignore'
            ? ' (--no-default-ignores migrates them)'
            : '';
      lines.push(`  skipped: ${count} ${reason}${hint}`);
    }
    lines.push(`Files ${report.dry ? 'each codemod would change' : 'each codemod changed'}:`);
    lines.push(...table([...byCodemod].map(([name, count]): [string, string] => [name, String(count)])));
    lines.push(
      `Time: ${elapsed}, ${formatRate(processed, stats.elapsedMs)} files/s, ${stats.workers} ` +
        `worker${stats.workers === 1 ? '' : 's'}.`,
    );
  }
  const parts = [`${totals.changed} ${verb}`, `${totals.unchanged} unchanged`, `${totals.failed} failed`];
  if (totals.skipped > 0) parts.push(`${totals.skipped} skipped`);
  parts.push(`${totals.reports} report${totals.reports === 1 ? '' : 's'}`);
  lines.push(`${parts.join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

export async function migrate(
  args: readonly string[],
  io: CliIO,
  dependencies: MigrateDependencies = {},
): Promise<ExitCodeValue> {
  const options = await parseMigrateArgs(args, io.cwd);
  if (!options) {
    io.stdout(MIGRATE_HELP);
    return ExitCode.Ok;
  }
  const now = dependencies.now ?? (() => performance.now());
  const started = now();
  let report: MigrateReport;
  try {
    report = await runMigrate(io, options, dependencies);
  } catch (error) {
    if (error instanceof UsageError || !isConfigError(error)) throw error;
    // The user's ESLint config does not load or is not valid: the same one line as `check` prints.
    io.stderr(`backend-perf migrate: ${oneLine(error)}\n`);
    return ExitCode.Error;
  }
  if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (options.quiet) {
    for (const line of notEnabledLines(report)) io.stderr(`${line}\n`);
  } else {
    // Every file goes through the pool (its per-file codemods, and the detection for the multi-file ones).
    const given = report.files.filter((file) => file.path !== '.' && file.created !== true).length;
    const workers = effectiveWorkers(options, given);
    io.stderr(formatSummary(report, { elapsedMs: now() - started, workers }));
  }
  return report.totals.failed > 0 ? ExitCode.Findings : ExitCode.Ok;
}
