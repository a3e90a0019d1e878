import { dataAdapter, type BatchPlan, type BatchSite } from '@backend-perf/core';
import type { ASTNode, ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { collectDataAccess, type DataAccessSite } from '../../engine/data-access.js';
import {
  childNodes,
  endOf,
  identifierName,
  isNode,
  jscodeshiftFor,
  parentNode,
  parentOf,
  startOf,
  textOf,
  type NodeOf,
} from '../../engine/jscodeshift.js';
import { findRuleSites, type RuleSite } from '../../engine/rule-codemod.js';
import { indentAt } from '@backend-perf/core';

type Range = readonly [number, number];

/** The nodes that may stand between an awaited lookup and its loop body's statement. */
const LOOKUP_HOLDERS = new Set([
  'VariableDeclarator',
  'VariableDeclaration',
  'ExpressionStatement',
  'CallExpression',
  'AssignmentExpression',
  'MemberExpression',
  'ArrayExpression',
  'ObjectProperty',
  'Property',
  'ObjectExpression',
  'TSAsExpression',
  'TSNonNullExpression',
  'ParenthesizedExpression',
]);

function isRange(value: ASTNode | Range): value is Range {
  return Array.isArray(value);
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type { BatchPlan };

export interface RewriteResult {
  readonly output: string;
  readonly reports: string[];
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** Whether only whitespace precedes `offset` on its line. */
function startsLine(source: string, offset: number): boolean {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return source.slice(lineStart, offset).trim() === '';
}

/** A string literal in the file's own quote style. */
export function quote(source: string, value: string): string {
  const singles = source.split("'").length;
  const doubles = source.split('"').length;
  if (singles < doubles) return JSON.stringify(value);
  return `'${value.replace(/\\/gu, '\\\\').replace(/'/gu, "\\'")}'`;
}

/** What the library's batch writer needs of a lookup, as text. */
function batchSite(site: DataAccessSite, source: string): BatchSite | null {
  const key = site.key;
  if (!key) return null;
  const text = (range: Range | undefined): string => (range ? source.slice(range[0], range[1]) : '');
  const chain = site.chain;
  return {
    operation: site.operation,
    kind: site.kind,
    receiver: text(site.receiver),
    ...(site.model === undefined ? {} : { model: site.model }),
    key: { field: key.field, plain: key.plain, ...(key.column ? { column: text(key.column) } : {}) },
    ...(chain
      ? {
          chain: {
            table: chain.table,
            methods: chain.methods,
            prefixes: [text(chain.builder), ...chain.ends.map((end) => source.slice(chain.builder[0], end))],
          },
        }
      : {}),
    ...(site.sql ? { sql: site.sql } : {}),
    ...(site.entity ? { entity: text(site.entity) } : {}),
    quote: (value) => quote(source, value),
  };
}

/** The rewrite of a lookup, or the reason it is not batched. */
export function planFor(site: DataAccessSite, source: string): BatchPlan | string {
  const described = batchSite(site, source);
  if (!described) return 'the lookup is not by a single key';
  if (!described.key.plain)
    return 'the lookup has options besides its key (select, include, projection); batch it by hand';
  const batch = dataAdapter(site.library)?.batch;
  if (!batch) return `${site.library} lookups are not batched by this codemod`;
  const plan = batch(described);
  if (typeof plan === 'string' || site.kind !== 'read-many') return plan;
  // One-to-many: every row with the key, in the order the batch query returns them.
  return { ...plan, grouped: true, unique: false };
}

class Rewriter {
  private readonly j: JSCodeshift;
  private readonly root: Collection;
  private readonly edits: Edit[] = [];
  private readonly reports: string[] = [];
  private readonly usedNames = new Set<string>();
  private readonly imports = new Map<string, Set<string>>();

  constructor(
    private readonly source: string,
    private readonly filename: string,
  ) {
    this.j = jscodeshiftFor(filename);
    this.root = this.j(source);
  }

  private text(node: ASTNode | Range): string {
    return isRange(node) ? this.source.slice(node[0], node[1]) : textOf(this.source, node);
  }

  private fresh(base: string): string {
    let name = base;
    for (
      let i = 2;
      new RegExp(`\\b${name.replace(/\$/gu, '\\$')}\\b`, 'u').test(this.source) || this.usedNames.has(name);
      i += 1
    ) {
      name = `${base}${i}`;
    }
    this.usedNames.add(name);
    return name;
  }

  private report(site: RuleSite, reason: string): void {
    this.reports.push(`${this.filename}:${site.line}:${site.column}: left unchanged: ${reason}`);
  }

  private findCall(range: Range): ASTPath | null {
    const paths = this.root.find(this.j.CallExpression).paths();
    return paths.find(({ node }) => startOf(node) === range[0] && endOf(node) === range[1]) ?? null;
  }

  /** Identifiers read by an expression (not property names). */
  private identifiers(range: Range): string[] {
    const names: string[] = [];
    this.root.find(this.j.Identifier).forEach((p) => {
      const node = p.node;
      if (startOf(node) < range[0] || endOf(node) > range[1]) return;
      const parent = parentNode(p);
      if (
        parent &&
        (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
        parent.property === p.node &&
        !parent.computed
      )
        return;
      if (
        parent &&
        (parent.type === 'ObjectProperty' || parent.type === 'Property') &&
        parent.key === p.node &&
        !parent.computed &&
        !parent.shorthand
      )
        return;
      names.push(node.name);
    });
    return names;
  }

  /** Names declared anywhere inside a node (variables, functions, parameters, catch clauses). */
  private declaredInside(node: ASTNode): Set<string> {
    const names = new Set<string>();
    const within = (n: object): boolean => startOf(n) >= startOf(node) && endOf(n) <= endOf(node);
    const collectPattern = (pattern: ASTNode): void => {
      this.j(pattern)
        .find(this.j.Identifier)
        .forEach((p) => names.add(p.node.name));
      if (isNode(pattern, 'Identifier')) names.add(pattern.name);
    };
    this.root.find(this.j.VariableDeclarator).forEach((p) => {
      if (within(p.node)) collectPattern(p.node.id);
    });
    this.root.find(this.j.Function).forEach((p) => {
      const fn = p.node;
      if (!within(fn)) return;
      const name = identifierName(fn.id);
      if (name !== null) names.add(name);
      for (const param of fn.params) collectPattern(param);
    });
    return names;
  }

  /** Counts nodes of the given types inside `node`, not inside nested functions. */
  private countInside(node: ASTNode, types: readonly string[]): number {
    const count = (current: ASTNode, top: boolean): number => {
      if (!top && /Function/u.test(current.type)) return 0;
      const own = types.includes(current.type) ? 1 : 0;
      return childNodes(current).reduce((sum, child) => sum + count(child, false), own);
    };
    return count(node, true);
  }

  private index(plan: BatchPlan, rows: string, map: string, indent: string): string {
    if (plan.grouped) {
      return [
        `const ${map} = new Map();`,
        `${indent}for (const row of ${rows}) {`,
        `${indent}  const group = ${map}.get(${plan.rowKey('row')});`,
        `${indent}  if (group) group.push(row);`,
        `${indent}  else ${map}.set(${plan.rowKey('row')}, [row]);`,
        `${indent}}`,
      ].join('\n');
    }
    // `.reverse()`: later entries overwrite earlier ones, so the first row with a key wins, as with a single lookup.
    return (
      `const ${map} = new Map(${rows}.map((row) => [${plan.rowKey('row')}, ` +
      `row]${this.asConst()})${plan.unique ? '' : '.reverse()'});`
    );
  }

  private asConst(): string {
    return /\.[cm]?tsx?$/u.test(this.filename) ? ' as const' : '';
  }

  private lookup(plan: BatchPlan, map: string, key: string): string {
    if (plan.grouped) return `${map}.get(${plan.itemKey(key)}) ?? []`;
    return plan.missing === 'null' ? `${map}.get(${plan.itemKey(key)}) ?? null` : `${map}.get(${plan.itemKey(key)})`;
  }

  /**
   * The statement with `= $1` turned into `= ANY($1)` (pg) or `= ?` into `IN (?)` (mysql2, which expands an array
   * value into a list), in the literal's own quoting.
   */
  private batchSql(site: DataAccessSite, plan: BatchPlan): string | null {
    const argument = site.arguments.at(0);
    if (!argument) return null;
    const literal = this.text(argument);
    if (!/^['"`]/u.test(literal) || literal.includes('${')) return null;
    const match = /=\s*(\$1|\?)(?![\s\S]*=\s*(?:\$1|\?))/u.exec(literal);
    if (!match) return null;
    const placeholder = match[1];
    const condition = plan.sqlCondition?.(placeholder) ?? `= ANY(${placeholder})`;
    return `${literal.slice(0, match.index)}${condition}${literal.slice(match.index + match[0].length)}`;
  }

  private batchCall(plan: BatchPlan, site: DataAccessSite, keys: string): string | null {
    const call = plan.batch(keys);
    if (!call.includes('__SQL__')) return call;
    const sql = this.batchSql(site, plan);
    return sql ? call.replace('__SQL__', sql) : null;
  }

  private requireImport(plan: BatchPlan): boolean {
    if (!plan.needsImport) return true;
    const { module, name } = plan.needsImport;
    const imported = new RegExp(`\\b${name}\\b`, 'u');
    const declarations = this.root.find(this.j.ImportDeclaration).filter((p) => p.node.source.value === module);
    const hasName = declarations
      .find(this.j.ImportSpecifier)
      .filter((p) => p.node.imported.name === name && p.node.local?.name === name);
    if (hasName.size() > 0) return true;
    if (imported.test(this.source)) {
      // `In` may already be destructured from require('typeorm'); anything else named `In` is a conflict.
      return new RegExp(`\\{[^}]*\\b${name}\\b[^}]*\\}\\s*=\\s*require\\(\\s*['"]${module}['"]\\s*\\)`, 'u').test(
        this.source,
      );
    }
    const names = this.imports.get(module) ?? new Set<string>();
    names.add(name);
    this.imports.set(module, names);
    return true;
  }

  private addImports(): void {
    for (const [module, names] of this.imports) {
      const list = [...names].sort();
      const declaration = this.root
        .find(this.j.ImportDeclaration)
        .filter((p) => p.node.source.value === module && (p.node.importKind ?? 'value') === 'value');
      const last = declaration
        .paths()
        .map((p) => p.node.specifiers ?? [])
        .find((specifiers) => specifiers.some((specifier) => isNode(specifier, 'ImportSpecifier')))
        ?.at(-1);
      if (last) {
        this.edits.push({ start: endOf(last), end: endOf(last), text: `, ${list.join(', ')}` });
        continue;
      }
      const requirePattern = new RegExp(
        `(const|let|var)\\s*\\{([^}]*)\\}\\s*=\\s*require\\(\\s*['"]${module}['"]\\s*\\)`,
        'u',
      ).exec(this.source);
      if (requirePattern) {
        const closing = requirePattern.index + requirePattern[0].indexOf('}');
        const before = this.source.slice(0, closing).replace(/\s+$/u, '');
        this.edits.push({ start: before.length, end: before.length, text: `, ${list.join(', ')}` });
        continue;
      }
      const esm = this.root.find(this.j.ImportDeclaration).size() > 0 || /\.m[jt]s$/u.test(this.filename);
      const lastImport = this.root.find(this.j.ImportDeclaration).paths().at(-1)?.node;
      const line = esm
        ? `import { ${list.join(', ')} } from '${module}';`
        : `const { ${list.join(', ')} } = require('${module}');`;
      const at = lastImport ? endOf(lastImport) : 0;
      this.edits.push(
        lastImport
          ? { start: at, end: at, text: `\n${line}` }
          : { start: this.firstStatementOffset(), end: this.firstStatementOffset(), text: `${line}\n` },
      );
    }
  }

  private firstStatementOffset(): number {
    const match = /^(?:#![^\n]*\n)?(?:\s*(?:'use strict'|"use strict");?[^\n]*\n)?/u.exec(this.source);
    return match?.[0].length ?? 0;
  }

  /** `Promise.all(items.map((item) => lookup(item.key)))`. */
  private tryMap(data: DataAccessSite, call: ASTPath, plan: BatchPlan): boolean | string {
    let path: ASTPath = call;
    const awaitPath = parentOf(path);
    if (awaitPath && isNode(awaitPath.node, 'AwaitExpression')) path = awaitPath;
    let parent = parentOf(path);
    if (parent && isNode(parent.node, 'ReturnStatement')) {
      const block = parentOf(parent);
      if (!block || !isNode(block.node, 'BlockStatement') || block.node.body.length !== 1) return false;
      parent = parentOf(block);
    }
    const fn = parent?.node;
    if (!isNode(fn, ['ArrowFunctionExpression', 'FunctionExpression'])) return false;
    if (fn.body !== path.node && !isNode(fn.body, 'BlockStatement')) return false;
    const mapPath = parent ? parentOf(parent) : null;
    const mapCall = mapPath?.node;
    if (!isNode(mapCall, 'CallExpression') || mapCall.arguments.length !== 1 || mapCall.arguments[0] !== fn) {
      return false;
    }
    const callee = mapCall.callee;
    if (!isNode(callee, 'MemberExpression') || callee.computed || identifierName(callee.property) !== 'map') {
      return false;
    }
    const all = mapPath ? parentNode(mapPath) : null;
    const allCallee = isNode(all, 'CallExpression') ? all.callee : null;
    if (
      !isNode(all, 'CallExpression') ||
      all.arguments.length !== 1 ||
      !isNode(allCallee, 'MemberExpression') ||
      identifierName(allCallee.object) !== 'Promise' ||
      identifierName(allCallee.property) !== 'all'
    ) {
      return 'the per-item lookup is not the whole callback of `Promise.all(items.map(...))`';
    }
    if (plan.result === 'pg') return 'pg results are batched only in `for...of` loops that read `rows`';
    if (plan.result === 'mysql2') return 'mysql2 results are batched only in `for...of` loops that read the rows';
    const items = callee.object;
    if (!/^(Identifier|MemberExpression|ThisExpression)$/u.test(items.type) || /\(/u.test(this.text(items))) {
      return 'the list is an expression that would be evaluated twice';
    }
    const params = fn.params;
    const paramNames = new Set(params.flatMap((param) => (isNode(param, 'Identifier') ? [param.name] : [])));
    if (params.length === 0 || params.length > 2 || params.some((param) => !isNode(param, 'Identifier')))
      return 'the callback parameters are not simple names';
    const key = data.key;
    if (!key) return 'the lookup is not by a single key';
    const keyNames = this.identifiers(key.range);
    if (!keyNames.some((n) => paramNames.has(n))) return 'the key does not come from the item';
    const keyText = this.text(key.range);
    const paramsText = `(${params.map((p) => this.text(p)).join(', ')})`;
    const itemsText = this.text(items);
    const sameAsItem = params.length === 1 && keyText === this.text(params[0]);
    const batch = this.batchCall(plan, data, sameAsItem ? itemsText : `${itemsText}.map(${paramsText} => ${keyText})`);
    if (!batch || !this.requireImport(plan)) return 'the batch query could not be built';
    const indent = indentAt(this.source, startOf(all));
    const inner = `${indent}  `;
    const map = this.fresh(`${plan.base}By${capitalise(plan.field)}`);
    const rows = this.fresh(`${plan.base}Rows`);
    const text = [
      `${batch}.then((${rows}) => {`,
      `${inner}${this.index(plan, rows, map, inner)}`,
      `${inner}return ${itemsText}.map(${paramsText} => ${this.lookup(plan, map, keyText)});`,
      `${indent}})`,
    ].join('\n');
    this.edits.push({ start: startOf(all), end: endOf(all), text });
    return true;
  }

  /** `for (const item of items) { ... await lookup(item.key) ... }`. */
  private tryLoop(data: DataAccessSite, call: ASTPath, plan: BatchPlan): boolean | string {
    const awaitPath = parentOf(call);
    if (!awaitPath || !isNode(awaitPath.node, 'AwaitExpression')) return false;
    let path = awaitPath;
    let loop: NodeOf<'ForOfStatement'> | null = null;
    let bodyStatement: ASTPath | null = null;
    for (let current = parentOf(path); current; current = parentOf(current)) {
      const node = current.node;
      if (isNode(node, 'BlockStatement')) {
        const owner = parentNode(current);
        if (isNode(owner, 'ForOfStatement') && owner.body === node) {
          loop = owner;
          bodyStatement = path;
        }
        break;
      }
      if (isNode(node, 'ForOfStatement')) {
        if (node.body === path.node) {
          loop = node;
          bodyStatement = path;
        }
        break;
      }
      if (!LOOKUP_HOLDERS.has(node.type)) return false;
      path = current;
    }
    if (!loop || !bodyStatement) return false;
    if (loop.await) return 'the loop is a `for await` loop';
    const declaration = loop.left;
    const declarator = isNode(declaration, 'VariableDeclaration') ? declaration.declarations.at(0) : undefined;
    if (
      !isNode(declaration, 'VariableDeclaration') ||
      declaration.declarations.length !== 1 ||
      !isNode(declarator, 'VariableDeclarator')
    )
      return 'the loop does not declare its item';
    const iterable = loop.right;
    if (!/^(Identifier|MemberExpression|ThisExpression)$/u.test(iterable.type) || /\(/u.test(this.text(iterable))) {
      return 'the list is an expression that would be evaluated twice';
    }
    const body = loop.body;
    if (this.countInside(body, ['AwaitExpression']) !== 1)
      return 'the loop body awaits other work, whose order the batch would change';
    if (
      this.countInside(body, [
        'BreakStatement',
        'ContinueStatement',
        'ReturnStatement',
        'ThrowStatement',
        'YieldExpression',
      ]) > 0
    ) {
      return 'the loop can exit early; a batch would load items it never reaches';
    }
    const key = data.key;
    if (!key) return 'the lookup is not by a single key';
    const itemPattern = declarator.id;
    const inner = this.declaredInside(body);
    const keyNames = this.identifiers(key.range);
    if (keyNames.some((n) => inner.has(n))) return 'the key is computed inside the loop body';
    const itemNames = new Set(this.identifiers([startOf(itemPattern), endOf(itemPattern)]));
    if (isNode(itemPattern, 'Identifier')) itemNames.add(itemPattern.name);
    if (!keyNames.some((n) => itemNames.has(n))) return 'the key does not come from the item';
    if (!startsLine(this.source, startOf(loop))) return 'the loop does not start its line';
    const keyText = this.text(key.range);
    const iterableText = this.text(iterable);
    const itemText = this.text(itemPattern);
    const keys =
      keyText === itemText ? `Array.from(${iterableText})` : `Array.from(${iterableText}, (${itemText}) => ${keyText})`;
    // mysql2: `IN ()` is not valid SQL, so the keys go in a variable and an empty list makes no query.
    const keysName = plan.result === 'mysql2' ? this.fresh(`${plan.base}Keys`) : null;
    const batch = this.batchCall(plan, data, keysName ?? keys);
    if (!batch || !this.requireImport(plan)) return 'the batch query could not be built';
    const indent = indentAt(this.source, startOf(loop));
    const map = this.fresh(`${plan.base}By${capitalise(plan.field)}`);
    const rows = this.fresh(`${plan.base}Rows`);

    let replaceStart = startOf(awaitPath.node);
    let replaceEnd = endOf(awaitPath.node);
    let replacement = this.lookup(plan, map, keyText);
    const holder = parentOf(awaitPath)?.node;
    if (plan.result === 'pg') {
      // pg: only `{ rows }` of the result is read, so the per-item value is the rows of its key.
      if (isNode(holder, 'VariableDeclarator') && isNode(holder.id, 'ObjectPattern')) {
        const props = holder.id.properties;
        const only = props.at(0);
        const key = only && 'key' in only ? only.key : null;
        const keyName = identifierName(key) ?? (key && 'value' in key ? key.value : undefined);
        const computed = only !== undefined && 'computed' in only && only.computed === true;
        if (!only || props.length !== 1 || keyName !== 'rows' || computed)
          return 'the query result is used beyond `rows`';
        const target = 'value' in only ? only.value : null;
        if (!isNode(target, ['Identifier', 'ArrayPattern', 'ObjectPattern']))
          return 'the query result is used beyond `rows`';
        replaceStart = startOf(holder);
        replaceEnd = endOf(holder);
        replacement = `${this.text(target)} = ${replacement}`;
      } else if (isNode(holder, 'MemberExpression') && identifierName(holder.property) === 'rows' && !holder.computed) {
        replaceStart = startOf(holder);
        replaceEnd = endOf(holder);
        replacement = `(${replacement})`;
      } else {
        return 'the query result is used beyond `rows`';
      }
    }
    if (plan.result === 'mysql2') {
      // mysql2: only the rows (`[rows]`, `(await ...)[0]`) of `[rows, fields]` are read.
      if (isNode(holder, 'VariableDeclarator') && isNode(holder.id, 'ArrayPattern')) {
        const elements = holder.id.elements;
        const target = elements.at(0);
        if (elements.length !== 1 || !isNode(target, ['Identifier', 'ArrayPattern', 'ObjectPattern']))
          return 'the query result is used beyond its rows';
        replaceStart = startOf(holder);
        replaceEnd = endOf(holder);
        replacement = `${this.text(target)} = ${replacement}`;
      } else if (
        isNode(holder, 'MemberExpression') &&
        holder.computed &&
        isNode(holder.property, 'NumericLiteral') &&
        holder.property.value === 0
      ) {
        replaceStart = startOf(holder);
        replaceEnd = endOf(holder);
        replacement = `(${replacement})`;
      } else {
        return 'the query result is used beyond its rows';
      }
    }
    const fetchLine =
      plan.result === 'pg'
        ? `const { rows: ${rows} } = await ${batch};`
        : keysName
          ? `const ${keysName} = ${keys};\n${indent}const [${rows}] = ${keysName}.length > 0 ? await ${batch} : [[]];`
          : `const ${rows} = await ${batch};`;
    const prefix = `${fetchLine}\n${indent}${this.index(plan, rows, map, indent)}\n${indent}`;
    this.edits.push({ start: startOf(loop), end: startOf(loop), text: prefix });
    this.edits.push({ start: replaceStart, end: replaceEnd, text: replacement });
    return true;
  }

  run(sites: readonly RuleSite[], data: readonly DataAccessSite[], skipResolvers: boolean): RewriteResult {
    const lines = lineStartOffsets(this.source);
    const offset = (line: number, column: number): number => (lines[line - 1] ?? 0) + column - 1;
    for (const site of sites) {
      if (site.messageId === 'queryPerParent') {
        if (skipResolvers) continue;
        this.report(
          site,
          'GraphQL field resolver: a run over the resolvers and the server together (`backend-perf migrate ' +
            'n-plus-one-to-dataloader <dir>`) moves it to a per-request DataLoader',
        );
        continue;
      }
      const range: Range = [
        offset(site.line, site.column),
        offset(site.endLine ?? site.line, site.endColumn ?? site.column),
      ];
      const found = data.find((d) => d.range[0] === range[0] && d.range[1] === range[1]);
      const call = found ? this.findCall(range) : null;
      if (!found || !call) {
        this.report(site, 'the lookup could not be located');
        continue;
      }
      if (
        found.kind !== 'read-one' &&
        found.kind !== 'read-many' &&
        !((found.library === 'pg' || found.library === 'mysql2') && found.key)
      ) {
        this.report(site, `\`${found.operation}\` is not a lookup by key`);
        continue;
      }
      const plan = planFor(found, this.source);
      if (typeof plan === 'string') {
        this.report(site, plan);
        continue;
      }
      const mapped = this.tryMap(found, call, plan);
      if (mapped === true) continue;
      const looped = mapped === false ? this.tryLoop(found, call, plan) : mapped;
      if (looped === true) continue;
      this.report(
        site,
        typeof looped === 'string'
          ? looped
          : 'the lookup is not the body of a `for...of` loop or of `Promise.all(items.map(...))`',
      );
    }
    if (this.edits.length === 0) return { output: this.source, reports: this.reports };
    this.addImports();
    const sorted = [...this.edits].sort((a, b) => b.start - a.start || b.end - a.end);
    let output = this.source;
    let previousStart = Number.POSITIVE_INFINITY;
    for (const edit of sorted) {
      // Overlapping rewrites: the later one wins, the earlier waits for a second run.
      if (edit.end > previousStart) continue;
      output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
      previousStart = edit.start;
    }
    return { output, reports: this.reports };
  }
}

/** Rewrites one file's per-item lookups; returns the new text (unchanged when nothing could be batched) and reports. */
export function rewriteFile(input: {
  source: string;
  filename: string;
  /** The codemod's rules and options (`codemodRules(meta)`). */
  rules: Readonly<Record<string, readonly unknown[]>>;
  cwd?: string;
  settings?: Record<string, unknown>;
  skipResolvers?: boolean;
}): RewriteResult {
  const sites = findRuleSites({
    source: input.source,
    filename: input.filename,
    rules: input.rules,
    ...(input.settings ? { settings: input.settings } : {}),
    ...(input.cwd ? { cwd: input.cwd } : {}),
  });
  if (sites.length === 0) return { output: input.source, reports: [] };
  const data = collectDataAccess(input);
  return new Rewriter(input.source, input.filename).run(sites, data, input.skipResolvers === true);
}
