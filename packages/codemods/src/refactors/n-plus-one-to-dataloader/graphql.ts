import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Node, Project, SourceFile } from 'ts-morph';
import { morph } from '../../engine/ts-morph.js';
import { collectDataAccess } from '../../engine/data-access.js';
import { findRuleSites, markerText } from '../../engine/rule-codemod.js';
import { moduleSyntaxOf } from '../../engine/language.js';
import { capitalise, planFor, quote, type BatchPlan } from './batch.js';
import { indentAt } from '@backend-perf/core';

const CODEMOD = 'n-plus-one-to-dataloader';

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A loader the refactor adds to `createLoaders(deps)`. */
interface LoaderSpec {
  readonly name: string;
  readonly deps: readonly string[];
  readonly body: string;
  readonly imports: readonly { readonly module: string; readonly name: string }[];
}

export interface GraphqlInput {
  /** Current text of every file (after the single-file rewrites), by absolute path. */
  readonly texts: Map<string, string>;
  readonly cwd: string;
  readonly settings?: Record<string, unknown>;
  /** The codemod's rules and options (`codemodRules(meta)`). */
  readonly rules: Readonly<Record<string, readonly unknown[]>>;
  /** The files to look for resolver sites in (default: every file of `texts`). */
  readonly candidates?: ReadonlySet<string>;
  /** Loaders module path relative to `cwd`; default: `loaders.<ext>` beside the first rewritten resolver file. */
  readonly loadersPath?: string;
}

export interface GraphqlResult {
  /** New texts by absolute path (created files included). */
  readonly texts: Map<string, string>;
  readonly reports: string[];
}

/** Server constructors and middlewares whose options take a per-request `context` function. */
const CONTEXT_OWNERS: readonly { module: RegExp; name: string; optionsArgument: number; construct: boolean }[] = [
  { module: /^apollo-server(?:-[a-z0-9]+)?$/u, name: 'ApolloServer', optionsArgument: 0, construct: true },
  {
    module: /^@apollo\/server\/(?:express4|standalone)$|^@as-integrations\/[a-z0-9-]+$/u,
    name: 'expressMiddleware',
    optionsArgument: 1,
    construct: false,
  },
  { module: /^@apollo\/server\/standalone$/u, name: 'startStandaloneServer', optionsArgument: 1, construct: false },
  {
    module: /^@as-integrations\/[a-z0-9-]+$/u,
    name: 'startServerAndCreateHandler',
    optionsArgument: 1,
    construct: false,
  },
  { module: /^graphql-yoga$/u, name: 'createYoga', optionsArgument: 0, construct: false },
];

/**
 * The names a file must mention to hold a context function: the exports of `CONTEXT_OWNERS` (imported by name) and
 * mercurius (registered as a plugin).
 */
const SERVER_NAMES = [...new Set(CONTEXT_OWNERS.map((owner) => owner.name)), 'mercurius'];

/** What a local name is bound to by a top-level `import` or `require`: module and export (`default` for default). */
function importOf(file: SourceFile, local: string): { module: string; name: string } | null {
  for (const declaration of file.getImportDeclarations()) {
    const module = declaration.getModuleSpecifierValue();
    if (declaration.getDefaultImport()?.getText() === local) return { module, name: 'default' };
    for (const named of declaration.getNamedImports()) {
      if ((named.getAliasNode()?.getText() ?? named.getName()) === local) return { module, name: named.getName() };
    }
  }
  for (const statement of file.getVariableStatements()) {
    for (const declaration of statement.getDeclarations()) {
      const init = declaration.getInitializer();
      const call = init && morph().Node.isCallExpression(init) ? init : null;
      if (!call || call.getExpression().getText() !== 'require') continue;
      const specifier = call.getArguments().at(0);
      if (!specifier || !morph().Node.isStringLiteral(specifier)) continue;
      const module = specifier.getLiteralValue();
      const nameNode = declaration.getNameNode();
      if (morph().Node.isIdentifier(nameNode) && nameNode.getText() === local) return { module, name: 'default' };
      if (morph().Node.isObjectBindingPattern(nameNode)) {
        for (const element of nameNode.getElements()) {
          if (element.getName() === local)
            return { module, name: element.getPropertyNameNode()?.getText() ?? element.getName() };
        }
      }
    }
  }
  return null;
}

