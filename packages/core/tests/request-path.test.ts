import { describe, expect, it } from 'vitest';
import { analyse, type AnalyseOptions } from './analyse.js';

/** `context: reason` of the code at each snippet. */
function contexts(code: string, snippets: readonly string[], options?: AnalyseOptions): Record<string, string> {
  const analysis = analyse(code, options);
  return Object.fromEntries(
    snippets.map((snippet) => {
      const { context, reason } = analysis.at(snippet);
      return [snippet, `${context}: ${reason}`];
    }),
  );
}

const UNKNOWN = 'unknown: not reached from a handler or from start-up code';

describe('getRequestPathModel: Express', () => {
  it('classifies app and router verbs, all, use and route().get', () => {
    const code = `
import express from 'express';
const app = express();
const router = express.Router();
app.get('/users', (req, res) => { work('get'); });
app.post('/users', function create(req, res) { work('post'); });
app.all('/any', (req, res) => { work('all'); });
app.use((req, res, next) => { work('use'); next(); });
app.use('/api', (req, res, next) => { work('use-path'); next(); });
router.delete('/users/:id', (req, res) => { work('router-delete'); });
router.route('/items').get((req, res) => { work('route-get'); }).put((req, res) => { work('route-put'); });
app.use('/api', router);
app.listen(3000, () => { work('listen'); });
work('top');
`;
    expect(
      contexts(code, [
        "work('get')",
        "work('post')",
        "work('all')",
        "work('use')",
        "work('use-path')",
        "work('router-delete')",
        "work('route-get')",
        "work('route-put')",
        "work('listen')",
        "work('top')",
      ]),
    ).toEqual({
      "work('get')": 'request: Express route handler `GET /users`',
      "work('post')": 'request: Express route handler `POST /users`',
      "work('all')": 'request: Express route handler `ALL /any`',
      "work('use')": 'request: Express middleware',
      "work('use-path')": 'request: Express middleware `/api`',
      "work('router-delete')": 'request: Express route handler `DELETE /users/:id`',
      "work('route-get')": 'request: Express route handler `GET /items`',
      "work('route-put')": 'request: Express route handler `PUT /items`',
      "work('listen')": 'startup: `listen` callback',
      "work('top')": 'startup: module top level',
    });
  });

  it('recognises a destructured Router and CommonJS requires', () => {
    const code = `
const { Router } = require('express');
const router = Router();
router.get('/health', (req, res) => { work('health'); });
module.exports = router;
`;
    expect(contexts(code, ["work('health')"], { sourceType: 'commonjs' })).toEqual({
      "work('health')": 'request: Express route handler `GET /health`',
    });
  });

  it('follows handlers passed by reference', () => {
    const code = `
import express from 'express';
const app = express();
function declared(req, res) { work('declaration'); }
const arrow = async (req, res) => { work('arrow'); };
const controller = { list(req, res) { work('object-method'); } };
class UsersController {
  show(req, res) { work('class-method'); }
  mount(router) { router.get('/users/:id', this.show); }
}
function bound(req, res) { work('bound'); }
const asyncHandler = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);
function wrapped(req, res) { work('wrapped'); }
function makeHandler(name) { return (req, res) => { work('factory'); }; }
app.get('/a', declared);
app.get('/b', arrow);
app.get('/c', controller.list);
app.get('/d', bound.bind(null));
app.get('/e', asyncHandler(wrapped));
app.get('/f', makeHandler('f'));
new UsersController().mount(app);
`;
    expect(
      contexts(code, [
        "work('declaration')",
        "work('arrow')",
        "work('object-method')",
        "work('bound')",
        "work('wrapped')",
        "work('factory')",
      ]),
    ).toEqual({
      "work('declaration')": 'request: Express route handler `GET /a`',
      "work('arrow')": 'request: Express route handler `GET /b`',
      "work('object-method')": 'request: Express route handler `GET /c`',
      "work('bound')": 'request: Express route handler `GET /d`',
      "work('wrapped')": 'request: Express route handler `GET /e`',
      "work('factory')": 'request: Express route handler `GET /f`',
    });
  });

  it('follows middleware arrays, spread lists, instances of local classes and const paths', () => {
    const code = `
import express from 'express';
import { routes } from './paths.js';
const app = express();
function auth(req, res, next) { work('auth'); next(); }
function show(req, res) { work('array'); }
app.get('/x', [auth, show]);
const guards = [(req, res, next) => { work('spread'); next(); }];
app.post('/y', ...guards, (req, res) => res.end());
class UsersController { list(req, res) { work('instance-method'); } }
const users = new UsersController();
app.get('/users', users.list);
const ORDERS = '/orders';
app.get(ORDERS, (req, res) => { work('const-path'); });
app.get(routes.items, (req, res) => { work('opaque-path'); });
app.use(express.static('public'), (req, res) => { work('after-static'); });
`;
    expect(
      contexts(code, [
        "work('auth')",
        "work('array')",
        "work('spread')",
        "work('instance-method')",
        "work('const-path')",
        "work('opaque-path')",
        "work('after-static')",
      ]),
    ).toEqual({
      "work('auth')": 'request: Express route handler `GET /x`',
      "work('array')": 'request: Express route handler `GET /x`',
      "work('spread')": 'request: Express route handler `POST /y`',
      "work('instance-method')": 'request: Express route handler `GET /users`',
      "work('const-path')": 'request: Express route handler `GET /orders`',
      "work('opaque-path')": 'request: Express route handler `GET …`',
      "work('after-static')": 'request: Express middleware',
    });
  });

  it('follows this.method handlers inside a class', () => {
    const code = `
import { Router } from 'express';
export class UsersRoutes {
  router = Router();
  constructor() {
    this.router.get('/users', this.list);
    this.router.get('/users/:id', this.show.bind(this));
  }
  list(req, res) { work('list'); }
  show(req, res) { work('show'); }
}
`;
    expect(contexts(code, ["work('list')", "work('show')"])).toEqual({
      "work('list')": 'request: route handler `GET /users`',
      "work('show')": 'request: route handler `GET /users/:id`',
    });
  });

  it('extends the request path to same-file helpers, transitively, and to nested callbacks', () => {
    const code = `
import express from 'express';
const app = express();
function format(row) { work('format'); return row; }
function load(ids) { work('load'); return ids.map((id) => format(id)); }
app.get('/rows', async (req, res) => {
  const rows = load(req.query.ids);
  res.json(rows.filter((row) => { work('filter'); return row; }));
});
`;
    expect(contexts(code, ["work('load')", "work('format')", "work('filter')"])).toEqual({
      "work('load')": 'request: called from Express route handler `GET /rows`',
      "work('format')": 'request: called from Express route handler `GET /rows`',
      "work('filter')": 'request: called from Express route handler `GET /rows`',
    });
    const model = analyse(code).model();
    expect(model.handlers.map((h) => [h.kind, h.description])).toEqual([
      ['route', 'Express route handler `GET /rows`'],
    ]);
  });

  it('keeps a helper used both at start-up and by a handler on the request path', () => {
    const code = `
import express from 'express';
const app = express();
function readConfig() { work('config'); }
readConfig();
app.get('/config', (req, res) => res.json(readConfig()));
`;
    expect(contexts(code, ["work('config')"])).toEqual({
      "work('config')": 'request: called from Express route handler `GET /config`',
    });
  });
});

