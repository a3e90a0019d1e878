#!/usr/bin/env node
// `pnpm bench`: speed and memory of the plugin and the codemod runner on the real-code corpus, as ratios against
// baselines measured in the same run (medians of several runs, in alternating order; the machine is shared and noisy).
//
//   node bench/run.mjs [--full] [--runs N] [--only lint|codemods] [--out docs/benchmarks.md]
//
// Lint: ESLint with @typescript-eslint/parser and ESLint's recommended rules, alone and with backend-perf's
// `recommended` config added; the overhead ratio and each rule's share (ESLint's own per-rule `stats`).
// Codemods: `backend-perf migrate --all --dry` in files per second against jscodeshift's runner doing only parse and
// print, and against running each codemod separately; peak memory (max RSS) of each.
import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CORPUS_DIR, ensureCorpus, FULL, SUBSET, sourceFiles } from './corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const runs = Number(option('--runs', '5'));
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

const folders = ensureCorpus(specs, { log: (m) => console.error(m) });
const files = folders.flatMap(sourceFiles);
const lines = [];
const say = (line = '') => {
  console.log(line);
  lines.push(line);
};

say(`# Benchmarks`);
say();
say(`Corpus: ${folders.map((f) => path.basename(f)).join(', ')} (${files.length} files). ${runs} runs each, medians; ${os.cpus().length} cores, Node ${process.version}.`);

async function lintBenchmark() {
  const plugin = (await import(pathToFileURL(path.join(root, 'packages/eslint-plugin/dist/index.js')).href)).default;
  const base = [
    { files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'], languageOptions: { parser: tsParser, ecmaVersion: 'latest' } },
    js.configs.recommended,
  ];
  const configs = { baseline: base, withPlugin: [...base, plugin.configs.recommended] };
  const times = { baseline: [], withPlugin: [] };
  const ruleTimes = {};
  for (let run = 0; run <= runs; run += 1) {
    const order = run % 2 ? ['withPlugin', 'baseline'] : ['baseline', 'withPlugin'];
    for (const name of order) {
      const eslint = new ESLint({ cwd: CORPUS_DIR, overrideConfigFile: true, overrideConfig: configs[name], stats: name === 'withPlugin', warnIgnored: false });
      const started = performance.now();
      const results = await eslint.lintFiles(files);
      const elapsed = performance.now() - started;
      if (run === 0) continue; // warm-up
      times[name].push(elapsed);
      if (name === 'withPlugin') {
        const perRun = {};
        for (const result of results) {
          for (const pass of result.stats?.times?.passes ?? []) {
            for (const [rule, timing] of Object.entries(pass.rules ?? {})) perRun[rule] = (perRun[rule] ?? 0) + timing.total;
          }
        }
        for (const [rule, total] of Object.entries(perRun)) (ruleTimes[rule] ??= []).push(total);
      }
    }
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
  say('Per-rule share of the baseline run (ESLint `stats`; target: no rule above 3%):');
  say();
  say('| Rule | Median time | Share |');
  say('| --- | ---: | ---: |');
  for (const [rule, values] of Object.entries(ruleTimes).filter(([r]) => r.startsWith('backend-perf/')).sort((a, b) => median(b[1]) - median(a[1]))) {
    say(`| ${rule} | ${ms(median(values))} | ${pct(median(values) / baseline)} |`);
  }
}

function measureCommand(command, commandArgs) {
  // Wall time and peak RSS of a child process, measured by a small wrapper so that no external tool is needed.
  const output = execFileSync(process.execPath, [path.join(root, 'bench', 'measure.mjs'), command, ...commandArgs], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').pop());
}

async function codemodBenchmark() {
  const { codemods } = await import(pathToFileURL(path.join(root, 'packages/codemods/dist/index.js')).href);
  const cli = path.join(root, 'packages/cli/dist/bin.js');
  const jscodeshift = path.join(path.dirname(createRequire(path.join(root, 'packages/codemods/package.json')).resolve('jscodeshift/package.json')), 'bin', 'jscodeshift.js');
  const workers = '1';
  const variants = {
    'jscodeshift parse + print (baseline)': () =>
      measureCommand(jscodeshift, ['-t', path.join(root, 'bench/identity-transform.cjs'), '--dry', '--silent', '--cpus', workers, '--parser', 'tsx', '--extensions', 'js,jsx,mjs,cjs,ts,tsx,mts,cts', '--ignore-pattern', '**/node_modules/**', ...folders]),
    'backend-perf migrate --all --dry': () => measureCommand(cli, ['migrate', '--all', '--dry', '--quiet', '--workers', workers, ...folders]),
    'each codemod separately (sum)': () => {
      let total = { ms: 0, maxRss: 0 };
      for (const codemod of codemods) {
        const one = measureCommand(cli, ['migrate', codemod.name, '--dry', '--quiet', '--workers', workers, ...folders]);
        total = { ms: total.ms + one.ms, maxRss: Math.max(total.maxRss, one.maxRss) };
      }
      return total;
    },
  };
  const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  const memory = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let run = 0; run < runs; run += 1) {
    const names = Object.keys(variants);
    if (run % 2) names.reverse();
    for (const name of names) {
      const result = variants[name]();
      times[name].push(result.ms);
      memory[name].push(result.maxRss);
    }
  }
  const baseline = median(times['jscodeshift parse + print (baseline)']);
  say();
  say(`## Codemods (${workers} worker)`);
  say();
  say('| Run | Median | Files/s | Throughput vs baseline | Peak RSS |');
  say('| --- | ---: | ---: | ---: | ---: |');
  for (const name of Object.keys(variants)) {
    const time = median(times[name]);
    say(`| ${name} | ${ms(time)} | ${(files.length / (time / 1000)).toFixed(0)} | ${pct(baseline / time)} | ${(median(memory[name]) / 1024 / 1024).toFixed(0)} MB |`);
  }
  say();
  say('Target: `migrate --all` reaches at least 70% of the baseline throughput.');
}

if (only === 'all' || only === 'lint') await lintBenchmark();
if (only === 'all' || only === 'codemods') await codemodBenchmark();
if (out) writeFileSync(path.resolve(out), `${lines.join('\n')}\n`);
