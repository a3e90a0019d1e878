import * as core from '@backend-perf/core';
import { entriesWithTag, findApiUses, type ApiEntry } from '@backend-perf/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The data-access catalogue (`DATA_ACCESS_APIS`, entries tagged `data-access`), when core provides one. The N+1
 * rule reports per-item database and HTTP calls in loops with its own advice (batching, DataLoader); where it
 * claims an awaited call, this rule stays quiet so that each site gets one finding. Without that catalogue
 * nothing is claimed.
 */
const catalogue = (core as unknown as Record<string, unknown>)['DATA_ACCESS_APIS'];
const DATA_ACCESS: readonly ApiEntry[] = Array.isArray(catalogue)
  ? entriesWithTag(catalogue as readonly ApiEntry[], 'data-access')
  : [];

/** Whether the data-access (N+1) rule reports this call, so this rule leaves it to that one. */
export function isClaimedByDataAccessRule(sourceCode: TSESLint.SourceCode, call: TSESTree.Node): boolean {
  if (DATA_ACCESS.length === 0) return false;
  return findApiUses(sourceCode, DATA_ACCESS).some((use) => use.node === call);
}
