// Markets' lifecycle in the trading state: what REST listings and lifecycle frames say of each market's
// phase and close time, folded so that a phase only moves forward (open ⇄ paused aside), and what the
// risk gate reads from it: the markets that take no order at a given time.
import {
  isEnded,
  laterPhase,
  type MarketLifecycle,
  type MarketPhase,
  phaseAt,
} from '../../domain/market-phase';
import type { MarketUpdate, TradingState } from './trading-types';

const EMPTY: MarketLifecycle = { phase: 'open', closeTimeMs: null, result: null, settledMs: null };

/** One market's lifecycle after an update; the same object when nothing changed. */
export function applyMarketUpdate(current: MarketLifecycle | undefined, u: MarketUpdate): MarketLifecycle {
  const base = current ?? EMPTY;
  let phase = base.phase;
  if (u.phase !== undefined) {
    // A paused market reactivated is open again; anything else only moves forward.
    phase = current === undefined ? u.phase : laterPhase(base.phase, u.phase);
    if (base.phase === 'paused' && u.phase === 'open') phase = 'open';
  }
  // An ended market keeps the close time it ended at: a replayed `created` frame does not move it.
  const closeTimeMs =
    u.closeTimeMs === undefined || (current !== undefined && isEnded(base.phase) && u.closeTimeMs !== null)
      ? base.closeTimeMs
      : u.closeTimeMs;
  const result = u.result === undefined || u.result === null ? base.result : u.result;
  const settledMs = u.settledMs === undefined || u.settledMs === null ? base.settledMs : u.settledMs;
  if (
    current !== undefined &&
    phase === base.phase &&
    closeTimeMs === base.closeTimeMs &&
    result === base.result &&
    settledMs === base.settledMs
  )
    return current;
  return { phase, closeTimeMs, result, settledMs };
}

export function marketsUpdated(state: TradingState, updates: readonly MarketUpdate[]): TradingState {
  let markets = state.markets;
  for (const u of updates) {
    const before = markets[u.ticker];
    const after = applyMarketUpdate(before, u);
    if (after === before) continue;
    if (markets === state.markets) markets = { ...markets };
    markets[u.ticker] = after;
  }
  return markets === state.markets ? state : { ...state, markets };
}

/** Markets that take no order at `atMs`, with their phase (a market unknown to us is not stopped). */
export function haltedMarkets(state: TradingState, atMs: number): Record<string, MarketPhase> {
  const halted: Record<string, MarketPhase> = {};
  for (const [ticker, market] of Object.entries(state.markets)) {
    const phase = phaseAt(market, atMs);
    if (phase !== 'open') halted[ticker] = phase;
  }
  return halted;
}
