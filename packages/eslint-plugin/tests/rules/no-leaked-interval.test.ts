import rule from '../../src/rules/no-leaked-interval.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-leaked-interval', rule, {
  valid: [
    {
      name: 'Module-level housekeeping is start-up code',
      code: `
setInterval(() => sweep(), 60_000);
`,
    },
    {
      name: 't.unref();',
      code: `
const t = setInterval(report, 10_000);
t.unref();
`,
    },
    {
      name: 'Functions only called at start-up',
      code: `
function startSweeper() { setInterval(sweep, 1000); }
startSweeper();
`,
    },
    {
      name: 'Kept and cleared',
      code: `
app.get('/poll', (req, res) => {
  const timer = setInterval(() => res.write('.'), 1000);
  req.on('close', () => clearInterval(timer));
});
`,
    },
    {
      name: 'const t = setInterval(() => { if (job.done) clearInterval(t); }, 100);',
      code: `
function watch(job) {
  const t = setInterval(() => { if (job.done) clearInterval(t); }, 100);
}
`,
    },
    {
      name: 'clearTimeout clears intervals too',
      code: `
function poll() { const id = setInterval(check, 50); setTimeout(() => clearTimeout(id), 5000); }
`,
    },
    {
      name: 'The handle leaves the function: the caller can clear it',
      code: `
function every(ms, fn) { return setInterval(fn, ms); }
`,
    },
    {
      name: 'function start(session) { session.timers.push(setInterval(ping, 1000)); }',
      code: `
function start(session) { session.timers.push(setInterval(ping, 1000)); }
`,
    },
    {
      name: 'Stored on an object and cleared by name elsewhere in the file',
      code: `
class Poller {
  start() { this.timer = setInterval(() => this.tick(), 1000); }
  stop() { clearInterval(this.timer); }
}
`,
    },
    {
      name: 'A local function named setInterval',
      code: `
function setInterval() {}
app.get('/', () => { setInterval(); });
`,
    },
    {
      name: 'A start-up file',
      code: `
function loop() { setInterval(work, 10); }
`,
      filename: 'scripts/worker.js',
    },
    {
      name: 'A browser script shipped in the server package: the timer lives as long as the page',
      code: `
$(document).ready(() => {
  const socket = io.connect('/admin');
  socket.on('connect', () => {
    setInterval(() => socket.emit('checkUpdates'), 300_000);
  });
});
`,
    },
  ],
  invalid: [
    {
      name: 'setInterval(() => refresh(req.body.id), 5000);',
      code: `
const express = require('express');
const app = express();
app.post('/jobs', (req, res) => {
  setInterval(() => refresh(req.body.id), 5000);
  res.sendStatus(202);
});
`,
      errors: [{ messageId: 'droppedInterval', line: 5, column: 3, endLine: 5, endColumn: 48 }],
    },
    {
      name: 'unref does not stop it',
      code: `
export function track(user) {
  setInterval(() => flush(user), 1000).unref();
}
`,
      errors: [{ messageId: 'droppedInterval', line: 3, column: 3, endLine: 3, endColumn: 39 }],
    },
    {
      name: 'const handle = every(() => feed.pull(), 250);',
      code: `
import { setInterval as every } from 'node:timers';
export function subscribe(feed) {
  const handle = every(() => feed.pull(), 250);
  handle.unref();
}
`,
      errors: [{ messageId: 'unclearedInterval', line: 4, column: 18, endLine: 4, endColumn: 47 }],
    },
    {
      name: 'this.heartbeat = setInterval(() => this.ping(), 30_000);',
      code: `
class Session {
  open() {
    this.heartbeat = setInterval(() => this.ping(), 30_000);
  }
}
`,
      errors: [{ messageId: 'unclearedInterval', line: 4, column: 22, endLine: 4, endColumn: 60 }],
    },
  ],
});
