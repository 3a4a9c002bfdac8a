// Writes that bypass the queue, in SQL shared by both databases: session rows and the order row.
import type { NewOrder, SessionStart } from '../../domain/storage-records';
import type { WriterIdentity } from './history-writes';
import { type SqlStatement, sql } from './sql-statement';

export const markUncleanSessions = (daemonId: string): SqlStatement =>
  sql(
    "UPDATE sessions SET stop_reason = 'unclean' WHERE daemon_id = ? AND stopped_ms IS NULL AND stop_reason IS NULL",
    daemonId,
  );

export const insertSession = (s: SessionStart): SqlStatement =>
  sql(
    `INSERT INTO sessions (uuid, daemon_id, order_prefix, exchange, started_ms)
     VALUES (?, ?, ?, ?, ?) RETURNING session_id`,
    s.uuid,
    s.daemonId,
    s.orderPrefix,
    s.exchange,
    s.startedMs,
  );

export const stopSession = (sessionId: number, stoppedMs: number, reason: string): SqlStatement =>
  sql(
    'UPDATE sessions SET stopped_ms = ?, stop_reason = ? WHERE session_id = ?',
    stoppedMs,
    reason,
    sessionId,
  );

/** The row committed before the create leaves. An existing client_order_id is left as it is. */
export const insertOrder = (o: NewOrder, who: WriterIdentity): SqlStatement =>
  sql(
    `INSERT INTO orders (client_order_id, session_id, daemon_id, intent_id, source, ticker, side, price,
       initial_count, fill_count, remaining_count, status, created_ms, updated_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 'pending', ?, ?)
     ON CONFLICT (client_order_id) DO NOTHING`,
    o.clientOrderId,
    who.sessionId,
    who.daemonId,
    o.intentId,
    o.source,
    o.ticker,
    o.side,
    o.price,
    o.count,
    o.count,
    o.createdMs,
    o.createdMs,
  );
