/** Where a command reads and writes: injected so commands run in tests without a process. */
export interface CliIO {
  /** Working directory paths are resolved against and printed relative to. */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** `stderr` is a terminal: `migrate` draws a progress bar there. */
  readonly stderrIsTTY?: boolean;
  /** The terminal's width, when `stderr` is one. */
  readonly stderrColumns?: number;
}

/** Exit codes shared by every command. */
export const ExitCode = {
  /** Clean run: no findings (`check`), every file migrated or unchanged (`migrate`). */
  Ok: 0,
  /** `check` found problems; `migrate` could not migrate some files. */
  Findings: 1,
  /** Usage error, refused run, crash, parse errors (`check`), no files. */
  Error: 2,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that ends a command with a message for the user and exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * An error's message on one line: ESLint spreads a config error over several lines (the key, the value, what was
 * expected) and adds where it occurred; the lines are joined and the "Occurred while linting" notes dropped.
 */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(?:Occurred while linting|Rule: )/u.test(line))
    .join(' ');
}

/** Whether an error comes from loading or validating the user's ESLint config (not from a bug of ours). */
export function isConfigError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return new RegExp(
    String.raw`^(?:Key "|Could not find plugin|Config \(unnamed\)|Config "|Unexpected key|Cannot find module|` +
      String.raw`settings\['backend-perf'\])`,
    'mu',
  ).test(message);
}
