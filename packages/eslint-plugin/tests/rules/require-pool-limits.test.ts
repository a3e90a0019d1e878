import rule from '../../src/rules/require-pool-limits.js';
import { createRuleTester } from '../RuleTester.js';

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
  ],
});
