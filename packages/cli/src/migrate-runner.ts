import {
  CodemodParseError,
  codemodsByName,
  detectCodemodSites,
  jscodeshiftFor,
  nestingProblem,
  outputProblem,
  type CodemodMeta,
  type CodemodRunOptions,
  type DependencyRequest,
} from '@backend-perf/codemods';
import type { API } from 'jscodeshift';

/**
 * One file's migration as plain data in and out: no file system, no globals. This is the unit a worker pool runs;
 * everything it needs is cloneable (codemods are named, not passed).
 */
export interface MigrationTask {
  /** Absolute path (transforms and rules see it as the filename). */
  readonly file: string;
  readonly source: string;
  /** Per-file codemod names, applied in this order, each to the previous one's output. */
  readonly codemods: readonly string[];
  /**
   * Multi-file codemods (`runRefactor`) that run later over the whole file set: the outcome says which of them have
   * sites in this file's migrated text, so that they only look for sites where there are some.
   */
  readonly refactors?: readonly string[];
  /** Codemod options by codemod name (only the options each codemod declares). */
  readonly options: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** ESLint `settings` that apply to the file (from the user's config), passed to every codemod. */
  readonly settings?: Record<string, unknown>;
  /**
   * The plugin rules the configuration enables for the file, with their options (what `check` lints it with): each
   * codemod selects its sites with those of its rules, so it rewrites exactly what `check` reports. Absent: each
   * codemod's own rules and options (`codemodRules(meta)`).
   */
  readonly rules?: Readonly<Record<string, readonly unknown[]>>;
  /**
   * The directory relative paths and start-up globs are resolved against (the CLI's working directory). Default:
   * `process.cwd()`, which a worker thread shares with its process.
   */
  readonly cwd?: string;
  /**
   * A dry run: passed to the codemods as the `dry` option (as jscodeshift's runner does), so those that also edit a
   * file beside the source (a dependency added to `package.json`) only say what they would change.
   */
  readonly dry?: boolean;
}

/** A dependency a codemod's output needs, for the runner to add to the manifest (workers never write one). */
export interface DependencyChange extends DependencyRequest {
  /** The codemod that asked for it. */
  readonly codemod: string;
}

export type MigrationOutcome =
  | {
      readonly status: 'changed';
      readonly output: string;
      readonly reports: readonly string[];
      /** The codemods that changed the text, in the order they ran. */
      readonly changedBy: readonly string[];
      /** The task's `refactors` whose rules report in the output. */
      readonly refactorSites: readonly string[];
      /** Dependencies the output needs in its `package.json` (not written by the worker). */
      readonly dependencies: readonly DependencyChange[];
    }
  | { readonly status: 'unchanged'; readonly reports: readonly string[]; readonly refactorSites: readonly string[] }
  | {
      readonly status: 'failed';
      readonly error: string;
      readonly reports: readonly string[];
      /**
       * The stack ran out (code nested too deeply for the recursive parsers and walkers): how deep a thread gets
       * depends on its stack, so the executor runs the task again in a thread with a large stack
       * (`DEEP_STACK_MB`), and every thread gives the same result.
       */
      readonly stackOverflow?: true;
    };

/** What a file whose migration ran out of stack gets, in a thread with the largest stack. */
export const STACK_OVERFLOW_ERROR = 'not migrated: nested too deeply for the parsers (the stack ran out)';

function isStackOverflow(error: unknown): boolean {
  return /Maximum call stack size exceeded/u.test(error instanceof Error ? error.message : String(error));
}

function describeError(codemod: string, error: unknown): string {
  if (error instanceof CodemodParseError) {
    // ESLint gives no position when the parser itself failed (an exhausted stack): the start of the file then.
    const where = `${Number.isFinite(error.line) ? error.line : 1}:${Number.isFinite(error.column) ? error.column : 1}`;
    return `parse error at ${where}: ${error.message.replace(/^Parsing error: /u, '')}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `${codemod} failed: ${message}`;
}

/**
 * Runs the codemods on one file's text. The file is parsed and linted once with the rules of every codemod
 * (`detectCodemodSites`); a codemod whose rules report nothing there would leave the file as it is, so it does not
 * run, and the first one that does reuses that parse. Once a codemod has changed the text, the later ones run
 * unconditionally on the new text (which the detection did not see). A transform that returns nothing (or the
 * same text) leaves the text as it was, so untouched files are never reprinted; a failure in any codemod fails the
 * whole file and nothing of it is kept.
 */
export function migrateSource(task: MigrationTask): MigrationOutcome {
  let outcome: MigrationOutcome;
  try {
    outcome = migrateOnce(task);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    outcome = { status: 'failed', error: String(error), reports: [] };
  }
  // A stack overflow anywhere (thrown, or a parser's error that ESLint turned into a parse error without a position).
  return outcome.status === 'failed' && isStackOverflow(outcome.error)
    ? { status: 'failed', error: STACK_OVERFLOW_ERROR, reports: outcome.reports, stackOverflow: true }
    : outcome;
}

function migrateOnce(task: MigrationTask): MigrationOutcome {
  const reports: string[] = [];
  const metaOf = (name: string): CodemodMeta | undefined =>
    (codemodsByName[name] as (typeof codemodsByName)[string] | undefined)?.meta;
  const unknown = [...task.codemods, ...(task.refactors ?? [])].find((name) => !metaOf(name));
  if (unknown !== undefined) return { status: 'failed', error: `unknown codemod ${unknown}`, reports };
  const detect = (text: string, names: readonly string[]): Set<string> =>
    new Set(
      detectCodemodSites({
        source: text,
        filename: task.file,
        codemods: names.map((name) => metaOf(name) as CodemodMeta),
        ...(task.settings ? { settings: task.settings } : {}),
        ...(task.cwd ? { cwd: task.cwd } : {}),
        ...(task.rules ? { rules: task.rules } : {}),
      }).keys(),
    );
  // A file nested too deeply for the parsers' and codemods' recursion is refused before anything parses it, with
  // where it gets too deep: the same result in this thread and in a worker, and never a stack overflow or an abort.
  const deep = nestingProblem(task.source);
  if (deep) {
    return {
      status: 'failed',
      error: `not migrated: ${deep.message} at ${deep.line}:${deep.column} (too deep for the parsers)`,
      reports,
    };
  }
  let withSites: Set<string>;
  try {
    withSites = detect(task.source, [...task.codemods, ...(task.refactors ?? [])]);
  } catch (error) {
    return { status: 'failed', error: describeError('site detection', error), reports };
  }
  // Made when a codemod runs: jscodeshift loads on first use, and most files have no site for any codemod.
  let api: API | undefined;
  const apiFor = (): API => {
    const j = jscodeshiftFor(task.file);
    return {
      j,
      jscodeshift: j,
      stats: () => {},
      report: (message: string) => {
        reports.push(message);
      },
    };
  };
  let text = task.source;
  const changedBy: string[] = [];
  const dependencies: DependencyChange[] = [];
  for (const name of task.codemods) {
    const module = codemodsByName[name]; // known: checked above
    if (!module.default) continue; // a multi-file codemod: the runner calls its runRefactor over the whole set
    if (text === task.source && !withSites.has(name)) continue; // no site: nothing to rewrite
    const options: CodemodRunOptions = {
      ...task.options[name],
      ...(task.settings ? { settings: task.settings } : {}),
      ...(task.cwd ? { cwd: task.cwd } : {}),
      ...(task.rules ? { rules: task.rules } : {}),
      ...(task.dry ? { dry: true } : {}),
      addDependency: (request) => dependencies.push({ ...request, codemod: name }),
    };
    try {
      const result = module.default({ path: task.file, source: text }, (api ??= apiFor()), options);
      if (typeof result === 'string' && result !== text) {
        // Every output is parsed before anything is kept, with the parser that read the file: one that does not
        // parse is that codemod's failure, and nothing of the file is written.
        const problem = outputProblem(task.file, task.source, result);
        if (problem) {
          return {
            status: 'failed',
            error:
              `${name} failed: its output does not parse (${problem.line}:${problem.column}: ${problem.message}); ` +
              `the file is left unchanged`,
            reports,
          };
        }
        text = result;
        changedBy.push(name);
      }
    } catch (error) {
      return { status: 'failed', error: describeError(name, error), reports };
    }
  }
  let refactorSites = (task.refactors ?? []).filter((name) => withSites.has(name));
  if (text !== task.source && task.refactors?.length) {
    try {
      const again = detect(text, task.refactors);
      refactorSites = task.refactors.filter((name) => again.has(name));
    } catch (error) {
      return { status: 'failed', error: describeError('site detection', error), reports };
    }
  }
  return text === task.source
    ? { status: 'unchanged', reports, refactorSites }
    : { status: 'changed', output: text, reports, changedBy, refactorSites, dependencies };
}
