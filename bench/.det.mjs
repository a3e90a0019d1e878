import { readFileSync } from 'node:fs';
import path from 'node:path';
const { ensureCorpus, SUBSET, sourceFiles, CORPUS_DIR } = await import('./corpus.mjs');
const codemods = await import('../packages/codemods/dist/index.js');
const files = ensureCorpus(SUBSET, {}).flatMap(sourceFiles).map((f) => [f, readFileSync(f, 'utf8')]);
const metas = Object.values(codemods.codemodsByName).map((m) => m.meta);
for (let k = 0; k < 3; k++) {
  const s = performance.now();
  for (const [f, t] of files) codemods.detectCodemodSites({ source: t, filename: f, cwd: CORPUS_DIR, codemods: metas });
  console.log('detect', (performance.now() - s).toFixed(0));
}
