import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { isFunctionNode, own, skipTsWrappers, staticPropertyName } from '../ast.js';
import { soleDefinition } from '../analysis/bindings.js';
import {
  DATA_ACCESS_APIS,
  DATA_ACCESS_SHAPES,
  dataAdapter,
  type DataAccessEntry,
  type DataAccessKind,
  type DataAccessLibrary,
  type DataAccessOperation,
  type LookupKey,
  type ValueShape,
} from '../catalogue/data-access.js';
import { SQL_KEY, sqlText } from '../catalogue/data/shared.js';
import type { ApiEntry } from '../catalogue/types.js';
import { thisMembersByName, valueNode } from '../instances.js';
import type { DataAccessSetting } from '../request-path/settings.js';
import { findApiUses } from '../tracker.js';
import { readOnlyTransaction, TRANSACTION_METHODS } from './transactions.js';

export type { LookupKey } from '../catalogue/data-access.js';

type Variable = TSESLint.Scope.Variable;

/** One call that reads from a database, a cache or another service. */
export interface DataAccessCall {
  /** The call. For Knex it is the whole builder chain (`db('users').where(...).first()`). */
  readonly node: TSESTree.CallExpression;
  readonly library: DataAccessLibrary;
  /**
   * Method name (`findUnique`, `query`, `get`), or `call` when the client itself is called (`knex('users')`, `fetch`).
   */
  readonly operation: string;
  readonly kind: DataAccessKind;
  /** HTTP requests count as per-item access only when their arguments come from the item. */
  readonly needsItemArgument: boolean;
  /**
   * The function the call runs, when it is not the call's callee: `user.getUserFields` of
   * `async.apply(user.getUserFields, uid)`.
   */
  readonly applies?: TSESTree.Node;
  /** The expression the method is called on (`prisma.user`, `User`, `pool`), `null` for plain function calls. */
  readonly receiver: TSESTree.Node | null;
  /** Prisma model delegate name (`user` in `prisma.user.findUnique`). */
  readonly model?: string;
  /** The arguments that select data: the call's own, plus every builder call's for Knex. */
  readonly arguments: readonly TSESTree.Node[];
  /** The entity class an entity manager reads (`User` in `em.findOne(User, id)`). */
  readonly entity?: TSESTree.Node;
  /** For lookups by one key (single rows, or all rows with that key): the key. */
  readonly key?: LookupKey;
  /**
   * For query builder chains (Knex, Drizzle, Objection): the table or model (`users` in `db('users')`), the call that
   * starts the chain, and the chained methods (`where`, `first`).
   */
  readonly chain?: {
    readonly table: string | null;
    readonly builder: TSESTree.CallExpression;
    readonly methods: readonly string[];
    /** The call of each method, inner to outer. */
    readonly calls: readonly TSESTree.CallExpression[];
  };
  /** For SQL: the statement text when it is a literal, and the column compared with `$1`/`?` in `WHERE col = $1`. */
  readonly sql?: { readonly text: string | null; readonly keyColumn: string | null };
  /**
   * For a call of one of the project's own functions that reads data (library `project`): the function, the data
   * access it reaches (`prisma.user.findUnique`), the file of the function that holds that access (project-relative),
   * and the functions in between; `tableParam`, when the function reads the data itself and one of its parameters
   * chooses the table of each of its data accesses (see `FunctionSummary.dataTable`).
   */
  readonly through?: {
    readonly name: string;
    readonly file: string;
    readonly access: string;
    readonly chain: readonly string[];
    readonly tableParam?: number;
  };
}

/** What the detector needs of a rule context. */
export interface DataAccessInput {
  readonly sourceCode: TSESLint.SourceCode;
  readonly settings?: Readonly<Record<string, unknown>>;
  /** With a file name and working directory, values imported from the project's other modules are followed too. */
  readonly filename?: string;
  readonly cwd?: string;
}

