'use strict';

const express = require('express');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const router = express.Router();

// The latest orders, each with its customer.
router.get('/recent', async (req, res) => {
  const { rows: orders } = await pool.query('SELECT * FROM orders ORDER BY created_at DESC LIMIT 50');
  const customers = [];
  for (const order of orders) {
    const { rows } = await pool.query('SELECT * FROM customers WHERE id = $1', [order.customer_id]);
    customers.push(rows[0] ?? null);
  }
  res.json(orders.map((order, i) => ({ ...order, customer: customers[i] })));
});

// The lines of one order, each with its product.
router.get('/:id/lines', async (req, res) => {
  const { rows: lines } = await pool.query('SELECT * FROM order_lines WHERE order_id = $1', [req.params.id]);
  const { rows: products } = await pool.query('SELECT * FROM products WHERE id = ANY($1)', [
    lines.map((line) => line.product_id),
  ]);
  res.json(lines.map((line) => ({ ...line, product: products.find((p) => p.id === line.product_id) })));
});

module.exports = router;