/** Names bound at the top level of a file (imports, requires, declarations). */
function topLevelNames(file: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const declaration of file.getImportDeclarations()) {
    const def = declaration.getDefaultImport();
    if (def) names.add(def.getText());
    const namespace = declaration.getNamespaceImport();
    if (namespace) names.add(namespace.getText());
    for (const named of declaration.getNamedImports()) names.add(named.getAliasNode()?.getText() ?? named.getName());
  }
  for (const statement of file.getVariableStatements()) {
    for (const declaration of statement.getDeclarations()) {
      const nameNode = declaration.getNameNode();
      if (morph().Node.isIdentifier(nameNode)) names.add(nameNode.getText());
      else nameNode.getDescendantsOfKind(morph().SyntaxKind.Identifier).forEach((id) => names.add(id.getText()));
    }
  }
  for (const declaration of [...file.getFunctions(), ...file.getClasses()]) {
    const name = declaration.getName();
    if (name) names.add(name);
  }
  return names;
}

function lineOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let output = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  }
  return output;
}

/** The batch function of a loader, from the library's batch plan. */
function loaderBody(plan: BatchPlan, indent: string): string {
  if (plan.grouped) {
    return [
      `new DataLoader(async (keys) => {`,
      `${indent}  const rows = await ${plan.batch('[...keys]')};`,
      `${indent}  const byKey = new Map();`,
      `${indent}  for (const row of rows) {`,
      `${indent}    const group = byKey.get(${plan.rowKey('row')});`,
      `${indent}    if (group) group.push(row);`,
      `${indent}    else byKey.set(${plan.rowKey('row')}, [row]);`,
      `${indent}  }`,
      `${indent}  return keys.map((key) => byKey.get(${plan.itemKey('key')}) ?? []);`,
      `${indent}})`,
    ].join('\n');
  }
  const index = plan.unique
    ? `new Map(rows.map((row) => [${plan.rowKey('row')}, row]))`
    : `new Map(rows.map((row) => [${plan.rowKey('row')}, row]).reverse())`;
  const missing = plan.missing === 'null' ? ' ?? null' : '';
  return [
    `new DataLoader(async (keys) => {`,
    `${indent}  const rows = await ${plan.batch('[...keys]')};`,
    `${indent}  const byKey = ${index};`,
    `${indent}  return keys.map((key) => byKey.get(${plan.itemKey('key')})${missing});`,
    `${indent}})`,
  ].join('\n');
}

