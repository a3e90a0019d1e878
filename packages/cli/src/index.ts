import { check } from './commands/check.js';
import { list } from './commands/list.js';
import { migrate, type MigrateDependencies } from './commands/migrate.js';
import { ExitCode, UsageError, type CliIO, type ExitCodeValue } from './io.js';
import { version } from './version.js';

export { check, CHECK_HELP, findUserConfig, formatReport, parseCheckArgs, runCheck, type CheckOptions, type CheckFormat } from './commands/check.js';
export { list, listCodemods, listRules, formatList, type CodemodListing, type RuleListing } from './commands/list.js';
export {
  migrate,
  MIGRATE_HELP,
  parseMigrateArgs,
  runMigrate,
  type FileResult,
  type FileStatus,
  type MigrateDependencies,
  type MigrateOptions,
  type MigrateReport,
} from './commands/migrate.js';
export { migrateSource, type MigrationOutcome, type MigrationTask } from './migrate-runner.js';
export { buildESLintOptions, baseConfig, IGNORE_PATTERNS, PLUGIN_CONFIGS, type ESLintOptionsSpec, type PluginConfigName } from './eslint-options.js';
export { buildCheckReport, checkExitCode, type CheckReport, type CheckSummary, type FileError, type FileReport, type Finding, type RuleInfo } from './report.js';
export { formatJson, JSON_REPORT_VERSION } from './format/json.js';
export { formatSarif, SARIF_SCHEMA } from './format/sarif.js';
export { formatStylish } from './format/stylish.js';
export { collectSourceFiles, displayPath, parseShard, selectShard, type Shard } from './files.js';
export { findDirtyRepositories, runCommand, type CommandRunner, type DirtyRepository } from './git.js';
export { writeFileAtomic } from './write.js';
export { ExitCode, UsageError, type CliIO, type ExitCodeValue } from './io.js';
export { version };

export const HELP = `Usage: backend-perf <command> [options]

Find Node.js backend performance anti-patterns and migrate them.

Commands:
  check [paths...]                  lint with eslint-plugin-backend-perf
  migrate <codemod...|--all> [paths...]  run codemods over source files
  list                              list rules and codemods

Options:
  -h, --help      show help (also: backend-perf <command> --help)
  -v, --version   show the version

Docs: https://github.com/backend-perf/backend-perf/blob/main/docs/cli.md
`;

/** Runs the CLI with `args` (without node and script) and returns the exit code; never exits the process. */
export async function main(
  args: readonly string[],
  io: CliIO = {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  },
  dependencies: MigrateDependencies = {},
): Promise<ExitCodeValue> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'check':
        return await check(rest, io);
      case 'migrate':
        return await migrate(rest, io, dependencies);
      case 'list':
        return await list(rest, io);
      case '-v':
      case '--version':
        io.stdout(`${version}\n`);
        return ExitCode.Ok;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(HELP);
        return command === undefined ? ExitCode.Error : ExitCode.Ok;
      default:
        throw new UsageError(`unknown command "${command}"; expected check, migrate or list`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`backend-perf: ${(error as Error).message}\nRun "backend-perf ${command && !command.startsWith('-') ? `${command} ` : ''}--help" for usage.\n`);
      return ExitCode.Error;
    }
    io.stderr(`backend-perf: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return ExitCode.Error;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
