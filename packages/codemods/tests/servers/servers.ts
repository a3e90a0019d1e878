/**
 * What the real-server tests share: where the servers of `scripts/servers.sh` listen, whether a suite runs, and how
 * a migrated program is run with the real drivers.
 */
import { readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const HOST = '127.0.0.1';
/** The user every server accepts without a password (on loopback only). */
export const USER = 'backend_perf';

export const SERVERS = {
  PostgreSQL: Number(process.env.BACKEND_PERF_PG_PORT ?? 55432),
  MariaDB: Number(process.env.BACKEND_PERF_MARIADB_PORT ?? 53306),
  Redis: Number(process.env.BACKEND_PERF_REDIS_PORT ?? 56379),
} as const;

export type ServerName = keyof typeof SERVERS;

export const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (up: boolean): void => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, HOST);
  });
}

/**
 * Whether a server's suite runs: yes when the server listens. When it does not, the suite is skipped (with a
 * message) only if `BACKEND_PERF_SKIP_SERVERS=1` says so and this is not CI; otherwise the run fails and says how to
 * start the servers.
 */
export async function serverRuns(name: ServerName): Promise<boolean> {
  const port = SERVERS[name];
  if (await listening(port)) return true;
  const where = `${name} is not running on ${HOST}:${String(port)}`;
  if (process.env.BACKEND_PERF_SKIP_SERVERS === '1' && !process.env.CI) {
    console.warn(`real-server tests skipped: ${where} and BACKEND_PERF_SKIP_SERVERS=1`);
    return false;
  }
  throw new Error(
    `${where}. Start the test servers with \`npx -y pnpm@10.34.9 servers start\` (see docs/testing.md), or set ` +
      `BACKEND_PERF_SKIP_SERVERS=1 to skip the real-server tests outside CI.`,
  );
}

/** A program's exports; a name it does not export reads as `undefined`. */
export type Exports = Partial<Record<string, (...args: unknown[]) => Promise<unknown>>>;

const asyncFunctionPrototype: unknown = Object.getPrototypeOf(async () => undefined);
const AsyncFunction = (
  asyncFunctionPrototype as { constructor: new (...args: string[]) => (...values: unknown[]) => Promise<void> }
).constructor;

/**
 * Runs a program's text (JavaScript or TypeScript, CommonJS or ES modules, top-level `await` included) as a module
 * whose `require` answers from `modules` only, and returns its exports.
 */
export async function runProgram(source: string, filename: string, modules: Record<string, unknown>): Promise<Exports> {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    // As .js/.ts: TypeScript keeps .mjs/.mts files ES modules whatever `module` says.
    fileName: filename.replace(/\.m([jt]s)$/u, '.$1'),
  });
  const module = { exports: {} as Exports };
  const require = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`unexpected require(${name}) in ${filename}`);
    return modules[name];
  };
  await new AsyncFunction('require', 'module', 'exports', outputText)(require, module, module.exports);
  return module.exports;
}

export function readFixture(codemod: string, name: string, file: string): string {
  return readFileSync(path.join(fixtures, codemod, name, file), 'utf8');
}
