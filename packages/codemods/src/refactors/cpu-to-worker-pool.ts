import { eolOf, type HeavyFunctionSetting, isHeavyFunctionModule, readSettings } from '@backend-perf/core';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findPackageJsonFrom, nearestPackageJson, withDependency } from '../engine/package-json.js';
import type { CallExpression, Node, SourceFile, Statement } from 'ts-morph';
import { morph } from '../engine/ts-morph.js';
import { codemodSites, findRuleSites, type RuleSite } from '../engine/rule-codemod.js';
import { mayHaveSites, readSource } from '../engine/refactor-io.js';
import { moduleSyntaxOf } from '../engine/language.js';
import type { CodemodMeta, RefactorChange, RefactorInput, RefactorResult } from '../types.js';

export const meta: CodemodMeta = {
  name: 'cpu-to-worker-pool',
  description:
    'Moves CPU-heavy functions (settings `heavyFunctions` or `--functions`) into a worker module run by a Piscina ' +
    'pool and awaits `pool.run()` at their call sites in async code.',
  rules: ['no-blocking-cpu'],
  // Every call of a heavy function in an async function, also outside recognised request handlers.
  ruleOptions: { 'no-blocking-cpu': [{ checkUnknownContext: true }] },
  options: {
    functions: {
      type: 'string',
      description:
        'Comma-separated names of module-scope functions of the given files to move, in addition to ' +
        "`settings['backend-perf'].heavyFunctions`.",
    },
  },
};

/** Piscina releases by the oldest Node they support. */
const PISCINA_RANGES: ReadonlyArray<{ minNode: number; range: string }> = [
  { minNode: 20, range: '^5.3.2' },
  { minNode: 0, range: '^4.9.3' },
];

const HEAVY_MESSAGES = new Set(['heavyFunctionOnRequestPath', 'heavyFunctionInUnknownAsync']);

type FunctionStatement = Statement;

/** A heavy function's declaration: its module-scope statement and the name it has there. */
interface Target {
  readonly file: SourceFile;
  readonly name: string;
  readonly statement: FunctionStatement;
  readonly parameterCount: number;
}

interface Site {
  readonly call: CallExpression;
  readonly target: Target;
  /**
   * `items.map((x) => heavy(x))` in an async function: the `.map(...)` call whose callback returns the heavy call.
   * The callback then returns the pool's promise, and the whole map is awaited with `Promise.all`.
   */
  readonly map?: CallExpression;
}

/**
 * The `.map(...)` call whose callback is `(x) => heavy(x)` (a concise arrow body, or a block with only
 * `return heavy(x)`), when that map is in an async function; `undefined` otherwise.
 */
function mappedIn(call: CallExpression): CallExpression | undefined {
  const Node = morph().Node;
  let callback: Node | undefined = call.getParent();
  if (callback && Node.isReturnStatement(callback)) {
    const block = callback.getParent();
    if (!Node.isBlock(block) || block.getStatements().length !== 1) return undefined;
    callback = block.getParent();
  }
  if (!callback || !Node.isArrowFunction(callback) || callback.isAsync()) return undefined;
  const map = callback.getParent();
  if (!Node.isCallExpression(map) || map.getArguments().at(0) !== callback) return undefined;
  const callee = map.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'map') return undefined;
  return inAsyncFunction(map) ? map : undefined;
}

