import { diffLines } from 'diff';
import type { Rule, SourceCode } from 'eslint';
// ESLint's `universal` entry has the Linter alone; the root entry also loads the Node API (`ESLint`), which a worker
// never uses.
import { Linter } from 'eslint/universal';
import plugin from 'eslint-plugin-backend-perf';
import path from 'node:path';
import { languageOptionsFor, outputProblem, SOURCE_FILE_PATTERNS, sourceTypeOf } from './language.js';
import { findPackageJsonFrom } from './package-json.js';
import { pruneUnusedImportsRule } from './prune-imports.js';
import type { CodemodMeta } from '../types.js';
import { eolOf } from '@backend-perf/core';

/** A site the rule reported and the codemod left alone (no safe rewrite), with the rule's own message. */
export interface SkippedSite {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly ruleId: string;
  /** Why the rule's rewrite was not applied, when the engine dropped it (see `RuleCodemodInput.guard`). */
  readonly reason?: string;
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
  /**
   * Rules (name to options) the rewrite must not make report: each suggestion is tried alone on the current text,
   * and one after which a guard rule reports more than before is not applied; its site is skipped with the reason
   * (`SkippedSite.reason`), followed by `guardHints[rule]` when there is one.
   */
  readonly guard?: Readonly<Record<string, readonly unknown[]>>;
  readonly guardHints?: Readonly<Record<string, string>>;
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

/**
 * The message that says a text does not parse, if one does. ESLint also marks problems of inline configuration as
 * fatal (a `/* eslint-env *\/` comment, which ESLint 10 no longer supports, or a directive with invalid JSON), but
 * those files parse and their rules run: a codemod migrates them like any other.
 */
export function parseFailure(messages: readonly Linter.LintMessage[]): Linter.LintMessage | undefined {
  return messages.find((message) => message.fatal && message.message.startsWith('Parsing error'));
}

/** The marked comment a codemod leaves where a person has to decide. */
export function markerText(codemod: string): string {
  return `${MARKER_PREFIX}(${codemod}):`;
}

function formatMessage(rule: Rule.RuleModule, descriptor: Rule.ReportDescriptor): string {
  if ('message' in descriptor && descriptor.message) return descriptor.message;
  const messageId = 'messageId' in descriptor ? descriptor.messageId : undefined;
  const template = (messageId && rule.meta?.messages?.[messageId]) || '';
  const data = descriptor.data ?? {};
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/gu, (match: string, key: string) =>
    key in data ? String(data[key]) : match,
  );
}

/** What a codemod rule's fixes must keep: while `checkFixes` is on, a fix whose text would not parse is dropped. */
interface FixCheck {
  checkFixes: boolean;
  /** The input's text and file: a fixed text must parse with the parser that read the input. */
  readonly filename: string;
  readonly source: string;
  /**
   * Why a fix would create a finding (a message), or `null`: called with the text before and after one fix. Sites
   * whose fix it refuses are kept in `refused` by position in the text of the lint that reported them.
   */
  readonly refuses?: (before: string, after: string) => string | null;
  readonly refused: Map<string, string>;
}

/** A node or token a fix names. */
type SyntaxElement = Parameters<Rule.RuleFixer['remove']>[0];

/** Where a node or token a fix names lies; ESTree leaves `range` optional, ESLint's parsers always set it. */
function rangeOf(nodeOrToken: SyntaxElement): [number, number] {
  if (!nodeOrToken.range) throw new TypeError('A fix names a node without a range.');
  return nodeOrToken.range;
}

/** The fixer ESLint hands to a fix function, for computing a fix outside ESLint's own fix loop. */
const textFixer: Rule.RuleFixer = {
  insertTextAfter: (nodeOrToken, text) => textFixer.insertTextAfterRange(rangeOf(nodeOrToken), text),
  insertTextAfterRange: (range, text) => ({ range: [range[1], range[1]], text }),
  insertTextBefore: (nodeOrToken, text) => textFixer.insertTextBeforeRange(rangeOf(nodeOrToken), text),
  insertTextBeforeRange: (range, text) => ({ range: [range[0], range[0]], text }),
  remove: (nodeOrToken) => ({ range: rangeOf(nodeOrToken), text: '' }),
  removeRange: (range) => ({ range, text: '' }),
  replaceText: (nodeOrToken, text) => ({ range: rangeOf(nodeOrToken), text }),
  replaceTextRange: (range, text) => ({ range, text }),
};

