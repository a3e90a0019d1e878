import type { Rule } from 'eslint';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-backend-perf';
import path from 'node:path';
import { languageOptionsFor, SOURCE_FILE_PATTERNS } from './language.js';
import { findPackageJsonFrom } from './package-json.js';
import { pruneUnusedImportsRule } from './prune-imports.js';

/** A site the rule reported and the codemod left alone (no safe rewrite), with the rule's own message. */
export interface SkippedSite {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly ruleId: string;
}

export interface RuleCodemodResult {
  readonly output: string;
  readonly changed: boolean;
  /** Sites rewritten (suggestions applied), counted per pass. */
  readonly applied: number;
  /** Sites annotated with a marked comment. */
  readonly annotated: number;
  readonly skipped: readonly SkippedSite[];
}

export interface RuleCodemodInput {
  readonly source: string;
  readonly filename: string;
  /** Codemod name, used in marked comments. */
  readonly codemod: string;
  /** Plugin rule names and the options to run them with. */
  readonly rules: Readonly<Record<string, readonly unknown[]>>;
  readonly settings?: Record<string, unknown>;
  /**
   * The working directory that relative paths and the start-up globs of `settings['backend-perf']` are resolved
   * against (default: `process.cwd()`). A file outside it is linted from its nearest folder with a `package.json`.
   */
  readonly cwd?: string;
  /** Leave a marked comment above reported sites that have no safe rewrite. */
  readonly annotate?: boolean;
  /** Modules whose top-level imports the rewrite may leave unused; those are removed (pre-existing ones are kept). */
  readonly pruneImportsFrom?: readonly string[];
}

export class CodemodParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'CodemodParseError';
  }
}

export const MARKER_PREFIX = 'backend-perf';

/** The marked comment a codemod leaves where a person has to decide. */
export function markerText(codemod: string): string {
  return `${MARKER_PREFIX}(${codemod}):`;
}

function formatMessage(rule: Rule.RuleModule, descriptor: Rule.ReportDescriptor): string {
  if ('message' in descriptor && descriptor.message) return descriptor.message;
  const messageId = 'messageId' in descriptor ? descriptor.messageId : undefined;
  const template = (messageId && rule.meta?.messages?.[messageId]) || '';
  const data = (descriptor.data ?? {}) as Record<string, unknown>;
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/gu, (match: string, key: string) => (key in data ? String(data[key]) : match));
}

/**
 * Wraps a rule so that its first suggestion becomes an autofix, and (with `annotate`) so that a report without a
 * suggestion becomes a marked comment above its statement. The rule's detection is untouched: the codemod rewrites
 * exactly the sites the rule reports, and with the rewrite the rule offers in the editor.
 */
function asCodemodRule(rule: Rule.RuleModule, codemod: string, annotate: boolean): Rule.RuleModule {
  const marker = markerText(codemod);
  return {
    ...rule,
    meta: { ...rule.meta, fixable: 'code' },
    create(context) {
      const report = (descriptor: Rule.ReportDescriptor): void => {
        const suggestion = descriptor.suggest?.[0];
        let fix: Rule.ReportFixer | null = suggestion?.fix ?? null;
        if (!fix && annotate && 'node' in descriptor && descriptor.node) {
          const node = descriptor.node as Rule.Node;
          const sourceCode = context.sourceCode;
          const lineIndex = (node.loc?.start.line ?? 1) - 1;
          const lineStart = sourceCode.getIndexFromLoc({ line: lineIndex + 1, column: 0 });
          const previous = lineIndex > 0 ? sourceCode.lines[lineIndex - 1] ?? '' : '';
          if (!previous.includes(marker)) {
            const indent = /^\s*/u.exec(sourceCode.lines[lineIndex] ?? '')?.[0] ?? '';
            const eol = sourceCode.text.includes('\r\n') ? '\r\n' : '\n';
            const text = `${indent}// ${marker} ${formatMessage(rule, descriptor).replace(/\s+/gu, ' ')}${eol}`;
            fix = (fixer) => fixer.insertTextBeforeRange([lineStart, lineStart], text);
          }
        }
        context.report({ ...descriptor, suggest: [], fix } as Rule.ReportDescriptor);
      };
      const proxy = Object.create(context, { report: { value: report } }) as Rule.RuleContext;
      return rule.create(proxy);
    },
  };
}

// One Linter per project root a run touches: a handful of keys, never one per file or per call.
// eslint-disable-next-line backend-perf/no-unbounded-cache -- keyed by project roots, bounded by the file set
const linters = new Map<string, Linter>();

/** The nearest folder above `file` with a `package.json` (the file's project), or the file system root. */
function projectRootOf(file: string): string {
  const manifest = findPackageJsonFrom(path.dirname(file));
  return manifest ? path.dirname(manifest) : path.parse(path.resolve(file)).root;
}

/**
 * A Linter whose working directory contains the file: ESLint applies no configuration (and reports "No matching
 * configuration") to files outside its working directory, which would make a codemod silently skip them. A file
 * outside `cwd` is linted from its own project folder, so start-up globs still match project-relative paths.
 */
export function linterFor(filename: string, cwd = process.cwd()): Linter {
  const absolute = path.resolve(cwd, filename);
  const relative = path.relative(cwd, absolute);
  const base = relative.startsWith('..') || path.isAbsolute(relative) ? projectRootOf(absolute) : cwd;
  let linter = linters.get(base);
  if (!linter) linters.set(base, (linter = new Linter({ configType: 'flat', cwd: base })));
  return linter;
}
const MAX_ROUNDS = 50;

