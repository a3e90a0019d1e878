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
  const byRoot = new Map<string, string[]>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const directory = await existingDirectory(absolute);
    let root: string;
    try {
      root = (await run('git', ['rev-parse', '--show-toplevel'], directory)).trim();
    } catch {
      continue; // not inside a work tree (or no git): nothing to protect
    }
    if (!root) continue;
    const list = byRoot.get(root) ?? [];
    list.push(absolute);
    byRoot.set(root, list);
  }
  const dirty: DirtyRepository[] = [];
  for (const [root, absolutePaths] of byRoot) {
    const output = await run('git', ['status', '--porcelain', '--', ...absolutePaths], root);
    const changes = output.split('\n').filter((line) => line.trim() !== '');
    if (changes.length > 0) dirty.push({ root, changes });
  }
  return dirty;
}
