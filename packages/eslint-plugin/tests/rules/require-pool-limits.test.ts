import rule from '../../src/rules/require-pool-limits.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuleTester } from '../RuleTester.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
/** Files of packages that depend on Mongoose 5, Mongoose 8 and the MongoDB driver 3. */
const mongoose5 = path.join(fixtures, 'mongoose-5', 'src', 'db.js');
const mongoose8 = path.join(fixtures, 'mongoose-8', 'src', 'db.js');
const mongodb3 = path.join(fixtures, 'mongodb-3', 'src', 'db.js');

createRuleTester().run('require-pool-limits', rule, {
  valid: [
    {
      code: "const { Pool } = require('pg');\nconst pool = new Pool({ max: 20, connectionTimeoutMillis: 2000, idleTimeoutMillis: 30000 });",
    },
    {
      code: "import mysql from 'mysql2/promise';\nconst options = { host: 'db', connectionLimit: 10, queueLimit: 100 };\nexport const pool = mysql.createPool(options);",
    },
    {
      code: "import { MongoClient } from 'mongodb';\nexport const client = new MongoClient(process.env.MONGO_URL, { maxPoolSize: 20, serverSelectionTimeoutMS: 5000 });",
    },
    // Limits in the connection string.
    {
      code: "import mongoose from 'mongoose';\nawait mongoose.connect('mongodb://db/shop?maxPoolSize=20&serverSelectionTimeoutMS=5000');",
    },
    // A connection string the file cannot see may carry the limits.
    { code: "import mongoose from 'mongoose';\nawait mongoose.connect(process.env.MONGO_URL);" },
    // Config the file cannot see, or a spread that may set the limits.
    {
      code: "import pg from 'pg';\nimport config from './config.js';\nexport const pool = new pg.Pool(config.database);",
    },
    {
      code: "import pg from 'pg';\nimport config from './config.js';\nexport const pool = new pg.Pool({ ...config.database, max: 5 });",
    },
    // Single connections and other libraries are not pools.
    {
      code: "const { Client } = require('pg');\nconst client = new Client();\nconst { Pool } = require('./my-pool');\nconst pool = new Pool();",
    },
    // Mongoose 5 sizes its pool with `poolSize` (the project depends on Mongoose 5).
    {
      code: "import mongoose from 'mongoose';\nmongoose.connect('mongodb://db/shop', { poolSize: 20, serverSelectionTimeoutMS: 5000 });",
      filename: mongoose5,
    },
    // The MongoDB driver 3 too.
    {
      code: "import { MongoClient } from 'mongodb';\nexport const client = new MongoClient('mongodb://db/shop', { poolSize: 20, serverSelectionTimeoutMS: 5000 });",
      filename: mongodb3,
    },
  ],
  invalid: [
    {
      code: "const { Pool } = require('pg');\nconst pool = new Pool();",
      errors: [{ messageId: 'missingPoolLimits', line: 2, column: 14, endLine: 2, endColumn: 24 }],
    },
    {
      code: "import pg from 'pg';\nexport const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });",
      errors: [{ messageId: 'missingPoolLimits', line: 2, column: 21, endLine: 2, endColumn: 89 }],
    },
    {
      code: "const mysql = require('mysql2');\nconst pool = mysql.createPool({ host: 'db', connectionLimit: 10 });",
      errors: [{ messageId: 'missingPoolLimits', line: 2, column: 14, endLine: 2, endColumn: 67 }],
    },
    {
      code: "import { MongoClient } from 'mongodb';\nexport const client = new MongoClient('mongodb://db/shop?maxPoolSize=20');",
      errors: [{ messageId: 'missingPoolLimits', line: 2, column: 23, endLine: 2, endColumn: 74 }],
    },
    {
      code: "import mongoose from 'mongoose';\nawait mongoose.connect(process.env.MONGO_URL, { maxPoolSize: 10 });",
      errors: [{ messageId: 'missingPoolLimits', line: 2, column: 7, endLine: 2, endColumn: 67 }],
    },
    // Mongoose 5 without a pool size: the advice names `poolSize`.
    {
      code: "import mongoose from 'mongoose';\nmongoose.connect('mongodb://db/shop', { serverSelectionTimeoutMS: 5000 });",
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
      code: "import mongoose from 'mongoose';\nmongoose.connect('mongodb://db/shop', { poolSize: 20, serverSelectionTimeoutMS: 5000 });",
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
