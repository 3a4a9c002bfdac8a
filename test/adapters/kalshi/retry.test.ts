import { describe, expect, it } from 'vitest';
import {
  KalshiHttpError,
  KalshiNetworkError,
  KalshiResponseError,
} from '../../../src/adapters/kalshi/errors';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  retryDelay,
  withRetry,
} from '../../../src/adapters/kalshi/retry';

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0.5 ', now)).toBe(500);
  });
  it('reads an HTTP date relative to the injected clock', () => {
    expect(parseRetryAfter('Mon, 01 Jun 2026 12:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 01 Jun 2026 11:59:00 GMT', now)).toBe(0);
  });
  it('returns undefined for absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('is full jitter under a capped exponential ceiling', () => {
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, policy, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });

  it('prefers Retry-After, clamped to maxRetryAfterMs', () => {
    const withHeader = KalshiHttpError.fromBody('GET /x', 429, '', 2500);
    expect(retryDelay(withHeader, 0, policy, () => 0.5)).toBe(2500);
    const huge = KalshiHttpError.fromBody('GET /x', 429, '', 3_600_000);
    expect(retryDelay(huge, 0, policy, () => 0.5)).toBe(policy.maxRetryAfterMs);
    expect(retryDelay(new KalshiNetworkError('GET /x', 'timeout'), 1, policy, () => 0.5)).toBe(100);
  });
});

describe('withRetry', () => {
  const deps = (sleeps: number[]) => ({
    sleep: async (ms: number) => void sleeps.push(ms),
    random: () => 0.5,
  });

  it('retries retryable failures and returns the first success', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw KalshiHttpError.fromBody('GET /x', 503, '');
        return 'ok';
      },
      policy,
      deps(sleeps),
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    let calls = 0;
    const error = KalshiHttpError.fromBody('GET /x', 500, '');
    await expect(
      withRetry(
        async () => {
          calls++;
          throw error;
        },
        { ...policy, maxAttempts: 4 },
        deps([]),
      ),
    ).rejects.toBe(error);
    expect(calls).toBe(4);
  });

  it('does not retry 4xx or schema failures', async () => {
    for (const error of [
      KalshiHttpError.fromBody('GET /x', 404, ''),
      new KalshiResponseError('GET /x', 'bad'),
    ]) {
      let calls = 0;
      await expect(
        withRetry(
          async () => {
            calls++;
            throw error;
          },
          policy,
          deps([]),
        ),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });
});
