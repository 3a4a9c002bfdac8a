// Schema version 4: settlements, the fill ledger's other entries (insert-once per daemon and market).
import type { Migration } from './sql-dialect';

export const settlementsMigration: Migration = {
  version: 4,
  name: 'settlements',
  statements: (d) => [
    // A market settles once per account (the ledger keys its entry by ticker), so one row per daemon
    // and ticker. `value` is the YES payout per contract in ticks: $1 yes, $0 no, between for scalar.
    `CREATE TABLE settlements (
      seq ${d.id},
      daemon_id ${d.text} NOT NULL,
      session_id ${d.int} NOT NULL REFERENCES sessions (session_id),
      ticker ${d.text} NOT NULL,
      value ${d.int} NOT NULL,
      fee ${d.int} NOT NULL,
      settled_ms ${d.int} NOT NULL,
      recorded_ms ${d.int} NOT NULL,
      UNIQUE (daemon_id, ticker)
    )${d.table}`,
  ],
};