/** The text a fix function makes of `text` (its fixes merged as ESLint merges them), or `null` if they overlap. */
function applyFix(text: string, fix: Rule.ReportFixer): string | null {
  const produced = fix(textFixer);
  // As ESLint reads a fix function's result: nothing (also `undefined`), one fix, or an iterable of fixes.
  const fixes: Rule.Fix[] = (produced ? (Symbol.iterator in produced ? [...produced] : [produced]) : []).sort(
    (a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1],
  );
  let output = '';
  let offset = 0;
  for (const { range, text: replacement } of fixes) {
    if (range[0] < offset) return null;
    output += text.slice(offset, range[0]) + replacement;
    offset = range[1];
  }
  return output + text.slice(offset);
}

/** Where a report starts (0-based column, as in the AST). */
function locationOf(descriptor: Rule.ReportDescriptor): { line: number; column: number } | undefined {
  const loc = 'loc' in descriptor ? descriptor.loc : descriptor.node.loc;
  if (!loc) return undefined;
  return 'start' in loc ? loc.start : loc;
}

/**
 * Wraps a rule so that its first suggestion becomes an autofix, and (with `annotate`) so that a report without a
 * suggestion becomes a marked comment above its statement. The rule's detection is untouched: the codemod rewrites
 * exactly the sites the rule reports, and with the rewrite the rule offers in the editor. While `check.checkFixes`
 * is on, a suggestion whose rewrite would not parse (an `await` where the language allows none, such as a class
 * static block, a field initialiser or a parameter default) is not applied: the site stays as it is and is reported.
 */
function asCodemodRule(rule: Rule.RuleModule, codemod: string, annotate: boolean, check: FixCheck): Rule.RuleModule {
  const marker = markerText(codemod);
  return {
    ...rule,
    meta: { ...rule.meta, fixable: 'code' },
    create(context) {
      // Each lint of the text starts afresh: the positions of refused sites are those of this lint's text.
      check.refused.clear();
      const report = (descriptor: Rule.ReportDescriptor): void => {
        const suggestion = descriptor.suggest?.[0];
        let fix: Rule.ReportFixer | null = suggestion?.fix ?? null;
        if (fix && check.checkFixes) {
          const fixed = applyFix(context.sourceCode.text, fix);
          if (fixed === null || outputProblem(check.filename, check.source, fixed) !== null) fix = null;
        }
        const whyNoRewrite = descriptor.data?.['whyNoRewrite'];
        if (!fix && typeof whyNoRewrite === 'string') {
          // A rule that offers no rewrite may say why (`data.whyNoRewrite`): that, not the finding, is the review line.
          const at = locationOf(descriptor);
          if (at) check.refused.set(`${at.line}:${at.column + 1}`, whyNoRewrite);
        }
        if (fix && check.refuses) {
          const fixed = applyFix(context.sourceCode.text, fix);
          const why = fixed === null ? null : check.refuses(context.sourceCode.text, fixed);
          if (why !== null) {
            fix = null;
            const at = locationOf(descriptor);
            if (at) check.refused.set(`${at.line}:${at.column + 1}`, why);
          }
        }
        if (!fix && annotate && 'node' in descriptor) {
          const node = descriptor.node;
          const sourceCode = context.sourceCode;
          const lineIndex = (node.loc?.start.line ?? 1) - 1;
          const lineStart = sourceCode.getIndexFromLoc({ line: lineIndex + 1, column: 0 });
          const previous = lineIndex > 0 ? (sourceCode.lines[lineIndex - 1] ?? '') : '';
          if (!previous.includes(marker)) {
            const indent = /^\s*/u.exec(sourceCode.lines[lineIndex] ?? '')?.[0] ?? '';
            const eol = eolOf(sourceCode.text);
            const text = `${indent}// ${marker} ${formatMessage(rule, descriptor).replace(/\s+/gu, ' ')}${eol}`;
            fix = (fixer) => fixer.insertTextBeforeRange([lineStart, lineStart], text);
          }
        }
        context.report({ ...descriptor, suggest: [], fix });
      };
      const proxy = Object.create(context, { report: { value: report } }) as Rule.RuleContext;
      return rule.create(proxy);
    },
  };
}

// One Linter per project root a run touches: a handful of keys (project roots, bounded by the file set), never one
// per file or per call.
const linters = new Map<string, Linter>();

/** The nearest folder above `file` with a `package.json` (the file's project), or the file system root. */
function projectRootOf(file: string): string {
  const manifest = findPackageJsonFrom(path.dirname(file));
  return manifest ? path.dirname(manifest) : path.parse(path.resolve(file)).root;
}