/**
 * A value that another module of the project created, where this file receives it: an import or `require` binding
 * (`import { prisma } from './db'`), or a class field that holds an injected instance. `node` is where the detector
 * starts following: the import specifier, the `require()` call, or for a field any node inside its class.
 */
export interface DataAccessSeed {
  readonly node: TSESTree.Node;
  readonly shape: ValueShape;
  readonly library: DataAccessLibrary;
  /** For a class field: its name, followed as `this.<field>` in the class. */
  readonly field?: string;
  /** `node` is a declared identifier (a parameter): its variable is followed. */
  readonly binding?: boolean;
}

const MAX_DEPTH = 8;

function settingsEntries(settings: readonly DataAccessSetting[]): DataAccessEntry[] {
  return settings.map((setting, index) => {
    const known = DATA_ACCESS_SHAPES[setting.shape] as (typeof DATA_ACCESS_SHAPES)[string] | undefined;
    if (!known) throw new TypeError(`settings['backend-perf'].dataAccess[${index}].shape is not a known shape`);
    return {
      id: `${setting.module}:${setting.export ?? ''}`,
      modules: [setting.module],
      path: setting.export ? setting.export.split('.') : [],
      usage: 'read',
      category: 'n-plus-one',
      tags: ['data-access', known.library, 'settings'],
      library: known.library,
      creates: known.shape,
    };
  });
}

// Per declared list (by its text), so that the tracker's caches (per entry list) hold across files.
const settingsCache = new Map<string, DataAccessEntry[]>();

/** `db('users').where({ id }).first()`: the builder calls up from the call that starts the chain. */
function builderChain(root: TSESTree.CallExpression): {
  outer: TSESTree.CallExpression;
  calls: { name: string; call: TSESTree.CallExpression }[];
} {
  let outer = root;
  const calls: { name: string; call: TSESTree.CallExpression }[] = [];
  for (;;) {
    const member = outer.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== outer) break;
    const call = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
    calls.push({ name: staticPropertyName(member) ?? '', call });
    outer = call;
  }
  return { outer, calls };
}

const singleEntryLists = new WeakMap<ApiEntry, readonly ApiEntry[]>();

class Detector {
  private readonly calls = new Map<TSESTree.CallExpression, DataAccessCall>();
  private readonly seen = new Set<string>();

  constructor(private readonly sourceCode: TSESLint.SourceCode) {}

  /** Whether a node is a use of a catalogue export (`eq` of `drizzle-orm`), through imports and `require`. */
  private readonly isExport = (node: TSESTree.Node, entry: ApiEntry): boolean => {
    let list = singleEntryLists.get(entry);
    if (!list) singleEntryLists.set(entry, (list = [entry]));
    return findApiUses(this.sourceCode, list).some((use) => use.node === node);
  };

  run(entries: readonly DataAccessEntry[], seeds: readonly DataAccessSeed[] = []): DataAccessCall[] {
    for (const seed of seeds) {
      const library = seed.shape.library ?? seed.library;
      if (seed.field !== undefined) this.followThisMember(seed.node, seed.field, seed.shape, library, 0);
      else if (seed.binding && seed.node.type === AST_NODE_TYPES.Identifier) {
        this.followVariable(seed.node, seed.shape, library, 0, undefined, seed.node);
      } else this.follow(seed.node, seed.shape, library, 0);
    }
    for (const { node, entry } of findApiUses(this.sourceCode, entries)) {
      if (entry.operation && node.type === AST_NODE_TYPES.CallExpression) {
        const callee = skipTsWrappers(node.callee);
        const name = callee.type === AST_NODE_TYPES.MemberExpression ? (staticPropertyName(callee) ?? 'call') : 'call';
        this.record(node, entry.library, entry.operation, name, null);
      } else if (entry.creates) {
        this.follow(node, entry.creates, entry.library, 0);
      } else if (entry.subclassShape) {
        this.followSubclass(node, entry.subclassShape, entry.library);
      }
    }
    this.globalFetch();
    // A builder's result read as the client again (`db('users').where(...)`, where calling a Knex instance is taken to
    // return one) starts no query of its own: the chain is one access, recorded from the call that starts it.
    const chained = new Set([...this.calls.values()].flatMap((call) => call.chain?.calls ?? []));
    return [...this.calls.entries()]
      .filter(([root]) => !chained.has(root))
      .map(([, call]) => call)
      .sort((a, b) => a.node.range[0] - b.node.range[0]);
  }

