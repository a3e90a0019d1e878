import type { MigrateDependencies } from './commands/migrate.js';
import { ExitCode, UsageError, type CliIO, type ExitCodeValue } from './io.js';
import { didYouMean } from '@backend-perf/core/light';
import { version } from './version.js';

const COMMANDS = ['check', 'migrate', 'list'];

export const HELP = `Usage: backend-perf <command> [options]

Find Node.js backend performance anti-patterns and migrate them.

Commands:
  check [paths...]                       lint with eslint-plugin-backend-perf
  migrate <codemod...|--all> [paths...]  run codemods over source files
  list                                   list rules and codemods

Options:
  -h, --help                             show help (also: backend-perf <command> --help)
  -v, --version                          show the version

Docs: https://github.com/backend-perf/backend-perf/blob/main/docs/cli.md
`;

/** Whether a stream is a terminal: Node sets `isTTY` only on terminal streams, though its types declare it always. */
function isTerminal(stream: { readonly isTTY?: boolean }): boolean {
  return stream.isTTY === true;
}

/**
 * Runs the CLI with `args` (without node and script) and returns the exit code; never exits the process.
 * Commands load on demand, so `--version` and `--help` do not load ESLint.
 */
export async function main(
  args: readonly string[],
  io: CliIO = {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: isTerminal(process.stderr),
    ...(isTerminal(process.stderr) && process.stderr.columns ? { stderrColumns: process.stderr.columns } : {}),
  },
  dependencies: MigrateDependencies = {},
): Promise<ExitCodeValue> {
  const [command, ...rest] = args as readonly [string?, ...string[]];
  try {
    switch (command) {
      case 'check':
        return await (await import('./commands/check.js')).check(rest, io);
      case 'migrate':
        return await (await import('./commands/migrate.js')).migrate(rest, io, dependencies);
      case 'list':
        return await (await import('./commands/list.js')).list(rest, io);
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
        throw new UsageError(
          `unknown ${command.startsWith('-') ? 'option' : 'command'} ` +
            `"${command}".${didYouMean(command, command.startsWith('-') ? ['--help', '--version'] : COMMANDS)} ` +
            `Commands: ${COMMANDS.join(', ')}.`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(
        `backend-perf: ${(error as Error).message}\n` +
          `Run "backend-perf ${command && COMMANDS.includes(command) ? `${command} ` : ''}--help" for usage.\n`,
      );
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
