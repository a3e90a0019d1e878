#!/usr/bin/env node
// Installed size and package count of the plugin and of the CLI, as a JavaScript project gets them: the packed
// packages are installed with npm into fresh projects (`--before` three weeks ago, as a project with a minimum
// release age would), next to ESLint alone as the baseline. Prints a Markdown table for docs/benchmarks.md.
//
//   node bench/install-size.mjs        (after `pnpm build`; needs the npm registry)
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const before = new Date(Date.now() - 21 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const work = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-size-'));
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_|^pnpm_/iu.test(key)));

function pack(name) {
  const destination = path.join(work, 'packs', name);
  execFileSync('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', destination], {
    cwd: path.join(root, 'packages', name),
    env,
    stdio: 'ignore',
  });
  return path.join(
    destination,
    readdirSync(destination).find((file) => file.endsWith('.tgz')),
  );
}

/** Bytes on disk of every file under `dir` (symbolic links not followed) and the packages in it. */
function measure(dir) {
  let bytes = 0;
  let packages = 0;
  const walk = (folder, inNodeModules) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        const isPackage = inNodeModules && !entry.name.startsWith('@') && !entry.name.startsWith('.');
        if (isPackage && existsSync(path.join(full, 'package.json'))) packages += 1;
        walk(full, entry.name === 'node_modules' || (inNodeModules && entry.name.startsWith('@')));
      } else {
        bytes += lstatSync(full).size;
      }
    }
  };
  walk(path.join(dir, 'node_modules'), true);
  return { bytes, packages };
}

function install(name, specs) {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `{ "name": "${name}", "private": true }\n`);
  execFileSync('npm', ['install', '--save-dev', `--before=${before}`, '--no-audit', '--no-fund', ...specs], {
    cwd: dir,
    env,
    stdio: 'ignore',
  });
  const typescript = existsSync(path.join(dir, 'node_modules', 'typescript'));
  return { ...measure(dir), typescript };
}

try {
  const [core, plugin, codemods, cli] = ['core', 'eslint-plugin', 'codemods', 'cli'].map(pack);
  const rows = [
    ['ESLint alone (baseline)', install('eslint-only', ['eslint'])],
    ['ESLint + eslint-plugin-backend-perf', install('plugin', ['eslint', plugin, core])],
    ['ESLint + the plugin + backend-perf (CLI, codemods)', install('cli', ['eslint', plugin, core, codemods, cli])],
  ];
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  const [, baseline] = rows[0];
  console.log(`Installed with npm --before=${before}, Node ${process.version}.\n`);
  console.log('| Project | Packages | Size on disk | Added to ESLint alone | TypeScript installed |');
  console.log('| --- | --: | --: | --: | :-: |');
  for (const [label, { bytes, packages, typescript }] of rows) {
    const added = label.startsWith('ESLint alone')
      ? '–'
      : `+${packages - baseline.packages} packages, +${mb(bytes - baseline.bytes)} MB`;
    console.log(`| ${label} | ${packages} | ${mb(bytes)} MB | ${added} | ${typescript ? 'yes' : 'no'} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
