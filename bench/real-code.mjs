#!/usr/bin/env node
// Runs every rule of the `all` config and every codemod over real backend packages (bench/corpus.mjs) and counts
// crashes, findings per rule, and codemod outcomes. A crash is an exception thrown by a rule or a transform; a file
// that does not parse is counted apart and skipped, as the CLI does.
//
//   node bench/real-code.mjs                 the CI subset
//   node bench/real-code.mjs --full          the full corpus (several thousand files)
//   node bench/real-code.mjs --sample 20     also print 20 random findings per rule with their code, for reading
//   node bench/real-code.mjs --json out.json write the summary as JSON
//   node bench/real-code.mjs --lint-only     the rules alone, without the codemods (the findings and their sample)
//   node bench/real-code.mjs --config recommended
//                                            the rules of that config with its options (default: `all`), so that a
//                                            config's findings and sample are those its users see
import { Linter } from 'eslint';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCorpus, FULL, SUBSET, sourceFiles } from './corpus.mjs';
import { bytesOutsideEdits } from './properties.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = async (relative) => import(pathToFileURL(path.join(root, relative)).href);

/** A seeded shuffle, so that a sample can be read again. */
function sample(items, count, seed = 42) {
  const copy = [...items];
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

/** The first lines of an error's stack: enough to find the throwing frame. */
const describe = (error) =>
  String(error?.stack ?? error)
    .split('\n')
    .slice(0, 6)
    .join('\n');

/**
 * Lints, migrates and re-migrates every source file of the given corpus packages.
 *
 * - Rules: every rule of the `all` config (or of `config`, with that config's options). When a file makes ESLint throw, each rule is run alone on it so that
 *   the crash is attributed to its rule and the other rules' findings are kept.
 * - Per-file codemods (`default`): run with `dry` and the package folder as `cwd`, exactly as `migrate` calls them,
 *   on the text `migrate` reads (bytes that are not UTF-8 read as Latin-1). Every codemod on every file either
 *   leaves it byte-identical or gives a text that parses with the parser that read the file (`outputProblem`), keeps
 *   every byte outside its edits (`bytesOutsideEdits`), and does not change when the codemod runs on it again.
 * - Multi-file codemods (`runRefactor`): run once per package over all its files with `dry`, told the files where
 *   their rules report (`candidates`, from `detectCodemodSites`, as `migrate` does); every changed or created file
 *   must parse and keep the bytes outside its edits, and a second run that reads the new texts (`readFile`) must
 *   change nothing.
 * - A file that takes longer than 10 s is logged, so that a slow rule or codemod shows where it is slow.
 */
export async function runRealCode({ specs, log = () => {}, lintOnly = false, config = 'all' }) {
  const plugin = (await load('packages/eslint-plugin/dist/index.js')).default;
  // The rules object of the config (its other objects are ignores and CommonJS parsing).
  const all = plugin.configs[config]?.find((entry) => entry.name === `backend-perf/${config}`);
  if (!all) throw new Error(`no config named ${config}: use recommended, strict or all`);
  const codemods = await load('packages/codemods/dist/index.js');
  const { decodeSource } = await load('packages/cli/dist/write.js');
  const { languageOptionsFor, jscodeshiftParser } = codemods;
  const jscodeshift = createRequire(path.join(root, 'packages/codemods/package.json'))('jscodeshift');
  const folders = ensureCorpus(specs, { log });
  const ruleNames = Object.keys(all.rules);
  const summary = {
    files: 0,
    unparsable: [],
    ruleCrashes: [],
    findings: Object.fromEntries(ruleNames.map((name) => [name, 0])),
    codemods: {},
  };
  const findings = [];
  // Inline directives of the packages name rules of their own configs: ignore them.
  const linterOptions = {
    noInlineConfig: true,
    reportUnusedDisableDirectives: 'off',
    reportUnusedInlineConfigs: 'off',
  };
  const lintConfig = (file, text, rules = all.rules) => [
    {
      files: ['**/*'],
      languageOptions: languageOptionsFor(file, text),
      linterOptions,
      plugins: all.plugins,
      rules,
    },
  ];
  let linter = new Linter({ configType: 'flat' });
  /** Whether a changed text keeps the properties; adds the file to the codemod's list of what it broke if not. */
  const keepsProperties = (stats, file, before, after) => {
    if (codemods.outputProblem(file, before ?? after, after)) {
      stats.brokenOutput.push(relativeOf(file));
      return false;
    }
    const damage = before === null ? null : bytesOutsideEdits(codemods, file, before, after);
    if (damage) stats.damaged.push(`${relativeOf(file)}: ${damage}`);
    return damage === null;
  };

  const transforms = Object.entries(codemods.codemodsByName).filter(
    ([, module]) => typeof module.default === 'function',
  );
  const refactors = Object.entries(codemods.codemodsByName).filter(
    ([, module]) => typeof module.default !== 'function' && typeof module.runRefactor === 'function',
  );
  for (const [name] of [...transforms, ...refactors])
    summary.codemods[name] = { changed: 0, crashes: [], brokenOutput: [], damaged: [], notIdempotent: [] };
  const corpusRoot = path.join(root, 'bench', 'corpus');
  const relativeOf = (file) => path.relative(corpusRoot, file);

  /** Runs every rule alone on a file that made ESLint throw; returns the findings of the rules that did not. */
  const attributeCrash = (file, text) => {
    const messages = [];
    for (const rule of ruleNames) {
      try {
        messages.push(
          ...linter.verify(text, lintConfig(file, text, { [rule]: all.rules[rule] }), {
            filename: file,
          }),
        );
      } catch (error) {
        summary.ruleCrashes.push({ rule, file: relativeOf(file), error: describe(error) });
      }
    }
    return messages;
  };

  for (const folder of folders) {
    // Each package is linted from its own root, as its developers would: paths match start-up globs from there.
    linter = new Linter({ configType: 'flat', cwd: folder });
    const parsable = [];
    const candidates = new Map(refactors.map(([name]) => [name, []]));
    const refactorMetas = refactors.map(([, module]) => module.meta);
    const folderStarted = Date.now();
    log(`${path.basename(folder)}: ${lintOnly ? 'linting' : 'linting and migrating'}`);
    for (const file of sourceFiles(folder)) {
      const relative = relativeOf(file);
      const { text } = decodeSource(readFileSync(file));
      const fileStarted = Date.now();
      summary.files += 1;
      let messages;
      try {
        messages = linter.verify(text, lintConfig(file, text), { filename: file });
      } catch {
        messages = attributeCrash(file, text);
      }
      const fatal = messages.find((m) => m.fatal);
      if (fatal) {
        summary.unparsable.push({ file: relative, message: fatal.message });
        continue;
      }
      parsable.push(file);
      // Messages without a rule are ESLint's notes on the ignored inline directives, not findings.
      for (const m of messages.filter((message) => message.ruleId)) {
        summary.findings[m.ruleId] = (summary.findings[m.ruleId] ?? 0) + 1;
        findings.push({ ruleId: m.ruleId, file, relative, line: m.line, column: m.column, message: m.message });
      }
      if (lintOnly) continue;
      const j = jscodeshift.withParser(jscodeshiftParser(file));
      const api = { j, jscodeshift: j, report: () => {}, stats: () => {} };
      const options = { cwd: folder, dry: true };
      for (const [name, module] of transforms) {
        const stats = summary.codemods[name];
        try {
          const output = module.default({ path: file, source: text }, api, options);
          if (typeof output !== 'string' || output === text) continue;
          stats.changed += 1;
          if (!keepsProperties(stats, file, text, output)) continue;
          const again = module.default({ path: file, source: output }, api, options);
          if (typeof again === 'string' && again !== output) stats.notIdempotent.push(relative);
        } catch (error) {
          if (error?.name === 'CodemodParseError') continue;
          stats.crashes.push({ file: relative, error: describe(error) });
        }
      }
      try {
        const detected = codemods.detectCodemodSites({
          source: text,
          filename: file,
          cwd: folder,
          codemods: refactorMetas,
        });
        for (const name of detected.keys()) candidates.get(name)?.push(file);
      } catch (error) {
        // Already counted above: a crash of a rule is a rule crash, whichever pass runs it.
        if (error?.name !== 'CodemodParseError')
          summary.ruleCrashes.push({ rule: '(site detection)', file: relative, error: describe(error) });
      }
      const seconds = (Date.now() - fileStarted) / 1000;
      if (seconds > 10) log(`  slow: ${relative} took ${seconds.toFixed(1)} s`);
    }
    for (const [name, module] of lintOnly ? [] : refactors) {
      const stats = summary.codemods[name];
      const refactorStarted = Date.now();
      const absolute = (file) => path.resolve(folder, file);
      let first;
      try {
        first = module.runRefactor({ files: parsable, cwd: folder, dry: true, candidates: candidates.get(name) });
      } catch (error) {
        stats.crashes.push({ file: relativeOf(folder), error: describe(error) });
        continue;
      }
      const texts = new Map();
      for (const change of first.changes) {
        if (change.after === change.before) continue;
        const file = absolute(change.path);
        texts.set(file, change.after);
        stats.changed += 1;
        if (codemods.isSourceFile(file)) keepsProperties(stats, file, change.before, change.after);
      }
      if (texts.size === 0) continue;
      const created = [...texts.keys()].filter((file) => !parsable.includes(file));
      try {
        // The second run looks where the first did and in every file it changed or created.
        const again = [...new Set([...(candidates.get(name) ?? []), ...texts.keys()])];
        const second = module.runRefactor({
          files: [...parsable, ...created],
          cwd: folder,
          dry: true,
          readFile: (file) => texts.get(path.resolve(file)),
          candidates: again,
        });
        for (const change of second.changes) {
          const file = absolute(change.path);
          const current = texts.get(file) ?? change.before;
          if (change.after !== current) stats.notIdempotent.push(relativeOf(file));
        }
      } catch (error) {
        stats.crashes.push({ file: `${relativeOf(folder)} (second run)`, error: describe(error) });
      }
      const seconds = (Date.now() - refactorStarted) / 1000;
      if (seconds > 10) log(`  slow: ${name} took ${seconds.toFixed(1)} s on ${path.basename(folder)}`);
    }
    log(`${path.basename(folder)}: ${((Date.now() - folderStarted) / 1000).toFixed(0)} s`);
  }
  return { summary, findings };
}

/** Crashes, broken outputs and second-pass changes, one line each (empty when the run is clean). */
export function failures(summary) {
  return [
    ...summary.ruleCrashes.map((c) => `rule ${c.rule} crashed on ${c.file}\n${c.error}`),
    ...Object.entries(summary.codemods).flatMap(([name, s]) => [
      ...s.crashes.map((c) => `codemod ${name} crashed on ${c.file}\n${c.error}`),
      ...s.brokenOutput.map((file) => `codemod ${name} printed code that does not parse: ${file}`),
      ...s.damaged.map((file) => `codemod ${name} changed bytes outside its edits: ${file}`),
      ...s.notIdempotent.map((file) => `codemod ${name} changes its own output again: ${file}`),
    ]),
  ];
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
  const configIndex = process.argv.indexOf('--config');
  const started = Date.now();
  const { summary, findings } = await runRealCode({
    specs: full ? FULL : SUBSET,
    log: (m) => console.error(m),
    lintOnly: process.argv.includes('--lint-only'),
    config: configIndex === -1 ? 'all' : process.argv[configIndex + 1],
  });
  console.log(
    `files: ${summary.files}, unparsable (skipped): ${summary.unparsable.length}, rule crashes: ${summary.ruleCrashes.length}`,
  );
  console.log('\nfindings per rule:');
  for (const [rule, count] of Object.entries(summary.findings).sort()) console.log(`  ${rule.padEnd(45)} ${count}`);
  console.log(
    '\ncodemods (changed files, crashes, outputs that do not parse, bytes changed outside the edits, second pass changes):',
  );
  for (const [name, stats] of Object.entries(summary.codemods)) {
    console.log(
      `  ${name.padEnd(30)} ${stats.changed} changed, ${stats.crashes.length} crashes, ${stats.brokenOutput.length} broken, ${stats.damaged.length} damaged, ${stats.notIdempotent.length} not idempotent`,
    );
  }
  for (const failure of failures(summary)) console.log(`\nFAILED ${failure}`);
  if (sampleIndex !== -1) {
    const count = Number(process.argv[sampleIndex + 1] ?? 10);
    const byRule = new Map();
    for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    for (const [rule, list] of byRule) {
      console.log(`\n=== ${rule}: ${Math.min(count, list.length)} of ${list.length} ===`);
      for (const f of sample(list, count))
        console.log(`\n--- ${f.relative}:${f.line}:${f.column}\n${f.message}\n${excerpt(f.file, f.line)}`);
    }
  }
  if (jsonIndex !== -1) writeFileSync(process.argv[jsonIndex + 1], `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`\n${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = failures(summary).length > 0 ? 1 : 0;
}
