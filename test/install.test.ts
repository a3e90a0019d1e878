// The packages as users get them: every package is packed, and fresh projects install the tarballs with npm from the
// registry, following the README's installation and configuration literally (the code blocks are read from it):
//
// - a CommonJS JavaScript project and a TypeScript ES module project, both with `npm install
//   --before=<three weeks ago>` (a project that only takes releases at least three weeks old), which run `eslint .`
//   and `npx backend-perf check` with no warning, no notice counted, no vendored or built file linted, and exactly
//   the expected findings; the JavaScript project gets no TypeScript;
// - a project with the oldest supported ESLint (9.15) and typescript-eslint (8.0).
//
// Slow (a minute or two: npm fetches the dependencies from the registry), and part of the whole suite because it is
// the only test that sees what users install.
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
/** Three weeks before today: `npm install --before` takes no release newer than this. */
const BEFORE = new Date(Date.now() - 21 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of a user's shell: without the `npm_config_*` variables that the package manager running this test
 * sets (npm warns about the pnpm-only ones), so the fresh project sees npm as a user would.
 */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(?:npm|pnpm)_(?:config|package|lifecycle)_/iu.test(key) &&
      key !== 'npm_execpath' &&
      key !== 'npm_node_execpath' &&
      key !== 'NODE_PATH',
  ),
);

