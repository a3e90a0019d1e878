import {
  CLIENT_APIS,
  enclosingFunction,
  isFunctionNode,
  isInside,
  findApiUses,
  getRequestPathModel,
  instanceReceivers,
  staticPropertyName,
  type ClientApiEntry,
} from '@backend-perf/core';
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/index.js';

export type Options = [{ checkUnknownContext?: boolean }];
export type MessageId = 'clientPerRequest' | 'clientPerCall';

const KIND_WORDS: Readonly<Record<ClientApiEntry['kind'], string>> = {
  pool: 'connection pool',
  connection: 'connection',
  client: 'client',
};

const COST =
  'every call opens new connections (TCP, TLS and authentication round trips) before the first query, and under load the open connections exceed the server\'s connection limit';

/**
 * The method calls on the created instance made in the function that created it: a per-call lifecycle
 * (`create → connect → use → end`) when one of them closes it.
 */
function closesInSameFunction(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, entry: ClientApiEntry): boolean {
  const owner = enclosingFunction(node);
  return instanceReceivers(sourceCode, node).some((receiver) => {
    const parent = receiver.parent;
    if (parent?.type !== 'MemberExpression' || parent.object !== receiver) return false;
    const name = staticPropertyName(parent);
    return name !== null && entry.closeMethods.includes(name) && enclosingFunction(parent) === owner;
  });
}

/** `!x`, `x == null`, `x === undefined`, `x === null` (and `null == x`, …) for the variable `name`. */
function testsUnset(test: TSESTree.Expression, name: string): boolean {
  const isName = (node: TSESTree.Node): boolean => node.type === 'Identifier' && node.name === name;
  const isNullish = (node: TSESTree.Node): boolean =>
    (node.type === 'Literal' && node.value === null) || (node.type === 'Identifier' && node.name === 'undefined');
  if (test.type === 'UnaryExpression' && test.operator === '!') return isName(test.argument);
  if (test.type === 'BinaryExpression' && ['==', '==='].includes(test.operator)) {
    return (isName(test.left) && isNullish(test.right)) || (isName(test.right) && isNullish(test.left as TSESTree.Node));
  }
  return false;
}

/**
 * Whether the creation is memoised in a variable of an outer scope, so it runs once: `x ??= new Pool()`,
 * `x ||= …`, `if (!x) x = …`, also when the creation sits in an immediately invoked function on the right-hand side
 * (`x ??= (async () => { const c = createClient(); await c.connect(); return c; })()`).
 */
function isMemoised(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isFunctionNode(current)) {
      const call = current.parent;
      if (call?.type !== 'CallExpression' || call.callee !== current) return false;
      continue;
    }
    if (current.type !== 'AssignmentExpression' || current.right !== child || current.left.type !== 'Identifier') continue;
    const variable = ASTUtils.findVariable(sourceCode.getScope(current), current.left);
    const owner = enclosingFunction(current);
    const declaredOutside = variable !== null && variable.defs.length > 0 && (owner === null || !isInside(variable.defs[0]?.name ?? current, owner));
    if (!declaredOutside) return false;
    if (current.operator === '??=' || current.operator === '||=') return true;
    if (current.operator !== '=') return false;
    const name = current.left.name;
    for (let guard: TSESTree.Node | undefined = current.parent; guard && guard !== owner; guard = guard.parent) {
      if (guard.type === 'IfStatement' && testsUnset(guard.test, name)) return true;
    }
    return false;
  }
  return false;
}

export default createRule<Options, MessageId>({
  name: 'no-client-per-request',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating database and cache clients, pools or connections per request',
      recommended: 'recommended',
      requiresTypeChecking: false,
      category: 'pooling',
      codemod: 'hoist-clients',
    },
    messages: {
      clientPerRequest:
        '`{{api}}` creates a {{library}} {{kind}} on the request path ({{reason}}): {{cost}}. Create it once at module level and reuse it.',
      clientPerCall:
        '`{{api}}` creates a {{library}} {{kind}} that this function also closes, so each call pays for new connections: {{cost}}. Create it once at module level and reuse it.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkUnknownContext: {
            type: 'boolean',
            description:
              'Also report functions of unknown context that create a client and close it again before they return (a per-call lifecycle); factories that return the client stay quiet.',
          },
        },
      },
    ],
    defaultOptions: [{ checkUnknownContext: true }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    return {
      Program() {
        const uses = findApiUses(sourceCode, CLIENT_APIS);
        if (uses.length === 0) return;
        const model = getRequestPathModel(context);
        for (const { node, entry } of uses) {
          if (isMemoised(sourceCode, node)) continue;
          const where = model.contextOf(node);
          const data = { api: entry.id, library: entry.library, kind: KIND_WORDS[entry.kind], cost: COST, reason: where.reason };
          if (where.context === 'request') {
            context.report({ node, messageId: 'clientPerRequest', data });
          } else if (
            where.context === 'unknown' &&
            options.checkUnknownContext !== false &&
            closesInSameFunction(sourceCode, node, entry)
          ) {
            context.report({ node, messageId: 'clientPerCall', data });
          }
        }
      },
    };
  },
});
