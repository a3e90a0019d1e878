import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RefactorInput } from '../types.js';

/** A file's current text for a refactor: the caller's in-memory version if it has one, else the disk's. */
export function readSource(input: Pick<RefactorInput, 'readFile'>, absolutePath: string): string {
  return input.readFile?.(absolutePath) ?? readFileSync(absolutePath, 'utf8');
}

/**
 * Whether a refactor has to look for sites in a file: every file when the caller named no `candidates`, else only
 * the candidates (see `RefactorInput.candidates`).
 */
export function mayHaveSites(input: Pick<RefactorInput, 'candidates' | 'cwd'>): (file: string) => boolean {
  if (!input.candidates) return () => true;
  const candidates = new Set(input.candidates.map((file) => path.resolve(input.cwd, file)));
  return (file) => candidates.has(path.resolve(input.cwd, file));
}
