// Schema version 2: intents with their risk decision, the risk-rejection log, orders and their events.
import type { Migration } from './sql-dialect';

const SIDE = "CHECK (side IN ('bid', 'ask'))";
const STATUS = "CHECK (status IN ('pending', 'resting', 'canceled', 'executed', 'unknown', 'rejected'))";

export const ordersMigration: Migration = {
  version: 2,
  name: 'intents, risk rejections, orders and order events',
  statements: (d) => [
    `CREATE TABLE intents (
      intent_id ${d.text} PRIMARY KEY,
      session_id ${d.int} NOT NULL REFERENCES sessions (session_id),
      daemon_id ${d.text} NOT NULL,
      at_ms ${d.int} NOT NULL,
      source ${d.text} NOT NULL CHECK (source IN ('strategy', 'manual')),
      ticker ${d.text} NOT NULL,
      side ${d.text} NOT NULL ${SIDE},
      price ${d.int} NOT NULL,
      count ${d.int} NOT NULL,
      reason ${d.text},
      decision ${d.text} NOT NULL CHECK (decision IN ('allowed', 'rejected', 'dropped')),
      rule ${d.text},
      decision_reason ${d.text}
    )${d.table}`,
    'CREATE INDEX intents_session ON intents (session_id, at_ms)',
    'CREATE INDEX intents_daemon ON intents (daemon_id, at_ms)',
    // intent_id is not a foreign key here nor in orders: the intent row comes through the write queue,
    // after the order row that was committed before its create request left.
    `CREATE TABLE risk_rejections (
      id ${d.id},
      session_id ${d.int} NOT NULL REFERENCES sessions (session_id),
      daemon_id ${d.text} NOT NULL,
      at_ms ${d.int} NOT NULL,
      intent_id ${d.text},
      ticker ${d.text} NOT NULL,
      side ${d.text} NOT NULL ${SIDE},
      price ${d.int} NOT NULL,
      count ${d.int} NOT NULL,
      rule ${d.text} NOT NULL,
      reason ${d.text} NOT NULL
    )${d.table}`,
    'CREATE INDEX risk_rejections_daemon ON risk_rejections (daemon_id, at_ms)',
    `CREATE TABLE orders (
      client_order_id ${d.text} PRIMARY KEY,
      order_id ${d.text},
      session_id ${d.int} NOT NULL REFERENCES sessions (session_id),
      daemon_id ${d.text} NOT NULL,
      intent_id ${d.text},
      source ${d.text} NOT NULL CHECK (source IN ('strategy', 'manual', 'adopted')),
      ticker ${d.text} NOT NULL,
      side ${d.text} NOT NULL ${SIDE},
      price ${d.int} NOT NULL,
      initial_count ${d.int} NOT NULL,
      fill_count ${d.int} NOT NULL,
      remaining_count ${d.int} NOT NULL,
      status ${d.text} NOT NULL ${STATUS},
      created_ms ${d.int} NOT NULL,
      updated_ms ${d.int},
      note ${d.text}
    )${d.table}`,
    'CREATE INDEX orders_daemon_status ON orders (daemon_id, status, created_ms)',
    'CREATE INDEX orders_session ON orders (session_id, created_ms)',
    'CREATE INDEX orders_order_id ON orders (order_id)',
    `CREATE TABLE order_events (
      id ${d.id},
      client_order_id ${d.text} NOT NULL REFERENCES orders (client_order_id),
      session_id ${d.int} NOT NULL REFERENCES sessions (session_id),
      at_ms ${d.int} NOT NULL,
      event ${d.text} NOT NULL,
      status ${d.text} NOT NULL ${STATUS},
      order_id ${d.text},
      fill_count ${d.int} NOT NULL,
      remaining_count ${d.int} NOT NULL,
      note ${d.text}
    )${d.table}`,
    'CREATE INDEX order_events_order ON order_events (client_order_id, id)',
  ],
};
