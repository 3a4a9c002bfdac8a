import { describe, expect, it } from 'vitest';
import { controlTokenMatches } from '../../src/server/control-token';

describe('controlTokenMatches', () => {
  const token = 'a-control-token-0123456789';

  it('matches only the exact token', () => {
    expect(controlTokenMatches(token, token)).toBe(true);
    for (const wrong of [`${token}x`, token.slice(0, -1), token.toUpperCase(), ` ${token}`, '']) {
      expect(controlTokenMatches(wrong, token), wrong).toBe(false);
    }
  });

  it('refuses non-strings and matches nothing when commands are disabled', () => {
    for (const given of [undefined, null, 1, [token], { token }]) {
      expect(controlTokenMatches(given, token)).toBe(false);
    }
    expect(controlTokenMatches('', '')).toBe(false);
  });
});
