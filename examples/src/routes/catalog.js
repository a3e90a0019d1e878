'use strict';

const express = require('express');
const { renderProductPage } = require('../lib/templates');

const router = express.Router();

router.get('/products/:id', async (req, res) => {
  const product = { id: req.params.id, name: `Product ${req.params.id}` };
  res.type('html').send(await renderProductPage(product));
});

module.exports = router;
