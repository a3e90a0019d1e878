import rule from '../../src/rules/no-unbounded-concurrency.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-unbounded-concurrency', rule, {
  valid: [
    // A literal array: a small fixed set.
    `
async function handler() {
  return Promise.all(['users', 'orders', 'stock'].map(async (table) => count(table)));
}
`,
    // Bounded with p-limit.
    `
import pLimit from 'p-limit';
import express from 'express';
const app = express();
const limit = pLimit(8);
app.post('/import', async (req, res) => {
  const rows = await Promise.all(req.body.rows.map((row) => limit(() => save(row))));
  res.json(rows);
});
`,
    // A literal slice of fetched rows is small and fixed.
    `
async function preview(db) {
  const rows = await db.query('select * from posts');
  return Promise.all(rows.slice(0, 5).map(async (row) => render(row)));
}
`,
    // A size that is not known to come from data: a parameter of a helper of unknown context.
    `
async function saveAll(items) {
  return Promise.all(items.map(async (item) => save(item)));
}
`,
    // Synchronous mapping: nothing runs concurrently.
    `
async function handler(db) {
  const rows = await db.query('select 1');
  return Promise.all(rows.map((row) => row.id));
}
`,
    // A local Promise is not the global one.
    `
import Promise from 'bluebird';
async function handler(db) {
  const rows = await db.query('select 1');
  return Promise.all(rows.map(async (row) => save(row)));
}
`,
    // Start-up code.
    `
const services = await discover();
await Promise.all(services.map(async (service) => service.connect()));
`,
    // A query with a row limit: at most that many operations.
    {
      code: "\nconst express = require('express');\nconst mongoose = require('mongoose');\nconst Post = mongoose.model('Post');\nconst app = express();\napp.get('/top', async (req, res) => {\n  const posts = await Post.find().sort({ score: -1 }).limit(10);\n  res.json(await Promise.all(posts.map(async (post) => ({ ...post, views: await countViews(post.id) }))));\n});\n",
    },
    // A slice whose end is a constant.
    {
      code: "\nconst express = require('express');\nconst app = express();\nconst PREVIEW = 5;\napp.post('/preview', async (req, res) => {\n  res.json(await Promise.all(req.body.urls.slice(0, PREVIEW).map(async (url) => fetchPreview(url))));\n});\n",
    },
    // `take: n` in the query's options, through destructuring.
    {
      code: "\nimport express from 'express';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nconst app = express();\napp.get('/recent', async (req, res) => {\n  const recent = await prisma.order.findMany({ orderBy: { createdAt: 'desc' }, take: 20 });\n  res.json(await Promise.all(recent.map(async (order) => enrich(order))));\n});\n",
    },
  ],
  invalid: [
    {
      code: `
const express = require('express');
const app = express();
app.post('/notify', async (req, res) => {
  const { userIds } = req.body;
  await Promise.all(userIds.map(async (id) => notify(id)));
  res.sendStatus(202);
});
`,
      errors: [{ messageId: 'unboundedConcurrency', line: 6, column: 21, endLine: 6, endColumn: 58 }],
    },
    {
      code: `
async function reindex(pool) {
  const { rows } = await pool.query('select id from documents');
  return Promise.allSettled(rows.filter((r) => r.stale).map((row) => search.index(row.id)));
}
`,
      errors: [{ messageId: 'unboundedConcurrency', line: 4, column: 29, endLine: 4, endColumn: 91 }],
    },
    {
      code: `
const express = require('express');
const app = express();
app.get('/avatars', async (req, res) => {
  const ids = String(req.query.ids).split(',');
  const avatars = await Promise.all(Array.from(new Set(req.query.list), fetchAvatar));
  res.json({ ids, avatars });
});
`,
      errors: [{ messageId: 'unboundedConcurrency', line: 6, column: 37, endLine: 6, endColumn: 85 }],
    },
    // A limit above `maxFixedSize` is still a large fan-out.
    {
      code: "\nconst express = require('express');\nconst mongoose = require('mongoose');\nconst Post = mongoose.model('Post');\nconst app = express();\napp.get('/all', async (req, res) => {\n  const posts = await Post.find().limit(1000);\n  res.json(await Promise.all(posts.map(async (post) => countViews(post.id))));\n});\n",
      errors: [
        {
          messageId: 'unboundedConcurrency',
          line: 8,
          column: 30,
          endLine: 8,
          endColumn: 76,
        },
      ],
    },
  ],
});
