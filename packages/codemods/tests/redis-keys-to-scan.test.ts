import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import * as codemod from '../src/transforms/redis-keys-to-scan.js';
import { runFixtures } from './run-fixtures.js';

describe('redis-keys-to-scan fixtures', () => {
  runFixtures(codemod, path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'redis-keys-to-scan'));
});
