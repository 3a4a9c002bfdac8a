import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from '../../../src/adapters/kalshi/rate-limiter';

/**
 * A manual clock: sleep() parks until the test advances time past the wake-up point, so the test
 * controls exactly when each waiter may proceed.
 */
function manualClock() {
  let t = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  // A macrotask turn drains every pending promise continuation, however long the chain.
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => t,
    sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ at: t + ms, wake })),
    async advance(ms: number) {
      const target = t + ms;
      await flush();
      for (;;) {
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers[0];
        if (!next || next.at > target) break;
        sleepers.shift();
        t = next.at;
        next.wake();
        await flush();
      }
      t = target;
      await flush();
    },
  };
}

/** Records the order in which acquisitions resolve. */
function track(
  limiter: TokenBucketLimiter,
  log: string[],
  kind: 'read' | 'write',
  label: string,
  cost?: number,
) {
  return limiter.acquire(kind, cost).then(() => log.push(label));
}

describe('TokenBucketLimiter', () => {
  it('allows a full bucket as a burst, then paces at the refill rate (Basic: 20 reads/s)', async () => {
    const clock = manualClock();
    const limiter = new TokenBucketLimiter(clock);
    const log: string[] = [];
    for (let i = 0; i < 20; i++) void track(limiter, log, 'read', `r${i}`);
    await clock.advance(0);
    expect(log).toHaveLength(20);

    void track(limiter, log, 'read', 'r20');
    await clock.advance(49);
    expect(log).toHaveLength(20);
    await clock.advance(1);
    expect(log).toHaveLength(21);
    expect(limiter.stats().read).toMatchObject({ waits: 1, waitedMs: 50 });
  });

  it('refills while idle but never above capacity', async () => {
    const clock = manualClock();
    const limiter = new TokenBucketLimiter(clock);
    for (let i = 0; i < 10; i++) await limiter.acquire('write');
    expect(limiter.stats().write.tokens).toBe(0);
    await clock.advance(60_000);
    expect(limiter.stats().write.tokens).toBe(100);
  });

  it('serves waiters first-in first-out, even when a later request is cheaper', async () => {
    const clock = manualClock();
    const limiter = new TokenBucketLimiter({ ...clock, write: { refillRate: 100, bucketCapacity: 100 } });
    const log: string[] = [];
    await limiter.acquire('write', 100);
    void track(limiter, log, 'write', 'big', 50);
    void track(limiter, log, 'write', 'small', 10);
    await clock.advance(100);
    // 10 tokens would have been there for `small` after 100 ms, but `big` was first.
    expect(log).toEqual([]);
    await clock.advance(400);
    expect(log).toEqual(['big']);
    await clock.advance(100);
    expect(log).toEqual(['big', 'small']);
  });

  it('keeps read and write budgets separate', async () => {
    const clock = manualClock();
    const limiter = new TokenBucketLimiter(clock);
    const log: string[] = [];
    for (let i = 0; i < 10; i++) await limiter.acquire('write');
    void track(limiter, log, 'write', 'w');
    void track(limiter, log, 'read', 'r');
    await clock.advance(0);
    expect(log).toEqual(['r']);
    await clock.advance(100);
    expect(log).toEqual(['r', 'w']);
    expect(limiter.stats().read.waits).toBe(0);
    expect(limiter.stats().write.waits).toBe(1);
  });

  it('configure() applies /account/limits budgets, capacity defaulting to the rate', async () => {
    const clock = manualClock();
    const limiter = new TokenBucketLimiter(clock);
    limiter.configure({ read: { refillRate: 400, bucketCapacity: 800 }, write: { refillRate: 300 } });
    const stats = limiter.stats();
    expect(stats.read.config).toEqual({ refillRate: 400, bucketCapacity: 800 });
    expect(stats.write.config).toEqual({ refillRate: 300, bucketCapacity: 300 });
    // The bucket does not jump to the new capacity: it refills at the new rate.
    expect(stats.read.tokens).toBe(200);
    await clock.advance(1000);
    expect(limiter.stats().read.tokens).toBe(600);
    await clock.advance(1000);
    expect(limiter.stats().read.tokens).toBe(800);
  });

  it('ignores nonsense budgets instead of dividing by zero', () => {
    const limiter = new TokenBucketLimiter(manualClock());
    limiter.configure({ read: { refillRate: 0, bucketCapacity: -5 } });
    expect(limiter.stats().read.config).toEqual({ refillRate: 200, bucketCapacity: 200 });
  });

  it('lets a request costlier than the bucket through once the bucket is full', async () => {
    const clock = manualClock();
    const limiter = new TokenBucketLimiter({ ...clock, write: { refillRate: 100 } });
    const log: string[] = [];
    await limiter.acquire('write', 50);
    void track(limiter, log, 'write', 'batch', 250);
    await clock.advance(499);
    expect(log).toEqual([]);
    await clock.advance(1);
    expect(log).toEqual(['batch']);
    // The debt is paid back before the next request: -150 tokens need 1.6 s to reach 10.
    void track(limiter, log, 'write', 'next');
    await clock.advance(1599);
    expect(log).toEqual(['batch']);
    await clock.advance(1);
    expect(log).toEqual(['batch', 'next']);
  });
});
