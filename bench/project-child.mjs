// One measurement of bench/project.mjs, in a process of its own so that its CPU time and memory are its own. The
// parent passes a JSON job as the only argument and reads a JSON result from the last line of stdout.
//
//   lint     lint a list of files from `cwd` with ESLint's recommended config, with or without backend-perf's; the
//            CPU time (user + system) and wall time of the `lintFiles` call and of the whole process
//   edits    in one process, as an editor's language server: build the project graph, then change one file after
//            another and re-lint it with and without the plugin (`ESLint.lintText`), in alternating order
//   memory   the heap that the project graph keeps (run with --expose-gc): heapUsed after garbage collection before
//            and after the first lint of a file of the project
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { ESLint, Linter } from 'eslint';
import { readFileSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const job = JSON.parse(process.argv[2]);
const plugin =
  job.plugin || job.mode !== 'lint'
    ? (await import(pathToFileURL(path.join(root, 'packages/eslint-plugin/dist/index.js')).href)).default
    : null;

// The same configs as the lint benchmark of bench/run.mjs: typescript-eslint's parser for every file, inline
// directives of the corpus (which name rules of the packages' own configs) ignored.
const base = [
  {
    files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest' },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
  },
  js.configs.recommended,
];
// The plugin's recommended config without its ignores object, so that both runs lint the same files (the
// applications' published packages keep much of their code in folders such as `dist/`, which that object ignores).
const recommended = plugin ? plugin.configs.recommended.filter((config) => config.name !== 'backend-perf/ignores') : [];
const config = [...base, ...recommended];
const eslintFor = (withPlugin) =>
  new ESLint({
    cwd: job.cwd,
    overrideConfigFile: true,
    overrideConfig: withPlugin ? [...base, ...recommended] : base,
    warnIgnored: false,
    cache: false,
  });

/** CPU milliseconds (user + system) since `start`, a `process.cpuUsage()` value. */
const cpuSince = (start) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

async function lint() {
  const files = JSON.parse(readFileSync(job.files, 'utf8'));
  const eslint = eslintFor(Boolean(plugin));
  const cpu = process.cpuUsage();
  const started = performance.now();
  const results = await eslint.lintFiles(files);
  const wall = performance.now() - started;
  const lintCpu = cpuSince(cpu);
  const messages = results.reduce((total, result) => total + result.messages.length, 0);
  return { cpu: lintCpu, wall, processCpu: cpuSince(), processWall: performance.now(), messages, files: files.length };
}

const sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function edits() {
  const targets = job.targets;
  const withPlugin = eslintFor(true);
  const without = eslintFor(false);
  // The server starts: the first lint with the plugin reads the project (from the warm disk cache) and builds the
  // graph; every target is linted once by both, so that the timed lints run warm code.
  const started = performance.now();
  const cpu = process.cpuUsage();
  await withPlugin.lintText(readFileSync(targets[0], 'utf8'), { filePath: targets[0] });
  const first = { cpu: cpuSince(cpu), wall: performance.now() - started };
  for (const file of targets) {
    const text = readFileSync(file, 'utf8');
    await without.lintText(text, { filePath: file });
    await withPlugin.lintText(text, { filePath: file });
  }
  const samples = { saved: [], unsaved: [] };
  const timed = async (eslint, text, file) => {
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    await eslint.lintText(text, { filePath: file });
    return { cpu: cpuSince(cpuStart), wall: performance.now() - wallStart };
  };
  const both = async (index, text, file) => {
    const order = index % 2 ? ['plugin', 'baseline'] : ['baseline', 'plugin'];
    const result = {};
    for (const name of order) result[name] = await timed(name === 'plugin' ? withPlugin : without, text, file);
    return result;
  };
  for (const [index, file] of targets.entries()) {
    const original = readFileSync(file, 'utf8');
    const { atime, mtime } = statSync(file);
    try {
      // Past the model's refresh interval, so that the plugin's next lint sees the saved file (it stats the
      // project's files again, summarises the changed one and rebuilds the graph).
      await sleep(job.refreshMs + 100);
      const saved = `${original}\n// edited ${index}\n`;
      writeFileSync(file, saved);
      samples.saved.push(await both(index, saved, file));
      // Typing on: the editor's buffer differs from the file on disk, within the refresh interval.
      const unsaved = `${saved}// typing ${index}\n`;
      samples.unsaved.push(await both(index, unsaved, file));
    } finally {
      writeFileSync(file, original);
      utimesSync(file, atime, mtime);
    }
  }
  return { first, samples };
}

async function memory() {
  const linter = new Linter({ configType: 'flat', cwd: job.cwd });
  const collect = () => {
    for (let i = 0; i < 3; i += 1) global.gc();
    return process.memoryUsage().heapUsed;
  };
  // Text without a file name has no project: it loads and runs every rule without building a graph.
  const warmUp = () => linter.verify('const a = 1;\nexport function f(req, res) { res.send(a); }\n', config);
  warmUp();
  const before = collect();
  const cpu = process.cpuUsage();
  const started = performance.now();
  // First the project's summaries alone (what the lint below reads first: the same project, found by the same root
  // and settings), then the lint, which builds the graph from them.
  const core = await import(pathToFileURL(path.join(root, 'packages/core/dist/index.js')).href);
  const project = core.projectFor(job.file, job.cwd, core.readSettings({}));
  project.refresh();
  const summaries = collect() - before;
  const text = readFileSync(job.file, 'utf8');
  linter.verify(text, config, { filename: job.file });
  const build = { cpu: cpuSince(cpu), wall: performance.now() - started };
  // The linter keeps its last source code: lint the small text again so that only the project stays reachable.
  warmUp();
  const after = collect();
  return { before, after, summaries, graph: after - before, build, rss: process.memoryUsage().rss };
}

const result = await { lint, edits, memory }[job.mode]();
process.stdout.write(`\n${JSON.stringify(result)}\n`);
