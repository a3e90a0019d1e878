import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import {
  analyzeFile,
  clearProjects,
  Project,
  ProjectFileList,
  projectFingerprint,
  projectFor,
  summarizeText,
  type FileSummary,
  type ProjectGraph,
} from '../src/index.js';
import { cacheFileFor } from '../src/project/cache.js';
import { clearStaticFolderCache, companionsOf } from '../src/project/files.js';
import { writeProject } from './project.js';

/** A project that reads the disk on every lint (no refresh interval), as a long-lived editor process would. */
function open(root: string): Project {
  return new Project(root, root, {}, { refreshMs: -1 });
}

function summaryOf(root: string, file: string, text: string): FileSummary {
  const analysis = summarizeText(path.join(root, file), text, {});
  if (!analysis) throw new Error(`cannot summarise ${file}`);
  return analysis.summary;
}

/** Lints `file` with `text` (the editor's buffer, or the file as on disk) and returns the graph it sees. */
function lint(project: Project, file: string, text?: string): { graph: ProjectGraph; file: number } {
  const full = path.join(project.root, file);
  const content = text ?? readFileSync(full, 'utf8');
  return project.graphFor(full, content, summaryOf(project.root, file, content));
}

/** The index of the function named `name` in a text's summary. */
function functionIndex(project: Project, file: string, text: string, name: string): number {
  const index = summaryOf(project.root, file, text).functions.findIndex((fn) => fn.name === name);
  if (index === -1) throw new Error(`no function ${name} in ${file}`);
  return index;
}

/** The context of the function named `name` of `file`, as the project sees it when `file` is linted with `text`. */
function contextOf(project: Project, file: string, name: string, text?: string): string {
  const content = text ?? readFileSync(path.join(project.root, file), 'utf8');
  const { graph, file: index } = lint(project, file, content);
  return graph.contextOf(index, functionIndex(project, file, content, name)).context;
}

/** Writes a file and moves its time forward, so that a size-preserving edit is still seen as a change. */
function write(root: string, file: string, text: string): void {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  const later = new Date(Date.now() + 5_000 + Math.random() * 1_000);
  utimesSync(full, later, later);
}

const routes = `const express = require('express');
const { load } = require('./lib/load');
const app = express();
app.get('/items', (req, res) => res.json(load()));
app.listen(3000);
`;

