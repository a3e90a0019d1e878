import type { API, FileInfo } from 'jscodeshift';

export interface CodemodOptionSpec {
  readonly type: 'boolean' | 'number' | 'string';
  readonly description: string;
  readonly default?: boolean | number | string;
  /** For a number option: the smallest value it allows. */
  readonly minimum?: number;
  /** For a number option: only whole numbers. */
  readonly integer?: boolean;
}

export interface CodemodMeta {
  /** Public name, used on the command line. */
  readonly name: string;
  /** One sentence: what the codemod changes. */
  readonly description: string;
  /** The rules whose findings the codemod migrates (plugin rule names without prefix). */
  readonly rules: readonly string[];
  /**
   * The options the codemod runs its rules with (rule name to ESLint options array), when they differ from the
   * rules' defaults. Tests lint fixtures with the same options, so "the rule reports on the input and not on the
   * output" checks the sites the codemod actually selects.
   */
  readonly ruleOptions?: Readonly<Record<string, readonly unknown[]>>;
  /** Codemod-specific options (`--annotate`, `--concurrency`, ...). */
  readonly options: Readonly<Record<string, CodemodOptionSpec>>;
}

/** A dependency a rewritten file needs in the `package.json` nearest to it. */
export interface DependencyRequest {
  /** Absolute path of the `package.json`. */
  readonly manifest: string;
  readonly name: string;
  readonly range: string;
}

/** Options every codemod receives from the runner, plus its own. */
export interface CodemodRunOptions {
  /** `settings['backend-perf']` and other ESLint settings that apply to the file. */
  settings?: Record<string, unknown>;
  /**
   * The project directory that `settings` globs and relative file paths are resolved against (default: the process's).
   */
  cwd?: string;
  /**
   * The plugin rules the user's configuration enables for the file (name without prefix, to its ESLint options), as
   * `check` lints it. A codemod then selects its sites with those of its rules that are enabled, and their configured
   * options, instead of `meta.rules` with `meta.ruleOptions` (see `codemodRules`).
   */
  rules?: Readonly<Record<string, readonly unknown[]>>;
  /**
   * Set by a runner that edits `package.json` files itself (the CLI, whose workers must not write one manifest at
   * the same time): a transform whose output needs a dependency the manifest lacks calls it instead of writing.
   * Without it (jscodeshift's runner), the transform adds the dependency itself, unless `dry` or `print`.
   */
  addDependency?: (request: DependencyRequest) => void;
  [option: string]: unknown;
}

/** A jscodeshift-compatible transform: returns the new source, or nothing when the file does not change. */
export type Transform = (file: FileInfo, api: API, options: CodemodRunOptions) => string | null | undefined;

/** Input of a codemod that edits or creates several files (see `CodemodModule.runRefactor`). */
export interface RefactorInput {
  /** The files to consider (absolute, or relative to `cwd`); the CLI passes the expanded source files of its paths. */
  readonly files: readonly string[];
  /** The project directory: settings paths (`heavyFunctions` modules, start-up globs) are relative to it. */
  readonly cwd: string;
  /** Compute the changes without writing them. */
  readonly dry?: boolean;
  /** Codemod options and `settings` (the ESLint settings that apply to the files). */
  readonly options?: CodemodRunOptions;
  /**
   * The current text of a file when the caller holds a newer version than the disk (a dry run after other codemods
   * rewrote it in memory); `undefined` means "read the disk". Refactors read every input through `readSource`.
   */
  readonly readFile?: (absolutePath: string) => string | undefined;
  /**
   * The files of `files` (absolute) in which the codemod's rules report, when the caller has already linted every
   * file with them (`detectCodemodSites`, with the same settings): the codemod then looks for sites only in these
   * and reads the other files only as context (a module a site imports, the GraphQL server to wire). Without it,
   * the codemod lints every file itself.
   */
  readonly candidates?: readonly string[];
}

/** One file a multi-file codemod changes or creates. */
export interface RefactorChange {
  /** Absolute, or relative to the input's `cwd`. */
  readonly path: string;
  /** The file's text before, or `null` when the codemod creates the file. */
  readonly before: string | null;
  readonly after: string;
}

export interface RefactorResult {
  readonly changes: readonly RefactorChange[];
  /** Sites left unchanged and per-file failures, one line each (`file:line:column: reason`). */
  readonly reports: readonly string[];
}

/**
 * A codemod: a per-file jscodeshift transform (`default`), a multi-file refactor (`runRefactor`), or both. With
 * `runRefactor`, the CLI runs it once over the whole file set instead of running `default` per file.
 */
export interface CodemodModule {
  readonly meta: CodemodMeta;
  readonly parser?: string;
  readonly default?: Transform;
  /**
   * Present on codemods that create files besides the one they transform (a shared module). The CLI calls it with
   * the whole file set instead of running `default` per file; it writes the changes itself unless `dry`.
   */
  readonly runRefactor?: (input: RefactorInput) => RefactorResult;
}

/** A codemod that edits several files at once. */
export type RefactorModule = CodemodModule & { readonly runRefactor: (input: RefactorInput) => RefactorResult };
