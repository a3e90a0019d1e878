import { describe, expect, it } from 'vitest';
import { GC_APIS, INTERVAL_APIS, PROCESS_LISTENER_APIS } from '../src/catalogue/process.js';
import type { ApiEntry } from '../src/catalogue/types.js';
import { findApiUses } from '../src/tracker.js';
import { withSourceCode } from './parse.js';

function uses(code: string, entries: readonly ApiEntry[]): string[] {
  return withSourceCode(code, (sourceCode) =>
    findApiUses(sourceCode, entries).map((use) => `${use.node.loc.start.line}:${use.entry.id}`),
  );
}

describe('findApiUses with globals', () => {
  it('finds gc(), global.gc() and globalThis.gc() but not a local gc', () => {
    expect(uses(`gc();\nglobal.gc();\nglobalThis.gc();\nfunction f(gc) { gc(); }`, GC_APIS)).toEqual([
      '1:global.gc',
      '2:global.gc',
      '3:global.gc',
    ]);
  });

  it('finds process listeners globally and through node:process', () => {
    expect(
      uses(
        `import proc from 'node:process';\nprocess.on('exit', f);\nproc.removeListener('exit', f);`,
        PROCESS_LISTENER_APIS,
      ),
    ).toEqual(['2:process.on', '3:process.removeListener']);
  });

  it('finds setInterval globally and from timers, not a shadowing local', () => {
    expect(
      uses(
        `const { setInterval: every } = require('timers');\nsetInterval(f, 1);\nevery(f, 1);\n` +
          `{ const setInterval = () => {}; setInterval(); }`,
        INTERVAL_APIS,
      ),
    ).toEqual(['2:setInterval', '3:setInterval']);
  });
});
