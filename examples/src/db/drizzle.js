'use strict';

const { drizzle } = require('drizzle-orm/node-postgres');
const { pgTable, integer, text } = require('drizzle-orm/pg-core');

const reviews = pgTable('reviews', {
  id: integer('id').primaryKey(),
  productId: text('product_id').notNull(),
  authorId: integer('author_id').notNull(),
  body: text('body').notNull(),
});

const authors = pgTable('authors', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
});

// One Drizzle client for the process, over a pool of its own.
const db = drizzle(process.env.DATABASE_URL);

module.exports = { db, reviews, authors };
