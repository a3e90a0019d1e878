// Worker module for a Piscina pool: the CPU-heavy functions of ./passwords.ts run here, on worker threads.
// Each task receives the argument list as an array: `pool.run([a, b], { name })`.

import { scryptSync, timingSafeEqual } from 'node:crypto';

interface Stored {
  salt: string;
  hash: string;
}

function verifyPassword(password: string, stored: Stored): boolean {
  const actual = scryptSync(password, stored.salt, 64);
  return timingSafeEqual(actual, Buffer.from(stored.hash, 'hex'));
}

const verifyPasswordTask = (args: Parameters<typeof verifyPassword>) => verifyPassword(...args);
export { verifyPasswordTask as verifyPassword };
