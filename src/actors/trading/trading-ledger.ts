// The fill ledger beside the trading actor, not inside its snapshot.
//
// The snapshot is the single source of truth for everything shown, and it is plain data that the live
// inspector relays and /v3/status reads after every event. A ledger holds thousands of entries, each with
// the fold's figures after it: in the snapshot it would be serialised per event or copied per fill. So
// each trading actor owns one TradingBook, found by the actor's own ref (`self`), and changed only while
// the actor applies an event; the snapshot carries what the fold says per market (`positions`), today's
// total and a few counts. Every input reaches the ledger as an event (a WS fill, a REST page, a market's
// history, a settlement, a reload from storage), so the snapshot and the book never disagree.
import { FillLedger, fillEntry, type LedgerPosition } from '../../domain/fill-ledger';
import type { SettlementEntry } from '../../domain/fill-ledger-entry';
import type { Fill, Position } from '../../domain/trading-types';

/** An entry the ledger refused: its id known with other facts (`conflict`), or not foldable. */
export interface Rejection {
  id: string;
  ticker: string;
  reason: 'conflict' | 'invalid';
}

/** What the event being applied booked for the first time, and refused: told as its news, then cleared. */
export interface LedgerJournal {
  booked: Fill[];
  /** Settlements booked for the first time (not those reloaded from storage). */
  settled: SettlementEntry[];
  rejected: Rejection[];
}

export interface TradingBook {
  readonly ledger: FillLedger;
  journal: LedgerJournal;
  /** Positions a sync let go of, as they were then: a market folded again takes its figures back. */
  readonly retired: Map<string, Position>;
}

export const emptyJournal = (): LedgerJournal => ({ booked: [], settled: [], rejected: [] });

export const createTradingBook = (): TradingBook => ({
  ledger: new FillLedger(),
  journal: emptyJournal(),
  retired: new Map(),
});

const books = new WeakMap<object, TradingBook>();

/** The book of the actor `self`, created with the actor's first event. */
export function bookOf(self: object): TradingBook {
  let book = books.get(self);
  if (book === undefined) {
    book = createTradingBook();
    books.set(self, book);
  }
  return book;
}

/** The fold's figures in the shape of a position (the ledger's extra counts stay in the ledger). */
export const toPosition = (p: LedgerPosition): Position => ({
  ticker: p.ticker,
  position: p.position,
  exposure: p.exposure,
  totalTraded: p.totalTraded,
  realizedPnl: p.realizedPnl,
  feesPaid: p.feesPaid,
  updatedMs: p.updatedMs,
});

/**
 * Puts a batch of fills (a REST page, a market's history) into the ledger with one re-fold per market.
 * Returns the markets it changed; the fills booked for the first time and the refused ones go to the
 * journal.
 */
export function insertFills(book: TradingBook, fills: readonly Fill[]): string[] {
  const { ledger, journal } = book;
  const fresh = new Map<string, Fill>();
  for (const fill of fills)
    if (!ledger.has(fill.fillId) && !fresh.has(fill.fillId)) fresh.set(fill.fillId, fill);
  const outcome = ledger.insertAll(fills.map(fillEntry));
  for (const { entry, reason } of outcome.rejected) {
    journal.rejected.push({ id: entry.id, ticker: entry.ticker, reason });
  }
  for (const fill of fresh.values()) if (ledger.has(fill.fillId)) journal.booked.push(fill);
  return outcome.tickers;
}
