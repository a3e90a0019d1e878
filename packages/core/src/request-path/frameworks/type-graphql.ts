import type { FrameworkDescriptor } from './types.js';

/**
 * type-graphql: `@Resolver(() => Type)` classes whose `@Query`, `@Mutation` and `@FieldResolver` methods resolve
 * fields.
 */
export const typeGraphql: FrameworkDescriptor = {
  name: 'type-graphql',
  decorators: {
    modules: ['type-graphql'],
    handlers: {
      Query: { kind: 'resolver', graphql: 'root' },
      Mutation: { kind: 'resolver', graphql: 'root' },
      Subscription: { kind: 'resolver', graphql: 'root' },
      FieldResolver: { kind: 'resolver', graphql: 'field' },
    },
    providers: ['Resolver'],
    resolverTypes: ['Resolver'],
  },
};
