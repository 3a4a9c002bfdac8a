// The one check of the operator's control token, for every place that takes one (WS commands, HTTP routes).
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Constant time over fixed-length digests, so neither the length nor a matching prefix of the token
 * shows in the time taken. An empty expected token (commands disabled) matches nothing. Callers must
 * never log `given`: a wrong token is often a right one with a typo.
 */
export function controlTokenMatches(given: unknown, expected: string): boolean {
  if (expected === '' || typeof given !== 'string') return false;
  return timingSafeEqual(digest(given), digest(expected));
}
