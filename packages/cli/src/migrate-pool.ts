import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { MigrationOutcome, MigrationTask } from './migrate-runner.js';

/** Runs per-file migrations: in this thread, or on a pool of worker threads. */
export interface MigrationExecutor {
  /** How many files run at the same time (1 in this thread). */
  readonly workers: number;
  /**
   * Hands a task over once there is room for it (so a caller that awaits `submit` before reading the next file
   * never holds more texts than the pool can work on) and gives the promise of its outcome.
   */
  readonly submit: (task: MigrationTask) => Promise<{ readonly outcome: Promise<MigrationOutcome> }>;
  /** Waits for the running tasks and stops the workers. */
  readonly close: () => Promise<void>;
}

/** The default `--workers`: one per CPU the process may use, at least 1. */
export function defaultWorkerCount(): number {
  const available = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, available);
}

/**
 * Files a worker migrates before it is replaced by a fresh one. A worker's heap grows with the code it has seen
 * (parser and linter caches, V8's lazy collection), while a new worker loads ESLint, the plugin and the parsers again:
 * replacing often lowers the peak and lengthens the run. Every 250 files bounds each worker's growth on large corpora
 * at a cost of a few percent (figures: docs/benchmarks.md, "Memory as the file set grows").
 */
export const DEFAULT_FILES_PER_WORKER = 250;

/**
 * The stack, in MB, of the thread that runs a file again whose migration ran out of stack in this thread or a pool's
 * worker (whose stacks differ: about 1 MB here, 4 MB in a worker): a file nested too deeply for one thread gets the
 * same result whichever thread first tried it.
 */
export const DEEP_STACK_MB = 256;

/**
 * Runs again, in one worker thread with a `DEEP_STACK_MB` stack started on first use, the tasks whose outcome says
 * the stack ran out; `close` stops that thread.
 */
function deepStackRetry(): {
  readonly settle: (task: MigrationTask, outcome: Promise<MigrationOutcome>) => Promise<MigrationOutcome>;
  readonly close: () => Promise<void>;
} {
  let deep: Piscina<MigrationTask, MigrationOutcome> | undefined;
  return {
    settle: async (task, outcome) => {
      const result = await outcome;
      if (result.status !== 'failed' || !result.stackOverflow) return result;
      deep ??= new Piscina<MigrationTask, MigrationOutcome>({
        filename: workerFile(),
        minThreads: 0,
        maxThreads: 1,
        idleTimeout: 1000,
        resourceLimits: { stackSizeMb: DEEP_STACK_MB },
      });
      return deep.run(task);
    },
    close: async () => {
      await deep?.close();
    },
  };
}

/** Runs each task in this thread, one after the other; the codemods load with the first task. */
export function createInProcessExecutor(): MigrationExecutor {
  let runner: Promise<typeof import('./migrate-runner.js')> | undefined;
  const retry = deepStackRetry();
  return {
    workers: 1,
    async submit(task) {
      const { migrateSource } = await (runner ??= import('./migrate-runner.js'));
      // eslint-disable-next-line @typescript-eslint/require-await -- turns a throw of the migration into a rejection
      return { outcome: retry.settle(task, (async () => migrateSource(task))()) };
    },
    close: retry.close,
  };
}

/** The compiled worker module: next to this module when running from `dist`, else the package's `dist` (tests). */
function workerFile(): string {
  const sibling = fileURLToPath(new URL('./migrate-worker.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  const built = fileURLToPath(new URL('../dist/migrate-worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(
    `cannot find the migrate worker module (looked for ${sibling} and ${built}); build the package first`,
  );
}

export interface PoolOptions {
  readonly workers: number;
  /** Replace the workers after each of them migrated about this many files (default `DEFAULT_FILES_PER_WORKER`). */
  readonly filesPerWorker?: number;
}

/**
 * A pool of `workers` threads. At most two tasks per worker are queued, so file texts wait in the main thread
 * rather than pile up in the pool. After `workers × filesPerWorker` tasks the pool is drained and closed in the
 * background and a fresh one takes the next tasks, so no worker lives long enough to accumulate memory.
 */
export function createPoolExecutor({
  workers,
  filesPerWorker = DEFAULT_FILES_PER_WORKER,
}: PoolOptions): MigrationExecutor {
  const filename = workerFile();
  const generationSize = Math.max(1, workers * filesPerWorker);
  const newPool = () =>
    new Piscina<MigrationTask, MigrationOutcome>({
      filename,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 1000,
    });
  let pool = newPool();
  const retry = deepStackRetry();
  // The tasks given to the current pool: a pool is closed only once they have all settled, so closing never
  // terminates a worker in the middle of a file.
  let tasks: Promise<unknown>[] = [];
  const retiring: Promise<void>[] = [];
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  const limit = workers * 2;

  async function slot(): Promise<void> {
    while (inFlight >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight++;
  }
  function release(): void {
    inFlight--;
    waiting.shift()?.();
  }
  function retire(old: Piscina<MigrationTask, MigrationOutcome>, settled: Promise<unknown>[]): Promise<void> {
    return Promise.allSettled(settled).then(() => old.close());
  }

  return {
    workers,
    async submit(task) {
      await slot();
      if (tasks.length === generationSize) {
        retiring.push(retire(pool, tasks));
        pool = newPool();
        tasks = [];
      }
      const outcome = retry.settle(task, pool.run(task));
      tasks.push(outcome);
      void outcome.then(release, release);
      return { outcome };
    },
    async close() {
      await Promise.all([...retiring, retire(pool, tasks)]);
      await retry.close();
    },
  };
}
