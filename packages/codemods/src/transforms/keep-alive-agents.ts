import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { API, Collection, FileInfo, JSCodeshift } from 'jscodeshift';
import { eolOf, getNodeTarget } from '@backend-perf/core';
import { jscodeshiftFor } from '../engine/jscodeshift.js';
import { moduleSyntaxOf } from '../engine/language.js';
import { nodeAtSite } from '../engine/locate.js';
import { findPackageJsonFrom } from '../engine/package-json.js';
import { codemodRules, codemodSites, runRuleCodemod, type RuleSite } from '../engine/rule-codemod.js';
import type { CodemodMeta, CodemodRunOptions, RefactorInput, RefactorResult } from '../types.js';
import { mayHaveSites, readSource } from '../engine/refactor-io.js';

export const meta: CodemodMeta = {
  name: 'keep-alive-agents',
  description:
    'Turns keep-alive on in HTTP agents and gives axios, got, node-fetch, needle and `http(s).request` clients shared keep-alive agents from one generated module.',
  rules: ['require-keep-alive'],
  // The strict reading: single requests in functions of unknown context are rewritten too; never start-up code.
  ruleOptions: { 'require-keep-alive': [{ checkUnknownContext: true }] },
  options: {
    agentsModule: {
      type: 'string',
      description:
        "Path of the shared agents module, relative to the package root (the nearest package.json) or absolute; created when missing. Default: `src/http-agents` with the edited file's extension style (`.js`, `.mjs`, `.cjs` or `.ts`).",
    },
  },
};

/** jscodeshift's parser option; the transform parses with the parser that fits each file's extension. */
export const parser = 'tsx';

type AgentName = 'httpAgent' | 'httpsAgent' | 'agentFor';
type Format = 'esm' | 'cjs';

/** Where the agents module lives and how the edited file imports it. */
interface AgentsModule {
  readonly file: string;
  readonly format: Format;
  readonly typescript: boolean;
  /**
   * The package's `engines.node` allows only Node 16 and later (or says nothing): the module may use `node:`
   * specifiers and numeric separators. Otherwise it uses `'http'` and `30000`, which every Node reads.
   */
  readonly modernSyntax: boolean;
}

/** The oldest Node that reads `node:` specifiers in both `require` and `import` (and numeric separators). */
const MODERN_NODE_MAJOR = 16;

export interface FileMigration {
  readonly output: string;
  readonly changed: boolean;
  /** The agents module the output imports, when it imports one. */
  readonly agentsModule: AgentsModule | null;
  /** Sites left unchanged, with the reason. */
  readonly reports: readonly string[];
}

const AXIOS_URL_METHODS = new Set(['get', 'delete', 'head', 'options']);
const AXIOS_DATA_METHODS = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);

