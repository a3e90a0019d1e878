'use strict';

const { digestAll } = require('./lib/digest');

async function handle(batch) {
  const result = digestAll(batch.secrets, batch.salt);
  return { count: result.keys.length, keys: result.keys, threadId: result.threadId };
}

module.exports = { handle };
