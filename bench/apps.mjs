#!/usr/bin/env node
// Measures the rules on real applications against hand labels: for each config, the recall of the costly sites on
// the request path (labels "true") and how often the look-alikes in start-up code, scripts, tests and bounded work
// (labels "bait") are reported. Labels are in bench/apps/labels/<folder>.json, one line of reason each; they were
// decided by reading each application's code and callers before any rule was run on it.
//
//   node bench/apps.mjs                      every application (fetched by bench/corpus.mjs --apps), every config
//   node bench/apps.mjs --app payload        only the applications whose folder contains "payload"
//   node bench/apps.mjs --misses             also list every missed true site and every reported bait site, each with
//                                            the context the request-path model gives the code at that line
//   node bench/apps.mjs --sample 20          also write 20 seeded random findings per rule of `recommended`, with
//                                            their code, to bench/results/apps-sample.md (for the precision reading)
//   node bench/apps.mjs --json out.json      write the figures as JSON
//   node bench/apps.mjs --settings '{"handlerSignatures":false}'
//                                            lint with these settings['backend-perf'] (to measure one option's effect)
//
// Each application is linted from its own folder with the file's absolute path, as ESLint would in that project,
// so the whole-project model sees every file of it. Two passes: every rule with its default options (the figures
// of `recommended`), and the `all` config (those of `strict` and `all`).
import { Linter } from 'eslint';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APPS, ensureCorpus, folderName, sourceFiles } from './corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = async (relative) => import(pathToFileURL(path.join(root, relative)).href);
const LABELS = path.join(root, 'bench', 'apps', 'labels');

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};

/** `settings['backend-perf']` for every lint of the run (`--settings <json>`). */
const settings = { 'backend-perf': JSON.parse(value('--settings') ?? '{}') };