  private globalFetch(): void {
    const globalScope = this.sourceCode.scopeManager?.globalScope;
    if (!globalScope) return;
    const variable = globalScope.set.get('fetch');
    const references =
      variable && variable.defs.length === 0
        ? variable.references
        : globalScope.through.filter((r) => r.identifier.name === 'fetch');
    for (const reference of references) {
      const identifier = reference.identifier as TSESTree.Identifier;
      const parent = identifier.parent;
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) {
        this.record(parent, 'http', { kind: 'request', needsItemArgument: true }, 'call', null);
      }
    }
  }

  private record(
    call: TSESTree.CallExpression,
    library: DataAccessLibrary,
    operation: DataAccessOperation,
    name: string,
    receiver: TSESTree.Node | null,
    model?: string,
  ): void {
    if (this.calls.has(call)) return;
    const adapter = dataAdapter(library);
    if (operation.chain && adapter?.readChain) {
      const chain = builderChain(call);
      const reading = adapter.readChain({ root: call, calls: chain.calls, isExport: this.isExport });
      this.calls.set(call, {
        node: chain.outer,
        library,
        operation: chain.calls.at(-1)?.name ?? name,
        kind: reading.kind,
        needsItemArgument: false,
        receiver,
        arguments: [...call.arguments, ...chain.calls.flatMap((c) => c.call.arguments)],
        ...(model === undefined ? {} : { model }),
        ...(reading.key ? { key: reading.key } : {}),
        chain: {
          table: reading.table,
          builder: call,
          methods: chain.calls.map((c) => c.name),
          calls: chain.calls.map((c) => c.call),
        },
      });
      return;
    }
    let sql: DataAccessCall['sql'];
    if (library === 'pg' || library === 'mysql2' || (operation.kind === 'query' && name === 'query')) {
      const text = sqlText(call.arguments[0]);
      sql = { text, keyColumn: text ? (SQL_KEY.exec(text.trim())?.[1] ?? null) : null };
    }
    const key =
      operation.kind === 'read-one' || operation.kind === 'read-many' || operation.kind === 'query'
        ? adapter?.lookupKey?.({
            call,
            operation: name,
            argument: operation.argument ?? 0,
            ...(sql ? { sql } : {}),
            isExport: this.isExport,
          })
        : undefined;
    const entity = operation.argument === 1 ? call.arguments[0] : undefined;
    this.calls.set(call, {
      node: call,
      library,
      operation: name,
      kind: operation.kind,
      needsItemArgument: operation.needsItemArgument === true,
      receiver,
      arguments: call.arguments,
      ...(model === undefined ? {} : { model }),
      ...(key ? { key } : {}),
      ...(entity ? { entity } : {}),
      ...(sql ? { sql } : {}),
    });
  }

  /** Follows a value of a shape to where it is used: member calls, variables, class fields, awaited results. */
  private follow(
    start: TSESTree.Node,
    shape: ValueShape,
    library: DataAccessLibrary,
    depth: number,
    model?: string,
  ): void {
    if (depth > MAX_DEPTH) return;
    library = shape.library ?? library;
    const seenKey = `${start.range[0]}:${start.range[1]}:${shape.name}:${model ?? ''}`;
    if (this.seen.has(seenKey)) return;
    this.seen.add(seenKey);
    // Reads reported at the import or destructuring (`import { prisma } from './db'`): follow the local binding.
    if (
      start.type === AST_NODE_TYPES.ImportSpecifier ||
      start.type === AST_NODE_TYPES.ImportDefaultSpecifier ||
      start.type === AST_NODE_TYPES.ImportNamespaceSpecifier
    ) {
      this.followVariable(start.local, shape, library, depth, model, start.local);
      return;
    }
    if (start.type === AST_NODE_TYPES.Property && start.parent.type === AST_NODE_TYPES.ObjectPattern) {
      const target = start.value.type === AST_NODE_TYPES.AssignmentPattern ? start.value.left : start.value;
      this.followBinding(target, shape, library, depth, model);
      return;
    }

    const node = valueNode(start);
    const parent = node.parent;
    if (!parent) return;
    // One branch of a choice is a value the choice may be (`ctx ? connection.getRepository(User) : fallback`).
    if (
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node) ||
      parent.type === AST_NODE_TYPES.LogicalExpression
    ) {
      this.follow(parent, shape, library, depth + 1, model);
      return;
    }

    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
      const name = staticPropertyName(parent);
      if (name === null) return;
      let callee: TSESTree.Node = parent;
      while (
        callee.parent.type === AST_NODE_TYPES.ChainExpression ||
        callee.parent.type === AST_NODE_TYPES.TSNonNullExpression
      )
        callee = callee.parent;
      const call =
        callee.parent.type === AST_NODE_TYPES.CallExpression && callee.parent.callee === callee ? callee.parent : null;
      if (call) {
        const operation = own(shape.methods, name);
        if (operation) {
          this.record(call, library, operation, name, node, model);
          return;
        }
        if (shape.transactions && TRANSACTION_METHODS.has(name)) {
          this.recordTransaction(call, shape, library, node);
          return;
        }
        const returned = own(shape.returns, name);
        if (returned) this.follow(call, returned, library, depth + 1);
        const callback = own(shape.callbacks, name);
        if (callback) {
          // The callback's first parameter is the transaction's client: `transaction(async (manager) => ...)`.
          for (const argument of call.arguments) {
            const param = isFunctionNode(argument) ? argument.params[0] : undefined;
            if (param) this.followBinding(param, callback, library, depth + 1);
          }
        }
        return;
      }
      const property = own(shape.properties, name);
      if (property) {
        this.follow(parent, property, library, depth + 1);
      } else if (shape.anyProperty && !name.startsWith('$')) {
        this.follow(parent, shape.anyProperty, library, depth + 1, name);
      }
      return;
    }

    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node) {
      if (shape.callable) this.record(parent, library, shape.callable, 'call', null);
      return;
    }

    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) {
      this.followBinding(parent.id, shape, library, depth, model);
      return;
    }

    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.operator === '=') {
      const left = parent.left;
      if (left.type === AST_NODE_TYPES.Identifier) {
        this.followVariable(left, shape, library, depth, model, left);
      } else if (left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.ThisExpression) {
        const name = staticPropertyName(left);
        if (name !== null) this.followThisMember(parent, name, shape, library, depth, model);
      }
      return;
    }

    if (parent.type === AST_NODE_TYPES.PropertyDefinition && parent.value === node && !parent.static) {
      const name = staticPropertyName(parent);
      if (name !== null) this.followThisMember(parent, name, shape, library, depth, model);
    }
  }

  /** `client.multi()...exec()` that only queues the shape's reads: each `exec` is a read (see `readOnlyTransaction`). */
  private recordTransaction(
    start: TSESTree.CallExpression,
    shape: ValueShape,
    library: DataAccessLibrary,
    client: TSESTree.Node,
  ): void {
    const transaction = readOnlyTransaction(start, {
      variable: (identifier) =>
        findVariable(this.sourceCode.getScope(identifier) as never, identifier) as Variable | null,
      keyCandidates: () => null,
      isLookup: (name) => own(shape.methods, name) !== undefined,
    });
    const operation = transaction ? own(shape.methods, transaction.commands[0] ?? '') : undefined;
    if (!transaction || !operation) return;
    for (const exec of transaction.execs) {
      this.record(exec, library, operation, 'exec', client);
      // The keys are chosen by the queued commands' arguments.
      const recorded = this.calls.get(exec);
      if (recorded) this.calls.set(exec, { ...recorded, arguments: transaction.arguments });
    }
  }

  private followBinding(
    id: TSESTree.Node,
    shape: ValueShape,
    library: DataAccessLibrary,
    depth: number,
    model?: string,
  ): void {
    if (id.type === AST_NODE_TYPES.Identifier) {
      this.followVariable(id, shape, library, depth, model, id);
      return;
    }
    if (id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const name = staticPropertyName(property);
        const target = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (name === null || target.type !== AST_NODE_TYPES.Identifier) continue;
        const inner = own(shape.properties, name) ?? (!name.startsWith('$') ? shape.anyProperty : undefined);
        if (inner)
          this.followVariable(target, inner, library, depth + 1, own(shape.properties, name) ? model : name, target);
      }
    }
  }

  private followVariable(
    identifier: TSESTree.Identifier,
    shape: ValueShape,
    library: DataAccessLibrary,
    depth: number,
    model: string | undefined,
    declaration: TSESTree.Node,
  ): void {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier) as Variable | null;
    if (!variable) return;
    for (const reference of variable.references) {
      if (reference.identifier === declaration || !reference.isRead()) continue;
      this.follow(reference.identifier, shape, library, depth + 1, model);
    }
  }

  /** `this.prisma = new PrismaClient()` or a field `prisma = new PrismaClient()`: every `this.prisma` in the class. */
  private followThisMember(
    from: TSESTree.Node,
    name: string,
    shape: ValueShape,
    library: DataAccessLibrary,
    depth: number,
    model?: string,
  ): void {
    let classNode: TSESTree.Node | undefined = from.type === AST_NODE_TYPES.ClassBody ? from : from.parent;
    while (classNode && classNode.type !== AST_NODE_TYPES.ClassBody) classNode = classNode.parent;
    if (!classNode) return;
    for (const node of thisMembersByName(classNode, this.sourceCode.visitorKeys).get(name) ?? []) {
      const parent = node.parent;
      const isWrite = parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node;
      if (!isWrite) this.follow(node, shape, library, depth + 1, model);
    }
  }

  /** `class User extends Model {}`: the class's static methods are a model's. */
  private followSubclass(node: TSESTree.Node, shape: ValueShape, library: DataAccessLibrary): void {
    if (
      node.type === AST_NODE_TYPES.ImportSpecifier ||
      (node.type === AST_NODE_TYPES.Property &&
        node.parent.type === AST_NODE_TYPES.ObjectPattern &&
        node.value.type === AST_NODE_TYPES.Identifier)
    ) {
      const local = node.type === AST_NODE_TYPES.ImportSpecifier ? node.local : (node.value as TSESTree.Identifier);
      const variable = findVariable(this.sourceCode.getScope(local) as never, local) as Variable | null;
      for (const reference of variable?.references ?? []) {
        if (reference.identifier !== local) this.followSubclass(reference.identifier, shape, library);
      }
      return;
    }
    const parent = node.parent;
    if (
      (parent?.type !== AST_NODE_TYPES.ClassDeclaration && parent?.type !== AST_NODE_TYPES.ClassExpression) ||
      parent.superClass !== node
    )
      return;
    if (parent.id) {
      // The class name is bound twice (inside and outside the class); the outer binding has the uses.
      for (const variable of this.sourceCode.getDeclaredVariables(parent) as Variable[]) {
        for (const reference of variable.references) {
          if (reference.isRead()) this.follow(reference.identifier, shape, library, 1);
        }
      }
    } else if (
      parent.parent.type === AST_NODE_TYPES.VariableDeclarator &&
      parent.parent.id.type === AST_NODE_TYPES.Identifier
    ) {
      this.followVariable(parent.parent.id, shape, library, 0, undefined, parent.parent.id);
    }
  }
}

