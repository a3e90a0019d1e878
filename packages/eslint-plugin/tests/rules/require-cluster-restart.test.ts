import rule from '../../src/rules/require-cluster-restart.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('require-cluster-restart', rule, {
  valid: [
    {
      name: "The seed's primary: fork, and fork again on exit",
      code: `
const cluster = require('cluster');
const os = require('os');
if (cluster.isPrimary) {
  for (let i = 0; i < os.cpus().length; i++) cluster.fork();
  cluster.on('exit', (worker) => {
    console.log(\`worker \${worker.process.pid} died\`);
    cluster.fork();
  });
} else {
  require('./server');
}
`,
    },
    {
      name: 'Through a local function, with a backoff',
      code: `
import cluster from 'node:cluster';
function spawn() { cluster.fork(); }
for (let i = 0; i < 4; i++) spawn();
cluster.on('exit', () => setTimeout(spawn, 1000));
`,
    },
    {
      name: 'A named handler',
      code: `
const { fork, on } = require('node:cluster');
const restart = (worker, code) => { if (code !== 0) fork(); };
fork();
on('exit', restart);
`,
    },
    {
      name: 'A per-worker exit handler',
      code: `
const cluster = require('cluster');
function start() {
  const worker = cluster.fork();
  worker.on('exit', start);
}
start();
`,
    },
    {
      name: 'Other fork functions',
      code: `
const { fork } = require('child_process');
fork('./job.js');
`,
    },
    {
      name: 'fork();',
      code: `
function fork() {}
fork();
`,
    },
  ],
  invalid: [
    {
      name: 'for (let i = 0; i < 4; i++) cluster.fork();',
      code: `
const cluster = require('cluster');
if (cluster.isPrimary) {
  for (let i = 0; i < 4; i++) cluster.fork();
} else {
  require('./server');
}
`,
      errors: [{ messageId: 'noRestart', line: 4, column: 31, endLine: 4, endColumn: 45 }],
    },
    {
      name: 'An exit handler that only logs',
      code: `
import cluster from 'node:cluster';
cluster.fork();
cluster.on('exit', (worker) => console.error(\`worker \${worker.id} died\`));
`,
      errors: [{ messageId: 'noRestart', line: 3, column: 1, endLine: 3, endColumn: 15 }],
    },
    {
      name: 'Restarting on another event is not restarting on exit',
      code: `
const cluster = require('node:cluster');
cluster.fork();
cluster.on('online', () => cluster.fork());
`,
      errors: [
        { messageId: 'noRestart', line: 3, column: 1, endLine: 3, endColumn: 15 },
        { messageId: 'noRestart', line: 4, column: 28, endLine: 4, endColumn: 42 },
      ],
    },
  ],
});
