// Timeouts of the root statechart: defaults, input resolution and the named delays read from context.

import type { TraderContext, TraderTimeouts } from './trader.events';

export const DEFAULT_TIMEOUTS: TraderTimeouts = {
  orderbookConnectMs: 30_000,
  firstSnapshotMs: 10_000,
  tradingConnectMs: 30_000,
  dataSyncMs: 60_000,
  shutdownMs: 15_000,
  syncIntervalMs: 30_000,
  healthIntervalMs: 5_000,
  recoveryBaseMs: 1_000,
  recoveryMaxMs: 60_000,
};

export const DEFAULT_MAX_SYNC_FAILURES = 3;

/** Fills in defaults; a non-finite or negative override falls back to the default rather than arming a 0 ms loop. */
export function resolveTimeouts(overrides: Partial<TraderTimeouts> = {}): TraderTimeouts {
  const resolved = { ...DEFAULT_TIMEOUTS };
  for (const key of Object.keys(DEFAULT_TIMEOUTS) as (keyof TraderTimeouts)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) resolved[key] = value;
  }
  return resolved;
}

/**
 * Wait before recovery attempt `attempt` (1-based): base·2^(attempt−1), capped at max. The exponent is
 * clamped so a long outage cannot overflow to Infinity before the cap applies.
 */
export function recoveryBackoffMs(attempt: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(baseMs * 2 ** exponent, maxMs);
}

type DelayFn = (args: { context: TraderContext }) => number;

/** The named delays of the machine; every one is read from context so input configures it. */
export const traderDelays = {
  /**
   * The longest start-up waits for the orderbook actor's first FEED.UP / FEED.DOWN: a connection, then
   * a first snapshot. The root hears only the verdict, so the two budgets are one wait.
   */
  ORDERBOOK_CONNECT_TIMEOUT: ({ context }) =>
    context.timeouts.orderbookConnectMs + context.timeouts.firstSnapshotMs,
  TRADING_CONNECT_TIMEOUT: ({ context }) => context.timeouts.tradingConnectMs,
  DATA_SYNC_TIMEOUT: ({ context }) => context.timeouts.dataSyncMs,
  SHUTDOWN_TIMEOUT: ({ context }) => context.timeouts.shutdownMs,
  RECOVERY_BACKOFF: ({ context }) =>
    recoveryBackoffMs(
      context.recoveryAttempts,
      context.timeouts.recoveryBaseMs,
      context.timeouts.recoveryMaxMs,
    ),
} satisfies Record<string, DelayFn>;
