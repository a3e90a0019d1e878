import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A folder of files written for the tests of one file. */
export interface TemporaryFolder {
  readonly root: string;
  /** Writes `content` (a string as it is, anything else as JSON) to `relative` under the root; the absolute path. */
  readonly write: (relative: string, content: unknown) => string;
}

/** A new temporary folder for the tests of one file, removed after them. */
export function temporaryFolder(prefix: string): TemporaryFolder {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return {
    root,
    write(relative, content) {
      const file = path.join(root, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      return file;
    },
  };
}
