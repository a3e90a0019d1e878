import { findDataAccessCalls, type DataAccessInput } from '@backend-perf/core';
import type { TSESTree } from '@typescript-eslint/utils';

/**
 * Whether core's data-access detector (the one `no-n-plus-one` reports from) recognises this call as a database,
 * cache or HTTP access. Per-item data access in a loop is `no-n-plus-one`'s finding, with its own advice (one batch
 * query, DataLoader); this rule stays quiet there so that each site gets one finding.
 */
export function isClaimedByDataAccessRule(input: DataAccessInput, call: TSESTree.Node): boolean {
  return findDataAccessCalls(input).some((access) => access.node === call);
}
