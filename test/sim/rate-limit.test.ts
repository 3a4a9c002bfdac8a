import { describe, expect, it } from 'vitest';
import { createSimRateLimiter, resolveLimits } from '../../src/sim/rate-limit';

describe('token buckets', () => {
  it('starts full, drains by cost, refills with time, and keeps read and write apart', () => {
    let nowMs = 0;
    const limiter = createSimRateLimiter(undefined, () => nowMs);
    for (let i = 0; i < 10; i++) expect(limiter.take('k', 'write', 10)).toBe(true);
    expect(limiter.take('k', 'write', 10)).toBe(false);
    expect(limiter.take('k', 'read', 10)).toBe(true);
    expect(limiter.take('other', 'write', 10)).toBe(true);
    nowMs += 50; // 100 tokens/s → 5 tokens
    expect(limiter.take('k', 'write', 10)).toBe(false);
    nowMs += 50;
    expect(limiter.take('k', 'write', 10)).toBe(true);
    nowMs += 60_000; // never above capacity
    for (let i = 0; i < 10; i++) expect(limiter.take('k', 'write', 10)).toBe(true);
    expect(limiter.take('k', 'write', 10)).toBe(false);
  });

  it('is configurable and can be turned off', () => {
    expect(resolveLimits({ write: { refillRate: 1_000 } }).write).toEqual({
      refillRate: 1_000,
      bucketCapacity: 1_000,
    });
    const off = createSimRateLimiter(false, () => 0);
    for (let i = 0; i < 1_000; i++) expect(off.take('k', 'write', 10)).toBe(true);
  });
});
