#!/usr/bin/env node
// Migrates real open-source Node packages and runs their own test suites before and after: the proof that
// `backend-perf migrate --all --config all` keeps behaviour. For each package (pinned below, fetched from the npm
// registry with `npm pack`, whose tarballs include the test suites):
//
//   1. unpack it into a folder outside this repository (so no ESLint or Prettier config of ours applies), install its
//      dependencies with npm (scripts off), and run its test suite;
//   2. run `backend-perf migrate --all --config all` on its sources, install what migrate added to package.json;
//   3. run the test suite again: no test may fail that passed before, and no module may fail to load;
//   4. run `migrate` again (dry): it must change nothing.
//
//   node bench/real-suites.mjs                  every package; exit code 1 when a check fails
//   node bench/real-suites.mjs --only needle    the packages whose name contains "needle"
//   node bench/real-suites.mjs --write          also write the results table into docs/real-code.md
//   node bench/real-suites.mjs --dir <folder>   where packages are unpacked (default: <tmp>/backend-perf-real-suites);
//                                               a package already unpacked and installed there is reused from a
//                                               fresh copy of its pristine sources
//
// Needs `pnpm build` first (it runs packages/cli/dist/bin.js), npm, and access to the npm registry.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(root, 'packages', 'cli', 'dist', 'bin.js');

/**
 * The packages: pinned versions whose published tarball has the test suite and whose tests run without network
 * (needle's suite has some tests that need the internet or certificates it does not publish: those fail before and
 * after alike, and the comparison is by test name). `sources`: what `migrate` is run on (the package's code, not
 * its tests); `test`: the suite, run with the package's own devDependencies; `setup`: what the suite needs that the
 * tarball leaves out; `pretest`: what the package's `pretest` script does, before each run.
 */
const PACKAGES = [
  { name: 'pump', version: '3.0.2', kind: 'streams', sources: ['index.js'], test: ['node', 'test-node.js'] },
  { name: 'duplexify', version: '4.1.3', kind: 'streams', sources: ['index.js'], test: ['tape', 'test.js'] },
  { name: 'pumpify', version: '2.0.1', kind: 'streams', sources: ['index.js'], test: ['tape', 'test.js'] },
  { name: 'split2', version: '4.2.0', kind: 'streams', sources: ['index.js'], test: ['tape', 'test.js'] },
  {
    name: 'busboy',
    version: '1.6.0',
    kind: 'middleware (multipart)',
    sources: ['lib'],
    test: ['node', 'test/test.js'],
  },
  {
    name: 'express-fileupload',
    version: '1.5.1',
    kind: 'Express middleware',
    sources: ['lib'],
    test: ['mocha', '-R', 'spec'],
    // The suite's `pretest` script, before every run: the files it uploads (a run deletes them).
    pretest: (dir) => execFileSync(process.execPath, ['test/pretests.js'], { cwd: dir, stdio: 'ignore' }),
  },
  {
    name: '@fastify/static',
    version: '8.0.3',
    kind: 'Fastify plugin (static files)',
    sources: ['index.js', 'lib'],
    test: ['tap', '--reporter=tap', '--disable-coverage'],
  },
  {
    name: '@fastify/view',
    version: '10.0.1',
    kind: 'Fastify plugin (templates)',
    sources: ['index.js'],
    test: ['tap', '--reporter=tap', '--disable-coverage'],
  },
  {
    name: 'smtp-server',
    version: '3.13.6',
    kind: 'mail server',
    sources: ['lib'],
    test: ['mocha', '--exit', 'test'],
  },
  {
    name: 'needle',
    version: '3.3.1',
    kind: 'HTTP client',
    sources: ['lib'],
    test: ['mocha', 'test'],
    // The suite's TLS server reads a key pair the tarball does not include: a throwaway self-signed one.
    setup: (dir) => {
      mkdirSync(path.join(dir, 'test', 'keys'), { recursive: true });
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '2',
          '-subj',
          '/CN=localhost',
          '-keyout',
          path.join(dir, 'test', 'keys', 'ssl.key'),
          '-out',
          path.join(dir, 'test', 'keys', 'ssl.cert'),
        ],
        { stdio: 'ignore' },
      );
    },
  },
];

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};
const only = option('--only');
const workDir = path.resolve(option('--dir') ?? path.join(os.tmpdir(), 'backend-perf-real-suites'));
const TEST_TIMEOUT_MS = 10 * 60 * 1000;

