import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findDataAccessCalls, findProjectSearches, ProjectGraph, summarizeText } from '../src/index.js';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { eventPattern, matchesEvent } from '../src/request-path/events.js';
import { withSourceCode } from './parse.js';
import { accessesIn, contextsIn, requestDataIn, searchesIn, writeProject } from './project.js';

describe('project graph: handlers registered in other files', () => {
  it('follows an Express route to the controller and the service it calls, across three files', () => {
    const root = writeProject({
      'src/server.js': `
const express = require('express');
const routes = require('./routes');
const app = express();
app.use('/api', routes);
app.listen(3000);
`,
      'src/routes/index.js': `
const { Router } = require('express');
const cart = require('../controllers/cart');
const router = Router();
router.post('/cart', cart.add);
module.exports = router;
`,
      'src/controllers/cart.js': `
const { priceOf } = require('../services/prices');
exports.add = async (req, res) => {
  res.json({ total: priceOf(req.body.sku) });
};
`,
      'src/services/prices.js': `
const fs = require('fs');
function loadTable() { return JSON.parse(fs.readFileSync('prices.json', 'utf8')); }
exports.priceOf = (sku) => loadTable()[sku];
exports.unused = () => fs.readFileSync('other.json');
`,
    });
    expect(
      contextsIn(root, 'src/services/prices.js', [
        "fs.readFileSync('prices.json'",
        'loadTable()[sku]',
        "fs.readFileSync('other.json')",
      ]),
    ).toEqual({
      "fs.readFileSync('prices.json'":
        'request: called from `priceOf`, on the path of `add` (src/controllers/cart.js), Express route handler ' +
        '`POST /cart` (src/routes/index.js)',
      'loadTable()[sku]':
        'request: called from `add` (src/controllers/cart.js), Express route handler `POST /cart` ' +
        '(src/routes/index.js)',
      "fs.readFileSync('other.json')": 'unknown: not reached from a handler or from start-up code',
    });
    expect(contextsIn(root, 'src/controllers/cart.js', ['res.json'])).toEqual({
      'res.json': 'request: Express route handler `POST /cart` (src/routes/index.js)',
    });
  });
});

describe('project graph: compiled modules', () => {
  it("reads SWC's exports helper, one call for all of a module's names, through a folder's index", () => {
    const root = writeProject({
      'dist/server.js': `
"use strict";
const _express = /*#__PURE__*/ _interop_require_default(require("express"));
const _access = require("./auth/access");
function _interop_require_default(obj) { return obj && obj.__esModule ? obj : { default: obj }; }
const app = (0, _express.default)();
app.get('/access', _access.accessHandler);
app.listen(3000);
`,
      'dist/auth/access.js': `
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
Object.defineProperty(exports, "accessHandler", { enumerable: true, get: function() { return accessHandler; } });
const _ = require("../telemetry");
const accessHandler = async (req, res) => {
  (0, _.sendEvent)({ event: 'access' });
  res.json({});
};
`,
      'dist/telemetry/index.js': `
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
function _export(target, all) {
  for (var name in all) Object.defineProperty(target, name, { enumerable: true, get: all[name] });
}
_export(exports, {
  sendEvent: function() {
    return sendEvent;
  },
  projectID: () => projectID
});
const _child_process = require("child_process");
const projectID = () => (0, _child_process.execSync)('git config --get remote.origin.url');
const sendEvent = async (event) => ({ ...event, project: projectID() });
`,
    });
    expect(contextsIn(root, 'dist/telemetry/index.js', ['(0, _child_process.execSync)', 'projectID()'])).toEqual({
      '(0, _child_process.execSync)':
        'request: called from `sendEvent`, on the path of `accessHandler` (dist/auth/access.js), Express route ' +
        'handler `GET /access` (dist/server.js)',
      'projectID()':
        'request: called from `accessHandler` (dist/auth/access.js), Express route handler `GET /access` ' +
        '(dist/server.js)',
    });
  });
});

