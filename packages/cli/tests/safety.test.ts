// What `migrate` guarantees about the files it reads and writes: bytes it did not edit are kept, nothing is written
// outside what it was asked to migrate, a file changed since it was read is never overwritten, links, read-only
// files, owners and modes are respected, and a refused git repository stops the run.
import { execFile } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { MigrateDependencies } from '../src/commands/migrate.js';
import type { CommandRunner } from '../src/git.js';
import { main } from '../src/main.js';
import { migrateSource } from '../src/migrate-runner.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-safety-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
/** A fresh folder (outside any git repository) with the given files. */
function project(files: Readonly<Record<string, string | Buffer>>): string {
  const dir = path.join(scratch, `p${(folders += 1)}`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Git, mocked: outside any repository. */
const noGit: CommandRunner = async () => {
  throw Object.assign(new Error('Command failed'), { stderr: 'fatal: not a git repository (or any parent)' });
};

async function migrate(cwd: string, args: readonly string[], dependencies: MigrateDependencies = { run: noGit }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ['migrate', ...args, '--no-config-lookup', '--workers', '1'],
    { cwd, stdout: (text) => out.push(text), stderr: (text) => err.push(text) },
    dependencies,
  );
  return { code, out: out.join(''), err: err.join('') };
}

/** `--json` report's files, by path. */
async function report(cwd: string, args: readonly string[], dependencies?: MigrateDependencies) {
  const run = await migrate(cwd, [...args, '--json'], dependencies);
  const parsed = JSON.parse(run.out) as {
    files: { path: string; status: string; reason?: string; reports: string[] }[];
  };
  return { code: run.code, files: Object.fromEntries(parsed.files.map((file) => [file.path, file])) };
}

const handler = "const fs = require('fs');\nexports.h = async (req, res) => res.send(fs.readFileSync('x'));\n";
const migrated =
  "const fs = require('fs');\nexports.h = async (req, res) => res.send(await fs.promises.readFile('x'));\n";

describe('bytes', () => {
  it('keeps bytes that are not UTF-8 (a Latin-1 comment) on rewrite and shows them in the dry-run diff', async () => {
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    const dir = project({ 'a.js': latin1(`// caf\u00e9 cr\u00e8me\n${handler}`) });
    const dry = await migrate(dir, ['fs-sync-to-async', '--dry', '--quiet']);
    expect(dry.out).toContain(' // caf\u00e9 cr\u00e8me\n');
    expect(await migrate(dir, ['fs-sync-to-async', '--quiet'])).toMatchObject({ code: 0 });
    expect(readFileSync(path.join(dir, 'a.js')).equals(latin1(`// caf\u00e9 cr\u00e8me\n${migrated}`))).toBe(true);
  });
});

describe('files changed while migrate runs', () => {
  /** Runs the codemods in this thread after `change` has altered the file the main thread read. */
  const changingExecutor =
    (change: (file: string) => void): MigrateDependencies['createExecutor'] =>
    () => ({
      workers: 1,
      submit: async (task) => {
        change(task.file);
        return { outcome: Promise.resolve(migrateSource(task)) };
      },
      close: async () => {},
    });

  it('does not overwrite a file edited since it was read (another run, an editor), and exits 1', async () => {
    const dir = project({ 'a.js': handler });
    const edited = `${handler}// edited meanwhile\n`;
    const result = await report(dir, ['fs-sync-to-async'], {
      run: noGit,
      createExecutor: changingExecutor((file) => writeFileSync(file, edited)),
    });
    expect(result.code).toBe(1);
    expect(result.files['a.js']).toMatchObject({
      status: 'failed',
      reason: 'changed on disk since it was read; not written (run migrate again)',
    });
    expect(readFileSync(path.join(dir, 'a.js'), 'utf8')).toBe(edited);
  });

  it('does not bring back a file deleted since it was read', async () => {
    const dir = project({ 'a.js': handler });
    const result = await report(dir, ['fs-sync-to-async'], {
      run: noGit,
      createExecutor: changingExecutor((file) => rmSync(file)),
    });
    expect(result.files['a.js']).toMatchObject({ status: 'failed', reason: 'deleted since it was read; not written' });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writing only where asked', () => {
  it('skips files outside the working directory, and those in build folders, as check does', async () => {
    const dir = project({ 'outside.js': handler, 'app/dist/built.js': handler, 'app/a.js': handler });
    const result = await report(path.join(dir, 'app'), ['fs-sync-to-async', '../outside.js', 'dist/built.js', 'a.js']);
    expect(result.files['../outside.js']).toMatchObject({ status: 'skipped', reason: 'outside the working directory' });
    expect(result.files['dist/built.js']).toMatchObject({
      status: 'skipped',
      reason: 'ignored: in a dist folder',
    });
    expect(result.files['a.js']).toMatchObject({ status: 'changed' });
    expect(readFileSync(path.join(dir, 'outside.js'), 'utf8')).toBe(handler);
    expect(readFileSync(path.join(dir, 'app/dist/built.js'), 'utf8')).toBe(handler);
  });

  it("takes check's files: skips declaration files, nested .git and vendor folders, follows file links", async () => {
    const dir = project({
      'src/a.js': handler,
      'src/types.d.ts': 'export declare const x: number;\n',
      'src/types.d.mts': 'export declare const y: number;\n',
      'tools/.git/hooks.js': handler,
      'tools/b.js': handler,
      // Vendored code: the default ignores of both.
      'vendor/c.js': handler,
    });
    symlinkSync('../src/a.js', path.join(dir, 'tools/link.js'));
    const checked = await main(['check', '--strict', '--no-config-lookup', '-f', 'json', '-o', 'report.json'], {
      cwd: dir,
      stdout: () => {},
      stderr: () => {},
    });
    expect(checked).toBe(1);
    const checkReport = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as {
      summary: { filesLinted: number };
      files: { path: string }[];
    };
    expect(checkReport.files.map((file) => file.path)).toEqual(['src/a.js', 'tools/b.js', 'tools/link.js']);
    expect(checkReport.summary.filesLinted).toBe(3);
    rmSync(path.join(dir, 'report.json'));
    const result = await report(dir, ['fs-sync-to-async', '--dry']);
    expect(Object.keys(result.files).sort()).toEqual(['src/a.js', 'tools/b.js', 'tools/link.js']);
    expect(result.files['tools/link.js']).toMatchObject({ status: 'skipped', reason: 'the same file as src/a.js' });
  });

  const memo =
    "const memo = {};\nconst app = require('express')();\n" +
    "app.get('/:k', (req, res) => { const k = req.params.k; if (!(k in memo)) memo[k] = load(k); res.json(memo[k]); });\n";
  const manifest = '{\n  "name": "svc"\n}\n';

  it('adds a dependency to a manifest outside the working directory only if it is in the git repository', async () => {
    const outside = project({ 'package.json': manifest, 'app/memo.js': memo });
    const refused = await report(path.join(outside, 'app'), ['cache-to-lru', '--config', 'strict']);
    expect(refused.files['memo.js']).toMatchObject({
      status: 'changed',
      reports: [
        'cannot add lru-cache@^11.0.0 to ../package.json: it is outside the working directory; add it yourself',
      ],
    });
    expect(refused.files['../package.json']).toBeUndefined();
    expect(readFileSync(path.join(outside, 'package.json'), 'utf8')).toBe(manifest);

    const repository = project({ 'package.json': manifest, 'app/memo.js': memo });
    const inGit: CommandRunner = async (_command, args) => (args[0] === 'rev-parse' ? `${repository}\n` : '');
    const added = await report(path.join(repository, 'app'), ['cache-to-lru', '--config', 'strict'], { run: inGit });
    expect(added.files['../package.json']).toMatchObject({ status: 'changed' });
    expect(readFileSync(path.join(repository, 'package.json'), 'utf8')).toBe(
      '{\n  "name": "svc",\n  "dependencies": {\n    "lru-cache": "^11.0.0"\n  }\n}\n',
    );
  });

  it("writes none of a multi-file codemod's changes when one of them is outside the given paths", async () => {
    const route =
      "const axios = require('axios');\nexports.h = async (req, res) => res.json((await " +
      "axios.get('https://x.internal/a', { timeout: 1000 })).data);\n";
    const dir = project({ 'package.json': '{ "engines": { "node": "18" } }\n', 'src/routes/a.js': route });
    const run = await migrate(dir, ['keep-alive-agents', 'src/routes', '--config', 'strict', '--quiet']);
    expect(run).toMatchObject({
      code: 1,
      err:
        'keep-alive-agents failed: it would create src/http-agents.js, outside the paths given to migrate (pass ' +
        'that folder too); none of its changes are written\n',
    });
    expect(readdirSync(path.join(dir, 'src'))).toEqual(['routes']);
    expect(readFileSync(path.join(dir, 'src/routes/a.js'), 'utf8')).toBe(route);
  });

  it('follows a symlink given as an argument to its target and keeps the link', async () => {
    const dir = project({ 'real.js': handler, 'outside/elsewhere.js': handler, 'app/.keep': '' });
    symlinkSync('real.js', path.join(dir, 'link.js'));
    expect(await migrate(dir, ['fs-sync-to-async', 'link.js', '--quiet'])).toMatchObject({ code: 0 });
    expect(lstatSync(path.join(dir, 'link.js')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'link.js'))).toBe('real.js');
    expect(readFileSync(path.join(dir, 'real.js'), 'utf8')).toBe(migrated);

    const app = path.join(dir, 'app');
    symlinkSync('../outside/elsewhere.js', path.join(app, 'away.js'));
    const result = await report(app, ['fs-sync-to-async', 'away.js']);
    expect(result.files['away.js']).toMatchObject({
      status: 'skipped',
      reason: 'a symlink to a file outside the working directory',
    });
    expect(readFileSync(path.join(dir, 'outside/elsewhere.js'), 'utf8')).toBe(handler);
  });

  it('reports a read-only file and leaves it as it is', async () => {
    const dir = project({ 'a.js': handler });
    chmodSync(path.join(dir, 'a.js'), 0o444);
    const result = await report(dir, ['fs-sync-to-async']);
    expect(result.code).toBe(1);
    expect(result.files['a.js']).toMatchObject({ status: 'failed', reason: 'read-only; not written' });
    expect(readFileSync(path.join(dir, 'a.js'), 'utf8')).toBe(handler);
    expect(statSync(path.join(dir, 'a.js')).mode & 0o777).toBe(0o444);
  });

  it('keeps the owner, group and mode of a rewritten file', async (context) => {
    if (process.getuid?.() !== 0) context.skip(); // only root can give a file to another owner
    const dir = project({ 'a.js': handler });
    const file = path.join(dir, 'a.js');
    chownSync(file, 4321, 8765);
    chmodSync(file, 0o640);
    expect(await migrate(dir, ['fs-sync-to-async', '--quiet'])).toMatchObject({ code: 0 });
    expect(readFileSync(file, 'utf8')).toBe(migrated);
    const stats = statSync(file);
    expect([stats.uid, stats.gid, stats.mode & 0o7777]).toEqual([4321, 8765, 0o640]);
  });
});

describe('the dirty-tree guard', () => {
  it('stops when git refuses the repository ("dubious ownership") unless --force', async () => {
    const dir = project({ 'a.js': handler });
    const dubious: CommandRunner = async () => {
      throw Object.assign(new Error('Command failed: git rev-parse --show-toplevel'), {
        stderr:
          `fatal: detected dubious ownership in repository at '${dir}'\n` +
          `To add an exception for this directory, call:\n`,
      });
    };
    const refused = await migrate(dir, ['fs-sync-to-async', '--quiet'], { run: dubious });
    expect(refused).toMatchObject({
      code: 2,
      err:
        `backend-perf: refusing to migrate: cannot check the git work tree of .: fatal: detected dubious ownership ` +
        `in repository at '${dir}'\nFix that (or run git status there to see why), run with --dry to preview, or ` +
        `pass --force.\nRun "backend-perf migrate --help" for usage.\n`,
    });
    expect(readFileSync(path.join(dir, 'a.js'), 'utf8')).toBe(handler);
    expect(await migrate(dir, ['fs-sync-to-async', '--quiet', '--force'], { run: dubious })).toMatchObject({ code: 0 });
    expect(readFileSync(path.join(dir, 'a.js'), 'utf8')).toBe(migrated);
  });
});

describe('signals', () => {
  it('removes the temporary file when SIGINT or SIGTERM ends the process during a write', async () => {
    const writeModule = pathToFileURL(
      path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'write.js'),
    ).href;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const dir = project({ 'a.js': handler });
      // The rename never completes: the process is stopped between writing the temporary file and renaming it.
      const script = `
        import fs from 'node:fs';
        const hang = () => { setInterval(() => {}, 1000); console.log('ready'); return new Promise(() => {}); };
        fs.rename = () => void hang();
        fs.promises.rename = hang;
        const { readSource, writeSource } = await import(${JSON.stringify(writeModule)});
        await writeSource(readSource(${JSON.stringify(path.join(dir, 'a.js'))}), 'changed');
      `;
      await new Promise<void>((resolve, reject) => {
        const child = execFile(process.execPath, ['--input-type=module', '-e', script], (error) => {
          if (error?.signal === signal) resolve();
          else reject(new Error(`the child ended with ${String(error?.signal ?? error?.code ?? 'success')}`));
        });
        child.stdout?.on('data', () => child.kill(signal));
      });
      expect(readdirSync(dir)).toEqual(['a.js']);
      expect(readFileSync(path.join(dir, 'a.js'), 'utf8')).toBe(handler);
    }
  });
});
