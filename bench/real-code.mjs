#!/usr/bin/env node
// Runs every rule of the `all` config and every codemod over real backend packages (bench/corpus.mjs) and counts
// crashes, findings per rule, and codemod outcomes. A crash is an exception thrown by a rule or a transform; a file
// that does not parse is counted apart and skipped, as the CLI does.
//
//   node bench/real-code.mjs                 the CI subset
//   node bench/real-code.mjs --full          the full corpus (several thousand files)
//   node bench/real-code.mjs --sample 20     also print 20 random findings per rule with their code, for reading
//   node bench/real-code.mjs --json out.json write the summary as JSON
import { Linter } from 'eslint';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCorpus, FULL, SUBSET, sourceFiles } from './corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = async (relative) => import(pathToFileURL(path.join(root, relative)).href);

/** A seeded shuffle, so that a sample can be read again. */
function sample(items, count, seed = 42) {
  const copy = [...items];
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

export async function runRealCode({ specs, log = () => {} }) {
  const plugin = (await load('packages/eslint-plugin/dist/index.js')).default;
  const codemods = await load('packages/codemods/dist/index.js');
  const { languageOptionsFor } = codemods;
  const folders = ensureCorpus(specs, { log });
  const summary = {
    files: 0,
    unparsable: [],
    ruleCrashes: [],
    findings: {},
    codemods: {},
  };
  const findings = [];
  // Inline directives of the packages name rules of their own configs: ignore them.
  const lintConfig = (file, text) => [
    { files: ['**/*'], languageOptions: languageOptionsFor(file, text), linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' }, ...plugin.configs.all },
  ];
  let linter = new Linter({ configType: 'flat' });
  const parses = (file, text) => !linter.verify(text, [{ files: ['**/*'], languageOptions: languageOptionsFor(file, text) }], { filename: file }).some((m) => m.fatal);

  const transforms = Object.entries(codemods.codemodsByName).filter(([, module]) => typeof module.default === 'function');
  for (const [name] of transforms) summary.codemods[name] = { changed: 0, crashes: [], brokenOutput: [], notIdempotent: [] };

  for (const folder of folders) {
    // Each package is linted from its own root, as its developers would: paths match start-up globs from there.
    linter = new Linter({ configType: 'flat', cwd: folder });
    for (const file of sourceFiles(folder)) {
      const relative = path.relative(path.join(root, 'bench', 'corpus'), file);
      const text = readFileSync(file, 'utf8');
      summary.files += 1;
      let messages;
      try {
        messages = linter.verify(text, lintConfig(file, text), { filename: file });
      } catch (error) {
        summary.ruleCrashes.push({ file: relative, error: String(error?.stack ?? error).split('\n').slice(0, 4).join('\n') });
        continue;
      }
      const fatal = messages.find((m) => m.fatal);
      if (fatal) {
        summary.unparsable.push({ file: relative, message: fatal.message });
        continue;
      }
      for (const m of messages) {
        summary.findings[m.ruleId] = (summary.findings[m.ruleId] ?? 0) + 1;
        findings.push({ ruleId: m.ruleId, file, relative, line: m.line, column: m.column, message: m.message });
      }
      for (const [name, module] of transforms) {
        const stats = summary.codemods[name];
        const api = { report: () => {}, stats: () => {} };
        try {
          const output = module.default({ path: file, source: text }, api, {});
          if (output === undefined || output === null || output === text) continue;
          stats.changed += 1;
          if (!parses(file, output)) stats.brokenOutput.push(relative);
          const again = module.default({ path: file, source: output }, api, {});
          if (again !== undefined && again !== null && again !== output) stats.notIdempotent.push(relative);
        } catch (error) {
          if (error?.name === 'CodemodParseError') continue;
          stats.crashes.push({ file: relative, error: String(error?.stack ?? error).split('\n').slice(0, 4).join('\n') });
        }
      }
    }
  }
  return { summary, findings };
}

function excerpt(file, line) {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/u);
  const from = Math.max(0, line - 4);
  return lines
    .slice(from, line + 3)
    .map((text, i) => `${String(from + i + 1).padStart(5)}${from + i + 1 === line ? '>' : ' '} ${text.slice(0, 140)}`)
    .join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const full = process.argv.includes('--full');
  const sampleIndex = process.argv.indexOf('--sample');
  const jsonIndex = process.argv.indexOf('--json');
  const started = Date.now();
  const { summary, findings } = await runRealCode({ specs: full ? FULL : SUBSET, log: (m) => console.error(m) });
  console.log(`files: ${summary.files}, unparsable (skipped): ${summary.unparsable.length}, rule crashes: ${summary.ruleCrashes.length}`);
  console.log('\nfindings per rule:');
  for (const [rule, count] of Object.entries(summary.findings).sort()) console.log(`  ${rule.padEnd(45)} ${count}`);
  console.log('\ncodemods (changed files, crashes, outputs that do not parse, second pass changes):');
  for (const [name, stats] of Object.entries(summary.codemods)) {
    console.log(`  ${name.padEnd(30)} ${stats.changed} changed, ${stats.crashes.length} crashes, ${stats.brokenOutput.length} broken, ${stats.notIdempotent.length} not idempotent`);
  }
  for (const crash of [...summary.ruleCrashes, ...Object.values(summary.codemods).flatMap((s) => s.crashes)]) console.log(`\nCRASH ${crash.file}\n${crash.error}`);
  if (sampleIndex !== -1) {
    const count = Number(process.argv[sampleIndex + 1] ?? 10);
    const byRule = new Map();
    for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    for (const [rule, list] of byRule) {
      console.log(`\n=== ${rule}: ${count} of ${list.length} ===`);
      for (const f of sample(list, count)) console.log(`\n--- ${f.relative}:${f.line}:${f.column}\n${f.message}\n${excerpt(f.file, f.line)}`);
    }
  }
  if (jsonIndex !== -1) writeFileSync(process.argv[jsonIndex + 1], `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`\n${((Date.now() - started) / 1000).toFixed(1)} s`);
  const failed = summary.ruleCrashes.length + Object.values(summary.codemods).reduce((n, s) => n + s.crashes.length + s.brokenOutput.length + s.notIdempotent.length, 0);
  process.exitCode = failed > 0 ? 1 : 0;
}
