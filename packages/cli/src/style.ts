import { diffLines } from 'diff';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The unit a file indents with: a tab when most indented lines start with one, else the most common step between a
 * line and a more indented line after it (2 or 4 spaces, usually). `null` when the file has no indented line.
 */
export function indentUnit(text: string): string | null {
  const lines = text.split(/\r?\n/u).filter((line) => line.trim() !== '');
  const indents = lines.map((line) => /^[ \t]*/u.exec(line)?.[0] ?? '');
  const indented = indents.filter((indent) => indent !== '');
  if (indented.length === 0) return null;
  if (indented.filter((indent) => indent.startsWith('\t')).length * 2 > indented.length) return '\t';
  const steps = new Map<number, number>();
  for (let index = 1; index < indents.length; index += 1) {
    const step = indents[index].length - indents[index - 1].length;
    if (step > 0 && step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
  }
  const best = [...steps].sort((a, b) => b[1] - a[1] || a[0] - b[0]).at(0);
  return best ? ' '.repeat(best[0]) : null;
}

/** The indentation unit of the code the codemods insert. */
const INSERTED_UNIT = '  ';

/**
 * `after` with the lines a codemod added indented in `before`'s own unit: a run of added lines written in two-space
 * levels keeps its first line's indentation (copied from the code it replaces) and has every further level written
 * in the file's unit instead (four spaces, a tab). Lines the codemod did not add stay as they are.
 */
export function matchIndentation(before: string, after: string): string {
  const unit = indentUnit(before);
  if (unit === null || unit === INSERTED_UNIT) return after;
  let out = '';
  for (const change of diffLines(before, after)) {
    if (change.removed) continue;
    if (!change.added) {
      out += change.value;
      continue;
    }
    // Each line with its own line break, and how much deeper than the run's first line it is indented.
    const lines = change.value.match(/[^\n]*\n|[^\n]+$/gu) ?? [];
    const base = /^[ \t]*/u.exec(lines[0] ?? '')?.[0] ?? '';
    const extras = lines.map((line) => {
      const lead = /^[ \t]*/u.exec(line)?.[0] ?? '';
      return lead.startsWith(base) ? lead.slice(base.length) : null;
    });
    // A run written in two-space levels has a level the file's unit cannot make (two or six spaces in a four-space
    // file, spaces in a tab file); a run whose levels all fit the unit (a codemod that copied the file's own
    // indentation) is left as it is, so that no level is widened twice.
    const twoSpaced = extras.some(
      (extra) => extra !== null && /^(?: {2})+$/u.test(extra) && (unit === '\t' || extra.length % unit.length !== 0),
    );
    lines.forEach((line, index) => {
      const extra = extras[index];
      out +=
        twoSpaced && index > 0 && extra !== null && /^(?: {2})+$/u.test(extra)
          ? `${base}${unit.repeat(extra.length / INSERTED_UNIT.length)}${line.slice(base.length + extra.length)}`
          : line;
    });
  }
  return out;
}

/** What `migrate` uses of Prettier's API (2 and 3 alike; 3 is asynchronous). */
interface PrettierApi {
  resolveConfig(file: string, options?: { editorconfig?: boolean }): Promise<object | null> | object | null;
  getFileInfo(
    file: string,
    options?: { ignorePath?: string | string[] },
  ): Promise<{ ignored: boolean; inferredParser: string | null }> | { ignored: boolean; inferredParser: string | null };
  check(source: string, options: object): Promise<boolean> | boolean;
  format(source: string, options: object): Promise<string> | string;
}

const prettiers = new Map<string, Promise<PrettierApi | null>>();

/** The Prettier a project has installed (resolved from the file's folder, as its own scripts would), or `null`. */
function projectPrettier(file: string): Promise<PrettierApi | null> {
  let resolved: string;
  try {
    resolved = createRequire(file).resolve('prettier');
  } catch {
    return Promise.resolve(null);
  }
  let loaded = prettiers.get(resolved);
  if (!loaded) {
    loaded = import(pathToFileURL(resolved).href).then(
      (module: { default?: PrettierApi } & PrettierApi) => module.default ?? module,
      () => null,
    );
    prettiers.set(resolved, loaded);
  }
  return loaded;
}

/**
 * Formats a changed file with the project's own Prettier and config, when the project has both, the file is not
 * ignored by `.prettierignore`, and it was formatted before (`before` passes `prettier --check`; a created file
 * always is): a file that passed `prettier --check` then passes it after. Otherwise `after` as it is.
 */
export async function formatLikeProject(
  cwd: string,
  file: string,
  before: string | null,
  after: string,
): Promise<string> {
  const prettier = await projectPrettier(file);
  if (!prettier) return after;
  try {
    const config = await prettier.resolveConfig(file, { editorconfig: true });
    if (config === null) return after;
    const info = await prettier.getFileInfo(file, { ignorePath: [path.join(cwd, '.prettierignore')] });
    if (info.ignored || info.inferredParser === null) return after;
    const options = { ...config, filepath: file };
    if (before !== null && !(await prettier.check(before, options))) return after;
    return await prettier.format(after, options);
  } catch {
    // A config Prettier cannot read, or a plugin it cannot load: the file stays as the codemods wrote it.
    return after;
  }
}
