import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRefactor } from '../src/refactors/n-plus-one-to-dataloader.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'n-plus-one-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const RESOLVERS_CJS = `const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();

const resolvers = {
  Query: {
    posts: () => prisma.post.findMany(),
  },
  Post: {
    author: (post) => prisma.user.findUnique({ where: { id: post.authorId } }),
    comments: (post) => prisma.comment.findMany({ where: { postId: post.id } }),
  },
};

module.exports = { resolvers, prisma };
`;

describe('n-plus-one-to-dataloader multi-file run', () => {
  it('Apollo Server (CommonJS): loaders module, resolver on the loader, context wired', () => {
    const cwd = project({
      'src/resolvers.js': RESOLVERS_CJS,
      'src/server.js': `const { ApolloServer } = require('apollo-server-express');
const { resolvers, prisma } = require('./resolvers');
const typeDefs = require('./schema');

const server = new ApolloServer({
  typeDefs,
  resolvers,
  context: ({ req }) => ({ user: req.user }),
});

module.exports = { server };
`,
    });
    const result = runRefactor({ files: ['src/resolvers.js', 'src/server.js'], cwd, dry: false });
    expect(result.changes.map((c) => [c.path, c.before === null])).toEqual([
      ['src/loaders.js', true],
      ['src/resolvers.js', false],
      ['src/server.js', false],
    ]);
    expect(readFileSync(path.join(cwd, 'src/loaders.js'), 'utf8')).toBe(`'use strict';

const DataLoader = require('dataloader');

/**
 * Per-request DataLoaders. Call \`createLoaders\` in the GraphQL context function, once per request: a loader
 * caches what it loads for its whole life, so a shared one would serve stale rows and other users' data.
 */
function createLoaders({ prisma }) {
  return {
    userById: new DataLoader(async (keys) => {
      const rows = await prisma.user.findMany({ where: { id: { in: [...keys] } } });
      const byKey = new Map(rows.map((row) => [row.id, row]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
    commentsByPostId: new DataLoader(async (keys) => {
      const rows = await prisma.comment.findMany({ where: { postId: { in: [...keys] } } });
      const byKey = new Map();
      for (const row of rows) {
        const group = byKey.get(row.postId);
        if (group) group.push(row);
        else byKey.set(row.postId, [row]);
      }
      return keys.map((key) => byKey.get(key) ?? []);
    }),
  };
}

module.exports = { createLoaders };
`);
    expect(readFileSync(path.join(cwd, 'src/resolvers.js'), 'utf8')).toBe(
      RESOLVERS_CJS.replace(
        'author: (post) => prisma.user.findUnique({ where: { id: post.authorId } }),',
        'author: (post, _args, context) => context.loaders.userById.load(post.authorId),',
      ).replace(
        'comments: (post) => prisma.comment.findMany({ where: { postId: post.id } }),',
        'comments: (post, _args, context) => context.loaders.commentsByPostId.load(post.id),',
      ),
    );
    expect(readFileSync(path.join(cwd, 'src/server.js'), 'utf8'))
      .toBe(`const { ApolloServer } = require('apollo-server-express');
const { resolvers, prisma } = require('./resolvers');
const typeDefs = require('./schema');
const { createLoaders } = require('./loaders');

const server = new ApolloServer({
  typeDefs,
  resolvers,
  context: ({ req }) => ({ loaders: createLoaders({ prisma }), user: req.user }),
});

module.exports = { server };
`);
    expect(result.reports).toEqual([]);

    // A second run changes nothing.
    expect(
      runRefactor({ files: ['src/resolvers.js', 'src/server.js', 'src/loaders.js'], cwd, dry: true }).changes,
    ).toEqual([]);
  });

  it('graphql-yoga (ES modules) without a context option: one is added', () => {
    const cwd = project({
      'src/schema.js': `import mongoose from 'mongoose';
import { createYoga, createSchema } from 'graphql-yoga';

const User = mongoose.model('User', new mongoose.Schema({ name: String }));

const resolvers = {
  Query: { orders: () => [] },
  Order: { buyer: (order) => User.findById(order.userId) },
};

export const yoga = createYoga({ schema: createSchema({ typeDefs: '', resolvers }) });
`,
    });
    const result = runRefactor({ files: ['src/schema.js'], cwd, dry: true });
    expect(result.changes.map((c) => c.path)).toEqual(['src/loaders.js', 'src/schema.js']);
    expect(result.changes[1]?.after).toBe(`import mongoose from 'mongoose';
import { createYoga, createSchema } from 'graphql-yoga';
import { createLoaders } from './loaders.js';

const User = mongoose.model('User', new mongoose.Schema({ name: String }));

const resolvers = {
  Query: { orders: () => [] },
  Order: { buyer: (order, _args, context) => context.loaders.userById.load(order.userId) },
};

export const yoga = createYoga({ context: async () => ({ loaders: createLoaders({ User }) }), schema: createSchema({ typeDefs: '', resolvers }) });
`);
    expect(result.changes[0]?.after).toContain(`export function createLoaders({ User }) {
  return {
    userById: new DataLoader(async (keys) => {
      const rows = await User.find({ _id: { $in: [...keys] } });
      const byKey = new Map(rows.map((row) => [String(row._id), row]));
      return keys.map((key) => byKey.get(String(key)) ?? null);
    }),
  };
}`);
    // Dry: nothing written.
    expect(readFileSync(path.join(cwd, 'src/schema.js'), 'utf8')).not.toContain('createLoaders');
  });

  it('no server found: a marked comment says what to add', () => {
    const cwd = project({ 'src/resolvers.js': RESOLVERS_CJS });
    const result = runRefactor({ files: ['src/resolvers.js'], cwd, dry: true });
    const resolvers = result.changes.find((c) => c.path === 'src/resolvers.js')?.after ?? '';
    expect(resolvers).toContain(
      "// backend-perf(n-plus-one-to-dataloader): resolvers now read `context.loaders`: in the GraphQL server's " +
        "context function, add `loaders: createLoaders({ prisma })` (from './loaders.js') to the object it returns, " +
        'once per request.\nconst resolvers = {',
    );
    expect(result.reports).toContain(
      'no Apollo Server, graphql-yoga or mercurius context was found among the files: a marked comment says what to ' +
        'add',
    );
  });

  it('TypeScript resolvers are listed, not rewritten', () => {
    const cwd = project({
      'src/resolvers.ts': `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const resolvers = {
  Query: { posts: () => prisma.post.findMany() },
  Post: { author: (post: { authorId: string }) => prisma.user.findUnique({ where: { id: post.authorId } }) },
};
`,
    });
    const result = runRefactor({ files: ['src/resolvers.ts'], cwd, dry: true });
    expect(result.changes).toEqual([]);
    expect(result.reports).toEqual([
      'src/resolvers.ts:5:51: left unchanged: TypeScript resolvers need the key and row types in the generated ' +
        'loaders; move this lookup to a DataLoader by hand',
    ]);
  });

  it('mercurius, with an existing loaders module: the new loader and its client are added', () => {
    const cwd = project({
      'src/app.mjs': `import Fastify from 'fastify';
import mercurius from 'mercurius';
import knex from 'knex';

const db = knex({ client: 'pg' });
const app = Fastify();

const resolvers = {
  Query: { invoices: () => db('invoices') },
  Invoice: { customer: (invoice) => db('customers').where({ id: invoice.customerId }).first() },
};

app.register(mercurius, {
  schema: '',
  resolvers,
  context: (request, reply) => {
    return { user: request.user };
  },
});
`,
      'src/loaders.mjs': `import DataLoader from 'dataloader';

export function createLoaders({ prisma }) {
  return {
    userById: new DataLoader(async (keys) => keys),
  };
}
`,
    });
    const result = runRefactor({ files: ['src/app.mjs'], cwd, dry: true, options: { loadersPath: 'src/loaders.mjs' } });
    expect(result.reports).toEqual([]);
    expect(result.changes.map((c) => c.path)).toEqual(['src/app.mjs', 'src/loaders.mjs']);
    expect(result.changes[0]?.after).toBe(`import Fastify from 'fastify';
import mercurius from 'mercurius';
import knex from 'knex';
import { createLoaders } from './loaders.mjs';

const db = knex({ client: 'pg' });
const app = Fastify();

const resolvers = {
  Query: { invoices: () => db('invoices') },
  Invoice: { customer: (invoice, _args, context) => context.loaders.customersById.load(invoice.customerId) },
};

app.register(mercurius, {
  schema: '',
  resolvers,
  context: (request, reply) => {
    return { loaders: createLoaders({ db }), user: request.user };
  },
});
`);
    expect(result.changes[1]?.after).toBe(`import DataLoader from 'dataloader';

export function createLoaders({ prisma, db }) {
  return {
    userById: new DataLoader(async (keys) => keys),
    customersById: new DataLoader(async (keys) => {
      const rows = await db('customers').whereIn('id', [...keys]);
      const byKey = new Map(rows.map((row) => [String(row.id), row]).reverse());
      return keys.map((key) => byKey.get(String(key)));
    }),
  };
}
`);
  });
});

