'use strict';

// Worker module for a Piscina pool: the CPU-heavy functions of ./report.js run here, on worker threads.
// Each task receives the argument list as an array: `pool.run([a, b], { name })`.

const crypto = require('node:crypto');
const { format } = require('node:util');

const ROUNDS = 3;

function checksum(text) {
  let digest = text;
  for (let i = 0; i < ROUNDS; i += 1) digest = crypto.createHash('sha256').update(digest).digest('hex');
  return digest;
}

/** Builds the totals of a report; slow on large inputs. */
function buildReport(rows, currency) {
  const total = rows.reduce((sum, row) => sum + row.amount, 0);
  return { total: format('%d %s', total, currency), checksum: checksum(JSON.stringify(rows)) };
}

module.exports = {
  buildReport: (args) => buildReport(...args),
};
