import type { CodemodMeta, CodemodOptionSpec } from '../types.js';

/** Why a value is not valid for a number option (`expects ...`), or `null` when it is. */
export function numberOptionProblem(spec: CodemodOptionSpec, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `expects a number, got ${JSON.stringify(value)}`;
  const kind = spec.integer ? 'a whole number' : 'a number';
  if (spec.integer && !Number.isInteger(value)) return `expects ${kind}, got ${value}`;
  if (spec.minimum !== undefined && value < spec.minimum) return `expects ${kind} >= ${spec.minimum}, got ${value}`;
  return null;
}

/**
 * A number option of a codemod: its value, or its declared default when it is not set. A value the option does not
 * allow (`--max 0`, `--ttl -100`) throws rather than silently becoming the default.
 */
export function numberOption(meta: CodemodMeta, options: Readonly<Record<string, unknown>>, name: string): number {
  const spec = Object.hasOwn(meta.options, name) ? meta.options[name] : undefined;
  if (!spec || spec.type !== 'number') throw new Error(`${meta.name} has no number option --${name}`);
  const value = options[name] ?? spec.default;
  const problem = numberOptionProblem(spec, value);
  if (problem) throw new Error(`--${name} ${problem}`);
  return value as number;
}
