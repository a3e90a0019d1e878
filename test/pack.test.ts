// Slow (about a minute: it packs every package and installs the tarballs from scratch with npm, which fetches their
// dependencies from the registry). It is part of the whole suite because it is the only test that sees the packages
// the way users get them: only the packed files, resolved by npm, outside the workspace.
import { execFile, type ExecFileException } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['core', 'eslint-plugin', 'codemods', 'cli'] as const;
const PNPM = 'pnpm@10.34.9';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command and resolves with its exit code and output (a non-zero exit is a result, not an error). */
/**
 * The environment of a user's shell: without the `npm_config_*` variables that the package manager running this test
 * sets (npm warns about the pnpm-only ones), so the fresh project sees npm as a user would.
 */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(?:npm|pnpm)_(?:config|package|lifecycle)_/iu.test(key) &&
      key !== 'npm_execpath' &&
      key !== 'npm_node_execpath',
  ),
);

function run(command: string, args: readonly string[], cwd: string, timeout = 240_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd,
        timeout,
        maxBuffer: 64 * 1024 * 1024,
        // npm and npx are `.cmd` shims on Windows.
        shell: process.platform === 'win32',
        // Keep the workspace's pnpm/npm settings (and vitest's NODE_OPTIONS) out of the fresh project.
        env: { ...cleanEnv, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1' },
      },
      (error: ExecFileException | null, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`${command} ${args.join(' ')} failed to run: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

function expectSuccess(result: Run, what: string): void {
  if (result.code !== 0) throw new Error(`${what} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
}

const APP = `const express = require('express');
const fs = require('fs');

const app = express();

app.get('/config', async (req, res) => {
  res.type('json').send(fs.readFileSync('config.json', 'utf8'));
});

module.exports = app;
`;

const ESLINT_CONFIG = `import backendPerf from 'eslint-plugin-backend-perf';

export default [backendPerf.configs.recommended];
`;

describe('packed packages in a fresh npm project (slow)', { timeout: 300_000 }, () => {
  let work: string;
  let project: string;
  const tarballs = new Map<string, string>();

  beforeAll(async () => {
    for (const name of PACKAGES) {
      if (!existsSync(path.join(root, 'packages', name, 'dist', 'index.js'))) {
        throw new Error(`packages/${name} is not built: run \`pnpm build\` first`);
      }
    }
    work = await mkdtemp(path.join(os.tmpdir(), 'backend-perf-pack-'));
    const packs = path.join(work, 'packs');
    project = path.join(work, 'project');
    await mkdir(packs);
    await mkdir(project);

    for (const name of PACKAGES) {
      const destination = path.join(packs, name);
      const packed = await run(
        'npx',
        ['-y', PNPM, 'pack', '--pack-destination', destination],
        path.join(root, 'packages', name),
      );
      expectSuccess(packed, `pnpm pack in packages/${name}`);
      const manifest = JSON.parse(await readFile(path.join(root, 'packages', name, 'package.json'), 'utf8')) as {
        name: string;
      };
      const files = (await readdir(destination)).filter((file) => file.endsWith('.tgz'));
      expect(files, `tarballs of packages/${name}`).toHaveLength(1);
      tarballs.set(manifest.name, path.join(destination, files[0] as string));
    }

    expectSuccess(await run('npm', ['init', '-y'], project), 'npm init');
    const install = await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs.values(), 'eslint@10'],
      project,
    );
    expectSuccess(install, 'npm install of the tarballs');
    await writeFile(path.join(project, 'eslint.config.mjs'), ESLINT_CONFIG);
    await mkdir(path.join(project, 'src'));
    await writeFile(path.join(project, 'src', 'app.js'), APP);
  }, 300_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('packs every package, with its README, LICENSE and no workspace protocol left', async () => {
    expect([...tarballs.keys()].sort()).toEqual([
      '@backend-perf/codemods',
      '@backend-perf/core',
      'backend-perf',
      'eslint-plugin-backend-perf',
    ]);
    for (const name of tarballs.keys()) {
      const installed = path.join(project, 'node_modules', ...name.split('/'));
      expect(existsSync(path.join(installed, 'README.md')), `${name} README.md`).toBe(true);
      expect(existsSync(path.join(installed, 'LICENSE')), `${name} LICENSE`).toBe(true);
      const manifest = await readFile(path.join(installed, 'package.json'), 'utf8');
      expect(manifest, name).not.toContain('workspace:');
    }
  });

  it('loads the plugin from eslint.config.mjs and reports no-sync-io with `npx eslint`', async () => {
    const result = await run('npx', ['--no', '--', 'eslint', 'src'], project);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('backend-perf/no-sync-io');
    expect(result.stdout).toMatch(/7:\d+\s+error\s+`fs\.readFileSync` runs on the request path/u);
  });

  it("runs the fs-sync-to-async transform under jscodeshift's own runner", async () => {
    const transform = path.join(
      'node_modules',
      '@backend-perf',
      'codemods',
      'dist',
      'transforms',
      'fs-sync-to-async.js',
    );
    const result = await run(
      'npx',
      ['--no', '--', 'jscodeshift', '--no-babel', '--dry', '--print', '-t', transform, 'src'],
      project,
    );
    expectSuccess(result, 'jscodeshift');
    expect(result.stdout).toContain("res.type('json').send(await fs.promises.readFile('config.json', 'utf8'));");
    expect(await readFile(path.join(project, 'src', 'app.js'), 'utf8')).toBe(APP);
  });

  it('runs `npx backend-perf check`: findings grouped by rule, exit code 1', async () => {
    const result = await run('npx', ['--no', '--', 'backend-perf', 'check'], project);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('no-sync-io');
    expect(result.stdout).toContain('src/app.js');
    expect(result.stdout).toContain('fs-sync-to-async');
  });

  it('runs `npx backend-perf migrate fs-sync-to-async src --dry`: a diff, and nothing written', async () => {
    const result = await run(
      'npx',
      ['--no', '--', 'backend-perf', 'migrate', 'fs-sync-to-async', 'src', '--dry'],
      project,
    );
    expect(result.code, result.stderr).toBeLessThan(2);
    expect(result.stdout).toContain("+  res.type('json').send(await fs.promises.readFile('config.json', 'utf8'));");
    expect(await readFile(path.join(project, 'src', 'app.js'), 'utf8')).toBe(APP);
  });
});
