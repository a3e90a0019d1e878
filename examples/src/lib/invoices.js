'use strict';

const crypto = require('node:crypto');

const CURRENCY = 'EUR';

function money(cents) {
  return `${(cents / 100).toFixed(2)} ${CURRENCY}`;
}

/** Lays out an invoice as text pages and signs it. Slow for large orders: it is named as heavy in eslint.config.mjs. */
function buildInvoicePdf(order) {
  const lines = order.items.map((item) => `${item.sku.padEnd(12)} ${String(item.quantity).padStart(4)} ${money(item.price * item.quantity)}`);
  const total = order.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
  const body = [`Invoice ${order.id}`, ...lines, `Total ${money(total)}`].join('\n');
  let signature = body;
  for (let round = 0; round < 1000; round += 1) signature = crypto.createHash('sha256').update(signature).digest('hex');
  return { body, signature };
}

module.exports = { buildInvoicePdf };