describe('getRequestPathModel: constructors of parent classes', () => {
  it('runs a parent constructor through super(), and for a subclass that declares no constructor', () => {
    const classes = `
const express = require('express');
const app = express();
class Base {
  constructor() { work('base'); }
}
class Scoped extends Base {
  constructor(req) { super(); this.req = req; }
}
class Plain extends Base {}
class Other {
  constructor() { work('other'); }
}
`;
    const withSuper = `${classes}app.get('/a', (req, res) => res.json(new Scoped(req)));\n`;
    const implicit = `${classes}app.get('/b', (req, res) => res.json(new Plain()));\n`;
    expect(contexts(withSuper, ["work('base')", "work('other')"])).toEqual({
      "work('base')": 'request: called from Express route handler `GET /a`',
      "work('other')": UNKNOWN,
    });
    expect(contexts(implicit, ["work('base')"])).toEqual({
      "work('base')": 'request: called from Express route handler `GET /b`',
    });
  });
});

describe('getRequestPathModel: lazy fields of long-lived instances', () => {
  it('reads a field set once on an instance that start-up code creates as start-up work, not one made elsewhere', () => {
    const code = (creation: string): string => `
const express = require('express');
const app = express();
class Files {
  constructor(uri) { this.uri = uri; }
  bucket() {
    if (!this.connection) {
      this.connection = work('connect');
    }
    return this.connection;
  }
}
${creation}
`;
    const kept = code(
      "let files;\nfunction boot(uri) {\n  files = new Files(uri);\n}\nboot(process.env.FILES_URI);\napp.get('/f', (req, res) => res.json(files.bucket()));",
    );
    // Created where the graph sees no caller: it may be per request (a GraphQL server's context function).
    const unplaced = code(
      "let files;\nexports.boot = (uri) => { files = new Files(uri); };\napp.get('/f', (req, res) => res.json(files.bucket()));",
    );
    const perRequest = code("app.get('/f', (req, res) => res.json(new Files(req.query.uri).bucket()));");
    expect(contexts(kept, ["work('connect')"])["work('connect')"]).toMatch(/^startup: runs once/u);
    for (const variant of [unplaced, perRequest]) {
      expect(contexts(variant, ["work('connect')"])).toEqual({
        "work('connect')": 'request: called from Express route handler `GET /f`',
      });
    }
  });
});

