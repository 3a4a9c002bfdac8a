// Schema version 3: the fill ledger (insert-once per daemon and fill_id) and position/balance snapshots.
import type { Migration } from './sql-dialect';

export const ledgerMigration: Migration = {
  version: 3,
  name: 'fills, position and balance snapshots',
  statements: (d) => [
    // Unique per daemon, not globally: two daemons on one account each keep the account's whole ledger.
    `CREATE TABLE fills (
      seq ${d.id},
      daemon_id ${d.text} NOT NULL,
      session_id ${d.int} NOT NULL REFERENCES sessions (session_id),
      fill_id ${d.text} NOT NULL,
      trade_id ${d.text} NOT NULL,
      order_id ${d.text} NOT NULL,
      client_order_id ${d.text},
      ticker ${d.text} NOT NULL,
      side ${d.text} NOT NULL CHECK (side IN ('bid', 'ask')),
      price ${d.int} NOT NULL,
      count ${d.int} NOT NULL,
      is_taker ${d.int} NOT NULL CHECK (is_taker IN (0, 1)),
      fee ${d.int} NOT NULL,
      ts_ms ${d.int} NOT NULL,
      recorded_ms ${d.int} NOT NULL,
      UNIQUE (daemon_id, fill_id)
    )${d.table}`,
    'CREATE INDEX fills_daemon_ticker ON fills (daemon_id, ticker, seq)',
    'CREATE INDEX fills_session ON fills (session_id, seq)',
    `CREATE TABLE position_snapshots (
      id ${d.id},
      session_id ${d.int} NOT NULL REFERENCES sessions (session_id),
      daemon_id ${d.text} NOT NULL,
      at_ms ${d.int} NOT NULL,
      ticker ${d.text} NOT NULL,
      position ${d.int} NOT NULL,
      exposure ${d.int} NOT NULL,
      total_traded ${d.int} NOT NULL,
      realized_pnl ${d.int} NOT NULL,
      fees_paid ${d.int} NOT NULL
    )${d.table}`,
    'CREATE INDEX position_snapshots_daemon ON position_snapshots (daemon_id, at_ms)',
    'CREATE INDEX position_snapshots_session ON position_snapshots (session_id, at_ms)',
    `CREATE TABLE balance_snapshots (
      id ${d.id},
      session_id ${d.int} NOT NULL REFERENCES sessions (session_id),
      daemon_id ${d.text} NOT NULL,
      at_ms ${d.int} NOT NULL,
      balance ${d.int} NOT NULL,
      portfolio_value ${d.int} NOT NULL
    )${d.table}`,
    'CREATE INDEX balance_snapshots_session ON balance_snapshots (session_id, at_ms)',
  ],
};
