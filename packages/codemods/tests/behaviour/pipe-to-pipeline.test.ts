import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../fixture-path.js';

const CASE = fixturePath('pipe-to-pipeline', 'http-server-gzip');
const STEP_TIMEOUT_MS = 5_000;

type Outcome = { status: number; body: Buffer } | { error: string };

/** One GET to the loopback server, bounded in time. */
function get(port: number, file: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: `/${file}`, timeout: STEP_TIMEOUT_MS, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
}

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  readonly exited: Promise<number | null>;
}

/** Starts a fixture file as a child process serving `dir` on 127.0.0.1 and waits for its port. */
function start(script: string, dir: string): Promise<Server> {
  const child = fork(script, [], {
    env: { ...process.env, FILES_DIR: dir, PORT: '0' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), STEP_TIMEOUT_MS);
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve({ child, port: message.port, exited });
    });
    child.once('error', reject);
  });
}

function exitWithin(server: Server, ms: number): Promise<number | null | 'running'> {
  return Promise.race([server.exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), ms))]);
}

const started: ChildProcess[] = [];
let workDir = '';

function prepare(): string {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'pipe-to-pipeline-'));
  copyFileSync(path.join(CASE, 'input.js'), path.join(workDir, 'input.cjs'));
  copyFileSync(path.join(CASE, 'output.js'), path.join(workDir, 'output.cjs'));
  writeFileSync(path.join(workDir, 'hello.txt'), 'hello, streams\n'.repeat(100));
  return workDir;
}

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('pipe-to-pipeline behaviour: a gzip file server on the loopback interface', () => {
  it('before: a request for a missing file crashes the process', async () => {
    const dir = prepare();
    const server = await start(path.join(dir, 'input.cjs'), dir);
    started.push(server.child);

    const ok = await get(server.port, 'hello.txt');
    expect('status' in ok && gunzipSync(ok.body).toString()).toBe('hello, streams\n'.repeat(100));

    await get(server.port, 'missing.txt');
    expect(await exitWithin(server, STEP_TIMEOUT_MS)).not.toBe('running');
    expect(server.child.exitCode).not.toBe(0);

    const next = await get(server.port, 'hello.txt');
    expect('error' in next).toBe(true);
  });

  it('after: the failed request is ended and the server answers the next request', async () => {
    const dir = prepare();
    const server = await start(path.join(dir, 'output.cjs'), dir);
    started.push(server.child);

    const failed = await get(server.port, 'missing.txt');
    expect('error' in failed || failed.status >= 500).toBe(true);
    expect(await exitWithin(server, 200)).toBe('running');

    const next = await get(server.port, 'hello.txt');
    expect('status' in next && next.status).toBe(200);
    expect('status' in next && gunzipSync(next.body).toString()).toBe('hello, streams\n'.repeat(100));
  });
});