describe('getRequestPathModel: other HTTP frameworks', () => {
  it('classifies Koa middleware and @koa/router routes', () => {
    const code = `
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/users', async (ctx) => { work('koa-route'); });
router.post('/a', async (ctx) => { work('chained-1'); }).del('/b', async (ctx) => { work('chained-2'); });
app.use(async (ctx, next) => { work('koa-use'); await next(); });
app.use(router.routes());
`;
    expect(contexts(code, ["work('koa-route')", "work('chained-1')", "work('chained-2')", "work('koa-use')"])).toEqual({
      "work('koa-route')": 'request: Koa route handler `GET /users`',
      "work('chained-1')": 'request: Koa route handler `POST /a`',
      "work('chained-2')": 'request: Koa route handler `DELETE /b`',
      "work('koa-use')": 'request: Koa middleware',
    });
  });

  it('classifies Fastify shorthand routes, route({ handler }) and hooks', () => {
    const code = `
import Fastify from 'fastify';
const app = Fastify({ logger: true });
app.get('/items', async (request, reply) => { work('shorthand'); });
app.route({ method: 'POST', url: '/items', handler: async (request, reply) => { work('route-object'); } });
app.addHook('onRequest', async (request) => { work('on-request'); });
app.addHook('onReady', async () => { work('on-ready'); });
await app.listen({ port: 3000 });
`;
    expect(
      contexts(code, ["work('shorthand')", "work('route-object')", "work('on-request')", "work('on-ready')"]),
    ).toEqual({
      "work('shorthand')": 'request: Fastify route handler `GET /items`',
      "work('route-object')": 'request: Fastify route handler `POST /items`',
      "work('on-request')": 'request: Fastify `onRequest` hook',
      "work('on-ready')": 'startup: `onReady` hook',
    });
  });

  it('recognises routes registered on a Fastify plugin parameter by their shape', () => {
    const code = `
export default async function routes(fastify, options) {
  fastify.get('/plugin', async (request) => { work('plugin-get'); });
  fastify.route({ method: 'GET', url: '/plugin/all', handler: async () => { work('plugin-route'); } });
  fastify.decorate('helper', () => { work('decorate'); });
}
`;
    expect(contexts(code, ["work('plugin-get')", "work('plugin-route')", "work('decorate')"])).toEqual({
      "work('plugin-get')": 'request: route handler `GET /plugin`',
      "work('plugin-route')": 'request: route handler `GET /plugin/all`',
      "work('decorate')": UNKNOWN,
    });
  });

  it('classifies Hapi routes, one object or an array', () => {
    const code = `
const Hapi = require('@hapi/hapi');
const server = Hapi.server({ port: 3000 });
server.route({ method: 'GET', path: '/one', handler: (request, h) => { work('one'); } });
server.route([
  { method: 'GET', path: '/two', handler: (request, h) => { work('two'); } },
  { method: 'POST', path: '/three', handler: function (request, h) { work('three'); } },
]);
`;
    expect(contexts(code, ["work('one')", "work('two')", "work('three')"], { sourceType: 'commonjs' })).toEqual({
      "work('one')": 'request: Hapi route handler `GET /one`',
      "work('two')": 'request: Hapi route handler `GET /two`',
      "work('three')": 'request: Hapi route handler `POST /three`',
    });
  });

  it('classifies http.createServer callbacks and server.on("request") listeners', () => {
    const code = `
import http from 'node:http';
import { createServer } from 'https';
const server = http.createServer((req, res) => { work('create-server'); });
const other = createServer({});
other.on('request', (req, res) => { work('on-request'); });
other.on('listening', () => { work('on-listening'); });
server.listen(8080, () => { work('listen'); });
`;
    expect(
      contexts(code, ["work('create-server')", "work('on-request')", "work('on-listening')", "work('listen')"]),
    ).toEqual({
      "work('create-server')": 'request: http request listener',
      "work('on-request')": 'request: `request` listener',
      "work('on-listening')": 'startup: `listening` listener',
      "work('listen')": 'startup: `listen` callback',
    });
  });
});

