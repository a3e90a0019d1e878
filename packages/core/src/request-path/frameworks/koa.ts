import { registration, verbs, type FrameworkDescriptor } from './types.js';

const router = { ...verbs('handler'), use: 'handler', param: 'handler' } as const;

/** Koa: `new Koa()` and its routers; handlers get `(ctx, next)`, with the Node streams at `ctx.req` and `ctx.res`. */
export const koa: FrameworkDescriptor = {
  name: 'Koa',
  registrations: [
    registration('Koa', ['koa'], [], 'construct', { methods: { use: 'handler', listen: 'startup', on: 'emitter' } }),
    registration('Koa', ['@koa/router', 'koa-router'], [], 'construct', { methods: router }),
    registration('Koa', ['@koa/router'], ['Router'], 'construct', { methods: router }),
  ],
  params: {
    streamMembers: { req: 'readable', res: 'writable' },
    responseMembers: {},
    response: false,
    responseIsStream: false,
    next: false,
  },
};
