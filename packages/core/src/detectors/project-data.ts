import type { TSESTree } from '@typescript-eslint/utils';
import { skipTsWrappers } from '../ast.js';
import { analysisOf, graphOf } from '../request-path/model.js';
import { readSettings } from '../request-path/settings.js';
import {
  detectDataAccessCalls,
  type DataAccessCall,
  type DataAccessInput,
  type DataAccessSeed,
} from './data-access.js';

const cache = new WeakMap<TSESTree.Program, { key: string; calls: DataAccessCall[] }>();

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
  const modelInput = {
    sourceCode: input.sourceCode,
    filename: input.filename,
    cwd: input.cwd,
    settings: input.settings ?? {},
  };
  const analysis = analysisOf(modelInput, settings);
  const { graph, file, project } = graphOf(modelInput, settings, analysis);
  if (!project) return detectDataAccessCalls(input.sourceCode, declared);
  const key = `${input.filename}\u0000${JSON.stringify(settings)}`;
  const cached = cache.get(input.sourceCode.ast);
  if (cached?.key === key) return cached.calls;

  const seeds: DataAccessSeed[] = [];
  for (const binding of analysis.bindings) {
    const shape = graph.valueShape(file, binding.ref);
    if (!shape) continue;
    // An interop-wrapped `require()` (compiled code) is read through `.default` too.
    const wrapped = binding.node.type === 'CallExpression' && binding.ref.path.length === 0;
    const seedShape = wrapped ? { ...shape, properties: { ...shape.properties, default: shape } } : shape;
    seeds.push({ node: binding.node, shape: seedShape, library: shape.library ?? 'project' });
  }
  for (const field of analysis.fields) {
    const shape = graph.valueShape(file, { module: field.ref.module, path: [...field.ref.path, 'prototype'] });
    if (shape) seeds.push({ node: field.body, field: field.field, shape, library: shape.library ?? 'project' });
  }
  const calls = [...detectDataAccessCalls(input.sourceCode, declared, seeds)];
  const seen = new Set<TSESTree.Node>(calls.flatMap((call) => [call.node, ...(call.knex ? [call.knex.builder] : [])]));
  for (const [call, targets] of analysis.callTargets) {
    if (call.type !== 'CallExpression' || seen.has(call)) continue;
    for (const target of targets) {
      const through = graph.dataAccessThrough(file, target);
      if (!through) continue;
      const callee = skipTsWrappers(call.callee);
      calls.push({
        node: call,
        library: 'project',
        operation: through.name,
        kind: 'query',
        needsItemArgument: false,
        receiver: callee.type === 'MemberExpression' ? callee.object : null,
        arguments: call.arguments,
        through,
      });
      break;
    }
  }
  calls.sort((a, b) => a.node.range[0] - b.node.range[0]);
  cache.set(input.sourceCode.ast, { key, calls });
  return calls;
}