describe('getRequestPathModel: NestJS', () => {
  const code = `
import { Controller, Get, Injectable, Post } from '@nestjs/common';
@Injectable()
export class UsersService {
  constructor() { work('service-constructor'); }
  onModuleInit() { work('module-init'); }
  find() { work('service-find'); }
}
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) { work('controller-constructor'); }
  @Get(':id')
  show() { work('get'); return this.users.find(); }
  @Post()
  async create() { work('post'); }
  helper() { work('undecorated'); }
}
`;
  it('treats decorated controller methods as handlers and provider constructors and init hooks as start-up', () => {
    expect(
      contexts(
        code,
        [
          "work('service-constructor')",
          "work('module-init')",
          "work('controller-constructor')",
          "work('get')",
          "work('post')",
          "work('undecorated')",
        ],
        { filename: 'src/users.controller.ts' },
      ),
    ).toEqual({
      "work('service-constructor')": 'startup: NestJS provider constructor',
      "work('module-init')": 'startup: NestJS `onModuleInit` lifecycle hook',
      "work('controller-constructor')": 'startup: NestJS provider constructor',
      "work('get')": 'request: NestJS handler `UsersController.show` (@Get)',
      "work('post')": 'request: NestJS handler `UsersController.create` (@Post)',
      "work('undecorated')": UNKNOWN,
    });
  });

  it('runs the constructor of a request-scoped provider per request, and of a transient one in no known context', () => {
    const scoped = `
import { Inject, Injectable, Scope } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';
@Injectable({ scope: Scope.REQUEST })
export class RequestContext {
  constructor() { work('request-scoped'); }
}
@Injectable({ scope: Scope.TRANSIENT })
export class Logger {
  constructor() { work('transient'); }
  onModuleInit() { work('transient-init'); }
}
@Injectable({ scope: Scope.DEFAULT })
export class Settings {
  constructor() { work('default'); }
}
@Injectable()
export class Tenant {
  constructor(@Inject(REQUEST) private readonly request: unknown) { work('injects-request'); }
}
`;
    expect(
      contexts(
        scoped,
        [
          "work('request-scoped')",
          "work('transient')",
          "work('transient-init')",
          "work('default')",
          "work('injects-request')",
        ],
        { filename: 'src/scoped.ts' },
      ),
    ).toEqual({
      "work('request-scoped')": 'request: NestJS request-scoped provider `RequestContext` constructor',
      "work('transient')": UNKNOWN,
      "work('transient-init')": 'startup: NestJS `onModuleInit` lifecycle hook',
      "work('default')": 'startup: NestJS provider constructor',
      "work('injects-request')": 'request: NestJS request-scoped provider `Tenant` constructor',
    });
  });

  it('builds a provider per request when it is given a request-scoped one, up the chain of injections', () => {
    const code = `
import { Inject, Injectable, Scope } from '@nestjs/common';
@Injectable({ scope: Scope.REQUEST })
export class RequestContext {
  constructor() { work('context'); }
}
@Injectable()
export class Tenants {
  constructor(private readonly context: RequestContext) { work('tenants'); }
}
@Injectable()
export class Billing {
  constructor(private readonly tenants: Tenants, private readonly clock: Clock) { work('billing'); }
}
@Injectable()
export class Clock {
  constructor() { work('clock'); }
}
@Injectable()
export class ByToken {
  constructor(@Inject('SHARED_CONTEXT') private readonly context: RequestContext) { work('by-token'); }
}
`;
    expect(
      contexts(code, ["work('tenants')", "work('billing')", "work('clock')", "work('by-token')"], {
        filename: 'src/scoped.ts',
      }),
    ).toEqual({
      "work('tenants')":
        'request: NestJS provider `Tenants` constructor, built per request: it is given the request-scoped ' +
        '`RequestContext`',
      "work('billing')":
        'request: NestJS provider `Billing` constructor, built per request: it is given the request-scoped `Tenants`',
      "work('clock')": 'startup: NestJS provider constructor',
      // What the token provides is given, whatever the declared type.
      "work('by-token')": 'startup: NestJS provider constructor',
    });
    const compiled = `"use strict";
const common_1 = require("@nestjs/common");
let RequestContext = class RequestContext {
    constructor() { work('compiled-context'); }
};
RequestContext = __decorate([(0, common_1.Injectable)({ scope: common_1.Scope.REQUEST })], RequestContext);
let Tenants = class Tenants {
    constructor(context) { work('compiled-tenants'); }
};
Tenants = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [RequestContext])
], Tenants);
exports.Tenants = Tenants;
`;
    expect(contexts(compiled, ["work('compiled-tenants')"], { filename: 'dist/t.js' })).toEqual({
      "work('compiled-tenants')":
        'request: NestJS provider `Tenants` constructor, built per request: it is given the request-scoped ' +
        '`RequestContext`',
    });
  });

  it('reads the injection of the request in compiled code', () => {
    const compiled = `"use strict";
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
let Tenant = class Tenant {
    constructor(request) { work('compiled-request'); }
};
Tenant = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(core_1.REQUEST))
], Tenant);
let Plain = class Plain {
    constructor() { work('compiled-plain'); }
};
Plain = __decorate([(0, common_1.Injectable)()], Plain);
exports.Tenant = Tenant;
exports.Plain = Plain;
`;
    expect(
      contexts(compiled, ["work('compiled-request')", "work('compiled-plain')"], { filename: 'dist/t.js' }),
    ).toEqual({
      "work('compiled-request')": 'request: NestJS request-scoped provider `Tenant` constructor',
      "work('compiled-plain')": 'startup: NestJS provider constructor',
    });
  });

  it('does not treat decorators of other libraries as NestJS ones', () => {
    const other = `
import { Controller, Get } from './my-decorators';
@Controller('x')
export class X { @Get() show() { work('lookalike'); } }
`;
    expect(contexts(other, ["work('lookalike')"], { filename: 'src/x.ts' })).toEqual({ "work('lookalike')": UNKNOWN });
  });
});