/** The API a `require-keep-alive` report names: the first backticked name of its message, or the second for `agent: false`. */
function apiOf(site: RuleSite): string | null {
  const names = [...site.message.matchAll(/`([^`]+)`/gu)].map((match) => match[1] ?? '');
  return (site.messageId === 'agentDisabled' ? names[1] : names[0]) ?? null;
}

function packageRoot(file: string, cwd: string): string {
  const manifest = findPackageJsonFrom(path.dirname(file));
  return manifest ? path.dirname(manifest) : cwd;
}

function packageType(root: string): 'module' | 'commonjs' {
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { type?: string };
    return manifest.type === 'module' ? 'module' : 'commonjs';
  } catch {
    return 'commonjs';
  }
}

/** Decides the agents module for a file: the configured path, or `src/http-agents` next to the package root. */
export function agentsModuleFor(file: string, source: string, cwd: string, configured?: string): AgentsModule {
  const root = packageRoot(file, cwd);
  const format: Format = moduleSyntaxOf(file, source) === 'module' ? 'esm' : 'cjs';
  const typescript = /\.(?:c|m)?tsx?$/iu.test(file);
  // The agents module is the package's code: its `engines` decide the syntax, not a setting of the linted file.
  const target = getNodeTarget({ filename: path.join(root, 'package.json'), settings: {} });
  const modernSyntax = target === null || target.major >= MODERN_NODE_MAJOR;
  /** The extension that keeps `format` under the package's `type`. */
  const extension = (): string => {
    if (typescript) return '.ts';
    const type = packageType(root);
    return format === 'esm' ? (type === 'module' ? '.js' : '.mjs') : type === 'module' ? '.cjs' : '.js';
  };
  if (configured) {
    const resolved = path.resolve(root, configured);
    const resolvedFile = path.extname(resolved) === '' ? `${resolved}${extension()}` : resolved;
    return {
      file: resolvedFile,
      format: /\.c[jt]s$/iu.test(resolvedFile) ? 'cjs' : /\.m[jt]s$/iu.test(resolvedFile) ? 'esm' : format,
      typescript: /\.(?:c|m)?ts$/iu.test(resolvedFile),
      modernSyntax,
    };
  }
  const base = existsSync(path.join(root, 'src'))
    ? path.join(root, 'src', 'http-agents')
    : path.join(root, 'http-agents');
  return { file: `${base}${extension()}`, format, typescript, modernSyntax };
}

/** The text of the shared agents module. */
export function agentsModuleSource(module: AgentsModule): string {
  const header = [
    '// Shared keep-alive agents for outbound HTTP, created once per process (backend-perf keep-alive-agents).',
    '// Clients that use them reuse open connections instead of paying a TCP (and TLS) handshake per request.',
    '// maxSockets bounds the connections per upstream host; timeout closes sockets idle that long (keep it below',
    "// the upstream's own idle timeout, or reused sockets may fail with ECONNRESET).",
  ].join('\n');
  const options = `const options = { keepAlive: true, maxSockets: 50, maxFreeSockets: 10, timeout: ${module.modernSyntax ? '30_000' : '30000'}, scheduling: 'lifo' };`;
  const prefix = module.modernSyntax ? 'node:' : '';
  const agentFor = module.typescript
    ? "/** For clients that take one agent for both protocols (node-fetch): the agent for the request URL. */\nexport function agentFor(url: URL): http.Agent {\n  return url.protocol === 'http:' ? httpAgent : httpsAgent;\n}"
    : "/** For clients that take one agent for both protocols (node-fetch): the agent for the request URL. */\nexport function agentFor(url) {\n  return url.protocol === 'http:' ? httpAgent : httpsAgent;\n}";
  if (module.format === 'esm') {
    const typedOptions = module.typescript
      ? options.replace('const options =', 'const options: https.AgentOptions =')
      : options;
    return `${header}\nimport * as http from '${prefix}http';\nimport * as https from '${prefix}https';\n\n${typedOptions}\n\nexport const httpAgent = new http.Agent(options);\nexport const httpsAgent = new https.Agent(options);\n\n${agentFor}\n`;
  }
  return `${header}\n'use strict';\n\nconst http = require('${prefix}http');\nconst https = require('${prefix}https');\n\n${options}\n\nconst httpAgent = new http.Agent(options);\nconst httpsAgent = new https.Agent(options);\n\n${agentFor.replace('export function', 'function')}\n\nmodule.exports = { httpAgent, httpsAgent, agentFor };\n`;
}

function importSpecifier(from: string, module: AgentsModule, importerFormat: Format): string {
  let relative = path.relative(path.dirname(from), module.file).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  if (module.typescript)
    return relative.replace(/\.(c|m)?ts$/u, (_match, kind: string | undefined) => `.${kind ?? ''}js`);
  if (importerFormat === 'cjs' && relative.endsWith('.js')) return relative.slice(0, -3);
  return relative;
}

/** Local names for the agents: the exported names, or aliases when the file already binds them. */
function localNames(j: JSCodeshift, root: Collection): Record<AgentName, string> {
  const taken = new Set<string>();
  root.find(j.Identifier).forEach((p) => {
    taken.add(p.node.name);
  });
  const pick = (name: AgentName): string => {
    if (!taken.has(name)) return name;
    const alias = `shared${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;
    let candidate = alias;
    for (let n = 2; taken.has(candidate); n += 1) candidate = `${alias}${n}`;
    return candidate;
  };
  return { httpAgent: pick('httpAgent'), httpsAgent: pick('httpsAgent'), agentFor: pick('agentFor') };
}

type AnyNode = { type: string; [key: string]: unknown };
type ClientKind = 'axios' | 'got' | 'fetch' | 'http' | 'https' | 'needle-http' | 'needle-https';

/** A text replacement in the file being migrated. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A node's start or end offset (babel's `start`/`end`, or `range`). */
function offset(node: AnyNode, side: 'start' | 'end'): number {
  const value = node[side];
  if (typeof value === 'number') return value;
  const range = node.range as [number, number] | undefined;
  if (range) return side === 'start' ? range[0] : range[1];
  throw new Error(`no offsets on ${node.type}`);
}

