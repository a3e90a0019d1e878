import rule from '../../src/rules/no-manual-gc.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-manual-gc', rule, {
  valid: [
    // Tests and benchmarks may force a collection to measure memory.
    { code: 'global.gc();', filename: 'test/memory.test.js' },
    { code: 'globalThis.gc();', filename: 'src/cache.spec.ts' },
    { code: 'gc();', filename: 'bench/allocations.js' },
    { code: 'global.gc();', filename: 'packages/api/benchmarks/heap.js' },
    // Extra files allowed by the option.
    { code: 'global.gc();', filename: 'tools/profile-heap.js', options: [{ allowFiles: ['tools/**'] }] },
    // Extra test files from the shared settings.
    { code: 'gc();', filename: 'qa/soak.js', settings: { 'backend-perf': { testFiles: ['qa/**'] } } },
    // A local function or parameter named gc, and other objects' gc methods.
    'function gc() {}\ngc();',
    'function collect(gc) { gc(); }',
    'const pool = { gc() {} };\npool.gc();',
    // Reading the global without calling it.
    'const exposed = typeof global.gc === "function";',
  ],
  invalid: [
    {
      code: "app.post('/admin/gc', (req, res) => {\n  global.gc();\n  res.sendStatus(204);\n});",
      filename: 'src/routes/admin.js',
      errors: [
        {
          messageId: 'manualGc',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 14,
          suggestions: [
            { messageId: 'removeGcCall', output: "app.post('/admin/gc', (req, res) => {\n  res.sendStatus(204);\n});" },
          ],
        },
      ],
    },
    {
      code: 'function afterBatch() {\n  if (global.gc) {\n    global.gc();\n  }\n  return true;\n}',
      filename: 'src/jobs/batch.js',
      errors: [
        {
          messageId: 'manualGc',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 16,
          suggestions: [{ messageId: 'removeGcCall', output: 'function afterBatch() {\n  return true;\n}' }],
        },
      ],
    },
    {
      code: 'if (globalThis.gc) globalThis.gc();\nstart();',
      filename: 'src/server.js',
      errors: [
        {
          messageId: 'manualGc',
          line: 1,
          column: 20,
          endLine: 1,
          endColumn: 35,
          suggestions: [{ messageId: 'removeGcCall', output: 'start();' }],
        },
      ],
    },
    {
      // Used as a value: no removal suggestion.
      code: 'const freed = gc();',
      filename: 'src/worker.js',
      errors: [{ messageId: 'manualGc', line: 1, column: 15, endLine: 1, endColumn: 19, suggestions: [] }],
    },
    {
      // A guard on something else keeps its statement.
      code: 'if (debug) { gc(); }',
      filename: 'src/worker.js',
      errors: [{ messageId: 'manualGc', line: 1, column: 14, endLine: 1, endColumn: 18, suggestions: [] }],
    },
  ],
});
