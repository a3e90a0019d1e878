#!/usr/bin/env node
'use strict';

// A command-line script: synchronous calls are fine here.
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', 'data', 'reports');
fs.mkdirSync(dir, { recursive: true });
for (let day = 1; day <= 7; day += 1) {
  fs.writeFileSync(path.join(dir, `day-${day}.json`), JSON.stringify({ day, orders: day * 10 }));
}
