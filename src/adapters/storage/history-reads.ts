// The history queries in SQL shared by both databases, and the mapping of their rows to domain records.
import { type SettlementEntry, settlementEntry } from '../../domain/fill-ledger-entry';
import {
  FINAL_ORDER_STATUSES,
  type FillPage,
  type FillQuery,
  type HistoryScope,
  OPEN_ORDER_STATUSES,
  type OrderQuery,
  type OrderSource,
  type SessionQuery,
  type SessionRecord,
  type StoredFill,
  type StoredOrder,
} from '../../domain/storage-records';
import type { BookSide, OrderStatus } from '../../domain/trading-types';
import { num, numOrNull, type SqlRow, type SqlStatement, sql, str, strOrNull } from './sql-statement';

export const MAX_PAGE = 1000;

/** A caller's limit within [1, MAX_PAGE]; anything else takes the default. */
export const pageSize = (limit: number | undefined, fallback: number): number =>
  limit !== undefined && Number.isInteger(limit) && limit >= 1 ? Math.min(limit, MAX_PAGE) : fallback;

/** WHERE clauses for a scope plus any extra conditions, with their parameters in order. */
export function where(scope: HistoryScope, extra: SqlStatement[] = []): SqlStatement {
  const parts: SqlStatement[] = [];
  if (scope.daemonId !== undefined) parts.push(sql('daemon_id = ?', scope.daemonId));
  if (scope.sessionId !== undefined) parts.push(sql('session_id = ?', scope.sessionId));
  parts.push(...extra);
  return {
    sql: parts.length === 0 ? '' : `WHERE ${parts.map((p) => p.sql).join(' AND ')}`,
    params: parts.flatMap((p) => p.params),
  };
}

const FILL_COLUMNS = `seq, daemon_id, session_id, fill_id, trade_id, order_id, client_order_id, ticker, side,
  price, count, is_taker, fee, ts_ms, recorded_ms`;

/** One row more than the page, so the page knows whether another follows. */
export function fillsQuery(q: FillQuery): SqlStatement {
  const desc = q.order === 'desc';
  const extra: SqlStatement[] = [];
  if (q.ticker !== undefined) extra.push(sql('ticker = ?', q.ticker));
  if (q.since !== undefined) extra.push(sql(desc ? 'seq < ?' : 'seq > ?', q.since));
  const w = where(q, extra);
  return {
    sql: `SELECT ${FILL_COLUMNS} FROM fills ${w.sql} ORDER BY seq ${desc ? 'DESC' : 'ASC'} LIMIT ?`,
    params: [...w.params, pageSize(q.limit, 100) + 1],
  };
}

export function toFillPage(rows: SqlRow[], q: FillQuery): FillPage {
  const size = pageSize(q.limit, 100);
  const fills = rows.slice(0, size).map(toStoredFill);
  const last = fills.at(-1);
  return { fills, nextCursor: rows.length > size && last ? last.seq : null };
}

const toStoredFill = (r: SqlRow): StoredFill => ({
  seq: num(r, 'seq'),
  daemonId: str(r, 'daemon_id'),
  sessionId: num(r, 'session_id'),
  fillId: str(r, 'fill_id'),
  tradeId: str(r, 'trade_id'),
  orderId: str(r, 'order_id'),
  clientOrderId: strOrNull(r, 'client_order_id'),
  ticker: str(r, 'ticker'),
  side: str(r, 'side') as BookSide,
  price: num(r, 'price'),
  count: num(r, 'count'),
  isTaker: num(r, 'is_taker') === 1,
  fee: num(r, 'fee'),
  tsMs: num(r, 'ts_ms'),
  recordedMs: num(r, 'recorded_ms'),
});

/** Every settlement a daemon stored (one row per market it held at settlement: few), oldest first. */
export function settlementsQuery(scope: HistoryScope): SqlStatement {
  const w = where(scope);
  return {
    sql: `SELECT ticker, value, fee, settled_ms FROM settlements ${w.sql} ORDER BY seq ASC`,
    params: w.params,
  };
}

export const toSettlementEntry = (r: SqlRow): SettlementEntry =>
  settlementEntry(str(r, 'ticker'), { yesValue: num(r, 'value') }, num(r, 'settled_ms'), num(r, 'fee'));

const inList = (column: string, values: readonly string[]): SqlStatement =>
  sql(`${column} IN (${values.map(() => '?').join(', ')})`, ...values);

export function ordersQuery(q: OrderQuery): SqlStatement {
  const extra: SqlStatement[] = [];
  if (q.status === 'open') extra.push(inList('status', OPEN_ORDER_STATUSES));
  if (q.status === 'final') extra.push(inList('status', FINAL_ORDER_STATUSES));
  if (q.ticker !== undefined) extra.push(sql('ticker = ?', q.ticker));
  if (q.after !== undefined) {
    const { createdMs, clientOrderId } = q.after;
    extra.push(
      sql(
        '(created_ms < ? OR (created_ms = ? AND client_order_id < ?))',
        createdMs,
        createdMs,
        clientOrderId,
      ),
    );
  }
  const w = where(q, extra);
  return {
    sql: `SELECT * FROM orders ${w.sql} ORDER BY created_ms DESC, client_order_id DESC LIMIT ?`,
    params: [...w.params, pageSize(q.limit, 500)],
  };
}

export const toStoredOrder = (r: SqlRow): StoredOrder => ({
  clientOrderId: str(r, 'client_order_id'),
  orderId: strOrNull(r, 'order_id') ?? '',
  sessionId: num(r, 'session_id'),
  daemonId: str(r, 'daemon_id'),
  intentId: strOrNull(r, 'intent_id'),
  source: str(r, 'source') as OrderSource,
  ticker: str(r, 'ticker'),
  side: str(r, 'side') as BookSide,
  price: num(r, 'price'),
  initialCount: num(r, 'initial_count'),
  fillCount: num(r, 'fill_count'),
  remainingCount: num(r, 'remaining_count'),
  status: str(r, 'status') as OrderStatus,
  createdMs: num(r, 'created_ms'),
  updatedMs: numOrNull(r, 'updated_ms'),
  note: strOrNull(r, 'note'),
});

export function sessionsQuery(q: SessionQuery): SqlStatement {
  const w = where({ ...(q.daemonId !== undefined ? { daemonId: q.daemonId } : {}) });
  return {
    sql: `SELECT * FROM sessions ${w.sql} ORDER BY session_id DESC LIMIT ?`,
    params: [...w.params, pageSize(q.limit, 100)],
  };
}

export const toSession = (r: SqlRow): SessionRecord => ({
  sessionId: num(r, 'session_id'),
  uuid: str(r, 'uuid'),
  daemonId: str(r, 'daemon_id'),
  orderPrefix: str(r, 'order_prefix'),
  exchange: str(r, 'exchange'),
  startedMs: num(r, 'started_ms'),
  stoppedMs: numOrNull(r, 'stopped_ms'),
  stopReason: strOrNull(r, 'stop_reason'),
});
