import { ESLint } from 'eslint';
const { ensureCorpus, SUBSET, sourceFiles, CORPUS_DIR } = await import('./corpus.mjs');
const plugin = (await import('../packages/eslint-plugin/dist/index.js')).default;
const codemods = await import('../packages/codemods/dist/index.js');
const files = ensureCorpus(SUBSET, {}).flatMap(sourceFiles);
const rules = {};
for (const m of Object.values(codemods.codemodsByName)) for (const [r, o] of Object.entries(codemods.codemodRules(m.meta))) rules['backend-perf/' + r] = ['error', ...o];
for (let k = 0; k < 2; k++) {
  const eslint = new ESLint({ cwd: CORPUS_DIR, overrideConfigFile: true, stats: true, overrideConfig: [{ files: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.ts'], languageOptions: { parser: codemods.sourceParser, ecmaVersion: 'latest' }, linterOptions: { noInlineConfig: true }, plugins: { 'backend-perf': plugin }, rules }] });
  const s = performance.now();
  const results = await eslint.lintFiles(files);
  const wall = performance.now() - s;
  const times = {}; let parse = 0, total = 0, fix = 0;
  for (const r of results) for (const pass of r.stats?.times?.passes ?? []) { parse += pass.parse?.total ?? 0; total += pass.total ?? 0; for (const [n, v] of Object.entries(pass.rules ?? {})) times[n] = (times[n] ?? 0) + v.total; }
  console.log('wall', wall.toFixed(0), 'parse', parse.toFixed(0), 'total', total.toFixed(0), 'rules', Object.values(times).reduce((a, b) => a + b, 0).toFixed(0));
  for (const [r, v] of Object.entries(times).sort((a, b) => b[1] - a[1])) console.log(v.toFixed(0).padStart(6), r);
}
