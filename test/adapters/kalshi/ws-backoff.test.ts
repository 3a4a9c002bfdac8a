import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterDelay, ReconnectBackoff } from '../../../src/adapters/kalshi/ws-backoff';

describe('fullJitterDelay', () => {
  const options = { initialMs: 100, maxMs: 5_000 };

  it('scales the doubling ceiling by the random draw and caps it', () => {
    const almostOne = () => 0.999_999;
    expect([0, 1, 2, 3, 5, 6, 40].map((a) => fullJitterDelay(a, options, almostOne))).toEqual([
      99, 199, 399, 799, 3199, 4999, 4999,
    ]);
    expect(fullJitterDelay(3, options, () => 0)).toBe(0);
    expect(fullJitterDelay(3, options, () => 0.5)).toBe(400);
  });

  it('stays within [0, cap) for any attempt and any random draw, even a broken one', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 10_000 }), fc.double(), (attempt, r) => {
        const d = fullJitterDelay(attempt, options, () => r);
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(options.maxMs);
      }),
    );
  });
});

describe('ReconnectBackoff', () => {
  it('counts attempts until reset', () => {
    const b = new ReconnectBackoff({ initialMs: 10, maxMs: 1_000 }, () => 0.5);
    expect([b.next(), b.next(), b.next()]).toEqual([
      { attempt: 0, delayMs: 5 },
      { attempt: 1, delayMs: 10 },
      { attempt: 2, delayMs: 20 },
    ]);
    b.reset();
    expect(b.next()).toEqual({ attempt: 0, delayMs: 5 });
  });
});
