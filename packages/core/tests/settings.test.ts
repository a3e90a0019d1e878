import { describe, expect, it } from 'vitest';
import { readSettings } from '../src/index.js';

describe('readSettings', () => {
  it('reports unknown keys, so that a misspelt key never silently disables what it declares', () => {
    expect(() => readSettings({ 'backend-perf': { handler: [], startupFile: ['bin/*.js'] } })).toThrow(
      `settings['backend-perf'] has unknown keys "handler", "startupFile"; known keys: handlers, dataAccess, ` +
        `startupFiles, defaultStartupFiles, node, heavyFunctions, redisClients, testFiles`,
    );
    expect(readSettings({ 'backend-perf': { startupFiles: ['bin/*.js'], defaultStartupFiles: false } })).toEqual({
      startupFiles: ['bin/*.js'],
      defaultStartupFiles: false,
    });
  });
});
