// PnL as the daemon shows it, from the trading snapshot and the books: each market's fold marked to its
// book, and the totals. Pure: the marks are read through a function, so /v3/status, /v3/positions, the
// trading_state frame and /metrics all compute the same figures the same way.
import { riskStateOf } from '../actors/trading/trading-logic';
import type { TradingState } from '../actors/trading/trading-types';
import type { OrderbookView } from '../domain/orderbook';
import { closePrice, type Mark, type PositionPnl, unrealizedPnl } from '../domain/position-pnl';
import type { Position } from '../domain/trading-types';

/** A market's best bids now; undefined when the daemon holds no valid book for it. */
export type MarkSource = (ticker: string) => Mark | undefined;

export interface PnlTotals {
  /** Before fees, as Kalshi books it. */
  realizedPnl: number;
  feesPaid: number;
  /** Of the held markets with a mark; `unmarked` counts the others. */
  unrealizedPnl: number;
  unmarked: number;
  exposure: number;
  /** Today's realized PnL net of fees as the risk gate reads it (conservative where unverified). */
  dailyRealizedPnl: number;
  unverified: number;
  ledgerEntries: number;
}

/** A market the ledger holds nothing for, as a position. */
export const flatPosition = (ticker: string): Position => ({
  ticker,
  position: 0,
  exposure: 0,
  totalTraded: 0,
  realizedPnl: 0,
  feesPaid: 0,
  updatedMs: null,
});

/**
 * By ticker, every market the ledger holds and every market a check compares with an exchange row the
 * ledger lacks: held or unverified ones, and with `all` the flat ones too.
 */
export function positionsPnl(state: TradingState, marks: MarkSource, all = false): PositionPnl[] {
  const folds = new Map(Object.entries(state.positions));
  for (const [ticker, check] of Object.entries(state.ledger.checks))
    if (!folds.has(ticker) && check.exchange !== null) folds.set(ticker, flatPosition(ticker));
  const rows: PositionPnl[] = [];
  for (const ticker of [...folds.keys()].sort()) {
    const position = folds.get(ticker) as Position;
    const check = state.ledger.checks[ticker];
    const unverified = check?.reported === true;
    if (!all && position.position === 0 && !unverified) continue;
    rows.push(markedPosition(position, marks, unverified ? (check?.exchange ?? null) : undefined));
  }
  return rows;
}

/**
 * One market's fold marked to its book; `exchange` (the exchange's row, or null when it listed none)
 * only for an unverified market.
 */
export function markedPosition(
  position: Position,
  marks: MarkSource,
  exchange?: Position | null,
): PositionPnl {
  const mark = position.position === 0 ? undefined : marks(position.ticker);
  return {
    position,
    markPrice: closePrice(position.position, mark),
    unrealizedPnl: unrealizedPnl(position, mark),
    unverified: exchange !== undefined,
    exchange: exchange ?? null,
  };
}

/**
 * The totals over every market the ledger holds (the retired flat ones as their sums), and today's
 * realized PnL as the gate sees it at `nowMs`.
 */
export function pnlTotals(state: TradingState, marks: MarkSource, nowMs: number): PnlTotals {
  const totals: PnlTotals = {
    realizedPnl: state.retired.realizedPnl,
    feesPaid: state.retired.feesPaid,
    unrealizedPnl: 0,
    unmarked: 0,
    exposure: 0,
    dailyRealizedPnl: riskStateOf(state, nowMs).dailyRealizedPnl,
    unverified: 0,
    ledgerEntries: state.ledger.entries,
  };
  for (const row of positionsPnl(state, marks, true)) {
    const p = row.position;
    totals.realizedPnl += p.realizedPnl;
    totals.feesPaid += p.feesPaid;
    totals.exposure += p.exposure;
    if (row.unverified) totals.unverified++;
    if (row.unrealizedPnl === null) totals.unmarked++;
    else totals.unrealizedPnl += row.unrealizedPnl;
  }
  return totals;
}

/** Marks from the orderbook stream's books: a market's best bids while its book is valid. */
export function bookMarks(books: {
  getBook(ticker: string): Pick<OrderbookView, 'valid' | 'bestYesBid' | 'bestNoBid'> | undefined;
}): MarkSource {
  return (ticker) => {
    const book = books.getBook(ticker);
    return book?.valid ? { yesBid: book.bestYesBid(), noBid: book.bestNoBid() } : undefined;
  };
}
