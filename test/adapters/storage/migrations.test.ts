// Schema migrations on SQLite and PostgreSQL: from empty, from every earlier version with its rows kept,
// idempotent on restart, a database newer than the code refused; on PostgreSQL, concurrent starts.
import { beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, StorageSchemaTooNewError } from '../../../src/adapters/storage';
import { MIGRATIONS } from '../../../src/adapters/storage/migrations/migration-plan';
import type { StorageBackend } from '../../../src/domain/storage-records';
import { session } from './storage-fixtures';
import { describeStorageTargets, type Row, type StorageDatabase } from './storage-targets';

/** Rows an older version's daemon would have left, per version that introduced their tables. */
const SEEDS: Record<number, string[]> = {
  1: [
    `INSERT INTO sessions (uuid, daemon_id, order_prefix, exchange, started_ms, stopped_ms, stop_reason)
     VALUES ('old-run', 'daemon-a', 'kt-', 'simulator', 1000, 2000, 'SIGTERM')`,
    `INSERT INTO state_transitions (session_id, daemon_id, at_ms, from_state, to_state, reason)
     VALUES (1, 'daemon-a', 1500, 'ready', 'shutdown', 'SIGTERM')`,
  ],
  2: [
    `INSERT INTO orders (client_order_id, order_id, session_id, daemon_id, intent_id, source, ticker, side, price,
       initial_count, fill_count, remaining_count, status, created_ms, updated_ms)
     VALUES ('kt-old', 'ord-old', 1, 'daemon-a', NULL, 'strategy', 'KXOLD', 'ask', 6100, 200, 200, 0, 'executed',
       1100, 1200)`,
  ],
  3: [
    `INSERT INTO fills (daemon_id, session_id, fill_id, trade_id, order_id, client_order_id, ticker, side, price,
       count, is_taker, fee, ts_ms, recorded_ms)
     VALUES ('daemon-a', 1, 'fill-old', 'trade-old', 'ord-old', 'kt-old', 'KXOLD', 'ask', 6100, 200, 1, 14000, 1150,
       1160)`,
  ],
};

/** Tables and their columns (name, type, nullability) as the database describes them. */
async function schemaOf(db: StorageDatabase, backend: StorageBackend): Promise<Row[]> {
  if (backend === 'postgres') {
    return db.query(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
  }
  return db.query(
    `SELECT m.name AS table_name, c.name AS column_name, c.type AS data_type, c."notnull" AS not_null
     FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' ORDER BY m.name, c.cid`,
  );
}

const indexesOf = (db: StorageDatabase, backend: StorageBackend): Promise<Row[]> =>
  backend === 'postgres'
    ? db.query("SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname")
    : db.query("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name");

describe('the migration list', () => {
  it('numbers versions 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });
});

describeStorageTargets('migrations', (t) => {
  let db: StorageDatabase;
  beforeEach(async () => {
    db = await t.newDatabase();
  });

  it('creates the whole schema on an empty database and records every version once', async () => {
    const storage = await db.open();
    await storage.close();
    await db.open(); // a restart finds nothing to do
    expect(await db.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version })),
    );
  });

  for (let from = 0; from < LATEST_SCHEMA_VERSION; from++) {
    it(`upgrades a database at version ${from}, keeping its rows, to the schema a fresh one gets`, async () => {
      expect(await db.migrateTo(from)).toBe(from);
      for (let v = 1; v <= from; v++) for (const seed of SEEDS[v] ?? []) await db.query(seed);

      const storage = await db.open();
      expect((await db.query('SELECT MAX(version) AS v FROM schema_migrations'))[0]).toEqual({
        v: LATEST_SCHEMA_VERSION,
      });
      const sessions = await storage.listSessions({});
      expect(sessions.map((s) => s.uuid)).toEqual(from >= 1 ? ['old-run'] : []);
      const orders = await storage.listOrders({ status: 'final' });
      expect(orders.map((o) => o.clientOrderId)).toEqual(from >= 2 ? ['kt-old'] : []);
      const { fills } = await storage.listFills({});
      expect(fills.map((f) => [f.fillId, f.fee])).toEqual(from >= 3 ? [['fill-old', 14_000]] : []);
      // And the upgraded database works like a new one.
      await storage.startSession(session());

      const fresh = await t.newDatabase();
      await fresh.open();
      expect(await schemaOf(db, t.backend)).toEqual(await schemaOf(fresh, t.backend));
      expect(await indexesOf(db, t.backend)).toEqual(await indexesOf(fresh, t.backend));
    });
  }

  it('refuses a database newer than the code with one line, and leaves it untouched', async () => {
    await (await db.open()).close();
    const newer = LATEST_SCHEMA_VERSION + 1;
    await db.query(
      'INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)',
      newer,
      'future',
      1,
    );

    const error = await db.open().then(
      () => expect.unreachable('opened a database from the future'),
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(StorageSchemaTooNewError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(
      `schema version ${newer}, newer than this build supports (${LATEST_SCHEMA_VERSION})`,
    );
    expect(await db.query('SELECT COUNT(*) AS n FROM schema_migrations')).toEqual([{ n: newer }]);
  });
});

describeStorageTargets(
  'concurrent migrations',
  (t) => {
    it('lets daemons starting together migrate one database once, each of them starting', async () => {
      const db = await t.newDatabase();
      const storages = await Promise.all(Array.from({ length: 5 }, () => db.open()));
      const sessions = await Promise.all(
        storages.map((s, i) => s.startSession(session({ daemonId: `daemon-${i}` }))),
      );
      expect(new Set(sessions.map((s) => s.sessionId)).size).toBe(5);
      expect(await db.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(
        MIGRATIONS.map((m) => ({ version: m.version })),
      );
    });
  },
  ['postgres'],
);