function clientKindOf(api: string): ClientKind | null {
  if (api === 'axios' || api.startsWith('axios.')) return 'axios';
  if (api === 'got' || api.startsWith('got.')) return 'got';
  if (api === 'node-fetch') return 'fetch';
  if (api === 'needle' || api.startsWith('needle.')) return 'needle-https';
  if (api.startsWith('https.')) return 'https';
  if (api.startsWith('http.')) return 'http';
  return null;
}

/** Where the options object goes in a call of `api`: a fixed index, or by the `(url?, options?, callback?)` rule. */
function optionsIndex(api: string, args: AnyNode[]): number | null {
  const method = api.split('.')[1];
  if (api === 'axios.create' || api === 'got.extend' || api === 'axios.request') return 0;
  if (api.startsWith('axios.') && method && AXIOS_URL_METHODS.has(method)) return 1;
  if (api.startsWith('axios.') && method && AXIOS_DATA_METHODS.has(method)) return 2;
  if (api === 'node-fetch') return 1;
  if (api === 'needle' || api === 'needle.request') return 3;
  if (api === 'needle.get' || api === 'needle.head') return 1;
  if (api.startsWith('needle.')) return 2;
  if (args[0] && isObject(args[0])) return 0;
  if (args[0] && !isUrlLike(args[0])) return null;
  return 1;
}

function isObject(node: unknown): node is { type: 'ObjectExpression'; properties: AnyNode[] } {
  return (node as AnyNode | null)?.type === 'ObjectExpression';
}

function isFunction(node: unknown): boolean {
  const type = (node as AnyNode | null)?.type;
  return type === 'ArrowFunctionExpression' || type === 'FunctionExpression';
}

/** A URL written at the call (a string, a template, a concatenation, `new URL(…)`); identifiers are ambiguous. */
function isUrlLike(node: unknown): boolean {
  const type = (node as AnyNode | null)?.type;
  return (
    type === 'StringLiteral' ||
    type === 'Literal' ||
    type === 'TemplateLiteral' ||
    type === 'BinaryExpression' ||
    type === 'NewExpression'
  );
}

const AGENT_DISABLED_WHY =
  '`agent: false` turns pooling off on purpose as often as not (a client that does not retry a request on a stale ' +
  'pooled socket, or one that must not share connections); replace it with a shared keep-alive agent by hand if ' +
  'the upstream and the client tolerate reused connections';
const AGENT_PER_CALL_WHY =
  'the agent is built per call, which may be on purpose (options chosen per call: TLS certificates, a proxy, a ' +
  'socket path); create it once at module level by hand if its options do not vary';
const PROTOCOL_UNDECIDED_WHY =
  'the module (`http` or `https`) is chosen at run time, so the protocol of the request, and the agent it needs, ' +
  'cannot be decided here; pass `agent: url.protocol === "https:" ? httpsAgent : httpAgent` by hand';
const SUPERAGENT_WHY =
  'superagent takes its agent from `.agent()` on each request, not from an options object; call ' +
  '`.agent(httpsAgent)` (or `httpAgent` for plain HTTP) on the request by hand';
const PIPELINING_WHY =
  '`pipelining: 0` may be on purpose (an upstream that mishandles reused connections); remove it by hand if not';
const REQUEST_WHY =
  'the `request` package takes one agent for the protocol of the URL; add `forever: true` (its own keep-alive ' +
  'agents) or the matching shared agent by hand';
const NEEDLE_PROTOCOL_WHY =
  'needle takes one agent, for the protocol of the URL, and the URL is not written here with its scheme; pass ' +
  '`agent: httpsAgent` (or `httpAgent` for plain HTTP) by hand';
const OPTIONS_NOT_WRITTEN_WHY = 'the options object is not written at the call, so the agent cannot be added to it';

/**
 * The protocol of a needle request whose URL is written at the call with its scheme (a string or a template that
 * starts with `https://` or `http://`); `null` otherwise. The URL is the first argument, or the second of
 * `needle(method, url, …)` and `needle.request(method, url, …)`.
 */
