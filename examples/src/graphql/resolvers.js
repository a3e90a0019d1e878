'use strict';

const DataLoader = require('dataloader');
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();

// Created once for the whole process: every request shares (and grows) its cache.
const commentCountLoader = new DataLoader(async (postIds) => {
  const groups = await prisma.comment.groupBy({ by: ['postId'], where: { postId: { in: [...postIds] } }, _count: true });
  return postIds.map((id) => groups.find((group) => group.postId === id)?._count ?? 0);
});

const resolvers = {
  Query: {
    posts: (_parent, { first = 20 }) => prisma.post.findMany({ take: first, orderBy: { createdAt: 'desc' } }),
  },
  Post: {
    // Called once per post in the response: 20 posts, 20 more queries.
    author: (post) => prisma.user.findUnique({ where: { id: post.authorId } }),
    commentCount: (post) => commentCountLoader.load(post.id),
  },
};

module.exports = { resolvers, prisma };
