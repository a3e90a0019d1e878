import { readFileSync } from 'node:fs';
import type { RefactorInput } from '../types.js';

/** A file's current text for a refactor: the caller's in-memory version if it has one, else the disk's. */
export function readSource(input: Pick<RefactorInput, 'readFile'>, absolutePath: string): string {
  return input.readFile?.(absolutePath) ?? readFileSync(absolutePath, 'utf8');
}
