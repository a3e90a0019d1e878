import type { API, FileInfo } from 'jscodeshift';
import { declaredRange, owningPackageJson, requireDependency } from '../engine/package-json.js';
import { allRules, codemodRules, runRuleCodemod } from '../engine/rule-codemod.js';
import type { CodemodMeta, CodemodRunOptions } from '../types.js';

export const meta: CodemodMeta = {
  name: 'awaits-to-promise-all',
  description:
    'Runs independent consecutive awaits together with one `Promise.all`, and independent `for...of` await loops as ' +
    '`Promise.all` over the items, keeping the order of results.',
  rules: ['prefer-promise-all', 'no-independent-await-in-loop'],
  options: {
    concurrency: {
      type: 'number',
      description:
        'Bound each rewritten loop to this many items in flight with `p-limit`, imported in the file and added to ' +
        'the nearest package.json.',
      integer: true,
      minimum: 1,
    },
    annotate: {
      type: 'boolean',
      description: 'Leave a marked comment above reported sites that have no safe rewrite.',
      default: false,
    },
  },
};

/** The `p-limit` range added to package.json: the current major, an ES module (CommonJS loads it with require(esm)). */
export const P_LIMIT_RANGE = '^7.3.3';

/** jscodeshift's parser option; the transform itself parses with the plugin's parser per file extension. */
export const parser = 'tsx';

function concurrencyOption(value: unknown): number | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw new Error(`--concurrency must be a positive integer (got ${JSON.stringify(value)})`);
  }
  return number;
}

/** The lowest Node version an `engines.node` range admits (`>=18`, `^20.19.0 || >=22`), as [major, minor]. */
function lowestNode(range: string): [number, number] | null {
  const versions = [...range.matchAll(/(\d+)(?:\.(\d+|x))?/gu)].map(
    (m) => [Number(m[1]), Number(m[2] === 'x' ? 0 : (m.at(2) ?? 0))] as [number, number],
  );
  if (versions.length === 0) return null;
  return versions.reduce((low, v) => (v[0] < low[0] || (v[0] === low[0] && v[1] < low[1]) ? v : low));
}

/**
 * Adds `p-limit` to the dependencies of the package.json of the package that owns `file` (once: a second run, or a
 * package that
 * already depends on it, changes nothing) through `requireDependency`, and returns notes for the report: a missing
 * manifest, Node versions without require(esm) for a CommonJS file, an installed p-limit without a default export,
 * and what it wrote (or in a dry run would write) when it edits the manifest itself.
 */
export function ensurePLimitDependency(file: string, commonJs: boolean, options: CodemodRunOptions): string[] {
  const notes: string[] = [];
  const owner = owningPackageJson(file);
  if (!owner) return [`no package.json found above ${file}: add p-limit@${P_LIMIT_RANGE} to your dependencies`];
  const manifestPath = owner.path;
  const manifest = owner.json;
  const declared = declaredRange(manifest, 'p-limit');
  const engines = (manifest['engines'] as Record<string, string> | undefined)?.['node'];
  const lowest = engines ? lowestNode(engines) : null;
  if (
    commonJs &&
    lowest &&
    (lowest[0] < 20 || (lowest[0] === 20 && lowest[1] < 19) || lowest[0] === 21 || (lowest[0] === 22 && lowest[1] < 12))
  ) {
    notes.push(
      `${manifestPath}: engines.node "${engines}" admits Node versions without require(esm); p-limit 4+ is an ES ` +
        `module, so this CommonJS file needs Node 20.19+ or 22.12+ (or p-limit@3 with \`const pLimit = ` +
        `require('p-limit')\`)`,
    );
  }
  if (declared) {
    const major = /(\d+)/u.exec(declared)?.[1];
    if (major && Number(major) < 4 && commonJs) {
      notes.push(
        `${manifestPath}: p-limit ${declared} is CommonJS without a \`default\` export; use \`const pLimit = ` +
          `require('p-limit')\` or upgrade to p-limit ${P_LIMIT_RANGE}`,
      );
    }
    return notes;
  }
  const outcome = requireDependency(file, 'p-limit', P_LIMIT_RANGE, options);
  // A runner that takes the request shows the manifest's change itself.
  if (outcome.written) return [...notes, `${manifestPath}: added p-limit@${P_LIMIT_RANGE} to dependencies`];
  if (outcome.missing && !options.addDependency)
    return [...notes, `${manifestPath}: would add p-limit@${P_LIMIT_RANGE} to dependencies`];
  return notes;
}

const P_LIMIT_IMPORT = /(?:from\s*|require\(\s*)['"]p-limit['"]/u;

export default function transform(file: FileInfo, api: API, options: CodemodRunOptions): string | undefined {
  const concurrency = concurrencyOption(options['concurrency']);
  const rules = codemodRules(meta, options.rules);
  // Absent when the run's configuration turns the rule off.
  const loop = Object.hasOwn(rules, 'no-independent-await-in-loop') ? rules['no-independent-await-in-loop'] : undefined;
  if (loop && concurrency !== undefined) {
    const [first] = loop as [Record<string, unknown> | undefined];
    rules['no-independent-await-in-loop'] = [{ ...first, concurrencyLimit: concurrency }];
  }
  const result = runRuleCodemod({
    source: file.source,
    filename: file.path,
    codemod: meta.name,
    rules,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    annotate: options['annotate'] === true,
    // The output must not be reported by any rule of the configuration (`Promise.all` over a request- or data-sized
    // list is `no-unbounded-concurrency`'s finding): such a site is left, with the way to bound it.
    guard: options.rules ?? allRules(),
    guardHints: {
      'no-unbounded-concurrency':
        'the list comes from the request or the data, so `Promise.all` would start all of its items at once; pass ' +
        '--concurrency <n> to bound them with p-limit',
    },
  });
  for (const site of result.skipped) {
    api.report(
      site.reason
        ? `${file.path}:${site.line}:${site.column}: left for review: ${site.reason}`
        : `${file.path}:${site.line}:${site.column}: left unchanged: ${site.message}`,
    );
  }
  if (!result.changed) return undefined;
  if (concurrency !== undefined && P_LIMIT_IMPORT.test(result.output) && !P_LIMIT_IMPORT.test(file.source)) {
    const commonJs = /require\(\s*['"]p-limit['"]\s*\)/u.test(result.output);
    for (const note of ensurePLimitDependency(file.path, commonJs, options)) api.report(note);
  }
  return result.output;
}
