import type { CheckReport } from '../report.js';

/** Version of the JSON shape below; bumped on any incompatible change. */
export const JSON_REPORT_VERSION = 2;

/**
 * The `--format json` shape (documented in docs/cli.md):
 * `{ version, summary, rules: { [ruleId]: { id, description, url, codemod } }, files: [{ path, findings: [{ ruleId,
 * severity, message, line, column, endLine, endColumn, codemod }], errors: [{ message, line, column }], notices:
 * [{ message, line, column }] }] }`. Version 2 moved ESLint's notices from `findings` (with `ruleId: null`) to
 * `notices`.
 */
export function formatJson(report: CheckReport): string {
  const output = {
    version: JSON_REPORT_VERSION,
    summary: report.summary,
    rules: Object.fromEntries(
      Object.keys(report.rules)
        .sort()
        .map((id) => [id, report.rules[id]]),
    ),
    files: report.files.map((file) => ({
      path: file.path,
      findings: file.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        codemod: finding.codemod,
      })),
      errors: file.errors.map((error) => ({ message: error.message, line: error.line, column: error.column })),
      notices: file.notices.map((notice) => ({ message: notice.message, line: notice.line, column: notice.column })),
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
