import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

const require = createRequire(import.meta.url);
let loaded: typeof TsMorph | undefined;

/**
 * ts-morph, loaded on first use. Only the multi-file codemods need it, and only where they have sites; loading it
 * (with its own copy of TypeScript) takes about as long as the rest of the codemods together, so a worker that
 * only runs per-file codemods never pays for it.
 */
export function morph(): typeof TsMorph {
  return (loaded ??= require('ts-morph') as typeof TsMorph);
}
