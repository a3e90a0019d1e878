import rule from '../../src/rules/no-quadratic-lookup.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-quadratic-lookup', rule, {
  valid: [
    // lodash/fp's searches (data last, or curried), a search without its second argument or with a spread one: not
    // read.
    `
import fp from 'lodash/fp';
import _ from 'lodash';
export function pick(orders, ids, args, tagId) {
  return orders.filter(
    (order) => fp.includes(order.id)(ids) || fp.includes(tagId, order.tags) || _.includes(ids) || _.includes(...args),
  );
}
`,
    // lodash: a list written in the code, a key that does not change per item, and a local object named like lodash.
    `
import _ from 'lodash';
export function tagged(posts, wanted) {
  return _.filter(posts, (post) => _.includes(['news', 'blog'], post.kind) && _.find(wanted, { id: 1 }));
}
`,
    `
const _ = { includes: (list, value) => list.includes(value), filter: (list, fn) => list.filter(fn) };
export function tagged(posts, wanted) {
  return _.filter(posts, (post) => _.includes(wanted, post.tag));
}
`,
    // Already indexed with a Map.
    `
async function batch(ids) {
  const rows = await load(ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id));
}
`,
    // A list derived from a constant of the code (the keys of a constant object, filtered): a fixed size.
    `
const FIELDS = { _id: { write: false }, _rperm: { write: true }, _wperm: { write: true }, _tombstone: { write: true } };
const WRITABLE = Object.keys(FIELDS).filter((key) => FIELDS[key].write);
export function writable(update) {
  return Object.keys(update).filter((key) => WRITABLE.includes(key));
}
`,
    // A small constant list.
    `
const ROLES = ['admin', 'owner', 'editor'];
function admins(users) {
  return users.filter((user) => ROLES.includes(user.role));
}
`,
    // A longer list written out in the code: each scan has a fixed cost, so the filter stays linear.
    `
const excludes = [
  'external-db-data-source',
  '@app/plugin-audit-logs',
  '@app/plugin-backup-restore',
  '@app/plugin-charts',
  '@app/plugin-disable-pm-add',
  '@app/plugin-mobile-client',
  '@app/plugin-mock-collections',
  '@app/plugin-multi-app-share-collection',
  '@app/plugin-notifications',
  '@app/plugin-snapshot-field',
  '@app/plugin-workflow-test',
];
async function findPackageNames() {
  const packages = await discoverPluginPackages();
  return packages.filter((pkg) => !excludes.includes(pkg.packageName)).map((pkg) => pkg.packageName);
}
`,
    // indexOf of a short literal, and of the item's own list.
    `
function visible(users, tag) {
  return users.filter((user) => ['admin', 'owner'].indexOf(user.role) !== -1 && user.tags.indexOf(tag) !== -1);
}
`,
    // The searched list depends on the item (each user's own tags).
    `
function tagged(users, tag) {
  return users.filter((user) => user.tags.includes(tag));
}
`,
    // A string search, not a key match.
    `
function matching(users, query) {
  return users.filter((user) => user.name.includes(query));
}
`,
    // The key does not come from the outer item.
    `
function check(rows, items, id) {
  return items.map((item) => rows.find((r) => r.id === id));
}
`,
    // A fixed outer list.
    `
function pick(rows) {
  return ['a', 'b'].map((key) => rows.find((r) => r.key === key));
}
`,
    // Not an equality match.
    `
function firstAfter(events, marks) {
  return marks.map((mark) => events.find((e) => e.at > mark.at));
}
`,
    // Start-up code at module level.
    `
const rows = require('./rows.json');
const ids = require('./ids.json');
module.exports = ids.map((id) => rows.find((r) => r.id === id));
`,
  ],
  invalid: [
    {
      // lodash/fp's iteratee comes first and its list last: a search inside it scans once per element of that list.
      code: `
import fp from 'lodash/fp';
export function known(orders, ids) {
  return fp.filter((order) => ids.includes(order.id), orders);
}
`,
      errors: [
        {
          messageId: 'quadraticLookup',
          data: { receiver: 'ids', method: 'includes', iteration: 'the iteratee of `_.filter(orders, …)`' },
          line: 4,
          column: 31,
          endLine: 4,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'useSetLookup',
              data: { name: 'idsSet', key: '' },
              output: `
import fp from 'lodash/fp';
export function known(orders, ids) {
  const idsSet = new Set(ids);
  return fp.filter((order) => idsSet.has(order.id), orders);
}
`,
            },
          ],
        },
      ],
    },
    {
      // Underscore's names, compiled imports, the `matchesProperty` shorthand, an intersection written either way
      // round, and the de-duplication idiom through lodash's iteratee (the list is its third parameter).
      code: `
const _ = require('underscore');
const lodash_1 = require('lodash');
function match(orders, ids, users, rows) {
  return orders.filter((o) =>
    _.contains(ids, o.id) &&
    _.detect(users, { id: o.userId }) &&
    (0, lodash_1.includes)(ids, o.parentId) &&
    lodash_1.find(rows, ['id', o.rowId]) &&
    lodash_1.intersection([o.id], ids).length > 0,
  );
}
function unique(uids) {
  return lodash_1.filter(uids, (uid, index, array) => lodash_1.indexOf(array, uid) === index);
}
module.exports = { match, unique };
`,
      errors: [
        {
          messageId: 'quadraticLookupCall',
          data: { callee: '_.contains', receiver: 'ids', iteration: 'the `orders.filter()` callback' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 26,
        },
        {
          messageId: 'quadraticLookupCall',
          data: { callee: '_.detect', receiver: 'users', iteration: 'the `orders.filter()` callback' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 38,
        },
        {
          messageId: 'quadraticLookupCall',
          data: { callee: '_.includes', receiver: 'ids', iteration: 'the `orders.filter()` callback' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 44,
        },
        {
          messageId: 'quadraticLookupCall',
          data: { callee: '_.find', receiver: 'rows', iteration: 'the `orders.filter()` callback' },
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 41,
        },
        {
          messageId: 'quadraticLookupCall',
          data: { callee: '_.intersection', receiver: 'ids', iteration: 'the `orders.filter()` callback' },
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 39,
        },
        {
          messageId: 'quadraticLookupCall',
          data: { callee: '_.indexOf', receiver: 'array', iteration: 'the iteratee of `_.filter(uids, …)`' },
          line: 14,
          column: 55,
          endLine: 14,
          endColumn: 83,
        },
      ],
    },
    {
      // lodash's searches inside lodash's iteratees and a loop: a value, a matches shorthand, a predicate, and the
      // other list of an intersection (through `lodash-es` and a per-function module).
      code: `
import _ from 'lodash-es';
const includes = require('lodash/includes');
export function gridFsBuckets(cols, authors, relations, posts) {
  const buckets = _.filter(cols, (col) => _.intersection(cols, [col + '.chunks']).length > 0);
  const named = authors.filter((author) => includes(names, author.name));
  for (const relation of relations) {
    link(_.find(posts, { id: relation.postId }), _.some(posts, (post) => post.slug === relation.slug));
  }
  return { buckets, named };
}
`,
      errors: [
        {
          messageId: 'quadraticLookupCall',
          data: {
            callee: '_.intersection',
            receiver: 'cols',
            iteration: 'the iteratee of `_.filter(cols, …)`',
          },
          line: 5,
          column: 43,
          endLine: 5,
          endColumn: 82,
        },
        {
          messageId: 'quadraticLookupCall',
          data: {
            callee: '_.includes',
            receiver: 'names',
            iteration: 'the `authors.filter()` callback',
          },
          line: 6,
          column: 44,
          endLine: 6,
          endColumn: 72,
        },
        {
          messageId: 'quadraticLookupCall',
          data: { callee: '_.find', receiver: 'posts', iteration: 'this `for...of` loop' },
          line: 8,
          column: 10,
          endLine: 8,
          endColumn: 48,
        },
        {
          messageId: 'quadraticLookupCall',
          data: { callee: '_.some', receiver: 'posts', iteration: 'this `for...of` loop' },
          line: 8,
          column: 50,
          endLine: 8,
          endColumn: 102,
        },
      ],
    },
    {
      // The same de-duplication through reduce, whose callback gets the array fourth.
      code: `
function uniqueIds(ids) {
  return ids.reduce(function (memo, id, idx, arr) {
    if (idx === arr.indexOf(id)) memo.push(id);
    return memo;
  }, []);
}
`,
      errors: [{ messageId: 'quadraticLookup', line: 4, column: 17, endLine: 4, endColumn: 32, suggestions: [] }],
    },
    {
      // indexOf searches the other list once per item, like includes; the de-duplication idiom searches the list
      // being filtered (the callback's third parameter) once per item.
      code: `
function incompatible(all, compatibleNames) {
  return all.filter(function (plugin) {
    return compatibleNames.indexOf(plugin.name) === -1;
  });
}
function unique(uids) {
  return uids.filter(function (uid, index, array) {
    return array.indexOf(uid) === index;
  });
}
`,
      errors: [
        { messageId: 'quadraticLookup', line: 4, column: 12, endLine: 4, endColumn: 48, suggestions: [] },
        { messageId: 'quadraticLookup', line: 9, column: 12, endLine: 9, endColumn: 30, suggestions: [] },
      ],
    },
    {
      // A list that starts as a literal but grows at run time is data.
      code: `
const seen = ['root'];
function remember(users) {
  for (const user of users) seen.push(user.id);
  return users.filter((user) => seen.includes(user.managerId));
}
`,
      errors: [
        {
          messageId: 'quadraticLookup',
          line: 5,
          column: 33,
          endLine: 5,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'useSetLookup',
              output: `
const seen = ['root'];
function remember(users) {
  for (const user of users) seen.push(user.id);
  const seenSet = new Set(seen);
  return users.filter((user) => seenSet.has(user.managerId));
}
`,
            },
          ],
        },
      ],
    },
    {
      // The DataLoader batch-function reassembly.
      code: `
async function batchUsers(ids) {
  const rows = await db.users(ids);
  return ids.map((id) => rows.find((r) => r.id === id));
}
`,
      filename: 'users.js',
      errors: [
        {
          messageId: 'quadraticLookup',
          line: 4,
          column: 26,
          endLine: 4,
          endColumn: 55,
          suggestions: [
            {
              messageId: 'useMapLookup',
              output: `
async function batchUsers(ids) {
  const rows = await db.users(ids);
  const rowsById = new Map(rows.map((r) => [r.id, r]).reverse());
  return ids.map((id) => rowsById.get(id));
}
`,
            },
          ],
        },
      ],
    },
    {
      // TypeScript: the tuple needs \`as const\`; the key on the left.
      code: `
export function attach(orders: Order[], users: User[]) {
  for (const order of orders) {
    order.user = users.find((u) => order.userId === u.id);
  }
}
`,
      filename: 'orders.ts',
      errors: [
        {
          messageId: 'quadraticLookup',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 58,
          suggestions: [
            {
              messageId: 'useMapLookup',
              output: `
export function attach(orders: Order[], users: User[]) {
  const usersById = new Map(users.map((u) => [u.id, u] as const).reverse());
  for (const order of orders) {
    order.user = usersById.get(order.userId);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // includes over another list: a Set.
      code: `
function active(users, activeIds) {
  return users.filter((user) => activeIds.includes(user.id));
}
`,
      errors: [
        {
          messageId: 'quadraticLookup',
          line: 3,
          column: 33,
          endLine: 3,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'useSetLookup',
              output: `
function active(users, activeIds) {
  const activeIdsSet = new Set(activeIds);
  return users.filter((user) => activeIdsSet.has(user.id));
}
`,
            },
          ],
        },
      ],
    },
    {
      // some with a key match: a Set of keys.
      code: `
function missing(ids, rows) {
  return ids.filter((id) => !rows.some((row) => row.id === id));
}
`,
      errors: [
        {
          messageId: 'quadraticLookup',
          line: 3,
          column: 30,
          endLine: 3,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'useSetLookup',
              output: `
function missing(ids, rows) {
  const rowsIdSet = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !rowsIdSet.has(id));
}
`,
            },
          ],
        },
      ],
    },
    {
      // filter and findIndex by key: reported without a suggestion.
      code: `
function group(users, posts) {
  return users.map((user) => ({ user, posts: posts.filter((p) => p.authorId === user.id) }));
}
`,
      errors: [{ messageId: 'quadraticLookup', line: 3, column: 46, endLine: 3, endColumn: 89, suggestions: [] }],
    },
  ],
});
