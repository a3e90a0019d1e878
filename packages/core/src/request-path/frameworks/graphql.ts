import type { FrameworkDescriptor } from './types.js';

/**
 * GraphQL servers that take resolver maps (`{ Query: { users() {} }, User: { posts() {} } }`), possibly built in other
 * modules: Apollo Server, graphql-tools' `makeExecutableSchema`, graphql-yoga's `createSchema` and Mercurius all take
 * them as the `resolvers` option. Objects keyed by a root type (`Query`, `Mutation`, `Subscription`) and
 * `new GraphQLObjectType({ fields })` of graphql-js are recognised wherever they are written.
 */
export const graphqlServers: FrameworkDescriptor = {
  name: 'GraphQL',
  resolverMapOptions: ['resolvers'],
};