describe('project: what a change costs', () => {
  it('keeps the graph when an edit moves code without changing its structure, and rebuilds it when it does', () => {
    const root = writeProject({
      'server.js': routes,
      'lib/load.js': `exports.load = function load() {\n  return read();\n};\nfunction read() {\n  return [];\n}\n`,
    });
    const project = open(root);
    const first = lint(project, 'lib/load.js').graph;
    expect(contextOf(project, 'lib/load.js', 'read')).toBe('request');

    // A comment, a blank line and a new local variable: offsets and lines move, the graph does not change.
    const moved =
      `// Loads the items.\n\nexports.load = function load() {\n  const limit = 10;\n  return read(limit);\n};\n` +
      `function read() {\n  return [];\n}\n`;
    expect(lint(project, 'lib/load.js', moved).graph).toBe(first);
    write(root, 'lib/load.js', moved);
    expect(lint(project, 'lib/load.js').graph).toBe(first);

    // `read` is no longer called: a new graph, in which it has no caller.
    const detached = `exports.load = function load() {\n  return [];\n};\nfunction read() {\n  return [];\n}\n`;
    expect(lint(project, 'lib/load.js', detached).graph).not.toBe(first);
    expect(contextOf(project, 'lib/load.js', 'read', detached)).toBe('unknown');
    expect(contextOf(project, 'lib/load.js', 'read', moved)).toBe('request');
  });

  it('sees files changed, added and removed on disk by others, and what their .gitignore leaves out', () => {
    const root = writeProject({
      'server.js': routes,
      'lib/load.js': `exports.load = function load() {\n  return [];\n};\n`,
      'lib/audit.js': `exports.audit = function audit() {};\n`,
    });
    const project = open(root);
    expect(contextOf(project, 'lib/audit.js', 'audit')).toBe('unknown');

    // Another file starts calling it: seen at the next lint of any file.
    write(
      root,
      'lib/load.js',
      `const { audit } = require('./audit');\nexports.load = function load() {\n  audit();\n  return [];\n};\n`,
    );
    expect(contextOf(project, 'lib/audit.js', 'audit')).toBe('request');

    // A new file that registers a handler; then the same file left out by a new .gitignore.
    write(
      root,
      'jobs/report.js',
      `const app = require('express')();\nconst { audit } = require('../lib/audit');\n` +
        `app.post('/report', () => audit());\n`,
    );
    expect(new ProjectFileList(root).list().map((file) => path.relative(root, file))).toContain('jobs/report.js');
    write(root, '.gitignore', 'jobs/\n');
    expect(new ProjectFileList(root).list().map((file) => path.relative(root, file))).not.toContain('jobs/report.js');

    rmSync(path.join(root, 'lib/load.js'));
    expect(contextOf(project, 'lib/audit.js', 'audit')).toBe('unknown');
  });

  it('takes in an ignored folder with the first of its files that is linted, and leaves declaration files out', () => {
    const root = writeProject({
      '.gitignore': 'dist/\n',
      'server.js': routes,
      'lib/load.js': `exports.load = function load() {\n  return [];\n};\n`,
      'dist/server.js': routes,
      'dist/lib/load.js': `exports.load = function load() {\n  return [];\n};\n`,
      'dist/lib/unused.js': `exports.unused = function unused() {};\n`,
      'types/env.d.ts': `declare const version: string;\n`,
    });
    const project = open(root);
    const first = lint(project, 'lib/load.js').graph;
    // The first file of dist/ brings the others of dist/ (one new graph); the next ones need none.
    const dist = lint(project, 'dist/server.js').graph;
    expect(dist).not.toBe(first);
    expect(lint(project, 'dist/lib/load.js').graph).toBe(dist);
    expect(lint(project, 'dist/lib/unused.js').graph).toBe(dist);
    expect(contextOf(project, 'dist/lib/load.js', 'load')).toBe('request');
    // A declaration file runs no code: it is judged on its own, without the project's graph.
    expect(projectFor(path.join(root, 'types/env.d.ts'), root, {})).toBeNull();
    expect(projectFor(path.join(root, 'lib/load.js'), root, {})).not.toBeNull();
  });

  it('fingerprints the structure of the graphs that hold the given paths', () => {
    const root = writeProject({
      'package.json': '{}',
      'server.js': routes,
      'lib/load.js': `exports.load = function load() {\n  return [];\n};\n`,
    });
    const fingerprint = (): string => {
      clearProjects();
      return projectFingerprint(['.'], root);
    };
    const first = fingerprint();
    expect(first).toMatch(/^[\w-]{20}$/u);
    expect(projectFingerprint(['lib/load.js', 'server.js'], root)).toBe(first);
    // A comment or an edit inside a function body moves positions only: the same graph.
    write(root, 'lib/load.js', `// loads\nexports.load = function load() {\n  return [1, 2];\n};\n`);
    expect(fingerprint()).toBe(first);
    // A new call, a new file: another graph.
    write(root, 'lib/load.js', `exports.load = function load() {\n  return require('fs').readdirSync('.');\n};\n`);
    const called = fingerprint();
    expect(called).not.toBe(first);
    write(root, 'lib/other.js', `exports.other = () => 1;\n`);
    expect(fingerprint()).not.toBe(called);
    // Unchanged files: the stamp of the last fingerprint answers, without reading or writing any summary.
    const now = fingerprint();
    const summaries = cacheFileFor(root, JSON.stringify({ handlers: [] }));
    rmSync(summaries, { force: true });
    expect(fingerprint()).toBe(now);
    clearProjects();
    expect(existsSync(summaries)).toBe(false);
    // Outside any project: nothing.
    expect(projectFingerprint([path.parse(root).root], path.parse(root).root)).toBe('');
  });

  it('leaves the files of folders the crawl skips out of the graph, linted or not', () => {
    const root = writeProject({
      'package.json': '{}',
      'server.js': routes,
      'lib/load.js': `exports.load = function load() {\n  return [];\n};\n`,
      'public/js/app.js': `document.title = 'x';\n`,
      'public/js/admin/users.js': `document.title = 'y';\n`,
      'coverage/lcov-report/prettify.js': `window.x = 1;\n`,
      'sites/public/package.json': '{}',
      'sites/public/server.js': routes,
      'api/public/users.js': `exports.list = (req, res) => res.json([]);\n`,
      'src/public/js/menu.js': `document.title = 'z';\n`,
      'src/public/style.css': 'body {}\n',
      'web/public/js/app.js': `document.title = 'w';\n`,
      'dist/routes/public/users.js': `exports.list = (req, res) => res.json([]);\n`,
      'dist/routes/public/users.js.map': '{}\n',
    });
    // A static folder's scripts run in the browser: each is judged on its own, and the graph stays one graph.
    expect(projectFor(path.join(root, 'public/js/app.js'), root, {})).toBeNull();
    expect(projectFor(path.join(root, 'public/js/admin/users.js'), root, {})).toBeNull();
    expect(projectFor(path.join(root, 'coverage/lcov-report/prettify.js'), root, {})).toBeNull();
    // Below the top level, a `public` folder is a static one when it holds pages, styles, images or fonts; one of
    // source files alone (an API's public routes) is server code, listed and in the graph.
    expect(projectFor(path.join(root, 'src/public/js/menu.js'), root, {})).toBeNull();
    expect(projectFor(path.join(root, 'api/public/users.js'), root, {})?.root).toBe(root);
    // Browser scripts in a `js` folder of it; source maps beside compiled routes are no assets.
    expect(projectFor(path.join(root, 'web/public/js/app.js'), root, {})).toBeNull();
    expect(projectFor(path.join(root, 'dist/routes/public/users.js'), root, {})?.root).toBe(root);
    const listed = new ProjectFileList(root).list().map((file) => path.relative(root, file));
    expect(listed).toContain(path.join('api', 'public', 'users.js'));
    expect(listed.filter((file) => file.includes('public'))).toEqual([
      path.join('api', 'public', 'users.js'),
      path.join('dist', 'routes', 'public', 'users.js'),
      path.join('sites', 'public', 'server.js'),
    ]);
    // Only folders inside the project count: a project whose own folder is named `public` is a project.
    expect(projectFor(path.join(root, 'lib/load.js'), root, {})?.root).toBe(root);
    expect(projectFor(path.join(root, 'sites/public/server.js'), root, {})?.root).toBe(path.join(root, 'sites/public'));
  });

  it('reads again whether a public folder is static when what it holds changes, not only its parent', () => {
    const root = writeProject({
      'package.json': '{}',
      'server.js': routes,
      'api/public/users.js': `exports.list = (req, res) => res.json([]);\n`,
    });
    const list = new ProjectFileList(root);
    const inPublic = (): string[] =>
      list
        .list()
        .map((file) => path.relative(root, file))
        .filter((file) => file.includes('public'));
    expect(inPublic()).toEqual([path.join('api', 'public', 'users.js')]);
    // A page added to the folder changes its time, not that of `api/`, whose listing the crawl keeps.
    writeFileSync(path.join(root, 'api/public/index.html'), '<html></html>\n');
    clearStaticFolderCache();
    expect(inPublic()).toEqual([]);
    rmSync(path.join(root, 'api/public/index.html'));
    clearStaticFolderCache();
    expect(inPublic()).toEqual([path.join('api', 'public', 'users.js')]);
  });

  it('takes in the files of the topmost ignored folder, of a skipped folder only its own, within its bounds', () => {
    const root = writeProject({
      '.gitignore': 'build/\n',
      'server.js': '',
      'build/a.js': '',
      'build/sub/b.js': '',
      'build/sub/types.d.ts': '',
      'public/js/c.js': '',
      'public/js/d.js': '',
      'public/other/e.js': '',
    });
    const list = new ProjectFileList(root);
    list.list();
    const names = (file: string, limit = 10): string[] =>
      companionsOf(list, path.join(root, file), limit)
        .map((found) => path.relative(root, found))
        .sort();
    expect(names('build/sub/b.js')).toEqual(['build/a.js', 'build/sub/b.js']);
    expect(names('public/js/c.js')).toEqual(['public/js/c.js', 'public/js/d.js']);
    expect(names('build/a.js', 1)).toEqual(['build/a.js']);
    expect(names('server.js')).toEqual(['server.js']);
    expect(companionsOf(list, path.join(path.dirname(root), 'elsewhere.js'), 10)).toEqual([
      path.join(path.dirname(root), 'elsewhere.js'),
    ]);
    // A crawl stopped at its limit has unreached folders that are not ignored ones: no companions.
    const partial = new ProjectFileList(root, 1);
    partial.list();
    expect(partial.truncated).toBe(true);
    expect(companionsOf(partial, path.join(root, 'build/a.js'), 10)).toEqual([path.join(root, 'build/a.js')]);
  });

  it('re-lists a folder only when its time or a .gitignore changed', () => {
    const root = writeProject({ 'a.js': '', 'src/b.js': '', 'src/deep/c.ts': '', 'src/deep/c.d.ts': '' });
    const list = new ProjectFileList(root);
    const names = (): string[] => list.list().map((file) => path.relative(root, file));
    expect(names()).toEqual(['a.js', 'src/b.js', 'src/deep/c.ts']);
    write(root, 'src/deep/d.js', '');
    expect(names()).toEqual(['a.js', 'src/b.js', 'src/deep/c.ts', 'src/deep/d.js']);
    write(root, 'src/.gitignore', 'deep/d.js\n');
    expect(names()).toEqual(['a.js', 'src/b.js', 'src/deep/c.ts']);
    rmSync(path.join(root, 'src/deep'), { recursive: true });
    expect(names()).toEqual(['a.js', 'src/b.js']);
  });

  it('writes its summaries to the cache, and a damaged cache file is read as empty', () => {
    const root = writeProject({
      'server.js': routes,
      'lib/load.js': `exports.load = function load() {\n  return [];\n};\n`,
    });
    mkdirSync(path.join(root, 'node_modules'));
    const project = open(root);
    lint(project, 'server.js');
    project.flush();
    const cacheFile = cacheFileFor(root, JSON.stringify({ handlers: [] }));
    const written = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(written.entries).sort()).toEqual(['lib/load.js', 'server.js']);

    // A cache of this very build whose summary has an optional field of the wrong kind (edited by hand).
    const wrongField = (name: string): string => {
      const copy = structuredClone(written) as { entries: Record<string, { summary: Record<string, unknown> }> };
      copy.entries['server.js'].summary[name] = 5;
      return JSON.stringify(copy);
    };
    const damages = ['', '{"version":', '{"version":2,"entries":{"server.js":{"size":"x"}}}', 'null'];
    for (const damage of [...damages, wrongField('devImports'), wrongField('emits'), wrongField('mixins')]) {
      writeFileSync(cacheFile, damage);
      const fresh = open(root);
      expect(contextOf(fresh, 'lib/load.js', 'load')).toBe('request');
    }
  });
});

