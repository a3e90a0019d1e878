import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from './io.js';

/** Runs a command and resolves with its stdout, or rejects; injectable so tests need no git. */
export type CommandRunner = (command: string, args: readonly string[], cwd: string) => Promise<string>;

export const runCommand: CommandRunner = (command, args, cwd) =>
  new Promise((resolve, reject) => {
    execFile(command, [...args], { cwd, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error as Error, { stderr }));
      else resolve(stdout);
    });
  });

/**
 * The top-level folder of the git work tree holding `cwd`, or `cwd` itself outside git (or without git): the folder
 * `migrate` may write manifests in.
 */
export async function repositoryRoot(cwd: string, run: CommandRunner = runCommand): Promise<string> {
  const output = await run('git', ['rev-parse', '--show-toplevel'], cwd).catch(() => '');
  const root = output.trim();
  return root === '' ? cwd : path.resolve(root);
}

/** The line of git's error output that says what went wrong (`fatal: ...`), else the error's first line. */
function gitMessage(error: unknown): string {
  const text =
    `${String((error as { stderr?: string | Buffer }).stderr ?? '')}\n` +
    (error instanceof Error ? error.message : String(error));
  const lines = text.split('\n').map((line) => line.trim());
  return lines.find((line) => /^(?:fatal|error):/u.test(line)) ?? lines.find((line) => line !== '') ?? 'git failed';
}

export interface DirtyRepository {
  /** Top-level folder of the repository. */
  readonly root: string;
  /** `git status --porcelain` lines for the given paths. */
  readonly changes: readonly string[];
}

async function existingDirectory(target: string): Promise<string> {
  const stat = await fs.stat(target).catch(() => undefined);
  return stat?.isDirectory() ? target : path.dirname(target);
}

/**
 * The git repositories holding `paths` that have uncommitted changes (modified, staged or untracked files) under
 * those paths. Paths outside any git repository, or where git is not installed, count as clean; a repository git
 * refuses to read (for example for "dubious ownership") is a `UsageError`, so the guard never silently turns off.
 */
export async function findDirtyRepositories(
  cwd: string,
  paths: readonly string[],
  run: CommandRunner = runCommand,
): Promise<DirtyRepository[]> {
  // Each path's repository, looked up together (a path outside git, or no git at all, has none: nothing to protect).
  const located = await Promise.all(
    paths.map(async (given) => {
      const absolute = path.resolve(cwd, given);
      const directory = await existingDirectory(absolute);
      const root = await run('git', ['rev-parse', '--show-toplevel'], directory).then(
        (output) => output.trim(),
        (error: unknown) => {
          // Outside git, or without git, there is nothing to protect; any other refusal (a repository git does not
          // trust, "dubious ownership") must not silently turn the guard off.
          const message = gitMessage(error);
          if ((error as { code?: unknown }).code === 'ENOENT' || /not a git repository/iu.test(message)) return '';
          throw new UsageError(
            `refusing to migrate: cannot check the git work tree of ${given}: ${message}\n` +
              `Fix that (or run git status there to see why), run with --dry to preview, or pass --force.`,
          );
        },
      );
      return { absolute, root };
    }),
  );
  const byRoot = new Map<string, string[]>();
  for (const { absolute, root } of located) {
    if (!root) continue;
    const list = byRoot.get(root) ?? [];
    list.push(absolute);
    byRoot.set(root, list);
  }
  const statuses = await Promise.all(
    [...byRoot].map(async ([root, absolutePaths]) => ({
      root,
      changes: (await run('git', ['status', '--porcelain', '--', ...absolutePaths], root))
        .split('\n')
        .filter((line) => line.trim() !== ''),
    })),
  );
  const dirty: DirtyRepository[] = statuses.filter((status) => status.changes.length > 0);
  return dirty;
}