function run(command, commandArgs, cwd, timeout = TEST_TIMEOUT_MS) {
  const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  return {
    code: result.status ?? 1,
    stdout: result.stdout ?? '',
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
  };
}

function npm(commandArgs, cwd) {
  const result = run('npm', [...commandArgs, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], cwd);
  if (result.code !== 0) throw new Error(`npm ${commandArgs.join(' ')} failed in ${cwd}:\n${result.output}`);
}

/** A pristine, installed copy of the package (`<dir>/pristine`), made once; then a fresh working copy of it. */
function prepare(pkg) {
  const base = path.join(workDir, `${pkg.name}@${pkg.version}`);
  const pristine = path.join(base, 'pristine');
  if (!existsSync(path.join(pristine, 'node_modules'))) {
    rmSync(base, { recursive: true, force: true });
    mkdirSync(pristine, { recursive: true });
    const tarball = execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--silent'], {
      cwd: base,
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['-xzf', path.join(base, tarball), '-C', pristine, '--strip-components=1']);
    rmSync(path.join(base, tarball));
    npm(['install'], pristine);
    pkg.setup?.(pristine);
  }
  const copy = path.join(base, 'migrated');
  rmSync(copy, { recursive: true, force: true });
  cpSync(pristine, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

/** Runs the suite: the names of passing and failing tests (tape, mocha), or the whole suite as one test. */
function testSuite(pkg, dir) {
  pkg.pretest?.(dir);
  const [command, ...rest] = pkg.test;
  const local = path.join(dir, 'node_modules', '.bin', command);
  const result = existsSync(local) ? run(process.execPath, [local, ...rest], dir) : run(command, rest, dir);
  const output = result.output;
  // Every passing and failing test (TAP: "ok 3 name" / "not ok 4 name"; mocha's spec reporter: "✔ name"
  // and, in its summary, "1) name"), by name; the whole suite as one test when the output has neither.
  const passed = [];
  const failed = [];
  for (const line of output.split('\n')) {
    // TAP at any depth (tap's subtests are indented), without its directives (`# time=12ms`, `# SKIP`).
    const tap = /^\s*(not ok|ok) \d+(?: -)? (.*?)(?: # .*)?$/u.exec(line);
    if (tap) (tap[1] === 'ok' ? passed : failed).push(tap[2].trim());
    const mochaPass = /^\s+[✔✓] (.*?)(?: \(\d+ms\))?$/u.exec(line);
    if (mochaPass) passed.push(mochaPass[1].trim());
  }
  const summary = output.indexOf(' failing');
  if (summary !== -1) {
    for (const match of output.slice(summary).matchAll(/^\s+\d+\) (.*)$/gmu)) failed.push(match[1].trim());
  }
  if (passed.length === 0 && failed.length === 0) (result.code === 0 ? passed : failed).push('(suite)');
  const loadErrors = [
    ...new Set(
      output.match(
        /Cannot find module '[^']+'|ERR_REQUIRE_ESM|ERR_MODULE_NOT_FOUND|SyntaxError: [^\n]+|is not a constructor|is not a function/gu,
      ) ?? [],
    ),
  ];
  return { code: result.code, passed, failed, loadErrors, output };
}

function migrate(dir, sources, dry) {
  const result = run(
    process.execPath,
    [BIN, 'migrate', '--all', '--config', 'all', '--json', '--force', ...(dry ? ['--dry'] : []), ...sources],
    dir,
  );
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`migrate gave no report in ${dir}:\n${result.output}`);
  }
}

