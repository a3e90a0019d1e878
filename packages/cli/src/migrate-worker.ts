import { migrateSource, type MigrationOutcome, type MigrationTask } from './migrate-runner.js';

/** The worker pool's entry point: one file's migration, plain data in and out. */
export default function migrateInWorker(task: MigrationTask): MigrationOutcome {
  return migrateSource(task);
}