describe('project graph: failures', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('warns once per project when its graph cannot be built, and judges each file on its own', () => {
    const root = writeProject({
      'src/server.js': `
const express = require('express');
const { list } = require('./items');
const app = express();
app.get('/items', list);
app.get('/other', list);
`,
      'src/items.js': `
const fs = require('fs');
exports.list = (req, res) => res.send(fs.readFileSync('items.json'));
`,
    });
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const join = vi.spyOn(ProjectGraph.prototype as unknown as { join(): void }, 'join');
    join.mockImplementationOnce(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    expect(contextsIn(root, 'src/items.js', ["fs.readFileSync('items.json')"])).toEqual({
      "fs.readFileSync('items.json')": 'unknown: not reached from a handler or from start-up code',
    });
    join.mockImplementationOnce(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    contextsIn(root, 'src/server.js', ['app.get']);
    expect(warn.mock.calls).toEqual([
      [
        `backend-perf: the whole-project model of ${root} could not be built (Maximum call stack size exceeded); ` +
          'each file is judged on its own, so handlers, clients and models of other files are unknown to the rules',
        { code: 'BACKEND_PERF_PROJECT_MODEL' },
      ],
    ]);
  });
});

describe('project graph: registrations', () => {
  it('mounts route modules, route functions and route tables registered in a loop', () => {
    const root = writeProject({
      'server.js': `
const express = require('express');
const app = express();
app.use('/users', require('./routes/users'));
require('./routes/orders')(app);
const table = require('./routes/table');
for (const route of table) app[route.method](route.path, route.handler);
app.listen(3000);
`,
      'routes/users.js': `
const router = require('express').Router();
const users = require('../controllers/users');
router.get('/:id', users.show);
module.exports = router;
`,
      'routes/orders.js': `
const orders = require('../controllers/orders');
module.exports = (app) => {
  app.get('/orders', orders.list);
};
`,
      'routes/table.js': `
const reports = require('../controllers/reports');
module.exports = [{ method: 'get', path: '/reports', handler: reports.daily }];
`,
      'controllers/users.js': `exports.show = async (req, res) => { work('users'); };\n`,
      'controllers/orders.js': `exports.list = async (req, res) => { work('orders'); };\n`,
      'controllers/reports.js': `exports.daily = async (req, res) => { work('reports'); };\n`,
    });
    expect(contextsIn(root, 'controllers/users.js', ["work('users')"])).toEqual({
      "work('users')": 'request: Express route handler `GET /:id` (routes/users.js)',
    });
    expect(contextsIn(root, 'controllers/orders.js', ["work('orders')"])).toEqual({
      "work('orders')": 'request: route handler `GET /orders` (routes/orders.js)',
    });
    expect(contextsIn(root, 'controllers/reports.js', ["work('reports')"])).toEqual({
      "work('reports')": 'request: route handler `GET /reports` (route table) (routes/table.js)',
    });
    expect(contextsIn(root, 'routes/orders.js', ["app.get('/orders'"])).toEqual({
      "app.get('/orders'": 'startup: only called from start-up code',
    });
  });

  it('finds NestJS controllers and the injected services they call (TypeScript)', () => {
    const root = writeProject({
      'src/users/users.controller.ts': `
import { Controller, Get, Param } from '@nestjs/common';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get(':id')
  show(@Param('id') id: string) {
    return this.users.find(id);
  }
}
`,
      'src/users/users.service.ts': `
import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';

@Injectable()
export class UsersService {
  private readonly seed = readFileSync('seed.json', 'utf8');

  constructor() {
    init('constructor');
  }

  find(id: string) {
    return readFileSync(\`users/\${id}.json\`, 'utf8');
  }
}
`,
    });
    expect(contextsIn(root, 'src/users/users.service.ts', ['readFileSync(`users/', "init('constructor')"])).toEqual({
      'readFileSync(`users/':
        'request: called from `UsersController.show` (src/users/users.controller.ts), NestJS handler ' +
        '`UsersController.show` (@Get) (src/users/users.controller.ts)',
      "init('constructor')": 'startup: NestJS provider constructor',
    });
  });

  it('builds a provider per request when a request-scoped provider of another file is injected into it', () => {
    const root = writeProject({
      'src/context.ts': `
import { Injectable, Scope } from '@nestjs/common';
@Injectable({ scope: Scope.REQUEST })
export class RequestContext {
  tenant = '';
}
`,
      'src/tenants.service.ts': `
import { Injectable } from '@nestjs/common';
import { RequestContext } from './context';
@Injectable()
export class TenantsService {
  constructor(private readonly context: RequestContext) {
    init('tenants');
  }
}
`,
      'src/clock.service.ts': `
import { Injectable } from '@nestjs/common';
import { TenantsService } from './tenants.service';
@Injectable()
export class ClockService {
  constructor(private readonly tenants: Omit<TenantsService, 'context'>) {
    init('clock');
  }
}
`,
    });
    expect(contextsIn(root, 'src/tenants.service.ts', ["init('tenants')"])).toEqual({
      "init('tenants')":
        'request: NestJS provider `TenantsService` constructor, built per request: it is given the request-scoped ' +
        '`RequestContext`',
    });
    // A parameter whose type is not a class names no injection token.
    expect(contextsIn(root, 'src/clock.service.ts', ["init('clock')"])).toEqual({
      "init('clock')": 'startup: NestJS provider constructor',
    });
  });

  it('finds type-graphql and routing-controllers handlers', () => {
    const root = writeProject({
      'src/recipe.resolver.ts': `
import { Resolver, Query, FieldResolver, Root } from 'type-graphql';
import { Recipe } from './recipe';
import * as store from './store';

@Resolver(() => Recipe)
export class RecipeResolver {
  @Query(() => [Recipe])
  recipes() {
    return store.all();
  }

  @FieldResolver()
  author(@Root() recipe: Recipe) {
    return store.author(recipe.authorId);
  }
}
`,
      'src/store.ts': `
export function all() { work('all'); return []; }
export function author(id: string) { work('author'); return id; }
`,
      'src/recipe.ts': `export class Recipe { authorId = ''; }\n`,
      'src/users.controller.ts': `
import { JsonController, Get } from 'routing-controllers';

@JsonController('/users')
export class UserController {
  @Get('/')
  list() {
    work('list');
  }
}
`,
    });
    expect(contextsIn(root, 'src/store.ts', ["work('all')", "work('author')"])).toEqual({
      "work('all')":
        'request: called from `RecipeResolver.recipes` (src/recipe.resolver.ts), type-graphql handler ' +
        '`RecipeResolver.recipes` (@Query) (src/recipe.resolver.ts)',
      "work('author')":
        'request: called from `RecipeResolver.author` (src/recipe.resolver.ts), type-graphql handler ' +
        '`RecipeResolver.author` (@FieldResolver) (src/recipe.resolver.ts)',
    });
    expect(contextsIn(root, 'src/users.controller.ts', ["work('list')"])).toEqual({
      "work('list')": 'request: routing-controllers handler `UserController.list` (@Get)',
    });
  });

  it('knows which parameters callers in other files feed with what a request sends', () => {
    const root = writeProject({
      'routes.js': `
const express = require('express');
const tags = require('./tags');
const router = express.Router();
router.put('/tags/:id', async (req, res) => {
  const { tags: body } = req.body;
  await tags.update(req.params.id, body.added, ['default']);
  await tags.audit(req);
  res.end();
});
module.exports = router;
`,
      'tags.js': `
exports.update = async function update(id, added, defaults) {
  await relay(added);
  await relay(defaults);
};
async function relay(list) {
  return list;
}
exports.audit = async function audit(request) {
  return request;
};
`,
    });
    const route = 'route: Express route handler `PUT /tags/:id` (routes.js)';
    expect(requestDataIn(root, 'tags.js', 'function update', 1)).toBe(route);
    expect(requestDataIn(root, 'tags.js', 'function update', 0)).toBe(route);
    // Through another function's parameter, whichever of its call sites passes request data.
    expect(requestDataIn(root, 'tags.js', 'function relay', 0)).toBe(route);
    // A literal list; the request object itself, not something it carries.
    expect(requestDataIn(root, 'tags.js', 'function update', 2)).toBeNull();
    expect(requestDataIn(root, 'tags.js', 'function audit', 0)).toBeNull();
    // A resolver's arguments are what the request sends; its parent object is not.
    const withoutRoute = writeProject({
      'tags.js': 'exports.update = async function update(id, added) { return [id, added]; };\n',
      'resolvers.js': `
const { ApolloServer } = require('@apollo/server');
const tags = require('./tags');
const resolvers = { Mutation: { addTags: (parent, args) => tags.update(parent.id, args.tags) } };
module.exports = new ApolloServer({ typeDefs: '', resolvers });
`,
    });
    expect(requestDataIn(withoutRoute, 'tags.js', 'function update', 1)).toBe(
      'resolver: GraphQL resolver `Mutation.addTags` (resolvers.js)',
    );
    expect(requestDataIn(withoutRoute, 'tags.js', 'function update', 0)).toBeNull();
    // A function first reached through a long chain, where the depth limit cuts the search short, is searched again
    // when a shorter chain reaches it.
    const chains = writeProject({
      'routes.js': `
const express = require('express');
const { mid } = require('./chain');
const router = express.Router();
router.post('/items', async (req, res) => {
  await mid(req.body.items);
  res.end();
});
module.exports = router;
`,
      'chain.js': `
function a1(list) { return target(list); }
function a2(list) { return a1(list); }
function a3(list) { return a2(list); }
function entry(list) { a3(list); return target(list); }
function mid(list) { return entry(list); }
function target(list) { return list; }
exports.mid = mid;
`,
    });
    expect(requestDataIn(chains, 'chain.js', 'function target', 0)).toBe(
      'route: Express route handler `POST /items` (routes.js)',
    );
  });

  it('finds resolvers of maps built in other modules and passed to a GraphQL server', () => {
    const root = writeProject({
      'server.js': `
const { ApolloServer } = require('@apollo/server');
const userResolvers = require('./resolvers/user');
const postResolvers = require('./resolvers/post');
const server = new ApolloServer({ typeDefs: '', resolvers: [userResolvers, postResolvers] });
module.exports = server;
`,
      'resolvers/user.js': `
module.exports = {
  Query: { user: (_, { id }) => work('Query.user') },
  User: { posts: (user) => work('User.posts') },
};
`,
      'resolvers/post.js': `
const Post = { author: (post) => work('Post.author') };
module.exports = { Post };
`,
    });
    expect(contextsIn(root, 'resolvers/user.js', ["work('Query.user')", "work('User.posts')"])).toEqual({
      "work('Query.user')": 'request: GraphQL resolver `Query.user`',
      "work('User.posts')": 'request: GraphQL resolver `User.posts`',
    });
    expect(contextsIn(root, 'resolvers/post.js', ["work('Post.author')"])).toEqual({
      "work('Post.author')": 'request: GraphQL resolver `Post.author` (server.js)',
    });
  });

  it('finds socket.io message handlers attached from a module the server calls, and queue processors', () => {
    const root = writeProject({
      'server.js': `
const { Server } = require('socket.io');
const chat = require('./sockets/chat');
const io = new Server(3000);
io.on('connection', (socket) => chat.attach(socket));
`,
      'sockets/chat.js': `
const messages = require('../services/messages');
exports.attach = (socket) => {
  socket.on('message', messages.receive);
};
`,
      'services/messages.js': `exports.receive = async (text) => { work('receive'); };\n`,
      'worker.js': `
const { Worker } = require('bullmq');
const { resize } = require('./jobs/images');
new Worker('images', resize);
`,
      'jobs/images.js': `exports.resize = async (job) => { work('resize'); };\n`,
      'consumer.js': `
const { Kafka } = require('kafkajs');
const handlers = require('./handlers');
const consumer = new Kafka({ brokers: [] }).consumer({ groupId: 'g' });
consumer.run({ eachMessage: handlers.onMessage });
`,
      'handlers.js': `exports.onMessage = async ({ message }) => { work('kafka'); };\n`,
    });
    expect(contextsIn(root, 'services/messages.js', ["work('receive')"])).toEqual({
      "work('receive')": 'request: `message` listener (sockets/chat.js)',
    });
    expect(contextsIn(root, 'jobs/images.js', ["work('resize')"])).toEqual({
      "work('resize')": 'request: BullMQ job processor (worker.js)',
    });
    expect(contextsIn(root, 'handlers.js', ["work('kafka')"])).toEqual({
      "work('kafka')": 'request: `eachMessage` consumer (consumer.js)',
    });
  });
});

describe('project graph: start-up code in other files', () => {
  it('a function only start-up code and scripts call is start-up code; one a handler also calls is not', () => {
    const root = writeProject({
      'src/server.js': `
const express = require('express');
const { loadConfig } = require('./lib/config');
const { readTemplate } = require('./lib/templates');
const config = loadConfig();
const app = express();
app.get('/page', (req, res) => res.send(readTemplate('page')));
async function main() { await loadConfig(); app.listen(config.port); }
main();
`,
      'src/lib/config.js': `
const fs = require('fs');
exports.loadConfig = () => JSON.parse(fs.readFileSync('config.json', 'utf8'));
`,
      'src/lib/templates.js': `
const fs = require('fs');
exports.readTemplate = (name) => fs.readFileSync(\`templates/\${name}.html\`, 'utf8');
`,
      'scripts/seed.js': `
const { readTemplate } = require('../src/lib/templates');
const { migrate } = require('../src/lib/db');
readTemplate('seed');
migrate();
`,
      'src/lib/db.js': `exports.migrate = () => { work('migrate'); };\n`,
    });
    expect(contextsIn(root, 'src/lib/config.js', ["fs.readFileSync('config.json'"])).toEqual({
      "fs.readFileSync('config.json'": 'startup: only called from start-up code',
    });
    expect(contextsIn(root, 'src/lib/templates.js', ['fs.readFileSync(`templates'])).toEqual({
      'fs.readFileSync(`templates': 'request: called from Express route handler `GET /page` (src/server.js)',
    });
    expect(contextsIn(root, 'src/lib/db.js', ["work('migrate')"])).toEqual({
      "work('migrate')": 'startup: only called from start-up code',
    });
  });

  it('treats a server module that a command-line action loads and starts as start-up code', () => {
    const root = writeProject({
      'src/command-line/start.js': `
const { Command } = require('commander');
const program = new Command('start');
program.description('Start the server').action(function (options) {
  const serverModule = '../server';
  const server = require(serverModule);
  server.default(options);
});
exports.default = program;
`,
      'src/server.js': `
const fs = require('fs');
const https = require('https');
const express = require('express');
exports.default = function (options) {
  const app = express();
  app.get('/', (req, res) => res.send(fs.readFileSync('index.html', 'utf8')));
  const key = fs.readFileSync(options.key);
  https.createServer({ key }, app).listen(443);
};
`,
    });
    expect(contextsIn(root, 'src/server.js', ['fs.readFileSync(options.key)', "fs.readFileSync('index.html'"])).toEqual(
      {
        'fs.readFileSync(options.key)': 'startup: only called from start-up code',
        "fs.readFileSync('index.html'": 'request: Express route handler `GET /`',
      },
    );
  });

  it('treats what an oclif command runs as start-up code, through a base command of the project', () => {
    const root = writeProject({
      'src/commands/base.js': `
const core_1 = require('@oclif/core');
class BaseCommand extends core_1.Command {
  async init() { await this.parse(BaseCommand); }
}
exports.BaseCommand = BaseCommand;
`,
      'src/commands/start.js': `
const Server = require('../index');
const { BaseCommand } = require('./base');
class Start extends BaseCommand {
  async run() { await Server.start(); }
}
exports.default = Start;
`,
      'src/index.js': `
const { NodesPool } = require('./nodes-pool');
exports.start = async function start() {
  const pool = new NodesPool();
  await pool.initialize();
};
`,
      'src/nodes-pool.js': `
const fs = require('fs');
class NodesPool {
  async initialize() {
    for (const file of fs.readdirSync('nodes')) this.load(file);
  }
  load(file) { work(file); }
}
exports.NodesPool = NodesPool;
`,
    });
    expect(contextsIn(root, 'src/nodes-pool.js', ["fs.readdirSync('nodes')"])).toEqual({
      "fs.readdirSync('nodes')": 'startup: only called from start-up code',
    });
    expect(contextsIn(root, 'src/commands/start.js', ['await Server.start()'])).toEqual({
      'await Server.start()': 'startup: oclif command `Start.run`',
    });
  });

  it('runs the decorators a factory makes where their class is defined, in TypeScript and compiled', () => {
    const root = writeProject({
      'src/decorators.ts': `
const idColumns = new Map<object, string[]>();
export function EntityId() {
  return (entity: object, property: string) => {
    idColumns.set(entity, [...(idColumns.get(entity) ?? []), property]);
  };
}
export function Audited(target: object) {
  register(target);
}
export function Timed() {
  return (target: object, name: string, descriptor: PropertyDescriptor) => {
    const original = descriptor.value;
    descriptor.value = function (...args: unknown[]) {
      measure(name);
      return original.apply(this, args);
    };
  };
}
`,
      'src/order.ts': `
import { Audited, EntityId, Timed } from './decorators';
@Audited
export class Order {
  @EntityId() customerId!: string;
  @Timed() total() { return 1; }
}
`,
    });
    expect(contextsIn(root, 'src/decorators.ts', ['idColumns.set(', 'register(target)', 'measure(name)'])).toEqual({
      'idColumns.set(': 'startup: only called from start-up code',
      'register(target)': 'startup: only called from start-up code',
      'measure(name)': 'unknown: not reached from a handler or from start-up code',
    });
    const compiled = writeProject({
      'lib/decorators.js': `
const idColumns = new Map();
exports.EntityId = function EntityId() {
  return (entity, property) => { idColumns.set(entity, property); };
};
`,
      'lib/line.js': `
const decorators_1 = require('./decorators');
class Line {}
__decorate([(0, decorators_1.EntityId)()], Line.prototype, 'orderId', void 0);
exports.Line = Line;
`,
    });
    expect(contextsIn(compiled, 'lib/decorators.js', ['idColumns.set('])).toEqual({
      'idColumns.set(': 'startup: only called from start-up code',
    });
  });

  it('counts an exported function with the parameters of a handler as one when no start-up code calls it', () => {
    const root = writeProject({
      'controllers/health.js': `exports.check = async (req, res) => { work('check'); };\n`,
      'controllers/admin.js': `exports.rebuild = async (req, res) => { work('rebuild'); };\n`,
      'scripts/rebuild.js': `
const { rebuild } = require('../controllers/admin');
rebuild({}, { end() {} });
`,
    });
    expect(contextsIn(root, 'controllers/health.js', ["work('check')"])).toEqual({
      "work('check')":
        "request: `check` has a request handler's parameters and is exported (its registration is not visible)",
    });
    expect(contextsIn(root, 'controllers/admin.js', ["work('rebuild')"])).toEqual({
      "work('rebuild')": 'startup: only called from start-up code',
    });
    expect(
      contextsIn(root, 'controllers/health.js', ["work('check')"], { 'backend-perf': { handlerSignatures: false } }),
    ).toEqual({ "work('check')": 'unknown: not reached from a handler or from start-up code' });
  });
});

/** esbuild's helpers for a compiled module's exports and its `export * from` re-exports. */
const ESBUILD_HELPERS = `
var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __copyProps = (to, from, except) => {
  for (let key of __getOwnPropNames(from)) if (key !== except) __defProp(to, key, { get: () => from[key] });
  return to;
};
var __reExport = (target, mod, secondTarget) => (__copyProps(target, mod, "default"), secondTarget && __copyProps(secondTarget, mod, "default"));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);
`;

describe('project graph: values across files', () => {
  it('reads what start-up code stores in app.locals, on the app and in its settings, through req.app', () => {
    const root = writeProject({
      'app.js': `
const express = require('express');
const knex = require('knex');
const { Pool } = require('pg');
const app = express();
app.locals.db = knex({ client: 'pg' });
app.pool = new Pool();
app.set('replica', new Pool());
app.use('/users', require('./routes/users'));
module.exports = app;
`,
      'routes/users.js': `
const router = require('express').Router();
router.get('/:id', async (req, res) => {
  const { db } = req.app.locals;
  const user = await db('users').where({ id: req.params.id }).first();
  const again = await req.app.locals.db('users').where({ id: 1 }).first();
  const { rows } = await req.app.pool.query('SELECT 1');
  const replica = await req.app.get('replica').query('SELECT 2');
  const other = await req.app.get('users');
  res.json({ user, again, rows, replica, other });
});
module.exports = router;
`,
    });
    expect(accessesIn(root, 'routes/users.js', findDataAccessCalls)).toEqual([
      "knex first db('users').where({ id: req.params.id }).first()",
      "knex first req.app.locals.db('users').where({ id: 1 }).first()",
      "pg query req.app.pool.query('SELECT 1')",
      "pg query req.app.get('replica').query('SELECT 2')",
    ]);
  });

  it("reads ctx.app's members from the project's own Koa application class, through esbuild's re-exports", () => {
    const root = writeProject({
      'lib/application.js': `
const Koa = require('koa');
const { Locale } = require('./locale');
class Application extends Koa {
  constructor() {
    super();
    this.init();
  }
  init() {
    this._locales = new Locale(this);
  }
  get localeManager() {
    return this._locales;
  }
}
exports.Application = Application;
`,
      'lib/locale/index.js': `${ESBUILD_HELPERS}
var locale_exports = {};
module.exports = __toCommonJS(locale_exports);
__reExport(locale_exports, require("./locale"), module.exports);
`,
      'lib/locale/locale.js': `
class Locale {
  constructor(app) { this.app = app; }
  instanceFor(lang) { return track(lang); }
}
exports.Locale = Locale;
`,
      'lib/middlewares/i18n.js': `
async function i18n(ctx, next) {
  const localeManager = ctx.app.localeManager;
  ctx.i18n = localeManager.instanceFor(ctx.get('X-Locale'));
  await next();
}
exports.i18n = i18n;
`,
      'lib/server.js': `
const { Application } = require('./application');
const { i18n } = require('./middlewares/i18n');
const app = new Application();
app.use(i18n);
app.listen(3000);
`,
    });
    expect(contextsIn(root, 'lib/locale/locale.js', ['track(lang)'])).toEqual({
      'track(lang)':
        "request: called from `i18n` (lib/middlewares/i18n.js), which has a request handler's parameters and is " +
        'exported, its registration not visible',
    });
    // Compiled by esbuild (`import_koa.default`), through a base class of the project's own, beside other Koa
    // subclasses that do not have the member.
    const compiled = writeProject({
      'lib/base.js': `
var import_koa = __toESM(require('koa'));
class Base extends import_koa.default {}
exports.Base = Base;
${Array.from({ length: 9 }, (_, index) => `class Other${String(index)} extends import_koa.default {}`).join('\n')}
`,
      'lib/application.js': `
const { Base } = require('./base');
const { Locale } = require('./locale');
class Application extends Base {
  get localeManager() { return this._locales ?? (this._locales = new Locale()); }
}
exports.Application = Application;
`,
      'lib/locale.js': `
class Locale {
  instanceFor(lang) { return track(lang); }
}
exports.Locale = Locale;
`,
      'lib/i18n.js': `
exports.i18n = async function i18n(ctx, next) {
  ctx.i18n = ctx.app.localeManager.instanceFor(ctx.get('X-Locale'));
  await next();
};
`,
    });
    expect(contextsIn(compiled, 'lib/locale.js', ['track(lang)'])).toEqual({
      'track(lang)':
        "request: called from `i18n` (lib/i18n.js), which has a request handler's parameters and is exported, its " +
        'registration not visible',
    });
  });

  it('ends a lookup through two modules that re-export each other', () => {
    const root = writeProject({
      'lib/a.js': `${ESBUILD_HELPERS}
var a_exports = {};
module.exports = __toCommonJS(a_exports);
__reExport(a_exports, require("./b"), module.exports);
`,
      'lib/b.js': `${ESBUILD_HELPERS}
var b_exports = {};
module.exports = __toCommonJS(b_exports);
__reExport(b_exports, require("./c"), module.exports);
__reExport(b_exports, require("./a"), module.exports);
`,
      'lib/c.js': `exports.helper = function helper() { track(); };\n`,
      'lib/server.js': `
const express = require('express');
const { helper, missing } = require('./a');
const app = express();
app.get('/', (req, res) => { helper(); missing(); res.end(); });
app.listen(3000);
`,
    });
    expect(contextsIn(root, 'lib/c.js', ['track()'])).toEqual({
      'track()': 'request: called from Express route handler `GET /` (lib/server.js)',
    });
  });

  it('follows a query runner and an injected entity manager of a TypeORM data source made in another module', () => {
    const root = writeProject({
      'data-source.js': `
const { DataSource } = require('typeorm');
const dataSource = new DataSource({ type: 'postgres' });
exports.getDataSource = () => dataSource;
`,
      'controllers/role.js': `
const { getDataSource } = require('../data-source');
const { RoleService } = require('../services/role');
exports.list = async (req, res) => {
  const queryRunner = getDataSource().createQueryRunner();
  res.json(await new RoleService().listWithUsers(req.query.organizationId, queryRunner));
};
`,
      'services/role.js': `
class RoleService {
  async listWithUsers(organizationId, queryRunner) {
    const roles = await queryRunner.manager.findBy('Role', { organizationId });
    for (const role of roles) {
      role.users = await queryRunner.manager.findBy('User', { roleId: role.id });
    }
    return roles;
  }
}
exports.RoleService = RoleService;
`,
      'services/audit.ts': `
import { EntityManager } from 'typeorm';
export class AuditService {
  constructor(private readonly manager: EntityManager) {}
  latest(userId: string) {
    return this.manager.findOneBy('Audit', { userId });
  }
}
`,
      'routes.js': `
const express = require('express');
const role = require('./controllers/role');
const app = express();
app.get('/roles', role.list);
app.listen(3000);
`,
    });
    expect(accessesIn(root, 'services/role.js', findDataAccessCalls)).toEqual([
      "typeorm findBy queryRunner.manager.findBy('Role', { organizationId })",
      "typeorm findBy queryRunner.manager.findBy('User', { roleId: role.id })",
    ]);
    expect(accessesIn(root, 'services/audit.ts', findDataAccessCalls)).toEqual([
      "typeorm findOneBy this.manager.findOneBy('Audit', { userId })",
    ]);
  });

  it('reads what a getter returns, or the type it declares, as the value of `this.<getter>`', () => {
    const root = writeProject({
      'src/data-source.ts': `
import { DataSource } from 'typeorm';
export const dataSource = new DataSource({ type: 'postgres' });
`,
      'src/base.service.ts': `
import { EntityManager } from 'typeorm';
export abstract class BaseService {
  protected constructor(private readonly container: Record<string, unknown>) {}
  protected get activeManager_(): EntityManager {
    return this.container.manager as EntityManager;
  }
}
`,
      'src/users.service.ts': `
import { dataSource } from './data-source';
import { BaseService } from './base.service';
export class UsersService extends BaseService {
  private get users() {
    return dataSource.getRepository('User');
  }
  private set users(_value) {
    throw new Error('read-only');
  }
  private get label() {
    return 'users';
  }
  async find(id: string) {
    const user = await this.users.findOneBy({ id });
    const audit = await this.activeManager_.findOneBy('Audit', { userId: id });
    return { user, audit, label: this.label.toUpperCase() };
  }
}
`,
    });
    expect(accessesIn(root, 'src/users.service.ts', findDataAccessCalls)).toEqual([
      'typeorm findOneBy this.users.findOneBy({ id })',
      "typeorm findOneBy this.activeManager_.findOneBy('Audit', { userId: id })",
    ]);
  });

  it('follows a query builder that a helper class returns from a repository it chose, into the caller', () => {
    const root = writeProject({
      'helpers/list-query-builder.js': `
class ListQueryBuilder {
  constructor(connection) {
    this.connection = connection;
  }
  build(entity, options = {}) {
    const repo = options.ctx
      ? this.connection.getRepository(entity)
      : this.connection.manager.getRepository(entity);
    const alias = options.alias || entity.toLowerCase();
    const qb = repo.createQueryBuilder(alias);
    if (options.take) qb.take(options.take);
    return qb;
  }
  count(entity, options = {}) {
    const repo = options.ctx ? this.connection.getRepository(entity) : this.connection.manager.getRepository(entity);
    return repo.count();
  }
}
module.exports = { ListQueryBuilder };
`,
      'services/variants.js': `
class VariantService {
  constructor(listQueryBuilder) {
    this.listQueryBuilder = listQueryBuilder;
  }
  byProduct(productId) {
    const qb = this.listQueryBuilder
      .build('Variant')
      .innerJoinAndSelect('variant.product', 'product', 'product.id = :productId', { productId });
    return qb.getManyAndCount();
  }
}
module.exports = { VariantService };
`,
      'app.js': `
const { DataSource } = require('typeorm');
const { ListQueryBuilder } = require('./helpers/list-query-builder');
const { VariantService } = require('./services/variants');
const dataSource = new DataSource({ type: 'postgres' });
module.exports = new VariantService(new ListQueryBuilder(dataSource));
`,
    });
    expect(accessesIn(root, 'services/variants.js', findDataAccessCalls)).toEqual([
      'typeorm getManyAndCount qb.getManyAndCount()',
    ]);
    // A repository chosen by a condition is one in either branch.
    expect(accessesIn(root, 'helpers/list-query-builder.js', findDataAccessCalls)).toEqual([
      'typeorm count repo.count()',
    ]);
  });

  it('follows stores injected as an object through factories wired in a later file, into Knex instance queries', () => {
    // The services are read before the file that wires them: their fields must still see what it passes.
    const root = writeProject({
      'lib/services/segment-service.js': `
export class SegmentService {
  constructor({ segmentStore }) {
    this.segmentStore = segmentStore;
  }
  get(id) {
    return this.segmentStore.get(id);
  }
}
`,
      'lib/services/toggle-service.js': `
export class ToggleService {
  constructor(stores, { segmentService }) {
    this.segmentService = segmentService;
  }
  async segmentsOf(ids) {
    return Promise.all(ids.map((id) => this.segmentService.get(id)));
  }
}
`,
      'lib/stores/segment-store.js': `
export default class SegmentStore {
  constructor(db) {
    this.db = db;
  }
  get(id) {
    return this.db.select('id', 'name').from('segments').where({ id });
  }
  count() {
    return this.db.from('segments').count('*');
  }
  create(segment) {
    return this.db.insert(segment).into('segments');
  }
}
`,
      'lib/wiring/create-services.js': `
import knex from 'knex';
import SegmentStore from '../stores/segment-store.js';
import { SegmentService } from '../services/segment-service.js';
import { ToggleService } from '../services/toggle-service.js';
const createSegmentService = (db) => new SegmentService({ segmentStore: new SegmentStore(db) });
export function createServices(config) {
  const db = knex(config.db);
  const segmentService = createSegmentService(db);
  return { toggleService: new ToggleService({}, { segmentService }) };
}
`,
    });
    expect(accessesIn(root, 'lib/stores/segment-store.js', findDataAccessCalls)).toEqual([
      "knex where this.db.select('id', 'name').from('segments').where({ id })",
      "knex count this.db.from('segments').count('*')",
      "knex into this.db.insert(segment).into('segments')",
    ]);
    expect(accessesIn(root, 'lib/services/toggle-service.js', findDataAccessCalls)).toEqual([
      'project SegmentService.get this.segmentService.get(id)',
    ]);
  });
});

describe('project graph: one descriptor per framework', () => {
  it('finds Elysia routes and per-request hooks, chained or not, and its start-up callbacks', () => {
    const root = writeProject({
      'src/index.ts': `
import { Elysia } from 'elysia';
import { listUsers } from './users';

const app = new Elysia()
  .onBeforeHandle(({ headers }) => work('guard'))
  .get('/users', listUsers)
  .onStart(() => work('start'));
app.post('/users', ({ body }) => work('create'));
app.listen(3000, () => work('listening'));
`,
      'src/users.ts': `export const listUsers = () => work('list');\n`,
    });
    expect(
      contextsIn(root, 'src/index.ts', ["work('guard')", "work('start')", "work('create')", "work('listening')"]),
    ).toEqual({
      "work('guard')": 'request: Elysia `onBeforeHandle` handler',
      "work('start')": 'startup: `onStart` callback',
      "work('create')": 'request: Elysia route handler `POST /users`',
      "work('listening')": 'startup: `listen` callback',
    });
    expect(contextsIn(root, 'src/users.ts', ["work('list')"])).toEqual({
      "work('list')": 'request: Elysia route handler `GET /users` (src/index.ts)',
    });
  });

  it('finds NocoBase actions in a resource table here or in an esbuild-compiled module, and in action handler maps', () => {
    const root = writeProject({
      'lib/resource.js': `
var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all) __defProp(target, name, { get: all[name], enumerable: true });
};
var __toCommonJS = (mod) => __defProp(mod, '__esModule', { value: true });
var resource_exports = {};
__export(resource_exports, {
  PackageUrls: () => PackageUrls,
  default: () => resource_default
});
module.exports = __toCommonJS(resource_exports);
class PackageUrls {}
var resource_default = {
  name: 'pm',
  actions: {
    async versions(ctx, next) { ctx.body = work('versions'); await next(); },
    format(name, version, registry, token) { return work('format'); }
  }
};
0 && (module.exports = {
  PackageUrls
});
`,
      'lib/plugin-manager.js': `
var __toESM = (mod) => mod;
var import_resource = __toESM(require('./resource'));
class PluginManager {
  constructor(app) {
    this.app = app;
    this.app.resourcer.define(import_resource.default);
    app.resourcer.define({
      name: 'perf',
      actions: { view: __name(async (ctx, next) => { work('view'); await next(); }, 'view') },
    });
    app.resourceManager.registerActionHandlers({ 'app:restart': async (ctx, next) => work('restart') });
    app.db.define({ name: 'users', fields: [] });
    app.sequelize.define('user', { name: (ctx, next) => work('column') });
  }
}
module.exports = PluginManager;
`,
    });
    expect(contextsIn(root, 'lib/resource.js', ["work('versions')", "work('format')"])).toEqual({
      "work('versions')": 'request: NocoBase action `versions` (lib/plugin-manager.js)',
      // A member without a handler's parameters is no action.
      "work('format')": 'unknown: not reached from a handler or from start-up code',
    });
    expect(contextsIn(root, 'lib/plugin-manager.js', ["work('view')", "work('restart')", "work('column')"])).toEqual({
      "work('view')": 'request: NocoBase action `view`',
      "work('restart')": 'request: NocoBase action `app:restart`',
      // A `define` whose argument shows no action table is another library's.
      "work('column')": 'unknown: not reached from a handler or from start-up code',
    });
  });
});

describe('project graph: default imports of CommonJS modules', () => {
  it('reads a plain module with a `default` key as module.exports, a compiled ES module as its default export', () => {
    const root = writeProject({
      'src/db.js': `
const { Pool } = require('pg');
module.exports = { default: { name: 'main' }, pool: new Pool() };
`,
      'src/users.mjs': `
import db from './db.js';
export async function load(ids) {
  const rows = [];
  for (const id of ids) rows.push(await db.pool.query('SELECT * FROM users WHERE id = $1', [id]));
  return rows;
}
`,
    });
    expect(accessesIn(root, 'src/users.mjs', findDataAccessCalls)).toEqual([
      "pg query db.pool.query('SELECT * FROM users WHERE id = $1', [id])",
    ]);
  });
});

describe('project graph: lazy initialisation', () => {
  it('treats what a singleton or a lazy cache creates as start-up work, even when a request triggers it', () => {
    const root = writeProject({
      'server.js': `
const express = require('express');
const { Limiter } = require('./limiter');
const { page } = require('./pages');
const app = express();
app.get('/', (req, res) => {
  Limiter.getInstance().check(req.ip);
  res.send(page());
});
app.listen(3000);
`,
      'limiter.js': `
const fs = require('fs');
class Limiter {
  constructor() {
    this.rules = JSON.parse(fs.readFileSync('limits.json', 'utf8'));
  }
  static getInstance() {
    if (!Limiter.instance) {
      Limiter.instance = new Limiter();
      Limiter.instance.initialize();
    }
    return Limiter.instance;
  }
  initialize() {
    this.license = this.validateLicense();
  }
  validateLicense() {
    return work('validate license');
  }
  check(ip) {
    return this.rules[ip] ?? work('check');
  }
}
exports.Limiter = Limiter;
`,
      'plugins.js': `
class Cache { initialize() { work('cache init'); } }
class Queue { initialize() { work('queue init'); } }
class Mailer { initialize() { work('mailer init'); } }
class Search { initialize() { work('search init'); } }
module.exports = { Cache, Queue, Mailer, Search };
`,
      'pages.js': `
const fs = require('fs');
let cached;
function load() { return fs.readFileSync('page.html', 'utf8'); }
function fresh() { return fs.readFileSync('fresh.html', 'utf8'); }
exports.page = () => {
  cached ??= load();
  return cached + fresh();
};
`,
    });
    expect(
      contextsIn(root, 'limiter.js', ["fs.readFileSync('limits.json'", "work('validate license')", "work('check')"]),
    ).toEqual({
      "fs.readFileSync('limits.json'":
        'startup: runs once per process: a lazy initialisation in `Limiter.getInstance` (limiter.js)',
      "work('validate license')": 'startup: only called from start-up code',
      "work('check')": 'request: called from Express route handler `GET /` (server.js)',
    });
    expect(contextsIn(root, 'pages.js', ["fs.readFileSync('page.html'", "fs.readFileSync('fresh.html'"])).toEqual({
      "fs.readFileSync('page.html'": 'startup: runs once per process: a lazy initialisation in `page` (pages.js)',
      "fs.readFileSync('fresh.html'":
        'request: called from `page`, on the path of Express route handler `GET /` (server.js)',
    });
  });

  it('runs a lazy field initialisation once only for instances that outlive requests', () => {
    const root = writeProject({
      'server.js': `
const express = require('express');
const { Settings, Session, Draft } = require('./store');
const app = express();
const settings = new Settings();
app.get('/', (req, res) => {
  const session = new Session(req);
  res.json([settings.get(), session.user(), new Draft().text()]);
});
app.listen(3000);
`,
      'store.js': `
const { readSettings, loadUser, readDraft, readRoles } = require('./load');
class Settings {
  constructor() { this.values = null; }
  get() {
    if (!this.values) this.values = readSettings();
    return this.values;
  }
}
class Session {
  constructor(req) { this.req = req; this.cached = null; }
  user() {
    if (!this.cached) this.cached = loadUser(this.req);
    if (!this.roles) this.roles = new Roles();
    return [this.cached, this.roles.list()];
  }
}
class Roles {
  constructor() { this.names = null; }
  list() {
    if (!this.names) this.names = readRoles();
    return this.names;
  }
}
class Draft {
  text() {
    if (!this.body) this.body = readDraft();
    return this.body;
  }
}
module.exports = { Settings, Session, Draft };
`,
      'load.js': `
const fs = require('fs');
exports.readSettings = () => JSON.parse(fs.readFileSync('settings.json', 'utf8'));
exports.loadUser = (req) => fs.readFileSync('users/' + req.params.id, 'utf8');
exports.readDraft = () => fs.readFileSync('draft.txt', 'utf8');
exports.readRoles = () => fs.readFileSync('roles.txt', 'utf8');
`,
    });
    expect(
      contextsIn(root, 'load.js', [
        "fs.readFileSync('settings.json'",
        "fs.readFileSync('users/'",
        "fs.readFileSync('draft.txt'",
        "fs.readFileSync('roles.txt'",
      ]),
    ).toEqual({
      // One Settings for the process, built at start-up: its field is read once.
      "fs.readFileSync('settings.json'":
        'startup: runs once per process: a lazy initialisation in `Settings.get` (store.js)',
      // A Session per request: each one reads its user.
      "fs.readFileSync('users/'":
        'request: called from `Session.user` (store.js), on the path of Express route handler `GET /` (server.js)',
      // Roles made by each Session's lazy initialisation: one per request too.
      "fs.readFileSync('roles.txt'":
        'request: called from `Roles.list` (store.js), on the path of Express route handler `GET /` (server.js)',
      // A class without a constructor of its own is not known to outlive anything.
      "fs.readFileSync('draft.txt'":
        'request: called from `Draft.text` (store.js), on the path of Express route handler `GET /` (server.js)',
    });
  });

  it('settles lazy field initialisations along a chain of instances built per request, however long', () => {
    const depth = 6;
    const classes = Array.from(
      { length: depth },
      (_, index) =>
        `class C${String(index)} {\n  constructor() { this.x = null; }\n  get() {\n` +
        `    if (!this.x) this.x = ${index + 1 < depth ? `new C${String(index + 1)}().get()` : 'readDeep()'};\n` +
        '    return this.x;\n  }\n}\n',
    ).join('');
    const root = writeProject({
      'server.js': `
const express = require('express');
const { C0 } = require('./chain');
const app = express();
app.get('/', (req, res) => res.json(new C0().get()));
app.listen(3000);
`,
      'chain.js': `const { readDeep } = require('./load');\n${classes}module.exports = { C0 };\n`,
      'load.js': `const fs = require('fs');\nexports.readDeep = () => fs.readFileSync('deep.txt', 'utf8');\n`,
    });
    expect(contextsIn(root, 'load.js', ["fs.readFileSync('deep.txt'"])).toEqual({
      "fs.readFileSync('deep.txt'": `request: called from \`C${String(depth - 1)}.get\` (chain.js), on the path of Express route handler \`GET /\` (server.js)`,
    });
  });

  it('reads the constructor of a class with overload signatures from its implementation', () => {
    const root = writeProject({
      'src/server.ts': `
import express from 'express';
import { Settings } from './store';
const app = express();
const settings = new Settings('app');
app.get('/', (req, res) => res.json(settings.get()));
app.listen(3000);
`,
      'src/store.ts': `
import { readSettings } from './load';
export class Settings {
  private values: unknown = null;
  constructor(name: string);
  constructor(name: string, extra?: number) {}
  get() {
    if (!this.values) this.values = readSettings();
    return this.values;
  }
}
`,
      'src/load.ts': `
import { readFileSync } from 'node:fs';
export const readSettings = () => JSON.parse(readFileSync('settings.json', 'utf8'));
`,
    });
    expect(contextsIn(root, 'src/load.ts', ["readFileSync('settings.json'"])).toEqual({
      "readFileSync('settings.json'":
        'startup: runs once per process: a lazy initialisation in `Settings.get` (src/store.ts)',
    });
    expect(contextsIn(root, 'src/store.ts', ['readSettings()'])).toEqual({
      'readSettings()':
        'startup: runs once (per process, or per key of a kept cache): a lazy initialisation whose value later calls reuse',
    });
  });

  it('treats code after an early return of the kept value, and the fallback of a cache lookup, as run once', () => {
    const root = writeProject({
      'server.js': `
const express = require('express');
const fs = require('fs');
const app = express();
let html = null;
const templates = new Map();
function page() {
  if (html) {
    return html;
  }
  html = fs.readFileSync('index.html', 'utf8');
  return html;
}
function template(name) {
  const compiled = templates.get(name) || compile(fs.readFileSync(name, 'utf8'));
  templates.set(name, compiled);
  return compiled;
}
function each(name) {
  return new Map().get(name) || fs.readFileSync(name + '.txt', 'utf8');
}
let revision;
let revisionFetched = false;
function gitRevision() {
  if (revisionFetched) {
    return revision;
  }
  revisionFetched = true;
  revision = require('child_process').execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  return revision;
}
function stamp(name) {
  if (!name) return '';
  return fs.readFileSync(name + '.stamp', 'utf8');
}
let syncing = false;
function sync(file) {
  if (syncing) return 'busy';
  syncing = true;
  const data = fs.readFileSync(file + '.sync', 'utf8');
  process.nextTick(() => { syncing = false; });
  return data;
}
app.get('/', (req, res) =>
  res.send(page() + template(req.query.t) + each(req.query.n) + gitRevision() + stamp(req.query.s) + sync(req.query.f)),
);
app.listen(3000);
`,
    });
    expect(
      contextsIn(root, 'server.js', [
        "fs.readFileSync('index.html'",
        "fs.readFileSync(name, 'utf8')",
        "fs.readFileSync(name + '.txt'",
        '.execSync(',
        "fs.readFileSync(name + '.stamp'",
        "fs.readFileSync(file + '.sync'",
      ]),
    ).toEqual({
      "fs.readFileSync('index.html'":
        'startup: runs once (per process, or per key of a kept cache): a lazy initialisation whose value later ' +
        'calls reuse',
      "fs.readFileSync(name, 'utf8')":
        'startup: runs once (per process, or per key of a kept cache): a lazy initialisation whose value later ' +
        'calls reuse',
      "fs.readFileSync(name + '.txt'": 'request: called from Express route handler `GET /`',
      '.execSync(':
        'startup: runs once (per process, or per key of a kept cache): a lazy initialisation whose value later ' +
        'calls reuse',
      "fs.readFileSync(name + '.stamp'": 'request: called from Express route handler `GET /`',
      "fs.readFileSync(file + '.sync'": 'request: called from Express route handler `GET /`',
    });
  });
});

describe('project graph: files that are not the server', () => {
  it('leaves the browser scripts of a public folder out of the graph', () => {
    const root = writeProject({
      'public/js/client.js': `
const socket = io();
socket.on('reconnect_failed', () => store.reconnect());
`,
      'lib/store.js': `
module.exports = { reconnect() { work('reconnect'); } };
`,
    });
    expect(contextsIn(root, 'lib/store.js', ["work('reconnect')"])).toEqual({
      "work('reconnect')": 'unknown: not reached from a handler or from start-up code',
    });
  });
});

describe('project graph: calls by method name', () => {
  it('links a call on an unknown receiver to the functions of that name that read its arguments, named like it', () => {
    const root = writeProject({
      'src/server.js': `
const express = require('express');
const app = express();
app.post('/predict', async (req, res) => {
  const node = await loadNode(req.body.type);
  await node.init(req.body.data, {});
  for (const chan of req.body.channels) chan.removeUser(req.body.user);
  res.json(await req.body.store.save(req.body.item));
});
function mount(app, middleware) { app.use('/locales', middleware.locales); }
mount(app, require('./middleware'));
app.listen(3000);
`,
      'src/middleware.js': `
var middleware = {};
middleware.locales = function (req, res, next) { work('locales'); };
module.exports = middleware;
`,
      'src/commands/base.js': `
class BaseCommand {
  async init() { work('command init'); }
}
module.exports = { BaseCommand };
`,
      'src/store.js': `
module.exports = { save(item) { work('save'); } };
`,
      'src/models/chan.js': `
module.exports = class Chan { removeUser(user) { work('leave the channel'); } };
`,
      'src/client-manager.js': `
module.exports = class ClientManager { removeUser(name) { work('delete the account'); } };
`,
    });
    expect(contextsIn(root, 'src/middleware.js', ["work('locales')"])).toEqual({
      "work('locales')": 'request: middleware `/locales` (src/server.js)',
    });
    expect(contextsIn(root, 'src/models/chan.js', ["work('leave the channel')"])).toEqual({
      "work('leave the channel')": 'request: called from Express route handler `POST /predict` (src/server.js)',
    });
    expect(contextsIn(root, 'src/client-manager.js', ["work('delete the account')"])).toEqual({
      "work('delete the account')": 'unknown: not reached from a handler or from start-up code',
    });
    expect(contextsIn(root, 'src/commands/base.js', ["work('command init')"])).toEqual({
      "work('command init')": 'unknown: not reached from a handler or from start-up code',
    });
    expect(contextsIn(root, 'src/store.js', ["work('save')"])).toEqual({
      "work('save')": 'request: called from Express route handler `POST /predict` (src/server.js)',
    });
  });

  it("does not link a method of a package's instance to the project's function of the same name", () => {
    const root = writeProject({
      'src/monitor.js': `
const mssql = require('mssql');
exports.check = async function (connectionString) {
  let pool;
  pool = new mssql.ConnectionPool(connectionString);
  await pool.connect();
  pool.close();
};
setInterval(() => exports.check(process.env.DSN), 60000);
`,
      'src/database.js': `
class Database {
  static async connect() { work('open the database'); }
}
module.exports = Database;
`,
    });
    expect(contextsIn(root, 'src/database.js', ["work('open the database')"])).toEqual({
      "work('open the database')": 'unknown: not reached from a handler or from start-up code',
    });
  });

  it('links a method by its name when the receiver is a set of values cut to its bound, which closes nothing', () => {
    // A helper fed by many services returns whichever service its callers pass: the set of values it stands for is cut
    // short, so a method that none of the values kept has is still looked up by its name.
    const root = writeProject({
      'src/audit.js': `
export function withAudit(service) {
  service.audited = true;
  return service;
}
`,
      'src/services.js': `
import { withAudit } from './audit.js';
import { FeatureService } from './feature-service.js';
class AccessService { describe() { return 'access'; } }
class ContextService { describe() { return 'context'; } }
class TagService { describe() { return 'tag'; } }
class UserService { describe() { return 'user'; } }
class ProjectService { describe() { return 'project'; } }
class SegmentService { describe() { return 'segment'; } }
class GroupService { describe() { return 'group'; } }
class EnvironmentService { describe() { return 'environment'; } }
class AddonService { describe() { return 'addon'; } }
export const createServices = (db) => ({
  accessService: withAudit(new AccessService(db)),
  contextService: withAudit(new ContextService(db)),
  tagService: withAudit(new TagService(db)),
  userService: withAudit(new UserService(db)),
  projectService: withAudit(new ProjectService(db)),
  segmentService: withAudit(new SegmentService(db)),
  groupService: withAudit(new GroupService(db)),
  environmentService: withAudit(new EnvironmentService(db)),
  addonService: withAudit(new AddonService(db)),
  featureService: withAudit(new FeatureService(db)),
});
`,
      'src/feature-service.js': `
export class FeatureService {
  environmentInfo(name) { work('environment info'); }
}
`,
      'src/controller.js': `
export default class FeatureController {
  constructor({ featureService }) { this.features = featureService; }
  async show(req, res) { res.json(await this.features.environmentInfo(req.params.name)); }
}
`,
      'src/server.js': `
import express from 'express';
import FeatureController from './controller.js';
import { createServices } from './services.js';
const app = express();
const controller = new FeatureController(createServices(null));
app.get('/features/:name', (req, res) => controller.show(req, res));
app.listen(3000);
`,
    });
    expect(contextsIn(root, 'src/feature-service.js', ["work('environment info')"])).toEqual({
      "work('environment info')":
        'request: called from `FeatureController.show` (src/controller.js), on the path of Express route handler ' +
        '`GET /features/:name` (src/server.js)',
    });
  });

  it('runs the methods that a base class leaves to its subclasses, and inherited methods in other files', () => {
    const root = writeProject({
      'src/queue/base.js': `
const { Worker } = require('bullmq');
class BaseQueue {
  start() {
    new Worker(this.name, async (job) => {
      this.audit(job);
      return this.processJob(job.data);
    });
  }
}
module.exports = { BaseQueue };
`,
      'src/queue/audit.js': `
const { BaseQueue } = require('./base');
class AuditedQueue extends BaseQueue {
  audit(job) { work('audit'); }
}
module.exports = { AuditedQueue };
`,
      'src/queue/predictions.js': `
const { AuditedQueue } = require('./audit');
class PredictionQueue extends AuditedQueue {
  async processJob(data) { work('predict'); }
}
module.exports = { PredictionQueue };
`,
      'src/worker.js': `
class Worker {
  processJob(data) { work('unrelated'); }
}
module.exports = { Worker };
`,
    });
    expect(contextsIn(root, 'src/queue/predictions.js', ["work('predict')"])).toEqual({
      "work('predict')": 'request: called from BullMQ job processor (src/queue/base.js)',
    });
    expect(contextsIn(root, 'src/queue/audit.js', ["work('audit')"])).toEqual({
      "work('audit')": 'request: called from BullMQ job processor (src/queue/base.js)',
    });
    expect(contextsIn(root, 'src/worker.js', ["work('unrelated')"])).toEqual({
      "work('unrelated')": 'unknown: not reached from a handler or from start-up code',
    });
  });
});

describe('project graph: application lifecycle events', () => {
  it("treats listeners of an application's start, load and stop events as start-up code, others as its emits", () => {
    const root = writeProject({
      'src/app.js': `
const { EventEmitter } = require('events');
const { watchPlugins } = require('./plugins');
const { notify } = require('./notify');
class Application extends EventEmitter {}
const app = new Application();
app.on('afterStart', async () => watchPlugins());
app.on('beforeLoadPlugin', () => watchPlugins());
app.on('appError', (error) => notify(error));
module.exports = app;
`,
      'src/plugins.js': `
const fs = require('fs');
exports.watchPlugins = () => fs.readdirSync('plugins');
`,
      'src/notify.js': `
exports.notify = (error) => work(error);
`,
    });
    expect(contextsIn(root, 'src/plugins.js', ["fs.readdirSync('plugins')"])).toEqual({
      "fs.readdirSync('plugins')": 'startup: only called from start-up code',
    });
    // Nothing in the project emits `appError`: its listener, registered at start-up, handles no request.
    expect(contextsIn(root, 'src/notify.js', ['work(error)'])).toEqual({
      'work(error)': 'unknown: not reached from a handler or from start-up code',
    });
  });
});

describe('project graph: route helpers and CommonJS modules built step by step', () => {
  it('registers what the callers of a route helper pass, through objects that get their members later', () => {
    const root = writeProject({
      'src/routes/helpers.js': `
var helpers = {};
helpers.setupPageRoute = function (router, name, middleware, controller) {
  router.get(name, middleware.buildHeader, controller);
  router.get('/api' + name, controller);
};
module.exports = helpers;
`,
      'src/routes/index.js': `
var express = require('express');
var setupPageRoute = require('./helpers').setupPageRoute;
var controllers = require('../controllers');
var accountRoutes = require('./accounts');
module.exports = function (app, middleware) {
  var router = express.Router();
  setupPageRoute(router, '/', middleware, controllers.home);
  accountRoutes(router, middleware, controllers);
  app.use(router);
};
`,
      'src/routes/accounts.js': `
var setupPageRoute = require('./helpers').setupPageRoute;
module.exports = function (router, middleware, controllers) {
  setupPageRoute(router, '/user/:slug/chats', middleware, controllers.accounts.chats.get);
};
`,
      'src/controllers/index.js': `
var Controllers = { accounts: require('./accounts') };
Controllers.home = function (req, res) { work('home'); };
module.exports = Controllers;
`,
      'src/controllers/accounts.js': `
module.exports = { chats: require('./chats') };
`,
      'src/controllers/chats.js': `
var messaging = require('../messaging');
var chatsController = {};
chatsController.get = function (req, res, next) {
  messaging.getRecentChats(req.uid, next);
};
module.exports = chatsController;
`,
      'src/messaging.js': `
(function (Messaging) {
  Messaging.getRecentChats = function (uid, callback) { work('recent chats'); };
}(exports));
`,
      'src/users.js': `
var Users = module.exports;
Users.unused = function () { work('unused'); };
Users.get = function (uid) { work('get user'); };
`,
      'src/controllers/users.js': `
const users = require('../users');
exports.profile = (req, res) => users.get(req.params.uid);
`,
    });
    expect(contextsIn(root, 'src/controllers/index.js', ["work('home')"])).toEqual({
      "work('home')": 'request: route handler `GET …` (src/routes/helpers.js)',
    });
    expect(contextsIn(root, 'src/messaging.js', ["work('recent chats')"])).toEqual({
      "work('recent chats')":
        'request: called from `get` (src/controllers/chats.js), route handler `GET …` (src/routes/helpers.js)',
    });
    expect(contextsIn(root, 'src/users.js', ["work('get user')", "work('unused')"])).toEqual({
      "work('get user')":
        "request: called from `profile` (src/controllers/users.js), which has a request handler's parameters " +
        'and is exported, its registration not visible',
      "work('unused')": 'unknown: not reached from a handler or from start-up code',
    });
  });

  it('reads the members that other modules add to the exports they are passed', () => {
    const root = writeProject({
      'src/topics.js': `
var Topics = module.exports;
require('./topics/follow')(Topics);
`,
      'src/topics/follow.js': `
module.exports = function (Topics) {
  Topics.notifyFollowers = function (data, callback) { work('notify followers'); };
  Topics.unused = function () { work('unused'); };
};
`,
      'src/socket.js': `
const topics = require('./topics');
const io = require('socket.io')(3000);
io.on('connection', (socket) => socket.on('posts.reply', (data, callback) => topics.notifyFollowers(data, callback)));
`,
    });
    expect(contextsIn(root, 'src/topics/follow.js', ["work('notify followers')", "work('unused')"])).toEqual({
      "work('notify followers')": 'request: called from `posts.reply` listener (src/socket.js)',
      "work('unused')": 'unknown: not reached from a handler or from start-up code',
    });
  });

  it('does not take the properties listed in an array argument for methods of that name', () => {
    const root = writeProject({
      'loader.js': `
exports.stop = function () { work('stop'); };
exports.start = function () { work('start'); };
`,
      'sorted.js': `
exports.range = function (client, params, callback) {
  const rangeParams = ['temp', params.start, params.stop];
  client.zrange(rangeParams, callback);
};
`,
      'server.js': `
const express = require('express');
const sorted = require('./sorted');
const app = express();
app.get('/range', (req, res) => sorted.range(req.app.locals.client, req.query, (err, rows) => res.json(rows)));
app.listen(4567);
`,
    });
    expect(contextsIn(root, 'loader.js', ["work('stop')", "work('start')"])).toEqual({
      "work('stop')": 'unknown: not reached from a handler or from start-up code',
      "work('start')": 'unknown: not reached from a handler or from start-up code',
    });
  });

  it('reads an export reassigned at the top level from its previous value, and helpers whose names it cannot see', () => {
    const root = writeProject({
      'db/store.js': `
const ueberDB = require('ueberdb2');
const util = require('util');
const db = new ueberDB.Database('dirty', { filename: 'var/dirty.db' });
exports.get = db.get.bind(db);
exports.get = util.promisify(exports.get);
function reset() {
  module.exports = {};
}
exports.reset = reset;
`,
      'db/commands.mjs': `
import Redis from 'ioredis';
const client = new Redis();
export function run(method, key) {
  return client[method](key);
}
function readOrDelete(method, key) {
  return client[method](key);
}
function byChoice(reverse, key) {
  let method = 'zrange';
  if (reverse) method = 'zrevrange';
  return client[method]([key, 0, -1]);
}
export async function sweep(keys) {
  for (const key of keys) await run('get', key);
  for (const key of keys) await readOrDelete('get', key);
  for (const key of keys) await readOrDelete('del', key);
  for (const key of keys) await byChoice(true, key);
}
`,
      'pads.js': `
const store = require('./db/store');
exports.load = async (ids) => {
  const pads = [];
  for (const id of ids) pads.push(await store.get('pad:' + id));
  return pads;
};
`,
    });
    // \`store.get\` is \`util.promisify(db.get.bind(db))\`: the export it replaces, not itself; \`reset\`, which runs later,
    // does not replace what the module exports.
    expect(accessesIn(root, 'pads.js', findDataAccessCalls)).toEqual(["ueberdb get store.get('pad:' + id)"]);
    // An exported helper has callers elsewhere, and a helper that also deletes is not a lookup: only the local
    // variable that is only ever assigned reads is.
    expect(accessesIn(root, 'db/commands.mjs', findDataAccessCalls)).toEqual(['project byChoice byChoice(true, key)']);
  });

  it('follows a socket message to its handler through a table of required modules and a path lookup', () => {
    const root = writeProject({
      'src/socket.io/index.js': `
const SocketIO = require('socket.io');
(function (Sockets) {
  const Namespaces = {};
  Sockets.init = function (server) {
    const modules = ['posts', 'admin'];
    modules.forEach(function (module) {
      Namespaces[module] = require('./' + module);
    });
    const io = new SocketIO(server);
    io.on('connection', function (socket) {
      socket.on('*', function (payload) {
        const parts = payload.data[0].split('.');
        const methodToCall = parts.reduce(function (prev, cur) {
          return prev !== null && prev[cur] ? prev[cur] : null;
        }, Namespaces);
        if (methodToCall) methodToCall(socket, payload.data[1], payload.data[2]);
      });
    });
  };
}(module.exports));
`,
      'src/socket.io/posts.js': `
const topics = require('../topics');
const SocketPosts = {};
SocketPosts.reply = function (socket, data, callback) { topics.reply(data, callback); };
module.exports = SocketPosts;
`,
      'src/socket.io/admin.js': `
const SocketAdmin = { user: require('./admin/user') };
module.exports = SocketAdmin;
`,
      'src/socket.io/admin/user.js': `
const fs = require('fs');
exports.exportCsv = function (socket, data, callback) { callback(null, fs.readFileSync('/tmp/users.csv')); };
`,
      'src/socket.io/unused.js': `
const fs = require('fs');
exports.dump = function (socket, data, callback) { callback(null, fs.readFileSync('/tmp/dump')); };
`,
      'src/topics.js': `
(function (Topics) {
  require('./topics/create')(Topics);
  require('./topics/thumb')(Topics);
}(module.exports));
`,
      'src/topics/create.js': `
module.exports = function (Topics) {
  Topics.reply = function (data, callback) { Topics.create(data, callback); };
  Topics.create = function (data, callback) { Topics.resizeThumb(data, callback); };
};
`,
      'src/topics/thumb.js': `
const fs = require('fs');
module.exports = function (Topics) {
  Topics.resizeThumb = function (data, callback) { fs.statSync(data.path); callback(); };
};
`,
      'src/start.js': `
const http = require('http');
const sockets = require('./socket.io');
const server = http.createServer();
sockets.init(server);
server.listen(4567);
`,
    });
    expect(contextsIn(root, 'src/topics/thumb.js', ['fs.statSync(data.path)'])).toEqual({
      'fs.statSync(data.path)':
        'request: called from `create` (src/topics/create.js), on the path of `*` listener (src/socket.io/index.js)',
    });
    // Two levels below the table (`admin.user.exportCsv`); a module of the folder the table does not name is not.
    expect(contextsIn(root, 'src/socket.io/admin/user.js', ["fs.readFileSync('/tmp/users.csv')"])).toEqual({
      "fs.readFileSync('/tmp/users.csv')": 'request: called from `*` listener (src/socket.io/index.js)',
    });
    expect(contextsIn(root, 'src/socket.io/unused.js', ["fs.readFileSync('/tmp/dump')"])).toEqual({
      "fs.readFileSync('/tmp/dump')": 'unknown: not reached from a handler or from start-up code',
    });
  });

  it('reads a member chosen at run time of a local object as one of the members it shows', () => {
    const root = writeProject({
      'src/jobs.js': `
const CronJob = require('cron').CronJob;
const jobs = {};
exports.restart = function () {
  for (const id in jobs) jobs[id].stop();
  jobs.daily = new CronJob('0 0 17 * * *', () => {});
  jobs['reset.clean'] = new CronJob('0 0 0 * * *', () => {});
};
`,
      'src/loader.js': `
const fs = require('fs');
exports.stop = function () { fs.unlinkSync(__dirname + '/pidfile'); };
`,
      'src/routes.js': `
const express = require('express');
const jobs = require('./jobs');
const app = express();
app.post('/admin/jobs', (req, res) => { jobs.restart(); res.end(); });
app.listen(4567);
`,
    });
    // A cron job's \`stop\` is the package's method, not the project's \`stop\` of another module.
    expect(contextsIn(root, 'src/loader.js', ["fs.unlinkSync(__dirname + '/pidfile')"])).toEqual({
      "fs.unlinkSync(__dirname + '/pidfile')": 'unknown: not reached from a handler or from start-up code',
    });
    // An object another name fills in has members the code does not show: the call stays linked by name.
    const open = writeProject({
      'src/jobs.js': `
const CronJob = require('cron').CronJob;
const jobs = {};
jobs.daily = new CronJob('0 0 17 * * *', () => {});
const all = jobs;
exports.add = (name, job) => { all[name] = job; };
exports.restart = function () { for (const id in jobs) jobs[id].stop(); };
`,
      'src/loader.js': `
const fs = require('fs');
exports.stop = function () { fs.unlinkSync(__dirname + '/pidfile'); };
`,
      'src/routes.js': `
const express = require('express');
const jobs = require('./jobs');
jobs.add('loader', require('./loader'));
const app = express();
app.post('/admin/jobs', (req, res) => { jobs.restart(); res.end(); });
app.listen(4567);
`,
    });
    expect(contextsIn(open, 'src/loader.js', ["fs.unlinkSync(__dirname + '/pidfile')"])).toEqual({
      "fs.unlinkSync(__dirname + '/pidfile')":
        'request: called from `restart` (src/jobs.js), on the path of Express route handler `POST /admin/jobs` (src/routes.js)',
    });
  });

  it('reads fields assigned through a name for `this`', () => {
    const root = writeProject({
      'src/store.js': `
const fs = require('fs');
class Store {
  search(query) { return fs.readFileSync('/var/log/' + query.channel, 'utf8'); }
}
module.exports = Store;
`,
      'src/client.js': `
const Store = require('./store');
class Client {
  constructor(config) {
    const client = this;
    if (config.log) client.messageProvider = new Store();
  }
  search(query) { return this.messageProvider.search(query); }
}
module.exports = Client;
`,
      'src/server.js': `
const express = require('express');
const Client = require('./client');
const app = express();
const client = new Client({ log: true });
app.get('/search', (req, res) => res.json(client.search(req.query)));
app.listen(9000);
`,
    });
    expect(contextsIn(root, 'src/store.js', ["fs.readFileSync('/var/log/' + query.channel, 'utf8')"])).toEqual({
      "fs.readFileSync('/var/log/' + query.channel, 'utf8')":
        'request: called from `Client.search` (src/client.js), on the path of Express route handler `GET /search` (src/server.js)',
    });
  });

  it('runs the tasks of the async library in the flow of the code that starts them', () => {
    const root = writeProject({
      'src/setup.js': `
const async = require('async');
const series = require('async/series');
const fs = require('fs');
exports.setup = function (callback) {
  async.series([
    function (next) { fs.writeFileSync('config.json', '{}'); next(); },
  ], callback);
  series([function (next) { fs.mkdirSync('logs', { recursive: true }); next(); }], callback);
  async.parallel({ cache: function (next) { fs.rmSync('cache', { recursive: true, force: true }); next(); } }, callback);
  async.forever(function (next) { fs.readFileSync('/tmp/poll'); setTimeout(next, 1000); }, callback);
  const queue = async.queue(function (task, next) { fs.appendFileSync('audit.log', task.line); next(); });
  exports.audit = (line) => queue.push({ line });
};
`,
      'src/app.js': `
const express = require('express');
const setup = require('./setup');
setup.setup(() => {
  const app = express();
  app.post('/audit', (req, res) => { setup.audit(req.body.line); res.end(); });
  app.listen(3000);
});
`,
    });
    // A queue's worker runs whenever work is pushed, not as part of the call that creates the queue.
    expect(
      contextsIn(root, 'src/setup.js', [
        "fs.writeFileSync('config.json', '{}')",
        "fs.mkdirSync('logs', { recursive: true })",
        "fs.appendFileSync('audit.log', task.line)",
        "fs.rmSync('cache', { recursive: true, force: true })",
        "fs.readFileSync('/tmp/poll')",
      ]),
    ).toEqual({
      "fs.writeFileSync('config.json', '{}')": 'startup: only called from start-up code',
      "fs.mkdirSync('logs', { recursive: true })": 'startup: only called from start-up code',
      "fs.appendFileSync('audit.log', task.line)": 'unknown: not reached from a handler or from start-up code',
      "fs.rmSync('cache', { recursive: true, force: true })": 'startup: only called from start-up code',
      "fs.readFileSync('/tmp/poll')": 'unknown: not reached from a handler or from start-up code',
    });
    // The module read through an ES import's default export.
    const esm = writeProject({
      'src/start.mjs': `
import async from 'async';
import fs from 'fs';
async.series([function (next) { fs.writeFileSync('config.json', '{}'); next(); }], function () {});
`,
    });
    expect(contextsIn(esm, 'src/start.mjs', ["fs.writeFileSync('config.json', '{}')"])).toEqual({
      "fs.writeFileSync('config.json', '{}')": 'startup: only called from start-up code',
    });
  });

  it('runs a completion callback in the flow of the code that starts the operation', () => {
    const root = writeProject({
      'src/start.js': `
const fs = require('fs');
const store = require('./store');
const bus = require('./bus');
store.check(function (err, uptodate) {
  if (!uptodate) fs.writeFileSync('schema.lock', '1');
});
bus.subscribe('reload', function (message) { fs.readFileSync('config/' + message.name); });
bus.subscribe('order.created', function (err, order) { fs.writeFileSync('orders/' + order.id, ''); });
bus.on('error', function (err) { fs.appendFileSync('errors.log', String(err)); });
function watch(connection) {
  connection.on('error', function (err) { fs.unlinkSync('connection.lock'); });
}
watch(store.connection);
`,
      'src/store.js': `
const redis = require('redis');
const client = redis.createClient();
exports.check = function (callback) {
  client.get('schemaDate', function (err, value) { callback(err, value === '2017'); });
};
`,
      'src/bus.js': `
const EventEmitter = require('events');
const bus = new EventEmitter();
bus.subscribe = (name, listener) => bus.on(name, listener);
module.exports = bus;
`,
    });
    // A listener runs per event, later: not start-up code (an emitter the model does not know is taken for a request's).
    expect(
      contextsIn(root, 'src/start.js', [
        "fs.writeFileSync('schema.lock', '1')",
        "fs.readFileSync('config/' + message.name)",
        "fs.writeFileSync('orders/' + order.id, '')",
        "fs.appendFileSync('errors.log', String(err))",
        "fs.unlinkSync('connection.lock')",
      ]),
    ).toEqual({
      "fs.writeFileSync('schema.lock', '1')": 'startup: only called from start-up code',
      "fs.readFileSync('config/' + message.name)": 'unknown: not reached from a handler or from start-up code',
      "fs.writeFileSync('orders/' + order.id, '')": 'unknown: not reached from a handler or from start-up code',
      "fs.appendFileSync('errors.log', String(err))": 'unknown: not reached from a handler or from start-up code',
      "fs.unlinkSync('connection.lock')": 'request: `error` listener',
    });
  });

  it('runs a function passed to a helper that calls it in the flow of the code that passes it', () => {
    const root = writeProject({
      'src/batch.js': `
const async = require('async');
const store = require('./store');
exports.each = function (key, process, callback) {
  if (typeof process !== 'function') return callback(new Error('no process'));
  async.whilst(() => true, function (next) {
    store.range(key, function (err, ids) { process(ids, next); });
  }, callback);
};
exports.eachPage = function (key, process, callback) { exports.each(key, process, callback); };
exports.onReady = function (key, listener) { store.events.on(key, function () { listener(key); }); };
exports.wrap = function (work) { return function (req, res) { work(req.query, res); }; };
exports.retry = function (task, done) { task = task || function () {}; task(done); };
exports.schedule = function (job, ms) {
  const run = () => job();
  setInterval(run, ms);
  run();
};
exports.keep = function (job) { job(); return job; };
exports.everyTick = function (job, emitter) { job(); emitter.on('tick', job); };
exports.both = function (job) { const run = () => job(); run(); return run; };
exports.defer = function (job, pending) {
  const run = () => job();
  const enqueue = () => pending.push(run);
  run();
  enqueue();
};
`,
      'src/store.js': `
const EventEmitter = require('events');
exports.events = new EventEmitter();
exports.range = function (key, callback) { callback(null, [key]); };
`,
      'src/upgrade.js': `
const fs = require('fs');
const batch = require('./batch');
exports.run = function (done) {
  batch.each('posts', function (ids, next) { fs.writeFileSync('posts.lock', ids.join()); next(); }, done);
  batch.eachPage('users', function (ids, next) { fs.writeFileSync('users.lock', ids.join()); next(); }, done);
  batch.onReady('schema', function () { fs.readFileSync('schema.json'); });
  batch.retry(function (next) { fs.rmSync('tmp', { recursive: true }); next(); }, done);
  batch.schedule(function () { fs.readdirSync('spool'); }, 60000);
  batch.defer(function () { fs.unlinkSync('queue.lock'); }, []);
  exports.kept = batch.keep(function () { fs.readdirSync('kept'); });
  batch.everyTick(function () { fs.readdirSync('ticks'); }, process);
  exports.run = batch.both(function () { fs.readdirSync('both'); });
};
`,
      'src/app.js': `
const express = require('express');
const fs = require('fs');
const batch = require('./batch');
const upgrade = require('./upgrade');
const app = express();
app.get('/export', function (req, res) {
  batch.each('posts', function (ids, next) { res.write(fs.readFileSync('posts/' + ids[0])); next(); }, () => res.end());
});
app.get('/report', batch.wrap(function (query, res) { res.send(fs.readFileSync('reports/' + query.id)); }));
upgrade.run(function () { app.listen(3000); });
`,
    });
    expect(
      contextsIn(root, 'src/upgrade.js', [
        "fs.writeFileSync('posts.lock', ids.join())",
        "fs.writeFileSync('users.lock', ids.join())",
        "fs.readFileSync('schema.json')",
        "fs.rmSync('tmp', { recursive: true })",
        "fs.readdirSync('spool')",
        "fs.unlinkSync('queue.lock')",
        "fs.readdirSync('kept')",
        "fs.readdirSync('ticks')",
        "fs.readdirSync('both')",
      ]),
    ).toEqual({
      // Called by the helper while it runs, directly or through another helper it hands the function to.
      "fs.writeFileSync('posts.lock', ids.join())": 'startup: only called from start-up code',
      "fs.writeFileSync('users.lock', ids.join())": 'startup: only called from start-up code',
      // Called by a listener the helper registers: later, per event.
      "fs.readFileSync('schema.json')": 'unknown: not reached from a handler or from start-up code',
      // A parameter the helper may replace is not surely the function passed.
      "fs.rmSync('tmp', { recursive: true })": 'unknown: not reached from a handler or from start-up code',
      // Called at once and on every tick of an interval: not only in the flow of the code that schedules it.
      "fs.readdirSync('spool')": 'unknown: not reached from a handler or from start-up code',
      // Called at once and also handed to a list that something may call later.
      "fs.unlinkSync('queue.lock')": 'unknown: not reached from a handler or from start-up code',
      // Called at once and also returned, registered as a listener, or returned through a function that calls it.
      "fs.readdirSync('kept')": 'unknown: not reached from a handler or from start-up code',
      "fs.readdirSync('ticks')": 'unknown: not reached from a handler or from start-up code',
      "fs.readdirSync('both')": 'unknown: not reached from a handler or from start-up code',
    });
    expect(
      contextsIn(root, 'src/app.js', ["fs.readFileSync('posts/' + ids[0])", "fs.readFileSync('reports/' + query.id)"]),
    ).toEqual({
      "fs.readFileSync('posts/' + ids[0])": 'request: called from Express route handler `GET /export`',
      // A function the helper returns calls it: a handler registered through a wrapper, not the caller's flow.
      "fs.readFileSync('reports/' + query.id)": 'request: Express route handler `GET /report`',
    });
  });

  it('counts the arguments of a helper with a TypeScript `this` parameter from the first real one', () => {
    const root = writeProject({
      'src/batch.ts': `
export function each(this: unknown, key: string, process: (ids: string[]) => void): void {
  process([key]);
}
`,
      'src/upgrade.ts': `
import fs from 'fs';
import { each } from './batch';
each.call(undefined, 'posts', (ids: string[]) => fs.writeFileSync('posts.lock', ids.join()));
each('users', (ids: string[]) => fs.writeFileSync('users.lock', ids.join()));
`,
    });
    expect(contextsIn(root, 'src/upgrade.ts', ["fs.writeFileSync('users.lock', ids.join())"])).toEqual({
      "fs.writeFileSync('users.lock', ids.join())": 'startup: only called from start-up code',
    });
  });

  it("runs the function of OpenTelemetry's startActiveSpan at once, in the flow of its caller", () => {
    const root = writeProject({
      'src/tracing.js': `
const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('app');
exports.withSpan = async function (name, fn) {
  return tracer.startActiveSpan(name, async (span) => {
    try {
      return await fn(span);
    } finally {
      span.end();
    }
  });
};
`,
      'src/build.js': `
const fs = require('fs');
const { withSpan } = require('./tracing');
withSpan('build', async () => { fs.writeFileSync('dist/index.html', '<html></html>'); });
`,
    });
    expect(contextsIn(root, 'src/build.js', ["fs.writeFileSync('dist/index.html', '<html></html>')"])).toEqual({
      "fs.writeFileSync('dist/index.html', '<html></html>')": 'startup: only called from start-up code',
    });
  });

  it('does not take a loader passed to a helper for a read by the code that passes it', () => {
    const root = writeProject({
      'src/cache.js': `
const caches = new WeakMap();
exports.get = function (ctx, key, load) {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key);
};
`,
      'src/settings.js': `
const { Pool } = require('pg');
const cache = require('./cache');
const pool = new Pool();
exports.forRequest = function (ctx) {
  return cache.get(ctx, 'settings', () => pool.query('SELECT * FROM settings'));
};
exports.load = function () { return pool.query('SELECT * FROM settings'); };
function fresh() { return pool.query('SELECT * FROM rates'); }
exports.both = async function (ctx) { await fresh(); return cache.get(ctx, 'rates', fresh); };
`,
      'src/prices.js': `
const settings = require('./settings');
exports.list = async function (ctx, items) {
  const result = [];
  for (const item of items) result.push((await settings.forRequest(ctx)).rows[0].rate * item.price);
  for (const item of items) result.push((await settings.load()).rows[0].rate * item.price);
  for (const item of items) result.push((await settings.both(ctx)).rows[0].rate * item.price);
  return result;
};
`,
    });
    // The loader runs once per key, as the helper decides: calling the code that passes it is not a read each time.
    // A caller that also calls it itself reads data, as before.
    expect(accessesIn(root, 'src/prices.js', findDataAccessCalls)).toEqual([
      'project load settings.load()',
      'project both settings.both(ctx)',
    ]);
  });

  it('runs a listener registered with `once` in the context of the code that registers it', () => {
    const root = writeProject({
      'src/server.js': `
const http = require('http');
const fs = require('fs');
const { WebSocketServer } = require('ws');
const lifecycle = require('./lifecycle');
const server = http.createServer((req, res) => res.end());
server.once('error', function (err) { lifecycle.stop(err); });
const wss = new WebSocketServer({ server });
wss.on('connection', function (socket) {
  socket.once('message', function (data) { fs.appendFileSync('first-messages.log', String(data)); });
  socket.on('message', function (data) { fs.appendFileSync('messages.log', String(data)); });
});
server.listen(3000);
`,
      'src/lifecycle.js': `
const fs = require('fs');
exports.stop = function (err) { fs.writeFileSync('crash.log', String(err)); process.exit(1); };
`,
    });
    expect(contextsIn(root, 'src/lifecycle.js', ["fs.writeFileSync('crash.log', String(err))"])).toEqual({
      // Once per process: the server's error when it cannot listen.
      "fs.writeFileSync('crash.log', String(err))": 'startup: only called from start-up code',
    });
    expect(
      contextsIn(root, 'src/server.js', [
        "fs.appendFileSync('first-messages.log', String(data))",
        "fs.appendFileSync('messages.log', String(data))",
      ]),
    ).toEqual({
      // Once per connection: in the connection's context.
      "fs.appendFileSync('first-messages.log', String(data))": 'request: called from `connection` listener',
      // `on` registers a listener for every event: a handler of its own.
      "fs.appendFileSync('messages.log', String(data))": 'request: `message` listener',
    });
  });

  it('reads `async.apply(fn, ...args)` as a call of `fn` with those arguments', () => {
    const root = writeProject({
      'db.js': `
const Redis = require('ioredis');
const redis = new Redis();
exports.getUser = function (uid, fields, callback) { redis.hmget('user:' + uid, fields, callback); };
`,
      'users.js': `
const async = require('async');
const applied = require('async/apply');
const db = require('./db');
exports.load = function (uids, callback) {
  async.eachLimit(uids, 3, function (uid, next) {
    async.parallel({ user: async.apply(db.getUser, uid, ['name']), other: applied(db.getUser, uid, ['slug']) }, next);
  }, callback);
};
exports.own = function (fn, args) { return fn.apply(null, args); };
`,
    });
    expect(accessesIn(root, 'users.js', findDataAccessCalls)).toEqual([
      "project getUser async.apply(db.getUser, uid, ['name'])",
      "project getUser applied(db.getUser, uid, ['slug'])",
    ]);
  });

  it('reads a database module chosen by name from a folder, and commands named by the callers of a helper', () => {
    const root = writeProject({
      'src/database.js': `
const nconf = require('nconf');
module.exports = require(\`./database/\${nconf.get('database')}\`);
`,
      'src/lib/peek.js': `
const nconf = require('nconf');
// A name under the parent folder as a whole is no folder of drivers.
const anything = require('../' + nconf.get('module'));
exports.peek = (keys, callback) => keys.forEach((key) => anything.getSortedSetRange(key, 0, 1, callback));
`,
      'src/database/redis.js': `
(function (module) {
  const redis = require('redis');
  module.init = function (callback) {
    const client = redis.createClient(6379, 'localhost');
    module.client = client;
    require('./redis/sorted')(client, module);
    require('./redis/hash')(client, module);
    callback();
  };
}(exports));
`,
      'src/database/mongo.js': `
(function (module) {
  module.init = function (callback) { callback(); };
}(exports));
`,
      'src/database/redis/sorted.js': `
module.exports = function (client, module) {
  module.getSortedSetRange = function (key, start, stop, callback) {
    sortedSetRange('zrange', key, start, stop, callback);
  };
  module.getSortedSetRevRange = function (key, start, stop, callback) {
    sortedSetRange('zrevrange', key, start, stop, callback);
  };
  function sortedSetRange(method, key, start, stop, callback) {
    client[method]([key, start, stop], callback);
  }
};
`,
      'src/database/redis/hash.js': `
module.exports = function (client, module) {
  module.getObjectsFields = function (keys, fields, callback) {
    const multi = client.multi();
    for (const key of keys) multi.hmget.apply(multi, [key].concat(fields));
    multi.exec(callback);
  };
  module.getObjectsAndCounts = function (key, callback) {
    client.multi().hgetall(key).zcard(key + ':set').exec(callback);
  };
  module.deleteAll = function (keys, callback) {
    const multi = client.multi();
    for (const key of keys) multi.del(key);
    multi.exec(callback);
  };
  module.countAndTrim = function (key, callback) {
    client.multi().zcard(key).zremrangebyrank(key, 0, -100).exec(callback);
  };
  module.multiKeys = function (command, keys, callback) {
    const multi = client.multi();
    for (const key of keys) multi[command](key);
    multi.exec(callback);
  };
  module.queueElsewhere = function (keys, callback) {
    const multi = client.multi();
    queue(multi, keys);
    multi.exec(callback);
  };
  function queue(multi, keys) { for (const key of keys) multi.hgetall(key); }
  module.setObject = function (key, data, callback) {
    client[pick(data)](key, data, callback);
  };
  function pick(data) { return data ? 'hmset' : 'del'; }
};
`,
      'src/routes.js': `
const express = require('express');
const posts = require('./posts');
const app = express();
app.get('/recent', (req, res) => posts.recent(req.query.reverse === '1', (err, pids) => res.json(pids)));
app.listen(4567);
`,
      'src/posts.js': `
const async = require('async');
const db = require('./database');
exports.getFlagReasons = function (pids, callback) {
  async.map(pids, function (pid, next) {
    db.getSortedSetRange('pid:' + pid + ':flag:uid:reason', 0, -1, next);
  }, callback);
};
exports.getUsers = function (uids, callback) {
  async.map(uids, function (uid, next) {
    db.getObjectsFields(['user:' + uid], ['username'], next);
  }, callback);
};
exports.recent = function (reverse, callback) {
  db[reverse ? 'getSortedSetRevRange' : 'getSortedSetRange']('posts:pid', 0, 19, callback);
};
exports.save = function (posts, callback) {
  async.each(posts, function (post, next) { db.setObject('post:' + post.pid, post, next); }, callback);
};
exports.counts = function (tids, callback) {
  async.map(tids, function (tid, next) { db.getObjectsAndCounts('topic:' + tid, next); }, callback);
};
exports.remove = function (tids, callback) {
  async.each(tids, function (tid, next) { db.deleteAll(['topic:' + tid], next); }, callback);
  async.each(tids, function (tid, next) { db.countAndTrim('topic:' + tid, next); }, callback);
  async.each(tids, function (tid, next) { db.multiKeys('hgetall', ['topic:' + tid], next); }, callback);
  async.each(tids, function (tid, next) { db.queueElsewhere(['topic:' + tid], next); }, callback);
};
`,
    });
    // The folder of drivers is named as one; the parent folder as a whole is not.
    const refsOf = (file: string): string[] =>
      (summarizeText(path.join(root, file), readFileSync(path.join(root, file), 'utf8'), {})?.summary.refs ?? []).map(
        (ref) => ref.module,
      );
    expect(refsOf('src/database.js')).toContain('./database/*');
    expect(refsOf('src/lib/peek.js').filter((module) => module.endsWith('*'))).toEqual([]);
    // A transaction's `exec` sends what was queued: a read when every queued command is a lookup, not when one may
    // write, is chosen by a caller elsewhere, or is queued outside the function.
    expect(accessesIn(root, 'src/posts.js', findDataAccessCalls)).toEqual([
      "project getSortedSetRange db.getSortedSetRange('pid:' + pid + ':flag:uid:reason', 0, -1, next)",
      "project getObjectsFields db.getObjectsFields(['user:' + uid], ['username'], next)",
      "project getSortedSetRevRange db[reverse ? 'getSortedSetRevRange' : 'getSortedSetRange']('posts:pid', 0, 19, callback)",
      "project getObjectsAndCounts db.getObjectsAndCounts('topic:' + tid, next)",
    ]);
    // The member a request chooses between two names is one of those two, not any function of the module.
    expect(contextsIn(root, 'src/database/redis.js', ["redis.createClient(6379, 'localhost')"])).toEqual({
      "redis.createClient(6379, 'localhost')": 'unknown: not reached from a handler or from start-up code',
    });
  });

  it('reads a database facade whose exports an init function fills in, wrapped and promisified by name', () => {
    const root = writeProject({
      'db/DB.js': `
const ueberDB = require('ueberdb2');
const util = require('util');
const db = new ueberDB.Database('dirty', { filename: 'var/dirty.db' });
exports.init = async () => await new Promise((resolve) => {
  db.init(() => {
    ['get', 'set', 'getSub', 'remove'].forEach((fn) => {
      exports[fn] = util.promisify(db[fn].bind(db));
    });
    const get = exports.get;
    exports.get = async (key) => {
      const result = await get(key);
      return result === undefined ? null : result;
    };
    resolve();
  });
});
`,
      'db/AuthorManager.js': `
const db = require('./DB');
exports.getAuthorName = async (author) => await db.getSub(\`globalAuthor:\${author}\`, ['name']);
exports.setAuthorName = async (author, name) => await db.set(\`globalAuthor:\${author}\`, name);
exports.removeAuthor = async (author) => await db.remove(\`globalAuthor:\${author}\`);
`,
      'db/Pad.js': `
const db = require('./DB');
const authorManager = require('./AuthorManager');
exports.getChatMessage = async (padId, entryNum) => {
  const entry = await db.get(\`pad:\${padId}:chat:\${entryNum}\`);
  if (entry != null) entry.userName = await authorManager.getAuthorName(entry.userId);
  return entry;
};
exports.saveAuthors = async (authors) => {
  for (const author of authors) await authorManager.setAuthorName(author.id, author.name);
};
`,
    });
    expect(accessesIn(root, 'db/Pad.js', findDataAccessCalls)).toEqual([
      'ueberdb get db.get(`pad:${padId}:chat:${entryNum}`)',
      'project getAuthorName authorManager.getAuthorName(entry.userId)',
    ]);
    // Writes through the facade are not reads; `getSub` of the database is one.
    expect(accessesIn(root, 'db/AuthorManager.js', findDataAccessCalls)).toEqual([
      "ueberdb getSub db.getSub(`globalAuthor:${author}`, ['name'])",
    ]);
  });
});

describe('project graph: calls chosen at run time', () => {
  it("links `api[name].apply(...)` to the module's exported functions, and registers openapi-backend handlers", () => {
    const root = writeProject({
      'db/sessions.js': `exports.listSessionsOfGroup = async (groupID) => work('sessions');\n`,
      'db/API.js': `
const sessions = require('./sessions');
exports.listSessionsOfGroup = sessions.listSessionsOfGroup;
exports.getText = async (padID) => work('text');
`,
      'handler/APIHandler.js': `
const api = require('../db/API');
exports.handle = async function (functionName, fields) {
  return api[functionName].apply(this, [fields.id]);
};
`,
      'lib/util.js': `exports.format = (value) => work('format');\n`,
      'server.js': `
const OpenAPIBackend = require('openapi-backend').default;
const apiHandler = require('./handler/APIHandler');
const util = require('./lib/util');
const api = new OpenAPIBackend({ definition: 'openapi.json' });
for (const name of ['listSessionsOfGroup', 'getText']) {
  api.register(\`\${name}UsingGET\`, async (c) => apiHandler.handle(name, c.request.query));
}
util.format.call(null, 'ready');
`,
    });
    const onPath =
      'request: called from `handle` (handler/APIHandler.js), on the path of openapi-backend `register` handler `…` ' +
      '(server.js)';
    expect(contextsIn(root, 'db/sessions.js', ["work('sessions')"])).toEqual({ "work('sessions')": onPath });
    expect(contextsIn(root, 'db/API.js', ["work('text')"])).toEqual({ "work('text')": onPath });
    expect(contextsIn(root, 'lib/util.js', ["work('format')"])).toEqual({
      "work('format')": 'startup: only called from start-up code',
    });
  });
});

describe("project graph: the application's own events", () => {
  it('runs a listener inside the emit calls of the same emitter: per request, at start-up, or by name pattern', () => {
    const root = writeProject({
      'lib/bus.js': `
const EventEmitter = require('eventemitter3');
module.exports = new EventEmitter();
`,
      'lib/jobs.js': `
const { EventEmitter } = require('node:events');
class Jobs extends EventEmitter {
  constructor() {
    super();
    this.on('job.finished', (job) => work('finished'));
  }
  finish(job) { this.emit('job.finished', job); }
}
module.exports = new Jobs();
`,
      'lib/cache.js': `
const bus = require('./bus');
bus.on('post.edited', () => work('edited'));
bus.on('post.deleted', () => work('deleted'));
bus.on('server.start', () => work('start'));
bus.on('user.added', () => work('user'));
`,
      'lib/posts.js': `
const bus = require('./bus');
exports.edit = (post, change) => bus.emit(\`post.\${change}\`, post);
`,
      'server.js': `
const express = require('express');
const bus = require('./lib/bus');
const posts = require('./lib/posts');
const jobs = require('./lib/jobs');
require('./lib/cache');
const app = express();
app.put('/posts/:id', (req, res) => { posts.edit(req.body, req.query.change); res.end(); });
app.post('/jobs/:id/finish', (req, res) => { jobs.finish(req.params.id); res.end(); });
bus.emit('server.start');
app.listen(3000);
`,
    });
    // `post.${change}` can be `post.edited` and `post.deleted`, not `user.added`, which nothing in the project emits:
    // its listener, registered at start-up, handles no request.
    const onPath =
      'request: called from `edit` (lib/posts.js), on the path of Express route handler `PUT /posts/:id` (server.js)';
    expect(
      contextsIn(root, 'lib/cache.js', ["work('edited')", "work('deleted')", "work('start')", "work('user')"]),
    ).toEqual({
      "work('edited')": onPath,
      "work('deleted')": onPath,
      "work('start')": 'startup: only called from start-up code',
      "work('user')": 'unknown: not reached from a handler or from start-up code',
    });
    expect(contextsIn(root, 'lib/jobs.js', ["work('finished')"])).toEqual({
      "work('finished')":
        'request: called from `Jobs.finish`, on the path of Express route handler `POST /jobs/:id/finish` (server.js)',
    });
  });

  it("leaves a socket's listeners to the socket: its emit sends to the other end", () => {
    const root = writeProject({
      'server.js': `
const { Server } = require('socket.io');
const io = new Server(3000);
io.on('connection', (socket) => {
  socket.on('draft', (draft) => { work('draft'); socket.emit('draft', { saved: true }); });
});
`,
    });
    expect(contextsIn(root, 'server.js', ["work('draft')"])).toEqual({
      "work('draft')": 'request: `draft` listener',
    });
  });

  it("makes handlers of a bus's listeners only where per-request code registers them, of others' everywhere", () => {
    const root = writeProject({
      'lib/flows.js': `
const events = require('@node-red/util').events;
exports.init = function (runtime) {
  events.on('type-registered', (type) => work('registered'));
};
`,
      'lib/db.js': `
const knex = require('knex')({ client: 'pg' });
knex.on('query', (query) => work('query'));
module.exports = knex;
`,
      'lib/jobs.js': `
const { QueueEvents } = require('bullmq');
exports.start = function () {
  new QueueEvents('mail').on('completed', (job) => work('completed'));
};
`,
      'lib/progress.js': `module.exports = new (require('events'))();\n`,
      'lib/imports.js': `
const progress = require('./progress');
exports.onDone = function onDone() { work('done'); };
progress.on('import.started', () => work('started'));
progress.on('cache.flush', () => work('flush'));
`,
      'lib/worker.js': `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => work('job'));
`,
      'lib/plugins/message.js': `
module.exports = function (irc) {
  irc.on('privmsg', (data) => work('privmsg'));
};
`,
      'lib/network.js': `
exports.connect = function (irc, plugins) {
  for (const name of plugins) require('./plugins/' + name)(irc);
};
`,
      'lib/sockets.js': `
const { Server } = require('socket.io');
exports.start = function (server) {
  const io = new Server(server);
  io.on('connection', (socket) => socket.on('chat', (text) => work('chat')));
};
`,
      'server.js': `
const http = require('http');
const express = require('express');
const sockets = require('./lib/sockets');
const db = require('./lib/db');
const jobs = require('./lib/jobs');
const progress = require('./lib/progress');
const { onDone } = require('./lib/imports');
const app = express();
app.post('/import', (req, res) => {
  progress.once('import.done', onDone);
  res.end();
});
app.delete('/cache', (req, res) => {
  req.app.get('bus').emit('cache.flush');
  res.end();
});
jobs.start();
const server = http.createServer(app);
sockets.start(server);
server.listen(3000);
`,
    });
    // On a package's event bus, registered by code that does not run per request (here of unknown context): no
    // handler. On what a plugin is passed (a plugin loaded by a computed name): a handler.
    expect(contextsIn(root, 'lib/flows.js', ["work('registered')"])).toEqual({
      "work('registered')": 'unknown: not reached from a handler or from start-up code',
    });
    expect(contextsIn(root, 'lib/plugins/message.js', ["work('privmsg')"])).toEqual({
      "work('privmsg')": 'request: `privmsg` listener',
    });
    // A client's events (a knex instance's `query`, a queue's `completed`) come with its operations: handlers,
    // wherever they are registered.
    expect(contextsIn(root, 'lib/db.js', ["work('query')"])).toEqual({
      "work('query')": 'request: `query` listener',
    });
    expect(contextsIn(root, 'lib/jobs.js', ["work('completed')"])).toEqual({
      "work('completed')": 'request: `completed` listener',
    });
    expect(contextsIn(root, 'lib/sockets.js', ["work('chat')"])).toEqual({
      "work('chat')": 'request: `chat` listener',
    });
    // On the project's bus: registered per request with `once`, it runs once per request, in the handler's context
    // (`onDone` is defined in another file); registered at start-up, none, unless some emit of the project, on an
    // emitter the graph cannot tell, may send the event.
    expect(contextsIn(root, 'lib/imports.js', ["work('done')", "work('started')", "work('flush')"])).toEqual({
      "work('done')": 'request: called from Express route handler `POST /import` (server.js)',
      "work('started')": 'unknown: not reached from a handler or from start-up code',
      "work('flush')": 'request: `cache.flush` listener',
    });
    // A built-in module's emitter is no bus: a worker's messages come from its parent.
    expect(contextsIn(root, 'lib/worker.js', ["work('job')"])).toEqual({
      "work('job')": 'request: `message` listener',
    });
  });
});

/** The pattern of the event argument of `bus.emit(<expression>)`. */
function eventPatternOf(expression: string): string {
  return withSourceCode(`bus.emit(${expression});`, (sourceCode) => {
    const statement = sourceCode.ast.body[0];
    if (
      statement.type !== AST_NODE_TYPES.ExpressionStatement ||
      statement.expression.type !== AST_NODE_TYPES.CallExpression
    ) {
      throw new Error('not a call');
    }
    return eventPattern(statement.expression.arguments[0]);
  });
}

describe('matchesEvent', () => {
  it('matches the names an emit with a run-time part can be', () => {
    expect(matchesEvent(eventPatternOf('`post.${change}`'), 'post.edited')).toBe(true);
    expect(matchesEvent(eventPatternOf('`post.${change}`'), 'user.added')).toBe(false);
    expect(matchesEvent(eventPatternOf("'settings.' + key + '.edited'"), 'settings.locale.edited')).toBe(true);
    expect(matchesEvent(eventPatternOf("'settings.' + key + '.edited'"), 'settings.locale.deleted')).toBe(false);
    expect(matchesEvent(eventPatternOf('name'), 'anything')).toBe(true);
    expect(matchesEvent(eventPatternOf("'ready'"), 'ready')).toBe(true);
    expect(matchesEvent(eventPatternOf("'ready'"), 'readyz')).toBe(false);
  });
});

describe('project graph: searches of long-lived lists in the functions a call reaches', () => {
  const root = writeProject({
    'models/chan.js': `
class Chan {
  kinds = ['channel', 'query', 'special'];
  history = [];
  findEntry = (id) => this.history.find((entry) => entry.id === id);
  constructor(config, levels) {
    this.messages = [];
    this.modes = ['moderated', 'secret', 'topic'];
    this.topic = '';
    this.config = config;
    this.levels = levels;
  }
  findMessage(msgId) {
    return this.messages.find((message) => message.id === msgId);
  }
  findByAuthor(since = 0, author) {
    return this.messages.filter((message) => message.author === author.toLowerCase());
  }
  hasKind(kind) {
    return this.kinds.includes(kind);
  }
  hasMode(mode) {
    return this.modes.includes(mode);
  }
  setTopic(topic) {
    this.topic = topic;
  }
  mentions(word) {
    return this.topic.includes(word);
  }
  hasLevel(level) {
    return this.levels.includes(level);
  }
  hasQueue(name) {
    return this.config.queues.includes(name);
  }
  latest() {
    return this.messages.find((message) => message.id === this.lastId);
  }
  findAll(ids) {
    return ids.map((id) => this.messages.find((message) => message.id === id));
  }
  pick(list, id) {
    return list.find((item) => item.id === id);
  }
}
module.exports = Chan;
`,
    'models/sessions.js': `
const levels = require('./levels');
const sessions = [];
const FROZEN = Object.freeze(['debug', 'info']);
const SPLIT = 'debug,info,warn'.split(',');
const VIA = levels.LEVELS;
exports.add = (session) => sessions.push(session);
exports.findSession = function findSession(token) {
  return sessions.find((session) => session.token === token);
};
exports.isFrozen = (level) => FROZEN.includes(level);
exports.isSplit = (level) => SPLIT.includes(level);
exports.isVia = (level) => VIA.includes(level);
`,
    'models/levels.js': `exports.LEVELS = ['debug', 'info', 'warn'];\n`,
    'models/store.ts': `
const sessions: { token: string }[] = [];
export function add(session: { token: string }) {
  sessions.push(session);
}
export function findStored(this: void, token: string, note?: string) {
  return sessions.find((session) => session.token === token);
}
`,
    'routes.js': `
const Chan = require('./models/chan');
const { findSession, isFrozen, isSplit, isVia } = require('./models/sessions');
const { findStored } = require('./models/store');
const chan = new Chan({ queues: [] }, ['debug']);
module.exports = (app) => {
  app.post('/toggle', (req, res) => {
    const { body } = req;
    const found = [chan.findMessage(body.id), chan.findByAuthor(0, body.author), chan.findEntry(body.id)];
    found.push(chan.hasKind(body.kind), chan.hasMode(body.mode), chan.mentions(body.word), chan.hasLevel(body.level));
    found.push(chan.hasQueue(body.queue), chan.latest(), chan.findAll(body.ids), chan.pick(found, 1));
    found.push(findSession(body.token), isFrozen(body.level), isSplit(body.level), isVia(body.level));
    found.push(findStored(body.token));
    res.json(found);
  });
};
`,
  });

  it('names the function, the argument it searches by and the list, for each call that reaches one', () => {
    expect(searchesIn(root, 'routes.js', findProjectSearches)).toEqual([
      'chan.findMessage(body.id) -> Chan.findMessage(#0) this.messages.find() (models/chan.js)',
      'chan.findByAuthor(0, body.author) -> Chan.findByAuthor(#1) this.messages.filter() (models/chan.js)',
      'chan.findEntry(body.id) -> Chan.findEntry(#0) this.history.find() (models/chan.js)',
      'findSession(body.token) -> findSession(#0) sessions.find() (models/sessions.js)',
      'findStored(body.token) -> findStored(#0) sessions.find() (models/store.ts)',
    ]);
  });
});
