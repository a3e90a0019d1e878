import { codemods } from '@backend-perf/codemods/runner';
import plugin from 'eslint-plugin-backend-perf';
import { parseArgs } from 'node:util';
import { ExitCode, type CliIO, type ExitCodeValue } from '../io.js';

export const LIST_HELP = `Usage: backend-perf list [--json]

Print every rule (name, first config that enables it, description, codemod)
and every codemod (name, description, rules it migrates).

Options:
  --json       print the same as JSON
  -h, --help   show this help
`;

export interface RuleListing {
  readonly name: string;
  readonly id: string;
  readonly config: string;
  readonly category: string | null;
  readonly description: string;
  readonly url: string | null;
  readonly codemod: string | null;
}

export interface CodemodListing {
  readonly name: string;
  readonly description: string;
  readonly rules: readonly string[];
  readonly options: readonly string[];
}

interface RuleDocs {
  description?: string;
  recommended?: string;
  category?: string;
  url?: string;
  codemod?: string;
}

export function listRules(): RuleListing[] {
  return Object.entries(plugin.rules as Record<string, { meta?: { docs?: RuleDocs } }>)
    .map(([name, rule]) => {
      const docs = rule.meta?.docs ?? {};
      return {
        name,
        id: `backend-perf/${name}`,
        config: docs.recommended ?? 'all',
        category: docs.category ?? null,
        description: docs.description ?? '',
        url: docs.url ?? null,
        codemod: docs.codemod ? docs.codemod : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function listCodemods(): CodemodListing[] {
  return codemods.map((meta) => ({
    name: meta.name,
    description: meta.description,
    rules: [...meta.rules],
    options: Object.keys(meta.options),
  }));
}

export function formatList(rules: readonly RuleListing[], codemodList: readonly CodemodListing[]): string {
  const ruleWidth = Math.max(0, ...rules.map((rule) => rule.name.length));
  const configWidth = Math.max(0, ...rules.map((rule) => rule.config.length));
  const codemodWidth = Math.max(0, ...codemodList.map((codemod) => codemod.name.length));
  const lines = [`Rules (${rules.length})`];
  for (const rule of rules) {
    const fix = rule.codemod ? `  [codemod: ${rule.codemod}]` : '';
    lines.push(`  ${rule.name.padEnd(ruleWidth)}  ${rule.config.padEnd(configWidth)}  ${rule.description}${fix}`);
  }
  lines.push('', `Codemods (${codemodList.length})`);
  for (const codemod of codemodList) {
    const fixes = codemod.rules.length > 0 ? `  [fixes: ${codemod.rules.join(', ')}]` : '';
    lines.push(`  ${codemod.name.padEnd(codemodWidth)}  ${codemod.description}${fixes}`);
  }
  return `${lines.join('\n')}\n`;
}

// eslint-disable-next-line @typescript-eslint/require-await -- a command: a throw must reach the caller as a rejection
export async function list(args: readonly string[], io: CliIO): Promise<ExitCodeValue> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(LIST_HELP);
    return ExitCode.Ok;
  }
  const rules = listRules();
  const codemodList = listCodemods();
  io.stdout(
    values.json ? `${JSON.stringify({ rules, codemods: codemodList }, null, 2)}\n` : formatList(rules, codemodList),
  );
  return ExitCode.Ok;
}
