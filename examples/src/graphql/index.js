'use strict';

const { createSchema, createYoga } = require('graphql-yoga');
const { typeDefs } = require('./schema');
const { resolvers, prisma } = require('./resolvers');

const yoga = createYoga({
  schema: createSchema({ typeDefs, resolvers }),
  context: ({ request }) => ({ prisma, requestId: request.headers.get('x-request-id') }),
});

module.exports = yoga;
