#!/usr/bin/env node
console.error('backend-perf: not built yet');
process.exitCode = 2;