function relativeModule(cwd: string, file: string): string {
  const relative = path.relative(cwd, file).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function camel(text: string): string {
  return text.replace(/[^A-Za-z0-9]+(.)/gu, (_, c: string) => c.toUpperCase()).replace(/^[^A-Za-z_$]+/u, '');
}

function isEsm(file: SourceFile): boolean {
  return moduleSyntaxOf(file.getFilePath(), file.getFullText()) === 'module';
}

/** The module-scope statement that declares `node` (a function, variable, import or require binding). */
function topLevelStatement(node: Node): Statement | undefined {
  let current: Node | undefined = node;
  while (current && !morph().Node.isSourceFile(current.getParent() ?? current)) current = current.getParent();
  return current && morph().Node.isStatement(current) ? current : undefined;
}

/** The name and arity of a module-scope function statement, or `null` for other statements. */
function functionStatementInfo(statement: Statement): { name: string; parameterCount: number } | null {
  if (morph().Node.isFunctionDeclaration(statement)) {
    const name = statement.getName();
    return name ? { name, parameterCount: statement.getParameters().length } : null;
  }
  if (morph().Node.isVariableStatement(statement)) {
    const declarations = statement.getDeclarations();
    const declaration = declarations.at(0);
    const init = declaration?.getInitializer();
    if (
      declarations.length === 1 &&
      declaration &&
      init &&
      (morph().Node.isArrowFunction(init) || morph().Node.isFunctionExpression(init))
    ) {
      return { name: declaration.getName(), parameterCount: init.getParameters().length };
    }
  }
  return null;
}

function isRequireCall(node: Node | undefined): boolean {
  if (!node) return false;
  if (morph().Node.isPropertyAccessExpression(node)) return isRequireCall(node.getExpression());
  return morph().Node.isCallExpression(node) && node.getExpression().getText() === 'require';
}

/** Follows a call's callee to the module-scope function it calls (through imports, requires and `module.exports`). */
function resolveTarget(call: CallExpression): Target | null {
  const callee = call.getExpression();
  const nameNode = morph().Node.isPropertyAccessExpression(callee)
    ? callee.getNameNode()
    : morph().Node.isIdentifier(callee)
      ? callee
      : null;
  if (!nameNode) return null;
  let frontier: Node[] = [nameNode];
  for (let hop = 0; hop < 4 && frontier.length > 0; hop += 1) {
    const next: Node[] = [];
    for (const node of frontier) {
      const definitions = morph().Node.isIdentifier(node) ? node.getDefinitionNodes() : [];
      for (const definition of definitions) {
        const statement = topLevelStatement(definition);
        const info = statement ? functionStatementInfo(statement) : null;
        if (statement && info)
          return { file: statement.getSourceFile(), name: info.name, statement, parameterCount: info.parameterCount };
        // `module.exports = { buildReport }` or `exports.buildReport = buildReport`: one more hop.
        if (morph().Node.isShorthandPropertyAssignment(definition)) next.push(definition.getNameNode());
        if (morph().Node.isPropertyAssignment(definition)) {
          const initializer = definition.getInitializer();
          if (initializer && morph().Node.isIdentifier(initializer)) next.push(initializer);
        }
        if (morph().Node.isBinaryExpression(definition)) {
          const right = definition.getRight();
          if (morph().Node.isIdentifier(right)) next.push(right);
        }
      }
    }
    frontier = next;
  }
  return null;
}

/** Module-scope statements a function needs: helpers, imports, requires and constant values, in source order. */
function dependencies(target: Target, reports: string[]): Statement[] | null {
  const file = target.file;
  const needed = new Set<Statement>();
  const queue: Statement[] = [target.statement];
  const seen = new Set<Statement>([target.statement]);
  for (let statement = queue.shift(); statement; statement = queue.shift()) {
    for (const identifier of statement.getDescendantsOfKind(morph().SyntaxKind.Identifier)) {
      const parent = identifier.getParent();
      // `{ threadId }` refers to the variable through the shorthand property's value symbol.
      const symbol = morph().Node.isShorthandPropertyAssignment(parent)
        ? parent.getValueSymbol()
        : identifier.getSymbol();
      for (const declaration of symbol?.getDeclarations() ?? []) {
        if (declaration.getSourceFile() !== file) continue;
        const top = topLevelStatement(declaration);
        if (!top || top === statement || seen.has(top) || top.getParent() !== file) continue;
        if (top.getStart() <= statement.getStart() && top.getEnd() >= statement.getEnd()) continue;
        seen.add(top);
        if (
          morph().Node.isImportDeclaration(top) ||
          (morph().Node.isVariableStatement(top) &&
            top.getDeclarations().every((d) => isRequireCall(d.getInitializer())))
        ) {
          needed.add(top);
        } else if (functionStatementInfo(top) || morph().Node.isClassDeclaration(top)) {
          needed.add(top);
          queue.push(top);
        } else if (morph().Node.isVariableStatement(top) && isConstantStatement(top)) {
          needed.add(top);
          queue.push(top);
        } else if (
          morph().Node.isInterfaceDeclaration(top) ||
          morph().Node.isTypeAliasDeclaration(top) ||
          morph().Node.isEnumDeclaration(top)
        ) {
          needed.add(top);
          queue.push(top);
        } else {
          const line = identifier.getStartLineNumber();
          reports.push(
            `${file.getFilePath()}:${line}:${identifier.getStart() - identifier.getStartLinePos() + 1}: ` +
              `\`${target.name}\` left in place: it uses module state \`${identifier.getText()}\`, which a worker ` +
              `thread does not share`,
          );
          return null;
        }
      }
    }
  }
  return [...needed].sort((a, b) => a.getStart() - b.getStart());
}

/** A `const` whose value is made of literals only (safe to copy into the worker module). */
function isConstantStatement(statement: Statement): boolean {
  if (
    !morph().Node.isVariableStatement(statement) ||
    statement.getDeclarationKind() !== morph().VariableDeclarationKind.Const
  )
    return false;
  return statement.getDeclarations().every((declaration) => {
    const init = declaration.getInitializer();
    if (!init) return false;
    return [init, ...init.getDescendants()].every((node) => {
      if (morph().Node.isCallExpression(node) || morph().Node.isNewExpression(node)) return false;
      if (!morph().Node.isIdentifier(node)) return true;
      const parent = node.getParent();
      return (
        node.getText() === 'undefined' || (morph().Node.isPropertyAssignment(parent) && parent.getNameNode() === node)
      );
    });
  });
}

/** The text of an import or require statement reduced to the bindings `used` (or `null` when none is used). */
function reducedImport(statement: Statement, used: Set<string>): string | null {
  if (morph().Node.isImportDeclaration(statement)) {
    const defaultImport = statement.getDefaultImport()?.getText();
    const namespace = statement.getNamespaceImport()?.getText();
    const named = statement
      .getNamedImports()
      .filter((specifier) => used.has((specifier.getAliasNode() ?? specifier.getNameNode()).getText()));
    const parts: string[] = [];
    if (defaultImport && used.has(defaultImport)) parts.push(defaultImport);
    if (namespace && used.has(namespace)) parts.push(`* as ${namespace}`);
    if (named.length > 0) parts.push(`{ ${named.map((specifier) => specifier.getText()).join(', ')} }`);
    if (parts.length === 0) return null;
    const typeOnly = statement.isTypeOnly() ? 'type ' : '';
    return `import ${typeOnly}${parts.join(', ')} from ${statement.getModuleSpecifier().getText()};`;
  }
  if (morph().Node.isVariableStatement(statement)) {
    const declarations = statement.getDeclarations().flatMap((declaration) => {
      const nameNode = declaration.getNameNode();
      if (morph().Node.isIdentifier(nameNode)) return used.has(nameNode.getText()) ? [declaration.getText()] : [];
      if (morph().Node.isObjectBindingPattern(nameNode)) {
        const elements = nameNode.getElements().filter((element) => used.has(element.getNameNode().getText()));
        if (elements.length === 0) return [];
        return [
          `{ ${elements.map((element) => element.getText()).join(', ')} } = ` +
            (declaration.getInitializer()?.getText() ?? ''),
        ];
      }
      return [declaration.getText()];
    });
    if (declarations.length === 0) return null;
    return `${statement.getDeclarationKind()} ${declarations.join(', ')};`;
  }
  return statement.getText();
}

/** Statement text without its `export` keyword. */
function withoutExport(statement: Statement): string {
  const text = statement.getText(true);
  return text.replace(/^export\s+(?!default)/u, '');
}

/**
 * Whether the module runs as an ES module in Node (so `import.meta.url` exists): `.mjs`/`.mts`, or `.js`/`.ts` in a
 * package whose nearest package.json says `"type": "module"`. TypeScript and Babel sources with `import` syntax in
 * other packages compile to CommonJS.
 */
function runsAsEsm(file: SourceFile): boolean {
  const ext = path.extname(file.getFilePath()).toLowerCase();
  if (ext === '.mjs' || ext === '.mts') return true;
  if (ext === '.cjs' || ext === '.cts') return false;
  return nearestPackageJson(file.getFilePath())?.json['type'] === 'module';
}

function workerFileName(file: SourceFile): string {
  const ext = path.extname(file.getFilePath());
  return `${path.basename(file.getFilePath(), ext)}.worker${ext}`;
}

/** The specifier by which the original module loads the worker file at run time (TypeScript: the emitted `.js`). */
function runtimeWorkerSpecifier(file: SourceFile): string {
  const name = workerFileName(file);
  const ext = path.extname(name);
  const runtimeExt = ext === '.ts' ? '.js' : ext === '.mts' ? '.mjs' : ext === '.cts' ? '.cjs' : ext;
  return `./${name.slice(0, -ext.length)}${runtimeExt}`;
}

function buildWorkerModule(file: SourceFile, targets: Target[], statements: Statement[]): string {
  const eol = eolOf(file.getFullText());
  const esm = isEsm(file);
  const typescript = /\.[cm]?tsx?$/u.test(file.getFilePath());
  const used = new Set<string>();
  for (const statement of [...targets.map((t) => t.statement), ...statements]) {
    if (
      morph().Node.isImportDeclaration(statement) ||
      (morph().Node.isVariableStatement(statement) &&
        statement.getDeclarations().every((d) => isRequireCall(d.getInitializer())))
    )
      continue;
    for (const identifier of statement.getDescendantsOfKind(morph().SyntaxKind.Identifier))
      used.add(identifier.getText());
  }
  const imports: string[] = [];
  const code: string[] = [];
  const all = [...new Set([...statements, ...targets.map((t) => t.statement)])].sort(
    (a, b) => a.getStart() - b.getStart(),
  );
  for (const statement of all) {
    if (
      morph().Node.isImportDeclaration(statement) ||
      (morph().Node.isVariableStatement(statement) &&
        statement.getDeclarations().every((d) => isRequireCall(d.getInitializer())))
    ) {
      const text = reducedImport(statement, used);
      if (text) imports.push(text);
    } else {
      code.push(withoutExport(statement));
    }
  }
  const header = [
    `// Worker module for a Piscina pool: the CPU-heavy functions of ./${path.basename(file.getFilePath())} run ` +
      `here, on worker threads.`,
    '// Each task receives the argument list as an array: `pool.run([a, b], { name })`.',
  ];
  const strict = !esm && /^\s*['"]use strict['"]/u.test(file.getFullText()) ? ["'use strict';", ''] : [];
  const tasks = targets.map((target) => {
    const argsType = typescript ? `: Parameters<typeof ${target.name}>` : '';
    return { name: target.name, text: `(args${argsType}) => ${target.name}(...args)` };
  });
  const exportsBlock = esm
    ? [
        ...tasks.map((task) => `const ${task.name}Task = ${task.text};`),
        `export { ${tasks.map((task) => `${task.name}Task as ${task.name}`).join(', ')} };`,
      ]
    : [`module.exports = {`, ...tasks.map((task) => `  ${task.name}: ${task.text},`), `};`];
  return [
    ...strict,
    ...header,
    ...(imports.length ? ['', ...imports] : []),
    '',
    code.join(`${eol}${eol}`),
    '',
    ...exportsBlock,
    '',
  ].join(eol);
}

/**
 * Adds `piscina` to the `dependencies` of the nearest package.json above `dir`, unless some dependency section has it
 * already: `^5` when `engines.node` starts at 20 or later (or is absent), `^4` for older engines.
 */
function addPiscina(
  dir: string,
  pending: Map<string, string>,
  originals: Map<string, string | null>,
  read: (file: string) => string,
): void {
  const candidate = findPackageJsonFrom(dir, (file) => pending.has(file) || existsSync(file));
  if (!candidate) return;
  const text = pending.get(candidate) ?? read(candidate);
  if (!originals.has(candidate)) originals.set(candidate, text);
  const engines =
    ((JSON.parse(text) as Record<string, unknown>)['engines'] as Record<string, string> | undefined)?.['node'] ?? '';
  const minNode = Number(/(\d+)/u.exec(engines)?.[1] ?? '20');
  const range = (PISCINA_RANGES.find((candidateRange) => minNode >= candidateRange.minNode) ?? PISCINA_RANGES[0]).range;
  const updated = withDependency(text, 'piscina', range);
  if (updated !== null) pending.set(candidate, updated);
}

/** A module-scope name for the pool of `file` that the file does not use yet (`reportPool`). */
function choosePoolName(file: SourceFile): string {
  const base = camel(path.basename(file.getFilePath(), path.extname(file.getFilePath()))) || 'worker';
  const taken = new Set(
    file.getDescendantsOfKind(morph().SyntaxKind.Identifier).map((identifier) => identifier.getText()),
  );
  let poolName = `${base}Pool`;
  for (let i = 2; taken.has(poolName); i += 1) poolName = `${base}Pool${i}`;
  return poolName;
}

/** Adds the pool, created once, to the original module and exports it next to the function. */
function addPool(file: SourceFile, targets: Target[], poolName: string): void {
  const eol = eolOf(file.getFullText());
  const esm = isEsm(file);
  const specifier = runtimeWorkerSpecifier(file);
  const statements = file.getStatements();
  const lastImport = [...statements]
    .reverse()
    .find(
      (s) =>
        morph().Node.isImportDeclaration(s) ||
        (morph().Node.isVariableStatement(s) && s.getDeclarations().every((d) => isRequireCall(d.getInitializer()))),
    );
  const importText = esm ? `import { Piscina } from 'piscina';` : `const { Piscina } = require('piscina');`;
  const filename = runsAsEsm(file)
    ? `new URL('${specifier}', import.meta.url).href`
    : `require.resolve('${specifier}')`;
  const comment =
    `/** Worker threads for ${targets.map((t) => `\`${t.name}\``).join(', ')} (see ${specifier}); ` +
    `created once, shared by every caller. */`;
  const poolText = `${comment}${eol}${esm ? 'export ' : ''}const ${poolName} = new Piscina({ filename: ${filename} });`;
  const block = `${importText}${eol}${eol}${poolText}`;
  if (lastImport) {
    file.insertText(lastImport.getEnd(), `${eol}${block}`);
  } else {
    const first = statements.find(
      (s) => !(morph().Node.isExpressionStatement(s) && /^['"]use strict['"]/u.test(s.getText())),
    );
    if (first) file.insertText(first.getStart(true), `${block}${eol}${eol}`);
    else file.insertText(file.getEnd(), `${eol}${block}${eol}`);
  }
  if (!esm) {
    // Export the pool next to the function: `module.exports = { a }` gains `pool`; otherwise a line is added.
    const moduleExports = file
      .getStatements()
      .find((s) => morph().Node.isExpressionStatement(s) && /^module\.exports\s*=\s*\{/u.test(s.getText()));
    const object = moduleExports?.getFirstDescendantByKind(morph().SyntaxKind.ObjectLiteralExpression);
    const last = object?.getProperties().at(-1);
    if (object && last) {
      const after = file.getFullText().slice(last.getEnd(), object.getEnd());
      const trailingComma = /^\s*,/u.test(after);
      if (object.getStartLineNumber() === object.getEndLineNumber()) {
        file.insertText(last.getEnd(), `, ${poolName}`);
      } else {
        const indent = /^[ \t]*/u.exec(file.getFullText().slice(last.getStartLinePos()))?.[0] ?? '  ';
        const at = trailingComma ? last.getEnd() + after.indexOf(',') + 1 : last.getEnd();
        file.insertText(at, trailingComma ? `${eol}${indent}${poolName},` : `,${eol}${indent}${poolName}`);
      }
    } else {
      file.insertText(
        file.getEnd(),
        `${file.getFullText().endsWith(eol) ? '' : eol}module.exports.${poolName} = ${poolName};${eol}`,
      );
    }
  }
}

/** How a call site reaches the pool exported by `target.file`: the same import that brought the function. */
function poolReference(call: CallExpression, target: Target, poolName: string): string | null {
  const site = call.getSourceFile();
  if (site === target.file) return poolName;
  const callee = call.getExpression();
  if (morph().Node.isPropertyAccessExpression(callee)) {
    // `ns.fn()` of a namespace or CommonJS module reaches `ns.pool`; the default export of an ES module does not.
    const object = callee.getExpression();
    const declarations = morph().Node.isIdentifier(object) ? (object.getSymbol()?.getDeclarations() ?? []) : [];
    if (declarations.some((declaration) => morph().Node.isImportClause(declaration)) && isEsm(target.file)) return null;
    return `${object.getText()}.${poolName}`;
  }
  if (!morph().Node.isIdentifier(callee)) return null;
  for (const declaration of callee.getSymbol()?.getDeclarations() ?? []) {
    if (morph().Node.isImportSpecifier(declaration)) {
      const importDeclaration = declaration.getImportDeclaration();
      const existing = importDeclaration.getNamedImports().find((specifier) => specifier.getName() === poolName);
      if (!existing) importDeclaration.addNamedImport(poolName);
      return poolName;
    }
    if (morph().Node.isBindingElement(declaration)) {
      const pattern = declaration.getParentIfKind(morph().SyntaxKind.ObjectBindingPattern);
      if (!pattern) return null;
      if (!pattern.getElements().some((element) => element.getName() === poolName)) {
        const last = pattern.getElements().at(-1);
        if (!last) return null;
        last.replaceWithText(`${last.getText()}, ${poolName}`);
      }
      return poolName;
    }
  }
  return null;
}

function position(file: SourceFile, site: RuleSite): number {
  return file.compilerNode.getPositionOfLineAndCharacter(site.line - 1, site.column - 1);
}

function callAt(file: SourceFile, pos: number): CallExpression | undefined {
  let node: Node | undefined = file.getDescendantAtPos(pos);
  while (node && !(morph().Node.isCallExpression(node) && node.getStart() === pos)) node = node.getParent();
  return node && morph().Node.isCallExpression(node) ? node : undefined;
}

function inAsyncFunction(node: Node): boolean {
  const fn = node.getFirstAncestor(
    (ancestor) =>
      morph().Node.isFunctionLikeDeclaration(ancestor) ||
      morph().Node.isArrowFunction(ancestor) ||
      morph().Node.isFunctionExpression(ancestor),
  );
  return !!fn && 'isAsync' in fn && typeof fn.isAsync === 'function' && fn.isAsync();
}

/** Whether a call is the argument of `Promise.all(...)` (or `allSettled`). */
function inPromiseAll(call: CallExpression): boolean {
  const parent = call.getParent();
  return (
    !!parent &&
    morph().Node.isCallExpression(parent) &&
    /^Promise\.(?:all|allSettled)$/u.test(parent.getExpression().getText())
  );
}

/**
 * Whether `Promise.all(<map>)` would be reported by `no-unbounded-concurrency` (the list's size comes from the
 * request or the data): the rule's own detection, run on the file with that one change.
 */
function unboundedIfAll(map: CallExpression, file: string, settings: Record<string, unknown>, cwd: string): boolean {
  const source = map.getSourceFile().getFullText();
  const start = map.getStart();
  const text = `${source.slice(0, start)}Promise.all(${map.getText()})${source.slice(map.getEnd())}`;
  const line = source.slice(0, start).split('\n').length;
  return findRuleSites({ source: text, filename: file, rules: { 'no-unbounded-concurrency': [] }, settings, cwd }).some(
    (site) => site.line === line,
  );
}

function parseFunctions(option: unknown): string[] {
  if (Array.isArray(option))
    return option
      .map(String)
      .map((name) => name.trim())
      .filter(Boolean);
  if (typeof option === 'string')
    return option
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  return [];
}

/**
 * Moves the heavy functions that `no-blocking-cpu` reports (through `settings['backend-perf'].heavyFunctions`, plus
 * the module-scope functions named by `options.functions`) into `<module>.worker.<ext>` next to their module, run by a
 * Piscina pool created once in that module and exported with the function; call sites in async code become
 * `await pool.run([args], { name })`. The original function stays where it was, for synchronous callers.
 */
export function runRefactor(input: RefactorInput): RefactorResult {
  const cwd = path.resolve(input.cwd);
  const files = input.files.map((file) => path.resolve(cwd, file));
  const options = input.options ?? {};
  const settings = options.settings ?? {};
  const reports: string[] = [];

  // Functions named on the command line can be declared in any file; otherwise sites are only in the candidates,
  // and the modules their calls import come in through dependency resolution.
  const functionNames = parseFunctions(options.functions);
  const candidate = functionNames.length > 0 ? () => true : mayHaveSites(input);
  const siteFiles = files.filter((file) => candidate(file));
  const isHeavy = (site: RuleSite): boolean => site.messageId !== undefined && HEAVY_MESSAGES.has(site.messageId);
  const catalogueReport = (file: string, site: RuleSite): string =>
    `${file}:${site.line}:${site.column}: left unchanged (only functions named in heavyFunctions or --functions move ` +
    `to the pool): ${site.message}`;

  // Without --functions the sites do not depend on the project: lint first, and build the project (ts-morph, with
  // its own TypeScript) only when some heavy function is called.
  const linted = new Map<string, RuleSite[]>();
  if (functionNames.length === 0) {
    for (const file of siteFiles) {
      linted.set(file, codemodSites(meta, readSource(input, file), file, { settings, cwd, rules: options.rules }));
    }
    if (![...linted.values()].some((sites) => sites.some(isHeavy))) {
      for (const [file, sites] of linted) for (const site of sites) reports.push(catalogueReport(file, site));
      return { changes: [], reports };
    }
  }

  const project = new (morph().Project)({
    compilerOptions: {
      allowJs: true,
      checkJs: false,
      noEmit: true,
      target: morph().ts.ScriptTarget.ES2022,
      module: morph().ts.ModuleKind.CommonJS,
      // `require` resolution for the CommonJS projects the refactor reads; Node16 would need `module: Node16`.
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- still supported by ts-morph's TypeScript
      moduleResolution: morph().ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
    },
    skipAddingFilesFromTsConfig: true,
    skipLoadingLibFiles: true,
  });
  const addFile = (file: string): void => {
    const text = input.readFile?.(file);
    if (text === undefined) project.addSourceFileAtPath(file);
    else project.createSourceFile(file, text, { overwrite: true });
  };
  for (const file of siteFiles) addFile(file);
  const fileSet = new Set(files);
  project.resolveSourceFileDependencies();
  // A module pulled in from the disk that the caller holds a newer text of (a dry run after other codemods).
  if (input.readFile) {
    for (const source of project.getSourceFiles()) {
      const file: string = source.getFilePath();
      const text = fileSet.has(file) ? input.readFile(file) : undefined;
      if (text !== undefined && text !== source.getFullText())
        project.createSourceFile(file, text, { overwrite: true });
    }
  }

  // Sites come from the rule: the configured heavy functions plus the ones named on the command line.
  const heavyFunctions: HeavyFunctionSetting[] = [...(readSettings(settings).heavyFunctions ?? [])];
  for (const name of functionNames) {
    const declaring = files.filter((file) => {
      const source = project.getSourceFile(file);
      return source?.getStatements().some((statement) => functionStatementInfo(statement)?.name === name);
    });
    if (declaring.length === 0) reports.push(`--functions: no module-scope function \`${name}\` in the given files`);
    for (const file of declaring) heavyFunctions.push({ module: relativeModule(cwd, file), export: name });
  }
  const backendPerf = { ...((settings['backend-perf'] as Record<string, unknown> | undefined) ?? {}), heavyFunctions };
  const ruleSettings = { ...settings, 'backend-perf': backendPerf };

  const sites: Site[] = [];
  for (const file of siteFiles) {
    const source = project.getSourceFileOrThrow(file);
    const text = source.getFullText();
    const reported =
      linted.get(file) ?? codemodSites(meta, text, file, { settings: ruleSettings, cwd, rules: options.rules });
    // Catalogue APIs (`pbkdf2Sync`, `gzipSync`, ...) have async forms; the codemod moves only whole functions. A
    // site inside a heavy function that moves to the pool runs in a worker once its callers use the pool.
    const moving = new Set(
      heavyFunctions.filter((setting) => isHeavyFunctionModule(file, setting, cwd)).map((setting) => setting.export),
    );
    for (const site of reported) {
      if (isHeavy(site)) continue;
      const owner = source
        .getStatements()
        .find(
          (statement) => statement.getPos() <= position(source, site) && position(source, site) < statement.getEnd(),
        );
      const name = owner && functionStatementInfo(owner)?.name;
      if (name && moving.has(name)) continue;
      reports.push(catalogueReport(file, site));
    }
    for (const site of reported.filter(isHeavy)) {
      const call = callAt(source, position(source, site));
      const where = `${file}:${site.line}:${site.column}`;
      if (!call) {
        reports.push(`${where}: no call found at the reported position`);
        continue;
      }
      const target = resolveTarget(call);
      if (!target) {
        reports.push(
          `${where}: \`${call.getExpression().getText()}\` is not a function of the given files (a package, or a ` +
            `dynamic value); wrap it in a local function to move it`,
        );
        continue;
      }
      if (!fileSet.has(target.file.getFilePath())) {
        reports.push(
          `${where}: \`${target.name}\` is defined in ${target.file.getFilePath()}, outside the given files; include ` +
            `that file to move it`,
        );
        continue;
      }
      const map = inAsyncFunction(call) ? undefined : mappedIn(call);
      if (!inAsyncFunction(call) && !map) {
        reports.push(
          `${where}: \`${call.getExpression().getText()}(…)\` is not in an async function, so its result cannot be ` +
            `awaited; left unchanged`,
        );
        continue;
      }
      if (map && !inPromiseAll(map) && unboundedIfAll(map, file, ruleSettings, cwd)) {
        reports.push(
          `${where}: left for review: \`${map.getText().slice(0, 40)}…\` maps a list whose size comes from the ` +
            `request or the data, so \`Promise.all\` over it would queue every item on the pool at once ` +
            `(no-unbounded-concurrency); bound it by hand`,
        );
        continue;
      }
      if (
        call.getArguments().some((arg) => morph().Node.isArrowFunction(arg) || morph().Node.isFunctionExpression(arg))
      ) {
        reports.push(
          `${where}: \`${call.getExpression().getText()}(…)\` passes a function, which cannot be sent to a worker ` +
            `thread; left unchanged`,
        );
        continue;
      }
      sites.push({ call, target, ...(map ? { map } : {}) });
    }
  }

  // Group by declaring module; check that each function can move.
  const byModule = new Map<SourceFile, Map<Statement, Target>>();
  for (const { target } of sites) {
    let targets = byModule.get(target.file);
    if (!targets) byModule.set(target.file, (targets = new Map<Statement, Target>()));
    targets.set(target.statement, target);
  }
  const movable = new Map<SourceFile, { targets: Target[]; statements: Statement[] }>();
  for (const [file, targets] of byModule) {
    const ok: Target[] = [];
    const statements = new Set<Statement>();
    for (const target of targets.values()) {
      const deps = dependencies(target, reports);
      if (!deps) continue;
      ok.push(target);
      for (const dep of deps) statements.add(dep);
    }
    if (ok.length > 0) movable.set(file, { targets: ok, statements: [...statements] });
  }

  const originals = new Map<string, string | null>();
  const pending = new Map<string, string>();
  const remember = (file: SourceFile) => {
    if (!originals.has(file.getFilePath())) originals.set(file.getFilePath(), file.getFullText());
  };

  // Worker modules first (they copy the original text), then the call sites, then the pools.
  const pools = new Map<SourceFile, string>();
  for (const [file, { targets, statements }] of movable) {
    const workerPath = path.join(path.dirname(file.getFilePath()), workerFileName(file));
    if (existsSync(workerPath) || project.getSourceFile(workerPath)) {
      reports.push(`${workerPath}: already exists; \`${targets.map((t) => t.name).join('`, `')}\` left in place`);
      continue;
    }
    originals.set(workerPath, null);
    pending.set(workerPath, buildWorkerModule(file, targets, statements));
    addPiscina(path.dirname(file.getFilePath()), pending, originals, (manifest) => readSource(input, manifest));
  }
  for (const [file] of movable) {
    const workerPath = path.join(path.dirname(file.getFilePath()), workerFileName(file));
    if (!pending.has(workerPath)) continue;
    remember(file);
    pools.set(file, choosePoolName(file));
  }
  // Rewrite calls from the last to the first in each file, so positions of earlier calls stay valid.
  const ordered = [...sites].sort((a, b) => b.call.getStart() - a.call.getStart());
  for (const { call, target, map } of ordered) {
    const poolName = pools.get(target.file);
    if (!poolName || call.wasForgotten()) continue;
    remember(call.getSourceFile());
    const reference = poolReference(call, target, poolName);
    if (!reference) {
      reports.push(
        `${call.getSourceFile().getFilePath()}:${call.getStartLineNumber()}: cannot reach the pool from this call; ` +
          `left unchanged`,
      );
      continue;
    }
    const args = call.getArguments().map((arg) => arg.getText());
    const run = `${reference}.run([${args.join(', ')}], { name: '${target.name}' })`;
    if (map) {
      // The callback returns the pool's promise; the map is awaited as a whole (unless `Promise.all` already is).
      call.replaceWithText(run);
      if (!map.wasForgotten() && !inPromiseAll(map)) map.replaceWithText(`await Promise.all(${map.getText()})`);
      continue;
    }
    const parent = call.getParent();
    const awaited = parent && morph().Node.isAwaitExpression(parent) ? run : `await ${run}`;
    const needsParens =
      parent &&
      (morph().Node.isPropertyAccessExpression(parent) ||
        morph().Node.isElementAccessExpression(parent) ||
        (morph().Node.isCallExpression(parent) && parent.getExpression() === call));
    call.replaceWithText(needsParens && awaited.startsWith('await') ? `(${awaited})` : awaited);
  }

  // The pools last: inserting text re-parses the file, which would invalidate the call nodes above.
  for (const [file, { targets }] of movable) {
    const poolName = pools.get(file);
    if (poolName) addPool(file, targets, poolName);
  }

  const changes: RefactorChange[] = [];
  for (const [filePath, before] of originals) {
    const source = project.getSourceFile(filePath);
    const after = pending.get(filePath) ?? source?.getFullText();
    if (after === undefined || after === before) continue;
    changes.push({ path: filePath, before, after });
  }
  changes.sort((a, b) => a.path.localeCompare(b.path));
  if (!input.dry) for (const change of changes) writeFileSync(change.path, change.after);
  return { changes, reports };
}
