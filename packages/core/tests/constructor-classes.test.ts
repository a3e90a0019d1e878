import { describe, expect, it } from 'vitest';
import { findDataAccessCalls } from '../src/index.js';
import { accessesIn, contextsIn, writeProject } from './project.js';

const UNKNOWN = 'unknown: not reached from a handler or from start-up code';

describe('project graph: classes written as constructor functions', () => {
  it("follows a route to the prototype's methods of an instance made in another file, and their fields", () => {
    const root = writeProject({
      'app.js': `
const express = require('express');
const { Pool } = require('pg');
const { Pad } = require('./pad');
const app = express();
const pool = new Pool();
app.post('/pads/:id/copy', async (req, res) => {
  const pad = new Pad(req.params.id, pool);
  await pad.copy(req.body.destination);
  res.end();
});
app.listen(3000);
`,
      'pad.js': `
const Pad = function (id, pool) {
  this.id = id;
  this.pool = pool;
};
exports.Pad = Pad;
Pad.prototype.copy = async function (destination) {
  const rows = await this.keys();
  return rows.length;
};
Pad.prototype.keys = function () {
  return this.pool.query('SELECT * FROM revisions WHERE pad = $1', [this.id]);
};
Pad.prototype.unused = function () {
  return this.pool.query('SELECT 1');
};
`,
    });
    expect(contextsIn(root, 'pad.js', ['rows.length', "this.pool.query('SELECT * FROM", "query('SELECT 1')"])).toEqual({
      'rows.length': 'request: called from Express route handler `POST /pads/:id/copy` (app.js)',
      "this.pool.query('SELECT * FROM":
        'request: called from `Pad.copy`, on the path of Express route handler `POST /pads/:id/copy` (app.js)',
      "query('SELECT 1')": UNKNOWN,
    });
    expect(accessesIn(root, 'pad.js', findDataAccessCalls)).toEqual([
      'project Pad.keys this.keys()',
      "pg query this.pool.query('SELECT * FROM revisions WHERE pad = $1', [this.id])",
      "pg query this.pool.query('SELECT 1')",
    ]);
  });

  it('reads methods of an object assigned to the prototype, `self = this`, statics and util.inherits', () => {
    const root = writeProject({
      'server.js': `
const http = require('http');
const Store = require('./store');
http.createServer((req, res) => {
  Store.open(req.url).save().then(() => res.end());
}).listen(3000);
`,
      'store.js': `
const util = require('util');
const fs = require('fs');
function Base() {
  this.opened = Date.now();
}
Base.prototype.save = function () {
  var self = this;
  return self.write();
};
function Store(name) {
  Base.call(this);
  this.name = name;
}
util.inherits(Store, Base);
Store.prototype = Object.assign(Store.prototype, {});
Object.assign(Store.prototype, {
  write() {
    return fs.writeFileSync(this.name, '');
  },
});
Store.open = function (name) {
  return new Store(name);
};
module.exports = Store;
`,
    });
    expect(
      contextsIn(root, 'store.js', ['self.write()', 'fs.writeFileSync', 'this.name = name', 'Date.now()']),
    ).toEqual({
      'self.write()': 'request: called from http request listener (server.js)',
      'fs.writeFileSync': 'request: called from `Base.save`, on the path of http request listener (server.js)',
      'this.name = name': 'request: called from `open`, on the path of http request listener (server.js)',
      'Date.now()': 'request: called from `Store`, on the path of http request listener (server.js)',
    });
  });

  it("reads TypeScript's ES5 output: a class in an IIFE that extends its parameter, fields set on `_this`", () => {
    const root = writeProject({
      'dist/index.js': `
"use strict";
var express = require("express");
var orders_1 = require("./orders");
var app = express();
var service = new orders_1.OrderService({ pool: new (require("pg").Pool)() });
app.get("/orders", function (req, res) {
  return service.list(req.query.ids).then(function (rows) { return res.json(rows); });
});
app.listen(3000);
`,
      'dist/base.js': `
"use strict";
var BaseService = /** @class */ (function () {
  function BaseService(deps) {
    this.pool = deps.pool;
  }
  BaseService.prototype.byId = function (id) {
    return this.pool.query("SELECT * FROM orders WHERE id = $1", [id]);
  };
  return BaseService;
}());
exports.BaseService = BaseService;
`,
      'dist/orders.js': `
"use strict";
var __extends = (this && this.__extends) || function (d, b) { Object.setPrototypeOf(d, b); };
var base_1 = require("./base");
var OrderService = /** @class */ (function (_super) {
  __extends(OrderService, _super);
  function OrderService(deps) {
    var _this = _super.call(this, deps) || this;
    _this.limit = 10;
    return _this;
  }
  OrderService.prototype.list = function (ids) {
    var _this = this;
    return Promise.all(ids.map(function (id) { return _this.byId(id); }));
  };
  return OrderService;
}(base_1.BaseService));
exports.OrderService = OrderService;
`,
    });
    expect(contextsIn(root, 'dist/base.js', ['this.pool.query'])).toEqual({
      'this.pool.query':
        'request: called from `anonymous function` (dist/orders.js), on the path of Express route handler ' +
        '`GET /orders` (dist/index.js)',
    });
    expect(accessesIn(root, 'dist/base.js', findDataAccessCalls)).toEqual([
      'pg query this.pool.query("SELECT * FROM orders WHERE id = $1", [id])',
    ]);
  });

  it('leaves a function without a prototype of its own a function, and `this` of other functions unknown', () => {
    const root = writeProject({
      'app.js': `
const express = require('express');
const { render, Widget } = require('./widgets');
const app = express();
app.get('/', (req, res) => res.send(render(req.query.name)));
app.listen(3000);
`,
      'widgets.js': `
const fs = require('fs');
function render(name) {
  return fs.readFileSync(name, 'utf8');
}
function Widget() {}
Widget.prototype.draw = function () {
  return fs.readFileSync('widget.html', 'utf8');
};
const helpers = {
  draw() {
    return this.paint();
  },
};
module.exports = { render, Widget, helpers };
`,
    });
    expect(contextsIn(root, 'widgets.js', ["readFileSync(name, 'utf8')", "fs.readFileSync('widget.html'"])).toEqual({
      "readFileSync(name, 'utf8')": 'request: called from Express route handler `GET /` (app.js)',
      "fs.readFileSync('widget.html'": UNKNOWN,
    });
  });

  it('reads a prototype filled by Object.assign or _.extend alone, and async methods compiled for ES5', () => {
    const root = writeProject({
      'app.js': `
const express = require('express');
const { Pool } = require('pg');
const Pad = require('./pad');
const Author = require('./author');
const app = express();
const pool = new Pool();
app.get('/pads/:id', async (req, res) => {
  const pad = new Pad(req.params.id, pool);
  res.json({ keys: await pad.keys(), name: await new Author(pool).name(req.query.author) });
});
app.listen(3000);
`,
      'pad.js': `
const _ = require('lodash');
var Pad = (module.exports = function Pad(id, pool) {
  this.id = id;
  this.pool = pool;
});
_.extend(Pad.prototype, {
  keys() {
    return this.pool.query('SELECT key FROM pads WHERE id = $1', [this.id]);
  },
});
`,
      'author.js': `
"use strict";
var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) { return generator(); };
var __generator = (this && this.__generator) || function (thisArg, body) { return body(); };
var Author = /** @class */ (function () {
  function Author(pool) {
    this.pool = pool;
  }
  Author.prototype.name = function (id) {
    return __awaiter(this, void 0, void 0, function () {
      return __generator(this, function (_a) {
        return [2 /*return*/, this.pool.query("SELECT name FROM authors WHERE id = $1", [id])];
      });
    });
  };
  return Author;
}());
module.exports = Author;
`,
    });
    expect(accessesIn(root, 'pad.js', findDataAccessCalls)).toEqual([
      "pg query this.pool.query('SELECT key FROM pads WHERE id = $1', [this.id])",
    ]);
    expect(accessesIn(root, 'author.js', findDataAccessCalls)).toEqual([
      'pg query this.pool.query("SELECT name FROM authors WHERE id = $1", [id])',
    ]);
  });

  it('keeps what a class written as a constructor function leaves open: mixins, factories, methods named call', () => {
    const root = writeProject({
      'app.js': `
const express = require('express');
const Pad = require('./pad');
const connect = require('./connect');
const users = require('./users');
require('./pad-history')(Pad);
const app = express();
const db = connect(process.env.DATABASE_URL);
const open = (id) => new Pad(id);
app.get('/pads/:id', async (req, res) => {
  const pad = new Pad(req.params.id);
  res.json({ history: pad.history(), archived: open(req.params.id).archived(), rows: await db.query('SELECT 1'), user: await users.get(req.query.user) });
});
app.listen(3000);
`,
      'pad.js': `
function Pad(id) {
  this.id = id;
}
Pad.prototype.toString = function () {
  return this.id;
};
module.exports = Pad;
`,
      'pad-history.js': `
const fs = require('fs');
module.exports = function (Pad) {
  Pad.prototype.history = function () {
    return fs.readdirSync('history/' + this.id);
  };
  Pad.prototype.archived = function () {
    return fs.existsSync('archive/' + this.id);
  };
};
`,
      'connect.js': `
const { Pool } = require('pg');
function connect(url) {
  return new Pool({ connectionString: url });
}
connect.prototype.toString = function () {
  return 'db';
};
module.exports = connect;
`,
      'users.js': `
const fs = require('fs');
function RpcClient() {}
RpcClient.prototype.call = function (method, id) {
  return fs.readFileSync('users/' + id);
};
module.exports = {
  rpc: new RpcClient(),
  get(id) {
    return this.rpc.call('users.get', id);
  },
};
`,
      'admin.js': `
const fs = require('fs');
exports.rpc = function (method, params) {
  return fs.readFileSync('admin/' + method);
};
`,
    });
    expect(contextsIn(root, 'pad-history.js', ['fs.readdirSync', 'fs.existsSync'])).toEqual({
      'fs.readdirSync': 'request: called from Express route handler `GET /pads/:id` (app.js)',
      'fs.existsSync': 'request: called from Express route handler `GET /pads/:id` (app.js)',
    });
    expect(accessesIn(root, 'app.js', findDataAccessCalls)).toEqual(["pg query db.query('SELECT 1')"]);
    // `this.rpc.call(...)` is the client's method `call`, not a call of the project's functions named `rpc`.
    expect(contextsIn(root, 'admin.js', ['fs.readFileSync'])).toEqual({ 'fs.readFileSync': UNKNOWN });
  });

  it('leaves a method named like a built-in one to the platform class an ES2015 class extends', () => {
    const root = writeProject({
      'cache.js': `
const fs = require('fs');
class Cache extends Map {
  lookup(key) {
    return this.get(key);
  }
}
class DiskCache extends Cache {
  get(key) {
    return fs.readFileSync('/var/cache/' + key, 'utf8');
  }
}
module.exports = { Cache, DiskCache };
`,
      'app.js': `
const express = require('express');
const { Cache } = require('./cache');
const cache = new Cache();
const app = express();
app.get('/k', (req, res) => res.json(cache.lookup(req.query.k)));
app.listen(3000);
`,
    });
    expect(contextsIn(root, 'cache.js', ['fs.readFileSync'])).toEqual({ 'fs.readFileSync': UNKNOWN });
  });
});
