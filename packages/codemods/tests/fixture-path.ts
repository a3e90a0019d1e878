import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `tests/fixtures`, where each codemod has a folder of cases. */
export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The folder of a codemod's fixtures, or of one of its cases: `tests/fixtures/<codemod>[/<case>]`. */
export function fixturePath(codemod: string, name?: string): string {
  return name === undefined ? path.join(FIXTURES, codemod) : path.join(FIXTURES, codemod, name);
}
