import { findDataAccessCalls, type DataAccessKind, type DataAccessLibrary } from '@backend-perf/core';
import type { Rule } from 'eslint';
import { engineConfig, linterFor, verifyText } from './rule-codemod.js';

type Range = readonly [number, number];

/** A data-access call as core's detector sees it, with character offsets instead of AST nodes. */
export interface DataAccessSite {
  readonly range: Range;
  readonly library: DataAccessLibrary;
  readonly operation: string;
  readonly kind: DataAccessKind;
  readonly model?: string;
  readonly receiver?: Range;
  /** The entity class an entity manager reads (`User` in `em.findOne(User, id)`). */
  readonly entity?: Range;
  readonly key?: {
    readonly field: string | null;
    readonly range: Range;
    readonly plain: boolean;
    readonly column?: Range;
  };
  /** Query builder chains: the table, the call that starts the chain, its methods and the end of each method's call. */
  readonly chain?: {
    readonly table: string | null;
    readonly builder: Range;
    readonly methods: readonly string[];
    readonly ends: readonly number[];
  };
  readonly sql?: { readonly text: string | null; readonly keyColumn: string | null };
  /** Ranges of the call's arguments (for SQL: the statement and the values array). */
  readonly arguments: readonly Range[];
}

/**
 * Runs core's data-access detector on a file and returns what it found, so that codemods rewrite the calls the
 * rules reason about with the same library, operation and key information.
 */
export function collectDataAccess(input: {
  source: string;
  filename: string;
  settings?: Record<string, unknown>;
  cwd?: string;
}): DataAccessSite[] {
  const sites: DataAccessSite[] = [];
  const rule: Rule.RuleModule = {
    meta: { type: 'problem', schema: [] },
    create(context) {
      return {
        'Program:exit'() {
          for (const call of findDataAccessCalls(context as never)) {
            sites.push({
              range: call.node.range,
              library: call.library,
              operation: call.operation,
              kind: call.kind,
              ...(call.model === undefined ? {} : { model: call.model }),
              ...(call.receiver ? { receiver: call.receiver.range } : {}),
              ...(call.entity ? { entity: call.entity.range } : {}),
              ...(call.key
                ? {
                    key: {
                      field: call.key.field,
                      range: call.key.value.range,
                      plain: call.key.plain,
                      ...(call.key.column ? { column: call.key.column.range } : {}),
                    },
                  }
                : {}),
              ...(call.chain
                ? {
                    chain: {
                      table: call.chain.table,
                      builder: call.chain.builder.range,
                      methods: call.chain.methods,
                      ends: call.chain.calls.map((c) => c.range[1]),
                    },
                  }
                : {}),
              ...(call.sql ? { sql: call.sql } : {}),
              arguments: call.arguments.map((argument) => argument.range),
            });
          }
        },
      };
    },
  };
  verifyText(
    linterFor(input.filename, input.cwd),
    input.source,
    engineConfig(input.filename, input.source, {
      plugins: { collect: { rules: { sites: rule } } },
      rules: { 'collect/sites': 'error' },
      settings: input.settings,
    }),
    input.filename,
  );
  return sites;
}
