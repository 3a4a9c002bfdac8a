// A market's place in Kalshi's lifecycle as the daemon tracks it (unopened → open ⇄ paused → closed →
// determined → settled), read from REST `Market.status` and `market_lifecycle_v2` frames, and what it
// allows: only an open market before its close time takes new orders.

export type MarketPhase = 'unopened' | 'open' | 'paused' | 'closed' | 'determined' | 'settled';

export interface MarketLifecycle {
  phase: MarketPhase;
  /** Scheduled close (exchange time, ms); null when unknown. */
  closeTimeMs: number | null;
  /** `yes`, `no` or `scalar` once determined. */
  result: string | null;
  /** When the exchange said so (settled_ts), or when we learned it. */
  settledMs: number | null;
}

/**
 * Kalshi's `Market.status` response vocabulary in phases: `inactive` is a paused market, and a market
 * past determination (disputed, amended, finalized) is settled once `finalized`.
 */
export function phaseOfStatus(status: string): MarketPhase | null {
  switch (status) {
    case 'initialized':
      return 'unopened';
    case 'active':
      return 'open';
    case 'inactive':
      return 'paused';
    case 'closed':
      return 'closed';
    case 'determined':
    case 'disputed':
    case 'amended':
      return 'determined';
    case 'finalized':
    case 'settled':
      return 'settled';
    default:
      return null;
  }
}

/** Phases move forward only, except open ⇄ paused: a late or replayed frame never reopens a market. */
const RANK: Record<MarketPhase, number> = {
  unopened: 0,
  open: 1,
  paused: 1,
  closed: 2,
  determined: 3,
  settled: 4,
};

/** Whether the phase is past trading for good. */
export const isEnded = (phase: MarketPhase): boolean => RANK[phase] >= RANK.closed;

export const laterPhase = (current: MarketPhase, next: MarketPhase): MarketPhase =>
  RANK[next] >= RANK[current] ? next : current;

/**
 * The phase at `nowMs`: Kalshi closes a market at its close time without a lifecycle event, so an open
 * (or paused) market past its close time is closed.
 */
export function phaseAt(m: MarketLifecycle, nowMs: number): MarketPhase {
  if ((m.phase === 'open' || m.phase === 'paused') && m.closeTimeMs !== null && nowMs >= m.closeTimeMs)
    return 'closed';
  return m.phase;
}

/** Milliseconds left before the market closes (0 once closed); null when its close time is unknown. */
export function msToClose(m: MarketLifecycle, nowMs: number): number | null {
  if (isEnded(phaseAt(m, nowMs))) return 0;
  return m.closeTimeMs === null ? null : Math.max(0, m.closeTimeMs - nowMs);
}