/** The working directory a file is linted from: `cwd`, or the file's own project folder when it is outside `cwd`. */
function lintBase(filename: string, cwd = process.cwd()): string {
  const absolute = path.resolve(cwd, filename);
  const relative = path.relative(cwd, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? projectRootOf(absolute) : cwd;
}

/**
 * A Linter whose working directory contains the file: ESLint applies no configuration (and reports "No matching
 * configuration") to files outside its working directory, which would make a codemod silently skip them. A file
 * outside `cwd` is linted from its own project folder, so start-up globs still match project-relative paths.
 */
export function linterFor(filename: string, cwd = process.cwd()): Linter {
  const base = lintBase(filename, cwd);
  let linter = linters.get(base);
  if (!linter) linters.set(base, (linter = new Linter({ configType: 'flat', cwd: base })));
  return linter;
}
const MAX_ROUNDS = 50;

/** Removes the imports from `input.pruneImportsFrom` that `output` no longer uses but `input.source` did. */
function pruneImports(linter: Linter, input: RuleCodemodInput, output: string): string {
  const modules = input.pruneImportsFrom ?? [];
  const config = (text: string, keep: readonly string[]): Linter.Config[] =>
    engineConfig(input.filename, text, {
      plugins: { prune: { rules: { 'unused-imports': pruneUnusedImportsRule } } },
      rules: { 'prune/unused-imports': ['error', { modules, keep }] },
    });
  const alreadyUnused = linter
    .verify(input.source, config(input.source, []), { filename: input.filename })
    .filter((m) => m.ruleId === 'prune/unused-imports')
    .map((m) => m.message);
  const result = linter.verifyAndFix(output, config(output, alreadyUnused), { filename: input.filename, fix: true });
  if (parseFailure(result.messages)) return output;
  return result.output;
}

/** The plugin rules a run has enabled, by name without prefix, with their ESLint options (severity left out). */
export type EnabledRules = Readonly<Record<string, readonly unknown[]>>;

/**
 * The rules a codemod selects its sites with, and their options. With `enabled` (the rules the user's configuration
 * enables for the file, as `check` lints it: `CodemodRunOptions.rules`), the codemod's rules that are enabled there,
 * with the configured options, so that it rewrites exactly what `check` reports; a codemod none of whose rules is
 * enabled gets none and changes nothing. Without it (a codemod run alone, by jscodeshift), `meta.rules` with
 * `meta.ruleOptions`.
 */
export function codemodRules(meta: CodemodMeta, enabled?: EnabledRules): Record<string, readonly unknown[]> {
  if (enabled) {
    return Object.fromEntries(
      meta.rules.filter((rule) => Object.hasOwn(enabled, rule)).map((rule) => [rule, enabled[rule] ?? []]),
    );
  }
  return Object.fromEntries(meta.rules.map((rule) => [rule, meta.ruleOptions?.[rule] ?? []]));
}

/**
 * The last text the engine parsed. Every rule pass over the same file and text lints that parsed `SourceCode`
 * (ESLint's `verify` accepts one in place of text) instead of parsing again: the detection of every codemod, the
 * first rule pass of the codemod that rewrites the file, and the data-access collection share one parse. One entry,
 * because a runner migrates one file at a time per thread.
 */
let lastParsed:
  | { readonly linter: Linter; readonly filename: string; readonly text: string; readonly sourceCode: SourceCode }
  | undefined;

/**
 * `linter.verify` on a file's text, parsing it only when it is not the text parsed last; the parse is then kept for
 * the next pass. Configurations come from `engineConfig`, so that the same text always parses the same way.
 */
export function verifyText(
  linter: Linter,
  text: string,
  config: Linter.Config[],
  filename: string,
): Linter.LintMessage[] {
  const parsed = lastParsed;
  const reuse = parsed && parsed.linter === linter && parsed.filename === filename && parsed.text === text;
  const messages = linter.verify(reuse ? parsed.sourceCode : text, config, { filename });
  if (!reuse && !parseFailure(messages)) keepParsed(linter, filename, text);
  return messages;
}

/** Keeps the parse of the linter's last lint, if it was of `text`, for `verifyText`. */
function keepParsed(linter: Linter, filename: string, text: string): void {
  const sourceCode = linter.getSourceCode() as SourceCode | null;
  // ESLint's SourceCode holds the text without its byte order mark.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (sourceCode?.text === body) lastParsed = { linter, filename, text, sourceCode };
}

/**
 * The configuration of every lint the engine runs on a file: its rules under their plugins' namespaces, the run's
 * settings, and the language options of `languageOptionsFor(filename, text)`, which `verifyText` relies on.
 */
export function engineConfig(
  filename: string,
  text: string,
  {
    plugins,
    rules,
    settings,
  }: {
    readonly plugins: NonNullable<Linter.Config['plugins']>;
    readonly rules: Linter.RulesRecord;
    readonly settings?: Record<string, unknown> | undefined;
  },
): Linter.Config[] {
  return [
    {
      files: SOURCE_FILE_PATTERNS,
      languageOptions: languageOptionsFor(filename, text),
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins,
      rules,
      settings: settings ?? {},
    },
  ];
}

export interface SiteDetectionInput {
  readonly source: string;
  readonly filename: string;
  readonly cwd?: string;
  readonly settings?: Record<string, unknown>;
  /** The codemods to detect sites for; each runs its own rules (`codemodRules(meta, rules)`). */
  readonly codemods: readonly CodemodMeta[];
  /** The rules the configuration enables for the file, with their options (see `codemodRules`). */
  readonly rules?: EnabledRules;
}

/** Every rule of the plugin's `all` config, with its default options: the configuration of a codemod run alone. */
export function allRules(): Record<string, readonly unknown[]> {
  // Each config is a list of flat-config objects; the rules are in one of them.
  const all = (plugin.configs as unknown as Record<string, unknown>)['all'];
  const configured = ([all].flat() as { rules?: Record<string, unknown> }[]).map((config) => config.rules ?? {});
  return Object.fromEntries(
    configured
      .flatMap((rules) => Object.keys(rules))
      .filter((id) => id.startsWith(`${PLUGIN_NAMESPACE}/`))
      .map((id) => [id.slice(PLUGIN_NAMESPACE.length + 1), []]),
  );
}

/** The plugin's namespace: rules run under it, so that `eslint-disable` comments naming them apply as in `check`. */
const PLUGIN_NAMESPACE = 'backend-perf';

/** The plugin's rules by name; its type lists them as typescript-eslint rule modules, ESLint runs them as its own. */
const PLUGIN_RULES = plugin.rules as unknown as Partial<Record<string, Rule.RuleModule>>;

/** A message of one of the rules a run enabled: ESLint's own notes (a parse error, a directive) have no rule. */
type RuleMessage = Linter.LintMessage & { ruleId: string };

/** Keeps the messages of the rules in `levels`; a directive naming a rule that is not run is reported under it. */
function ofRulesRun(levels: Linter.RulesRecord): (message: Linter.LintMessage) => message is RuleMessage {
  return (message): message is RuleMessage => message.ruleId !== null && Object.hasOwn(levels, message.ruleId);
}

/** A rule turned on as an error with `options`. */
function errorWith(options: readonly unknown[]): Linter.RuleEntry {
  return ['error', ...options];
}

/**
 * Lints a file once with plugin rules under the plugin's own namespace, and returns what they report. Throws a
 * `CodemodParseError` when the file does not parse.
 */
function lintForSites(
  input: {
    readonly source: string;
    readonly filename: string;
    readonly cwd?: string;
    readonly settings?: Record<string, unknown>;
  },
  group: Readonly<Record<string, readonly unknown[]>>,
): RuleSite[] {
  const own: Record<string, Rule.RuleModule> = {};
  const ruleLevels: Linter.RulesRecord = {};
  for (const [name, options] of Object.entries(group)) {
    const rule = PLUGIN_RULES[name];
    if (!rule) throw new Error(`Unknown rule "${name}"`);
    own[name] = rule;
    ruleLevels[`${PLUGIN_NAMESPACE}/${name}`] = errorWith(options);
  }
  if (Object.keys(ruleLevels).length === 0) return [];
  const messages = verifyText(
    linterFor(input.filename, input.cwd),
    input.source,
    engineConfig(input.filename, input.source, {
      plugins: { [PLUGIN_NAMESPACE]: { rules: own } },
      rules: ruleLevels,
      settings: input.settings,
    }),
    input.filename,
  );
  const fatal = parseFailure(messages);
  if (fatal) throw new CodemodParseError(fatal.message, fatal.line, fatal.column);
  // The group's own rules only: ESLint's notes have no rule, and a directive naming a rule that is not run is
  // reported under that rule's name.
  return messages.filter(ofRulesRun(ruleLevels)).map((m) => ({
    ruleId: m.ruleId,
    messageId: m.messageId,
    message: m.message,
    line: m.line,
    column: m.column,
    endLine: m.endLine,
    endColumn: m.endColumn,
  }));
}

/**
 * Lints a file once with the rules of every given codemod and returns each codemod's sites (codemods without sites
 * are absent). A codemod only rewrites what its rules report, so one without sites would leave the file as it is:
 * a runner uses this to parse each file once and run only the codemods that have something to do. No two codemods
 * share a rule, so every rule runs once, with the options of its codemod (or of the configuration). Throws a
 * `CodemodParseError` when the file does not parse.
 */
export function detectCodemodSites(input: SiteDetectionInput): Map<string, RuleSite[]> {
  const group: Record<string, readonly unknown[]> = {};
  const owner = new Map<string, string>();
  for (const meta of input.codemods) {
    for (const [rule, options] of Object.entries(codemodRules(meta, input.rules))) {
      if (owner.has(rule)) throw new Error(`codemods ${owner.get(rule)} and ${meta.name} both migrate ${rule}`);
      owner.set(rule, meta.name);
      group[rule] = options;
    }
  }
  const sites = new Map<string, RuleSite[]>();
  for (const site of lintForSites(input, group)) {
    // Every site is of a rule of `group`, which `owner` maps to its codemod.
    const name = owner.get(site.ruleId.slice(PLUGIN_NAMESPACE.length + 1));
    if (name !== undefined) sites.set(name, [...(sites.get(name) ?? []), site]);
  }
  return sites;
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
  return lintForSites(input, input.rules);
}

/**
 * The sites a codemod's rules (`codemodRules(meta, options.rules)`) report in a file, linted with the run's settings
 * and from its working directory, as the runner's detection pass lints it.
 */
export function codemodSites(
  meta: CodemodMeta,
  source: string,
  filename: string,
  options: {
    readonly settings?: Record<string, unknown> | undefined;
    readonly cwd?: string | undefined;
    readonly rules?: EnabledRules | undefined;
  },
): RuleSite[] {
  return findRuleSites({
    source,
    filename,
    rules: codemodRules(meta, options.rules),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
}

/**
 * Runs plugin rules in-process on one file and applies their suggestions until nothing is left to rewrite. Throws a
 * `CodemodParseError` when the input does not parse, and an `Error` when the output would not parse.
 */
/**
 * A check that a fix makes none of the `guard` rules report more than before, linting with a Linter of its own (it
 * runs while the codemod's lint is in progress).
 */
function guardCheck(input: RuleCodemodInput): ((before: string, after: string) => string | null) | undefined {
  const guard = Object.entries(input.guard ?? {}).filter(([name]) => !Object.hasOwn(input.rules, name));
  if (guard.length === 0) return undefined;
  const linter = new Linter({ configType: 'flat', cwd: lintBase(input.filename, input.cwd) });
  const own: Record<string, Rule.RuleModule> = {};
  const ruleLevels: Linter.RulesRecord = {};
  for (const [name, options] of guard) {
    const rule = PLUGIN_RULES[name];
    if (!rule) continue;
    own[name] = rule;
    ruleLevels[`${PLUGIN_NAMESPACE}/${name}`] = errorWith(options);
  }
  const findings = (text: string): RuleMessage[] =>
    linter
      .verify(
        text,
        engineConfig(input.filename, text, {
          plugins: { [PLUGIN_NAMESPACE]: { rules: own } },
          rules: ruleLevels,
          settings: input.settings,
        }),
        { filename: input.filename },
      )
      .filter(ofRulesRun(ruleLevels));
  const counted = new Map<string, Map<string, number>>();
  const countsOf = (text: string): Map<string, number> => {
    let counts = counted.get(text);
    if (!counts) {
      counts = new Map();
      for (const m of findings(text)) counts.set(m.ruleId, (counts.get(m.ruleId) ?? 0) + 1);
      counted.set(text, counts);
    }
    return counts;
  };
  return (before, after) => {
    const was = countsOf(before);
    const created = findings(after).find((m, _index, all) => {
      const id = m.ruleId;
      return all.filter((other) => other.ruleId === id).length > (was.get(id) ?? 0);
    });
    if (!created) return null;
    const name = created.ruleId.slice(PLUGIN_NAMESPACE.length + 1);
    const hint = input.guardHints?.[name];
    return `its rewrite would be reported by ${created.ruleId}${hint ? `: ${hint}` : ''}`;
  };
}

/**
 * Maps a line of `after` (1-based) to the line of `before` it came from: unchanged lines to themselves, lines a
 * rewrite added to the first line of what it replaced.
 */
export function lineMap(before: string, after: string): (line: number) => number {
  const lines: number[] = [];
  let inBefore = 1;
  // Where the lines just removed began: lines added right after them replace them.
  let replaced: number | null = null;
  for (const change of diffLines(before, after)) {
    const count = change.count;
    if (change.removed) {
      replaced = inBefore;
      inBefore += count;
      continue;
    }
    for (let index = 0; index < count; index += 1) lines.push(change.added ? (replaced ?? inBefore) : inBefore + index);
    if (!change.added) inBefore += count;
    replaced = null;
  }
  return (line) => lines[line - 1] ?? line;
}

export function runRuleCodemod(input: RuleCodemodInput): RuleCodemodResult {
  const linter = linterFor(input.filename, input.cwd);
  const refuses = guardCheck(input);
  const check: FixCheck = {
    checkFixes: false,
    filename: input.filename,
    source: input.source,
    refused: new Map(),
    ...(refuses ? { refuses } : {}),
  };
  const rules: Record<string, Rule.RuleModule> = {};
  const ruleLevels: Linter.RulesRecord = {};
  for (const [name, options] of Object.entries(input.rules)) {
    const rule = PLUGIN_RULES[name];
    if (!rule) throw new Error(`Unknown rule "${name}"`);
    rules[name] = asCodemodRule(rule, input.codemod, input.annotate ?? false, check);
    ruleLevels[`${PLUGIN_NAMESPACE}/${name}`] = errorWith(options);
  }
  const config = (text: string): Linter.Config[] =>
    engineConfig(input.filename, text, {
      plugins: { [PLUGIN_NAMESPACE]: { rules } },
      rules: ruleLevels,
      settings: input.settings,
    });

  const first = verifyText(linter, input.source, config(input.source), input.filename);
  const fatal = parseFailure(first);
  if (fatal) throw new CodemodParseError(fatal.message, fatal.line, fatal.column);

  let output = input.source;
  let applied = 0;
  let messages = first;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const fixable = messages.filter((m) => m.fix).length;
    if (fixable === 0) break;
    let result = linter.verifyAndFix(output, config(output), { filename: input.filename, fix: true });
    if (result.fixed && !check.checkFixes && outputProblem(input.filename, input.source, result.output)) {
      // Some rewrite does not parse where it lands: this round again, each fix checked alone and dropped if so.
      check.checkFixes = true;
      result = linter.verifyAndFix(output, config(output), { filename: input.filename, fix: true });
    }
    const broken =
      parseFailure(result.messages) ??
      (result.fixed ? outputProblem(input.filename, input.source, result.output) : undefined);
    if (broken) {
      throw new Error(`the rewrite would not parse (${broken.message}); file left unchanged`);
    }
    if (!result.fixed) break;
    applied += fixable;
    const before = output;
    output = result.output;
    if (sourceTypeOf(input.filename, output) === sourceTypeOf(input.filename, before)) {
      // The fix loop ends with a lint of its output under the same configuration: its messages and parse serve the
      // next round and the passes after this codemod.
      messages = result.messages;
      keepParsed(linter, input.filename, output);
    } else {
      // The rewrite changed how the file parses (an import turned CommonJS into a module): lint it again as that.
      messages = verifyText(linter, output, config(output), input.filename);
    }
  }
  if (output !== input.source && input.pruneImportsFrom?.length) {
    output = pruneImports(linter, input, output);
  }
  const marker = markerText(input.codemod);
  const annotated =
    output.split(/\r?\n/u).filter((line) => line.includes(marker)).length -
    input.source.split(/\r?\n/u).filter((line) => line.includes(marker)).length;
  // The sites left are reported at their lines in the input, which rewrites above them may have moved.
  const inputLine = output === input.source ? (line: number) => line : lineMap(input.source, output);
  const skipped = messages.filter(ofRulesRun(ruleLevels)).map((m) => {
    const reason = check.refused.get(`${m.line}:${m.column}`);
    return {
      line: inputLine(m.line),
      column: m.column,
      message: m.message,
      ruleId: m.ruleId,
      ...(reason ? { reason } : {}),
    };
  });
  return {
    output,
    changed: output !== input.source,
    applied: applied - Math.max(0, annotated),
    annotated: Math.max(0, annotated),
    skipped,
  };
}
