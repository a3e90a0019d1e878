import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { describe, expect, it } from 'vitest';
import { dependsOnWrites, readVariables, writtenVariables } from '../src/analysis/bindings.js';
import { isLimitedCall, isSleep, promiseStaticMethod } from '../src/analysis/async.js';
import { withSourceCode } from './parse.js';

/** Parses `code` with ESLint and hands its SourceCode and statements to `inspect`. */
function withSource(
  code: string,
  inspect: (sourceCode: TSESLint.SourceCode, body: TSESTree.ProgramStatement[]) => void,
): void {
  let ran = false;
  withSourceCode(
    code,
    (sourceCode) => {
      ran = true;
      inspect(sourceCode, sourceCode.ast.body);
    },
    'src/probe.ts',
  );
  expect(ran).toBe(true);
}

function init(statement: TSESTree.Statement | undefined): TSESTree.Expression {
  if (statement?.type !== AST_NODE_TYPES.VariableDeclaration) throw new Error('not a declaration');
  const value = statement.declarations[0].init;
  if (!value) throw new Error('no initialiser');
  return value;
}

describe('bindings analysis', () => {
  it('follows variables, destructuring and property reads', () => {
    withSource(
      `
const { account } = load();
const user = load();
const a = use(account);
const b = use(user.id);
const c = use(other);
`,
      (sourceCode, body) => {
        const first = writtenVariables(sourceCode, body[0]);
        const second = writtenVariables(sourceCode, body[1]);
        expect([...first].map((v) => v.name)).toEqual(['account']);
        expect(dependsOnWrites(sourceCode, init(body[2]), first)).toBe(true);
        expect(dependsOnWrites(sourceCode, init(body[3]), second)).toBe(true);
        expect(dependsOnWrites(sourceCode, init(body[4]), first)).toBe(false);
        expect([...readVariables(sourceCode, init(body[3]))].map((v) => v.name)).toEqual(['user']);
      },
    );
  });

  it('counts property writes as writes of the object, and not method calls', () => {
    withSource(
      `
const state = {};
const list = [];
state.last = 1;
list.push(1);
`,
      (sourceCode, body) => {
        expect([...writtenVariables(sourceCode, body[2])].map((v) => v.name)).toEqual(['state']);
        expect([...writtenVariables(sourceCode, body[3])]).toEqual([]);
      },
    );
  });

  it('sees a dependency through a local helper that reads the value from its closure', () => {
    withSource(
      `
const session = load();
const profile = fetchProfile();
function fetchProfile() { return get(session.userId); }
`,
      (sourceCode, body) => {
        expect(dependsOnWrites(sourceCode, init(body[1]), writtenVariables(sourceCode, body[0]))).toBe(true);
      },
    );
  });
});

describe('async analysis', () => {
  it('recognises sleeps through timers/promises, the Promise constructor and local helpers', () => {
    withSource(
      `
import { setTimeout as wait } from 'node:timers/promises';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const a = wait(10);
const b = sleep(10);
const c = new Promise((resolve) => setTimeout(resolve, 5));
const d = fetch('/x');
`,
      (sourceCode, body) => {
        expect(isSleep(sourceCode, init(body[2]))).toBe(true);
        expect(isSleep(sourceCode, init(body[3]))).toBe(true);
        expect(isSleep(sourceCode, init(body[4]))).toBe(true);
        expect(isSleep(sourceCode, init(body[5]))).toBe(false);
      },
    );
  });

  it('finds the global Promise and limiter calls, not look-alikes', () => {
    withSource(
      `
import pLimit from 'p-limit';
const limit = pLimit(4);
const a = Promise.all([]);
const b = limit(() => work());
const c = other(() => work());
`,
      (sourceCode, body) => {
        expect(promiseStaticMethod(sourceCode, init(body[2]) as TSESTree.CallExpression)).toBe('all');
        expect(isLimitedCall(sourceCode, init(body[3]) as TSESTree.CallExpression)).toBe(true);
        expect(isLimitedCall(sourceCode, init(body[4]) as TSESTree.CallExpression)).toBe(false);
      },
    );
    withSource(
      `
import Promise from 'bluebird';
const a = Promise.all([]);
`,
      (sourceCode, body) => {
        expect(promiseStaticMethod(sourceCode, init(body[1]) as TSESTree.CallExpression)).toBeNull();
      },
    );
  });
});
