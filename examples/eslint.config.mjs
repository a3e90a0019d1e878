// The shop API's own ESLint config. `backend-perf check` layers the plugin's `recommended` config under it, so
// the project keeps control of its own ignores, settings and rule levels.
export default [
  { ignores: ['data/**', 'views/**'] },
  {
    settings: {
      'backend-perf': {
        // Operational scripts run by hand, never per request.
        startupFiles: ['scripts/**'],
      },
    },
  },
];
