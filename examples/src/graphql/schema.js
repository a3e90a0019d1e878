'use strict';

const typeDefs = /* GraphQL */ `
  type User {
    id: ID!
    name: String!
  }

  type Post {
    id: ID!
    title: String!
    author: User
    commentCount: Int!
  }

  type Query {
    posts(first: Int): [Post!]!
  }
`;

module.exports = { typeDefs };
