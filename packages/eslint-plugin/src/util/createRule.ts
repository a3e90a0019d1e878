import { isBrowserBuildFile, type Category } from '@backend-perf/core';
// Types only: typescript-eslint's utils package declares TypeScript as a required peer, so depending on it at run time
// would install TypeScript into every JavaScript project that adds the plugin (docs/benchmarks.md, "Installed size").
import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';
import type { TSESLint } from '@typescript-eslint/utils';

/** Our typed `meta.docs` fields, on top of ESLint's `description` and `url`. */
export interface BackendPerfDocs {
  /**
   * The first config that enables the rule: `recommended` (and every stricter one), `strict` (and `all`), or `all`
   * only.
   */
  recommended: 'recommended' | 'strict' | 'all';
  /** Options that the `strict` and `all` configs pass, when they differ from the defaults. */
  strictOptions?: Readonly<Record<string, unknown>>;
  /** Rules that need type information live in the type-checked configs; none of ours does yet. */
  requiresTypeChecking: boolean;
  /** The section of the anti-pattern catalogue. */
  category: Category;
  /** The codemod that migrates what the rule reports, if there is one. */
  codemod?: string;
  /**
   * Rules of ESLint or of other plugins that report the same pattern with less precision, as `plugin/rule` ids: the
   * `coexistence` configs turn them off where this rule is on.
   */
  replaces?: readonly string[];
}

export const DOCS_BASE_URL = 'https://github.com/backend-perf/backend-perf/blob/main/docs/rules/';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeObjects(defaults: Record<string, unknown>, given: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    const base = merged[key];
    merged[key] = isPlainObject(base) && isPlainObject(value) ? mergeObjects(base, value) : value;
  }
  return merged;
}

/**
 * The options a rule runs with: `meta.defaultOptions` with the configured options merged in (objects deeply, every
 * other value replaced), as ESLint 9.15 and later already do with `context.options`. Merging again here keeps the
 * rules correct in hosts that do not (Oxlint's JavaScript plugins, older rule testers) and never changes ESLint's
 * result.
 */
export function withDefaultOptions(defaults: readonly unknown[], given: readonly unknown[]): unknown[] {
  const options: unknown[] = structuredClone([...defaults]);
  given.forEach((value, index) => {
    if (value === undefined) return;
    const base = options[index];
    options[index] = isPlainObject(base) && isPlainObject(value) ? mergeObjects(base, value) : value;
  });
  return options;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The only way rules are made here: it builds `meta.docs.url` from the rule name, hands `create` its options with
 * the defaults applied, and leaves the files of a package's browser build alone (`isBrowserBuildFile`). The same contract as typescript-eslint's `RuleCreator`, without its run-time dependency.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>({
  name,
  meta,
  create,
}: Readonly<RuleWithMetaAndName<Options, MessageIds, BackendPerfDocs>>): TSESLint.RuleModule<
  MessageIds,
  Options,
  BackendPerfDocs
> & { name: string } {
  const defaults = (meta.defaultOptions ?? []) as unknown as Options;
  // ESLint calls `create` once per file: the merged options of each configuration are computed once (and frozen,
  // since every file shares them).
  const merged = new Map<string, Options>();
  const optionsFor = (given: readonly unknown[]): Options => {
    const key = JSON.stringify(given);
    let options = merged.get(key);
    if (!options) {
      options = deepFreeze(withDefaultOptions(defaults, given)) as unknown as Options;
      merged.set(key, options);
    }
    return options;
  };
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: `${DOCS_BASE_URL}${name}.md` } },
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- kept as RuleCreator keeps it, for tools that read it
    defaultOptions: defaults,
    // A package's browser build (`typeorm/browser/...`) never runs on a server: no rule reads it.
    create: (context) =>
      isBrowserBuildFile(context.filename, context.cwd) ? {} : create(context, optionsFor(context.options)),
  };
}
