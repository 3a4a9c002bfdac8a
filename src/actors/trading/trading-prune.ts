// What a sync lets go of, so weeks of rolling discovery do not grow the state the risk gate and every
// status build scan: flat positions last traded before today and markets that ended before yesterday,
// once no longer followed and nothing the money needs reads them (an open order, a change in flight, a
// check against the exchange's row). A dropped position's figures move into `retired` (the PnL totals
// keep them); its ledger entries stay beside the actor, so a late fill or settlement folds it back.
import { DAY_MS, utcDayStart } from '../../domain/fill-ledger';
import { isEnded, phaseAt } from '../../domain/market-phase';
import type { Position } from '../../domain/trading-types';
import type { TradingBook } from './trading-ledger';
import { isOpenStatus, type RetiredPositions, type TradingState } from './trading-types';

export const NO_RETIRED: RetiredPositions = { markets: 0, realizedPnl: 0, feesPaid: 0 };

/** Markets an open order, a change in flight or a ledger check still names. */
function busyTickers(state: TradingState): Set<string> {
  const busy = new Set(Object.keys(state.ledger.checks));
  for (const order of Object.values(state.orders)) if (isOpenStatus(order.status)) busy.add(order.ticker);
  for (const key of Object.keys(state.changesInFlight)) {
    const order = state.orders[key];
    if (order) busy.add(order.ticker);
  }
  return busy;
}

const retire = (r: RetiredPositions, p: Position, sign: 1 | -1): RetiredPositions => ({
  markets: r.markets + sign,
  realizedPnl: r.realizedPnl + sign * p.realizedPnl,
  feesPaid: r.feesPaid + sign * p.feesPaid,
});

/**
 * After a sync (`followed`: the markets followed now, `atMs` its time). A flat position last traded
 * today stays (today's trades stay listed); a market stays until the day after its end is over, which
 * is as long as the settlement read (from the start of yesterday) can name it again.
 */
export function pruneUnfollowed(
  state: TradingState,
  book: TradingBook,
  followed: readonly string[],
  atMs: number,
): TradingState {
  const keep = busyTickers(state);
  for (const ticker of followed) keep.add(ticker);
  const today = utcDayStart(atMs);
  let positions = state.positions;
  let retired = state.retired;
  for (const [ticker, p] of Object.entries(state.positions)) {
    if (keep.has(ticker) || p.position !== 0 || p.exposure !== 0 || (p.updatedMs ?? 0) >= today) continue;
    if (positions === state.positions) positions = { ...positions };
    delete positions[ticker];
    retired = retire(retired, p, 1);
    book.retired.set(ticker, p);
  }
  let markets = state.markets;
  for (const [ticker, m] of Object.entries(state.markets)) {
    if (keep.has(ticker) || positions[ticker] !== undefined || !isEnded(phaseAt(m, atMs))) continue;
    const endedMs = m.settledMs ?? m.closeTimeMs;
    if (endedMs !== null && endedMs >= today - DAY_MS) continue;
    if (markets === state.markets) markets = { ...markets };
    delete markets[ticker];
  }
  if (positions === state.positions && markets === state.markets) return state;
  return { ...state, positions, markets, retired };
}

/** A retired market the ledger folds again (a late fill or settlement): its figures leave `retired`. */
export function revived(retired: RetiredPositions, book: TradingBook, ticker: string): RetiredPositions {
  const p = book.retired.get(ticker);
  if (p === undefined) return retired;
  book.retired.delete(ticker);
  return retire(retired, p, -1);
}
