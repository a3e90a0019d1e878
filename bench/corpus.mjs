#!/usr/bin/env node
// Downloads a pinned set of real Node.js backend packages from the npm registry into bench/corpus/ (ignored by git).
// Only the packages' own files are needed (nothing is run), so each is fetched with `npm pack` and unpacked; no
// dependencies are installed.
//
//   node bench/corpus.mjs            the full corpus (several thousand source files)
//   node bench/corpus.mjs --subset   the small subset that CI lints and migrates
//   node bench/corpus.mjs --apps     the labelled applications (bench/apps.mjs)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');

/** Pinned versions: results are only comparable across runs on the same code. */
export const FULL = [
  'verdaccio@6.10.4',
  'parse-server@9.10.0',
  '@directus/api@39.2.1',
  '@node-red/runtime@5.0.7',
  'ghost@6.65.0',
  'typeorm@1.1.1',
  'bullmq@6.7.0',
  '@nestjs/core@12.5.1',
  'express@5.3.0',
  'koa@3.3.0',
  'fastify@5.12.8',
  'mongoose@9.12.1',
  'sequelize@6.37.8',
  'knex@3.3.0',
];

/**
 * Real applications (not libraries), pinned, for the request-path model's recall and bait figures
 * (`bench/apps.mjs`, labels in `bench/apps/labels/`). Each is the published package of a whole server.
 */
export const APPS = [
  'thelounge@4.5.2',
  'ep_etherpad-lite@1.8.14',
  'uptime-kuma@2.0.0-dev.0',
  'mongo-express@1.0.2',
  'payload@2.9.0',
  'nodebb@1.4.0',
  'unleash-server@8.2.0',
  '@vendure/core@3.7.3',
  '@keystone-6/core@8.1.0',
  '@nocobase/server@2.2.15',
  'flowise@3.1.4',
  '@medusajs/medusa@1.20.8',
];

/** The CI subset: small, varied (Express and Koa internals, a queue, a flow runtime). */
export const SUBSET = ['express@5.3.0', 'koa@3.3.0', 'bullmq@6.7.0', '@node-red/runtime@5.0.7'];

export function folderName(spec) {
  return spec.replace(/^@/, '').replace(/[/@]/g, '__');
}

export function ensureCorpus(specs, { log = console.error } = {}) {
  mkdirSync(CORPUS_DIR, { recursive: true });
  const folders = [];
  for (const spec of specs) {
    const target = path.join(CORPUS_DIR, folderName(spec));
    folders.push(target);
    if (existsSync(target)) continue;
    log(`fetching ${spec}`);
    const work = path.join(CORPUS_DIR, `.tmp-${folderName(spec)}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', work], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', work]);
    renameSync(path.join(work, 'package'), target);
    rmSync(work, { recursive: true, force: true });
  }
  return folders;
}

const BROWSER_ASSET_DIRS = new Set(['assets', 'public']);

/** A generated bundle: more than 300 characters per line on average over a large file. */
/**
 * A minified bundle: long lines on average, not counting an inline source map (compiled TypeScript keeps one long
 * `//# sourceMappingURL=data:…` line below short ones). Small chunks count too (a web client's code-split files).
 */
function isMinified(file) {
  const size = statSync(file).size;
  if (size < 2_000) return false;
  const text = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=\S*\s*$/u, '');
  return text.length / (text.split('\n').length || 1) > 300;
}

/**
 * The source files of a corpus package, sorted: every JavaScript and TypeScript extension, without declaration
 * files, `node_modules`, hidden folders, browser asset folders (`assets`, `public`) and minified bundles.
 */
export function sourceFiles(folder) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // Browser bundles shipped beside the server code (ghost's built admin client) are not backend code.
        if (entry.name === 'node_modules' || entry.name.startsWith('.') || BROWSER_ASSET_DIRS.has(entry.name)) continue;
        walk(full);
      } else if (
        /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/u.test(entry.name) &&
        !/\.d\.[cm]?ts$/u.test(entry.name) &&
        !/\.min\.js$/u.test(entry.name) &&
        !isMinified(full)
      ) {
        files.push(full);
      }
    }
  };
  walk(folder);
  return files.sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const specs = process.argv.includes('--subset') ? SUBSET : process.argv.includes('--apps') ? APPS : FULL;
  const folders = ensureCorpus(specs);
  let total = 0;
  for (const folder of folders) {
    const count = sourceFiles(folder).length;
    total += count;
    console.log(`${path.basename(folder).padEnd(40)} ${String(count).padStart(6)} files`);
  }
  console.log(`${'total'.padEnd(40)} ${String(total).padStart(6)} files`);
}
