'use strict';

const crypto = require('node:crypto');
const { threadId } = require('node:worker_threads');

const ITERATIONS = 20000;

function derive(secret, salt) {
  return crypto.pbkdf2Sync(secret, salt, ITERATIONS, 32, 'sha256').toString('hex');
}

/** CPU-heavy: one key derivation per secret. Records the thread it ran on. */
function digestAll(secrets, salt) {
  return { keys: secrets.map((secret) => derive(secret, salt)), threadId };
}

module.exports = { digestAll };
