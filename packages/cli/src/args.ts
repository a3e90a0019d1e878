import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';
import { didYouMean } from '@backend-perf/core/light';

/** Every spelling a parser accepts: `--name`, `-n`, and `--no-name` for booleans when negation is allowed. */
function spellings(config: ParseArgsConfig): string[] {
  const options = config.options ?? {};
  return Object.entries(options).flatMap(([name, option]) => [
    `--${name}`,
    ...(option.short ? [`-${option.short}`] : []),
    ...(option.type === 'boolean' && config.allowNegative ? [`--no-${name}`] : []),
  ]);
}

/**
 * `parseArgs` with the command's own messages: an unknown option names the closest known one, an option without its
 * value says so in one line, instead of Node's parser messages.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = (error as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const given = /'(-[^']*)'/u.exec(message)?.[1] ?? message;
      const name = given.replace(/=.*$/u, '');
      throw new UsageError(`unknown option ${name}.${didYouMean(name, spellings(config))}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      // "Option '-f, --format <value>' argument missing": the long name.
      const quoted = /'([^']*)'/u.exec(message)?.[1] ?? '';
      const option = /--[\w-]+/u.exec(quoted)?.[0] ?? /-\w/u.exec(quoted)?.[0];
      throw new UsageError(
        option && /argument missing/u.test(message)
          ? `${option} needs a value`
          : message.replace(/\.$/u, '').replace(/'/gu, ''),
      );
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(message.replace(/'/gu, '"'));
    throw error;
  }
}
