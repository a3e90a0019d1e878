import rule from '../../src/rules/require-pool-limits.js';
import { createRuleTester, fixtureFile } from '../RuleTester.js';

/** Files of packages that depend on Mongoose 5, Mongoose 8 and the MongoDB driver 3. */
const mongoose5 = fixtureFile('mongoose-5', 'src', 'db.js');
const mongoose8 = fixtureFile('mongoose-8', 'src', 'db.js');
const mongodb3 = fixtureFile('mongodb-3', 'src', 'db.js');

createRuleTester().run('require-pool-limits', rule, {
  valid: [
    {
      name: 'const pool = new Pool({ max: 20, connectionTimeoutMillis: 2000, idleTimeoutMi…',
      code: `
const { Pool } = require('pg');
const pool = new Pool({ max: 20, connectionTimeoutMillis: 2000, idleTimeoutMillis: 30000 });
`,
    },
    {
      name: 'export const pool = mysql.createPool(options);',
      code: `
import mysql from 'mysql2/promise';
const options = { host: 'db', connectionLimit: 10, queueLimit: 100 };
export const pool = mysql.createPool(options);
`,
    },
    {
      name: 'export const client = new MongoClient(process.env.MONGO_URL, { maxPoolSize: 2…',
      code: `
import { MongoClient } from 'mongodb';
export const client = new MongoClient(process.env.MONGO_URL, { maxPoolSize: 20, serverSelectionTimeoutMS: 5000 });
`,
    },
    {
      name: 'Limits in the connection string',
      code: `
import mongoose from 'mongoose';
await mongoose.connect('mongodb://db/shop?maxPoolSize=20&serverSelectionTimeoutMS=5000');
`,
    },
    {
      name: 'A connection string the file cannot see may carry the limits',
      code: `
import mongoose from 'mongoose';
await mongoose.connect(process.env.MONGO_URL);
`,
    },
    {
      name: 'Config the file cannot see, or a spread that may set the limits',
      code: `
import pg from 'pg';
import config from './config.js';
export const pool = new pg.Pool(config.database);
`,
    },
    {
      name: 'export const pool = new pg.Pool({ ...config.database, max: 5 });',
      code: `
import pg from 'pg';
import config from './config.js';
export const pool = new pg.Pool({ ...config.database, max: 5 });
`,
    },
    {
      name: 'Single connections and other libraries are not pools',
      code: `
const { Client } = require('pg');
const client = new Client();
const { Pool } = require('./my-pool');
const pool = new Pool();
`,
    },
    // Mongoose 5 sizes its pool with `poolSize` (the project depends on Mongoose 5).
    {
      code: `import mongoose from 'mongoose';
mongoose.connect('mongodb://db/shop', { poolSize: 20, serverSelectionTimeoutMS: 5000 });`,
      filename: mongoose5,
    },
    // The MongoDB driver 3 too.
    {
      code: `import { MongoClient } from 'mongodb';
export const client = new MongoClient('mongodb://db/shop', { poolSize: 20, serverSelectionTimeoutMS: 5000 });`,
      filename: mongodb3,
    },
  ],
  invalid: [
    {
      name: 'const pool = new Pool();',
      code: `
const { Pool } = require('pg');
const pool = new Pool();
`,
      errors: [{ messageId: 'missingPoolLimits', line: 3, column: 14, endLine: 3, endColumn: 24 }],
    },
    {
      name: 'export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL,…',
      code: `
import pg from 'pg';
export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
`,
      errors: [{ messageId: 'missingPoolLimits', line: 3, column: 21, endLine: 3, endColumn: 89 }],
    },
    {
      name: "const pool = mysql.createPool({ host: 'db', connectionLimit: 10 });",
      code: `
const mysql = require('mysql2');
const pool = mysql.createPool({ host: 'db', connectionLimit: 10 });
`,
      errors: [{ messageId: 'missingPoolLimits', line: 3, column: 14, endLine: 3, endColumn: 67 }],
    },
    {
      name: "export const client = new MongoClient('mongodb://db/shop?maxPoolSize=20');",
      code: `
import { MongoClient } from 'mongodb';
export const client = new MongoClient('mongodb://db/shop?maxPoolSize=20');
`,
      errors: [{ messageId: 'missingPoolLimits', line: 3, column: 23, endLine: 3, endColumn: 74 }],
    },
    {
      name: 'await mongoose.connect(process.env.MONGO_URL, { maxPoolSize: 10 });',
      code: `
import mongoose from 'mongoose';
await mongoose.connect(process.env.MONGO_URL, { maxPoolSize: 10 });
`,
      errors: [{ messageId: 'missingPoolLimits', line: 3, column: 7, endLine: 3, endColumn: 67 }],
    },
    // Mongoose 5 without a pool size: the advice names `poolSize`.
    {
      code: `import mongoose from 'mongoose';
mongoose.connect('mongodb://db/shop', { serverSelectionTimeoutMS: 5000 });`,
      filename: mongoose5,
      errors: [
        {
          messageId: 'missingPoolLimits',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 74,
        },
      ],
    },
    // Mongoose 6 and later ignore `poolSize`: the advice names `maxPoolSize`.
    {
      code: `import mongoose from 'mongoose';
mongoose.connect('mongodb://db/shop', { poolSize: 20, serverSelectionTimeoutMS: 5000 });`,
      filename: mongoose8,
      errors: [
        {
          messageId: 'missingPoolLimits',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 88,
        },
      ],
    },
  ],
});
