'use strict';

const https = require('node:https');
const { Router } = require('express');
const { Pool } = require('pg');
const axios = require('axios');
const superagent = require('superagent');
const needle = require('needle');
const fetch = require('node-fetch');

const router = Router();

// Orders live in the shared Postgres database; the pool is sized for the default settings.
const ordersPool = new Pool({ connectionString: process.env.ORDERS_DATABASE_URL });

// Payments calls go through their own agent so that their sockets can be told apart in traces.
const paymentsAgent = new https.Agent({ maxSockets: 20 });

// The shipping partner's API.
const shipping = axios.create({ baseURL: 'https://api.shipping.example.com/v2' });

router.get('/warehouses', async (req, res) => {
  const pool = new Pool({ connectionString: process.env.INVENTORY_DATABASE_URL });
  const { rows } = await pool.query('select id, name, city from warehouses order by name');
  await pool.end();
  res.json(rows);
});

router.post('/orders/:id/ship', async (req, res) => {
  const client = await ordersPool.connect();
  const { rows } = await client.query('update orders set status = $1 where id = $2 returning *', ['shipping', req.params.id]);
  client.release();
  const { data: label } = await shipping.post('/labels', { orderId: req.params.id, address: rows[0].address });
  res.status(201).json(label);
});

router.get('/orders/:id/tracking', async (req, res) => {
  const { body } = await superagent.get(`https://tracking.example.com/v1/parcels/${req.params.id}`).accept('json');
  res.json({ status: body.status, eta: body.eta });
});

// The shipping partner checks addresses before a label is bought.
router.post('/addresses/validate', async (req, res) => {
  const response = await needle('post', 'https://address.example.com/v1/validate', req.body, { json: true });
  res.json({ valid: response.body.valid, suggestion: response.body.suggestion });
});

// Exchange rates for prices shown in other currencies.
router.get('/rates/:currency', async (req, res) => {
  const response = await fetch(`https://rates.example.com/latest?base=${encodeURIComponent(req.params.currency)}`);
  res.json(await response.json());
});

// The payments provider posts signed events; the signature covers the raw bytes, so the body is read by hand.
router.post('/payments/events', (req, res) => {
  let raw = '';
  req.on('data', (chunk) => {
    raw += chunk;
  });
  req.on('end', () => {
    const event = JSON.parse(raw);
    res.json({ received: event.id });
  });
});

router.post('/orders/:id/refund', (req, res) => {
  const upstream = https.request(
    { host: 'payments.example.com', path: `/refunds/${req.params.id}`, method: 'POST', agent: paymentsAgent, timeout: 5000 },
    (response) => response.pipe(res.status(response.statusCode ?? 502)),
  );
  upstream.on('timeout', () => upstream.destroy(new Error('payments timed out')));
  upstream.on('error', () => res.sendStatus(502));
  upstream.end();
});

module.exports = router;
