import { registration, verbs, type FrameworkDescriptor, type MethodRole } from './types.js';

const instance: Record<string, MethodRole> = {
  ...verbs('handler'),
  route: 'route-object',
  addHook: 'hook',
  listen: 'startup',
  ready: 'startup',
};

/** Fastify: handlers get `(request, reply)`, with the Node streams at `request.raw` and `reply.raw`. */
export const fastify: FrameworkDescriptor = {
  name: 'Fastify',
  registrations: [
    registration('Fastify', ['fastify'], [], 'call', { methods: instance }),
    registration('Fastify', ['fastify'], ['fastify'], 'call', { methods: instance }),
  ],
  params: {
    streamMembers: { raw: 'readable' },
    responseMembers: { raw: 'writable' },
    response: true,
    responseIsStream: false,
    next: false,
  },
};