/** Runs a command and resolves with its exit code and output (a non-zero exit is a result, not an error). */
function run(command: string, args: readonly string[], cwd: string, timeout = 300_000): Promise<Run> {
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

/** The README's fenced code blocks of a language, in order. */
async function readmeBlocks(language: string): Promise<string[]> {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gmu'))].map((match) => match[1]!);
}

/** The README's `eslint.config.js` block whose first line says which project it is for. */
async function readmeConfig(firstLine: string): Promise<string> {
  const block = (await readmeBlocks('js')).find((text) => text.startsWith(`${firstLine}\n`));
  if (!block) throw new Error(`README.md has no js block starting with "${firstLine}"`);
  return block;
}

/** The README's installation commands (`npm install --save-dev ...`), as argument lists after `npm install`. */
async function readmeInstalls(): Promise<string[][]> {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Installation'), readme.indexOf('## Usage'));
  return [...section.matchAll(/^npm install (.+)$/gmu)].map((match) => match[1]!.trim().split(/\s+/u));
}

/** The express app both projects serve: one request-path `readFileSync`, `protected` used as a name in CommonJS. */
const COMMONJS_APP = `const express = require('express');
const fs = require('fs');

const app = express();
const protected = ['/admin'];

app.get('/config', async (req, res) => {
  res.type('json').send(fs.readFileSync('config.json', 'utf8'));
});

module.exports = { app, protected };
`;

const TYPESCRIPT_APP = `import express, { type Request, type Response } from 'express';
import { readFileSync } from 'node:fs';

export const app = express();

app.get('/config', async (req: Request, res: Response) => {
  res.type('json').send(readFileSync('config.json', 'utf8'));
});
`;

/** Code that is not the project's: a minified library, a vendored copy, build output. Each has a finding's pattern. */
const FOREIGN: Readonly<Record<string, string>> = {
  'public/libs/htmx.min.js':
    '(function(){var f=require("fs");require("express")().get("/",async function(q,s){s.send(f.readFileSync("x"))})})();\n',
  'vendor/legacy/app.js': COMMONJS_APP,
  'dist/app.js': COMMONJS_APP,
};

const FINDING = '`fs.readFileSync` blocks the event loop on the request path (Express route handler `GET /config`)';

describe('packed packages in fresh npm projects (slow)', { timeout: 600_000 }, () => {
  let work: string;
  const tarballs = new Map<string, string>();

  /** The README's install commands with the packed tarballs for our package names and `--before`. */
  async function install(project: string, extra: readonly string[] = []): Promise<void> {
    const ours = (name: string): string[] => {
      switch (name) {
        case 'eslint-plugin-backend-perf':
          return [tarballs.get('eslint-plugin-backend-perf')!, tarballs.get('@backend-perf/core')!];
        case 'backend-perf':
          return [...tarballs.values()];
        default:
          return [name];
      }
    };
    for (const args of [...(await readmeInstalls()), ...(extra.length > 0 ? [['--save-dev', ...extra]] : [])]) {
      const result = await run(
        'npm',
        ['install', `--before=${BEFORE}`, '--no-audit', '--no-fund', ...args.flatMap(ours)],
        project,
      );
      expectSuccess(result, `npm install ${args.join(' ')}`);
    }
  }

  async function project(name: string, files: Readonly<Record<string, string>>): Promise<string> {
    const dir = path.join(work, name);
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    return dir;
  }

  beforeAll(async () => {
    for (const name of PACKAGES) {
      if (!existsSync(path.join(root, 'packages', name, 'dist', 'index.js'))) {
        throw new Error(`packages/${name} is not built: run \`pnpm build\` first`);
      }
    }
    work = await mkdtemp(path.join(os.tmpdir(), 'backend-perf-install-'));
    for (const name of PACKAGES) {
      const destination = path.join(work, 'packs', name);
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
  }, 300_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  describe('a CommonJS JavaScript project', () => {
    let dir: string;

    beforeAll(async () => {
      dir = await project('commonjs', {
        'package.json': '{ "name": "commonjs-app", "version": "1.0.0", "private": true }\n',
        'src/app.js': COMMONJS_APP,
        ...FOREIGN,
      });
      await install(dir);
      await writeFile(
        path.join(dir, 'eslint.config.js'),
        await readmeConfig('// eslint.config.js in a CommonJS project'),
      );
    }, 300_000);

    it('installs every package with README, LICENSE and CHANGELOG, no workspace protocol, and no TypeScript', async () => {
      for (const name of tarballs.keys()) {
        const installed = path.join(dir, 'node_modules', ...name.split('/'));
        for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
          expect(existsSync(path.join(installed, file)), `${name} ${file}`).toBe(true);
        }
        expect(await readFile(path.join(installed, 'package.json'), 'utf8'), name).not.toContain('workspace:');
      }
      expect(existsSync(path.join(dir, 'node_modules', 'typescript'))).toBe(false);
      // Of typescript-eslint only the dependency-free package with the node-type enum the rules compare with.
      expect(await readdir(path.join(dir, 'node_modules', '@typescript-eslint'))).toEqual(['types']);
    });

    it('`eslint .`: no warning, CommonJS parsed as CommonJS, no foreign file linted, the one finding', async () => {
      const result = await run('npx', ['--no', '--', 'eslint', '.'], dir);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      expect(result.stdout.trim().split('\n')).toEqual([
        `${path.join(dir, 'src', 'app.js')}`,
        `  8:25  error  ${FINDING}  backend-perf/no-sync-io`,
        '',
        '✖ 1 problem (1 error, 0 warnings)',
      ]);
      const json = await run('npx', ['--no', '--', 'eslint', '--format', 'json', '.'], dir);
      const linted = (JSON.parse(json.stdout) as { filePath: string }[]).map((file) =>
        path.relative(dir, file.filePath),
      );
      expect(linted.sort()).toEqual(['eslint.config.js', path.join('src', 'app.js')]);
    });

    it('`npx backend-perf check`: the same finding, no notice, exit code 1', async () => {
      const result = await run('npx', ['--no', '--', 'backend-perf', 'check'], dir);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(
        [
          'backend-perf/no-sync-io (1 finding)',
          '  docs: https://github.com/backend-perf/backend-perf/blob/main/docs/rules/no-sync-io.md',
          '  fix:  npx backend-perf migrate fs-sync-to-async',
          `  src/app.js:8:25  ${FINDING}.`,
          '',
          '✖ 1 finding (1 error, 0 warnings), in 1 file of 2 linted.',
          '',
        ].join('\n'),
      );
    });

    it('migrates with `backend-perf migrate`, `npx @backend-perf/codemods` and `jscodeshift -t` alike', async () => {
      const migrated = COMMONJS_APP.replace(
        "fs.readFileSync('config.json', 'utf8')",
        "await fs.promises.readFile('config.json', 'utf8')",
      );
      const cli = await run('npx', ['--no', '--', 'backend-perf', 'migrate', 'fs-sync-to-async', '--dry'], dir);
      expect(cli.code, cli.stderr).toBe(0);
      expect(cli.stdout).toContain("+  res.type('json').send(await fs.promises.readFile('config.json', 'utf8'));");
      expect(cli.stdout).not.toContain('vendor');

      const bin = await run(
        'npx',
        ['--no', '--', 'backend-perf-codemods', 'fs-sync-to-async', '--dry', '--print'],
        dir,
      );
      expect(bin.code, bin.stderr).toBe(0);
      expect(bin.stdout).toContain(migrated);

      // Without --no-babel: jscodeshift's Babel hook must not touch the codemods' ES modules.
      const transform = path.join(
        'node_modules',
        '@backend-perf',
        'codemods',
        'dist',
        'transforms',
        'fs-sync-to-async.cjs',
      );
      const jscodeshift = await run(
        'npx',
        ['--no', '--', 'jscodeshift', '--dry', '--print', '-t', transform, 'src'],
        dir,
      );
      expect(jscodeshift.code, jscodeshift.stderr).toBe(0);
      expect(jscodeshift.stdout).toContain(migrated);
      expect(jscodeshift.stdout).toContain('1 ok');
      expect(await readFile(path.join(dir, 'src', 'app.js'), 'utf8')).toBe(COMMONJS_APP);
    });
  });

  describe('a TypeScript ES module project', () => {
    let dir: string;

    beforeAll(async () => {
      dir = await project('typescript', {
        'package.json': '{ "name": "typescript-app", "version": "1.0.0", "private": true, "type": "module" }\n',
        'src/app.ts': TYPESCRIPT_APP,
        ...FOREIGN,
      });
      // A TypeScript project has TypeScript; the README adds typescript-eslint for the parser.
      await install(dir, ['typescript', 'typescript-eslint']);
      await writeFile(
        path.join(dir, 'eslint.config.js'),
        await readmeConfig('// eslint.config.js in a TypeScript project'),
      );
    }, 300_000);

    it('`eslint .`: no warning, no foreign file linted, the one finding', async () => {
      const result = await run('npx', ['--no', '--', 'eslint', '.'], dir);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      expect(result.stdout.trim().split('\n')).toEqual([
        `${path.join(dir, 'src', 'app.ts')}`,
        `  7:25  error  ${FINDING}  backend-perf/no-sync-io`,
        '',
        '✖ 1 problem (1 error, 0 warnings)',
      ]);
    });

    it('`npx backend-perf check`: the same finding, no notice, exit code 1', async () => {
      const result = await run('npx', ['--no', '--', 'backend-perf', 'check'], dir);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`  src/app.ts:7:25  ${FINDING}`);
      expect(result.stdout).toMatch(/\n✖ 1 finding \(1 error, 0 warnings\), in 1 file of 2 linted\.\n$/u);
    });
  });

  describe('the oldest supported ESLint (9.15) and typescript-eslint (8.0)', () => {
    let dir: string;

    beforeAll(async () => {
      dir = await project('oldest', {
        'package.json': '{ "name": "oldest-app", "version": "1.0.0", "private": true, "type": "module" }\n',
        'src/app.ts': TYPESCRIPT_APP,
        'src/legacy.cjs': COMMONJS_APP,
        ...FOREIGN,
      });
      await install(dir, ['eslint@9.15.0', 'typescript-eslint@8.0.0', 'typescript@5.5.4']);
      await writeFile(
        path.join(dir, 'eslint.config.js'),
        await readmeConfig('// eslint.config.js in a TypeScript project'),
      );
    }, 300_000);

    it('runs `eslint .`, `backend-perf check` and `migrate` with the same findings', async () => {
      const versions = await run('npx', ['--no', '--', 'eslint', '--version'], dir);
      expect(versions.stdout.trim()).toBe('v9.15.0');
      const eslint = await run('npx', ['--no', '--', 'eslint', '.'], dir);
      expect(eslint.stderr).toBe('');
      expect(eslint.code).toBe(1);
      expect(eslint.stdout).toContain('7:25  error');
      expect(eslint.stdout).toContain('8:25  error');
      expect(eslint.stdout).toContain('✖ 2 problems (2 errors, 0 warnings)');
      const check = await run('npx', ['--no', '--', 'backend-perf', 'check'], dir);
      expect(check.stderr).toBe('');
      expect(check.code).toBe(1);
      expect(check.stdout).toContain(`  src/app.ts:7:25  ${FINDING}`);
      expect(check.stdout).toContain(`  src/legacy.cjs:8:25  ${FINDING}`);
      expect(check.stdout).toMatch(/\n✖ 2 findings \(2 errors, 0 warnings\), in 2 files of 3 linted\.\n$/u);
      const migrate = await run('npx', ['--no', '--', 'backend-perf', 'migrate', 'fs-sync-to-async', '--dry'], dir);
      expect(migrate.code, migrate.stderr).toBe(0);
      expect(migrate.stdout).toContain("+  res.type('json').send(await readFile('config.json', 'utf8'));");
      expect(migrate.stdout).toContain("+  res.type('json').send(await fs.promises.readFile('config.json', 'utf8'));");
    });
  });
});