describe('getRequestPathModel: GraphQL, queues, timers and emitters', () => {
  it('classifies resolver maps, root and non-root types, and { resolve } objects', () => {
    const code = `
export const resolvers = {
  Query: {
    user: async (_, { id }) => { work('query'); },
    feed: { resolve: async () => { work('resolve-object'); } },
  },
  User: {
    posts(parent) { work('field'); },
  },
};
`;
    const analysis = analyse(code);
    expect(
      Object.fromEntries(
        ["work('query')", "work('resolve-object')", "work('field')"].map((s) => [
          s,
          `${analysis.at(s).context}: ${analysis.at(s).reason}`,
        ]),
      ),
    ).toEqual({
      "work('query')": 'request: GraphQL resolver `Query.user`',
      "work('resolve-object')": 'request: GraphQL resolver `Query.feed`',
      "work('field')": 'request: GraphQL resolver `User.posts`',
    });
    expect(analysis.model().handlers.map((h) => h.graphql)).toEqual([
      { typeName: 'Query', fieldName: 'user', root: true },
      { typeName: 'Query', fieldName: 'feed', root: true },
      { typeName: 'User', fieldName: 'posts', root: false },
    ]);
  });

  it('classifies resolvers of new GraphQLObjectType', () => {
    const code = `
import { GraphQLObjectType, GraphQLString } from 'graphql';
export const Author = new GraphQLObjectType({
  name: 'Author',
  fields: () => ({
    name: { type: GraphQLString, resolve: (author) => { work('author-name'); } },
  }),
});
`;
    const analysis = analyse(code);
    expect(analysis.at("work('author-name')")).toMatchObject({
      context: 'request',
      reason: 'GraphQL resolver `Author.name`',
    });
    expect(analysis.model().handlers[0]?.graphql).toEqual({ typeName: 'Author', fieldName: 'name', root: false });
  });

  it('classifies the field configs of code-first schema builders', () => {
    const code = `
import { g } from '@graphql-ts/schema';
import { objectType, mutationField } from 'nexus';
export const Post = g.object()({
  name: 'Post',
  fields: () => ({
    author: g.field({ type: User, resolve(post) { work('graphql-ts-field'); } }),
  }),
});
export const User = objectType({
  name: 'User',
  definition(t) {
    t.field('posts', { type: 'Post', resolve: (user) => { work('nexus-field'); } });
  },
});
export const signup = mutationField('signup', { type: 'User', resolve: (_, args) => { work('nexus-root'); } });
export function mutations(list) {
  const createMany = g.field({ type: g.list(list.output), resolve: async (_, { data }) => { work('unknown-type'); } });
  return { [\`create\${list.key}s\`]: createMany };
}
export function* actions(names) {
  yield [names.many, g.field({ type: g.list(Item), resolve: async (_, { data }) => { work('computed-name'); } })];
}
export const Query = queryType({ definition(t) { t.field('me', { type: 'User', resolve: () => { work('nexus-query'); } }); } });
builder.queryType({ fields: (t) => ({ feed: t.field({ type: [Post], resolve: () => { work('pothos-query'); } }) }) });
builder.objectType('Comment', { fields: (t) => ({ post: t.field({ type: Post, resolve: (c) => { work('pothos-object'); } }) }) });
builder.objectType(Tag, { fields: (t) => ({ posts: t.field({ type: [Post], resolve: (tag) => { work('pothos-class'); } }) }) });
export const Form = g.object()({ name: 'Form', fields: { fields: g.field({ type: g.list(Field), resolve: () => { work('named-fields'); } }) } });
export const Typed = objectType({ name: 'Typed', definition(t) { t.field(names.first, { type: 'String', resolve: () => { work('computed-in-type'); } }); } });
const cast = g.field({ type: User, resolve: () => { work('cast'); } }) as Field;
const form = builder.field({ label: 'Name', resolve: () => { work('no-type'); } });
const plain = field({ type: 'text', resolve: () => { work('plain-call'); } });
`;
    const analysis = analyse(code);
    const sites = [
      "work('graphql-ts-field')",
      "work('nexus-field')",
      "work('nexus-root')",
      "work('unknown-type')",
      "work('computed-name')",
      "work('nexus-query')",
      "work('pothos-query')",
      "work('pothos-object')",
      "work('named-fields')",
      "work('computed-in-type')",
      "work('cast')",
      "work('no-type')",
      "work('plain-call')",
    ];
    expect(Object.fromEntries(sites.map((s) => [s, `${analysis.at(s).context}: ${analysis.at(s).reason}`]))).toEqual({
      "work('graphql-ts-field')": 'request: GraphQL resolver `Post.author`',
      "work('nexus-field')": 'request: GraphQL resolver `User.posts`',
      "work('nexus-root')": 'request: GraphQL resolver `Mutation.signup`',
      "work('unknown-type')": 'request: GraphQL resolver `createMany`',
      "work('computed-name')": 'request: GraphQL resolver (line 22)',
      "work('nexus-query')": 'request: GraphQL resolver `Query.me`',
      "work('pothos-query')": 'request: GraphQL resolver `Query.feed`',
      "work('pothos-object')": 'request: GraphQL resolver `Comment.post`',
      "work('named-fields')": 'request: GraphQL resolver `Form.fields`',
      "work('computed-in-type')": 'request: GraphQL resolver of `Typed` (line 29)',
      "work('cast')": 'request: GraphQL resolver `cast`',
      "work('no-type')": 'unknown: not reached from a handler or from start-up code',
      "work('plain-call')": 'unknown: not reached from a handler or from start-up code',
    });
    // A resolver whose type is not written next to it may run once per request or once per parent: no GraphQL type.
    expect(analysis.model().handlers.map((h) => [h.description, h.kind, h.graphql])).toEqual([
      ['GraphQL resolver `Post.author`', 'resolver', { typeName: 'Post', fieldName: 'author', root: false }],
      ['GraphQL resolver `User.posts`', 'resolver', { typeName: 'User', fieldName: 'posts', root: false }],
      ['GraphQL resolver `Mutation.signup`', 'resolver', { typeName: 'Mutation', fieldName: 'signup', root: true }],
      ['GraphQL resolver `createMany`', 'resolver', undefined],
      ['GraphQL resolver (line 22)', 'resolver', undefined],
      ['GraphQL resolver `Query.me`', 'resolver', { typeName: 'Query', fieldName: 'me', root: true }],
      ['GraphQL resolver `Query.feed`', 'resolver', { typeName: 'Query', fieldName: 'feed', root: true }],
      ['GraphQL resolver `Comment.post`', 'resolver', { typeName: 'Comment', fieldName: 'post', root: false }],
      // A class (Pothos's \`objectType(Tag, ...)\`) does not name its type in the code.
      ['GraphQL resolver `posts`', 'resolver', undefined],
      ['GraphQL resolver `Form.fields`', 'resolver', { typeName: 'Form', fieldName: 'fields', root: false }],
      ['GraphQL resolver of `Typed` (line 29)', 'resolver', { typeName: 'Typed', fieldName: '?', root: false }],
      ['GraphQL resolver `cast`', 'resolver', undefined],
    ]);
  });

  it('classifies BullMQ workers, timers and emitter listeners', () => {
    const code = `
import { Worker } from 'bullmq';
import { EventEmitter } from 'node:events';
const worker = new Worker('emails', async (job) => { work('job'); });
setInterval(() => { work('interval'); }, 1000);
const bus = new EventEmitter();
bus.on('order', (order) => { work('event'); });
subscriber.on('message', (channel, text) => { work('message'); });
process.on('SIGTERM', () => { work('signal'); });
process.once('exit', () => { work('exit'); });
`;
    const sites = [
      "work('job')",
      "work('interval')",
      "work('event')",
      "work('message')",
      "work('signal')",
      "work('exit')",
    ];
    // `bus` is the file's own EventEmitter and nothing emits `order` on it; `subscriber` is no bus the file shows.
    expect(contexts(code, sites)).toEqual({
      "work('job')": 'request: BullMQ job processor',
      "work('interval')": 'request: `setInterval` callback',
      "work('event')": 'unknown: not reached from a handler or from start-up code',
      "work('message')": 'request: `message` listener',
      "work('signal')": 'startup: `SIGTERM` listener',
      "work('exit')": 'startup: `exit` listener',
    });
  });
  it('treats the listeners of file watchers as start-up work, not as requests', () => {
    const code = `
import chokidar from 'chokidar';
import fs from 'node:fs';
import { EventEmitter } from 'node:events';
chokidar
  .watch('src')
  .on('change', (file) => { work('rebuild'); })
  .on('add', () => { work('added'); });
const watcher = fs.watch('config.json');
watcher.on('change', () => { work('reload'); });
new EventEmitter().on('change', () => { work('event'); });
`;
    // The plain emitter's `change` is emitted by nothing here: neither a watcher's callback nor a request's.
    expect(contexts(code, ["work('rebuild')", "work('added')", "work('reload')", "work('event')"])).toEqual({
      "work('rebuild')": 'startup: `on` callback',
      "work('added')": 'startup: `on` callback',
      "work('reload')": 'startup: `on` callback',
      "work('event')": 'unknown: not reached from a handler or from start-up code',
    });
  });

  it('treats the actions of command-line programs as start-up work (commander, yargs, cac)', () => {
    const code = `
const { Command, program } = require('commander');
const yargs = require('yargs/yargs');
const cac = require('cac');
const { Telegraf } = require('telegraf');
new Command('start')
  .description('Start the server')
  .option('--dev', 'development mode')
  .action((options) => { work('start'); });
program.command('users').command('add <name>').action(function (name) { work('add user'); });
yargs(process.argv.slice(2)).command('migrate', 'run migrations', () => {}, (argv) => { work('migrate'); }).parse();
const cli = cac('app');
cli.command('build').option('--watch', 'rebuild').action(() => { work('build'); });
const bot = new Telegraf(token);
bot.command('start', (ctx) => { work('bot'); });
bot.action('confirm', (ctx) => { work('bot action'); });
module.exports = (app) => {
  app.command('upgrade').ipc().auth().action(async (options) => { work('wrapped'); });
};
`;
    expect(
      contexts(code, [
        "work('start')",
        "work('add user')",
        "work('migrate')",
        "work('build')",
        "work('bot')",
        "work('bot action')",
        "work('wrapped')",
      ]),
    ).toEqual({
      "work('start')": 'startup: `action` callback',
      "work('add user')": 'startup: `action` callback',
      "work('migrate')": 'startup: `command` callback',
      "work('build')": 'startup: `action` callback',
      "work('bot')": UNKNOWN,
      "work('bot action')": UNKNOWN,
      "work('wrapped')": 'startup: `action` callback',
    });
  });

  it("treats the methods oclif calls on a command class as start-up work, not other classes' methods", () => {
    const code = `
import { Command } from '@oclif/core';
import { Command as Other } from './commands';
export default class Migrate extends Command {
  async init() { work('init'); }
  async run() { work('run'); }
  helper() { work('helper'); }
}
export class Job extends Other {
  async run() { work('other run'); }
}
`;
    expect(contexts(code, ["work('init')", "work('run')", "work('helper')", "work('other run')"])).toEqual({
      "work('init')": 'startup: oclif command `Migrate.init`',
      "work('run')": 'startup: oclif command `Migrate.run`',
      "work('helper')": UNKNOWN,
      "work('other run')": UNKNOWN,
    });
  });

  it('treats a timer that waits an hour or more as a rare job in the context of the code that set it', () => {
    const code = `
import express from 'express';
const DAY_MS = 24 * 60 * 60 * 1000;
setInterval(() => { work('daily'); }, DAY_MS);
function heartbeat() {
  const delay = DAY_MS + Math.floor(Math.random() * 60 * 60 * 1000);
  setTimeout(() => { work('beat'); heartbeat(); }, delay);
}
heartbeat();
function poll() {
  setTimeout(() => { work('poll'); poll(); }, 5000);
}
poll();
const app = express();
app.get('/export', (req, res) => {
  setTimeout(() => { work('expire'); }, 2 * 60 * 60 * 1000);
  res.end();
});
`;
    expect(contexts(code, ["work('daily')", "work('beat')", "work('poll')", "work('expire')"])).toEqual({
      "work('daily')": 'startup: only called from start-up code',
      "work('beat')": 'startup: only called from start-up code',
      "work('poll')": 'request: timer loop `anonymous function` (it schedules itself again)',
      "work('expire')": 'request: called from Express route handler `GET /export`',
    });
  });
});

