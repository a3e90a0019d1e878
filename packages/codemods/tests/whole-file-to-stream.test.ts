import { describe } from 'vitest';
import * as wholeFileToStream from '../src/transforms/whole-file-to-stream.js';
import { runFixtureCases } from './fixture-cases.js';

describe('whole-file-to-stream fixtures', () => {
  runFixtureCases(wholeFileToStream);
});
