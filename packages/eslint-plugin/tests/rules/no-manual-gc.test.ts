import rule from '../../src/rules/no-manual-gc.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-manual-gc', rule, {
  valid: [
    {
      name: 'Tests and benchmarks may force a collection to measure memory',
      code: `
global.gc();
`,
      filename: 'test/memory.test.js',
    },
    {
      name: 'globalThis.gc();',
      code: `
globalThis.gc();
`,
      filename: 'src/cache.spec.ts',
    },
    {
      name: 'gc();',
      code: `
gc();
`,
      filename: 'bench/allocations.js',
    },
    {
      name: 'global.gc() in a benchmark file',
      code: `
global.gc();
`,
      filename: 'packages/api/benchmarks/heap.js',
    },
    {
      name: 'Extra files allowed by the option',
      code: `
global.gc();
`,
      filename: 'tools/profile-heap.js',
      options: [{ allowFiles: ['tools/**'] }],
    },
    {
      name: 'Extra test files from the shared settings',
      code: `
gc();
`,
      filename: 'qa/soak.js',
      settings: { 'backend-perf': { testFiles: ['qa/**'] } },
    },
    {
      name: "A local function or parameter named gc, and other objects' gc methods",
      code: `
function gc() {}
gc();
`,
    },
    {
      name: 'function collect(gc) { gc(); }',
      code: `
function collect(gc) { gc(); }
`,
    },
    {
      name: 'pool.gc();',
      code: `
const pool = { gc() {} };
pool.gc();
`,
    },
    {
      name: 'Reading the global without calling it',
      code: `
const exposed = typeof global.gc === "function";
`,
    },
  ],
  invalid: [
    {
      name: 'global.gc();',
      code: `
app.post('/admin/gc', (req, res) => {
  global.gc();
  res.sendStatus(204);
});
`,
      filename: 'src/routes/admin.js',
      errors: [
        {
          messageId: 'manualGc',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'removeGcCall',
              output: `
app.post('/admin/gc', (req, res) => {
  res.sendStatus(204);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'global.gc() guarded by a check, in a batch job',
      code: `
function afterBatch() {
  if (global.gc) {
    global.gc();
  }
  return true;
}
`,
      filename: 'src/jobs/batch.js',
      errors: [
        {
          messageId: 'manualGc',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'removeGcCall',
              output: `
function afterBatch() {
  return true;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'if (globalThis.gc) globalThis.gc();',
      code: `
if (globalThis.gc) globalThis.gc();
start();
`,
      filename: 'src/server.js',
      errors: [
        {
          messageId: 'manualGc',
          line: 2,
          column: 20,
          endLine: 2,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'removeGcCall',
              output: `
start();
`,
            },
          ],
        },
      ],
    },
    {
      name: 'Used as a value: no removal suggestion',
      code: `
const freed = gc();
`,
      filename: 'src/worker.js',
      errors: [{ messageId: 'manualGc', line: 2, column: 15, endLine: 2, endColumn: 19, suggestions: [] }],
    },
    {
      name: 'A guard on something else keeps its statement',
      code: `
if (debug) { gc(); }
`,
      filename: 'src/worker.js',
      errors: [{ messageId: 'manualGc', line: 2, column: 14, endLine: 2, endColumn: 18, suggestions: [] }],
    },
  ],
});
