import type { FrameworkDescriptor } from './types.js';

const route = { kind: 'controller' } as const;

/** routing-controllers: `@JsonController()`/`@Controller()` classes with `@Get()` and friends (on Express or Koa). */
export const routingControllers: FrameworkDescriptor = {
  name: 'routing-controllers',
  decorators: {
    modules: ['routing-controllers'],
    handlers: Object.fromEntries(
      ['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'All', 'Method'].map((name) => [name, route]),
    ),
    providers: ['JsonController', 'Controller', 'Middleware', 'Interceptor'],
  },
};