/** Removes the imports from `input.pruneImportsFrom` that `output` no longer uses but `input.source` did. */
function pruneImports(linter: Linter, input: RuleCodemodInput, output: string): string {
  const modules = input.pruneImportsFrom ?? [];
  const config = (text: string, keep: readonly string[]): Linter.Config[] => [
    {
      files: SOURCE_FILE_PATTERNS,
      languageOptions: languageOptionsFor(input.filename, text),
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { prune: { rules: { 'unused-imports': pruneUnusedImportsRule } } },
      rules: { 'prune/unused-imports': ['error', { modules, keep }] },
    },
  ];
  const alreadyUnused = linter
    .verify(input.source, config(input.source, []), { filename: input.filename })
    .filter((m) => m.ruleId === 'prune/unused-imports')
    .map((m) => m.message);
  const result = linter.verifyAndFix(output, config(output, alreadyUnused), { filename: input.filename, fix: true });
  if (result.messages.some((m) => m.fatal)) return output;
  return result.output;
}

/** What a rule reported, with the site's position (1-based lines and columns, as ESLint reports them). */
export interface RuleSite {
  readonly ruleId: string;
  readonly messageId: string | undefined;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number | undefined;
  readonly endColumn: number | undefined;
}

/**
 * Runs plugin rules in-process on one file and returns what they report. Codemods that cannot work from the rule's
 * suggestions (several files, ts-morph) select their sites with this, so that they rewrite exactly what the rules
 * report. Throws a `CodemodParseError` when the file does not parse.
 */
export function findRuleSites(input: Omit<RuleCodemodInput, 'codemod' | 'annotate'>): RuleSite[] {
  const linter = linterFor(input.filename, input.cwd);
  const rules = plugin.rules as unknown as Record<string, Rule.RuleModule>;
  const ruleLevels: Linter.RulesRecord = {};
  for (const [name, options] of Object.entries(input.rules)) {
    if (!rules[name]) throw new Error(`Unknown rule "${name}"`);
    ruleLevels[`backend-perf/${name}`] = ['error', ...options] as Linter.RuleEntry;
  }
  const messages = linter.verify(
    input.source,
    [
      {
        files: SOURCE_FILE_PATTERNS,
        languageOptions: languageOptionsFor(input.filename, input.source),
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        plugins: { 'backend-perf': plugin as never },
        rules: ruleLevels,
        settings: input.settings ?? {},
      },
    ],
    { filename: input.filename },
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new CodemodParseError(fatal.message, fatal.line, fatal.column);
  return messages.map((m) => ({
    ruleId: m.ruleId ?? '',
    messageId: m.messageId,
    message: m.message,
    line: m.line,
    column: m.column,
    endLine: m.endLine,
    endColumn: m.endColumn,
  }));
}

/**
 * Runs plugin rules in-process on one file and applies their suggestions until nothing is left to rewrite. Throws a
 * `CodemodParseError` when the input does not parse, and an `Error` when the output would not parse.
 */
export function runRuleCodemod(input: RuleCodemodInput): RuleCodemodResult {
  const linter = linterFor(input.filename, input.cwd);
  const rules: Record<string, Rule.RuleModule> = {};
  const ruleLevels: Linter.RulesRecord = {};
  for (const [name, options] of Object.entries(input.rules)) {
    const rule = (plugin.rules as unknown as Record<string, Rule.RuleModule>)[name];
    if (!rule) throw new Error(`Unknown rule "${name}"`);
    rules[name] = asCodemodRule(rule, input.codemod, input.annotate ?? false);
    ruleLevels[`codemod/${name}`] = ['error', ...options] as Linter.RuleEntry;
  }
  const config = (text: string): Linter.Config[] => [
    {
      files: SOURCE_FILE_PATTERNS,
      languageOptions: languageOptionsFor(input.filename, text),
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { codemod: { rules } },
      rules: ruleLevels,
      settings: input.settings ?? {},
    },
  ];

  const first = linter.verify(input.source, config(input.source), { filename: input.filename });
  const fatal = first.find((message) => message.fatal);
  if (fatal) throw new CodemodParseError(fatal.message, fatal.line, fatal.column);

  let output = input.source;
  let applied = 0;
  let messages = first;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const fixable = messages.filter((m) => m.fix).length;
    if (fixable === 0) break;
    const result = linter.verifyAndFix(output, config(output), { filename: input.filename, fix: true });
    if (result.messages.some((m) => m.fatal)) {
      const broken = result.messages.find((m) => m.fatal);
      throw new Error(`the rewrite would not parse (${broken?.message ?? 'parse error'}); file left unchanged`);
    }
    if (!result.fixed) break;
    applied += fixable;
    output = result.output;
    messages = linter.verify(output, config(output), { filename: input.filename });
  }
  if (output !== input.source && input.pruneImportsFrom?.length) {
    output = pruneImports(linter, input, output);
  }
  const marker = markerText(input.codemod);
  const annotated = output.split(/\r?\n/u).filter((line) => line.includes(marker)).length -
    input.source.split(/\r?\n/u).filter((line) => line.includes(marker)).length;
  const skipped = messages
    .filter((m) => m.ruleId?.startsWith('codemod/'))
    .map((m) => ({ line: m.line, column: m.column, message: m.message, ruleId: `backend-perf/${m.ruleId?.slice(8) ?? ''}` }));
  return { output, changed: output !== input.source, applied: applied - Math.max(0, annotated), annotated: Math.max(0, annotated), skipped };
}
