import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { main } from '../src/main.js';

/**
 * A folder below `parent` for the test file's projects, removed after its tests, and a function that writes one
 * project (the given files) to a new folder of it and returns the folder.
 */
export function scratchProjects(parent: string, prefix: string): (files: Readonly<Record<string, string>>) => string {
  const scratch = mkdtempSync(path.join(parent, prefix));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let folders = 0;
  return (files) => {
    const dir = path.join(scratch, `p${(folders += 1)}`);
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    return dir;
  };
}

/** Runs the command line in `cwd` with a clean git work tree, and returns its exit code and output. */
export async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    { cwd, stdout: (text) => out.push(text), stderr: (text) => err.push(text) },
    { run: async () => '' },
  );
  return { code, out: out.join(''), err: err.join('') };
}
