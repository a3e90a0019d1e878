import type { API, FileInfo } from 'jscodeshift';

export interface CodemodOptionSpec {
  readonly type: 'boolean' | 'number' | 'string';
  readonly description: string;
  readonly default?: boolean | number | string;
}

export interface CodemodMeta {
  /** Public name, used on the command line. */
  readonly name: string;
  /** One sentence: what the codemod changes. */
  readonly description: string;
  /** The rules whose findings the codemod migrates (plugin rule names without prefix). */
  readonly rules: readonly string[];
  /** Codemod-specific options (`--annotate`, `--concurrency`, ...). */
  readonly options: Readonly<Record<string, CodemodOptionSpec>>;
}

/** Options every codemod receives from the runner, plus its own. */
export interface CodemodRunOptions {
  /** `settings['backend-perf']` and other ESLint settings that apply to the file. */
  settings?: Record<string, unknown>;
  [option: string]: unknown;
}

/** A jscodeshift-compatible transform: returns the new source, or nothing when the file does not change. */
export type Transform = (file: FileInfo, api: API, options: CodemodRunOptions) => string | null | undefined;

export interface CodemodModule {
  readonly meta: CodemodMeta;
  readonly parser?: string;
  readonly default: Transform;
}

/** Input of a refactor: a codemod that reads and writes several files (ts-morph). */
export interface RefactorInput {
  /** The files to consider (absolute, or relative to `cwd`); the CLI passes the expanded source files of its paths. */
  readonly files: readonly string[];
  /** The project directory: settings paths and `heavyFunctions` modules are relative to it. */
  readonly cwd: string;
  /** Compute the changes without writing them. */
  readonly dry?: boolean;
  /** Codemod options (`functions`, ...) and `settings` (the ESLint settings that apply to the files). */
  readonly options?: CodemodRunOptions;
}

/** One file a refactor changes or creates. */
export interface RefactorChange {
  /** Absolute path. */
  readonly path: string;
  /** The file's text before the change; `null` when the refactor creates the file. */
  readonly before: string | null;
  readonly after: string;
}

export interface RefactorResult {
  /** Every changed or created file; written to disk unless `dry`. */
  readonly changes: readonly RefactorChange[];
  /** Sites left unchanged and why, one line each (`path:line:column: reason`). */
  readonly reports: readonly string[];
}

/** A ts-morph codemod that edits several files at once. */
export interface RefactorModule {
  readonly meta: CodemodMeta;
  readonly runRefactor: (input: RefactorInput) => RefactorResult;
}
