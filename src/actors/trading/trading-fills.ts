// Ledger reducers: a fill (WS), a batch of fills (REST page, a market's history, a reload) and a settlement
// enter the ledger once by id; the state then takes the fold of the markets they touched and today's
// realized PnL from it. The ledger orders entries itself; the one time compared here is a fill's UTC day
// against today's, so the in-order fast path adds to today's total only what today realized (the property
// test in test/actors/trading/trading-ledger.property.test.ts holds it equal to the ledger's own sum).
import { fillEntry, type LedgerEntry, settlementEntry, utcDayStart } from '../../domain/fill-ledger';
import type { Fill } from '../../domain/trading-types';
import { insertFills, type TradingBook, toPosition } from './trading-ledger';
import { revived } from './trading-prune';
import type { SettlementEvent, TradingState } from './trading-types';

/** The UTC calendar day of a timestamp: today's realized PnL starts from zero when it changes. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The fold of `tickers` into `positions`, today's total recomputed from the ledger for the day of
 * `atMs`, and the entry count: after a batch, a late (re-folded) entry or a new day.
 */
export function refreshMarkets(
  state: TradingState,
  book: TradingBook,
  tickers: readonly string[],
  atMs: number,
): TradingState {
  const { ledger } = book;
  let positions = state.positions;
  let retired = state.retired;
  if (tickers.length > 0) {
    positions = { ...positions };
    for (const ticker of tickers) {
      const folded = ledger.position(ticker);
      if (folded) positions[ticker] = toPosition(folded);
      retired = revived(retired, book, ticker);
    }
  }
  return {
    ...state,
    positions,
    retired,
    dailyRealizedPnl: ledger.dailyRealizedNet(atMs),
    pnlDay: utcDay(atMs),
    ledger: ledger.size === state.ledger.entries ? state.ledger : { ...state.ledger, entries: ledger.size },
  };
}

/**
 * One fill from the WS channel. In exchange order (the usual case) it costs one fold step and today's
 * total moves by what it realized net of its fee; a late one re-folds its market and today's total is
 * summed again. A copy already booked changes nothing.
 */
export function filled(state: TradingState, book: TradingBook, fill: Fill, atMs: number): TradingState {
  const { ledger, journal } = book;
  const entry = fillEntry(fill);
  const outcome = ledger.insert(entry);
  if (outcome === 'duplicate') return state;
  if (outcome === 'conflict' || outcome === 'invalid') {
    journal.rejected.push({ id: entry.id, ticker: entry.ticker, reason: outcome });
    return state;
  }
  journal.booked.push(fill);
  const counters = { ...state.counters, fills: state.counters.fills + 1 };
  const day = utcDay(atMs);
  if (outcome === 'refolded' || state.pnlDay !== day)
    return { ...refreshMarkets(state, book, [fill.ticker], atMs), counters };
  const folded = ledger.position(fill.ticker);
  const last = ledger.entries(fill.ticker).at(-1);
  const today = last && utcDayStart(entry.tsMs) === utcDayStart(atMs) ? last.realized - entry.fee : 0;
  return {
    ...state,
    positions: folded ? { ...state.positions, [fill.ticker]: toPosition(folded) } : state.positions,
    retired: revived(state.retired, book, fill.ticker),
    dailyRealizedPnl: state.dailyRealizedPnl + today,
    counters,
    ledger: { ...state.ledger, entries: ledger.size },
  };
}

/** A batch of fills (REST page, a market's history); `count`: booked fills count as this run's fills. */
export function filledBatch(
  state: TradingState,
  book: TradingBook,
  fills: readonly Fill[],
  atMs: number,
  count = true,
): { state: TradingState; booked: number } {
  const before = book.journal.booked.length;
  const tickers = insertFills(book, fills);
  const booked = book.journal.booked.length - before;
  const next = refreshMarkets(state, book, tickers, atMs);
  if (!count || booked === 0) return { state: next, booked };
  return { state: { ...next, counters: { ...next.counters, fills: next.counters.fills + booked } }, booked };
}

/** A market's settlement closes whatever it holds at the settlement value: one more ledger entry. */
export function settled(state: TradingState, book: TradingBook, e: SettlementEvent): TradingState {
  const entry = settlementEntry(e.ticker, e.result, e.settledMs, e.fee);
  const outcome = book.ledger.insert(entry);
  if (outcome === 'duplicate') return state;
  if (outcome === 'conflict' || outcome === 'invalid') {
    book.journal.rejected.push({ id: entry.id, ticker: entry.ticker, reason: outcome });
    return state;
  }
  book.journal.settled.push(entry);
  return refreshMarkets(state, book, [e.ticker], e.atMs);
}

/** Entries an earlier run kept (storage): into the ledger silently, since they were news back then. */
export function loaded(
  state: TradingState,
  book: TradingBook,
  entries: readonly LedgerEntry[],
  atMs: number,
): TradingState {
  const outcome = book.ledger.insertAll(entries);
  for (const { entry, reason } of outcome.rejected)
    book.journal.rejected.push({ id: entry.id, ticker: entry.ticker, reason });
  return refreshMarkets(state, book, outcome.tickers, atMs);
}
