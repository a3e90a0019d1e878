import { scryptSync, timingSafeEqual } from 'node:crypto';
import { Piscina } from 'piscina';

/** Worker threads for `verifyPassword` (see ./passwords.worker.js); created once, shared by every caller. */
export const passwordsPool = new Piscina({ filename: require.resolve('./passwords.worker.js') });

export interface Stored {
  salt: string;
  hash: string;
}

export function verifyPassword(password: string, stored: Stored): boolean {
  const actual = scryptSync(password, stored.salt, 64);
  return timingSafeEqual(actual, Buffer.from(stored.hash, 'hex'));
}
