import rule from '../../src/rules/no-leaked-interval.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-leaked-interval', rule, {
  valid: [
    // Module-level housekeeping is start-up code.
    'setInterval(() => sweep(), 60_000);',
    'const t = setInterval(report, 10_000);\nt.unref();',
    // Functions only called at start-up.
    'function startSweeper() { setInterval(sweep, 1000); }\nstartSweeper();',
    // Kept and cleared.
    "app.get('/poll', (req, res) => {\n  const timer = setInterval(() => res.write('.'), 1000);\n  req.on('close', () => clearInterval(timer));\n});",
    'function watch(job) {\n  const t = setInterval(() => { if (job.done) clearInterval(t); }, 100);\n}',
    // clearTimeout clears intervals too.
    'function poll() { const id = setInterval(check, 50); setTimeout(() => clearTimeout(id), 5000); }',
    // The handle leaves the function: the caller can clear it.
    'function every(ms, fn) { return setInterval(fn, ms); }',
    'function start(session) { session.timers.push(setInterval(ping, 1000)); }',
    // Stored on an object and cleared by name elsewhere in the file.
    'class Poller {\n  start() { this.timer = setInterval(() => this.tick(), 1000); }\n  stop() { clearInterval(this.timer); }\n}',
    // A local function named setInterval.
    "function setInterval() {}\napp.get('/', () => { setInterval(); });",
    // A start-up file.
    { code: 'function loop() { setInterval(work, 10); }', filename: 'scripts/worker.js' },
    // A browser script shipped in the server package: the timer lives as long as the page.
    "$(document).ready(() => {\n  const socket = io.connect('/admin');\n  socket.on('connect', () => {\n    setInterval(() => socket.emit('checkUpdates'), 300_000);\n  });\n});",
  ],
  invalid: [
    {
      code: "const express = require('express');\nconst app = express();\napp.post('/jobs', (req, res) => {\n  setInterval(() => refresh(req.body.id), 5000);\n  res.sendStatus(202);\n});",
      errors: [{ messageId: 'droppedInterval', line: 4, column: 3, endLine: 4, endColumn: 48 }],
    },
    {
      // unref does not stop it.
      code: 'export function track(user) {\n  setInterval(() => flush(user), 1000).unref();\n}',
      errors: [{ messageId: 'droppedInterval', line: 2, column: 3, endLine: 2, endColumn: 39 }],
    },
    {
      code: "import { setInterval as every } from 'node:timers';\nexport function subscribe(feed) {\n  const handle = every(() => feed.pull(), 250);\n  handle.unref();\n}",
      errors: [{ messageId: 'unclearedInterval', line: 3, column: 18, endLine: 3, endColumn: 47 }],
    },
    {
      code: 'class Session {\n  open() {\n    this.heartbeat = setInterval(() => this.ping(), 30_000);\n  }\n}',
      errors: [{ messageId: 'unclearedInterval', line: 3, column: 22, endLine: 3, endColumn: 60 }],
    },
  ],
});