describe('n-plus-one-to-dataloader with clients passed in or injected', () => {
  it('batches lookups through an injected this.prisma and a ctx.prisma the project model follows', () => {
    const cwd = project({
      'package.json': '{ "name": "blog", "dependencies": { "@prisma/client": "^6.0.0" } }\n',
      'src/service.ts': [
        "import { PrismaClient } from '@prisma/client';",
        '',
        'export class PostService {',
        '  constructor(private readonly prisma: PrismaClient) {}',
        '',
        '  async authorsOf(posts: { authorId: number }[]) {',
        '    return Promise.all(posts.map((post) => this.prisma.user.findUnique({ where: { id: post.authorId } })));',
        '  }',
        '}',
        '',
      ].join('\n'),
      'src/db.js':
        "const { PrismaClient } = require('@prisma/client');\n\nmodule.exports = { prisma: new PrismaClient() };\n",
      'src/authors.js': [
        'async function authorsOf(ctx, posts) {',
        '  const authors = [];',
        '  for (const post of posts) {',
        '    authors.push(await ctx.prisma.user.findUnique({ where: { id: post.authorId } }));',
        '  }',
        '  return authors;',
        '}',
        '',
        'module.exports = { authorsOf };',
        '',
      ].join('\n'),
      'src/routes.js': [
        "const express = require('express');",
        "const { prisma } = require('./db');",
        "const { authorsOf } = require('./authors');",
        '',
        'const router = express.Router();',
        "router.get('/authors', async (req, res) => res.json(await authorsOf({ prisma }, req.body.posts)));",
        '',
        'module.exports = router;',
        '',
      ].join('\n'),
    });
    const files = ['src/authors.js', 'src/db.js', 'src/routes.js', 'src/service.ts'];
    const result = runRefactor({ files, cwd, dry: true });
    expect(result.reports).toEqual([]);
    expect(Object.fromEntries(result.changes.map((change) => [change.path, change.after]))).toEqual({
      'src/authors.js': [
        'async function authorsOf(ctx, posts) {',
        '  const authors = [];',
        '  const userRows = await ctx.prisma.user.findMany({ where: { id: { in: Array.from(posts, (post) => ' +
          'post.authorId) } } });',
        '  const userById = new Map(userRows.map((row) => [row.id, row]));',
        '  for (const post of posts) {',
        '    authors.push(userById.get(post.authorId) ?? null);',
        '  }',
        '  return authors;',
        '}',
        '',
        'module.exports = { authorsOf };',
        '',
      ].join('\n'),
      'src/service.ts': [
        "import { PrismaClient } from '@prisma/client';",
        '',
        'export class PostService {',
        '  constructor(private readonly prisma: PrismaClient) {}',
        '',
        '  async authorsOf(posts: { authorId: number }[]) {',
        '    return this.prisma.user.findMany({ where: { id: { in: posts.map((post) => post.authorId) } } ' +
          '}).then((userRows) => {',
        '      const userById = new Map(userRows.map((row) => [row.id, row] as const));',
        '      return posts.map((post) => userById.get(post.authorId) ?? null);',
        '    });',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
  });
});
