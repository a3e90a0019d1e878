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
