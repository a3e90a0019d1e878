import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Runs a command and resolves with its stdout, or rejects; injectable so tests need no git. */
export type CommandRunner = (command: string, args: readonly string[], cwd: string) => Promise<string>;

export const runCommand: CommandRunner = (command, args, cwd) =>
  new Promise((resolve, reject) => {
    execFile(command, [...args], { cwd, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });

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
 * those paths. Paths outside any git repository, or where git is not installed, count as clean.
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
        () => '',
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
