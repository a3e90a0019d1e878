import rule from '../../src/rules/no-shared-dataloader.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-shared-dataloader', rule, {
  valid: [
    // A factory called per request.
    `
import DataLoader from 'dataloader';
export function createLoaders(db) {
  return { user: new DataLoader((ids) => db.users(ids)) };
}
`,
    // Loaders made in the per-request context function.
    `
const DataLoader = require('dataloader');
const server = { context: ({ req }) => ({ loaders: { user: new DataLoader(batchUsers) } }) };
`,
    // A module-scope loader without a cache only batches.
    `
import DataLoader from 'dataloader';
export const userLoader = new DataLoader(batchUsers, { cache: false });
`,
    // A local class of the same name.
    `
class DataLoader { constructor(fn) { this.fn = fn; } }
export const userLoader = new DataLoader(batchUsers);
`,
    // A request-scoped NestJS provider.
    `
import { Injectable, Scope } from '@nestjs/common';
import DataLoader from 'dataloader';
@Injectable({ scope: Scope.REQUEST })
export class UserLoader {
  loader = new DataLoader(batchUsers);
}
`,
    // A class instantiated per request.
    `
import DataLoader from 'dataloader';
class Loaders { user = new DataLoader(batchUsers); }
export function context() { return { loaders: new Loaders() }; }
`,
  ],
  invalid: [
    {
      code: `
import DataLoader from 'dataloader';
export const userLoader = new DataLoader(batchUsers);
`,
      errors: [
        {
          messageId: 'sharedDataLoader',
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'disableCache',
              output: `
import DataLoader from 'dataloader';
export const userLoader = new DataLoader(batchUsers, { cache: false });
`,
            },
          ],
        },
      ],
    },
    {
      // CommonJS, with options that keep the cache.
      code: `
const Loader = require('dataloader');
const postLoader = new Loader(batchPosts, { maxBatchSize: 100 });
module.exports = { postLoader };
`,
      errors: [
        {
          messageId: 'sharedDataLoader',
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 65,
          suggestions: [
            {
              messageId: 'disableCache',
              output: `
const Loader = require('dataloader');
const postLoader = new Loader(batchPosts, { cache: false, maxBatchSize: 100 });
module.exports = { postLoader };
`,
            },
          ],
        },
      ],
    },
    {
      // A field of a service created once at start-up.
      code: `
import DataLoader from 'dataloader';
class UserService {
  loader = new DataLoader(batchUsers, {});
}
export const users = new UserService();
`,
      errors: [
        {
          messageId: 'sharedDataLoader',
          line: 4,
          column: 12,
          endLine: 4,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'disableCache',
              output: `
import DataLoader from 'dataloader';
class UserService {
  loader = new DataLoader(batchUsers, { cache: false });
}
export const users = new UserService();
`,
            },
          ],
        },
      ],
    },
    {
      // A NestJS provider (a singleton by default), loader made in the constructor.
      code: `
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
@Injectable()
export class PostLoader {
  constructor(private readonly db: Db) {
    this.loader = new DataLoader((ids: readonly string[]) => db.posts(ids));
  }
}
`,
      errors: [
        {
          messageId: 'sharedDataLoader',
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 76,
          suggestions: [
            {
              messageId: 'disableCache',
              output: `
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
@Injectable()
export class PostLoader {
  constructor(private readonly db: Db) {
    this.loader = new DataLoader((ids: readonly string[]) => db.posts(ids), { cache: false });
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // A factory only called at module level is start-up code: the loaders are shared.
      code: `
import DataLoader from 'dataloader';
function createLoaders() {
  return { user: new DataLoader(batchUsers) };
}
export const loaders = createLoaders();
`,
      errors: [
        {
          messageId: 'sharedDataLoader',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'disableCache',
              output: `
import DataLoader from 'dataloader';
function createLoaders() {
  return { user: new DataLoader(batchUsers, { cache: false }) };
}
export const loaders = createLoaders();
`,
            },
          ],
        },
      ],
    },
  ],
});
