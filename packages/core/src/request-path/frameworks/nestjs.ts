import type { FrameworkDescriptor } from './types.js';

const route = { kind: 'controller' } as const;

/**
 * NestJS: controller methods decorated with `@Get()` and friends, GraphQL resolvers, message and event handlers,
 * scheduled jobs and WebSocket message handlers run per request; providers (`@Injectable()`, controllers, modules)
 * are created once, so their constructors and lifecycle hooks are start-up code.
 */
export const nestjs: FrameworkDescriptor[] = [
  {
    name: 'NestJS',
    decorators: {
      modules: ['@nestjs/common'],
      handlers: Object.fromEntries(
        ['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'Search', 'Sse'].map((name) => [
          name,
          route,
        ]),
      ),
      providers: ['Injectable', 'Controller', 'Module', 'Catch'],
      lifecycle: [
        'onModuleInit',
        'onApplicationBootstrap',
        'onModuleDestroy',
        'beforeApplicationShutdown',
        'onApplicationShutdown',
      ],
    },
  },
  {
    name: 'NestJS',
    decorators: {
      modules: ['@nestjs/graphql'],
      handlers: {
        Query: { kind: 'resolver', graphql: 'root' },
        Mutation: { kind: 'resolver', graphql: 'root' },
        Subscription: { kind: 'resolver', graphql: 'root' },
        ResolveField: { kind: 'resolver', graphql: 'field' },
        ResolveProperty: { kind: 'resolver', graphql: 'field' },
      },
      providers: ['Resolver'],
      resolverTypes: ['Resolver'],
    },
  },
  {
    name: 'NestJS',
    decorators: {
      modules: ['@nestjs/microservices'],
      handlers: { MessagePattern: { kind: 'consumer' }, EventPattern: { kind: 'consumer' } },
    },
  },
  {
    name: 'NestJS',
    decorators: {
      modules: ['@nestjs/schedule'],
      handlers: { Cron: { kind: 'timer' }, Interval: { kind: 'timer' }, Timeout: { kind: 'timer' } },
    },
  },
  { name: 'NestJS', decorators: { modules: ['@nestjs/event-emitter'], handlers: { OnEvent: { kind: 'listener' } } } },
  {
    name: 'NestJS',
    decorators: {
      modules: ['@nestjs/websockets'],
      handlers: { SubscribeMessage: { kind: 'listener' } },
      providers: ['WebSocketGateway'],
    },
  },
];