const cache = new WeakMap<TSESTree.Program, Map<string, DataAccessCall[]>>();

function entriesFor(declared: readonly DataAccessSetting[]): readonly DataAccessEntry[] {
  if (declared.length === 0) return DATA_ACCESS_APIS;
  const key = JSON.stringify(declared);
  let entries = settingsCache.get(key);
  if (!entries) settingsCache.set(key, (entries = [...DATA_ACCESS_APIS, ...settingsEntries(declared)]));
  return entries;
}

/**
 * The expressions that choose which table or model a data-access call reads: the entity an entity manager is given
 * (`em.findOne(field.entity, id)`), and the arguments and computed members along the receiver or the builder chain
 * that starts the call (`db(table)`, `getRepository(ctx, entity)`, `prisma[relation.model]`), also through a
 * variable that holds the builder (`const query = knex(table); query.select()`). A call whose chooser differs per
 * item reads another table per item, which no single query batches.
 */
export function tableChoosers(call: DataAccessCall, sourceCode: TSESLint.SourceCode): TSESTree.Node[] {
  return [
    ...(call.entity ? [call.entity] : []),
    ...choosersAlong(call.chain ? call.chain.builder : call.receiver, sourceCode),
  ];
}

/**
 * The arguments and computed members along an expression that builds a data-access receiver (`knex(table)`,
 * `prisma[model]`), following variables that hold one (see `tableChoosers`).
 */
