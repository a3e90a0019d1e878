#!/usr/bin/env node
// ESLint and Oxlint running the plugin: `backend-perf check --config all` with each engine on the same files (the
// real-code subset of the corpus, or the full corpus with --full), in alternating order; wall time and CPU time (user
// + system, of the whole process tree, from /usr/bin/time) per run, medians, and whether the findings are the same.
//
//   node bench/engines.mjs [--full] [--runs 5]      (after `pnpm build`; the corpus is fetched on first use)
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR, ensureCorpus, FULL, SUBSET } from './corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'packages/cli/dist/bin.js');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const specs = args.includes('--full') ? FULL : SUBSET;
const folders = ensureCorpus(specs, { log: () => {} }).map((folder) => path.relative(CORPUS_DIR, folder));

function check(engine) {
  const output = execFileSync(
    '/usr/bin/time',
    [
      '-f',
      '%e %U %S',
      process.execPath,
      bin,
      'check',
      '--engine',
      engine,
      '--config',
      'all',
      '--no-config-lookup',
      '--no-default-ignores',
      '--format',
      'json',
      ...folders,
    ],
    { cwd: CORPUS_DIR, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return output;
}

function timed(engine) {
  let stderr = '';
  let stdout = '';
  try {
    stdout = check(engine);
  } catch (error) {
    // Exit code 1: findings.
    stdout = error.stdout;
    stderr = error.stderr;
  }
  const [wall, user, system] = stderr.trim().split('\n').at(-1).split(' ').map(Number);
  const report = JSON.parse(stdout);
  const findings = report.files.flatMap((file) =>
    file.findings.map((f) => `${file.path}:${f.line}:${f.column} ${f.ruleId} ${f.message}`),
  );
  return { wall, cpu: user + system, findings, files: report.summary.filesLinted };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { eslint: [], oxlint: [] };
timed('eslint');
timed('oxlint');
for (let run = 0; run < runs; run += 1) {
  for (const engine of run % 2 === 0 ? ['eslint', 'oxlint'] : ['oxlint', 'eslint']) results[engine].push(timed(engine));
}
const same = JSON.stringify(results.eslint[0].findings) === JSON.stringify(results.oxlint[0].findings);
console.log(
  `${folders.join(', ')}; ${runs} runs each after a warm-up, alternating; ${os.cpus().length} CPUs, Node ${process.version}.\n`,
);
console.log('| Engine | Files | Findings | Wall (median) | CPU (median) | Wall vs ESLint |');
console.log('| --- | --: | --: | --: | --: | --: |');
const base = median(results.eslint.map((r) => r.wall));
for (const engine of ['eslint', 'oxlint']) {
  const list = results[engine];
  const wall = median(list.map((r) => r.wall));
  console.log(
    `| ${engine === 'eslint' ? 'ESLint' : 'Oxlint'} | ${list[0].files} | ${list[0].findings.length} | ${wall.toFixed(2)} s | ${median(list.map((r) => r.cpu)).toFixed(2)} s | ${(base / wall).toFixed(2)}x |`,
  );
}
console.log(`\nSame findings: ${same ? 'yes' : 'NO'}.`);
