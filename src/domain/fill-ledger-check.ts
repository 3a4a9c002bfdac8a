// The check on the ledger: one market's fold against the exchange's own position row. The row never
// corrects the fold; a difference is reported with both figures, and what to do about it is the caller's.
import type { FillLedger } from './fill-ledger';
import type { LedgerPosition } from './fill-ledger-market';
import type { Position } from './trading-types';

/** The fields of Kalshi's position row the fold must reproduce exactly. */
export const CHECKED_FIELDS = ['position', 'exposure', 'realizedPnl', 'feesPaid'] as const;
export type CheckedField = (typeof CHECKED_FIELDS)[number];

export interface FieldDifference {
  field: CheckedField;
  ledger: number;
  exchange: number;
}

export type PositionCheck =
  | { ticker: string; agrees: true }
  | { ticker: string; agrees: false; differences: FieldDifference[] };

/**
 * Compares a market's fold (undefined: the ledger holds nothing for it, which reads as all zeros) with
 * the exchange's row for it (undefined: the exchange listed none, also all zeros). The exchange's
 * position rows are in exact integer units already (adapters parse them once).
 */
export function checkPosition(
  ticker: string,
  ledger: Pick<LedgerPosition, CheckedField> | undefined,
  exchange: Pick<Position, CheckedField> | undefined,
  fields: readonly CheckedField[] = CHECKED_FIELDS,
): PositionCheck {
  const differences: FieldDifference[] = [];
  for (const field of fields) {
    const ours = ledger?.[field] ?? 0;
    const theirs = exchange?.[field] ?? 0;
    if (ours !== theirs) differences.push({ field, ledger: ours, exchange: theirs });
  }
  return differences.length === 0 ? { ticker, agrees: true } : { ticker, agrees: false, differences };
}

/**
 * How far the exchange's fill times may run behind our clock: a fill executed after a listing was asked
 * for can be stamped up to this much before the moment we asked (a later listing checks it anyway).
 */
export const LISTING_CLOCK_SLACK_MS = 2_000;

/**
 * A market's row against the ledger, allowing for the row's lag either way: it agrees when it equals the
 * fold now, or the fold as of the row's own `updatedMs` (the ledger already holds fills executed after
 * the row was written). A row that counts a fill the ledger lacks equals neither. A market the exchange
 * does not list is checked on its position only (an absent row says nothing of lifetime totals): flat
 * now, or flat as of `listedMs`, when the listing was asked for (by our clock, less the slack), since a
 * market first traded while the listing was on its way has no row in it. Differences are reported
 * against the fold now.
 */
export function checkRow(
  ledger: FillLedger,
  ticker: string,
  row: Position | undefined,
  listedMs?: number,
): PositionCheck {
  const now = ledger.position(ticker);
  if (row === undefined) {
    const absent = checkPosition(ticker, now, undefined, ['position']);
    if (absent.agrees || listedMs === undefined) return absent;
    const asListed = ledger.positionAt(ticker, listedMs - LISTING_CLOCK_SLACK_MS);
    return checkPosition(ticker, asListed, undefined, ['position']).agrees
      ? { ticker, agrees: true }
      : absent;
  }
  const current = checkPosition(ticker, now, row);
  if (current.agrees || row.updatedMs === null) return current;
  return checkPosition(ticker, ledger.positionAt(ticker, row.updatedMs), row).agrees
    ? { ticker, agrees: true }
    : current;
}
