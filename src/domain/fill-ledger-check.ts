// The check on the ledger: one market's fold against the exchange's own position row. The row never
// corrects the fold; a difference is reported with both figures, and what to do about it is the caller's.
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
  ledger: LedgerPosition | undefined,
  exchange: Pick<Position, CheckedField> | undefined,
): PositionCheck {
  const differences: FieldDifference[] = [];
  for (const field of CHECKED_FIELDS) {
    const ours = ledger?.[field] ?? 0;
    const theirs = exchange?.[field] ?? 0;
    if (ours !== theirs) differences.push({ field, ledger: ours, exchange: theirs });
  }
  return differences.length === 0 ? { ticker, agrees: true } : { ticker, agrees: false, differences };
}
