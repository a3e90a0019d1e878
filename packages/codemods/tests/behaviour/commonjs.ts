/**
 * Runs `source` as the body of a CommonJS module whose `require` is `require`, and returns its `module.exports`.
 * Behaviour tests run a codemod's input and its output this way, side by side, with fakes for their dependencies.
 */
export function runCommonJs(source: string, require: (name: string) => unknown): unknown {
  const module: { exports: unknown } = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the module's code is the fixture under test
  const body = new Function('require', 'module', 'exports', source) as (...args: unknown[]) => void;
  body(require, module, module.exports);
  return module.exports;
}
