#!/usr/bin/env node
// `pnpm bench`: speed and memory of the plugin and the codemod runner on the real-code corpus, as ratios against
// baselines measured in the same run (medians of several runs, in alternating order; the machine is shared and noisy).
//
//   node bench/run.mjs [--full] [--runs N] [--separate-runs N] [--only lint|codemods|scale|project] [--out docs/benchmarks.md]
//
// Lint: ESLint with @typescript-eslint/parser and ESLint's recommended rules, alone and with backend-perf's
// `recommended` config added; the overhead ratio and each rule's share (ESLint's own per-rule `stats`).
// Codemods: `backend-perf migrate --all --dry` in files per second against jscodeshift's runner doing only parse and
// print, and against running each codemod separately; peak memory (max RSS) of each. Scale: peak memory of migrate on
// growing parts of the full corpus. Project: the whole-project model on real applications (bench/project.mjs): lint of
// whole applications, re-lint of one changed file, memory of the graph. With `--only project`, `--out` replaces that
// section of an existing file and keeps the rest. `--project-runs N` (default: the smaller of --runs and 3) and
// `--project-parts lint,edit,memory` choose its runs and parts; `--full` adds medusa and unleash-server to its lint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CORPUS_DIR, ensureCorpus, FULL, SUBSET, sourceFiles } from './corpus.mjs';
import { projectBenchmark } from './project.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const runs = Number(option('--runs', '5'));
// Running every codemod on its own costs about ten `migrate --all` runs; it is measured in fewer runs by default.
const separateRuns = Math.min(runs, Number(option('--separate-runs', '1')));
const only = option('--only', 'all');
const out = option('--out', null);
const specs = args.includes('--full') ? FULL : SUBSET;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${value.toFixed(0)} ms`;
const pct = (value) => `${(value * 100).toFixed(1)}%`;

// The whole-project part reads the applications of the corpus only.
const folders = only === 'project' ? [] : ensureCorpus(specs, { log: (m) => console.error(m) });
const files = folders.flatMap(sourceFiles);
const lines = [];
const say = (line = '') => {
  console.log(line);
  lines.push(line);
};

say(`# Benchmarks`);
// The whole-project part has its own machine line and command (its section is spliced into the doc alone).
if (only !== 'project') {
  say();
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  say(
    `Run on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.type()} ${os.release()}, Node ${process.version}; load average ${os.loadavg()[0].toFixed(1)} at the start (a shared machine: compare ratios, not times).`,
  );
  say();
  say(
    `Corpus: ${folders.map((f) => path.basename(f)).join(', ')} (${files.length} files). ${runs} timed runs of each variant after a warm-up, medians.`,
  );
  say();
  say(`Reproduce: \`pnpm build && pnpm bench -- ${process.argv.slice(2).join(' ')}\`.`.replace(' -- `', '`'));
}

async function lintBenchmark() {
  const plugin = (await import(pathToFileURL(path.join(root, 'packages/eslint-plugin/dist/index.js')).href)).default;
  // Inline directives of the corpus name rules of the packages' own configs; both runs ignore them alike.
  const base = [
    {
      files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
      languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest' },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
    },
    js.configs.recommended,
  ];
  const configs = { baseline: base, withPlugin: [...base, ...plugin.configs.recommended] };
  const lint = (name, stats) =>
    new ESLint({
      cwd: CORPUS_DIR,
      overrideConfigFile: true,
      overrideConfig: configs[name],
      stats,
      warnIgnored: false,
      cache: false,
    }).lintFiles(files);
  const times = { baseline: [], withPlugin: [] };
  // Run 0 warms both up; the timed runs alternate their order so that neither always runs on a warmer machine.
  for (let run = 0; run <= runs; run += 1) {
    const order = run % 2 ? ['withPlugin', 'baseline'] : ['baseline', 'withPlugin'];
    for (const name of order) {
      console.error(`lint: run ${run}/${runs}: ${name}`);
      const started = performance.now();
      await lint(name, false);
      if (run > 0) times[name].push(performance.now() - started);
    }
  }
  // Per-rule times come from separate runs with ESLint's `stats`, whose bookkeeping is kept out of the timings above.
  const ruleTimes = {};
  for (let run = 0; run < runs; run += 1) {
    console.error(`lint: stats run ${run + 1}/${runs}`);
    const perRun = {};
    for (const result of await lint('withPlugin', true)) {
      for (const pass of result.stats?.times?.passes ?? []) {
        for (const [rule, timing] of Object.entries(pass.rules ?? {}))
          perRun[rule] = (perRun[rule] ?? 0) + timing.total;
      }
    }
    for (const [rule, total] of Object.entries(perRun)) (ruleTimes[rule] ??= []).push(total);
  }
  const baseline = median(times.baseline);
  const withPlugin = median(times.withPlugin);
  say();
  say('## Lint');
  say();
  say('| Run | Median | Ratio |');
  say('| --- | ---: | ---: |');
  say(`| ESLint recommended (baseline) | ${ms(baseline)} | 1.00 |`);
  say(`| + backend-perf recommended | ${ms(withPlugin)} | ${(withPlugin / baseline).toFixed(2)} |`);
  say();
  say(`Overhead of \`recommended\`: **${pct(withPlugin / baseline - 1)}** (target: at most 15%).`);
  say();
  const pluginRules = Object.entries(ruleTimes).filter(([rule]) => rule.startsWith('backend-perf/'));
  const ruleSum = pluginRules.reduce((total, [, values]) => total + median(values), 0);
  say(
    `Sum of the plugin's rule times (ESLint \`stats\`): ${ms(ruleSum)}, **${pct(ruleSum / baseline)}** of the baseline: an estimate of the overhead that does not depend on the wall-clock noise of two separate runs (it leaves out the shared parse and scope analysis, which the plugin does not add to).`,
  );
  say();
  say(
    "Each rule's time (ESLint `stats`, medians of separate runs) as a share of the baseline run's median (target: no rule above 3%):",
  );
  say();
  say('| Rule | Median time | Share |');
  say('| --- | ---: | ---: |');
  for (const [rule, values] of pluginRules.sort((a, b) => median(b[1]) - median(a[1]))) {
    say(`| ${rule} | ${ms(median(values))} | ${pct(median(values) / baseline)} |`);
  }
}

