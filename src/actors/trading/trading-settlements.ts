// Settlements into the trading actor: the account's rows of GET /portfolio/settlements become SETTLEMENT
// ledger entries (once per market: the ledger keys them by ticker) and mark their markets settled. Run by
// every full sync, and at once when a lifecycle frame says a market settled, then with the balance.
import { DAY_MS, utcDayStart } from '../../domain/fill-ledger';
import type { Settlement } from '../../domain/trading-types';
import { silentLog, type TradingServiceDeps } from './trading-ports';
import type { SettlementEvent } from './trading-types';

/**
 * Settlements are read from the start of yesterday (UTC): a market settled overnight still closes the
 * position its fills opened, and a day's rows are few (one per market held at settlement).
 */
export const settlementsSinceMs = (nowMs: number): number => utcDayStart(nowMs) - DAY_MS;

export function settlementEvent(s: Settlement, atMs: number): SettlementEvent {
  const result = s.result === 'yes' || s.result === 'no' ? s.result : { yesValue: s.value };
  return { type: 'SETTLEMENT', ticker: s.ticker, result, settledMs: s.settledMs, fee: s.fee, atMs };
}

/** Books every settlement listed; false when the read failed (logged; the next sync reads again). */
export async function syncSettlements(deps: TradingServiceDeps): Promise<boolean> {
  const { client, trading, now } = deps;
  const sinceMs = settlementsSinceMs(now());
  let rows: Settlement[];
  try {
    rows = await client.listSettlements({ minTs: Math.floor(sinceMs / 1000) });
  } catch (err) {
    (deps.log ?? silentLog).warn({ err, sinceMs }, 'settlement read failed; retried next sync');
    return false;
  }
  if (rows.length === 0) return true;
  const atMs = now();
  const updates = rows.map((s) => ({
    ticker: s.ticker,
    phase: 'settled' as const,
    result: s.result,
    settledMs: s.settledMs,
  }));
  trading.send({ type: 'MARKETS.UPDATE', updates, atMs });
  for (const s of rows) trading.send(settlementEvent(s, atMs));
  return true;
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
