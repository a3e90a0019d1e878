import { describe, expect, it } from 'vitest';
import { contextsIn, writeProject } from './project.js';

const ONCE =
  'startup: runs once (per process, or per key of a kept cache): a lazy initialisation whose value later calls reuse';

describe('project graph: code behind a cache', () => {
  it('treats the factory of a read-through cache with a fixed key as run once per miss', () => {
    const root = writeProject({
      'server.js': `
const express = require('express');
const { createCache } = require('./cache');
const app = express();
const config = createCache();
class Roles {
  constructor(db) {
    this.db = db;
    this.key = 'roles.all';
    this.cache = createCache();
  }
  async all() {
    const json = await this.cache.get(this.key, async () => {
      const rows = await this.db.roles();
      return JSON.stringify(rows);
    });
    return JSON.parse(json);
  }
  async one(id) {
    const json = await this.cache.get('role:' + id, async () => JSON.stringify(await this.db.role(id)));
    return JSON.parse(json);
  }
}
const roles = new Roles(db);
app.get('/roles', async (req, res) => res.json(await roles.all()));
app.get('/roles/:id', async (req, res) => res.json(await roles.one(req.params.id)));
app.get('/config', async (req, res) => {
  res.send(await config.wrap('settings', () => fs.readFileSync('settings.json', 'utf8')));
});
app.get('/plain', () => fs.readFileSync('plain.txt', 'utf8'));
app.listen(3000);
`,
    });
    expect(
      contextsIn(root, 'server.js', [
        'JSON.stringify(rows)',
        'JSON.stringify(await this.db.role(id))',
        "fs.readFileSync('settings.json'",
        "fs.readFileSync('plain.txt'",
      ]),
    ).toEqual({
      'JSON.stringify(rows)': ONCE,
      // One entry per id: the factory runs for every new id.
      'JSON.stringify(await this.db.role(id))': 'request: called from Express route handler `GET /roles/:id`',
      "fs.readFileSync('settings.json'": ONCE,
      // A route handler without parameters is no cache factory.
      "fs.readFileSync('plain.txt'": 'request: Express route handler `GET /plain`',
    });
  });

  it('treats code after an early return of a kept value that a helper of the file sets as run once', () => {
    const root = writeProject({
      'server.js': `
const express = require('express');
const fs = require('fs');
const app = express();
const cache = {};
function remember(value) {
  cache.outdated = value;
}
async function outdated() {
  if (cache.outdated !== undefined) {
    return cache.outdated;
  }
  const list = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  await check(list).then(() => remember(false)).catch(() => remember(true));
  setTimeout(() => { delete cache.outdated; }, 900000);
  return cache.outdated;
}
async function uncached() {
  if (cache.latest !== undefined) {
    return cache.latest;
  }
  const list = JSON.parse(fs.readFileSync('latest.json', 'utf8'));
  await check(list).then(() => remember(false));
  return list;
}
app.get('/outdated', async (req, res) => res.json([await outdated(), await uncached()]));
app.listen(3000);
`,
    });
    expect(contextsIn(root, 'server.js', ["fs.readFileSync('package.json'", "fs.readFileSync('latest.json'"])).toEqual({
      "fs.readFileSync('package.json'": ONCE,
      // `remember` sets another key: nothing keeps what this one reads.
      "fs.readFileSync('latest.json'": 'request: called from Express route handler `GET /outdated`',
    });
  });

  it('treats the refresh of a singleton field checked for freshness as run once per change', () => {
    const root = writeProject({
      'gateway.js': `
const express = require('express');
const fs = require('fs');
class Gateway {
  static getInstance() {
    if (!Gateway.instance) {
      Gateway.instance = new Gateway();
    }
    return Gateway.instance;
  }
  template() {
    const stat = fs.statSync('index.html');
    if (this.cached && this.cached.mtimeMs === stat.mtimeMs) {
      return this.cached.html;
    }
    const html = fs.readFileSync('index.html', 'utf8');
    this.cached = { mtimeMs: stat.mtimeMs, html };
    return html;
  }
}
class Page {
  render() {
    if (this.cached && this.cached.lang === 'en') {
      return this.cached.html;
    }
    const html = fs.readFileSync('page.html', 'utf8');
    this.cached = { lang: 'en', html };
    return html;
  }
}
const app = express();
app.get('/', (req, res) => res.send(Gateway.getInstance().template()));
app.get('/page', (req, res) => res.send(new Page().render()));
app.listen(3000);
`,
    });
    expect(
      contextsIn(root, 'gateway.js', [
        "fs.statSync('index.html')",
        "fs.readFileSync('index.html'",
        "fs.readFileSync('page.html'",
      ]),
    ).toEqual({
      "fs.statSync('index.html')": 'request: called from Express route handler `GET /`',
      "fs.readFileSync('index.html'": ONCE,
      // A new instance per request: its field lives as long as the request.
      "fs.readFileSync('page.html'": 'request: called from Express route handler `GET /page`',
    });
  });
});
