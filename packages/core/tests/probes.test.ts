import { describe, expect, it } from 'vitest';
import { isProbeName } from '../src/index.js';

describe('isProbeName', () => {
  it('knows health checks, probes and connection tests by the words of their names', () => {
    const names = [
      'healthCheck',
      'checkHealth',
      'db_health',
      'readiness',
      'livenessProbe',
      'pingRedis',
      'checkDatabaseConnection',
      'testConnection',
      'canConnectToUpstream',
      'heartbeat',
    ];
    expect(names.filter((name) => isProbeName(name))).toEqual(names);
  });

  it('does not match words that only contain a probe word', () => {
    const names = ['shipping', 'mappingFor', 'createConnection', 'connectDb', 'checkout', 'liveScores'];
    expect(names.filter((name) => isProbeName(name))).toEqual([]);
  });
});
