/**
 * Checks that everything derived from rule `meta` agrees with it: the rule index, the docs, the configs, the docs
 * URL, the codemod link, the option schemas (snapshots) and the plugin's own `meta`.
 */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { rules } from '../src/rules.generated.js';
import { DOCS_BASE_URL, type BackendPerfDocs } from '../src/util/index.js';

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.resolve(PACKAGE, '../..');
const packageJson = JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

type Docs = BackendPerfDocs & { description: string; url?: string };

/** Every rule with its `meta.docs` (which `createRule` always sets) and `meta.defaultOptions`. */
const ruleEntries = Object.entries(rules)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, rule]) => [name, rule, rule.meta.docs as Docs, (rule.meta.defaultOptions ?? []) as unknown[]] as const);

/** Rule files in `src/rules`. */
const ruleFiles = readdirSync(path.join(PACKAGE, 'src/rules'))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => file.slice(0, -3))
  .sort();

/** Codemods that exist as source files (the plugin cannot import the codemods package: it depends on the plugin). */
const codemodNames = ['transforms', 'refactors'].flatMap((dir) => {
  const folder = path.join(ROOT, 'packages/codemods/src', dir);
  return existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
        .map((f) => f.slice(0, -3))
    : [];
});

describe('rule index', () => {
  it('lists exactly the rule files of src/rules', () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFiles);
  });

  it('is what the plugin exports', () => {
    expect(plugin.rules).toBe(rules);
  });
});

describe('plugin meta', () => {
  it('has the name and version of package.json', () => {
    expect(plugin.meta.name).toBe(packageJson.name);
    expect(plugin.meta.version).toBe(packageJson.version);
    expect(plugin.meta.namespace).toBe('backend-perf');
  });
});

describe('configs', () => {
  const expected = (level: 'recommended' | 'strict' | 'all'): Record<string, unknown> => {
    const levels = {
      recommended: ['recommended'],
      strict: ['recommended', 'strict'],
      all: ['recommended', 'strict', 'all'],
    }[level];
    return Object.fromEntries(
      ruleEntries
        .filter(([, , docs]) => levels.includes(docs.recommended))
        .map(([name, , docs]) => {
          const options = level === 'recommended' ? undefined : docs.strictOptions;
          return [`backend-perf/${name}`, options ? ['error', options] : 'error'];
        }),
    );
  };

  /** The object of a config that carries its rules (the others are shared: ignores and CommonJS parsing). */
  const rulesObject = (level: 'recommended' | 'strict' | 'all') => {
    const config = plugin.configs[level].find((object) => object.name === `backend-perf/${level}`);
    if (!config) throw new Error(`configs.${level} has no object named backend-perf/${level}`);
    return config;
  };

  for (const level of ['recommended', 'strict', 'all'] as const) {
    it(`${level} enables the rules of its meta.docs.recommended level, with strictOptions beyond recommended`, () => {
      const config = rulesObject(level);
      expect(config.plugins?.['backend-perf']).toBe(plugin);
      expect(config.rules).toEqual(expected(level));
    });

    it(`${level} is a list of named config objects: ignores, CommonJS parsing, then the rules`, () => {
      expect(plugin.configs[level].map((object) => object.name)).toEqual([
        'backend-perf/ignores',
        'backend-perf/commonjs',
        `backend-perf/${level}`,
      ]);
    });
  }

  it('all enables every rule', () => {
    expect(Object.keys(rulesObject('all').rules ?? {}).sort()).toEqual(ruleFiles.map((name) => `backend-perf/${name}`));
  });

  it('coexistence turns off the rules that recommended replaces, coexistence-strict those that strict replaces', () => {
    const replaced = (levels: readonly string[]) =>
      Object.fromEntries(
        ruleEntries
          .filter(([, , docs]) => levels.includes(docs.recommended))
          .flatMap(([, , docs]) => docs.replaces ?? [])
          .map((id) => [id, 'off']),
      );
    expect(plugin.configs.coexistence).toEqual([
      { name: 'backend-perf/coexistence', rules: replaced(['recommended']) },
    ]);
    expect(plugin.configs['coexistence-strict']).toEqual([
      { name: 'backend-perf/coexistence-strict', rules: replaced(['recommended', 'strict', 'all']) },
    ]);
    expect(plugin.configs['coexistence-strict'][0]?.rules).toEqual({
      'n/no-sync': 'off',
      'no-await-in-loop': 'off',
      'unicorn/no-array-for-each': 'off',
    });
  });
});

