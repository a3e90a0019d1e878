export { HELP, main } from './main.js';

export {
  check,
  CHECK_HELP,
  findUserConfig,
  formatReport,
  parseCheckArgs,
  runCheck,
  type CheckOptions,
  type CheckFormat,
} from './commands/check.js';
export { list, listCodemods, listRules, formatList, type CodemodListing, type RuleListing } from './commands/list.js';
export {
  effectiveWorkers,
  formatSummary,
  migrate,
  MIGRATE_HELP,
  parseMigrateArgs,
  runMigrate,
  type FileResult,
  type FileStatus,
  type MigrateDependencies,
  type MigrateOptions,
  type MigrateReport,
  type RunStats,
} from './commands/migrate.js';
export {
  createInProcessExecutor,
  createPoolExecutor,
  defaultWorkerCount,
  DEFAULT_FILES_PER_WORKER,
  type MigrationExecutor,
  type PoolOptions,
} from './migrate-pool.js';
export { formatDuration, formatRate, ProgressBar, type ProgressTarget } from './progress.js';
export { migrateSource, type MigrationOutcome, type MigrationTask } from './migrate-runner.js';
export {
  loadESLintOptions,
  loadUserConfig,
  baseConfig,
  ignoreConfig,
  PLUGIN_CONFIGS,
  type ESLintOptionsSpec,
  type PluginConfigName,
} from './eslint-options.js';
export {
  buildCheckReport,
  checkExitCode,
  type CheckReport,
  type CheckSummary,
  type FileError,
  type FileReport,
  type Finding,
  type RuleInfo,
} from './report.js';
export { formatJson, JSON_REPORT_VERSION } from './format/json.js';
export { formatSarif, SARIF_SCHEMA } from './format/sarif.js';
export { formatStylish } from './format/stylish.js';
export { createIgnoreFilter, ignoresEntry, type IgnoreFilter, type IgnoreFilterOptions } from './ignores.js';
export { collectSourceFiles, displayPath, parseShard, selectShard, type Shard } from './files.js';
export { findDirtyRepositories, runCommand, type CommandRunner, type DirtyRepository } from './git.js';
export {
  createSource,
  decodeSource,
  encodeSource,
  readSource,
  writeFileAtomic,
  WriteRefusedError,
  writeSource,
  type SourceEncoding,
  type SourceSnapshot,
} from './write.js';
export { ExitCode, UsageError, type CliIO, type ExitCodeValue } from './io.js';
export { findOxlint, lintWithOxlint } from './oxlint.js';
export { version } from './version.js';
