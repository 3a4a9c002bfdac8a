// What the fill ledger holds: one entry per exchange fill or settlement, in exact integer units, and the
// exchange order those entries are folded in.
import { PRICE_ONE } from './fixed-point';
import type { BookSide, Fill } from './trading-types';

/** One execution on our side of a trade, keyed by Kalshi's `fill_id` (== `trade_id`). */
export interface FillEntry {
  kind: 'fill';
  id: string;
  ticker: string;
  /** Exchange execution time (WS `ts_ms`, REST `created_time`), never our receive time. */
  tsMs: number;
  side: BookSide;
  price: number; // YES price, ticks
  count: number; // centi-contracts, > 0
  fee: number; // micro-dollars
}

/**
 * A market's settlement: it closes whatever is held at `value` per YES contract ($1 when the market
 * resolves yes, $0 when no; a long NO position is paid $1 − value per contract).
 */
export interface SettlementEntry {
  kind: 'settlement';
  id: string;
  ticker: string;
  tsMs: number;
  value: number; // YES settlement value, ticks
  fee: number; // micro-dollars
}

export type LedgerEntry = FillEntry | SettlementEntry;

export const fillEntry = (fill: Fill): FillEntry => ({
  kind: 'fill',
  id: fill.fillId,
  ticker: fill.ticker,
  tsMs: fill.tsMs,
  side: fill.side,
  price: fill.price,
  count: fill.count,
  fee: fill.fee,
});

/**
 * Kalshi's settlements carry no id; a market settles once per account, so the ticker names it. The
 * prefix keeps it apart from fill ids (UUIDs).
 */
const settlementId = (ticker: string): string => `settlement:${ticker}`;

/**
 * A settlement from Kalshi's `GET /portfolio/settlements` row: `market_result` yes or no, or for a scalar
 * market the YES payout (`value`, cents per contract, × 100 for ticks); `settled_time`; `fee_cost`.
 */
export const settlementEntry = (
  ticker: string,
  result: 'yes' | 'no' | { yesValue: number },
  tsMs: number,
  fee = 0,
): SettlementEntry => ({
  kind: 'settlement',
  id: settlementId(ticker),
  ticker,
  tsMs,
  value: result === 'yes' ? PRICE_ONE : result === 'no' ? 0 : result.yesValue,
  fee,
});

/**
 * Exchange order: execution time, then (for one millisecond) fills before a settlement, then the id.
 * The id tie-break is the exchange's own application order when its ids are time-ordered, as the
 * simulator's are; see fill-ledger.ts for what this assumes of the real Kalshi.
 */
export function compareEntries(a: LedgerEntry, b: LedgerEntry): number {
  if (a.tsMs !== b.tsMs) return a.tsMs < b.tsMs ? -1 : 1;
  if (a.kind !== b.kind) return a.kind === 'fill' ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1; // code-unit order, not locale order
}

/** Whether an entry can be folded without poisoning the market's figures (NaN, negative counts...). */
export function isValidEntry(e: LedgerEntry): boolean {
  if (e.id.length === 0 || e.ticker.length === 0) return false;
  if (!Number.isSafeInteger(e.tsMs) || !Number.isSafeInteger(e.fee) || e.fee < 0) return false;
  if (e.kind === 'settlement') return Number.isSafeInteger(e.value) && e.value >= 0 && e.value <= PRICE_ONE;
  if (e.side !== 'bid' && e.side !== 'ask') return false;
  return (
    Number.isSafeInteger(e.count) &&
    e.count > 0 &&
    Number.isSafeInteger(e.price) &&
    e.price >= 0 &&
    e.price <= PRICE_ONE
  );
}

/** Same id, same facts: a second copy of an entry is a no-op only when it says the same thing. */
export function sameEntry(a: LedgerEntry, b: LedgerEntry): boolean {
  if (a.kind !== b.kind || a.id !== b.id || a.ticker !== b.ticker || a.tsMs !== b.tsMs || a.fee !== b.fee) {
    return false;
  }
  if (a.kind === 'settlement') return a.value === (b as SettlementEntry).value;
  const f = b as FillEntry;
  return a.side === f.side && a.price === f.price && a.count === f.count;
}