describe('getRequestPathModel: start-up code', () => {
  it('classifies the top level, functions only called from it, and IIFEs as start-up', () => {
    const code = `
function loadConfig() { work('only-top'); return readDefaults(); }
function readDefaults() { work('nested-startup'); }
const config = loadConfig();
(function init() { work('iife'); })();
(async () => { work('async-iife'); })();
export function exported() { work('exported'); }
`;
    expect(
      contexts(code, [
        "work('only-top')",
        "work('nested-startup')",
        "work('iife')",
        "work('async-iife')",
        "work('exported')",
      ]),
    ).toEqual({
      "work('only-top')": 'startup: only called from start-up code',
      "work('nested-startup')": 'startup: only called from start-up code',
      "work('iife')": 'startup: only called from start-up code',
      "work('async-iife')": 'startup: only called from start-up code',
      "work('exported')": UNKNOWN,
    });
  });

  it('treats a file with a shebang as a command-line script', () => {
    const code =
      `#!/usr/bin/env node\nimport http from 'node:http';\n` +
      `http.createServer((req, res) => { work('in-script'); });\n`;
    const analysis = analyse(code);
    expect(analysis.model().startupFile).toBe(true);
    expect(analysis.at("work('in-script')")).toEqual({ context: 'startup', reason: 'a command-line script' });
  });

  it('treats files matched by the default start-up globs as start-up files', () => {
    const code = `import express from 'express';\nexpress().get('/x', (req, res) => { work('h'); });\n`;
    for (const filename of [
      'migrations/001-init.js',
      'src/db/seeds/users.js',
      'tests/app.js',
      'src/app.test.js',
      'vite.config.js',
      'scripts/build.js',
    ]) {
      expect(analyse(code, { filename }).at("work('h')"), filename).toEqual({
        context: 'startup',
        reason: 'a start-up file',
      });
    }
    expect(analyse(code, { filename: 'src/routes/users.js' }).at("work('h')").context).toBe('request');
  });

  it('reads startupFiles and defaultStartupFiles from settings', () => {
    const code = `import express from 'express';\nexpress().get('/x', (req, res) => { work('h'); });\n`;
    const settings = { 'backend-perf': { startupFiles: ['src/boot/**'], defaultStartupFiles: false } };
    expect(analyse(code, { filename: 'src/boot/cache.js', settings }).at("work('h')").context).toBe('startup');
    expect(analyse(code, { filename: 'tests/app.js', settings }).at("work('h')").context).toBe('request');
  });
});

