// The shop API's own ESLint config. `backend-perf check` layers the plugin's `recommended` config under it, so the
// project keeps control of its own ignores, settings and rule levels. With ESLint alone, add
// `...backendPerf.configs.recommended` from `eslint-plugin-backend-perf` to this array.
import { fileURLToPath } from 'node:url';

export default [
  { ignores: ['data/**', 'views/**'] },
  {
    settings: {
      'backend-perf': {
        // Operational scripts run by hand, never per request.
        startupFiles: ['scripts/**'],
        // CPU-heavy functions of this service: `no-blocking-cpu` reports their calls on the request path, and
        // `backend-perf migrate cpu-to-worker-pool examples` moves them to a worker pool. The path is absolute so
        // that it holds whatever directory ESLint runs from.
        heavyFunctions: [{ module: fileURLToPath(new URL('./src/lib/invoices.js', import.meta.url)), export: 'buildInvoicePdf' }],
      },
    },
  },
];
