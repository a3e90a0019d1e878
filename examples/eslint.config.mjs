// ESLint settings of the example shop API. `backend-perf check` layers the plugin's recommended config on top of
// this file; with ESLint alone, add `backendPerf.configs.recommended` from `eslint-plugin-backend-perf` here.
import { fileURLToPath } from 'node:url';

export default [
  {
    settings: {
      'backend-perf': {
        // CPU-heavy functions of this service: `no-blocking-cpu` reports their calls on the request path, and
        // `backend-perf migrate cpu-to-worker-pool examples` moves them to a worker pool. The path is absolute so that
        // it holds whatever directory ESLint runs from.
        heavyFunctions: [{ module: fileURLToPath(new URL('./src/lib/invoices.js', import.meta.url)), export: 'buildInvoicePdf' }],
      },
    },
  },
];
