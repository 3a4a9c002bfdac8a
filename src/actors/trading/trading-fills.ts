// Fill reducers: what one fill does to the position, the daily PnL and the fill counters.
import { applyFillToPosition, utcDay } from './trading-positions';
import type { FillEvent, TradingState } from './trading-types';

/**
 * Fill ids remembered so a fill seen twice (WS replay after a reconnect, WS copy of a fill a REST backfill
 * booked, or the reverse) is booked once. 5,000 covers a full UTC day of a typical strategy's fills, and
 * the backfill never reads further back than today; the oldest ids go first.
 */
export const RECENT_FILLS = 5_000;

/** Daily PnL for the day of `atMs`: a new UTC day starts from zero. */
export function rollDay(state: TradingState, atMs: number): TradingState {
  const day = utcDay(atMs);
  return state.pnlDay === day ? state : { ...state, pnlDay: day, dailyRealizedPnl: 0 };
}

/**
 * A fill moves the position, daily PnL and counters, never the order's counts: those come only from
 * absolute sources, which may or may not already include this fill.
 *
 * With `postPosition` (the WS fill) the position is set, not added to, and only when the fill is at
 * least as new as what the position reflects: a REST sync may already hold this fill, and adding its
 * late WS copy would count it twice. Equal times apply (one order's fills share a timestamp, and an
 * absolute value re-set is harmless). PnL and fees are booked once per fill id either way.
 */
export function filled(state: TradingState, fill: FillEvent, atMs: number): TradingState {
  if (fill.fillId && state.recentFillIds.includes(fill.fillId)) return state;
  const next = rollDay(state, atMs);
  const prev = next.positions[fill.ticker];
  // The exchange's time, so it compares with REST's last_updated_ts; ours only if the fill has none.
  const fillMs = fill.tsMs > 0 ? fill.tsMs : atMs;
  const { position: moved, realizedNet } = applyFillToPosition(prev, fill, fillMs);
  let position = moved;
  if (fill.postPosition != null) {
    const newer = prev?.updatedMs == null || fillMs >= prev.updatedMs;
    position = newer ? { ...moved, position: fill.postPosition } : (prev ?? moved);
  }
  return {
    ...next,
    positions: { ...next.positions, [fill.ticker]: position },
    dailyRealizedPnl: next.dailyRealizedPnl + realizedNet,
    counters: { ...next.counters, fills: next.counters.fills + 1 },
    recentFillIds: fill.fillId
      ? [...next.recentFillIds, fill.fillId].slice(-RECENT_FILLS)
      : next.recentFillIds,
  };
}
