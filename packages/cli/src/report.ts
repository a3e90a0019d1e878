import type { ESLint, Linter } from 'eslint';
import { displayPath } from './files.js';

/** One problem a rule reported, with everything the formatters print. */
export interface Finding {
  /** `backend-perf/no-sync-io` or a rule of the user's config. */
  readonly ruleId: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The codemod that migrates this finding (`npx backend-perf migrate <codemod>`), if there is one. */
  readonly codemod: string | null;
}

/** A file that could not be linted: a parse error. */
export interface FileError {
  readonly message: string;
  /** Where the parser stopped; the start of the file when it did not say. */
  readonly line: number;
  readonly column: number;
}

/**
 * What ESLint says about the run rather than the code: unused `eslint-disable` directives, `/* eslint-env *\/`
 * comments, rules named in comments that no plugin defines, files given by name that are ignored. Never counted as
 * findings; `--show-notices` prints them.
 */
export interface Notice {
  readonly message: string;
  /** Where it applies; the start of the file for a notice about the whole file. */
  readonly line: number;
  readonly column: number;
}

export interface FileReport {
  /** Relative to the working directory, forward slashes. */
  readonly path: string;
  readonly findings: readonly Finding[];
  readonly errors: readonly FileError[];
  readonly notices: readonly Notice[];
}

export interface RuleInfo {
  readonly id: string;
  readonly description: string | null;
  readonly url: string | null;
  readonly codemod: string | null;
}

export interface CheckSummary {
  readonly filesLinted: number;
  readonly filesWithFindings: number;
  readonly findings: number;
  readonly errors: number;
  readonly warnings: number;
  readonly parseErrors: number;
  /** ESLint's own notices (not findings). */
  readonly notices: number;
}

/** What `check` found, independent of the output format. Files appear only when they have findings or errors. */
export interface CheckReport {
  readonly files: readonly FileReport[];
  readonly rules: Readonly<Record<string, RuleInfo>>;
  readonly summary: CheckSummary;
}

interface DocsWithCodemod {
  description?: string;
  url?: string;
  codemod?: string;
}

/** Builds the report from ESLint's results and the meta of the rules they mention. */
export function buildCheckReport(
  cwd: string,
  results: readonly ESLint.LintResult[],
  rulesMeta: Readonly<Record<string, { docs?: DocsWithCodemod } | undefined>>,
): CheckReport {
  const rules: Record<string, RuleInfo> = {};
  const ruleInfo = (ruleId: string): RuleInfo => {
    const known = rules[ruleId] as RuleInfo | undefined;
    if (known) return known;
    const docs = rulesMeta[ruleId]?.docs;
    const info: RuleInfo = {
      id: ruleId,
      description: typeof docs?.description === 'string' ? docs.description : null,
      url: typeof docs?.url === 'string' ? docs.url : null,
      codemod: typeof docs?.codemod === 'string' && docs.codemod !== '' ? docs.codemod : null,
    };
    rules[ruleId] = info;
    return info;
  };

  const files: FileReport[] = [];
  let errors = 0;
  let warnings = 0;
  let parseErrors = 0;
  let notices = 0;
  for (const result of [...results].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0))) {
    const findings: Finding[] = [];
    const fileErrors: FileError[] = [];
    const fileNotices: Notice[] = [];
    for (const message of result.messages) {
      // ESLint's notices about a whole file (ignored, outside the base path) and a parser that failed without a
      // position have no line: they are placed at the start of the file, never printed as undefined:undefined.
      const line = Number.isFinite(message.line) ? message.line : 1;
      const column = Number.isFinite(message.column) ? message.column : 1;
      if (isParseError(message)) {
        fileErrors.push({ message: message.message, line, column });
        continue;
      }
      if (isNotice(message)) {
        fileNotices.push({ message: message.message, line, column });
        continue;
      }
      const ruleId = message.ruleId as string;
      const severity = message.severity === 2 ? 'error' : 'warning';
      if (severity === 'error') errors += 1;
      else warnings += 1;
      findings.push({
        ruleId,
        severity,
        message: message.message,
        line,
        column,
        endLine: message.endLine ?? line,
        endColumn: message.endColumn ?? column,
        codemod: ruleInfo(ruleId).codemod,
      });
    }
    parseErrors += fileErrors.length;
    notices += fileNotices.length;
    if (findings.length > 0 || fileErrors.length > 0 || fileNotices.length > 0) {
      files.push({ path: displayPath(cwd, result.filePath), findings, errors: fileErrors, notices: fileNotices });
    }
  }
  return {
    files,
    rules,
    summary: {
      filesLinted: results.length,
      filesWithFindings: files.filter((file) => file.findings.length > 0).length,
      findings: errors + warnings,
      errors,
      warnings,
      parseErrors,
      notices,
    },
  };
}

/** A message that means the file was not linted: the parser failed (ESLint prefixes its message). */
export function isParseError(message: Pick<Linter.LintMessage, 'fatal' | 'message'>): boolean {
  return message.fatal === true && message.message.startsWith('Parsing error');
}

/**
 * ESLint's own notices: messages without a rule (unused directives, `eslint-env` comments, ignored files) and
 * "Definition for rule ... was not found" for a rule named in a comment that no loaded plugin defines.
 */
export function isNotice(message: Pick<Linter.LintMessage, 'ruleId' | 'message'>): boolean {
  return message.ruleId === null || /^Definition for rule '[^']+' was not found/u.test(message.message);
}

/** 2 when a file could not be linted, 1 when a rule reported an error, else 0 (warnings alone pass). */
export function checkExitCode(report: CheckReport): 0 | 1 | 2 {
  if (report.summary.parseErrors > 0) return 2;
  return report.summary.errors > 0 ? 1 : 0;
}
