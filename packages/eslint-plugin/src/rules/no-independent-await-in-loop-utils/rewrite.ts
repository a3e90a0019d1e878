import {
  eolOf,
  indentAt,
  isDeclaredIn,
  isLoop,
  readVariables,
  referencesWithin,
  skipTsWrappers,
  staticPropertyName,
  type Variable,
  variableOf,
  walk,
  writtenVariables,
} from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

/** Methods whose result is certainly an array, so `.map` can be used instead of `Array.from`. */
const ARRAY_RESULT = new Set([
  'map',
  'filter',
  'slice',
  'concat',
  'flat',
  'flatMap',
  'split',
  'toSorted',
  'toReversed',
  'keys',
  'values',
  'entries',
]);

export interface LoopRewrite {
  /** Replacement for the loop statement. */
  readonly text: string;
  /** Extra fix: the `p-limit` import, when a limit is asked for and the file has none. */
  readonly importFix?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;
}

function isKnownArray(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, depth = 0): boolean {
  const expression = skipTsWrappers(node);
  if (expression.type === AST_NODE_TYPES.ArrayExpression) return true;
  if (expression.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTsWrappers(expression.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = staticPropertyName(callee);
    const object = skipTsWrappers(callee.object);
    if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'Object' || object.name === 'Array')) {
      return method === 'keys' || method === 'values' || method === 'entries' || method === 'from' || method === 'of';
    }
    return (
      method !== null && ARRAY_RESULT.has(method) && method !== 'keys' && method !== 'values' && method !== 'entries'
    );
  }
  if (expression.type === AST_NODE_TYPES.Identifier && depth < 4) {
    const variable = variableOf(sourceCode, expression);
    const def = variable?.defs[0];
    // A TypeScript annotation that says array: `ids: string[]`, `ids: Array<Id>`, `ids: readonly Id[]`.
    const annotation = def && 'typeAnnotation' in def.name ? def.name.typeAnnotation : undefined;
    if (annotation) {
      let type: TSESTree.TypeNode = annotation.typeAnnotation;
      if (type.type === AST_NODE_TYPES.TSTypeOperator && type.operator === 'readonly' && type.typeAnnotation)
        type = type.typeAnnotation;
      if (type.type === AST_NODE_TYPES.TSArrayType || type.type === AST_NODE_TYPES.TSTupleType) return true;
      if (
        type.type === AST_NODE_TYPES.TSTypeReference &&
        type.typeName.type === AST_NODE_TYPES.Identifier &&
        (type.typeName.name === 'Array' || type.typeName.name === 'ReadonlyArray')
      )
        return true;
    }
    if (
      variable?.defs.length === 1 &&
      def?.node.type === AST_NODE_TYPES.VariableDeclarator &&
      def.node.id.type === AST_NODE_TYPES.Identifier &&
      def.node.init
    ) {
      const init = def.node.init;
      if (variable.references.some((r) => r.isWrite() && r.writeExpr !== init)) return false;
      return isKnownArray(sourceCode, init, depth + 1);
    }
  }
  return false;
}

/** A name that is free where the loop is: no binding of the chain and no reference in the block would change. */
function freeName(sourceCode: TSESLint.SourceCode, at: TSESTree.Node, base: string, taken: Set<string>): string {
  const blockScope = sourceCode.getScope(at);
  const isFree = (name: string): boolean => {
    if (taken.has(name)) return false;
    for (let scope: TSESLint.Scope.Scope | null = blockScope; scope; scope = scope.upper) {
      if (scope.set.has(name)) return false;
      if (scope.through.some((r) => r.identifier.name === name)) return false;
    }
    const stack = [...blockScope.childScopes];
    for (let scope = stack.pop(); scope; scope = stack.pop()) {
      if (scope.set.has(name) || scope.through.some((r) => r.identifier.name === name)) return false;
      stack.push(...scope.childScopes);
    }
    return true;
  };
  let name = base;
  for (let i = 2; !isFree(name); i += 1) name = `${base}${i}`;
  taken.add(name);
  return name;
}

