import { registration, type FrameworkDescriptor, type MethodRole } from './types.js';

const server: Record<string, MethodRole> = { route: 'route-object', ext: 'hook', start: 'startup' };

/** Hapi: `server.route({ method, path, handler })`; handlers get `(request, h)`, the Node stream at `request.raw`. */
export const hapi: FrameworkDescriptor = {
  name: 'Hapi',
  registrations: [
    registration('Hapi', ['@hapi/hapi', 'hapi'], ['server'], 'call', { methods: server }),
    registration('Hapi', ['@hapi/hapi', 'hapi'], ['Server'], 'construct', { methods: server }),
  ],
  params: {
    streamMembers: { raw: 'readable' },
    responseMembers: {},
    response: false,
    responseIsStream: false,
    next: false,
  },
};
