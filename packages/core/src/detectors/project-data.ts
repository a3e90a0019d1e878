import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { own, skipTsWrappers, staticPropertyName } from '../ast.js';
import { thisMembersByName } from '../instances.js';
import { analysisOf, graphOf } from '../request-path/model.js';
import { readSettings } from '../request-path/settings.js';
import type { ClassSummary } from '../request-path/summary.js';
import {
  detectDataAccessCalls,
  type DataAccessCall,
  type DataAccessInput,
  type DataAccessSeed,
} from './data-access.js';

const cache = new WeakMap<TSESTree.Program, { key: string; calls: DataAccessCall[] }>();
const seedCache = new WeakMap<TSESTree.Program, ProjectData>();

/** The identifiers a parameter binds: `db`, `{ db, cache }`, `db = defaultDb`. */
function parameterIdentifiers(param: TSESTree.Parameter): TSESTree.Identifier[] {
  const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  const target = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
  if (target.type === AST_NODE_TYPES.Identifier) return [target];
  if (target.type !== AST_NODE_TYPES.ObjectPattern) return [];
  return target.properties.flatMap((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return [];
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    return value.type === AST_NODE_TYPES.Identifier ? [value] : [];
  });
}

/**
 * Whether a call's result is read (a method called on it, stored, awaited into a variable), also as one branch of a
 * choice (`const repo = ctx ? connection.getRepository(ctx, User) : dataSource.getRepository(User)`).
 */
function usedAsValue(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  let parent: TSESTree.Node = call.parent;
  while (
    parent.type === AST_NODE_TYPES.AwaitExpression ||
    parent.type === AST_NODE_TYPES.ChainExpression ||
    parent.type === AST_NODE_TYPES.LogicalExpression ||
    (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node)
  ) {
    node = parent;
    parent = parent.parent;
  }
  return (
    (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) ||
    (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) ||
    (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node)
  );
}

/**
 * Where values of known data shapes enter a file from the rest of the project: imports and requires of modules that
 * export clients or models, fields of the file's classes that hold them (injected, constructed, or passed to the
 * constructor), parameters that receive them from their call sites, results of project functions that return them,
 * and what start-up code stores in the application's holders. `null` without a project.
 */
export function projectDataSeeds(input: DataAccessInput): DataAccessSeed[] | null {
  return projectData(input)?.seeds ?? null;
}

interface ProjectData {
  readonly key: string;
  readonly analysis: ReturnType<typeof analysisOf>;
  readonly graph: ReturnType<typeof graphOf>['graph'];
  readonly file: number;
  readonly seeds: DataAccessSeed[];
}

/** The file's analysis, its project graph and its seeds, cached per AST (`null` without a project). */
function projectData(input: DataAccessInput): ProjectData | null {
  if (!input.filename || input.cwd === undefined) return null;
  const settings = readSettings(input.settings);
  const key = `${input.filename}\u0000${JSON.stringify(settings)}`;
  const cached = seedCache.get(input.sourceCode.ast);
  if (cached?.key === key) return cached;
  const modelInput = {
    sourceCode: input.sourceCode,
    filename: input.filename,
    cwd: input.cwd,
    settings: input.settings ?? {},
  };
  const analysis = analysisOf(modelInput, settings);
  const { graph, file, project } = graphOf(modelInput, settings, analysis);
  if (!project) return null;
  const seeds: DataAccessSeed[] = [];
  for (const binding of analysis.bindings) {
    const shape = graph.valueShape(file, binding.ref);
    if (!shape) continue;
    // An interop-wrapped `require()` (compiled code) is read through `.default` too.
    const wrapped = binding.node.type === AST_NODE_TYPES.CallExpression && binding.ref.path.length === 0;
    const seedShape = wrapped ? { ...shape, properties: { ...shape.properties, default: shape } } : shape;
    seeds.push({ node: binding.node, shape: seedShape, library: shape.library ?? 'project' });
  }
  // Fields of the file's classes that hold data-access values (injected, constructed, or passed to the constructor),
  // getters that return them, and what a parent class in another module holds under a name the class reads
  // (`this.activeManager_` of a base service).
  for (const [body, index] of analysis.classes) {
    const summary = analysis.summary.classes[index] as ClassSummary | undefined;
    const names = new Set(Object.keys(summary?.fields ?? {}));
    if (summary?.extends) {
      for (const name of thisMembersByName(body, input.sourceCode.visitorKeys).keys()) {
        if (!own(summary.methods, name)) names.add(name);
      }
    }
    for (const name of names) {
      const shape = graph.shapeOfValue(file, { field: [index, name] });
      if (shape) seeds.push({ node: body, field: name, shape, library: shape.library ?? 'project' });
    }
  }
  // The same for classes written as constructor functions: each `this.<field>` the constructor and the methods read.
  for (const [index, members] of analysis.constructorMembers) {
    for (const [name, nodes] of members) {
      const shape = graph.shapeOfValue(file, { field: [index, name] });
      if (!shape) continue;
      for (const node of nodes) {
        const write = node.parent.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node;
        if (!write) seeds.push({ node, shape, library: shape.library ?? 'project' });
      }
    }
  }
  // Parameters that receive data-access values from their call sites (`function list(db) {}` called with a client).
  for (const fn of analysis.functionNodes) {
    for (const param of fn.params) {
      for (const identifier of parameterIdentifiers(param)) {
        const value = analysis.valueOf(identifier);
        const shape = value ? graph.shapeOfValue(file, value) : null;
        if (shape) seeds.push({ node: identifier, binding: true, shape, library: shape.library ?? 'project' });
      }
    }
  }
  // What the application stores in its holders at start-up (`app.locals.db = knex(...)`), read by the handlers.
  for (const [node, name] of analysis.holderReads) {
    const shape = graph.shapeOfValue(file, { holder: name });
    if (shape) seeds.push({ node, shape, library: shape.library ?? 'project' });
  }
  // Results of the project's functions that return data-access values (`getDataSource().getRepository(User)`).
  for (const call of analysis.callTargets.keys()) {
    if (call.type !== AST_NODE_TYPES.CallExpression || !usedAsValue(call)) continue;
    const value = analysis.valueOf(call);
    const shape = value ? graph.shapeOfValue(file, value) : null;
    if (shape) seeds.push({ node: call, shape, library: shape.library ?? 'project' });
  }
  const data: ProjectData = { key, analysis, graph, file, seeds };
  seedCache.set(input.sourceCode.ast, data);
  return data;
}

