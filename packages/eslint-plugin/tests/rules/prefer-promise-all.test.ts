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
    // Bare sends to the same object are ordered.
    {
      code: '\nasync function notify(mailer, users) {\n  await mailer.send(users[0]);\n  await mailer.send(users[1]);\n}\n',
    },
    // Bare calls of functions whose object is unknown are ordered.
    {
      code: '\nasync function notify(order) {\n  await reserveStock(order);\n  await sendConfirmation(order);\n}\n',
    },
    // A write, then a read of what it wrote.
    {
      code: '\nasync function summary(orders, id) {\n  let total;\n  let report;\n  total = await orders.sum(id);\n  report = await render(total);\n  return report;\n}\n',
    },
    // A property of `this` written, then a method of `this` that may read it.
    {
      code: '\nclass Page {\n  async load(id) {\n    this.user = await this.loadUser(id);\n    this.feed = await this.loadFeed();\n  }\n}\n',
    },
    // The same target written twice: the second result must win.
    {
      code: '\nasync function lookup(primary, fallback, key) {\n  let value;\n  value = await primary.get(key);\n  value = await fallback.get(key);\n  return value;\n}\n',
    },
    // The first call reads a variable the second assigns.
    {
      code: '\nasync function rotate(id) {\n  let token = await current(id);\n  let previous;\n  previous = await revoke(token);\n  token = await issue(id);\n  return { token, previous };\n}\n',
    },
    // A read, then a bare write on the same object: the read must not see the write.
    {
      code: '\nasync function add(db, row) {\n  const before = await db.rows.count();\n  await db.rows.insert(row);\n  return before;\n}\n',
    },
    // Compound assignments are not results of their own.
    {
      code: '\nasync function count(a, b) {\n  let total = 0;\n  total += await a.count();\n  total += await b.count();\n  return total;\n}\n',
    },
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
    // Assignments to declared names.
    {
      code: '\nasync function load(id) {\n  let user;\n  let stats;\n  user = await getUser(id);\n  stats = await getStats(id);\n  return { user, stats };\n}\n',
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 5,
          column: 3,
          endLine: 6,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output:
                '\nasync function load(id) {\n  let user;\n  let stats;\n  [user, stats] = await Promise.all([getUser(id), getStats(id)]);\n  return { user, stats };\n}\n',
            },
          ],
        },
      ],
    },
    // Assignments to properties of `this`, through calls that do not mention it.
    {
      code: '\nclass Page {\n  async load(api, id) {\n    this.user = await api.getUser(id);\n    this.prefs = await api.getPrefs(id);\n  }\n}\n',
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 4,
          column: 5,
          endLine: 5,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output:
                '\nclass Page {\n  async load(api, id) {\n    [this.user, this.prefs] = await Promise.all([api.getUser(id), api.getPrefs(id)]);\n  }\n}\n',
            },
          ],
        },
      ],
    },
    // Bare awaits on different objects.
    {
      code: '\nasync function forget(cache, searchIndex, id) {\n  await cache.del(`user:${id}`);\n  await searchIndex.remove(id);\n}\n',
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 3,
          column: 3,
          endLine: 4,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'awaitTogether',
              output:
                '\nasync function forget(cache, searchIndex, id) {\n  await Promise.all([cache.del(`user:${id}`), searchIndex.remove(id)]);\n}\n',
            },
          ],
        },
      ],
    },
    // A declaration with a bare await on another object: a hole-free pattern, the bare result dropped.
    {
      code: "\nasync function show(users, audit, id) {\n  const user = await users.findById(id);\n  await audit.record('view', id);\n  return user;\n}\n",
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 3,
          column: 3,
          endLine: 4,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output:
                "\nasync function show(users, audit, id) {\n  const [user] = await Promise.all([users.findById(id), audit.record('view', id)]);\n  return user;\n}\n",
            },
          ],
        },
      ],
    },
    // A bare await first: a hole in the pattern.
    {
      code: "\nasync function show(users, audit, id) {\n  await audit.record('view', id);\n  const user = await users.findById(id);\n  return user;\n}\n",
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 3,
          column: 3,
          endLine: 4,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output:
                "\nasync function show(users, audit, id) {\n  const [, user] = await Promise.all([audit.record('view', id), users.findById(id)]);\n  return user;\n}\n",
            },
          ],
        },
      ],
    },
    // Without semicolons, an assignment pattern after an expression statement gets a leading semicolon.
    {
      code: '\nasync function load(id) {\n  let user, stats\n  log(id)\n  user = await getUser(id)\n  stats = await getStats(id)\n  return { user, stats }\n}\n',
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 5,
          column: 3,
          endLine: 6,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output:
                '\nasync function load(id) {\n  let user, stats\n  log(id)\n  ;[user, stats] = await Promise.all([getUser(id), getStats(id)])\n  return { user, stats }\n}\n',
            },
          ],
        },
      ],
    },
    // Declarations and assignments do not mix in one pattern: reported without a suggestion.
    {
      code: '\nasync function load(id) {\n  let stats;\n  const user = await getUser(id);\n  stats = await getStats(id);\n  return { user, stats };\n}\n',
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 4,
          column: 3,
          endLine: 5,
          endColumn: 30,
        },
      ],
    },
    // TypeScript: typed targets and type arguments are kept.
    {
      code: "\ninterface User { id: string }\ninterface Feed { items: string[] }\nexport async function load(api: { get<T>(path: string): Promise<T> }): Promise<[User, Feed]> {\n  let user: User;\n  let feed: Feed;\n  user = await api.get<User>('/me');\n  feed = await api.get<Feed>('/feed');\n  return [user, feed];\n}\n",
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 7,
          column: 3,
          endLine: 8,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output:
                "\ninterface User { id: string }\ninterface Feed { items: string[] }\nexport async function load(api: { get<T>(path: string): Promise<T> }): Promise<[User, Feed]> {\n  let user: User;\n  let feed: Feed;\n  [user, feed] = await Promise.all([api.get<User>('/me'), api.get<Feed>('/feed')]);\n  return [user, feed];\n}\n",
            },
          ],
        },
      ],
    },
  ],
});
