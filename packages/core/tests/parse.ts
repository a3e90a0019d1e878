import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

/** Parses a file the way ESLint does and hands its `SourceCode` to `inspect` (inside a rule, so scopes are ready). */
export function withSourceCode<T>(
  code: string,
  inspect: (sourceCode: TSESLint.SourceCode) => T,
  filename = 'file.ts',
): T {
  let result: T | undefined;
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: { parser: tseslint.parser, sourceType: 'module' },
        plugins: {
          test: {
            rules: {
              inspect: {
                create(context) {
                  return {
                    Program() {
                      result = inspect(context.sourceCode as unknown as TSESLint.SourceCode);
                    },
                  };
                },
              },
            },
          },
        },
        rules: { 'test/inspect': 'error' },
      },
    ],
    { filename },
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(fatal.message);
  return result as T;
}
