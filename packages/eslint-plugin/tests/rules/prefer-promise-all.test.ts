import rule from '../../src/rules/prefer-promise-all.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('prefer-promise-all', rule, {
  valid: [
    {
      name: 'reads on one connection or transaction, which runs them one after another anyway',
      code: `
import { roles } from './roles.js';
import { pool } from './db.js';
export async function handler(req, res) {
  const queryRunner = req.app.locals.dataSource.createQueryRunner();
  const ownerRole = await roles.readByName('owner', queryRunner);
  const role = await roles.readById(req.params.id, queryRunner);
  res.set('x-role', role.name);
  const client = await pool.connect();
  const users = await client.query('SELECT * FROM users');
  const orders = await client.query('SELECT * FROM orders');
  res.json({ ownerRole, role, users, orders });
}
export async function withRunner(req, res) {
  let queryRunner;
  try {
    queryRunner = req.app.locals.dataSource.createQueryRunner();
    const owner = await roles.readByName('owner', queryRunner);
    const member = await roles.readByName('member', queryRunner);
    res.json({ owner, member });
  } finally {
    await queryRunner?.release();
  }
}
export async function reassign(knex, options, authorId) {
  const trx = options.transacting;
  const authored = await knex('posts_authors').transacting(trx).where('author_id', authorId).select('post_id');
  const owned = await knex('posts').transacting(trx).where('author_id', authorId).select('id');
  options.log(authored, owned);
  const tags = await knex('tags').transacting(options.transacting).select('id');
  const labels = await knex('labels').transacting(options.transacting).select('id');
  return [tags, labels];
}
export async function withSequelize(sequelize, User, Order, id) {
  const t = await sequelize.transaction();
  const user = await User.findByPk(id, { transaction: t });
  const orders = await Order.findAll({ where: { userId: id }, transaction: t });
  await t.commit();
  return [user, orders];
}
export class Store {
  async load(id) {
    const user = await this.queryRunner.manager.findOneBy('User', { id });
    const orders = await this.queryRunner.manager.findBy('Order', { userId: id });
    return [user, orders];
  }
}
export async function inTransaction(trx, knex, ids) {
  const users = await trx('users').whereIn('id', ids);
  const orders = await knex('orders').whereIn('user_id', ids).transacting(trx);
  return [users, orders];
}
`,
    },
    // A generator function compiled for ES5 yields values: its \`return [4, …]\` are no awaits.
    `
function ids(req) {
  var a, b;
  return __generator(this, function (_a) {
    switch (_a.label) {
      case 0: return [4 /*yield*/, first(req)];
      case 1:
        a = _a.sent();
        return [4 /*yield*/, second(req)];
      case 2:
        b = _a.sent();
        return [2 /*return*/];
    }
  });
}
`,
    // A read before a transaction would run alongside the transaction's writes.
    `
export async function archive(req, res) {
  const order = await orderService.retrieve(req.params.id);
  await manager.transaction((tx) => orders.withTransaction(tx).archive(req.params.id));
  const payment = await payments.transactionById(req.params.payment);
  res.json({ order, payment });
}
`,
    // A transaction commits its writes when it resolves: a read after it, through any object, sees them.
    `
export async function archive(req, res) {
  const orderService = req.scope.resolve('orderService');
  const manager = req.scope.resolve('manager');
  await manager.transaction((tx) => orderService.withTransaction(tx).archive(req.params.id));
  const order = await orderService.retrieve(req.params.id);
  res.json({ order });
}
`,
    // An async function compiled for ES5: the second yield reads the first one's result, and a statement between two
    // yields (a check of the result) keeps them apart.
    `
exports.default = function (req, res) {
  return __awaiter(void 0, void 0, void 0, function () {
    var customer, orders, cart, region;
    return __generator(this, function (_a) {
      switch (_a.label) {
        case 0: return [4 /*yield*/, customerService.retrieve(req.user.id)];
        case 1:
          customer = _a.sent();
          return [4 /*yield*/, orderService.list({ customer_id: customer.id })];
        case 2:
          orders = _a.sent();
          return [4 /*yield*/, cartService.retrieve(orders[0].cart_id)];
        case 3:
          cart = _a.sent();
          if (!cart) throw new Error('no cart');
          return [4 /*yield*/, regionService.retrieve(req.params.region)];
        case 4:
          region = _a.sent();
          res.json({ customer, orders, cart, region });
          return [2 /*return*/];
      }
    });
  });
};
`,
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
    // Async functions of the file that do nothing asynchronous: awaiting them waits for no I/O.
    `
const fs = require('fs');
const listNodes = async () => {
  const nodes = [];
  for (const name in registry) nodes.push({ name, label: registry[name].label });
  return JSON.stringify(nodes, null, 2);
};
async function listTemplates() {
  let text = '';
  for (const file of fs.readdirSync('templates')) text += fs.readFileSync(file, 'utf8');
  return text;
}
async function generate(question) {
  const nodes = await listNodes();
  const templates = await listTemplates();
  return ask(question, nodes, templates);
}
`,
    // Bare sends to the same object are ordered.
    {
      code: `
async function notify(mailer, users) {
  await mailer.send(users[0]);
  await mailer.send(users[1]);
}
`,
    },
    // Bare calls of functions whose object is unknown are ordered.
    {
      code: '\nasync function notify(order) {\n  await reserveStock(order);\n  await sendConfirmation(order);\n}\n',
    },
    // A write, then a read of what it wrote.
    {
      code: `
async function summary(orders, id) {
  let total;
  let report;
  total = await orders.sum(id);
  report = await render(total);
  return report;
}
`,
    },
    // A property of `this` written, then a method of `this` that may read it.
    {
      code: `
class Page {
  async load(id) {
    this.user = await this.loadUser(id);
    this.feed = await this.loadFeed();
  }
}
`,
    },
    // The same target written twice: the second result must win.
    {
      code: `
async function lookup(primary, fallback, key) {
  let value;
  value = await primary.get(key);
  value = await fallback.get(key);
  return value;
}
`,
    },
    // The first call reads a variable the second assigns.
    {
      code: `
async function rotate(id) {
  let token = await current(id);
  let previous;
  previous = await revoke(token);
  token = await issue(id);
  return { token, previous };
}
`,
    },
    // A read, then a bare write on the same object: the read must not see the write.
    {
      code: `
async function add(db, row) {
  const before = await db.rows.count();
  await db.rows.insert(row);
  return before;
}
`,
    },
    // Compound assignments are not results of their own.
    {
      code: `
async function count(a, b) {
  let total = 0;
  total += await a.count();
  total += await b.count();
  return total;
}
`,
    },
  ],
  invalid: [
    {
      name: 'reads through a database client that holds a pool (its own `connect()`, not a pool checking out one)',
      code: `
import { MongoClient } from 'mongodb';
export async function handler(req, res) {
  const client = await MongoClient.connect(process.env.MONGO_URL);
  const users = await client.db().collection('users').findOne({ id: req.params.id });
  const orders = await client.db().collection('orders').find({ user: req.params.id }).toArray();
  res.json({ users, orders });
}
`,
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 5,
          column: 3,
          endLine: 6,
          endColumn: 97,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `
import { MongoClient } from 'mongodb';
export async function handler(req, res) {
  const client = await MongoClient.connect(process.env.MONGO_URL);
  const [users, orders] = await Promise.all([
    client.db().collection('users').findOne({ id: req.params.id }),
    client.db().collection('orders').find({ user: req.params.id }).toArray(),
  ]);
  res.json({ users, orders });
}
`,
            },
          ],
        },
      ],
    },
    {
      // The same in compiled code: reported at the yields, with no suggestion (the change belongs in the sources).
      code: `
exports.default = function (req, res) {
  return __awaiter(void 0, void 0, void 0, function () {
    var id, customer, paymentProviders;
    return __generator(this, function (_a) {
      switch (_a.label) {
        case 0:
          id = req.user.customer_id;
          return [4 /*yield*/, customerService.retrieve(id)];
        case 1:
          customer = _a.sent();
          return [4 /*yield*/, paymentProviderService.list()];
        case 2:
          paymentProviders = _a.sent();
          res.json({ customer, paymentProviders });
          return [2 /*return*/];
      }
    });
  });
};
`,
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          data: { count: '2', names: '`customer`, `paymentProviders`' },
          line: 9,
          column: 11,
          endLine: 12,
          endColumn: 63,
          suggestions: [],
        },
      ],
    },
    {
      // Values that may hold a promise: a fallback to a query, an optional call, a field.
      code: `
const cachedUsers = async () => cache.users || db.query('SELECT * FROM users');
const roles = async () => client?.query('SELECT * FROM roles');
async function ready() {
  return state.ready;
}
async function page() {
  const users = await cachedUsers();
  const list = await roles();
  const done = await ready();
  return { users, list, done };
}
`,
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 8,
          column: 3,
          endLine: 10,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `
const cachedUsers = async () => cache.users || db.query('SELECT * FROM users');
const roles = async () => client?.query('SELECT * FROM roles');
async function ready() {
  return state.ready;
}
async function page() {
  const [users, list, done] = await Promise.all([cachedUsers(), roles(), ready()]);
  return { users, list, done };
}
`,
            },
          ],
        },
      ],
    },
    {
      // An async function that returns a promise, or awaits, does asynchronous work even when written like a helper.
      code: `
const listUsers = async () => db.query('SELECT * FROM users');
async function listRoles() {
  const rows = await db.query('SELECT * FROM roles');
  return rows.map((row) => row.name);
}
async function page() {
  const users = await listUsers();
  const roles = await listRoles();
  return { users, roles };
}
`,
      errors: [
        {
          messageId: 'sequentialIndependentAwaits',
          line: 8,
          column: 3,
          endLine: 9,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `
const listUsers = async () => db.query('SELECT * FROM users');
async function listRoles() {
  const rows = await db.query('SELECT * FROM roles');
  return rows.map((row) => row.name);
}
async function page() {
  const [users, roles] = await Promise.all([listUsers(), listRoles()]);
  return { users, roles };
}
`,
            },
          ],
        },
      ],
    },
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
      code: `
async function load(id) {
  let user;
  let stats;
  user = await getUser(id);
  stats = await getStats(id);
  return { user, stats };
}
`,
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
              output: `
async function load(id) {
  let user;
  let stats;
  [user, stats] = await Promise.all([getUser(id), getStats(id)]);
  return { user, stats };
}
`,
            },
          ],
        },
      ],
    },
    // Assignments to properties of `this`, through calls that do not mention it.
    {
      code: `
class Page {
  async load(api, id) {
    this.user = await api.getUser(id);
    this.prefs = await api.getPrefs(id);
  }
}
`,
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
              output: `
class Page {
  async load(api, id) {
    [this.user, this.prefs] = await Promise.all([api.getUser(id), api.getPrefs(id)]);
  }
}
`,
            },
          ],
        },
      ],
    },
    // Bare awaits on different objects.
    {
      code: `
async function forget(cache, searchIndex, id) {
  await cache.del(\`user:\${id}\`);
  await searchIndex.remove(id);
}
`,
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
              output: `
async function forget(cache, searchIndex, id) {
  await Promise.all([cache.del(\`user:\${id}\`), searchIndex.remove(id)]);
}
`,
            },
          ],
        },
      ],
    },
    // A declaration with a bare await on another object: a hole-free pattern, the bare result dropped.
    {
      code: `
async function show(users, audit, id) {
  const user = await users.findById(id);
  await audit.record('view', id);
  return user;
}
`,
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
              output: `
async function show(users, audit, id) {
  const [user] = await Promise.all([users.findById(id), audit.record('view', id)]);
  return user;
}
`,
            },
          ],
        },
      ],
    },
    // A bare await first: a hole in the pattern.
    {
      code: `
async function show(users, audit, id) {
  await audit.record('view', id);
  const user = await users.findById(id);
  return user;
}
`,
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
              output: `
async function show(users, audit, id) {
  const [, user] = await Promise.all([audit.record('view', id), users.findById(id)]);
  return user;
}
`,
            },
          ],
        },
      ],
    },
    // Without semicolons, an assignment pattern after an expression statement gets a leading semicolon.
    {
      code: `
async function load(id) {
  let user, stats
  log(id)
  user = await getUser(id)
  stats = await getStats(id)
  return { user, stats }
}
`,
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
              output: `
async function load(id) {
  let user, stats
  log(id)
  ;[user, stats] = await Promise.all([getUser(id), getStats(id)])
  return { user, stats }
}
`,
            },
          ],
        },
      ],
    },
    // Declarations and assignments do not mix in one pattern: reported without a suggestion.
    {
      code: `
async function load(id) {
  let stats;
  const user = await getUser(id);
  stats = await getStats(id);
  return { user, stats };
}
`,
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
      code: `
interface User { id: string }
interface Feed { items: string[] }
export async function load(api: { get<T>(path: string): Promise<T> }): Promise<[User, Feed]> {
  let user: User;
  let feed: Feed;
  user = await api.get<User>('/me');
  feed = await api.get<Feed>('/feed');
  return [user, feed];
}
`,
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
              output: `
interface User { id: string }
interface Feed { items: string[] }
export async function load(api: { get<T>(path: string): Promise<T> }): Promise<[User, Feed]> {
  let user: User;
  let feed: Feed;
  [user, feed] = await Promise.all([api.get<User>('/me'), api.get<Feed>('/feed')]);
  return [user, feed];
}
`,
            },
          ],
        },
      ],
    },
  ],
});
