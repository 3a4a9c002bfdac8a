// Schema version 1: sessions (one row per daemon run) and the root machine's state transitions.
import type { Migration } from './sql-dialect';

export const historyMigration: Migration = {
  version: 1,
  name: 'sessions and state transitions',
  statements: (d) => [
    `CREATE TABLE sessions (
      session_id ${d.id},
      uuid ${d.text} NOT NULL UNIQUE,
      daemon_id ${d.text} NOT NULL,
      order_prefix ${d.text} NOT NULL,
      exchange ${d.text} NOT NULL,
      started_ms ${d.int} NOT NULL,
      stopped_ms ${d.int},
      stop_reason ${d.text}
    )${d.table}`,
    'CREATE INDEX sessions_daemon ON sessions (daemon_id, session_id)',
    `CREATE TABLE state_transitions (
      id ${d.id},
      session_id ${d.int} NOT NULL REFERENCES sessions (session_id),
      daemon_id ${d.text} NOT NULL,
      at_ms ${d.int} NOT NULL,
      from_state ${d.text} NOT NULL,
      to_state ${d.text} NOT NULL,
      reason ${d.text}
    )${d.table}`,
    'CREATE INDEX state_transitions_session ON state_transitions (session_id, id)',
    'CREATE INDEX state_transitions_daemon ON state_transitions (daemon_id, id)',
  ],
};
