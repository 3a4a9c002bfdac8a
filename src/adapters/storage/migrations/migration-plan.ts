// The ordered list of schema migrations, the table that records them, and which ones a database still needs.
import { StorageSchemaTooNewError } from '../storage-errors';
import { historyMigration } from './001-history.migration';
import { ordersMigration } from './002-orders.migration';
import { ledgerMigration } from './003-ledger.migration';
import { settlementsMigration } from './004-settlements.migration';
import type { Migration, SqlDialect } from './sql-dialect';

/** Versions 1..N in order; a released migration is never edited, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [
  historyMigration,
  ordersMigration,
  ledgerMigration,
  settlementsMigration,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export const schemaTableDdl = (d: SqlDialect): string =>
  `CREATE TABLE IF NOT EXISTS schema_migrations (
    version ${d.int} PRIMARY KEY,
    name ${d.text} NOT NULL,
    applied_ms ${d.int} NOT NULL
  )${d.table}`;

export const CURRENT_VERSION_SQL = 'SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations';
export const RECORD_VERSION_SQL =
  'INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)';

/**
 * The migrations that take a database at `current` to `target` (default: the latest). A database
 * newer than this build refuses to start: its schema may mean things this code does not know.
 */
export function pendingMigrations(current: number, target = LATEST_SCHEMA_VERSION): Migration[] {
  if (current > LATEST_SCHEMA_VERSION) throw new StorageSchemaTooNewError(current, LATEST_SCHEMA_VERSION);
  return MIGRATIONS.filter((m) => m.version > current && m.version <= target);
}
