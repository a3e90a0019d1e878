import express from 'express';
import { createHash } from 'node:crypto';
import { Piscina } from 'piscina';

/** Worker threads for `renderInvoice` (see ./app.worker.mjs); created once, shared by every caller. */
export const appPool = new Piscina({ filename: new URL('./app.worker.mjs', import.meta.url).href });

const app = express();
const cache = new Map();

const TAX_RATE = 0.2;

function lineTotal(line) {
  return line.quantity * line.price * (1 + TAX_RATE);
}

export function renderInvoice(invoice) {
  const lines = invoice.lines.map((line) => `${line.name}: ${lineTotal(line).toFixed(2)}`);
  return { body: lines.join('\n'), etag: createHash('sha1').update(lines.join('')).digest('hex') };
}

export function cachedTotal(invoice) {
  if (!cache.has(invoice.id)) cache.set(invoice.id, invoice.lines.reduce((sum, line) => sum + lineTotal(line), 0));
  return cache.get(invoice.id);
}

app.post('/invoices/render', async (req, res) => {
  const { body, etag } = await appPool.run([req.body], { name: 'renderInvoice' });
  res.set('etag', etag).type('text').send(body);
});

app.post('/invoices/total', async (req, res) => {
  res.json({ total: await appPool.run([req.body], { name: 'cachedTotal' }) });
});

export default app;
