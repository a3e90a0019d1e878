// The whole-project model's part of `pnpm bench` (`--only project`): what the project graph costs on real
// applications of the corpus, measured in child processes (bench/project-child.mjs) so that each CPU time is the
// process's own. Every ratio is against ESLint's recommended config alone, measured in the same run.
//
// 1. Whole projects: each application linted from its own folder (absolute file names), baseline vs + backend-perf
//    `recommended` with a cold cache (the cache folder removed: the graph is built from the sources) and a warm one.
// 2. One changed file in a ~2,000-file project (unleash-server): in one process that keeps the graph, as an editor's
//    language server does, and in a new process with a warm disk cache, as the CLI does.
// 3. Memory: the heap the graph of a ~5,000-file project keeps (several applications under one workspace root).
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APPS, ensureCorpus, sourceFiles } from './corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = path.join(root, 'bench', 'project-child.mjs');

const pick = (...names) => names.map((name) => APPS.find((spec) => spec.startsWith(name)));
/** Applications linted whole by default (2,500 files: JavaScript and compiled TypeScript; Express, NestJS, GraphQL). */
export const PROJECT_APPS = pick('nodebb@', 'flowise@', '@vendure/core@', 'payload@');
/** With `--full`, the two largest too. */
export const PROJECT_APPS_FULL = [...PROJECT_APPS, ...pick('@medusajs/medusa@', 'unleash-server@')];
/** The ~2,000-file project of the re-lint measurements. */
export const EDIT_APP = pick('unleash-server@')[0];
/** Joined under one workspace root for the memory measurement (about 5,400 files). */
export const MEMORY_APPS = pick('unleash-server@', '@medusajs/medusa@', 'payload@', '@vendure/core@', 'flowise@');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${Math.round(value)} ms`;
const plus = (value) => `${value >= 0 ? '+' : '−'}${Math.abs(Math.round(value))} ms`;
const ratio = (value, base) => (value / base).toFixed(2);
const pct = (value) => `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(0)}%`;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** Hard links (copies across devices) of a folder's files: a second project root over the same sources. */
function linkTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isFile()) {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

export async function projectBenchmark({
  say,
  runs,
  full,
  parts = ['lint', 'edit', 'memory'],
  log = (message) => console.error(message),
}) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-bench-'));
  // The corpus folders have no node_modules, so the model caches under os.tmpdir(): the children get a temporary
  // directory of their own, whose cache folder the cold runs remove without touching anyone else's.
  const tmp = path.join(scratch, 'tmp');
  mkdirSync(tmp);
  const cacheFolder = path.join(tmp, 'backend-perf-cache');
  const removeCache = () => rmSync(cacheFolder, { recursive: true, force: true });
  const { projectFiles } = await import(pathToFileURL(path.join(root, 'packages/core/dist/project/files.js')).href);
  const { REFRESH_MS } = await import(pathToFileURL(path.join(root, 'packages/core/dist/project/project.js')).href);
  const child = (job, nodeOptions = []) => {
    const output = execFileSync(process.execPath, [...nodeOptions, CHILD, JSON.stringify(job)], {
      cwd: job.cwd,
      env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(output.trim().split('\n').pop());
  };
  const started = performance.now();
  try {
    const apps = ensureCorpus(full ? PROJECT_APPS_FULL : PROJECT_APPS, { log });
    say();
    say('## Whole-project model');
    say();
    const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
    say(
      `Run on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.type()} ${os.release()}, Node ${process.version}; load average ${os.loadavg()[0].toFixed(1)} at the start (a shared machine: compare ratios, and CPU time rather than wall time).`,
    );
    say();
    say(
      `Reproduce: \`pnpm build && node bench/corpus.mjs --apps && pnpm bench -- --only project --runs ${runs}${full ? ' --full' : ''}\`. Every figure is a median; every ratio is against ESLint's own recommended config measured in the same run. Each lint runs in a child process (\`bench/project-child.mjs\`): CPU is its user + system time (\`process.cpuUsage()\`), wall its elapsed time. The baseline is ESLint with typescript-eslint's parser and \`@eslint/js\` recommended (as in [Lint](#lint)); "+ backend-perf" adds the plugin's \`recommended\` config.`,
    );

    if (parts.includes('lint')) {
      // 1. Whole projects.
      const variants = ['baseline', 'cold', 'warm'];
      const figures = [];
      for (const folder of apps) {
        const files = sourceFiles(folder);
        const list = path.join(scratch, `${path.basename(folder)}.json`);
        writeFileSync(list, JSON.stringify(files));
        const samples = Object.fromEntries(variants.map((name) => [name, { cpu: [], wall: [] }]));
        for (let run = 0; run < runs; run += 1) {
          // Alternating order; a warm run finds the cache that the last cold run wrote.
          const order = run % 2 ? ['warm', 'cold', 'baseline'] : ['baseline', 'cold', 'warm'];
          for (const name of order) {
            log(`project: ${path.basename(folder)}: run ${run + 1}/${runs}: ${name}`);
            if (name === 'cold') removeCache();
            const result = child({ mode: 'lint', cwd: folder, files: list, plugin: name !== 'baseline' });
            samples[name].cpu.push(result.cpu);
            samples[name].wall.push(result.wall);
          }
        }
        const graphFiles = projectFiles(folder).length;
        const m = (name, key) => median(samples[name][key]);
        figures.push({ name: path.basename(folder), files: files.length, graphFiles, m });
      }
      say();
      say('### Linting whole applications');
      say();
      say(
        `Each application linted as \`eslint .\` would from its folder (cwd = the application's folder, absolute file names; the corpus's source files, without declaration files and bundles), ${runs} runs of each variant in alternating order. Cold: the cache folder is removed before the run, so the graph reads and summarises every file of the project; warm: the summaries of the last run are on disk. "Graph files" are the files the model reads (every source file of the project, linted or not).`,
      );
      say();
      say(
        '| Application | Linted files | Graph files | Run | CPU | CPU ratio | Wall | Wall ratio |\n| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
      );
      const labels = {
        baseline: 'ESLint recommended (baseline)',
        cold: '+ backend-perf, cold cache',
        warm: '+ backend-perf, warm cache',
      };
      const totals = Object.fromEntries(variants.map((name) => [name, { cpu: 0, wall: 0 }]));
      for (const { name, files, graphFiles, m } of figures) {
        for (const variant of variants) {
          totals[variant].cpu += m(variant, 'cpu');
          totals[variant].wall += m(variant, 'wall');
          say(
            `| ${variant === 'baseline' ? name : ''} | ${variant === 'baseline' ? files : ''} | ${variant === 'baseline' ? graphFiles : ''} | ${labels[variant]} | ${ms(m(variant, 'cpu'))} | ${ratio(m(variant, 'cpu'), m('baseline', 'cpu'))} | ${ms(m(variant, 'wall'))} | ${ratio(m(variant, 'wall'), m('baseline', 'wall'))} |`,
          );
        }
      }
      const linted = figures.reduce((total, figure) => total + figure.files, 0);
      for (const variant of variants) {
        say(
          `| ${variant === 'baseline' ? '**All (sums of medians)**' : ''} | ${variant === 'baseline' ? linted : ''} | | ${labels[variant]} | ${ms(totals[variant].cpu)} | ${ratio(totals[variant].cpu, totals.baseline.cpu)} | ${ms(totals[variant].wall)} | ${ratio(totals[variant].wall, totals.baseline.wall)} |`,
        );
      }
      const coldOverhead = totals.cold.cpu / totals.baseline.cpu - 1;
      const worst = figures.reduce((a, b) =>
        b.m('cold', 'cpu') / b.m('baseline', 'cpu') > a.m('cold', 'cpu') / a.m('baseline', 'cpu') ? b : a,
      );
      say();
      say(
        `Target: \`recommended\` including the graph build adds at most 15% CPU to ESLint's own run. **${coldOverhead <= 0.15 ? 'Met' : 'Not met'}: ${pct(coldOverhead)} CPU with a cold cache over all applications** (${pct(totals.warm.cpu / totals.baseline.cpu - 1)} warm; wall ${pct(totals.cold.wall / totals.baseline.wall - 1)} cold), ${pct(worst.m('cold', 'cpu') / worst.m('baseline', 'cpu') - 1)} on ${worst.name}.`,
      );

      // Declaration files, which a TypeScript project's `eslint .` lints too and the project's file list leaves out.
      const typed = apps.find((folder) => path.basename(folder).startsWith('vendure'));
      const declarations = typed
        ? readdirSync(typed, { recursive: true })
            .map(String)
            .filter((file) => /\.d\.ts$/u.test(file) && !file.split(path.sep).includes('node_modules'))
            .map((file) => path.join(typed, file))
        : [];
      if (declarations.length > 0) {
        const list = writeList(scratch, 'declarations.json', declarations);
        const samples = { baseline: { cpu: [], wall: [] }, plugin: { cpu: [], wall: [] } };
        for (let run = 0; run < runs; run += 1) {
          for (const name of run % 2 ? ['plugin', 'baseline'] : ['baseline', 'plugin']) {
            log(`project: declaration files: run ${run + 1}/${runs}: ${name}`);
            const result = child({ mode: 'lint', cwd: typed, files: list, plugin: name === 'plugin' });
            samples[name].cpu.push(result.cpu);
            samples[name].wall.push(result.wall);
          }
        }
        const m = (name, key) => median(samples[name][key]);
        say();
        say('### Declaration files');
        say();
        say(
          `The ${declarations.length} declaration files (\`.d.ts\`) of ${path.basename(typed)}, which \`eslint .\` lints in a TypeScript project and the project graph leaves out (they run no code): each is judged on its own, without the project's graph, ${runs} runs of each variant in alternating order.`,
        );
        say();
        say('| Run | CPU | CPU ratio | Wall | Wall ratio |\n| --- | ---: | ---: | ---: | ---: |');
        for (const [name, label] of [
          ['baseline', 'ESLint recommended (baseline)'],
          ['plugin', '+ backend-perf'],
        ]) {
          say(
            `| ${label} | ${ms(m(name, 'cpu'))} | ${ratio(m(name, 'cpu'), m('baseline', 'cpu'))} | ${ms(m(name, 'wall'))} | ${ratio(m(name, 'wall'), m('baseline', 'wall'))} |`,
          );
        }
      }
    }

    if (parts.includes('edit')) {
      // 2. One changed file in a ~2,000-file project.
      const [editFolder] = ensureCorpus([EDIT_APP], { log });
      // The application's own code: tests are start-up code to the model and rarely edited with a server running.
      // Files of nested packages (unleash's dist/migrations has a package.json of its own) belong to other projects.
      const { projectRootOf } = await import(pathToFileURL(path.join(root, 'packages/core/dist/index.js')).href);
      const editFiles = sourceFiles(editFolder).filter(
        (file) => !/[./](?:test|spec)s?[./]|__tests__/u.test(file) && projectRootOf(file, editFolder) === editFolder,
      );
      const editGraphFiles = projectFiles(editFolder).length;
      const edits = 20;
      // Spread over the project: every k-th source file.
      const targets = Array.from(
        { length: edits },
        (_, index) => editFiles[Math.floor(((index + 0.5) * editFiles.length) / edits)],
      );
      log(`project: ${path.basename(editFolder)}: warming the disk cache`);
      removeCache();
      child({
        mode: 'lint',
        cwd: editFolder,
        files: writeList(scratch, 'edit-first.json', targets.slice(0, 1)),
        plugin: true,
      });
      log(`project: ${path.basename(editFolder)}: ${edits} edits in one process`);
      const server = child({ mode: 'edits', cwd: editFolder, targets, refreshMs: REFRESH_MS });
      const cli = {
        baseline: { cpu: [], wall: [], processCpu: [], processWall: [] },
        plugin: { cpu: [], wall: [], processCpu: [], processWall: [] },
      };
      for (let run = 0; run < runs; run += 1) {
        const file = targets[run % targets.length];
        const list = writeList(scratch, `edit-${run}.json`, [file]);
        const original = readFileSync(file, 'utf8');
        const { atime, mtime } = statSync(file);
        try {
          writeFileSync(file, `${original}\n// edited in a new process ${run}\n`);
          for (const name of run % 2 ? ['plugin', 'baseline'] : ['baseline', 'plugin']) {
            log(`project: new process ${run + 1}/${runs}: ${name}`);
            const result = child({ mode: 'lint', cwd: editFolder, files: list, plugin: name === 'plugin' });
            for (const key of Object.keys(cli[name])) cli[name][key].push(result[key]);
          }
        } finally {
          writeFileSync(file, original);
          utimesSync(file, atime, mtime);
        }
      }
      say();
      say('### Re-linting one changed file');
      say();
      say(
        `${path.basename(editFolder)} (${editGraphFiles} graph files), disk cache warm. **Language server:** one process keeps the graph (its first lint, which reads the cached summaries and builds the graph, took ${ms(server.first.cpu)} CPU, ${ms(server.first.wall)} wall); then ${edits} files spread over the project are each changed and re-linted with \`ESLint.lintText\`, with and without the plugin, in alternating order. *Saved*: a comment appended and the file written, more than the model's refresh interval (${REFRESH_MS} ms) after the last lint, so that the plugin's lint stats the project's files again, summarises the changed one (and the previous edit's file, restored after its edit) and rebuilds the graph. *Typing*: one more comment in the editor's buffer, not saved, at once after (the graph is rebuilt with the buffer's summary). **CLI:** a new process lints one changed file (\`lintFiles\`: a comment appended, so the plugin summarises that file again) with the warm disk cache, ${runs} runs each; "process" counts the whole process (start-up, module loading, graph build), "lint" the \`lintFiles\` call. "Added" is the median of the per-edit (per-pair) differences.`,
      );
      say();
      say(
        '| Case | ESLint alone, CPU | + backend-perf, CPU | Added CPU | ESLint alone, wall | + backend-perf, wall | Added wall |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      );
      const rows = [];
      const row = (label, base, plugin) => {
        const added = (key) => median(base[key].map((value, index) => plugin[key][index] - value));
        rows.push({ label, cpu: added('cpu'), wall: added('wall') });
        say(
          `| ${label} | ${ms(median(base.cpu))} | ${ms(median(plugin.cpu))} | ${plus(added('cpu'))} | ${ms(median(base.wall))} | ${ms(median(plugin.wall))} | ${plus(added('wall'))} |`,
        );
      };
      for (const [key, label] of [
        ['saved', 'Language server, saved file'],
        ['unsaved', 'Language server, typing (unsaved buffer)'],
      ]) {
        const pairs = server.samples[key];
        const of = (name) => ({ cpu: pairs.map((pair) => pair[name].cpu), wall: pairs.map((pair) => pair[name].wall) });
        row(label, of('baseline'), of('plugin'));
      }
      row('CLI, new process: lint', cli.baseline, cli.plugin);
      row(
        'CLI, new process: whole process',
        { cpu: cli.baseline.processCpu, wall: cli.baseline.processWall },
        { cpu: cli.plugin.processCpu, wall: cli.plugin.processWall },
      );
      const serverWorst = Math.max(rows[0].cpu, rows[1].cpu);
      say();
      say(
        `Target: a warm re-lint of one changed file adds at most 50 ms to ESLint's own time for it. **${serverWorst <= 50 ? 'Met' : 'Not met'} in the language server: ${plus(rows[0].cpu)} CPU (${plus(rows[0].wall)} wall) after a save, ${plus(rows[1].cpu)} CPU (${plus(rows[1].wall)} wall) while typing.** In a new process the plugin adds ${plus(rows[2].cpu)} CPU to the lint (${plus(rows[3].cpu)} to the whole process): the graph is built from the cached summaries in every process.`,
      );
    }

    if (parts.includes('memory')) {
      // 3. Memory of the graph of a ~5,000-file project.
      const memoryFolders = ensureCorpus(MEMORY_APPS, { log });
      const workspace = path.join(scratch, 'workspace');
      mkdirSync(workspace);
      writeFileSync(
        path.join(workspace, 'package.json'),
        JSON.stringify({ name: 'apps', private: true, workspaces: ['*'] }),
      );
      for (const folder of memoryFolders) linkTree(folder, path.join(workspace, path.basename(folder)));
      const memoryFiles = projectFiles(workspace).length;
      const entry = sourceFiles(path.join(workspace, path.basename(memoryFolders[0])))[0];
      removeCache();
      const memory = {};
      for (const name of ['cold', 'warm']) {
        log(`project: memory, ${memoryFiles} files, ${name} cache`);
        memory[name] = child({ mode: 'memory', cwd: workspace, file: entry, plugin: true }, ['--expose-gc']);
      }
      say();
      say('### Memory of the graph');
      say();
      say(
        `One project of ${memoryFiles} files: ${memoryFolders.map((f) => path.basename(f)).join(', ')} under one workspace root (a \`package.json\` with \`workspaces: ["*"]\`, the applications' files hard-linked below it). A new process (\`--expose-gc\`) loads ESLint and the plugin and lints a snippet that belongs to no project; heap used after garbage collection is measured before and after linting one file of the project, which reads every file and builds the graph ("of which summaries": after the project's files are read and summarised, before the graph is built; the rest is the graph, its value resolver and the module resolver's caches). One run with a cold cache, then one with a warm cache.`,
      );
      say();
      say(
        '| Cache | Heap before | Heap after | Kept by the model | of which summaries | First lint CPU | First lint wall | RSS after |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      );
      for (const name of ['cold', 'warm']) {
        const result = memory[name];
        say(
          `| ${name} | ${mb(result.before)} | ${mb(result.after)} | **${mb(result.graph)}** | ${mb(result.summaries)} | ${ms(result.build.cpu)} | ${ms(result.build.wall)} | ${mb(result.rss)} |`,
        );
      }
      const most = Math.max(memory.cold.graph, memory.warm.graph);
      say();
      say(
        `Target: the graph of a 5,000-file project stays under 150 MB. **${most < 150 * 2 ** 20 ? 'Met' : 'Not met'}: ${mb(most)} for ${memoryFiles} files.**`,
      );
    }
    say();
    say(`This part took ${((performance.now() - started) / 60_000).toFixed(0)} minutes.`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function writeList(scratch, name, files) {
  const file = path.join(scratch, name);
  writeFileSync(file, JSON.stringify(files));
  return file;
}
