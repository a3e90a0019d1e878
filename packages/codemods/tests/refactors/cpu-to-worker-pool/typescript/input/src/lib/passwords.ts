import { scryptSync, timingSafeEqual } from 'node:crypto';

export interface Stored {
  salt: string;
  hash: string;
}

export function verifyPassword(password: string, stored: Stored): boolean {
  const actual = scryptSync(password, stored.salt, 64);
  return timingSafeEqual(actual, Buffer.from(stored.hash, 'hex'));
}
