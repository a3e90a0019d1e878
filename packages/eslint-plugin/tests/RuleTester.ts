import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A RuleTester that parses with typescript-eslint's parser, as CommonJS unless a case says otherwise. */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: false } },
    },
  });
}
