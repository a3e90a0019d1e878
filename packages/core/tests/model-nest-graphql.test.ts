import { Linter } from 'eslint';
import type { TSESLint } from '@typescript-eslint/utils';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { getRequestPathModel } from '../src/index.js';

function handlers(code: string): string[] {
  const found: string[] = [];
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: {
      sourceCode: TSESLint.SourceCode;
      filename: string;
      cwd: string;
      settings: Record<string, unknown>;
    }) {
      return {
        'Program:exit'() {
          for (const handler of getRequestPathModel(context).handlers) {
            const g = handler.graphql;
            found.push(
              `${handler.kind} ${g ? `${g.typeName}.${g.fieldName} root=${String(g.root)}` : handler.description}`,
            );
          }
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, sourceType: 'module' },
        plugins: { test: { rules: { handlers: rule as never } } },
        rules: { 'test/handlers': 'error' },
      },
    ],
    { filename: 'posts.resolver.ts' },
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return found;
}

describe('request-path model: NestJS GraphQL resolvers', () => {
  it('gives @Query root fields and @ResolveField fields of the @Resolver type', () => {
    expect(
      handlers(`
import { Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Get } from '@nestjs/common';
@Resolver(() => Post)
export class PostsResolver {
  @Query(() => [Post]) posts() { return []; }
  @ResolveField() author(@Parent() post: Post) { return post; }
  @ResolveField('comments') loadComments(@Parent() post: Post) { return []; }
}
@Resolver('User')
export class UsersResolver {
  @ResolveField() posts() { return []; }
}
export class Health { @Get('/health') check() { return 'ok'; } }
`),
    ).toEqual([
      'resolver Query.posts root=true',
      'resolver Post.author root=false',
      'resolver Post.comments root=false',
      'resolver User.posts root=false',
      'controller NestJS handler `Health.check` (@Get)',
    ]);
  });
});
