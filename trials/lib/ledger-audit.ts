// The ledger audit: the daemon's positions, realized PnL and fees per market (GET /v3/positions?all=1)
// and today's realized PnL (GET /v3/status) against the exchange's own records, read with the daemon's
// key: its position rows, and today's realized PnL replayed from its fills by the exchange's accounting.
import type { KalshiClient } from '../../src/adapters/kalshi/client';
import { utcDayStart } from '../../src/domain/fill-ledger';
import { formatMoney, parseCount, parseMoney } from '../../src/domain/fixed-point';
import type { Fill, Position } from '../../src/domain/trading-types';
import type { PositionView, StatusView } from '../../src/server/views';
import { Ledger } from '../../src/sim/engine/ledger';

export interface LedgerAudit {
  ok: boolean;
  /** Markets the exchange or the daemon shows trading in. */
  markets: number;
  fills: number;
  dailyDaemon: string;
  dailyExchange: string;
  /** One line per figure that differs. */
  differences: string[];
}

type Figures = Pick<Position, 'position' | 'exposure' | 'realizedPnl' | 'feesPaid'>;

const fromView = (p: PositionView): Figures => ({
  position: parseCount(p.position_fp),
  exposure: parseMoney(p.market_exposure_dollars),
  realizedPnl: parseMoney(p.realized_pnl_dollars),
  feesPaid: parseMoney(p.fees_paid_dollars),
});

const ZERO: Figures = { position: 0, exposure: 0, realizedPnl: 0, feesPaid: 0 };
const FIELDS = ['position', 'exposure', 'realizedPnl', 'feesPaid'] as const;

/** Today's (UTC day of `nowMs`) realized PnL net of fees: the fills replayed in exchange order. */
export function dailyFromFills(fills: readonly Fill[], nowMs: number): number {
  let atMs = 0;
  const ledger = new Ledger(0, () => atMs);
  const dayStart = utcDayStart(nowMs);
  const ordered = [...fills].sort((a, b) => a.tsMs - b.tsMs || (a.fillId < b.fillId ? -1 : 1));
  let daily = 0;
  for (const f of ordered) {
    atMs = f.tsMs;
    const before = ledger.position('audit', f.ticker)?.realizedPnl ?? 0;
    const after = ledger.applyFill('audit', f.ticker, f.side, f.count, f.price, f.fee).position.realizedPnl;
    if (f.tsMs >= dayStart) daily += after - before - f.fee;
  }
  return daily;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export async function auditLedger(
  daemonUrl: string,
  exchange: KalshiClient,
  nowMs: number,
): Promise<LedgerAudit> {
  const [{ positions }, status, rows, fills] = await Promise.all([
    getJson<{ positions: PositionView[] }>(`${daemonUrl}/v3/positions?all=1`),
    getJson<StatusView>(`${daemonUrl}/v3/status`),
    exchange.listPositions(),
    exchange.listFills(),
  ]);
  const ours = new Map(positions.map((p) => [p.ticker, p]));
  const theirs = new Map(rows.map((r) => [r.ticker, r]));
  const differences: string[] = [];
  const tickers = [...new Set([...ours.keys(), ...theirs.keys()])].sort();
  for (const ticker of tickers) {
    const view = ours.get(ticker);
    if (view?.unverified) differences.push(`${ticker}: marked unverified`);
    const a = view ? fromView(view) : ZERO;
    const b = theirs.get(ticker) ?? ZERO;
    for (const field of FIELDS) {
      if (a[field] !== b[field])
        differences.push(`${ticker} ${field}: daemon ${a[field]}, exchange ${b[field]}`);
    }
  }
  const daily = dailyFromFills(fills, nowMs);
  const dailyExchange = formatMoney(daily);
  if (parseMoney(status.daily_realized_pnl_dollars) !== daily)
    differences.push(
      `daily realized PnL: daemon ${status.daily_realized_pnl_dollars}, exchange ${dailyExchange}`,
    );
  return {
    ok: differences.length === 0,
    markets: tickers.length,
    fills: fills.length,
    dailyDaemon: status.daily_realized_pnl_dollars,
    dailyExchange,
    differences,
  };
}
