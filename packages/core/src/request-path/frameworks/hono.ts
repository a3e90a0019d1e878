import { registration, verbs, type FrameworkDescriptor } from './types.js';

/** Hono: `new Hono()` apps; handlers and middleware get the context `c` (`c.req`), not Node streams. */
export const hono: FrameworkDescriptor = {
  name: 'Hono',
  registrations: [
    registration('Hono', ['hono'], ['Hono'], 'construct', {
      methods: { ...verbs('handler'), use: 'handler', on: 'handler', route: 'handler', onError: 'handler' },
    }),
  ],
};