/** The local name of an existing `p-limit` import or require, if the file has one. */
function existingLimitFactory(program: TSESTree.Program): string | null {
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === 'p-limit') {
      const specifier = statement.specifiers.find((s) => s.type === AST_NODE_TYPES.ImportDefaultSpecifier);
      if (specifier) return specifier.local.name;
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init ? skipTsWrappers(declarator.init) : null;
        if (
          init?.type !== AST_NODE_TYPES.CallExpression ||
          init.callee.type !== AST_NODE_TYPES.Identifier ||
          init.callee.name !== 'require'
        )
          continue;
        const arg = init.arguments.at(0);
        if (arg?.type !== AST_NODE_TYPES.Literal || arg.value !== 'p-limit') continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) return declarator.id.name;
        if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const property of declarator.id.properties) {
            if (
              property.type === AST_NODE_TYPES.Property &&
              staticPropertyName(property) === 'default' &&
              property.value.type === AST_NODE_TYPES.Identifier
            ) {
              return property.value.name;
            }
          }
        }
      }
    }
  }
  return null;
}

function isEsm(sourceCode: TSESLint.SourceCode): boolean {
  const body = sourceCode.ast.body;
  if (body.some((s) => s.type === AST_NODE_TYPES.ImportDeclaration || s.type.startsWith('Export'))) return true;
  return sourceCode.ast.sourceType === 'module' && !/\brequire\s*\(/u.test(sourceCode.text);
}

function planLimitImport(
  sourceCode: TSESLint.SourceCode,
  at: TSESTree.Node,
  taken: Set<string>,
): { name: string; fix?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix } {
  const existing = existingLimitFactory(sourceCode.ast);
  if (existing) return { name: existing };
  const name = freeName(sourceCode, at, 'pLimit', taken);
  const eol = eolOf(sourceCode.text);
  const esm = isEsm(sourceCode);
  // p-limit 4 and later are ES modules; CommonJS files load them with require(esm) (Node 20.19+, 22.12+).
  const text = esm ? `import ${name} from 'p-limit';` : `const { default: ${name} } = require('p-limit');`;
  const body = sourceCode.ast.body;
  const imports = body.filter(
    (s) =>
      s.type === AST_NODE_TYPES.ImportDeclaration ||
      (s.type === AST_NODE_TYPES.VariableDeclaration &&
        s.declarations.some((d) => {
          const init = d.init ? skipTsWrappers(d.init) : null;
          return (
            init?.type === AST_NODE_TYPES.CallExpression &&
            init.callee.type === AST_NODE_TYPES.Identifier &&
            init.callee.name === 'require'
          );
        })),
  );
  const anchor =
    imports.at(-1) ??
    body.filter((s) => s.type === AST_NODE_TYPES.ExpressionStatement && 'directive' in s && s.directive).at(-1);
  return {
    name,
    fix: anchor
      ? (fixer) => fixer.insertTextAfter(anchor, `${eol}${text}`)
      : (fixer) => fixer.insertTextBeforeRange([body[0]?.range[0] ?? 0, body[0]?.range[0] ?? 0], `${text}${eol}`),
  };
}

/**
 * Plans the rewrite of an independent `for...of` loop to `Promise.all`, keeping the order of results: each item's
 * body runs in an async callback; a trailing `list.push(value)` becomes the callback's result, pushed in item order
 * once all have finished; counters (`n++`, `total += x` without await) and writes to per-item keys (`out[key] = v`)
 * stay in the callback because their order does not change the outcome. `continue` becomes `return`. Returns
 * `null` for any other shape, which the rule then reports without a suggestion.
 */
export function planLoopRewrite(
  sourceCode: TSESLint.SourceCode,
  loop: TSESTree.Node,
  concurrency: number | undefined,
): LoopRewrite | null {
  if (loop.type !== AST_NODE_TYPES.ForOfStatement || loop.await || loop.parent.type === AST_NODE_TYPES.LabeledStatement)
    return null;
  const holder = loop.parent.type;
  if (
    holder !== AST_NODE_TYPES.BlockStatement &&
    holder !== AST_NODE_TYPES.SwitchCase &&
    holder !== AST_NODE_TYPES.Program &&
    holder !== AST_NODE_TYPES.StaticBlock
  )
    return null;
  const left = loop.left;
  if (
    left.type !== AST_NODE_TYPES.VariableDeclaration ||
    (left.kind !== 'const' && left.kind !== 'let') ||
    left.declarations.length !== 1
  )
    return null;
  const declarator = left.declarations[0];
  if (declarator.init) return null;
  const binding = declarator.id;
  const body = loop.body;
  const nodes = [...walk(body)];
  if (nodes.some((n) => n.type === AST_NODE_TYPES.VariableDeclaration && n.kind === 'var')) return null;

  const edits: { range: [number, number]; text: string }[] = [];
  let hasContinue = false;
  for (const node of nodes) {
    if (node.type !== AST_NODE_TYPES.ContinueStatement) continue;
    if (node.label) return null;
    let nested = false;
    for (let p: TSESTree.Node | undefined = node.parent; p && p !== loop; p = p.parent) if (isLoop(p)) nested = true;
    if (nested) continue;
    hasContinue = true;
    edits.push({ range: node.range, text: sourceCode.getLastToken(node)?.value === ';' ? 'return;' : 'return' });
  }

  const loopOwn = new Set<Variable>(writtenVariables(sourceCode, left));
  const perItem = new Set<Variable>(loopOwn);
  for (const reference of referencesWithin(sourceCode, body)) {
    if (reference.resolved && isDeclaredIn(reference.resolved, body)) perItem.add(reference.resolved);
  }
  const outerWrites = [...writtenVariables(sourceCode, body)].filter((v) => !isDeclaredIn(v, body) && !loopOwn.has(v));

  // Writes to outer state must not depend on the order in which items finish.
  for (const variable of outerWrites) {
    const inBody = variable.references.filter(
      (r) => r.identifier.range[0] >= body.range[0] && r.identifier.range[1] <= body.range[1],
    );
    const memberTargets = nodes.filter(
      (n): n is TSESTree.AssignmentExpression =>
        n.type === AST_NODE_TYPES.AssignmentExpression &&
        skipTsWrappers(n.left).type === AST_NODE_TYPES.MemberExpression,
    );
    const isCounter = inBody.every((r) => {
      const parent = r.identifier.parent;
      if (parent.type === AST_NODE_TYPES.UpdateExpression) return true;
      return (
        parent.type === AST_NODE_TYPES.AssignmentExpression &&
        parent.left === r.identifier &&
        (parent.operator === '+=' || parent.operator === '-=') &&
        ![...walk(parent.right)].some((n) => n.type === AST_NODE_TYPES.AwaitExpression)
      );
    });
    if (isCounter && inBody.length > 0) continue;
    const keyedWrites = memberTargets.filter((assignment) => {
      const target = skipTsWrappers(assignment.left) as TSESTree.MemberExpression;
      const root = skipTsWrappers(target.object);
      return root.type === AST_NODE_TYPES.Identifier && variableOf(sourceCode, root) === variable;
    });
    const allKeyed =
      keyedWrites.length > 0 &&
      keyedWrites.every((assignment) => {
        const target = skipTsWrappers(assignment.left) as TSESTree.MemberExpression;
        return target.computed && [...readVariables(sourceCode, target.property)].some((v) => perItem.has(v));
      }) &&
      inBody.every((r) =>
        keyedWrites.some((a) => r.identifier.range[0] >= a.left.range[0] && r.identifier.range[1] <= a.left.range[1]),
      );
    if (!allKeyed) return null;
  }

  // A trailing `list.push(value)` on an outer list becomes the callback's result, pushed in order afterwards.
  const statements = body.type === AST_NODE_TYPES.BlockStatement ? body.body : [body];
  const last = statements.at(-1);
  let pushTarget: string | null = null;
  if (last?.type === AST_NODE_TYPES.ExpressionStatement) {
    const call = skipTsWrappers(last.expression);
    if (
      call.type === AST_NODE_TYPES.CallExpression &&
      call.arguments.length === 1 &&
      call.arguments[0].type !== AST_NODE_TYPES.SpreadElement
    ) {
      const callee = skipTsWrappers(call.callee);
      const object = callee.type === AST_NODE_TYPES.MemberExpression ? skipTsWrappers(callee.object) : null;
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        staticPropertyName(callee) === 'push' &&
        !callee.optional &&
        object?.type === AST_NODE_TYPES.Identifier
      ) {
        const list = variableOf(sourceCode, object);
        const otherUses = list?.references.filter(
          (r) =>
            r.identifier !== object && r.identifier.range[0] >= body.range[0] && r.identifier.range[1] <= body.range[1],
        );
        if (list && !isDeclaredIn(list, body) && otherUses?.length === 0) {
          if (hasContinue) return null;
          pushTarget = object.name;
          const semicolon = sourceCode.getLastToken(last)?.value === ';' ? ';' : '';
          edits.push({ range: last.range, text: `return ${sourceCode.getText(call.arguments[0])}${semicolon}` });
        }
      }
    }
  }
  // Any other push (or other method call) on outer lists keeps its position in the body; pushes would reorder.
  for (const node of nodes) {
    if (
      node.type !== AST_NODE_TYPES.CallExpression ||
      (pushTarget && edits.some((e) => node.range[0] >= e.range[0] && node.range[1] <= e.range[1]))
    )
      continue;
    const callee = skipTsWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = staticPropertyName(callee);
    if (method !== 'push' && method !== 'unshift' && method !== 'splice') continue;
    const object = skipTsWrappers(callee.object);
    const variable = object.type === AST_NODE_TYPES.Identifier ? variableOf(sourceCode, object) : null;
    if (!variable || !isDeclaredIn(variable, body)) return null;
  }

  edits.sort((a, b) => a.range[0] - b.range[0]);
  let bodyText = '';
  let cursor = body.range[0];
  for (const edit of edits) {
    bodyText += sourceCode.text.slice(cursor, edit.range[0]) + edit.text;
    cursor = edit.range[1];
  }
  bodyText += sourceCode.text.slice(cursor, body.range[1]);
  if (body.type !== AST_NODE_TYPES.BlockStatement) bodyText = `{ ${bodyText} }`;

  const annotation =
    'typeAnnotation' in binding && binding.typeAnnotation ? binding.typeAnnotation.range[0] : binding.range[1];
  const param = sourceCode.text.slice(binding.range[0], annotation).trim();
  const iterable = sourceCode.getText(loop.right);
  const taken = new Set<string>();
  const indent = indentAt(sourceCode.text, loop.range[0]);
  const eol = eolOf(sourceCode.text);

  let importFix: LoopRewrite['importFix'];
  let prefix = '';
  let callback = `async (${param}) => ${bodyText}`;
  if (concurrency !== undefined) {
    const factory = planLimitImport(sourceCode, loop, taken);
    importFix = factory.fix;
    const limit = freeName(sourceCode, loop, 'limit', taken);
    prefix = `const ${limit} = ${factory.name}(${concurrency});${eol}${indent}`;
    callback = `(${param}) => ${limit}(async () => ${bodyText})`;
  }
  // `list.map(…)` needs no parentheses around a name, a member, a call, an array literal or `this`.
  const bare =
    ['Identifier', 'MemberExpression', 'CallExpression', 'ArrayExpression', 'ThisExpression'].includes(
      skipTsWrappers(loop.right).type,
    ) && loop.right.type !== AST_NODE_TYPES.TSAsExpression;
  const mapped = isKnownArray(sourceCode, loop.right)
    ? `${bare ? iterable : `(${iterable})`}.map(${callback})`
    : `Array.from(${iterable}, ${callback})`;
  if (!pushTarget) return { text: `${prefix}await Promise.all(${mapped});`, ...(importFix ? { importFix } : {}) };
  const results = freeName(sourceCode, loop, 'results', taken);
  const result = freeName(sourceCode, loop, 'result', taken);
  return {
    text:
      `${prefix}const ${results} = await Promise.all(${mapped});${eol}` +
      `${indent}for (const ${result} of ${results}) ${pushTarget}.push(${result});`,
    ...(importFix ? { importFix } : {}),
  };
}
