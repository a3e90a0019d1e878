import type { CheckReport, Finding } from '../report.js';

const PLUGIN_PREFIX = 'backend-perf/';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Findings grouped by rule: our rules first (each headed by its id, doc URL and the codemod that migrates it), then
 * other rules of the user's config, then files that could not be linted, then a summary line.
 */
export interface StylishOptions {
  /** Print ESLint's own notices (`--show-notices`); they are counted in the summary line either way. */
  readonly showNotices?: boolean;
}

/** `path:line:column`. */
function location(path: string, line: number, column: number): string {
  return `${path}:${line}:${column}`;
}

export function formatStylish(report: CheckReport, options: StylishOptions = {}): string {
  const groups = new Map<string, { path: string; finding: Finding }[]>();
  for (const file of report.files) {
    for (const finding of file.findings) {
      const key = finding.ruleId;
      const group = groups.get(key) ?? [];
      group.push({ path: file.path, finding });
      groups.set(key, group);
    }
  }
  const order = [...groups.keys()].sort((a, b) => {
    const ours = Number(b.startsWith(PLUGIN_PREFIX)) - Number(a.startsWith(PLUGIN_PREFIX));
    return ours !== 0 ? ours : a < b ? -1 : a > b ? 1 : 0;
  });

  const lines: string[] = [];
  for (const ruleId of order) {
    const entries = groups.get(ruleId) ?? [];
    const info = report.rules[ruleId] as CheckReport['rules'][string] | undefined;
    lines.push(`${ruleId} (${plural(entries.length, 'finding')})`);
    if (info?.url) lines.push(`  docs: ${info.url}`);
    if (info?.codemod) lines.push(`  fix:  npx backend-perf migrate ${info.codemod}`);
    for (const { path, finding } of entries) {
      const level = finding.severity === 'warning' ? '  (warning)' : '';
      lines.push(`  ${path}:${finding.line}:${finding.column}  ${finding.message}${level}`);
    }
    lines.push('');
  }

  const broken = report.files.filter((file) => file.errors.length > 0);
  if (broken.length > 0) {
    lines.push(`Could not lint (${plural(broken.length, 'file')})`);
    for (const file of broken) {
      for (const error of file.errors)
        lines.push(`  ${location(file.path, error.line, error.column)}  ${error.message}`);
    }
    lines.push('');
  }

  if (options.showNotices && report.summary.notices > 0) {
    lines.push(`ESLint notices (${plural(report.summary.notices, 'notice')}, not counted as findings)`);
    for (const file of report.files) {
      for (const notice of file.notices) {
        lines.push(`  ${location(file.path, notice.line, notice.column)}  ${notice.message}`);
      }
    }
    lines.push('');
  }

  lines.push(summaryLine(report, options));
  return `${lines.join('\n')}\n`;
}

/** The last line of the stylish output: counts of findings and files, and of ESLint's notices when there are any. */
export function summaryLine(report: CheckReport, options: StylishOptions = {}): string {
  const { summary } = report;
  const notices =
    summary.notices === 0
      ? ''
      : options.showNotices
        ? ` ${plural(summary.notices, 'ESLint notice')} (not counted).`
        : ` ${plural(summary.notices, 'ESLint notice')} not counted (unused disable directives and the like; ` +
          `--show-notices lists them).`;
  if (summary.findings === 0 && summary.parseErrors === 0) {
    return `No problems found in ${plural(summary.filesLinted, 'file')}.${notices}`;
  }
  const parts = [
    `${plural(summary.findings, 'finding')} (${plural(summary.errors, 'error')}, ` +
      `${plural(summary.warnings, 'warning')})`,
    `in ${plural(summary.filesWithFindings, 'file')} of ${summary.filesLinted} linted`,
  ];
  if (summary.parseErrors > 0) parts.push(`${summary.parseErrors} parse error${summary.parseErrors === 1 ? '' : 's'}`);
  return `✖ ${parts.join(', ')}.${notices}`;
}
