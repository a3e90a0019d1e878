'use strict';

const express = require('express');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const glob = require('glob');
const { buildInvoicePdf } = require('../lib/invoices');

const router = express.Router();
const EXPORT_DIR = path.join(__dirname, '..', '..', 'data', 'exports');
const SALT = 'shop-exports';

function exportFile(name) {
  return path.join(EXPORT_DIR, path.basename(name));
}

// The exports available for download.
router.get('/', (req, res) => {
  res.json(glob.sync('*.{csv,json}', { cwd: EXPORT_DIR }));
});

// Downloads an export, gzipped on the fly.
router.get('/:name/download', (req, res) => {
  res.set('content-encoding', 'gzip');
  fs.createReadStream(exportFile(req.params.name)).pipe(zlib.createGzip()).pipe(res);
});

// The summary of a JSON export.
router.get('/:name/summary', async (req, res) => {
  const data = JSON.parse(await fs.promises.readFile(exportFile(`${req.params.name}.json`), 'utf8'));
  res.json({ rows: data.rows.length, total: data.total });
});

// The raw JSON export.
router.get('/:name/raw', async (req, res) => {
  const body = await fs.promises.readFile(exportFile(`${req.params.name}.json`));
  res.type('json').send(body);
});

// A download token derived from the customer's export password.
router.post('/:name/token', (req, res) => {
  const key = crypto.pbkdf2Sync(req.body.password, SALT, 100000, 32, 'sha256');
  res.json({ token: key.toString('base64url') });
});

// A gzipped JSON snapshot of the posted rows.
router.post('/snapshot', (req, res) => {
  res.type('application/gzip').send(zlib.gzipSync(JSON.stringify(req.body.rows)));
});

// An invoice for an order.
router.post('/invoices', async (req, res) => {
  const invoice = buildInvoicePdf(req.body);
  res.set('x-signature', invoice.signature).type('text').send(invoice.body);
});

module.exports = router;
