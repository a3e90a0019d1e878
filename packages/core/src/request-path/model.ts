import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import { constructorOf, enclosingFunction, isFunctionNode, type FunctionNode } from '../ast.js';
import { matchesGlobs, projectFor, projectRootOf, type Project } from '../project/project.js';
import { analyzeFile, type FileAnalysis } from './analyze.js';
import type { HandlerKind } from './frameworks/types.js';
import { ProjectGraph, type ExecutionContext, type GraphContext, type RequestData } from './graph.js';
import { DEFAULT_TEST_FILES, readSettings, type BackendPerfSettings } from './settings.js';
import { isStartupPath } from '../project/project.js';
import { runsOnce } from '../detectors/memoised.js';
import { isDevelopmentOnly } from '../analysis/environment.js';

export type { ExecutionContext } from './graph.js';
export type { HandlerKind } from './frameworks/types.js';

/** A function that the framework calls per request. */
export interface Handler {
  /** The handler function, when it is in the linted file. */
  readonly node?: FunctionNode;
  readonly kind: HandlerKind;
  /** A short description for messages, such as "Express route handler `GET /users`". */
  readonly description: string;
  /**
   * The framework that registered the handler (`Express`, `Koa`, `Fastify`, `http`, ...), when the registration was
   * traced to its import; `undefined` for handlers recognised by shape alone (`router.get('/x', fn)` on an untracked
   * router).
   */
  readonly framework?: string;
  /** For GraphQL resolvers: the type and field, and whether the type is a root operation type. */
  readonly graphql?: { readonly typeName: string; readonly fieldName: string; readonly root: boolean };
  /** The project-relative file of the handler function when it is not the linted file. */
  readonly file?: string;
  /** Recognised by its parameters alone, because its registration is not visible. */
  readonly bySignature?: boolean;
}

export interface FunctionContext {
  readonly context: ExecutionContext;
  /** Why, in words: "Express route handler `GET /users`", "called from ...", "module top level". */
  readonly reason: string;
  /** The handler whose request path includes the function. */
  readonly handler?: Handler;
}

export interface RequestPathModel {
  /** Whether the whole file is start-up code (a CLI script with a shebang, or a configured start-up file). */
  readonly startupFile: boolean;
  /** The handlers defined in this file (wherever they are registered). */
  readonly handlers: readonly Handler[];
  /** The context of a function. */
  contextOfFunction(fn: FunctionNode): FunctionContext;
  /** The context of the code at `node`: its innermost enclosing function's, or start-up at module level. */
  contextOf(node: TSESTree.Node): FunctionContext;
  /**
   * Whether parameter `index` of `fn` receives what a request sends at some call site, in any file (`updateTags(ids,
   * req.body.tags)` in a controller): the handler's description and kind, or `null`. Handlers of the `exclude` kinds
   * are passed over.
   */
  requestDataOf(fn: FunctionNode, index: number, exclude?: readonly HandlerKind[]): RequestData | null;
}