export function choosersAlong(start: TSESTree.Node | null, sourceCode: TSESLint.SourceCode): TSESTree.Node[] {
  const choosers: TSESTree.Node[] = [];
  let current = start;
  for (let depth = 0; current && depth < 8; depth += 1) {
    const node = skipTsWrappers(current);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      choosers.push(...node.arguments);
      current = node.callee;
    } else if (node.type === AST_NODE_TYPES.MemberExpression) {
      if (node.computed) choosers.push(node.property);
      current = node.object;
    } else if (node.type === AST_NODE_TYPES.Identifier) {
      current = onlyValue(sourceCode, node);
    } else {
      current = null;
    }
  }
  return choosers;
}

/** The one value of a variable that is declared with it and never assigned again, or `null`. */
function onlyValue(sourceCode: TSESLint.SourceCode, identifier: TSESTree.Identifier): TSESTree.Node | null {
  const def = soleDefinition(sourceCode, identifier);
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- scope-manager not a dependency
  if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
  return def.node.init;
}

/**
 * The data-access calls of a file that the file itself shows: the catalogue's clients (pg, mysql2, Prisma, Mongoose,
 * Sequelize, TypeORM, Knex, Redis, HTTP clients) followed from their import through constructors, factories,
 * variables, class fields and awaited results to the method calls, plus the clients that
 * `settings['backend-perf'].dataAccess` declares, and values given as `seeds` (from other modules of the project).
 * Cached per AST, declared clients and seed list.
 */
export function detectDataAccessCalls(
  sourceCode: TSESLint.SourceCode,
  declared: readonly DataAccessSetting[],
  seeds: readonly DataAccessSeed[] = [],
): DataAccessCall[] {
  const program = sourceCode.ast;
  let perFile = cache.get(program);
  if (!perFile) cache.set(program, (perFile = new Map<string, DataAccessCall[]>()));
  const key = `${declared.length === 0 ? '' : JSON.stringify(declared)}\u0000${seeds.map(seedKey).join(',')}`;
  const cached = perFile.get(key);
  if (cached) return cached;
  const calls = new Detector(sourceCode).run(entriesFor(declared), seeds);
  perFile.set(key, calls);
  return calls;
}

function seedKey(seed: DataAccessSeed): string {
  return (
    `${seed.node.range[0]}:${seed.node.range[1]}:${seed.field ?? ''}:` + `${seed.binding ? 'b' : ''}:${seed.shape.name}`
  );
}
