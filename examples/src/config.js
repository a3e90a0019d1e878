'use strict';

const fs = require('node:fs');
const path = require('node:path');

// Read once at start-up: synchronous reads are fine here.
const defaults = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'data', 'defaults.json'), 'utf8'));

function loadConfig() {
  const file = process.env.SHOP_CONFIG;
  const overrides = file && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  return { ...defaults, ...overrides };
}

module.exports = { config: loadConfig() };
