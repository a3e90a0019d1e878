// Worker module for a Piscina pool: the CPU-heavy functions of ./app.mjs run here, on worker threads.
// Each task receives the argument list as an array: `pool.run([a, b], { name })`.

import { createHash } from 'node:crypto';

const TAX_RATE = 0.2;

function lineTotal(line) {
  return line.quantity * line.price * (1 + TAX_RATE);
}

function renderInvoice(invoice) {
  const lines = invoice.lines.map((line) => `${line.name}: ${lineTotal(line).toFixed(2)}`);
  return { body: lines.join('\n'), etag: createHash('sha1').update(lines.join('')).digest('hex') };
}

const renderInvoiceTask = (args) => renderInvoice(...args);
export { renderInvoiceTask as renderInvoice };
