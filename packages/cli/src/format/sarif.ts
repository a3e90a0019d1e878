import type { CheckReport } from '../report.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_INFORMATION_URI = 'https://github.com/backend-perf/backend-perf';

export interface SarifToolInfo {
  readonly version: string;
}

/** Encodes a relative path as a URI reference (forward slashes, each segment percent-encoded). */
function artifactUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 for code scanning: one run, the driver lists every rule with findings (id, descriptions, help URI),
 * each finding is a result with a region; files that could not be linted are tool execution notifications of
 * level `error`, ESLint's own notices notifications of level `note`.
 */
export function formatSarif(report: CheckReport, tool: SarifToolInfo): string {
  const ruleIds = [...new Set(report.files.flatMap((file) => file.findings.map((finding) => finding.ruleId)))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const rules = ruleIds.map((id) => {
    const info = report.rules[id] as CheckReport['rules'][string] | undefined;
    const description = info?.description ?? id;
    return {
      id,
      shortDescription: { text: description },
      ...(info?.url ? { helpUri: info.url } : {}),
      ...(info?.codemod
        ? {
            help: { text: `Migrate with: npx backend-perf migrate ${info.codemod}` },
            properties: { codemod: info.codemod },
          }
        : {}),
    };
  });

  const results = report.files.flatMap((file) =>
    file.findings.map((finding) => {
      const ruleId = finding.ruleId;
      return {
        ruleId,
        ruleIndex: ruleIndex.get(ruleId) ?? 0,
        level: finding.severity,
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(file.path) },
              region: {
                startLine: finding.line,
                startColumn: finding.column,
                endLine: finding.endLine,
                endColumn: finding.endColumn,
              },
            },
          },
        ],
      };
    }),
  );

  const notification = (level: 'error' | 'note', path: string, text: string, line: number, column: number) => ({
    level,
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(path) },
          region: { startLine: line, startColumn: column },
        },
      },
    ],
  });
  // Parse errors make the run unsuccessful; ESLint's own notices are notes, never results.
  const failures = report.files.flatMap((file) =>
    file.errors.map((error) => notification('error', file.path, error.message, error.line, error.column)),
  );
  const notes = report.files.flatMap((file) =>
    file.notices.map((notice) => notification('note', file.path, notice.message, notice.line, notice.column)),
  );
  const notifications = [...failures, ...notes];

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'backend-perf', informationUri: TOOL_INFORMATION_URI, version: tool.version, rules },
        },
        invocations: [{ executionSuccessful: failures.length === 0, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
