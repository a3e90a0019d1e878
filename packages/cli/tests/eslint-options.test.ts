import { sourceParser } from '@backend-perf/codemods';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseConfig, loadESLintOptions, loadUserConfig } from '../src/eslint-options.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-options-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function configFile(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('loadUserConfig', () => {
  it('flattens nested arrays and promises and anchors every object to the config folder', async () => {
    const file = configFile(
      'nested.config.mjs',
      "export default Promise.resolve([{ rules: { 'no-var': 'error' } }, [{ ignores: ['gen/'] }, { basePath: " +
        "'pkg', rules: {} }]]);\n",
    );
    expect(await loadUserConfig(file)).toEqual([
      { rules: { 'no-var': 'error' }, basePath: dir },
      { ignores: ['gen/'], basePath: dir },
      { basePath: path.join(dir, 'pkg'), rules: {} },
    ]);
  });

  it('accepts a single object and gives up on files it cannot import', async () => {
    expect(await loadUserConfig(configFile('object.config.mjs', 'export default { rules: {} };\n'))).toEqual([
      { rules: {}, basePath: dir },
    ]);
    expect(await loadUserConfig(configFile('broken.config.mjs', 'export default [;\n'))).toBeUndefined();
  });
});

describe('loadESLintOptions', () => {
  it('puts our parser setup and the plugin config before the user config', async () => {
    const file = configFile('order.config.mjs', "export default [{ rules: { 'backend-perf/no-sync-io': 'off' } }];\n");
    const options = await loadESLintOptions({ cwd: dir, userConfigFile: file, pluginConfig: 'strict' });
    const configs = options.overrideConfig as { name?: string; rules?: Record<string, unknown> }[];
    expect(options.overrideConfigFile).toBe(true);
    expect(configs.map((config) => config.name)).toEqual([
      'backend-perf/cli/ignores',
      ...baseConfig().map((config) => config.name),
      'backend-perf/ignores',
      'backend-perf/commonjs',
      'backend-perf/strict',
      undefined,
    ]);
    expect(configs.at(-1)?.rules).toEqual({ 'backend-perf/no-sync-io': 'off' });
  });

  it('drops the default ignores of the plugin config and of the user config with defaultIgnores: false', async () => {
    const file = configFile(
      'spread.config.mjs',
      "export default [{ name: 'backend-perf/ignores', ignores: ['**/vendor/'] }, { rules: {} }];\n",
    );
    const options = await loadESLintOptions({
      cwd: dir,
      userConfigFile: file,
      pluginConfig: 'recommended',
      defaultIgnores: false,
    });
    const names = (options.overrideConfig as { name?: string }[]).map((config) => config.name);
    expect(names).not.toContain('backend-perf/ignores');
    expect(names.at(-1)).toBeUndefined();
  });

  it('falls back to ESLint loading the user config, with the plugin on top', async () => {
    const file = configFile('broken2.config.mjs', 'export default [;\n');
    const options = await loadESLintOptions({
      cwd: dir,
      userConfigFile: file,
      pluginConfig: 'recommended',
      concurrency: 2,
      cache: true,
    });
    expect(options).toMatchObject({
      overrideConfigFile: file,
      concurrency: 2,
      cache: true,
      errorOnUnmatchedPattern: true,
    });
  });

  it("lints every supported extension with the codemods' parser, with the configured source type", () => {
    const configs = baseConfig();
    expect(configs.map((config) => config.files)).toEqual(
      ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'].map((extension) => [`**/*${extension}`]),
    );
    const ts = configs.find((config) => config.files?.[0] === '**/*.ts');
    expect(ts?.languageOptions?.parserOptions).toEqual({ ecmaFeatures: { jsx: false } });
    for (const config of configs) expect(config.languageOptions?.sourceType).toBeUndefined();
    const js = configs.find((config) => config.files?.[0] === '**/*.js');
    expect(js?.languageOptions?.parser).toBe(sourceParser);
  });
});

describe('a second copy of the plugin in the user config', () => {
  it("runs our config's rules from the user's copy", async () => {
    const file = configFile(
      'copy.config.mjs',
      "const copy = { meta: { name: 'eslint-plugin-backend-perf' }, rules: {} };\n" +
        "export default [{ plugins: { 'backend-perf': copy } }];\n",
    );
    const options = await loadESLintOptions({ cwd: dir, userConfigFile: file, pluginConfig: 'recommended' });
    const configs = options.overrideConfig as { name?: string; plugins?: Record<string, unknown> }[];
    const ours = configs.find((config) => config.name === 'backend-perf/recommended');
    const theirs = configs.at(-1)?.plugins?.['backend-perf'];
    expect(theirs).toBeDefined();
    expect(ours?.plugins?.['backend-perf']).toBe(theirs);
  });
});