describe('getRequestPathModel: settings handlers', () => {
  const settings = {
    'backend-perf': {
      handlers: [
        { module: '@acme/http', export: 'createApp', methods: ['handle'], create: 'call' },
        { module: '@acme/queue', export: 'Consumer' },
        { module: '@acme/bus', methods: ['subscribe'], create: 'none' },
        { module: '@acme/rpc', export: 'Server', methods: ['method'], create: 'new' },
        { module: '@acme/ws', export: 'Hub', methods: ['onMessage'] },
      ],
    },
  };

  it('registers module + export + methods, argument handlers and each create variant', () => {
    const code = `
import { createApp } from '@acme/http';
import { Consumer } from '@acme/queue';
import bus from '@acme/bus';
import { Server } from '@acme/rpc';
import { Hub } from '@acme/ws';
const app = createApp();
app.handle('/x', (req) => { work('call-method'); });
new Consumer('jobs', (message) => { work('consumer'); });
bus.subscribe('topic', (event) => { work('none-method'); });
const rpc = new Server();
rpc.method('sum', (params) => { work('new-method'); });
const notCalled = Server();
notCalled.method('diff', (params) => { work('wrong-create'); });
const hubA = Hub();
const hubB = new Hub();
hubA.onMessage((message) => { work('any-call'); });
hubB.onMessage((message) => { work('any-new'); });
`;
    expect(
      contexts(
        code,
        [
          "work('call-method')",
          "work('consumer')",
          "work('none-method')",
          "work('new-method')",
          "work('wrong-create')",
          "work('any-call')",
          "work('any-new')",
        ],
        { settings },
      ),
    ).toEqual({
      "work('call-method')": 'request: @acme/http `handle` handler `/x`',
      "work('consumer')": 'request: @acme/queue handler',
      "work('none-method')": 'request: @acme/bus handler',
      "work('new-method')": 'request: @acme/rpc `method` handler',
      "work('wrong-create')": UNKNOWN,
      "work('any-call')": 'request: @acme/ws `onMessage` handler',
      "work('any-new')": 'request: @acme/ws `onMessage` handler',
    });
  });

  it('rejects malformed settings with a clear error', () => {
    expect(() =>
      analyse('x();', { settings: { 'backend-perf': { handlers: [{ methods: ['get'] }] } } }).model(),
    ).toThrow(/handlers\[0\]\.module must be a module name/u);
  });
});

describe('getRequestPathModel: unknown context', () => {
  it('leaves exported functions that the file does not call unknown', () => {
    const code = `
import fs from 'node:fs';
export async function readReport(name) { work('exported-async'); }
export default function handler(req, res) { work('default-export'); }
module.exports.other = function () { work('cjs-export'); };
`;
    expect(contexts(code, ["work('exported-async')", "work('default-export')", "work('cjs-export')"])).toEqual({
      "work('exported-async')": UNKNOWN,
      "work('default-export')": UNKNOWN,
      "work('cjs-export')": UNKNOWN,
    });
  });

  it('does not treat look-alike registrations of unknown receivers as request handlers', () => {
    const code = `
const cache = new Map();
cache.get('key');
items.forEach((item) => { work('foreach-top'); });
something.use(() => { work('unknown-use'); });
`;
    expect(contexts(code, ["work('foreach-top')", "work('unknown-use')"])).toEqual({
      "work('foreach-top')": 'startup: only called from start-up code',
      "work('unknown-use')": UNKNOWN,
    });
  });
});
