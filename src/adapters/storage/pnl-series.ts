// The realized-PnL series: totals over every market, read from position snapshots (each holds its
// market's realized PnL and fees to date), one point per snapshot time in the range.
import type { PnlPoint, PnlQuery } from '../../domain/storage-records';
import { where } from './history-reads';
import { num, type SqlRow, type SqlStatement, sql, str } from './sql-statement';

/** Each daemon's last snapshot of each market before the range: where the totals start. */
export function pnlBaseQuery(q: PnlQuery): SqlStatement {
  const w = where(q, [sql('at_ms < ?', q.fromMs)]);
  return {
    sql: `SELECT daemon_id, ticker, realized_pnl, fees_paid FROM (
            SELECT daemon_id, ticker, realized_pnl, fees_paid,
              ROW_NUMBER() OVER (PARTITION BY daemon_id, ticker ORDER BY at_ms DESC, id DESC) AS newest
            FROM position_snapshots ${w.sql}
          ) latest WHERE newest = 1`,
    params: w.params,
  };
}

export function pnlRangeQuery(q: PnlQuery): SqlStatement {
  const w = where(q, [sql('at_ms >= ?', q.fromMs), sql('at_ms <= ?', q.toMs)]);
  return {
    sql: `SELECT daemon_id, ticker, at_ms, realized_pnl, fees_paid FROM position_snapshots ${w.sql}
          ORDER BY at_ms, id`,
    params: w.params,
  };
}

/**
 * Replays the range's snapshots over the base; snapshots sharing a time make one point. A snapshot
 * replaces the previous one of its market and daemon (several daemons add up when not filtered).
 */
export function foldPnl(base: SqlRow[], range: SqlRow[]): PnlPoint[] {
  const latest = new Map<string, { realized: number; fees: number }>();
  let realized = 0;
  let fees = 0;
  const apply = (row: SqlRow) => {
    const key = `${str(row, 'daemon_id')}\u0000${str(row, 'ticker')}`;
    const before = latest.get(key);
    const next = { realized: num(row, 'realized_pnl'), fees: num(row, 'fees_paid') };
    realized += next.realized - (before?.realized ?? 0);
    fees += next.fees - (before?.fees ?? 0);
    latest.set(key, next);
  };
  base.forEach(apply);
  const points: PnlPoint[] = [];
  for (const row of range) {
    apply(row);
    const tsMs = num(row, 'at_ms');
    const last = points.at(-1);
    if (last?.tsMs === tsMs) {
      last.realizedPnl = realized;
      last.feesPaid = fees;
    } else {
      points.push({ tsMs, realizedPnl: realized, feesPaid: fees });
    }
  }
  return points;
}
