// Retry policy for idempotent reads: capped exponential backoff with full jitter, honouring Retry-After.
import { isRetryable, KalshiHttpError } from './errors';

export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is clamped: we would rather try again than stall a sync. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

export interface RetryDeps {
  sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1); injected so tests get deterministic jitter. */
  random: () => number;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Full jitter: uniform in [0, min(max, base·2^attempt)], `attempt` counting from 0. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * Parses Retry-After: delta-seconds ("2", "1.5") or an HTTP date. Returns milliseconds from `nowMs`,
 * never negative, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Every HTTP-date form starts with a day name; without this check Date.parse reads "-1" as 2001.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** The wait before the next attempt: the server's Retry-After when given, else jittered backoff. */
export function retryDelay(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number {
  if (error instanceof KalshiHttpError && error.retryAfterMs !== undefined) {
    return Math.min(error.retryAfterMs, policy.maxRetryAfterMs);
  }
  return backoffDelay(attempt, policy, random);
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or the attempts run out
 * (then the last error is thrown). Only for requests that are safe to repeat.
 */
export async function withRetry<T>(
  attempt: (attemptIndex: number) => Promise<T>,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<T> {
  const attempts = Math.max(1, Math.floor(policy.maxAttempts));
  for (let i = 0; ; i++) {
    try {
      return await attempt(i);
    } catch (error) {
      if (!isRetryable(error) || i + 1 >= attempts) throw error;
      const delay = retryDelay(error, i, policy, deps.random);
      deps.onRetry?.(error, i + 1, delay);
      await deps.sleep(delay);
    }
  }
}
