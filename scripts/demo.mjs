#!/usr/bin/env node
// `pnpm demo`: runs `backend-perf check` and `backend-perf migrate --all --dry` on examples/ with every rule, and shows
// their output.
// Findings are what the demo is for, so `check` exiting with 1 (findings) does not fail it; an error does (check: 2,
// migrate: 1 for files that failed to migrate, 2 for usage errors), and so does a crash.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'packages', 'cli', 'dist', 'bin.js');

// examples/ is a project of its own with its own eslint.config.mjs (its ignores and settings['backend-perf']), which
// ESLint finds from each file, as it would in a user's repository. Both run every rule (`--config all`): the example
// has a site for each, and `migrate` rewrites exactly what `check` reports with the same config, so that every
// codemod shows its diff, including those of rules that only `strict` enables.
const steps = [
  { args: ['check', '--config', 'all', 'examples'], okCodes: [0, 1] },
  { args: ['migrate', '--all', '--dry', '--config', 'all', 'examples'], okCodes: [0] },
];

let failed = false;
for (const { args, okCodes } of steps) {
  console.log(`\n$ backend-perf ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
  if (result.error || result.status === null || !okCodes.includes(result.status)) {
    console.error(
      `\nbackend-perf ${args[0]} failed (${result.error?.message ?? `exit code ${result.status ?? result.signal}`})`,
    );
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
