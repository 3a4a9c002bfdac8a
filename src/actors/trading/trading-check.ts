// The exchange's position rows as a check on the ledger's fold, never its source, and what a difference
// means for the risk gate.
//
// After each sync every market the ledger holds, and every market whose row shows any trading, is compared
// with its row (allowing for the row's lag either way: checkRow). A difference that survives two syncs (or
// is there at the first sync, when the ledger simply does not hold a market's history yet: without storage
// that is how it is rebuilt) asks for the market's fills from its first; still different after that
// re-fold, the market is `unverified`: reported once, shown as such, and the gate takes the more
// conservative of the two figures until they agree again.

import type { FillLedger } from '../../domain/fill-ledger';
import { CHECKED_FIELDS, checkRow } from '../../domain/fill-ledger-check';
import type { Position } from '../../domain/trading-types';
import type { MarketCheck, TradingState } from './trading-types';

/**
 * A differing market's next check: paged once the difference has survived two syncs, and again two syncs
 * after a page that left it unverified (a fill REST showed late may be older than the backfill window).
 * That bounds the cost to one paged read per unverified market every other sync.
 */
function advance(
  prev: MarketCheck | undefined,
  next: Omit<MarketCheck, 'status' | 'syncs' | 'reported'>,
  first: boolean,
): MarketCheck {
  if (prev === undefined)
    return { ...next, status: first ? 'refetch' : 'differs', syncs: 1, reported: false };
  const syncs = prev.syncs + 1;
  return { ...prev, ...next, syncs, status: syncs >= 2 ? 'refetch' : prev.status };
}

/** A row that shows any trading: its market's fills are what the check needs, loaded or not. */
const hasHistory = (row: Position): boolean =>
  row.position !== 0 || row.totalTraded !== 0 || CHECKED_FIELDS.some((field) => row[field] !== 0);

/**
 * The checks after a sync's rows (`firstSync`: nothing was checked before). The state must already
 * hold the sync's fills. A market that agrees loses its check.
 */
export function checkRows(
  state: TradingState,
  ledger: FillLedger,
  rows: readonly Position[],
  firstSync: boolean,
  listedMs?: number,
): Record<string, MarketCheck> {
  const byTicker = new Map(rows.map((row) => [row.ticker, row]));
  const tickers = new Set(Object.keys(state.positions));
  for (const row of rows) if (hasHistory(row)) tickers.add(row.ticker);
  const checks: Record<string, MarketCheck> = {};
  for (const ticker of [...tickers].sort()) {
    const row = byTicker.get(ticker);
    const result = checkRow(ledger, ticker, row, listedMs);
    if (result.agrees) continue;
    const next = {
      exchange: row ?? null,
      differences: result.differences,
      ...(listedMs === undefined ? {} : { listedMs }),
    };
    checks[ticker] = advance(state.ledger.checks[ticker], next, firstSync);
  }
  return checks;
}

/**
 * A market's check once its fills were paged from the first: gone if it agrees now, else unverified.
 * Checked against the row read again before the page when there is one: the sync's row may be the
 * stale side of a race with a fill (a market first traded while the listing was on its way).
 */
export function recheck(
  state: TradingState,
  ledger: FillLedger,
  ticker: string,
  fresh?: { position: Position | null; listedMs: number },
): TradingState {
  const prev = state.ledger.checks[ticker];
  if (prev === undefined) return state;
  const { [ticker]: _done, ...others } = state.ledger.checks;
  const exchange = fresh === undefined ? prev.exchange : fresh.position;
  const listedMs = fresh === undefined ? prev.listedMs : fresh.listedMs;
  const result = checkRow(ledger, ticker, exchange ?? undefined, listedMs);
  const checks = result.agrees
    ? others
    : {
        ...others,
        [ticker]: {
          ...prev,
          exchange,
          ...(listedMs === undefined ? {} : { listedMs }),
          status: 'unverified' as const,
          syncs: 0,
          differences: result.differences,
          reported: true,
        },
      };
  return { ...state, ledger: { ...state.ledger, checks } };
}

/** The row, where the gate must not trust the fold alone: being re-paged, or paged and still different. */
const doubtedRow = (check: MarketCheck): Position | null =>
  check.status === 'refetch' || check.reported ? check.exchange : null;

/**
 * The positions the risk gate reads: the fold, except for a doubtful market, which counts at the
 * larger of the two holdings (the exchange's row may name a market the ledger lacks altogether).
 */
export function gatePositions(state: TradingState): Position[] {
  const out = new Map(Object.entries(state.positions));
  for (const [ticker, check] of Object.entries(state.ledger.checks)) {
    const row = doubtedRow(check);
    if (row === null) continue;
    const ours = out.get(ticker);
    if (ours === undefined || Math.abs(row.position) > Math.abs(ours.position)) out.set(ticker, row);
  }
  return [...out.values()];
}

/**
 * What the daily-loss rule adds to today's total for the doubtful markets: where the exchange's
 * realized PnL net of fees is lower than the fold's, the difference (a loss the ledger may be missing).
 */
export function doubtfulLoss(state: TradingState): number {
  let loss = 0;
  for (const [ticker, check] of Object.entries(state.ledger.checks)) {
    const row = doubtedRow(check);
    if (row === null) continue;
    const ours = state.positions[ticker];
    const theirsNet = row.realizedPnl - row.feesPaid;
    const oursNet = (ours?.realizedPnl ?? 0) - (ours?.feesPaid ?? 0);
    loss += Math.min(0, theirsNet - oursNet);
  }
  return loss;
}