function needleProtocol(api: string, args: AnyNode[]): 'needle-http' | 'needle-https' | null {
  const url = args[api === 'needle' || api === 'needle.request' ? 1 : 0];
  let text: string | null = null;
  if (url?.type === 'StringLiteral' || (url?.type === 'Literal' && typeof url.value === 'string'))
    text = String(url.value);
  if (url?.type === 'TemplateLiteral') {
    const first = (url.quasis as AnyNode[])[0];
    text = first ? (first.value as { cooked?: string; raw: string }).raw : null;
  }
  if (text?.startsWith('https://')) return 'needle-https';
  if (text?.startsWith('http://')) return 'needle-http';
  return null;
}

/** `http`, `https` and their `node:` forms. */
const HTTP_MODULES = new Set(['http', 'https', 'node:http', 'node:https']);

/**
 * Whether the module a `http(s).request`/`get` call goes through is fixed in the file: the callee is a name (or a
 * member of a name) bound once by an `import` or a `require` of `http` or `https`. A module picked at run time
 * (`const transport = secure ? https : http`, a parameter) leaves the request's protocol undecided.
 */
function moduleIsFixed(j: JSCodeshift, root: Collection, call: AnyNode): boolean {
  const callee = call.callee as AnyNode;
  const base =
    callee.type === 'Identifier'
      ? callee
      : (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') &&
          (callee.object as AnyNode).type === 'Identifier'
        ? (callee.object as AnyNode)
        : null;
  if (!base) return false;
  const name = String(base.name);
  const imported = root
    .find(j.ImportDeclaration)
    .filter((p) => HTTP_MODULES.has(String(p.node.source.value)))
    .some((p) => (p.node.specifiers ?? []).some((specifier) => specifier.local?.name === name));
  if (imported) return true;
  const declarators = root.find(j.VariableDeclarator).filter((p) => {
    const id = p.node.id as unknown as AnyNode;
    if (id.type === 'Identifier') return id.name === name;
    if (id.type !== 'ObjectPattern') return false;
    return (id.properties as AnyNode[]).some((property) => (property.value as AnyNode | undefined)?.name === name);
  });
  if (declarators.size() !== 1) return false;
  const init = declarators.get().node.init as AnyNode | null;
  const required = init?.type === 'CallExpression' ? init : null;
  const argument = (required?.arguments as AnyNode[] | undefined)?.[0];
  return (
    (required?.callee as AnyNode | undefined)?.name === 'require' &&
    typeof argument?.value === 'string' &&
    HTTP_MODULES.has(argument.value)
  );
}

/**
 * Rewrites one file: applies the rule's keep-alive suggestions to agents, then gives the clients the rule reports
 * shared agents. Returns the new text and the agents module it imports.
 */
export function migrateFile(
  source: string,
  filename: string,
  options: {
    settings?: Record<string, unknown>;
    agentsModule?: string;
    cwd?: string;
    rules?: CodemodRunOptions['rules'];
  },
): FileMigration {
  const cwd = options.cwd ?? process.cwd();
  const settings = options.settings;
  const agentsPass = runRuleCodemod({
    source,
    filename,
    codemod: meta.name,
    rules: codemodRules(meta, options.rules),
    ...(settings ? { settings } : {}),
    cwd,
  });
  let text = agentsPass.output;
  const sites = codemodSites(meta, text, filename, { settings, cwd, rules: options.rules });
  const reports: string[] = [];
  if (sites.length === 0) return { output: text, changed: text !== source, agentsModule: null, reports };

  const j = jscodeshiftFor(filename);
  const root = j(text);
  const names = localNames(j, root);
  const used = new Set<AgentName>();
  const edits: Edit[] = [];
  const quote = /'/u.test(source) || !/"/u.test(source) ? "'" : '"';

  /** The properties that give a client of `kind` the shared agents. */
  const agentProperties = (kind: ClientKind): string[] => {
    const property = (key: string, local: string): string => (key === local ? key : `${key}: ${local}`);
    switch (kind) {
      case 'axios':
        used.add('httpAgent').add('httpsAgent');
        return [property('httpAgent', names.httpAgent), property('httpsAgent', names.httpsAgent)];
      case 'got':
        used.add('httpAgent').add('httpsAgent');
        return [`agent: { http: ${names.httpAgent}, https: ${names.httpsAgent} }`];
      case 'fetch':
        used.add('agentFor');
        return [`agent: ${names.agentFor}`];
      default: {
        const name: AgentName = kind === 'http' || kind === 'needle-http' ? 'httpAgent' : 'httpsAgent';
        used.add(name);
        return [`agent: ${names[name]}`];
      }
    }
  };

  /** Adds properties at the end of an object literal, in its own layout (one line, or one property per line). */
  const addProperties = (object: AnyNode, properties: string[]): void => {
    const list = object.properties as AnyNode[];
    const last = list.at(-1);
    if (!last) {
      edits.push({ start: offset(object, 'start'), end: offset(object, 'end'), text: `{ ${properties.join(', ')} }` });
      return;
    }
    const lastStart = (last.loc as { start: { line: number } }).start.line;
    const objectStart = (object.loc as { start: { line: number } }).start.line;
    if (lastStart === objectStart) {
      edits.push({ start: offset(last, 'end'), end: offset(last, 'end'), text: `, ${properties.join(', ')}` });
      return;
    }
    const lineText = text.split(/\r?\n/u)[lastStart - 1] ?? '';
    const indent = /^\s*/u.exec(lineText)?.[0] ?? '';
    const eol = eolOf(text);
    edits.push({
      start: offset(last, 'end'),
      end: offset(last, 'end'),
      text: properties.map((p) => `,${eol}${indent}${p}`).join(''),
    });
  };

  const leave = (site: RuleSite, why: string): void => {
    reports.push(`${filename}:${site.line}:${site.column}: left for review: ${why}`);
  };
  for (const site of sites) {
    const api = apiOf(site);
    const kind = api ? clientKindOf(api) : null;
    if (site.messageId === 'agentDisabled') {
      // `agent: false` is written on purpose far more often than by accident: a client that does not retry a
      // request on a stale pooled socket, or one that must not share connections. Only a person can tell.
      leave(site, AGENT_DISABLED_WHY);
      continue;
    }
    if (site.messageId === 'agentPerRequest' || site.messageId === 'agentPerCall') {
      leave(site, AGENT_PER_CALL_WHY);
      continue;
    }
    if (site.messageId === 'requestWithoutAgent') {
      leave(site, SUPERAGENT_WHY);
      continue;
    }
    if (site.messageId === 'pipeliningDisabled') {
      leave(site, PIPELINING_WHY);
      continue;
    }
    if (site.messageId === 'defaultAgentWithoutKeepAlive' && (api === 'request' || api?.startsWith('request.'))) {
      leave(site, REQUEST_WHY);
      continue;
    }
    if (site.messageId !== 'defaultAgentWithoutKeepAlive' || !api || !kind) {
      leave(site, "the agent's options are not an object written here, so `keepAlive: true` cannot be added to them");
      continue;
    }
    const call = nodeAtSite<AnyNode>(j, root, site, ['CallExpression', 'OptionalCallExpression']);
    if (call && (kind === 'http' || kind === 'https') && !moduleIsFixed(j, root, call.node)) {
      leave(site, PROTOCOL_UNDECIDED_WHY);
      continue;
    }
    const args = (call?.node.arguments ?? []) as AnyNode[];
    let clientKind = kind;
    if (kind === 'needle-https') {
      const protocol = needleProtocol(api, args);
      if (!protocol) {
        leave(site, NEEDLE_PROTOCOL_WHY);
        continue;
      }
      clientKind = protocol;
    }
    const index = call ? optionsIndex(api, args) : null;
    if (!call || index === null || args.some((arg) => arg.type === 'SpreadElement')) {
      leave(site, OPTIONS_NOT_WRITTEN_WHY);
      continue;
    }
    const existing = args[index];
    if (existing && isObject(existing)) {
      addProperties(existing, agentProperties(clientKind));
    } else if (existing && isFunction(existing)) {
      edits.push({
        start: offset(existing, 'start'),
        end: offset(existing, 'start'),
        text: `{ ${agentProperties(clientKind).join(', ')} }, `,
      });
    } else if (!existing && index === args.length && args.length > 0) {
      const last = args[args.length - 1];
      edits.push({
        start: offset(last, 'end'),
        end: offset(last, 'end'),
        text: `, { ${agentProperties(clientKind).join(', ')} }`,
      });
    } else if (!existing && index === 0 && args.length === 0) {
      const closing = text.lastIndexOf(')', offset(call.node, 'end'));
      edits.push({ start: closing, end: closing, text: `{ ${agentProperties(clientKind).join(', ')} }` });
    } else {
      leave(site, OPTIONS_NOT_WRITTEN_WHY);
    }
  }
  if (edits.length === 0) return { output: text, changed: text !== source, agentsModule: null, reports };

  const module = agentsModuleFor(path.resolve(cwd, filename), text, cwd, options.agentsModule);
  const format: Format = moduleSyntaxOf(filename, text) === 'module' ? 'esm' : 'cjs';
  const specifier = importSpecifier(path.resolve(cwd, filename), module, format);
  const imported = (['httpAgent', 'httpsAgent', 'agentFor'] as const).filter((name) => used.has(name));
  const bindings = imported.map((name) =>
    name === names[name] ? name : `${name}${format === 'esm' ? ' as ' : ': '}${names[name]}`,
  );
  const body = (root.find(j.Program).get().node as { body: AnyNode[] }).body;
  const isImport = (statement: AnyNode): boolean =>
    format === 'esm'
      ? statement.type === 'ImportDeclaration'
      : statement.type === 'VariableDeclaration' &&
        /\brequire\s*\(/u.test(text.slice(offset(statement, 'start'), offset(statement, 'end')));
  const anchor = body.filter(isImport).at(-1) ?? null;
  const semicolon = anchor ? text.slice(offset(anchor, 'start'), offset(anchor, 'end')).trimEnd().endsWith(';') : true;
  const statement =
    format === 'esm'
      ? `import { ${bindings.join(', ')} } from ${quote}${specifier}${quote}${semicolon ? ';' : ''}`
      : `const { ${bindings.join(', ')} } = require(${quote}${specifier}${quote})${semicolon ? ';' : ''}`;
  const eol = eolOf(text);
  if (anchor) {
    edits.push({ start: offset(anchor, 'end'), end: offset(anchor, 'end'), text: `${eol}${statement}` });
  } else {
    const directive = /^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*(['"])use strict\1;?[^\S\r\n]*\r?\n/u.exec(text);
    const at = directive ? directive[0].length : 0;
    edits.push({ start: at, end: at, text: `${statement}${eol}${directive ? '' : eol}` });
  }
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return { output: text, changed: text !== source, agentsModule: module, reports };
}

function migrationOptions(options: CodemodRunOptions): Parameters<typeof migrateFile>[2] {
  return {
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(typeof options.agentsModule === 'string' ? { agentsModule: options.agentsModule } : {}),
  };
}

/**
 * The per-file transform. It never writes other files: when the rewritten file imports an agents module that does not
 * exist yet, it says so in a report. `runRefactor` (what `backend-perf migrate` calls) creates the module.
 */
export default function transform(file: FileInfo, api: API, options: CodemodRunOptions): string | undefined {
  const result = migrateFile(file.source, file.path, migrationOptions(options));
  for (const report of result.reports) api.report(report);
  if (!result.changed) return undefined;
  if (result.agentsModule && !existsSync(result.agentsModule.file)) {
    api.report(
      `${file.path}: imports the shared agents module ${result.agentsModule.file}, which does not exist yet; \`backend-perf migrate keep-alive-agents\` creates it`,
    );
  }
  return result.output;
}

/**
 * The multi-file form of the codemod: migrates `files` and creates the shared agents module(s) they import. Returns
 * every change (`before` is `null` for a created file) and writes them unless `dry`.
 */
export function runRefactor(input: RefactorInput): RefactorResult {
  const changes: { path: string; before: string | null; after: string }[] = [];
  const reports: string[] = [];
  const modules = new Map<string, string>();
  const candidate = mayHaveSites(input);
  for (const file of input.files) {
    if (!candidate(file)) continue;
    const absolute = path.resolve(input.cwd, file);
    const source = readSource(input, absolute);
    let result: FileMigration;
    try {
      result = migrateFile(source, absolute, { ...migrationOptions(input.options ?? {}), cwd: input.cwd });
    } catch (error) {
      reports.push(`${absolute}: failed: ${(error as Error).message}`);
      continue;
    }
    reports.push(...result.reports);
    if (!result.changed) continue;
    changes.push({ path: absolute, before: source, after: result.output });
    if (result.agentsModule && !existsSync(result.agentsModule.file) && !modules.has(result.agentsModule.file)) {
      modules.set(result.agentsModule.file, agentsModuleSource(result.agentsModule));
    }
  }
  for (const [file, text] of modules) changes.push({ path: file, before: null, after: text });
  if (!input.dry) {
    for (const change of changes) {
      mkdirSync(path.dirname(change.path), { recursive: true });
      writeFileSync(change.path, change.after);
    }
  }
  return { changes, reports };
}
