#!/usr/bin/env node
// Prints the precision tables of docs/real-code.md from the verdict files, one per rule, and the configs each rule
// is in. The verdicts were written by reading a seeded sample of each rule's findings in its file and its callers.
//
//   node bench/precision/summary.mjs          the library corpus: bench/precision/verdicts/, from the sample of
//                                             `node bench/real-code.mjs --full --sample 20` (every rule of `all`);
//                                             a verdict file with `"config": "recommended"` is from the sample of
//                                             `--config recommended`, the rules with that config's options
//   node bench/precision/summary.mjs --apps   the labelled applications: bench/precision/apps/, from the sample of
//                                             `node bench/apps.mjs --sample 20` (the rules of `recommended`)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const plugin = (await import(pathToFileURL(path.join(root, 'packages/eslint-plugin/dist/index.js')).href)).default;
const dir = path.join(here, process.argv.includes('--apps') ? 'apps' : 'verdicts');
const rows = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')))
  .sort((a, b) => a.rule.localeCompare(b.rule));

const config = (rule) => plugin.rules[rule]?.meta.docs.recommended ?? '?';
console.log('| Rule | Config | Findings | Sample | True positives | False positives | Precision (sample) |');
console.log('| --- | --- | --: | --: | --: | --: | --: |');
for (const { rule, findings, sample } of rows) {
  const tp = sample.filter((item) => item.verdict === 'TP').length;
  const fp = sample.filter((item) => item.verdict === 'FP').length;
  const precision = sample.length === 0 ? 'not measurable' : `${Math.round((100 * tp) / sample.length)}%`;
  const size = sample.length === findings && findings > 0 ? `${sample.length} (all)` : String(sample.length);
  console.log(
    `| [${rule}](rules/${rule}.md) | \`${config(rule)}\` | ${findings} | ${size} | ${tp} | ${fp} | ${precision} |`,
  );
}
