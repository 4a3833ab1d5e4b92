import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh token for one launch of the service: 32 random bytes, URL-safe. */
export function createLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Whether a presented token is the launch token, in constant time. Both sides are hashed first so that
 * neither the comparison time nor an early length check tells an attacker anything about the token.
 */
export function tokenMatches(presented: string | undefined | null, expected: string): boolean {
  if (!presented || !TOKEN_SHAPE.test(presented)) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
