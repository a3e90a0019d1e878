import rule from '../../src/rules/prefer-promise-all.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('prefer-promise-all', rule, {
  valid: [
    // The second call needs the first one's result.
    `
import express from 'express';
const app = express();
app.get('/u/:id', async (req, res) => {
  const user = await getUser(req.params.id);
  const orders = await getOrders(user.id);
  res.json({ user, orders });
});
`,
    // Destructured result feeds the next call.
    `
import express from 'express';
const app = express();
app.get('/u/:id', async (req, res) => {
  const { account } = await getUser(req.params.id);
  const invoices = await listInvoices(account);
  res.json(invoices);
});
`,
    // Bare awaits are ordered side effects (debit, then credit).
    `
import express from 'express';
const app = express();
app.post('/transfer', async (req, res) => {
  await debit(req.body.from, req.body.amount);
  await credit(req.body.to, req.body.amount);
  res.sendStatus(204);
});
`,
    // A write, then a read on the same receiver: the read may see the write.
    `
import express from 'express';
const app = express();
app.post('/users', async (req, res) => {
  const created = await db.users.insert(req.body);
  const total = await db.users.count();
  res.json({ created, total });
});
`,
    // A local helper that reads the first result through its closure.
    `
async function handler(req) {
  const session = await loadSession(req);
  const profile = await loadProfile();
  return { session, profile };
  async function loadProfile() {
    return fetchProfile(session.userId);
  }
}
`,
    // Start-up code: sequential initialisation is fine.
    `
const config = await loadConfig();
const secrets = await loadSecrets();
`,
    `
import express from 'express';
const app = express();
async function boot() {
  const config = await loadConfig();
  const secrets = await loadSecrets();
  app.listen(config.port);
  return secrets;
}
boot();
`,
    // Not consecutive.
    `
async function handler(req) {
  const a = await getA(req.id);
  log('between');
  const b = await getB(req.id);
  return [a, b];
}
`,
    // Awaiting promises that are already running gains nothing.
    `
async function handler(pA, pB) {
  const a = await pA;
  const b = await pB;
  return [a, b];
}
`,
    // A sleep is not work to run in parallel.
    `
async function handler(id) {
  const a = await getA(id);
  const b = await new Promise((resolve) => setTimeout(resolve, 100));
  return [a, b];
}
`,
  ],
  invalid: [
    {
      code: `
import express from 'express';
const app = express();
app.get('/dashboard', async (req, res) => {
  const user = await getUser(req.params.id);
  const stats = await getStats(req.params.id);
  res.json({ user, stats });
});
`,
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 5,
          column: 3,
          endLine: 6,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `
import express from 'express';
const app = express();
app.get('/dashboard', async (req, res) => {
  const [user, stats] = await Promise.all([getUser(req.params.id), getStats(req.params.id)]);
  res.json({ user, stats });
});
`,
            },
          ],
        },
      ],
    },
    {
      // Unknown context is checked; comments move with their operand; let is kept; three members.
      code: `
async function load(id) {
  // the profile
  let profile = await fetchProfile(id);
  // the feed
  let feed = await fetchFeed(id);
  let ads = await fetchAds();
  return { profile, feed, ads };
}
`,
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 4,
          column: 3,
          endLine: 7,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `
async function load(id) {
  // the profile
  let [profile, feed, ads] = await Promise.all([
    fetchProfile(id),
    // the feed
    fetchFeed(id),
    fetchAds(),
  ]);
  return { profile, feed, ads };
}
`,
            },
          ],
        },
      ],
    },
    {
      // Different declaration kinds: reported without a suggestion.
      code: `
async function load(id) {
  const a = await getA(id);
  let b = await getB(id);
  return [a, b];
}
`,
      errors: [
        { messageId: 'sequentialIndependentAwaits', line: 3, column: 3, endLine: 4, endColumn: 26, suggestions: [] },
      ],
    },
    {
      // A dependent third await starts a new group; destructuring patterns are kept.
      code: `
async function load(id) {
  const { name } = await getUser(id);
  const prefs = await getPrefs(id);
  const greeting = await translate(name);
  const weather = await getWeather(id);
  return [name, prefs, greeting, weather];
}
`,
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 3,
          column: 3,
          endLine: 4,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `
async function load(id) {
  const [{ name }, prefs] = await Promise.all([getUser(id), getPrefs(id)]);
  const greeting = await translate(name);
  const weather = await getWeather(id);
  return [name, prefs, greeting, weather];
}
`,
            },
          ],
        },
        {
          messageId: 'sequentialIndependentAwaits',
          line: 5,
          column: 3,
          endLine: 6,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `
async function load(id) {
  const { name } = await getUser(id);
  const prefs = await getPrefs(id);
  const [greeting, weather] = await Promise.all([translate(name), getWeather(id)]);
  return [name, prefs, greeting, weather];
}
`,
            },
          ],
        },
      ],
    },
    {
      // TypeScript annotations become a tuple type.
      code: `
async function load(id: string) {
  const user: User = await getUser(id);
  const org: Org = await getOrg(id);
  return { user, org };
}
`,
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 3,
          column: 3,
          endLine: 4,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `
async function load(id: string) {
  const [user, org]: [User, Org] = await Promise.all([getUser(id), getOrg(id)]);
  return { user, org };
}
`,
            },
          ],
        },
      ],
    },
    {
      // Different receivers: a write on one does not order a read on another.
      code: `
async function handler(req) {
  const saved = await orders.save(req.body);
  const rates = await currency.rates();
  return { saved, rates };
}
`,
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 3,
          column: 3,
          endLine: 4,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `
async function handler(req) {
  const [saved, rates] = await Promise.all([orders.save(req.body), currency.rates()]);
  return { saved, rates };
}
`,
            },
          ],
        },
      ],
    },
  ],
});