/** A seeded shuffle, so that a sample can be read again. */
function sample(items, count, seed = 7) {
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

const percent = (part, whole) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`);

/** Every label file, checked: its snippet must be on its line. */
export function readLabels(folders) {
  const labels = [];
  for (const name of readdirSync(LABELS).filter((file) => file.endsWith('.json'))) {
    const data = JSON.parse(readFileSync(path.join(LABELS, name), 'utf8'));
    const folder = folders.find((candidate) => path.basename(candidate) === data.folder);
    if (!folder) continue;
    for (const label of data.labels) {
      const file = path.join(folder, label.file);
      const line = readFileSync(file, 'utf8').split('\n')[label.line - 1] ?? '';
      if (label.snippet && !line.includes(label.snippet)) {
        throw new Error(`${name}: "${label.snippet}" is not on ${label.file}:${label.line}`);
      }
      labels.push({ ...label, app: data.folder, absolute: file });
    }
  }
  return labels;
}

/** Rules that report a loop at one of its awaits: a label on any line of that loop is its site. */
const LOOP_RULES = new Set(['backend-perf/no-independent-await-in-loop']);

/** The lines of the innermost loop around a message's position, or `null`. */
function innermostLoop(loops, message) {
  const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  const at = { line: message.line, column: message.column - 1 };
  let best = null;
  for (const loc of loops) {
    if (!before(loc.start, at) || !before(at, loc.end)) continue;
    if (!best || before(best.start, loc.start)) best = loc;
  }
  return best ? [best.start.line, best.end.line] : null;
}

/**
 * Whether a finding reports a label's site: same rule and file, and the site's line is the finding's first line.
 * `no-unbounded-cache` reports a collection (a module-scope variable or an instance's field, `this.name`) at its
 * declaration and names where it grows; a label may name either, or another line that adds to the same collection
 * (`name[key] =`, `name.set(`, `name.add(`, `name.push(`).
 * `no-independent-await-in-loop` reports a loop at one of its awaits: its site is the loop's label nearest that
 * await (one label per finding).
 */
function matches(finding, label, labels) {
  if (finding.rule !== label.rule || finding.file !== label.absolute) return false;
  if (finding.line === label.line) return true;
  if (finding.loop) {
    // One loop, one site: the label of the loop nearest the reported await.
    const inLoop = labels.filter(
      (other) =>
        other.rule === finding.rule &&
        other.absolute === finding.file &&
        finding.loop[0] <= other.line &&
        other.line <= finding.loop[1],
    );
    const distance = (other) => Math.abs(other.line - finding.line);
    return (
      inLoop.length > 0 && inLoop.reduce((best, other) => (distance(other) < distance(best) ? other : best)) === label
    );
  }
  if (finding.rule !== 'no-unbounded-cache') return false;
  const named = /^`([^`]+)` is a (?:module-scope .*|.* field of .*) on line (\d+) /u.exec(finding.message);
  if (!named) return false;
  if (Number(named[2]) === label.line) return true;
  const text = readFileSync(label.absolute, 'utf8').split('\n')[label.line - 1] ?? '';
  const name = named[1].replace(/[$.]/gu, '\\$&');
  return new RegExp(
    `(?<![\\w$.])${name}(?:\\[[^\\]]*\\]\\s*(?:=(?!=)|\\?\\?=|\\|\\|=)|\\.(?:set|add|push|unshift)\\()`,
    'u',
  ).test(text);
}

export async function runApps({ specs = APPS, log = () => {} } = {}) {
  const plugin = (await load('packages/eslint-plugin/dist/index.js')).default;
  // The rules object of the `all` config (its other objects are ignores and CommonJS parsing).
  const all = plugin.configs.all.find((config) => config.name === 'backend-perf/all');
  const { languageOptionsFor } = await load('packages/codemods/dist/index.js');
  const folders = ensureCorpus(specs, { log });
  const labels = readLabels(folders);
  const rules = Object.keys(all.rules).map((name) => name.replace(/^backend-perf\//u, ''));
  const membership = Object.fromEntries(rules.map((rule) => [rule, plugin.rules[rule].meta.docs.recommended]));
  const inConfig = (rule, config) =>
    config === 'all' || membership[rule] === 'recommended' || (config === 'strict' && membership[rule] === 'strict');
  const defaults = Object.fromEntries(rules.map((rule) => [`backend-perf/${rule}`, 'error']));
  const passes = { defaults, strict: all.rules };
  const linterOptions = {
    noInlineConfig: true,
    reportUnusedDisableDirectives: 'off',
    reportUnusedInlineConfigs: 'off',
  };
  const findings = { defaults: [], strict: [] };
  const timings = {};
  // The loops of the file being linted (a probe that reports nothing), so that a finding of a rule that reports a
  // loop at one of its awaits is matched with the loop.
  let loops = [];
  const LOOPS = ['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement'];
  const probe = {
    rules: {
      loops: {
        create: () => Object.fromEntries(LOOPS.map((type) => [type, (node) => loops.push(node.loc)])),
      },
    },
  };
  for (const folder of folders) {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const linter = new Linter({ configType: 'flat', cwd: folder });
    log(`${path.basename(folder)}: linting`);
    for (const file of sourceFiles(folder)) {
      const text = readFileSync(file, 'utf8');
      for (const [pass, passRules] of Object.entries(passes)) {
        let messages;
        loops = [];
        try {
          messages = linter.verify(
            text,
            [
              {
                files: ['**/*'],
                languageOptions: languageOptionsFor(file, text),
                linterOptions,
                settings,
                plugins: { ...all.plugins, 'bench-probe': probe },
                rules: { ...passRules, 'bench-probe/loops': 'error' },
              },
            ],
            { filename: file },
          );
        } catch (error) {
          log(`  crash in ${path.relative(folder, file)}: ${String(error?.message ?? error).split('\n')[0]}`);
          continue;
        }
        for (const message of messages) {
          if (!message.ruleId) continue;
          findings[pass].push({
            app: path.basename(folder),
            rule: message.ruleId.replace(/^backend-perf\//u, ''),
            file,
            relative: path.relative(folder, file),
            line: message.line,
            endLine: message.endLine ?? message.line,
            message: message.message,
            ...(LOOP_RULES.has(message.ruleId) ? { loop: innermostLoop(loops, message) } : {}),
          });
        }
      }
    }
    const usage = process.cpuUsage(cpu);
    timings[path.basename(folder)] = {
      wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
      cpuSeconds: (usage.user + usage.system) / 1e6,
    };
  }

  const configs = {};
  for (const config of ['recommended', 'strict', 'all']) {
    const pass = config === 'recommended' ? findings.defaults : findings.strict;
    const perRule = {};
    for (const rule of rules) {
      if (!inConfig(rule, config)) continue;
      const truth = labels.filter((label) => label.rule === rule && label.label === 'true');
      const bait = labels.filter((label) => label.rule === rule && label.label === 'bait');
      const found = truth.filter((label) => pass.some((finding) => matches(finding, label, labels)));
      const hit = bait.filter((label) => pass.some((finding) => matches(finding, label, labels)));
      perRule[rule] = {
        true: truth.length,
        found: found.length,
        bait: bait.length,
        baitHits: hit.length,
        findings: pass.filter((finding) => finding.rule === rule).length,
        missed: truth.filter((label) => !found.includes(label)),
        baitReported: hit,
      };
    }
    const total = (key) => Object.values(perRule).reduce((sum, entry) => sum + entry[key], 0);
    configs[config] = {
      perRule,
      true: total('true'),
      found: total('found'),
      bait: total('bait'),
      baitHits: total('baitHits'),
      findings: total('findings'),
    };
  }
  const core = await load('packages/core/dist/index.js');
  const contextAt = (label) => {
    const text = readFileSync(label.absolute, 'utf8');
    let found = 'unparsed';
    const probe = {
      create(context) {
        return {
          'Program:exit'() {
            const model = core.getRequestPathModel(context);
            let best = null;
            const visit = (node) => {
              if (node.loc.start.line <= label.line && label.line <= node.loc.end.line) {
                best = node;
                for (const child of core.childNodes(node, context.sourceCode.visitorKeys)) visit(child);
              }
            };
            visit(context.sourceCode.ast);
            const where = model.contextOf(best ?? context.sourceCode.ast);
            found = `${where.context}: ${where.reason}`;
          },
        };
      },
    };
    const folder = folders.find((candidate) => path.basename(candidate) === label.app);
    new Linter({ configType: 'flat', cwd: folder }).verify(
      text,
      [
        {
          files: ['**/*'],
          languageOptions: languageOptionsFor(label.absolute, text),
          settings,
          plugins: { probe: { rules: { context: probe } } },
          rules: { 'probe/context': 'error' },
        },
      ],
      { filename: label.absolute },
    );
    return found;
  };
  return { apps: folders.map((folder) => path.basename(folder)), labels, configs, findings, timings, contextAt };
}

function printTable(result) {
  for (const [config, figures] of Object.entries(result.configs)) {
    console.log(`\n## ${config}\n`);
    console.log('| Rule | True sites | Found | Recall | Bait sites | Reported | Bait hits | Findings |');
    console.log('| --- | --: | --: | --: | --: | --: | --: | --: |');
    for (const [rule, entry] of Object.entries(figures.perRule)) {
      if (entry.true === 0 && entry.bait === 0 && entry.findings === 0) continue;
      console.log(
        `| ${rule} | ${entry.true} | ${entry.found} | ${percent(entry.found, entry.true)} | ${entry.bait} | ${entry.baitHits} | ${percent(entry.baitHits, entry.bait)} | ${entry.findings} |`,
      );
    }
    console.log(
      `| **all rules** | ${figures.true} | ${figures.found} | **${percent(figures.found, figures.true)}** | ${figures.bait} | ${figures.baitHits} | **${percent(figures.baitHits, figures.bait)}** | ${figures.findings} |`,
    );
  }
}

function printMisses(result) {
  for (const [config, figures] of Object.entries(result.configs)) {
    if (config !== 'all') continue;
    console.log(`\n## Missed true sites and reported bait (${config})\n`);
    for (const [rule, entry] of Object.entries(figures.perRule)) {
      for (const label of entry.missed) {
        console.log(`- missed ${rule} ${label.app}/${label.file}:${label.line} — ${label.reason}`);
        console.log(`  model: ${result.contextAt(label)}`);
      }
      for (const label of entry.baitReported) {
        console.log(`- bait hit ${rule} ${label.app}/${label.file}:${label.line} — ${label.reason}`);
        console.log(`  model: ${result.contextAt(label)}`);
      }
    }
  }
}

function writeSample(result, count) {
  const lines = ['# A seeded sample of `recommended` findings on the application corpus', ''];
  const recommended = result.findings.defaults.filter((finding) => result.configs.recommended.perRule[finding.rule]);
  const byRule = new Map();
  for (const finding of recommended) byRule.set(finding.rule, [...(byRule.get(finding.rule) ?? []), finding]);
  for (const [rule, list] of [...byRule].sort()) {
    lines.push(`## ${rule} (${list.length} findings)`, '');
    for (const finding of sample(list, count)) {
      const text = readFileSync(finding.file, 'utf8').split('\n');
      const from = Math.max(0, finding.line - 4);
      lines.push(`### ${finding.app}/${finding.relative}:${finding.line}`, '', finding.message, '', '```js');
      lines.push(
        ...text.slice(from, finding.line + 3).map((line, index) => `${from + index + 1}: ${line.slice(0, 160)}`),
      );
      lines.push('```', '');
    }
  }
  mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  const out = path.join(root, 'bench', 'results', 'apps-sample.md');
  writeFileSync(out, `${lines.join('\n')}\n`);
  console.log(`\nwrote ${path.relative(root, out)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = value('--app');
  const specs = only ? APPS.filter((spec) => folderName(spec).includes(only)) : APPS;
  const started = Date.now();
  const result = await runApps({ specs, log: (line) => console.error(line) });
  console.log(`# Applications: ${result.apps.join(', ')}`);
  console.log(`${result.labels.length} labels; ${((Date.now() - started) / 1000).toFixed(0)} s`);
  printTable(result);
  if (flag('--misses')) printMisses(result);
  const count = value('--sample');
  if (count) writeSample(result, Number(count));
  const json = value('--json');
  if (json) {
    const { findings: _findings, labels: _labels, contextAt: _contextAt, ...figures } = result;
    writeFileSync(json, JSON.stringify(figures, null, 2));
  }
}