/** "left for review: <why>" and "left unchanged: <message>" lines, by their reason (first clause). */
function reasons(report) {
  const counts = new Map();
  for (const file of report.files) {
    for (const line of file.reports) {
      const match = /left (?:for review|unchanged)(?: \([^)]*\))?: (.*)$/u.exec(line);
      const reason = (match?.[1] ?? line).split(/[:;(]/u)[0].trim();
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
  }
  return counts;
}

const results = [];
let failures = 0;
for (const pkg of PACKAGES.filter((candidate) => !only || candidate.name.includes(only))) {
  const label = `${pkg.name}@${pkg.version}`;
  process.stderr.write(`${label}: preparing\n`);
  const dir = prepare(pkg);
  process.stderr.write(`${label}: tests before\n`);
  const before = testSuite(pkg, dir);
  process.stderr.write(`${label}: migrate\n`);
  const report = migrate(dir, pkg.sources, false);
  for (const install of report.install ?? []) {
    process.stderr.write(`${label}: ${install.command} (${install.dependencies.join(', ')})\n`);
    npm(['install'], path.join(dir, path.dirname(install.manifest)));
  }
  process.stderr.write(`${label}: tests after\n`);
  const after = testSuite(pkg, dir);
  const second = migrate(dir, pkg.sources, true);
  const newFailures = [...new Set(after.failed)].filter((name) => !before.failed.includes(name));
  const newLoadErrors = after.loadErrors.filter((error) => !before.loadErrors.includes(error));
  const changedAgain = second.totals.changed;
  const ok = newFailures.length === 0 && newLoadErrors.length === 0 && changedAgain === 0 && report.totals.failed === 0;
  if (!ok) failures += 1;
  const left = reasons(report);
  results.push({
    label,
    kind: pkg.kind,
    before: `${before.passed.length} passed, ${before.failed.length} failed`,
    after: `${after.passed.length} passed, ${after.failed.length} failed`,
    changed: report.files.filter((file) => file.status === 'changed').map((file) => file.path),
    left: [...left].map(([reason, count]) => `${count} × ${reason}`),
    newFailures,
    newLoadErrors,
    changedAgain,
    ok,
  });
  process.stderr.write(
    `${label}: ${ok ? 'ok' : 'FAILED'} (before ${results.at(-1).before}; after ${results.at(-1).after}; ` +
      `changed ${results.at(-1).changed.length}; second run changed ${changedAgain})\n`,
  );
  for (const name of newFailures) process.stderr.write(`  new failure: ${name}\n`);
  for (const error of newLoadErrors) process.stderr.write(`  load error: ${error}\n`);
}

const table = [
  '| Package | Kind | Tests before | Tests after | Files changed | Sites left for review (why) | Second run |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...results.map(
    (r) =>
      `| ${r.label} | ${r.kind} | ${r.before} | ${r.after} | ${r.changed.length === 0 ? '0' : `${r.changed.length}: ${r.changed.map((file) => `\`${file}\``).join(', ')}`} | ${r.left.length === 0 ? 'none' : r.left.join('; ')} | ${r.changedAgain === 0 ? 'no change' : `${r.changedAgain} changed`} |`,
  ),
].join('\n');
process.stdout.write(`${table}\n`);

if (args.includes('--write')) {
  const doc = path.join(root, 'docs', 'real-code.md');
  const text = readFileSync(doc, 'utf8');
  const begin = '<!-- begin generated real-suites -->';
  const end = '<!-- end generated real-suites -->';
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start === -1 || stop === -1) throw new Error(`${doc}: the real-suites markers are missing`);
  const stamp = `\`node bench/real-suites.mjs --write\`, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.`;
  writeFileSync(doc, `${text.slice(0, start + begin.length)}\n\n${stamp}\n\n${table}\n\n${text.slice(stop)}`);
  // The repository's own format (Prettier aligns the table's columns), so that `pnpm format:check` stays green.
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--write', doc], {
    stdio: 'ignore',
  });
}
process.exitCode = failures > 0 ? 1 : 0;