function measureCommand(command, commandArgs, acceptedExitCodes = [0]) {
  // Wall time and peak RSS of a child process, measured by a small wrapper so that no external tool is needed. The
  // commands run from the corpus folder on the same explicit file list, so that every tool sees the same files.
  const output = execFileSync(process.execPath, [path.join(root, 'bench', 'measure.mjs'), command, ...commandArgs], {
    cwd: CORPUS_DIR,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const result = JSON.parse(output.trim().split('\n').pop());
  if (!acceptedExitCodes.includes(result.exitCode)) {
    throw new Error(
      `${path.basename(command)} ${commandArgs.slice(0, 6).join(' ')} ... exited with ${result.exitCode}`,
    );
  }
  return result;
}

async function codemodBenchmark() {
  const { codemods } = await import(pathToFileURL(path.join(root, 'packages/codemods/dist/index.js')).href);
  const cli = path.join(root, 'packages/cli/dist/bin.js');
  const jscodeshift = path.join(
    path.dirname(createRequire(path.join(root, 'packages/codemods/package.json')).resolve('jscodeshift/package.json')),
    'bin',
    'jscodeshift.js',
  );
  const relativeFiles = files.map((file) => path.relative(CORPUS_DIR, file));
  // Exit code 1 means some files failed (a parse error in the corpus), which the run reports and the benchmark accepts.
  const migrateArgs = (workers) => [
    '--dry',
    '--force',
    '--no-config-lookup',
    '--quiet',
    '--workers',
    String(workers),
    ...relativeFiles,
  ];
  const identity = ['-t', path.join(root, 'bench/identity-transform.cjs'), '--dry', '--silent', '--parser', 'tsx'];
  const BASELINE = 'jscodeshift parse + print, in band (baseline)';
  const PARALLEL_BASELINE = 'jscodeshift parse + print, 2 workers (parallel baseline)';
  const variants = {
    [BASELINE]: () => measureCommand(jscodeshift, [...identity, '--run-in-band', ...relativeFiles]),
    'backend-perf migrate --all --dry, 1 thread': () =>
      measureCommand(cli, ['migrate', '--all', ...migrateArgs(1)], [0, 1]),
    'each codemod separately, 1 thread (sum)': (run) => {
      if (run >= separateRuns) return null;
      let total = { ms: 0, maxRss: 0 };
      for (const codemod of codemods) {
        const one = measureCommand(cli, ['migrate', codemod.name, ...migrateArgs(1)], [0, 1]);
        total = { ms: total.ms + one.ms, maxRss: Math.max(total.maxRss, one.maxRss) };
      }
      return total;
    },
    [PARALLEL_BASELINE]: () => measureCommand(jscodeshift, [...identity, '--cpus', '2', ...relativeFiles]),
    'backend-perf migrate --all --dry --workers 2': () =>
      measureCommand(cli, ['migrate', '--all', ...migrateArgs(2)], [0, 1]),
  };
  const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  const memory = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let run = 0; run < runs; run += 1) {
    const names = Object.keys(variants);
    if (run % 2) names.reverse();
    for (const name of names) {
      console.error(`codemods: run ${run + 1}/${runs}: ${name}`);
      const result = variants[name](run);
      if (!result) continue;
      times[name].push(result.ms);
      memory[name].push(result.maxRss);
    }
  }
  const baselineOf = (name) =>
    median(times[name.includes('2 workers') || name.includes('--workers 2') ? PARALLEL_BASELINE : BASELINE]);
  say();
  say(`## Codemods`);
  say();
  say(
    `Every command gets the same explicit file list and runs \`--dry\` (\`migrate\` with \`--quiet\` and \`--no-config-lookup\`). One thread: jscodeshift \`--run-in-band\`, \`migrate --workers 1\`. Two workers: jscodeshift \`--cpus 2\` (child processes), \`migrate --workers 2\` (worker threads). Each throughput is against the jscodeshift run with the same parallelism. "Each codemod separately" is the sum of one \`migrate <codemod>\` per codemod, measured in ${separateRuns} of the runs. Peak RSS is the measured process's: it includes \`migrate\`'s worker threads but not jscodeshift's child processes.`,
  );
  say();
  say('| Run | Median | Files/s | Throughput vs jscodeshift | Peak RSS |');
  say('| --- | ---: | ---: | ---: | ---: |');
  for (const name of Object.keys(variants)) {
    const time = median(times[name]);
    say(
      `| ${name} | ${ms(time)} | ${(files.length / (time / 1000)).toFixed(0)} | ${pct(baselineOf(name) / time)} | ${(median(memory[name]) / 1024 / 1024).toFixed(0)} MB |`,
    );
  }
  say();
  say('Target: `migrate --all` reaches at least 70% of the baseline throughput.');
}

/**
 * Peak memory of `migrate --all --dry --workers 2` on 1/8, 1/4, 1/2 and all of the full corpus, each part every k-th
 * file of the sorted list, so that every part has the same mix of packages and only its size grows: with workers
 * replaced every `DEFAULT_FILES_PER_WORKER` files, the peak should stay flat.
 */
async function scaleBenchmark() {
  const cli = path.join(root, 'packages/cli/dist/bin.js');
  const all = ensureCorpus(FULL, { log: (m) => console.error(m) })
    .flatMap(sourceFiles)
    .map((file) => path.relative(CORPUS_DIR, file));
  const parts = [8, 4, 2, 1].map((step) => all.filter((_, index) => index % step === 0));
  say();
  say('## Memory as the file set grows');
  say();
  say(
    `\`migrate --all --dry --workers 2 --quiet\` on every 8th, 4th and 2nd file of the full corpus's sorted file list and on all of it (${all.length} files), so that each part has the same mix of packages; one run each; peak RSS of the process with its worker threads.`,
  );
  say();
  say('| Files | Time | Files/s | Peak RSS |');
  say('| ---: | ---: | ---: | ---: |');
  for (const part of parts) {
    console.error(`scale: ${part.length} files`);
    const result = measureCommand(
      cli,
      ['migrate', '--all', '--dry', '--force', '--no-config-lookup', '--quiet', '--workers', '2', ...part],
      [0, 1],
    );
    say(
      `| ${part.length} | ${ms(result.ms)} | ${(part.length / (result.ms / 1000)).toFixed(0)} | ${(result.maxRss / 1024 / 1024).toFixed(0)} MB |`,
    );
  }
}

if (only === 'all' || only === 'lint') await lintBenchmark();
if (only === 'all' || only === 'codemods') await codemodBenchmark();
if (only === 'all' || only === 'scale') await scaleBenchmark();
if (only === 'all' || only === 'project') {
  await projectBenchmark({
    parts: option('--project-parts', 'lint,edit,memory').split(','),
    say,
    runs: Number(option('--project-runs', String(Math.min(runs, 3)))),
    full: args.includes('--full'),
  });
}
if (out && only === 'project' && existsSync(path.resolve(out))) {
  // Only the whole-project section is replaced (or appended), from its heading to the next top-level section.
  const section = lines.slice(lines.indexOf('## Whole-project model')).join('\n').trim();
  const current = readFileSync(path.resolve(out), 'utf8');
  const start = current.indexOf('\n## Whole-project model\n');
  const next = start === -1 ? -1 : current.indexOf('\n## ', start + 1);
  const updated =
    start === -1
      ? `${current.trimEnd()}\n\n${section}\n`
      : `${current.slice(0, start)}\n${section}\n${next === -1 ? '' : current.slice(next)}`;
  writeFileSync(path.resolve(out), updated);
} else if (out) writeFileSync(path.resolve(out), `${lines.join('\n')}\n`);
