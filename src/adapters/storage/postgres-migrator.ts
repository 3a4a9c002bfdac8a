// Brings a PostgreSQL database to the code's schema version in one transaction, under an advisory lock
// so daemons starting together against one database migrate one after the other, never alongside.
import type pg from 'pg';
import {
  CURRENT_VERSION_SQL,
  pendingMigrations,
  RECORD_VERSION_SQL,
  schemaTableDdl,
} from './migrations/migration-plan';
import { DIALECTS } from './migrations/sql-dialect';
import { numberPlaceholders } from './pg-types';

/** Any fixed number will do, as long as every kalshi-trader uses the same one ("kt" + "migr"). */
export const MIGRATION_LOCK_KEY = 0x6b74_6d69_6772;

/** Applies the migrations up to `target` (default: the latest); returns the version reached. */
export async function migratePostgres(
  client: pg.ClientBase,
  target?: number,
  now: () => number = Date.now,
): Promise<number> {
  const d = DIALECTS.postgres;
  await client.query('BEGIN');
  try {
    // Held until COMMIT/ROLLBACK; the second daemon waits here, then finds nothing left to do.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(schemaTableDdl(d));
    const { rows } = await client.query<{ version: number }>(CURRENT_VERSION_SQL);
    const version = Number(rows[0]?.version ?? 0);
    let reached = version;
    for (const m of pendingMigrations(version, target)) {
      for (const statement of m.statements(d)) await client.query(statement);
      await client.query(numberPlaceholders(RECORD_VERSION_SQL), [m.version, m.name, now()]);
      reached = m.version;
    }
    await client.query('COMMIT');
    return reached;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
