#!/usr/bin/env node
// Precision of no-independent-await-in-loop against ESLint's core no-await-in-loop.
//
// Fetches a pinned set of real backend packages from the npm registry into bench/corpus/ (ignored by git; only the
// packages' own files, with `npm pack`: nothing is installed or run), lints examples/ and those packages with both
// rules, prints the counts, and draws a seeded random sample of each rule's reports with the code around them, to be
// classified by reading. Verdicts live in await-in-loop.verdicts.json next to this script; the summary counts them.
//
//   node bench/precision/await-in-loop.mjs              counts and precision of the classified samples
//   node bench/precision/await-in-loop.mjs --show       also print each sampled site with its code
//   node bench/precision/await-in-loop.mjs --sample 25 --seed 7
//
// Needs `pnpm build` first (it loads the built plugin).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = path.join(root, 'bench', 'corpus');
const verdictsFile = path.join(root, 'bench', 'precision', 'await-in-loop.verdicts.json');

/** Pinned: results are comparable only on the same code. Backend packages that ship their JavaScript sources. */
export const PACKAGES = [
  'parse-server@9.10.0',
  'bullmq@6.7.0',
  '@node-red/runtime@5.0.7',
  'knex@3.3.0',
  'sequelize@6.37.8',
];

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const sampleSize = option('--sample', 20);
const seed = option('--seed', 20261128);
const show = args.includes('--show');

function folderOf(spec) {
  return path.join(corpusDir, spec.replace(/^@/u, '').replace(/[/@]/gu, '__'));
}

function fetchPackage(spec) {
  const target = folderOf(spec);
  if (existsSync(path.join(target, 'package.json'))) return target;
  mkdirSync(corpusDir, { recursive: true });
  const tarballs = path.join(corpusDir, '.tarballs');
  mkdirSync(tarballs, { recursive: true });
  const output = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', tarballs], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  const unpacked = path.join(corpusDir, '.unpack');
  rmSync(unpacked, { recursive: true, force: true });
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['xzf', path.join(tarballs, output), '-C', unpacked]);
  rmSync(target, { recursive: true, force: true });
  renameSync(path.join(unpacked, 'package'), target);
  rmSync(unpacked, { recursive: true, force: true });
  return target;
}

const SKIP_DIRS = new Set(['node_modules', 'test', 'tests', '__tests__', 'spec', 'types', 'typings']);

function sourceFiles(dir, base = dir) {
  const files = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (!SKIP_DIRS.has(entry)) files.push(...sourceFiles(full, base));
    } else if (/\.(?:c|m)?js$/u.test(entry) && !/\.(?:min|test|spec)\.(?:c|m)?js$/u.test(entry)) {
      files.push(path.relative(base, full));
    }
  }
  return files.sort();
}

function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample(list, size, random) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, size).sort((a, b) => a.id.localeCompare(b.id));
}

const plugin = (await import(pathToFileURL(path.join(root, 'packages/eslint-plugin/dist/index.js')).href)).default;
const projects = [
  { name: 'examples', dir: path.join(root, 'examples') },
  ...PACKAGES.map((spec) => ({ name: spec, dir: fetchPackage(spec) })),
];

const reports = { core: [], ours: [] };
const perProject = [];
for (const project of projects) {
  // Each project is linted from its own root, so the request-path model sees paths as the project does.
  const linter = new Linter({ configType: 'flat', cwd: project.dir });
  const config = [
    {
      files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
      languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest' },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { 'backend-perf': plugin },
      rules: { 'no-await-in-loop': 'error', 'backend-perf/no-independent-await-in-loop': 'error' },
    },
  ];
  const counts = { project: project.name, files: 0, core: 0, ours: 0, parseErrors: 0 };
  for (const file of sourceFiles(project.dir)) {
    const text = readFileSync(path.join(project.dir, file), 'utf8');
    counts.files += 1;
    const sourceType = /\.mjs$/u.test(file) || /^\s*(?:import\s|export\s)/mu.test(text) ? 'module' : 'commonjs';
    const messages = linter.verify(
      text,
      config.map((c) => ({ ...c, languageOptions: { ...c.languageOptions, sourceType } })),
      { filename: file },
    );
    if (messages.some((m) => m.fatal)) {
      counts.parseErrors += 1;
      continue;
    }
    for (const m of messages) {
      const site = {
        id: `${project.name}/${file}:${m.line}:${m.column}`,
        project: project.dir,
        file,
        line: m.line,
        column: m.column,
      };
      if (m.ruleId === 'no-await-in-loop') {
        reports.core.push(site);
        counts.core += 1;
      } else if (m.ruleId === 'backend-perf/no-independent-await-in-loop') {
        reports.ours.push(site);
        counts.ours += 1;
      }
    }
  }
  perProject.push(counts);
}

console.log('| Project | Files | core `no-await-in-loop` | `no-independent-await-in-loop` |');
console.log('| --- | --: | --: | --: |');
for (const c of perProject) console.log(`| ${c.project} | ${c.files} | ${c.core} | ${c.ours} |`);
console.log(
  `| total | ${perProject.reduce((s, c) => s + c.files, 0)} | ${reports.core.length} | ${reports.ours.length} |`,
);

const verdicts = existsSync(verdictsFile) ? JSON.parse(readFileSync(verdictsFile, 'utf8')) : {};
for (const [rule, list] of Object.entries(reports)) {
  const picked = sample(list, sampleSize, mulberry32(seed + (rule === 'core' ? 0 : 1)));
  const judged = picked.map((site) => verdicts[rule]?.[site.id]).filter(Boolean);
  const tp = judged.filter((v) => v.verdict === 'tp').length;
  const fp = judged.filter((v) => v.verdict === 'fp').length;
  console.log(
    `\n${rule === 'core' ? 'no-await-in-loop' : 'no-independent-await-in-loop'}: sample ${picked.length} of ${list.length}, classified ${judged.length}: ${tp} true positives, ${fp} false positives`,
  );
  for (const site of picked) {
    const verdict = verdicts[rule]?.[site.id];
    console.log(
      `  ${verdict ? verdict.verdict.toUpperCase() : '??'} ${site.id}${verdict?.note ? `  (${verdict.note})` : ''}`,
    );
    if (show) {
      const lines = readFileSync(path.join(site.project, site.file), 'utf8').split('\n');
      const from = Math.max(0, site.line - 14);
      const to = Math.min(lines.length, site.line + 8);
      for (let i = from; i < to; i += 1)
        console.log(`      ${i + 1 === site.line ? '>' : ' '}${String(i + 1).padStart(5)} ${lines[i]}`);
    }
  }
}
mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  path.join(root, 'bench', 'results', 'await-in-loop.raw.json'),
  `${JSON.stringify({ perProject, reports }, null, 2)}\n`,
);
