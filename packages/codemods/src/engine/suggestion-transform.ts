import type { API, FileInfo } from 'jscodeshift';
import type { CodemodMeta, CodemodRunOptions, Transform } from '../types.js';
import { codemodRules, runRuleCodemod } from './rule-codemod.js';

/**
 * The transform of a codemod that applies its rules' suggestions at every site they report (see `runRuleCodemod`):
 * the rules run with `meta.ruleOptions`, `--annotate` marks the sites without a safe rewrite, and every site left
 * unchanged is reported with why (`SkippedSite.reason`), or else with the rule's message.
 */
export function suggestionTransform(
  meta: CodemodMeta,
  extra: { readonly pruneImportsFrom?: readonly string[] } = {},
): Transform {
  return (file: FileInfo, api: API, options: CodemodRunOptions): string | undefined => {
    const result = runRuleCodemod({
      source: file.source,
      filename: file.path,
      codemod: meta.name,
      rules: codemodRules(meta, options.rules),
      ...(options.settings ? { settings: options.settings } : {}),
      ...(options.cwd ? { cwd: options.cwd } : {}),
      annotate: options.annotate === true,
      ...(extra.pruneImportsFrom ? { pruneImportsFrom: extra.pruneImportsFrom } : {}),
    });
    for (const site of result.skipped) {
      api.report(
        site.reason
          ? `${file.path}:${site.line}:${site.column}: left for review: ${site.reason}`
          : `${file.path}:${site.line}:${site.column}: left unchanged: ${site.message}`,
      );
    }
    return result.changed ? result.output : undefined;
  };
}
