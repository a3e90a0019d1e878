import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { findApiUses, HTTP_APIS } from '../src/index.js';

/** The catalogue ids and lines of the uses the tracker finds in `code`. */
function uses(code: string, globals: Record<string, 'readonly'> = {}): string[] {
  const found: string[] = [];
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    {
      languageOptions: { sourceType: 'module', globals },
      plugins: {
        test: {
          rules: {
            uses: {
              create(context) {
                return {
                  Program() {
                    const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
                    for (const { node, entry } of findApiUses(sourceCode, HTTP_APIS))
                      found.push(`${entry.id}@${node.loc.start.line}`);
                  },
                };
              },
            },
          },
        },
      },
      rules: { 'test/uses': 'error' },
    },
  ]);
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return found;
}

describe('findApiUses with global entries', () => {
  it('finds the global, also through globalThis, declared or not', () => {
    const code = "await fetch('a');\nawait globalThis.fetch('b');";
    expect(uses(code)).toEqual(['fetch@1', 'fetch@2']);
    expect(uses(code, { fetch: 'readonly', globalThis: 'readonly' })).toEqual(['fetch@1', 'fetch@2']);
  });

  it('ignores local bindings of the same name', () => {
    expect(uses("function fetch() {}\nfetch('a');")).toEqual([]);
    expect(uses("import { fetch } from './http.js';\nfetch('a');")).toEqual([]);
    expect(uses("export function get(fetch) {\n  return fetch('a');\n}")).toEqual([]);
  });

  it('keeps module entries working next to global ones', () => {
    expect(
      uses("import axios from 'axios';\nimport { fetch as f } from 'undici';\nawait axios.get('a');\nawait f('b');"),
    ).toEqual(['axios.get@3', 'undici.fetch@4']);
  });
});
