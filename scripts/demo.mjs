#!/usr/bin/env node
// `pnpm demo`: runs `backend-perf check` and `backend-perf migrate --all --dry` on examples/ and shows their output.
// Findings (exit code 1) are what the demo is for, so they do not fail it; an error of either command (exit code 2 or
// more, or a crash) does.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'packages', 'cli', 'dist', 'bin.js');

const steps = [
  ['check', 'examples'],
  // --dry writes nothing, so a work tree with local changes is no reason to refuse.
  ['migrate', '--all', '--dry', '--force', 'examples'],
];

let failed = false;
for (const args of steps) {
  console.log(`\n$ backend-perf ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
  if (result.error || result.status === null || result.status > 1) {
    console.error(`\nbackend-perf ${args[0]} failed (${result.error?.message ?? `exit code ${result.status ?? result.signal}`})`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
