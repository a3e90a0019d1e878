import { registration, verbs, type FrameworkDescriptor } from './types.js';

/**
 * Elysia: `new Elysia()` apps. Route handlers and the per-request lifecycle hooks (`onRequest`, `onBeforeHandle`,
 * `derive`, ...) get one context object (`{ params, body, set }`), not Node streams; `onStart`, `onStop` and the
 * `listen` callback run once.
 */
export const elysia: FrameworkDescriptor = {
  name: 'Elysia',
  registrations: [
    registration('Elysia', ['elysia'], ['Elysia'], 'construct', {
      methods: {
        ...verbs('handler'),
        route: 'handler',
        onRequest: 'handler',
        onParse: 'handler',
        onTransform: 'handler',
        onBeforeHandle: 'handler',
        onAfterHandle: 'handler',
        mapResponse: 'handler',
        onAfterResponse: 'handler',
        onError: 'handler',
        derive: 'handler',
        resolve: 'handler',
        onStart: 'startup',
        onStop: 'startup',
        listen: 'startup',
      },
    }),
  ],
};