/**
 * Every data-access call of a file, as the whole project shows it:
 * - the calls of the catalogue's clients that the file creates itself, and of the clients that
 *   `settings['backend-perf'].dataAccess` declares;
 * - the calls of clients, models and repositories that other modules of the project create and this file imports
 *   (`export const prisma = new PrismaClient()`, `module.exports = mongoose.model(...)`, `class User extends Model`)
 *   or receives by injection (`constructor(private readonly prisma: PrismaService)`);
 * - the calls of the project's own functions that read data, directly or through the functions they call
 *   (library `project`, with `through` naming the function and the access it reaches): a repository or service
 *   function called once per item is a query per item.
 * Without a project (a file name that is not a file of one), the file's own calls only. Cached per AST.
 */
export function findDataAccessCalls(input: DataAccessInput): DataAccessCall[] {
  const settings = readSettings(input.settings);
  const declared = settings.dataAccess ?? [];
  if (!input.filename || input.cwd === undefined) return detectDataAccessCalls(input.sourceCode, declared);
  const data = projectData(input);
  if (!data) return detectDataAccessCalls(input.sourceCode, declared);
  const { key, analysis, graph, file, seeds } = data;
  const cached = cache.get(input.sourceCode.ast);
  if (cached?.key === key) return cached.calls;
  const calls = [...detectDataAccessCalls(input.sourceCode, declared, seeds)];
  const seen = new Set<TSESTree.Node>(
    calls.flatMap((call) => [call.node, ...(call.chain ? [call.chain.builder] : [])]),
  );
  for (const [call, targets] of analysis.callTargets) {
    if (call.type !== AST_NODE_TYPES.CallExpression || seen.has(call)) continue;
    for (const target of targets) {
      const through = graph.dataAccessThrough(file, target);
      if (!through) continue;
      const applies = analysis.appliedFunctions.get(call);
      const callee = skipTsWrappers(applies ?? call.callee);
      // `fn.call(thisArg, ...)` and `fn.apply(thisArg, args)` pass the function's arguments elsewhere than in their
      // own positions: the position of its table parameter says nothing of theirs.
      const invoked =
        callee.type === AST_NODE_TYPES.MemberExpression && ['call', 'apply'].includes(staticPropertyName(callee) ?? '');
      const { tableParam, ...rest } = through;
      calls.push({
        node: call,
        library: 'project',
        operation: through.name,
        kind: 'query',
        needsItemArgument: false,
        receiver: callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : null,
        arguments: applies ? call.arguments.slice(1) : call.arguments,
        through: invoked || tableParam === undefined ? rest : { ...rest, tableParam },
        ...(applies ? { applies } : {}),
      });
      break;
    }
  }
  calls.sort((a, b) => a.node.range[0] - b.node.range[0]);
  cache.set(input.sourceCode.ast, { key, calls });
  return calls;
}

/** A call of a project function that searches a long-lived list by one of its arguments (see `findProjectSearches`). */
export interface ProjectSearch {
  /** How messages name the function called (`Chan.findMessage`). */
  readonly name: string;
  /** The project-relative file of that function. */
  readonly file: string;
  /** The position of the argument that the function searches by. */
  readonly param: number;
  /** The search, as messages name it (`this.messages.find()`). */
  readonly search: string;
}

const searchCache = new WeakMap<
  TSESTree.Program,
  { key: string; calls: Map<TSESTree.CallExpression, ProjectSearch> }
>();

/**
 * The calls of a file that call a function of the project (of this file or another) searching a list that outlives
 * the call, a field of its object or a variable of its module, by one of the call's arguments:
 * `chan.findMessage(id)` where `findMessage(id) { return this.messages.find((m) => m.id === id); }`. Empty without a
 * project. Cached per AST.
 */
export function findProjectSearches(input: DataAccessInput): ReadonlyMap<TSESTree.CallExpression, ProjectSearch> {
  const data = projectData(input);
  if (!data) return new Map();
  const cached = searchCache.get(input.sourceCode.ast);
  if (cached?.key === data.key) return cached.calls;
  const calls = new Map<TSESTree.CallExpression, ProjectSearch>();
  for (const [call, targets] of data.analysis.callTargets) {
    if (call.type !== AST_NODE_TYPES.CallExpression || data.analysis.appliedFunctions.has(call)) continue;
    if (targets.length !== 1) continue;
    const found = data.graph.searchThrough(data.file, targets[0]);
    if (found) calls.set(call, found);
  }
  searchCache.set(input.sourceCode.ast, { key: data.key, calls });
  return calls;
}
