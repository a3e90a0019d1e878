import { describe, expect, it } from 'vitest';
import { contextsIn, writeProject } from './project.js';

const UNKNOWN = 'unknown: not reached from a handler or from start-up code';

describe('project graph: property reads passed as arguments', () => {
  it('does not take a property read handed to a function for a method of that name', () => {
    const root = writeProject({
      'src/loader.js': `
const fs = require('fs');
const Loader = {};
Loader.stop = function () {
  fs.unlinkSync('pidfile');
};
module.exports = Loader;
`,
      'src/app.js': `
const fs = require('fs');
class App {
  async config() {
    fs.existsSync('node_modules/app');
  }
}
module.exports = { App };
`,
      'src/routes.js': `
const express = require('express');
const store = require('./store');
const app = express();
function slice(items, stop) { return items.slice(0, stop); }
function safe(config) { return { ...config, secret: undefined }; }
app.get('/feed', (req, res) => {
  res.json(slice(req.query.items, req.query.stop));
});
app.get('/methods', async (req, res) => {
  const method = await store.find(req.query.id);
  res.json(safe(method.config));
});
`,
      'src/store.js': `
exports.find = async (id) => ({ id, config: {} });
`,
    });
    expect(contextsIn(root, 'src/loader.js', ["fs.unlinkSync('pidfile')"])).toEqual({
      "fs.unlinkSync('pidfile')": UNKNOWN,
    });
    expect(contextsIn(root, 'src/app.js', ["fs.existsSync('node_modules/app')"])).toEqual({
      "fs.existsSync('node_modules/app')": UNKNOWN,
    });
  });

  it('still follows a method passed as a callback on a receiver the model knows', () => {
    const root = writeProject({
      'src/handlers.js': `
const fs = require('fs');
exports.format = (row) => fs.readFileSync(row.path, 'utf8');
`,
      'src/routes.js': `
const express = require('express');
const handlers = require('./handlers');
const app = express();
function each(rows, fn) { return rows.map((row) => fn(row)); }
app.get('/rows', (req, res) => {
  res.json(each(req.body.rows, handlers.format));
});
`,
    });
    expect(contextsIn(root, 'src/handlers.js', ['fs.readFileSync'])).toEqual({
      'fs.readFileSync': 'request: called from Express route handler `GET /rows` (src/routes.js)',
    });
  });
});

describe('project graph: handlers recognised by their parameters', () => {
  const files = {
    'src/registry.js': `
class Registry {
  rules = [];
  register(when, run) {
    this.rules.push({ when, run });
  }
  async run(ctx) {
    for (const rule of this.rules) {
      if (await rule.when(ctx)) return rule.run(ctx);
    }
  }
}
module.exports = { Registry };
`,
    'src/gateway.js': `
const fs = require('fs');
class Gateway {
  async run(options) {
    await this.watch(options.file);
  }
  async watch(file) {
    if (!fs.existsSync(file)) await fs.promises.writeFile(file, '');
  }
}
module.exports = { Gateway };
`,
  };

  it('do not reach a method of another class through a call by its name alone', () => {
    const root = writeProject(files);
    expect(contextsIn(root, 'src/gateway.js', ['fs.existsSync', 'this.watch'])).toEqual({
      'fs.existsSync': UNKNOWN,
      'this.watch': UNKNOWN,
    });
    expect(contextsIn(root, 'src/registry.js', ['rule.when'])).toEqual({
      'rule.when':
        "request: `Registry.run` has a request handler's parameters and is exported (its registration is not " +
        'visible)',
    });
  });

  it('still reach what they call by name when the handler is registered', () => {
    const root = writeProject({
      ...files,
      'src/server.js': `
const Koa = require('koa');
const { Registry } = require('./registry');
const app = new Koa();
const registry = new Registry();
app.use((ctx) => registry.run(ctx));
`,
    });
    expect(contextsIn(root, 'src/gateway.js', ['fs.existsSync'])).toEqual({
      'fs.existsSync': 'request: called from `Gateway.run`, on the path of Koa middleware (src/server.js)',
    });
  });
});

describe('project graph: development tooling', () => {
  const devServer = `
const fs = require('fs');
module.exports = function (app) {
  app.get('/', (req, res) => {
    res.send(fs.readFileSync('index.html', 'utf8'));
  });
};
`;

  it('takes a module required only under a development guard for development tooling', () => {
    const root = writeProject({
      'src/server.js': `
const express = require('express');
const fs = require('fs');
module.exports = function start(options = { dev: false }) {
  const app = express();
  if (options.dev) {
    require('./dev-server')(app);
  }
  if (process.env.NODE_ENV === 'development' && options.verbose) require('./dev-logger')(app);
  app.get('/health', (req, res) => res.send(fs.readFileSync('health.txt')));
  app.listen(3000);
};
`,
      'src/dev-server.js': devServer,
      'src/dev-logger.js': `
const fs = require('fs');
module.exports = (app) => app.use((req, res, next) => { fs.appendFileSync('log.txt', req.url); next(); });
`,
    });
    expect(contextsIn(root, 'src/dev-server.js', ['fs.readFileSync'])).toEqual({
      'fs.readFileSync': 'startup: development tooling: loaded only under a development guard (src/server.js)',
    });
    expect(contextsIn(root, 'src/dev-logger.js', ['fs.appendFileSync'])).toEqual({
      'fs.appendFileSync': 'startup: development tooling: loaded only under a development guard (src/server.js)',
    });
    expect(contextsIn(root, 'src/server.js', ["fs.readFileSync('health.txt')"])).toEqual({
      "fs.readFileSync('health.txt')": 'request: Express route handler `GET /health`',
    });
  });

  it('keeps a module that is also loaded without a guard, or under another condition, on the request path', () => {
    const root = writeProject({
      'src/server.js': `
const express = require('express');
module.exports = function start(options) {
  const app = express();
  if (options.dev) require('./dev-server')(app);
  if (options.production) require('./prod-server')(app);
  app.listen(3000);
};
`,
      'src/other.js': `
const express = require('express');
const app = express();
require('./dev-server')(app);
app.listen(3001);
`,
      'src/dev-server.js': devServer,
      'src/prod-server.js': devServer,
    });
    expect(contextsIn(root, 'src/dev-server.js', ['fs.readFileSync'])).toEqual({
      'fs.readFileSync': 'request: route handler `GET /`',
    });
    expect(contextsIn(root, 'src/prod-server.js', ['fs.readFileSync'])).toEqual({
      'fs.readFileSync': 'request: route handler `GET /`',
    });
  });
});
