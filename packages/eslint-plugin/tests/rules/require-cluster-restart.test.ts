import rule from '../../src/rules/require-cluster-restart.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('require-cluster-restart', rule, {
  valid: [
    // The seed's primary: fork, and fork again on exit.
    "const cluster = require('cluster');\nconst os = require('os');\nif (cluster.isPrimary) {\n  for (let i = 0; i < os.cpus().length; i++) cluster.fork();\n  cluster.on('exit', (worker) => {\n    console.log(`worker ${worker.process.pid} died`);\n    cluster.fork();\n  });\n} else {\n  require('./server');\n}",
    // Through a local function, with a backoff.
    "import cluster from 'node:cluster';\nfunction spawn() { cluster.fork(); }\nfor (let i = 0; i < 4; i++) spawn();\ncluster.on('exit', () => setTimeout(spawn, 1000));",
    // A named handler.
    "const { fork, on } = require('node:cluster');\nconst restart = (worker, code) => { if (code !== 0) fork(); };\nfork();\non('exit', restart);",
    // A per-worker exit handler.
    "const cluster = require('cluster');\nfunction start() {\n  const worker = cluster.fork();\n  worker.on('exit', start);\n}\nstart();",
    // Other fork functions.
    "const { fork } = require('child_process');\nfork('./job.js');",
    'function fork() {}\nfork();',
  ],
  invalid: [
    {
      code: "const cluster = require('cluster');\nif (cluster.isPrimary) {\n  for (let i = 0; i < 4; i++) cluster.fork();\n} else {\n  require('./server');\n}",
      errors: [{ messageId: 'noRestart', line: 3, column: 31, endLine: 3, endColumn: 45 }],
    },
    {
      // An exit handler that only logs.
      code: "import cluster from 'node:cluster';\ncluster.fork();\ncluster.on('exit', (worker) => console.error(`worker ${worker.id} died`));",
      errors: [{ messageId: 'noRestart', line: 2, column: 1, endLine: 2, endColumn: 15 }],
    },
    {
      // Restarting on another event is not restarting on exit.
      code: "const cluster = require('node:cluster');\ncluster.fork();\ncluster.on('online', () => cluster.fork());",
      errors: [
        { messageId: 'noRestart', line: 2, column: 1, endLine: 2, endColumn: 15 },
        { messageId: 'noRestart', line: 3, column: 28, endLine: 3, endColumn: 42 },
      ],
    },
  ],
});