/** What the model needs of an ESLint rule context. */
export interface ModelInput {
  readonly sourceCode: TSESLint.SourceCode;
  readonly filename: string;
  readonly cwd: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

const TOP_LEVEL: FunctionContext = { context: 'startup', reason: 'module top level' };
const UNKNOWN: FunctionContext = { context: 'unknown', reason: 'not reached from a handler or from start-up code' };
const LAZY: FunctionContext = {
  context: 'startup',
  reason: 'runs once (per process, or per key of a kept cache): a lazy initialisation whose value later calls reuse',
};

const DEVELOPMENT_ONLY: FunctionContext = {
  context: 'startup',
  reason: 'development-only code, under an environment check (`if (isDev)`), which production never runs',
};

const modelCache = new WeakMap<TSESTree.Program, { key: string; model: RequestPathModel }>();
const analysisCache = new WeakMap<TSESTree.Program, { key: string; analysis: FileAnalysis }>();
const graphCache = new WeakMap<TSESTree.Program, { key: string; found: GraphOfFile }>();

/**
 * Whether the file is a test or a benchmark (`DEFAULT_TEST_FILES` plus `settings['backend-perf'].testFiles`, and
 * `extraGlobs`). Narrower than start-up files: a migration or a CLI script is start-up code but not a test.
 */
export function isTestFile(
  input: Pick<ModelInput, 'filename' | 'cwd' | 'settings'>,
  extraGlobs: readonly string[] = [],
): boolean {
  const settings = readSettings(input.settings);
  return matchesGlobs(input.filename, input.cwd, [...DEFAULT_TEST_FILES, ...(settings.testFiles ?? []), ...extraGlobs]);
}

/** The file's own analysis (its summary and function nodes), once per AST and analysis settings. */
export function analysisOf(input: ModelInput, settings: BackendPerfSettings): FileAnalysis {
  const key = JSON.stringify(settings.handlers ?? []);
  const cached = analysisCache.get(input.sourceCode.ast);
  if (cached?.key === key) return cached.analysis;
  const analysis = analyzeFile(input.sourceCode, settings);
  analysisCache.set(input.sourceCode.ast, { key, analysis });
  return analysis;
}

const warnedProjects = new Set<string>();

/** A process warning, once per project, that its whole-project model failed and why. */
function warnProjectFailure(input: ModelInput, error: unknown): void {
  let root = input.cwd;
  try {
    root = projectRootOf(input.filename, input.cwd) ?? input.cwd;
  } catch {
    // The working folder names it well enough.
  }
  if (warnedProjects.has(root)) return;
  warnedProjects.add(root);
  const reason = error instanceof Error ? error.message : String(error);
  process.emitWarning(
    `backend-perf: the whole-project model of ${root} could not be built (${reason}); each file is judged on ` +
      'its own, so handlers, clients and models of other files are unknown to the rules',
    { code: 'BACKEND_PERF_PROJECT_MODEL' },
  );
}

type GraphOfFile = { graph: ProjectGraph; file: number; project: Project | null };

/**
 * The graph that answers for a linted file, and its index: the project's (every file of the project joined), or,
 * for code that is not a file of a project or when reading the project fails, a graph of this file alone. Once per
 * AST: the rules that read the model and those that read data accesses ask for the same lint.
 */
export function graphOf(input: ModelInput, settings: BackendPerfSettings, analysis: FileAnalysis): GraphOfFile {
  const key = `${input.filename}\u0000${input.cwd}\u0000${JSON.stringify(settings)}`;
  const cached = graphCache.get(input.sourceCode.ast);
  if (cached?.key === key) return cached.found;
  const found = findGraph(input, settings, analysis);
  graphCache.set(input.sourceCode.ast, { key, found });
  return found;
}

function findGraph(input: ModelInput, settings: BackendPerfSettings, analysis: FileAnalysis): GraphOfFile {
  try {
    const project = projectFor(input.filename, input.cwd, settings);
    if (project) {
      const { graph, file } = project.graphFor(input.filename, input.sourceCode.text, analysis.summary);
      if (file >= 0) return { graph, file, project };
    }
  } catch (error) {
    // A project that cannot be read (permissions, a broken cache, an unexpected file) must not stop the lint:
    // the file is then judged on its own, as for code outside a project. Said once per folder, since every rule
    // is then blind to the other files.
    warnProjectFailure(input, error);
  }
  const startup = input.sourceCode.text.startsWith('#!') || isStartupPath(input.filename, input.cwd, settings);
  const name = input.filename && !input.filename.startsWith('<') ? path.basename(input.filename) : '<input>';
  const options = { resolve: () => -1, handlerSignatures: false };
  try {
    return {
      graph: new ProjectGraph([{ path: name, summary: analysis.summary, startup }], options),
      file: 0,
      project: null,
    };
  } catch {
    // Nothing the analysis of one file produces may stop the lint: without a graph, every function is of unknown
    // context (and the file's start-up status still holds).
    return { graph: new ProjectGraph([{ path: name, summary: null, startup }], options), file: 0, project: null };
  }
}

/**
 * Builds (once per file) the model of which functions run per request, which run once at start-up, and which are
 * of unknown context, from the graph of the whole project the file belongs to. See DESIGN.md, "Context decides",
 * and the guide's "How the rules decide what runs per request".
 */
export function getRequestPathModel(input: ModelInput): RequestPathModel {
  const settings = readSettings(input.settings);
  const key = `${input.filename}\u0000${input.cwd}\u0000${JSON.stringify(settings)}`;
  const cached = modelCache.get(input.sourceCode.ast);
  if (cached?.key === key) return cached.model;

  const analysis = analysisOf(input, settings);
  const { graph, file, project } = graphOf(input, settings, analysis);
  const indices = new Map(analysis.functionNodes.map((fn, index) => [fn, index]));
  const startupFile = input.sourceCode.text.startsWith('#!') || isStartupPath(input.filename, input.cwd, settings);
  const startupContext: FunctionContext = {
    context: 'startup',
    reason: input.sourceCode.text.startsWith('#!') ? 'a command-line script' : 'a start-up file',
  };
  const toContext = (result: GraphContext): FunctionContext => {
    if (!result.handler)
      return result.context === 'unknown' ? UNKNOWN : { context: result.context, reason: result.reason };
    const { file: handlerFile, fn, registeredIn, line, bySignature, ...summary } = result.handler;
    const handler: Handler = {
      ...summary,
      ...(handlerFile === file
        ? { node: analysis.functionNodes[fn] }
        : { file: project ? graph.pathOf(handlerFile) : '' }),
      ...(bySignature ? { bySignature } : {}),
    };
    return { context: result.context, reason: result.reason, handler };
  };
  const contexts = new Map<FunctionNode, FunctionContext>();
  const contextOfFunction = (fn: FunctionNode): FunctionContext => {
    if (startupFile) return startupContext;
    let result = contexts.get(fn);
    if (!result) {
      const index = indices.get(fn);
      result = index === undefined ? UNKNOWN : toContext(graph.contextOf(file, index));
      contexts.set(fn, result);
    }
    return result;
  };
  /**
   * Whether the instances of a class of the file live as long as the process: it declares a constructor, and only
   * start-up code runs it (see `runsOnce`: the fields of such an instance are kept between calls). A constructor the
   * graph does not place may run per request in code it does not see (a GraphQL server's `context` function).
   */
  const outlivesRequests = (cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean => {
    const value = constructorOf(cls.body)?.value;
    return value !== undefined && contextOfFunction(value).context === 'startup';
  };
  const handlers: Handler[] = [];
  for (const fn of analysis.functionNodes) {
    const handler = contextOfFunction(fn).handler;
    if (handler?.node === fn && !handlers.includes(handler)) handlers.push(handler);
  }
  const model: RequestPathModel = {
    startupFile,
    handlers,
    contextOfFunction,
    contextOf(node) {
      const fn = isFunctionNode(node) ? node : enclosingFunction(node);
      if (startupFile) return startupContext;
      if (!fn) return TOP_LEVEL;
      const context = contextOfFunction(fn);
      // Code under a lazy initialisation runs once, whoever calls its function.
      if (context.context !== 'startup' && !isFunctionNode(node) && runsOnce(input.sourceCode, node, outlivesRequests))
        return LAZY;
      // Code under a development check (`if (isDev)`) never runs in production.
      if (context.context !== 'startup' && isDevelopmentOnly(node)) return DEVELOPMENT_ONLY;
      return context;
    },
    requestDataOf(fn, index, exclude) {
      const fnIndex = indices.get(fn);
      return fnIndex === undefined || startupFile ? null : graph.requestDataOf(file, fnIndex, index, exclude);
    },
  };
  modelCache.set(input.sourceCode.ast, { key, model });
  return model;
}
