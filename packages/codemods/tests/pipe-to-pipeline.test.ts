import { describe } from 'vitest';
import * as pipeToPipeline from '../src/transforms/pipe-to-pipeline.js';
import { runFixtureCases } from './fixture-cases.js';

describe('pipe-to-pipeline fixtures', () => {
  runFixtureCases(pipeToPipeline);
});
