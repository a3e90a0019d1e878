#!/usr/bin/env node
// What an editor's ESLint server does: one long-lived ESLint instance that lints the open file again after every
// edit (`lintText`, as the VS Code extension's server does). The first lint of a project builds the request-path
// model's project graph (every file the project's imports reach); later lints reuse it and summarise only the edited
// file again. Prints the first lint and the median of the re-lints after an edit, for the example backend and for a
// large application of the corpus.
//
//   node bench/editor.mjs [--runs 20]      (after `pnpm build`; the corpus is fetched on first use)
import { ESLint } from 'eslint';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCorpus } from './corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 20;
const plugin = (await import(pathToFileURL(path.join(root, 'packages/eslint-plugin/dist/index.js')).href)).default;
const { languageOptionsFor } = await import(pathToFileURL(path.join(root, 'packages/codemods/dist/index.js')).href);

async function measure(label, cwd, file) {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], languageOptions: languageOptionsFor(file, '') },
      ...plugin.configs.strict,
    ],
  });
  const text = readFileSync(file, 'utf8');
  let started = performance.now();
  const [first] = await eslint.lintText(text, { filePath: file });
  const cold = performance.now() - started;
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    // An edit: the text changes, so nothing cached for the old text applies to the file itself.
    const edited = `${text}\n// edit ${run}\n`;
    started = performance.now();
    await eslint.lintText(edited, { filePath: file });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `| ${label} | ${first.messages.length} | ${Math.round(cold)} ms | ${Math.round(median)} ms | ${Math.round(times.at(-1))} ms |`,
  );
}

const examples = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-editor-'));
try {
  cpSync(path.join(root, 'examples'), examples, { recursive: true });
  console.log(`${runs} edits each, Node ${process.version}.\n`);
  console.log(
    '| Open file | Findings | First lint (builds the project graph) | Re-lint after an edit (median) | Slowest re-lint |',
  );
  console.log('| --- | --: | --: | --: | --: |');
  await measure('examples/src/routes/reports.js', examples, path.join(examples, 'src/routes/reports.js'));
  const [ghost] = ensureCorpus(['ghost@6.65.0'], { log: () => {} });
  await measure(
    'Ghost 6.65: core/server/api/endpoints/posts.js',
    ghost,
    path.join(ghost, 'core/server/api/endpoints/posts.js'),
  );
} finally {
  rmSync(examples, { recursive: true, force: true });
}
