#!/usr/bin/env node
// `pnpm new-rule <name> --description "<one imperative sentence>" [--category <category>]
//   [--config recommended|strict|all] [--type problem|suggestion] [--no-build]`
//
// Scaffolds a rule: its source, its test and its doc, then rebuilds so that every file derived from rules (rule
// index, configs, README table, doc header) includes it. The three files are templates to finish before committing:
// the generated test fails until the rule reports its first invalid case, so an unfinished rule cannot pass CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Usage: pnpm new-rule <name> --description <text> [options]

  <name>                   kebab-case, starting with no-, prefer- or require- (e.g. no-redis-keys)

Options:
  --category <category>    catalogue section: ${categories().join(', ')} (default: event-loop)
  --config <config>        first config that enables the rule: recommended, strict, all (default: all)
  --type <type>            problem (breaks under load) or suggestion (throughput) (default: problem)
  --description <text>     required: one imperative sentence for meta.docs.description
  --no-build               only write the files; do not rebuild and regenerate
  -h, --help               show this help
`;

/** The categories, read from core's `Category` type so that the list has one source. */
function categories() {
  const types = readFileSync(path.join(root, 'packages/core/src/catalogue/types.ts'), 'utf8');
  const union = /export type Category =([^;]+);/u.exec(types)?.[1] ?? '';
  return [...union.matchAll(/'([a-z-]+)'/gu)].map((match) => match[1]);
}

function fail(message) {
  console.error(`new-rule: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      category: { type: 'string', default: 'event-loop' },
      config: { type: 'string', default: 'all' },
      type: { type: 'string', default: 'problem' },
      description: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  fail(error.message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail('expected exactly one rule name');
const name = positionals[0];
if (!/^(?:no|prefer|require)-[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/u.test(name)) {
  fail(`"${name}" is not a rule name: kebab-case, starting with no-, prefer- or require-, naming the code pattern`);
}
if (!values.description?.trim())
  fail('--description is required (one imperative sentence: "Disallow ...", "Require ...")');
if (!categories().includes(values.category)) fail(`unknown category "${values.category}"`);
if (!['recommended', 'strict', 'all'].includes(values.config)) fail(`unknown config "${values.config}"`);
if (!['problem', 'suggestion'].includes(values.type)) fail(`unknown type "${values.type}"`);

const files = {
  rule: `packages/eslint-plugin/src/rules/${name}.ts`,
  test: `packages/eslint-plugin/tests/rules/${name}.test.ts`,
  doc: `docs/rules/${name}.md`,
};
for (const file of Object.values(files)) {
  if (existsSync(path.join(root, file))) fail(`${file} already exists`);
}

const camel = name.replace(/-([a-z0-9])/gu, (_, c) => c.toUpperCase());
// The report id names the problem on the request path: `noRedisKeys` -> `redisKeysOnRequestPath`.
const pattern = camel.replace(/^(?:no|prefer|require)/u, '');
const messageId = `${pattern.charAt(0).toLowerCase()}${pattern.slice(1)}OnRequestPath`;
const description = values.description.trim().replace(/\.$/u, '').replace(/'/gu, "\\'");

const ruleSource = `import { findApiUses, getRequestPathModel, type ApiEntry } from '@backend-perf/core';
import { createRule } from '../util/index.js';

export type Options = [{ checkUnknownContext?: boolean }];
export type MessageId = '${messageId}';

/**
 * The catalogue entries this rule reports. Describe the APIs in \`packages/core/src/catalogue/<area>.ts\` (module,
 * export path, usage, category, tags), export the list from \`packages/core/src/catalogue/index.ts\`, and import it
 * here in place of this empty list. Never match APIs by identifier spelling.
 */
const APIS: readonly ApiEntry[] = [];

export default createRule<Options, MessageId>({
  name: '${name}',
  meta: {
    type: '${values.type}',
    docs: {
      description: '${description}',
      recommended: '${values.config}',
      requiresTypeChecking: false,
      category: '${values.category}',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkUnknownContext: {
            type: 'boolean',
            description: 'Also report uses in functions whose context is unknown (neither request path nor start-up).',
          },
        },
      },
    ],
    defaultOptions: [{ checkUnknownContext: false }],
    messages: {
      // What is wrong and what it costs under load; variable parts come in as data.
      ${messageId}: '\`{{api}}\` runs on the request path ({{reason}}).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    return {
      Program() {
        const uses = findApiUses(sourceCode, APIS);
        if (uses.length === 0) return;
        const model = getRequestPathModel(context);
        for (const { node, entry } of uses) {
          const where = model.contextOf(node);
          if (where.context === 'startup') continue;
          if (where.context === 'unknown' && !options.checkUnknownContext) continue;
          context.report({ node, messageId: '${messageId}', data: { api: entry.id, reason: where.reason } });
        }
      },
    };
  },
});
`;

const testSource = `import rule from '../../src/rules/${name}.js';
import { createRuleTester } from '../RuleTester.js';

const ruleTester = createRuleTester();

// Static literal cases only. Valid cases include look-alikes: start-up code, aliased and shadowed imports, and
// other libraries' methods of the same name. Every error gives messageId, line, column, endLine and endColumn;
// suggestions and fixes are asserted with their full output.
ruleTester.run('${name}', rule, {
  valid: [
    {
      name: 'start-up code at module top level',
      filename: 'src/routes/example.js',
      code: \`
import express from 'express';
export const app = express();
\`,
    },
  ],
  invalid: [
    {
      name: 'inside an Express route handler',
      filename: 'src/routes/example.js',
      code: \`
import express from 'express';
export const app = express();
app.get('/', async (req, res) => {
  res.end();
});
\`,
      errors: [{ messageId: '${messageId}', line: 5, column: 3, endLine: 5, endColumn: 12 }],
    },
  ],
});
`;

const docSource = `<!-- begin generated header -->
<!-- end generated header -->

Why the pattern hurts under load, with numbers: what one occurrence costs, multiplied by a realistic request rate.
Which code counts: the request path, start-up code (always quiet) and code of unknown context.

## Examples

❌ Incorrect

\`\`\`js
import express from 'express';

const app = express();

app.get('/', async (req, res) => {
  res.end();
});
\`\`\`

✅ Correct

\`\`\`js
import express from 'express';

const app = express();

app.get('/', async (req, res) => {
  res.end();
});
\`\`\`

## Options

### \`checkUnknownContext\`

Type: \`boolean\`. Default: \`false\`.

Also report uses in functions whose context is unknown (neither request path nor start-up).

## When Not To Use It

## Related

- Seed section: [the guide](../guide.md).
`;

for (const [file, text] of [
  [files.rule, ruleSource],
  [files.test, testSource],
  [files.doc, docSource],
]) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}
console.log(`Created:\n  ${files.rule}\n  ${files.test}\n  ${files.doc}`);

if (!values['no-build']) {
  console.log('\nRebuilding (rule index, configs, README table, doc header)...');
  const build = spawnSync('npx', ['-y', 'pnpm@10.34.9', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    console.error('\nThe build failed; fix the error above and run `npx -y pnpm@10.34.9 build` again.');
    process.exitCode = 1;
  }
}

console.log(`
Next steps (the generated test fails until the rule reports its invalid case):
  1. Catalogue: describe the APIs in packages/core/src/catalogue/<area>.ts, export them from
     packages/core/src/catalogue/index.ts, and use that list in ${files.rule}.
  2. Rule: write the detection, the message (what is wrong and what it costs under load), suggestions if a safe
     rewrite exists, and meta.docs.codemod if a codemod migrates it.
  3. Test: fill ${files.test} with valid look-alikes and invalid cases with exact positions.
  4. Doc: write ${files.doc} (why it hurts under load, ❌/✅ examples that the docs test lints, options,
     when not to use it, related), and add the rule to docs/guide.md.
  5. examples/: add the anti-pattern in a new file under examples/src so that the rule reports there.
  6. Run \`npx -y pnpm@10.34.9 build\` and \`npx vitest run ${files.test}\`, then commit the rule with the generated files.
`);
