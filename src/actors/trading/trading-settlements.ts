// Settlements into the trading actor: the account's rows of GET /portfolio/settlements become SETTLEMENT
// ledger entries (once per market: the ledger keys them by ticker) and mark their markets settled. Run by
// every full sync (recent ones), for a market whose position row contradicts its fold (that market's, from
// the first), and at once when a lifecycle frame says a market settled, then with the balance.
import { DAY_MS, utcDayStart } from '../../domain/fill-ledger';
import type { Settlement } from '../../domain/trading-types';
import { silentLog, type TradingServiceDeps } from './trading-ports';
import type { SettlementEvent } from './trading-types';

/**
 * Settlements are read from the start of yesterday (UTC): a market settled overnight still closes the
 * position its fills opened, and a day's rows are few (one per market held at settlement).
 */
export const settlementsSinceMs = (nowMs: number): number => utcDayStart(nowMs) - DAY_MS;

/**
 * Not yes/no: `scalar` pays `value` per YES contract. Kalshi's docs say nothing of a voided market's row;
 * the client refuses any such row without a `value`, so `value` here is always the exchange's figure.
 */
export function settlementEvent(s: Settlement, atMs: number): SettlementEvent {
  const result = s.result === 'yes' || s.result === 'no' ? s.result : { yesValue: s.value };
  return { type: 'SETTLEMENT', ticker: s.ticker, result, settledMs: s.settledMs, fee: s.fee, atMs };
}

/** Books every settlement listed; false when the read failed (logged; the next sync reads again). */
export async function syncSettlements(deps: TradingServiceDeps): Promise<boolean> {
  const sinceMs = settlementsSinceMs(deps.now());
  let rows: Settlement[];
  try {
    rows = await deps.client.listSettlements({ minTs: Math.floor(sinceMs / 1000) });
  } catch (err) {
    (deps.log ?? silentLog).warn({ err, sinceMs }, 'settlement read failed; retried next sync');
    return false;
  }
  bookSettlements(deps, rows);
  return true;
}

/**
 * A market's settlement whenever it happened (all pages, no date limit), for a market whose fold the
 * exchange's row contradicts: a daemon restarted days after a market it held settled loads that market's
 * fills but would never see its settlement in the daily window. A failed read is logged; the market stays
 * unexplained until the next page of its history reads it again.
 */
export async function syncMarketSettlement(deps: TradingServiceDeps, ticker: string): Promise<void> {
  let rows: Settlement[];
  try {
    rows = await deps.client.listSettlements({ ticker });
  } catch (err) {
    (deps.log ?? silentLog).warn(
      { err, ticker },
      "a market's settlement read failed; retried with its fills",
    );
    return;
  }
  bookSettlements(
    deps,
    rows.filter((s) => s.ticker === ticker),
  );
}

/** Marks the rows' markets settled and books each row as its market's SETTLEMENT entry. */
function bookSettlements(deps: TradingServiceDeps, rows: readonly Settlement[]): void {
  if (rows.length === 0) return;
  const atMs = deps.now();
  const updates = rows.map((s) => ({
    ticker: s.ticker,
    phase: 'settled' as const,
    result: s.result,
    settledMs: s.settledMs,
  }));
  deps.trading.send({ type: 'MARKETS.UPDATE', updates, atMs });
  for (const s of rows) deps.trading.send(settlementEvent(s, atMs));
}

/** A market just settled (lifecycle frame): its settlement, then the balance it paid into. */
export async function settleNow(deps: TradingServiceDeps): Promise<void> {
  if (!(await syncSettlements(deps))) return;
  try {
    const balance = await deps.client.getBalance();
    deps.trading.send({ type: 'BALANCE', balance, atMs: deps.now() });
  } catch (err) {
    (deps.log ?? silentLog).warn({ err }, 'balance read after a settlement failed; the next sync reads it');
  }
}