/** The summary of `text` as a rule sees it, linted by ESLint with CommonJS globals and `extraGlobals` declared. */
function lintedSummary(
  root: string,
  file: string,
  text: string,
  extraGlobals: Record<string, 'readonly'>,
  parser?: Linter.Parser,
): FileSummary | undefined {
  let summary: FileSummary | undefined;
  const plugin = {
    rules: {
      summary: {
        create: (context: { sourceCode: Parameters<typeof analyzeFile>[0] }) => ({
          'Program:exit': () => {
            summary = analyzeFile(context.sourceCode, {}).summary;
          },
        }),
      },
    },
  };
  new Linter({ cwd: root }).verify(
    text,
    [
      {
        languageOptions: { sourceType: 'commonjs', globals: extraGlobals, ...(parser ? { parser } : {}) },
        plugins: { test: plugin as never },
        rules: { 'test/summary': 'error' },
      },
    ],
    path.join(root, file),
  );
  return summary;
}

describe('project: the same summary however a file is read', () => {
  // Compiled TypeScript calls the module's own exports through `exports`; `io` is a global that only the
  // configuration declares.
  const compiled = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatCost = exports.calculateCost = void 0;
const calculateCost = (items) => items.map((item) => (0, exports.formatCost)(item.cost));
exports.calculateCost = calculateCost;
const formatCost = (cost) => {
  io.emit('cost', cost);
  return '$ ' + cost.toFixed(2);
};
exports.formatCost = formatCost;
`;

  it('gives the linted text the summary of the file on disk, whatever globals the ESLint config declares', () => {
    const root = writeProject({ 'lib/cost.js': compiled });
    const fromDisk = summaryOf(root, 'lib/cost.js', compiled);
    expect(lintedSummary(root, 'lib/cost.js', compiled, { io: 'readonly' })).toEqual(fromDisk);
    expect(lintedSummary(root, 'lib/cost.js', compiled, {})).toEqual(fromDisk);
  });

  it("reads a top-level variable named like a type of TypeScript's library with typescript-eslint's parser", () => {
    // SWC's output for `export default Iterable`: typescript-eslint's scope analysis of a CommonJS script joins
    // `Iterable` to the library's type of that name and leaves the variable's references unresolved.
    const swc = `"use strict";
Object.defineProperty(exports, "default", { enumerable: true, get: function() { return _default; } });
const Iterable = ({ rows }) => rows.length;
const _default = Iterable;
`;
    // Reassigned, or given members after its declaration: every write counts, not only the initialiser.
    const reassigned = `let Iterable = function first() {};\nIterable = function second() {};\nexports.handler = Iterable;\n`;
    const members = `const Record = {};\nRecord.load = function load() {};\nexports.Record = Record;\n`;
    const root = writeProject({ 'lib/iterable.js': swc, 'lib/reassigned.js': reassigned, 'lib/record.js': members });
    const fromDisk = summaryOf(root, 'lib/iterable.js', swc);
    expect(fromDisk.exports).toEqual({ default: { fn: 1 } });
    expect(lintedSummary(root, 'lib/iterable.js', swc, {}, tsParser as Linter.Parser)).toEqual(fromDisk);
    const twice = summaryOf(root, 'lib/reassigned.js', reassigned);
    expect(twice.exports).toEqual({ handler: { any: [{ fn: 0 }, { fn: 1 }] } });
    expect(lintedSummary(root, 'lib/reassigned.js', reassigned, {}, tsParser as Linter.Parser)).toEqual(twice);
    const record = summaryOf(root, 'lib/record.js', members);
    expect(record.exports).toEqual({ Record: { members: { load: { fn: 0 } } } });
    expect(lintedSummary(root, 'lib/record.js', members, {}, tsParser as Linter.Parser)).toEqual(record);
  });

  it('keeps the graph over a whole lint of unchanged files', () => {
    const root = writeProject({
      'server.js': routes,
      'lib/cost.js': compiled,
      'lib/load.js': 'exports.load = () => [];\n',
    });
    const project = open(root);
    const first = lint(project, 'server.js').graph;
    const text = readFileSync(path.join(root, 'lib/cost.js'), 'utf8');
    const linted = lintedSummary(root, 'lib/cost.js', text, { io: 'readonly' });
    if (!linted) throw new Error('no summary');
    expect(project.graphFor(path.join(root, 'lib/cost.js'), text, linted).graph).toBe(first);
  });

  it("resolves a call of the module's own export through `exports` to that function", () => {
    const root = writeProject({
      'server.js': `const express = require('express');
const { calculateCost } = require('./lib/cost');
const app = express();
app.post('/cost', (req, res) => res.json(calculateCost(req.body)));
app.listen(3000);
`,
      'lib/cost.js': compiled,
    });
    const project = open(root);
    expect(contextOf(project, 'lib/cost.js', 'formatCost')).toBe('request');
    const summary = summaryOf(root, 'lib/cost.js', compiled);
    const from = summary.functions.findIndex((fn) => fn.name === 'calculateCost');
    const to = summary.functions.findIndex((fn) => fn.name === 'formatCost');
    expect(summary.edges.filter(([, target]) => target === to).map(([source]) => source)).toContain(
      summary.functions.findIndex((fn, index) => index > from && fn.name === 'anonymous function'),
    );
  });
});

describe('project: module resolution', () => {
  it('finds relative imports among the project files, the way TypeScript and Node name them', () => {
    const root = writeProject({
      'src/app.ts': [
        `import express from 'express';`,
        `import { a } from './a.js';`,
        `import { b } from './b';`,
        `import { c } from './c';`,
        `import { d } from './d';`,
        `import { e } from '../lib/e.mjs';`,
        `const app = express();`,
        `app.get('/', () => [a(), b(), c(), d(), e()]);`,
      ].join('\n'),
      'src/a.ts': 'export function a() {}\n',
      'src/a.js': 'export function a() {}\n',
      'src/b.js': 'export function b() {}\n',
      'src/c/index.ts': 'export function c() {}\n',
      'src/d/package.json': '{ "main": "./main.js" }\n',
      'src/d/index.ts': 'export function d() {}\n',
      'src/d/main.js': 'export function d() {}\n',
      'lib/e.mts': 'export function e() {}\n',
    });
    const project = open(root);
    const names: Record<string, string> = {
      'src/a.ts': 'a',
      'src/a.js': 'a',
      'src/b.js': 'b',
      'src/c/index.ts': 'c',
      'src/d/index.ts': 'd',
      'src/d/main.js': 'd',
      'lib/e.mts': 'e',
    };
    const contexts = Object.fromEntries(
      Object.entries(names).map(([file, name]) => [file, contextOf(project, file, name)]),
    );
    expect(contexts).toEqual({
      'src/a.ts': 'request',
      'src/a.js': 'unknown',
      'src/b.js': 'request',
      'src/c/index.ts': 'request',
      // The folder's package.json names its entry point.
      'src/d/index.ts': 'unknown',
      'src/d/main.js': 'request',
      'lib/e.mts': 'request',
    });
  });

  it('follows a workspace package linked into node_modules, and not an installed one', () => {
    const root = writeProject({
      'package.json': '{ "name": "shop", "private": true, "workspaces": ["packages/*"] }\n',
      'packages/api/package.json': '{ "name": "@shop/api" }\n',
      'packages/api/server.js':
        `const app = require('express')();\nconst { find } = require('@shop/db');\n` +
        `const { pick } = require('lodash-like');\napp.get('/', () => [find(), pick()]);\n`,
      'packages/db/package.json': '{ "name": "@shop/db", "main": "index.js" }\n',
      'packages/db/index.js': 'exports.find = function find() { return []; };\n',
    });
    mkdirSync(path.join(root, 'node_modules/@shop'), { recursive: true });
    symlinkSync(path.join(root, 'packages/db'), path.join(root, 'node_modules/@shop/db'));
    mkdirSync(path.join(root, 'node_modules/lodash-like'), { recursive: true });
    writeFileSync(
      path.join(root, 'node_modules/lodash-like/package.json'),
      '{ "name": "lodash-like", "main": "index.js" }',
    );
    writeFileSync(path.join(root, 'node_modules/lodash-like/index.js'), 'exports.pick = function pick() {};');
    const project = open(root);
    expect(contextOf(project, 'packages/db/index.js', 'find')).toBe('request');
    // The installed package's file is not part of the graph (node_modules is never read).
    expect(new ProjectFileList(root).list().some((file) => file.includes('lodash-like'))).toBe(false);
  });
});
