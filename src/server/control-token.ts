// The control token check shared by WS commands and the HTTP order routes.
import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison over digests, so neither length nor prefix of the token leaks. */
export function tokenMatches(given: unknown, expected: string): boolean {
  if (expected === '' || typeof given !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
