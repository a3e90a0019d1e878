import rule from '../../src/rules/no-async-foreach.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-async-foreach', rule, {
  valid: [
    // A synchronous callback.
    `
async function handler(items) {
  items.forEach((item) => console.log(item));
}
`,
    // Already awaited with Promise.all.
    `
async function handler(items) {
  await Promise.all(items.map(async (item) => save(item)));
}
`,
    // A local function named like an async one that is not async.
    `
function notify(user) { return user.id; }
async function handler(users) {
  users.forEach(notify);
}
`,
    // A method called forEach that takes something else.
    `
async function handler(cursor) {
  await cursor.forEach({ batchSize: 10 });
}
`,
    // Start-up code.
    `
plugins.forEach(async (plugin) => {
  await plugin.register();
});
`,
  ],
  invalid: [
    {
      code: `
const express = require('express');
const app = express();
app.post('/notify', async (req, res) => {
  req.body.users.forEach(async (user) => {
    await sendEmail(user);
  });
  res.sendStatus(202);
});
`,
      errors: [
        {
          messageId: 'asyncForEach',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'useForOf',
              output: `
const express = require('express');
const app = express();
app.post('/notify', async (req, res) => {
  for (const user of req.body.users) {
    await sendEmail(user);
  }
  res.sendStatus(202);
});
`,
            },
            {
              messageId: 'usePromiseAllMap',
              data: { receiver: 'req.body.users' },
              output: `
const express = require('express');
const app = express();
app.post('/notify', async (req, res) => {
  await Promise.all(req.body.users.map(async (user) => {
    await sendEmail(user);
  }));
  res.sendStatus(202);
});
`,
            },
          ],
        },
      ],
    },
    {
      // An expression body, and an early return that becomes continue.
      code: `
async function handler(ids, rows) {
  ids.forEach(async (id) => audit(id));
  rows.forEach(async (row) => {
    if (!row.dirty) return;
    await row.save();
  });
}
`,
      errors: [
        {
          messageId: 'asyncForEach',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'useForOf',
              output: `
async function handler(ids, rows) {
  for (const id of ids) await audit(id);
  rows.forEach(async (row) => {
    if (!row.dirty) return;
    await row.save();
  });
}
`,
            },
            {
              messageId: 'usePromiseAllMap',
              data: { receiver: 'ids' },
              output: `
async function handler(ids, rows) {
  await Promise.all(ids.map(async (id) => audit(id)));
  rows.forEach(async (row) => {
    if (!row.dirty) return;
    await row.save();
  });
}
`,
            },
          ],
        },
        {
          messageId: 'asyncForEach',
          line: 4,
          column: 8,
          endLine: 4,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'useForOf',
              output: `
async function handler(ids, rows) {
  ids.forEach(async (id) => audit(id));
  for (const row of rows) {
    if (!row.dirty) continue;
    await row.save();
  }
}
`,
            },
            {
              messageId: 'usePromiseAllMap',
              data: { receiver: 'rows' },
              output: `
async function handler(ids, rows) {
  ids.forEach(async (id) => audit(id));
  await Promise.all(rows.map(async (row) => {
    if (!row.dirty) return;
    await row.save();
  }));
}
`,
            },
          ],
        },
      ],
    },
    {
      // In a synchronous function there is nothing to await with: reported without suggestions.
      code: `
function schedule(jobs) {
  jobs.forEach(async (job) => {
    await job.run();
  });
}
`,
      errors: [{ messageId: 'asyncForEach', line: 3, column: 8, endLine: 3, endColumn: 15, suggestions: [] }],
    },
    {
      // A named async function passed by reference; a Map's forEach has no drop-in rewrite.
      code: `
async function refresh(user) { await user.reload(); }
async function handler(users, sessions) {
  users.forEach(refresh);
  const byId = new Map(sessions);
  byId.forEach(async (session) => {
    await session.touch();
  });
}
`,
      errors: [
        { messageId: 'asyncForEach', line: 4, column: 9, endLine: 4, endColumn: 16, suggestions: [] },
        { messageId: 'asyncForEach', line: 6, column: 8, endLine: 6, endColumn: 15, suggestions: [] },
      ],
    },
  ],
});
