// What the engine keeps to run markets through their lifecycle: the timing (with the time scale applied),
// the rolling series, the earliest moment anything falls due, and the settled markets still retained.
import type { RollingSeries, RollingSeriesSpec } from './series-roll';

export interface LifecycleOptions {
  /**
   * Simulated time runs this many times faster for the lifecycle: series periods, generated close times,
   * the determination delay and the settlement timer are divided by it. Timestamps stay wall-clock time,
   * so a client's countdown to close_time needs no knowledge of the scale. Default 1.
   */
  timeScale?: number;
  /** Simulated ms from close to an automatic determination (default 60 s); null: only the admin API determines. */
  determinationDelayMs?: number | null;
  /** Simulated ms from determination to payout, Market.settlement_timer_seconds (default 300 s). */
  settlementTimerMs?: number;
  /** Series whose events roll over (a new event before the current one closes). */
  series?: readonly RollingSeriesSpec[];
  /** Settled markets kept for REST reads (default 1,000); past it the oldest are released. */
  settledMarketLimit?: number;
}

export interface LifecycleState {
  timeScale: number;
  /** Real ms (time scale applied). */
  determinationDelayMs: number | null;
  settlementTimerMs: number;
  /** Seeds the automatic results, so a seed replays the same outcomes. */
  seed: number;
  series: RollingSeries[];
  /** The earliest time a market or series has something due; -Infinity asks for a full scan. */
  nextDueMs: number;
  /** Finalized markets in settlement order (oldest first), released past settledMarketLimit. */
  finalized: string[];
  settledMarketLimit: number;
}

export const DEFAULT_DETERMINATION_DELAY_MS = 60_000;
export const DEFAULT_SETTLEMENT_TIMER_MS = 300_000;
export const DEFAULT_SETTLED_MARKET_LIMIT = 1_000;

export function createLifecycleState(opts: LifecycleOptions, seed: number): LifecycleState {
  const timeScale = opts.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError('timeScale must be positive');
  const delay =
    opts.determinationDelayMs === undefined ? DEFAULT_DETERMINATION_DELAY_MS : opts.determinationDelayMs;
  return {
    timeScale,
    determinationDelayMs: delay === null ? null : scaled(delay, timeScale),
    settlementTimerMs: scaled(opts.settlementTimerMs ?? DEFAULT_SETTLEMENT_TIMER_MS, timeScale),
    seed,
    series: [],
    nextDueMs: Number.NEGATIVE_INFINITY,
    finalized: [],
    settledMarketLimit: opts.settledMarketLimit ?? DEFAULT_SETTLED_MARKET_LIMIT,
  };
}

/** A simulated duration in real ms, whole milliseconds (never 0 for a positive duration). */
export function scaled(simulatedMs: number, timeScale: number): number {
  return simulatedMs <= 0 ? 0 : Math.max(1, Math.round(simulatedMs / timeScale));
}

/** Something was rescheduled: the next sweep looks at every market again. */
export function invalidateSchedule(lifecycle: LifecycleState): void {
  lifecycle.nextDueMs = Number.NEGATIVE_INFINITY;
}
