// What each queued history write does in SQL, shared by both databases.
import type { HistoryWrite } from '../../domain/storage-records';
import { type SqlStatement, sql } from './sql-statement';

/** Who is writing: every history row names its session and daemon. */
export interface WriterIdentity {
  readonly sessionId: number;
  readonly daemonId: string;
}

/** The statements of one queued write, in the order they must run. */
export function historyStatements(write: HistoryWrite, who: WriterIdentity): SqlStatement[] {
  const { sessionId, daemonId } = who;
  switch (write.kind) {
    case 'transition':
      return [
        sql(
          `INSERT INTO state_transitions (session_id, daemon_id, at_ms, from_state, to_state, reason)
           VALUES (?, ?, ?, ?, ?, ?)`,
          sessionId,
          daemonId,
          write.atMs,
          write.from,
          write.to,
          write.reason,
        ),
      ];
    case 'intent': {
      const i = write.intent;
      const intent = sql(
        `INSERT INTO intents (intent_id, session_id, daemon_id, at_ms, source, ticker, side, price, count,
           reason, decision, rule, decision_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (intent_id) DO NOTHING`,
        i.intentId,
        sessionId,
        daemonId,
        i.atMs,
        i.source,
        i.ticker,
        i.side,
        i.price,
        i.count,
        i.reason,
        i.decision,
        i.rule,
        i.decisionReason,
      );
      if (i.decision !== 'rejected') return [intent];
      const rejection = sql(
        `INSERT INTO risk_rejections (session_id, daemon_id, at_ms, intent_id, ticker, side, price, count,
           rule, reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        sessionId,
        daemonId,
        i.atMs,
        i.intentId,
        i.ticker,
        i.side,
        i.price,
        i.count,
        i.rule ?? 'unknown',
        i.decisionReason ?? '',
      );
      return [intent, rejection];
    }
    case 'order': {
      const o = write.order;
      const orderId = o.orderId === '' ? null : o.orderId;
      const note = write.note ?? null;
      return [
        // An order storage lacks (adopted from the exchange) is inserted; a known one takes the new state,
        // unless another daemon sharing the database owns it.
        sql(
          `INSERT INTO orders (client_order_id, order_id, session_id, daemon_id, source, ticker, side, price,
             initial_count, fill_count, remaining_count, status, created_ms, updated_ms, note)
           VALUES (?, ?, ?, ?, 'adopted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (client_order_id) DO UPDATE SET
             order_id = COALESCE(excluded.order_id, orders.order_id),
             fill_count = excluded.fill_count,
             remaining_count = excluded.remaining_count,
             status = excluded.status,
             updated_ms = excluded.updated_ms,
             note = COALESCE(excluded.note, orders.note)
           WHERE orders.daemon_id = excluded.daemon_id`,
          o.clientOrderId,
          orderId,
          sessionId,
          daemonId,
          o.ticker,
          o.side,
          o.price,
          o.initialCount,
          o.fillCount,
          o.remainingCount,
          o.status,
          o.createdMs ?? write.atMs,
          o.updatedMs ?? write.atMs,
          note,
        ),
        sql(
          `INSERT INTO order_events (client_order_id, session_id, at_ms, event, status, order_id, fill_count,
             remaining_count, note)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          o.clientOrderId,
          sessionId,
          write.atMs,
          write.event,
          o.status,
          orderId,
          o.fillCount,
          o.remainingCount,
          note,
        ),
      ];
    }
    case 'fill': {
      const f = write.fill;
      return [
        sql(
          `INSERT INTO fills (daemon_id, session_id, fill_id, trade_id, order_id, client_order_id, ticker, side,
             price, count, is_taker, fee, ts_ms, recorded_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (daemon_id, fill_id) DO NOTHING`,
          daemonId,
          sessionId,
          f.fillId,
          f.tradeId,
          f.orderId,
          f.clientOrderId,
          f.ticker,
          f.side,
          f.price,
          f.count,
          f.isTaker ? 1 : 0,
          f.fee,
          f.tsMs,
          write.atMs,
        ),
      ];
    }
    case 'settlement': {
      const s = write.settlement;
      return [
        sql(
          `INSERT INTO settlements (daemon_id, session_id, ticker, value, fee, settled_ms, recorded_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (daemon_id, ticker) DO NOTHING`,
          daemonId,
          sessionId,
          s.ticker,
          s.value,
          s.fee,
          s.tsMs,
          write.atMs,
        ),
      ];
    }
    case 'position': {
      const p = write.position;
      return [
        sql(
          `INSERT INTO position_snapshots (session_id, daemon_id, at_ms, ticker, position, exposure,
             total_traded, realized_pnl, fees_paid)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          sessionId,
          daemonId,
          write.atMs,
          p.ticker,
          p.position,
          p.exposure,
          p.totalTraded,
          p.realizedPnl,
          p.feesPaid,
        ),
      ];
    }
    case 'balance':
      return [
        sql(
          `INSERT INTO balance_snapshots (session_id, daemon_id, at_ms, balance, portfolio_value)
           VALUES (?, ?, ?, ?, ?)`,
          sessionId,
          daemonId,
          write.atMs,
          write.balance.balance,
          write.balance.portfolioValue,
        ),
      ];
  }
}
