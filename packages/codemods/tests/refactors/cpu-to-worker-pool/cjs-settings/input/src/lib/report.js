'use strict';

const crypto = require('node:crypto');
const { format } = require('node:util');
const path = require('node:path');

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

function reportName(id) {
  return path.join('reports', `${id}.json`);
}

module.exports = { buildReport, reportName };