describe.each(ruleEntries)('rule %s', (name, rule, docs, defaultOptions) => {
  it('builds meta.docs.url from its name, and the URL is the rule doc of this repository', () => {
    expect(docs.url).toBe(`${DOCS_BASE_URL}${name}.md`);
    const repository = (
      JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { repository: { url: string } }
    ).repository.url
      .replace(/^git\+/u, '')
      .replace(/\.git$/u, '');
    expect(DOCS_BASE_URL).toBe(`${repository}/blob/main/docs/rules/`);
    expect(existsSync(path.join(ROOT, 'docs/rules', (docs.url ?? '').slice(DOCS_BASE_URL.length)))).toBe(true);
  });

  it('has the typed docs fields', () => {
    expect(docs.description).toMatch(/^[A-Z].*[^.\s]$/u);
    expect(['recommended', 'strict', 'all']).toContain(docs.recommended);
    expect(docs.requiresTypeChecking).toBe(false);
    expect([
      'event-loop',
      'process',
      'caching',
      'pooling',
      'http',
      'async',
      'n-plus-one',
      'memory',
      'streams',
    ]).toContain(docs.category);
  });

  it('names an existing codemod in meta.docs.codemod, if any', () => {
    if (docs.codemod !== undefined) expect(codemodNames).toContain(docs.codemod);
  });

  it('has option schemas with additionalProperties: false and a description per property', () => {
    const schema = rule.meta.schema;
    const items: readonly JSONSchema4[] = Array.isArray(schema) ? schema : [schema];
    for (const item of items) {
      if (item.type !== 'object') continue;
      expect(item.additionalProperties).toBe(false);
      for (const [property, definition] of Object.entries(item.properties ?? {})) {
        expect((definition as { description?: unknown }).description, `${name}: ${property}`).toEqual(
          expect.any(String),
        );
        if ((definition as { type?: unknown }).type === 'boolean')
          expect(property, 'boolean options are named positively').not.toMatch(/^(no|disable|skip|ignore)[A-Z]/u);
      }
    }
  });

  it('declares its defaults in meta.defaultOptions (rules with options)', () => {
    const hasOptions = Array.isArray(rule.meta.schema) ? rule.meta.schema.length > 0 : true;
    expect(Array.isArray(rule.meta.defaultOptions)).toBe(hasOptions);
    expect(defaultOptions.length).toBeLessThanOrEqual(Array.isArray(rule.meta.schema) ? rule.meta.schema.length : 1);
  });

  it('keeps its option schema as snapshotted', () => {
    expect(rule.meta.schema).toMatchSnapshot();
  });

  it('has camelCase message ids', () => {
    for (const id of Object.keys(rule.meta.messages)) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/u);
  });

  it('has docs/rules/<rule>.md with the generated header and the required sections', () => {
    const file = path.join(ROOT, 'docs/rules', `${name}.md`);
    expect(existsSync(file), `docs/rules/${name}.md is missing`).toBe(true);
    const text = readFileSync(file, 'utf8');
    const begin = text.indexOf('<!-- begin generated header -->');
    const end = text.indexOf('<!-- end generated header -->');
    expect(begin, 'begin header marker').toBe(0);
    expect(end, 'end header marker').toBeGreaterThan(begin);
    const headings = [...text.matchAll(/^## (.+)$/gmu)].map((match) => match[1].trim());
    const required = ['Examples', 'Options', 'When Not To Use It'];
    for (const heading of required) expect(headings, `## ${heading}`).toContain(heading);
    expect(
      required.map((heading) => headings.indexOf(heading)),
      'sections in order',
    ).toEqual([...required.map((heading) => headings.indexOf(heading))].sort((a, b) => a - b));
    const examples = text.slice(text.indexOf('## Examples'));
    expect(examples, 'an ❌ example').toMatch(/^❌.*\n+```/mu);
    expect(examples, 'a ✅ example').toMatch(/^✅.*\n+```/mu);
    for (const option of Object.keys((defaultOptions[0] as Record<string, unknown> | undefined) ?? {})) {
      expect(text.slice(text.indexOf('## Options')), `option ${option} documented`).toContain(`\`${option}\``);
    }
  });
});
