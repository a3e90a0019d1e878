import type { Category } from '@backend-perf/core';
// The `eslint-utils` entry, not the package's root: the root also loads ESLint's Node API and typescript-eslint's scope
// manager, which cost every process that loads the plugin about a fifth of a second.
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

/** Our typed `meta.docs` fields, on top of ESLint's `description` and `url`. */
export interface BackendPerfDocs {
  /** The first config that enables the rule: `recommended` (and every stricter one), `strict` (and `all`), or `all` only. */
  recommended: 'recommended' | 'strict' | 'all';
  /** Options that the `strict` and `all` configs pass, when they differ from the defaults. */
  strictOptions?: Readonly<Record<string, unknown>>;
  /** Rules that need type information live in the type-checked configs; none of ours does yet. */
  requiresTypeChecking: boolean;
  /** The section of the anti-pattern catalogue. */
  category: Category;
  /** The codemod that migrates what the rule reports, if there is one. */
  codemod?: string;
}

export const DOCS_BASE_URL = 'https://github.com/backend-perf/backend-perf/blob/main/docs/rules/';

/** The only way rules are made here: it builds `meta.docs.url` from the rule name. */
export const createRule = RuleCreator<BackendPerfDocs>((name) => `${DOCS_BASE_URL}${name}.md`);
