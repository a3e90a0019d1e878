'use strict';

const express = require('express');
const store = require('../lib/store');

const router = express.Router();

// The customer dashboard: three independent lookups, one after another.
router.get('/:userId', async (req, res) => {
  const user = await store.findUser(req.params.userId);
  const orders = await store.listOrders(req.params.userId);
  const notifications = await store.listNotifications(req.params.userId);
  res.json({ user, orders, notifications });
});

// The user's favourite products: one lookup per product, each waiting for the previous one.
router.get('/:userId/favourites', async (req, res) => {
  const user = await store.findUser(req.params.userId);
  if (!user) {
    res.sendStatus(404);
    return;
  }
  const products = [];
  for (const productId of user.favourites) {
    const product = await store.findProduct(productId);
    products.push(product);
  }
  res.json(products);
});

// Records which products a user looked at; nobody waits for the writes, and a failed one crashes the process.
router.post('/:userId/views', async (req, res) => {
  req.body.productIds.forEach(async (productId) => {
    await store.recordView(req.params.userId, productId);
  });
  res.sendStatus(202);
});

// Sends a digest to every recipient in the request at once, however many there are.
router.post('/digest', async (req, res) => {
  const { recipients } = req.body;
  const sent = await Promise.all(recipients.map(async (email) => store.sendMail(email, 'Your weekly digest')));
  res.json({ sent: sent.length });
});

module.exports = router;
