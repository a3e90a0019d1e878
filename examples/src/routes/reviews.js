'use strict';

const express = require('express');
const { eq } = require('drizzle-orm');
const { db, reviews, authors } = require('../db/drizzle');

const router = express.Router();

// The reviews of a product, each with its author: one query per review.
router.get('/:productId', async (req, res) => {
  const rows = await db.select().from(reviews).where(eq(reviews.productId, req.params.productId));
  const out = [];
  for (const review of rows) {
    const found = await db.select().from(authors).where(eq(authors.id, review.authorId));
    out.push({ ...review, author: found[0] ?? null });
  }
  res.json(out);
});

module.exports = router;