/** The relative module specifier from one file to another, in the importing file's style. */
function specifierFrom(fromFile: string, toFile: string, keepExtension: boolean): string {
  let relative = path.relative(path.dirname(fromFile), toFile).split(path.sep).join('/');
  if (!keepExtension) relative = relative.replace(/\.[cm]?[jt]sx?$/u, '');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function usesExtensions(file: SourceFile): boolean {
  return file.getImportDeclarations().some((d) => /^\.{1,2}\/.*\.[cm]?js$/u.test(d.getModuleSpecifierValue()));
}

/**
 * Moves lookups in GraphQL field resolvers of non-root types (the rule's `queryPerParent` sites) to per-request
 * DataLoaders: a loaders module with `createLoaders(deps)`, resolvers that call `context.loaders.<name>.load(key)`,
 * and the context function of Apollo Server, graphql-yoga or mercurius creating the loaders per request. Where the
 * context function cannot be found or edited, a marked comment says what to add.
 */
export function refactorResolvers(input: GraphqlInput): GraphqlResult {
  const texts = new Map(input.texts);
  /** The current text of a file of the run: every file it edits is one of `input.texts`. */
  const currentText = (file: string): string => {
    const text = texts.get(file);
    if (text === undefined) throw new Error(`${CODEMOD}: no text for ${file}`);
    return text;
  };
  const reports: string[] = [];
  // ts-morph (and its TypeScript) loads only when a resolver site is found.
  let inMemory: Project | undefined;
  const project = (): Project =>
    (inMemory ??= new (morph().Project)({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } }));
  // Files are parsed on first use: the resolver files, then the files that import a GraphQL server package.
  const parsed = new Map<string, SourceFile>();
  const sourceFileOf = (file: string): SourceFile => {
    let source = parsed.get(file);
    if (!source) parsed.set(file, (source = project().createSourceFile(file, texts.get(file), { overwrite: true })));
    return source;
  };

  const loaders = new Map<string, LoaderSpec>();
  const resolverFiles: string[] = [];
  const fileEdits = new Map<string, Edit[]>();
  const addEdit = (file: string, edit: Edit): void => {
    const list = fileEdits.get(file) ?? [];
    list.push(edit);
    fileEdits.set(file, list);
  };

  for (const [file, text] of texts) {
    if (input.candidates && !input.candidates.has(file)) continue;
    const relative = path.relative(input.cwd, file).split(path.sep).join('/');
    let sites;
    try {
      sites = findRuleSites({
        source: text,
        filename: relative,
        cwd: input.cwd,
        rules: input.rules,
        ...(input.settings ? { settings: input.settings } : {}),
      });
    } catch {
      continue;
    }
    const resolverSites = sites.filter((site) => site.messageId === 'queryPerParent');
    if (resolverSites.length === 0) continue;
    const where = (site: { line: number; column: number }): string => `${relative}:${site.line}:${site.column}`;
    if (/\.[cm]?tsx?$/u.test(file)) {
      for (const site of resolverSites) {
        reports.push(
          `${where(site)}: left unchanged: TypeScript resolvers need the key and row types in the generated loaders; ` +
            `move this lookup to a DataLoader by hand`,
        );
      }
      continue;
    }
    const data = collectDataAccess({
      source: text,
      filename: relative,
      cwd: input.cwd,
      ...(input.settings ? { settings: input.settings } : {}),
    });
    const sf = sourceFileOf(file);
    const offsets = lineOffsets(text);
    const names = topLevelNames(sf);
    let changed = false;
    for (const site of resolverSites) {
      const start = (offsets[site.line - 1] ?? 0) + site.column - 1;
      const end = (offsets[(site.endLine ?? site.line) - 1] ?? 0) + (site.endColumn ?? site.column) - 1;
      const found = data.find((d) => d.range[0] === start && d.range[1] === end);
      const plan = found ? planFor(found, text) : 'the lookup could not be located';
      if (typeof plan === 'string' || !found?.key) {
        reports.push(
          `${where(site)}: left unchanged: ${typeof plan === 'string' ? plan : 'the lookup is not by a single key'}`,
        );
        continue;
      }
      if (plan.result) {
        reports.push(
          `${where(site)}: left unchanged: a resolver that returns a ${plan.result} result object cannot be served ` +
            `by a loader of rows`,
        );
        continue;
      }
      const call = sf
        .getDescendantsOfKind(morph().SyntaxKind.CallExpression)
        .find((c) => c.getStart() === start && c.getEnd() === end);
      let target: Node | undefined = call;
      if (target?.getParent() && morph().Node.isAwaitExpression(target.getParent())) target = target.getParent();
      let fn = target?.getParent();
      if (fn && morph().Node.isReturnStatement(fn)) {
        const block = fn.getParent();
        fn = morph().Node.isBlock(block) && block.getStatements().length === 1 ? block.getParent() : undefined;
      }
      if (
        !target ||
        !fn ||
        !(
          morph().Node.isArrowFunction(fn) ||
          morph().Node.isFunctionExpression(fn) ||
          morph().Node.isMethodDeclaration(fn)
        )
      ) {
        reports.push(`${where(site)}: left unchanged: the lookup is not the whole body of the resolver`);
        continue;
      }
      const params = fn.getParameters();
      const parent = params.at(0)?.getNameNode();
      const keyText = text.slice(found.key.range[0], found.key.range[1]);
      const keyIds = project()
        .createSourceFile(`/__key_${start}.js`, `(${keyText})`, { overwrite: true })
        .getDescendantsOfKind(morph().SyntaxKind.Identifier)
        .filter((id) => {
          const p = id.getParent();
          return !(morph().Node.isPropertyAccessExpression(p) && p.getNameNode() === id);
        })
        .map((id) => id.getText());
      if (
        !parent ||
        !morph().Node.isIdentifier(parent) ||
        keyIds.length === 0 ||
        keyIds.some((id) => id !== parent.getText())
      ) {
        reports.push(`${where(site)}: left unchanged: the key does not come from the parent object alone`);
        continue;
      }
      const receiver = found.chain
        ? text.slice(found.chain.builder[0], found.chain.builder[1])
        : text.slice(found.receiver?.[0] ?? 0, found.receiver?.[1] ?? 0);
      const root = /^[A-Za-z_$][\w$]*/u.exec(receiver)?.[0];
      if (!root || !names.has(root)) {
        reports.push(
          `${where(site)}: left unchanged: the client \`${receiver}\` is not a module-level binding the loaders can ` +
            `receive`,
        );
        continue;
      }
      // The context parameter: the third one, added when missing.
      const fnText = fn.getText();
      let contextName: string;
      if (params.length >= 3) {
        const third = params.at(2)?.getNameNode();
        if (!third || !morph().Node.isIdentifier(third)) {
          reports.push(`${where(site)}: left unchanged: the resolver destructures its context`);
          continue;
        }
        contextName = third.getText();
      } else {
        contextName = /\bcontext\b/u.test(fnText) ? 'ctx' : 'context';
        const argsName = /\b_args\b/u.test(fnText) ? '_arguments' : '_args';
        const extra = params.length === 1 ? `, ${argsName}, ${contextName}` : `, ${contextName}`;
        // `params` has one or two entries here: the parent's (checked above), and three or more took the branch above.
        const last = params.at(-1);
        if (last) {
          const hasParens = morph().Node.isArrowFunction(fn)
            ? text.slice(fn.getStart(), last.getStart()).includes('(')
            : true;
          if (hasParens) addEdit(file, { start: last.getEnd(), end: last.getEnd(), text: extra });
          else {
            addEdit(file, { start: last.getStart(), end: last.getStart(), text: '(' });
            addEdit(file, { start: last.getEnd(), end: last.getEnd(), text: `${extra})` });
          }
        }
      }
      const loaderName = `${plan.base}By${capitalise(plan.field)}`;
      const replacement = `${contextName}.loaders.${loaderName}.load(${keyText})`;
      addEdit(file, { start: target.getStart(), end: target.getEnd(), text: replacement });
      loaders.set(loaderName, {
        name: loaderName,
        deps: [root],
        body: loaderBody(plan, '    '),
        imports: plan.needsImport ? [plan.needsImport] : [],
      });
      changed = true;
    }
    if (changed) resolverFiles.push(file);
  }
  if (loaders.size === 0) return { texts, reports };

  // ---- the loaders module ----------------------------------------------------------------------------------------
  const firstResolver = resolverFiles[0];
  const resolverText = currentText(firstResolver);
  const esm = moduleSyntaxOf(firstResolver, resolverText) === 'module';
  const loadersFile = input.loadersPath
    ? path.resolve(input.cwd, input.loadersPath)
    : path.join(path.dirname(firstResolver), `loaders${path.extname(firstResolver)}`);
  const existing = texts.get(loadersFile) ?? (existsSync(loadersFile) ? readFileSync(loadersFile, 'utf8') : null);
  const deps = [...new Set([...loaders.values()].flatMap((l) => l.deps))].sort();
  const q = (value: string): string => quote(resolverText, value);
  if (existing === null) {
    const imports = [
      ...new Map([...loaders.values()].flatMap((l) => l.imports).map((i) => [`${i.module}:${i.name}`, i])).values(),
    ];
    const header = esm
      ? [
          `import DataLoader from ${q('dataloader')};`,
          ...imports.map((i) => `import { ${i.name} } from ${q(i.module)};`),
        ]
      : [
          `const DataLoader = require(${q('dataloader')});`,
          ...imports.map((i) => `const { ${i.name} } = require(${q(i.module)});`),
        ];
    const entries = [...loaders.values()].map((l) => `    ${l.name}: ${l.body},`);
    const lines = [
      ...(esm ? [] : [`'use strict';`, '']),
      ...header,
      '',
      '/**',
      ' * Per-request DataLoaders. Call `createLoaders` in the GraphQL context function, once per request: a loader',
      " * caches what it loads for its whole life, so a shared one would serve stale rows and other users' data.",
      ' */',
      `${esm ? 'export ' : ''}function createLoaders({ ${deps.join(', ')} }) {`,
      '  return {',
      ...entries,
      '  };',
      '}',
      ...(esm ? [] : ['', 'module.exports = { createLoaders };']),
      '',
    ];
    texts.set(loadersFile, lines.join('\n'));
  } else {
    const sf = project().createSourceFile(loadersFile, existing, { overwrite: true });
    const factory = sf.getFunction('createLoaders');
    const returned = factory?.getStatements().find((s) => morph().Node.isReturnStatement(s));
    const object = returned && morph().Node.isReturnStatement(returned) ? returned.getExpression() : undefined;
    const param = factory?.getParameters()[0]?.getNameNode();
    if (
      !factory ||
      !object ||
      !morph().Node.isObjectLiteralExpression(object) ||
      !param ||
      !morph().Node.isObjectBindingPattern(param)
    ) {
      reports.push(
        `${path.relative(input.cwd, loadersFile)}: left unchanged: it exists and has no \`createLoaders({ ... })\` ` +
          `returning an object literal; add the loaders by hand`,
      );
      return { texts: input.texts, reports };
    }
    const edits: Edit[] = [];
    const present = new Set(
      object.getProperties().map((p) => (morph().Node.isPropertyAssignment(p) ? p.getName() : p.getText())),
    );
    const additions = [...loaders.values()]
      .filter((l) => !present.has(l.name))
      .map((l) => `    ${l.name}: ${l.body},\n`);
    const close = object.getEnd() - 1;
    const lineStart = existing.lastIndexOf('\n', close - 1) + 1;
    if (additions.length > 0) edits.push({ start: lineStart, end: lineStart, text: additions.join('') });
    const bound = new Set(param.getElements().map((e) => e.getName()));
    const missingDeps = deps.filter((d) => !bound.has(d));
    const lastElement = param.getElements().at(-1);
    if (missingDeps.length > 0 && lastElement)
      edits.push({ start: lastElement.getEnd(), end: lastElement.getEnd(), text: `, ${missingDeps.join(', ')}` });
    texts.set(loadersFile, applyEdits(existing, edits));
  }

  // ---- wiring: the context function of the GraphQL server -------------------------------------------------------
  const call = `createLoaders({ ${deps.join(', ')} })`;
  let wired = false;
  for (const [file, text] of texts) {
    // Only a file that names one of the servers' exports can hold their context function.
    if (!SERVER_NAMES.some((name) => text.includes(name))) continue;
    const sf = sourceFileOf(file);
    const candidates = [
      ...sf.getDescendantsOfKind(morph().SyntaxKind.NewExpression),
      ...sf.getDescendantsOfKind(morph().SyntaxKind.CallExpression),
    ];
    for (const candidate of candidates) {
      const callee = candidate.getExpression();
      let optionsArgument = -1;
      if (morph().Node.isIdentifier(callee)) {
        const imported = importOf(sf, callee.getText());
        const owner =
          imported &&
          CONTEXT_OWNERS.find(
            (o) =>
              o.module.test(imported.module) &&
              o.name === imported.name &&
              o.construct === morph().Node.isNewExpression(candidate),
          );
        if (owner) optionsArgument = owner.optionsArgument;
      } else if (
        morph().Node.isPropertyAccessExpression(callee) &&
        callee.getName() === 'register' &&
        morph().Node.isCallExpression(candidate)
      ) {
        const plugin = candidate.getArguments().at(0);
        const imported = plugin && morph().Node.isIdentifier(plugin) ? importOf(sf, plugin.getText()) : null;
        if (imported?.module === 'mercurius' && imported.name === 'default') optionsArgument = 1;
      }
      if (optionsArgument < 0) continue;
      const options = candidate.getArguments().at(optionsArgument);
      if (!options || !morph().Node.isObjectLiteralExpression(options)) continue;
      const available = topLevelNames(sf);
      const missingDeps = deps.filter((d) => !available.has(d));
      const contextProperty = options.getProperty('context');
      const edits: Edit[] = [];
      const indent = indentAt(text, options.getStart());
      const marker = (what: string): Edit => {
        const at = text.lastIndexOf('\n', candidate.getStart() - 1) + 1;
        return {
          start: at,
          end: at,
          text: `${indentAt(text, candidate.getStart())}// ${markerText(CODEMOD)} ${what}\n`,
        };
      };
      if (missingDeps.length > 0) {
        edits.push(
          marker(
            `create loaders per request: add \`loaders: ${call}\` to the object the context function returns ` +
              `(\`createLoaders\` is in ${specifierFrom(file, loadersFile, true)}; ${missingDeps.join(', ')} must be ` +
              `in scope here).`,
          ),
        );
      } else if (!contextProperty) {
        const open = options.getStart() + 1;
        const multiline = options.getText().includes('\n');
        const property = `context: async () => ({ loaders: ${call} }),`;
        edits.push({ start: open, end: open, text: multiline ? `\n${indent}  ${property}` : ` ${property}` });
      } else {
        const value = morph().Node.isPropertyAssignment(contextProperty) ? contextProperty.getInitializer() : undefined;
        let object: Node | undefined;
        if (value && (morph().Node.isArrowFunction(value) || morph().Node.isFunctionExpression(value))) {
          let body: Node | undefined = value.getBody();
          while (morph().Node.isParenthesizedExpression(body)) body = body.getExpression();
          if (morph().Node.isBlock(body)) {
            const last = body.getStatements().at(-1);
            body = last && morph().Node.isReturnStatement(last) ? last.getExpression() : undefined;
            while (body && morph().Node.isParenthesizedExpression(body)) body = body.getExpression();
          }
          object = body && morph().Node.isObjectLiteralExpression(body) ? body : undefined;
        }
        if (object && morph().Node.isObjectLiteralExpression(object)) {
          if (object.getProperty('loaders')) {
            edits.push(marker(`the context already has \`loaders\`; make sure it includes the loaders of ${call}.`));
          } else {
            const open = object.getStart() + 1;
            edits.push({
              start: open,
              end: open,
              text: object.getProperties().length === 0 ? ` loaders: ${call} ` : ` loaders: ${call},`,
            });
          }
        } else {
          edits.push(
            marker(`create loaders per request: add \`loaders: ${call}\` to the object this context function returns.`),
          );
        }
      }
      if (!/^\s*\/\//u.test(edits[0]?.text ?? '')) {
        const fileEsm = moduleSyntaxOf(file, text) === 'module';
        const specifier = specifierFrom(
          file,
          loadersFile,
          fileEsm ? usesExtensions(sf) || /\.m?js$/u.test(file) : false,
        );
        const statement = fileEsm
          ? `import { createLoaders } from ${quote(text, specifier)};`
          : `const { createLoaders } = require(${quote(text, specifier)});`;
        const anchors = fileEsm
          ? sf.getImportDeclarations()
          : sf.getVariableStatements().filter((s) => /\brequire\(/u.test(s.getText()));
        const anchor = anchors.at(-1);
        const at = anchor ? anchor.getEnd() : 0;
        if (!importOf(sf, 'createLoaders'))
          edits.push({ start: at, end: at, text: anchor ? `\n${statement}` : `${statement}\n` });
      }
      texts.set(file, applyEdits(currentText(file), [...edits, ...(fileEdits.get(file) ?? [])]));
      fileEdits.delete(file);
      wired = true;
      break;
    }
    if (wired) break;
  }

  for (const [file, edits] of fileEdits) texts.set(file, applyEdits(currentText(file), edits));
  if (!wired) {
    for (const file of resolverFiles) {
      const text = currentText(file);
      const spec = specifierFrom(file, loadersFile, true);
      const comment =
        `// ${markerText(CODEMOD)} resolvers now read \`context.loaders\`: in the GraphQL server's ` +
        `context function, add \`loaders: ${call}\` (from '${spec}') to the object it returns, once per request.\n`;
      const sf = project().createSourceFile(file, text, { overwrite: true });
      const first = sf.getStatements().find((s) => s.getText().includes('.loaders.'));
      const at = first ? text.lastIndexOf('\n', first.getStart() - 1) + 1 : 0;
      if (!text.includes(markerText(CODEMOD))) texts.set(file, text.slice(0, at) + comment + text.slice(at));
    }
    reports.push(
      `no Apollo Server, graphql-yoga or mercurius context was found among the files: a marked comment says what to ` +
        `add`,
    );
  }
  return { texts, reports };
}
