// Opens the configured storage: PostgreSQL when a database URL is given, else SQLite under the data
// directory (created if missing). Either way the schema is migrated before this resolves.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StoragePort } from '../../domain/storage-port';
import { createSqlStorage, type StorageOptions } from './sql-storage';
import { openSqliteDriver } from './sqlite-driver';
import { describeError, StorageUnavailableError } from './storage-errors';
import { silentStorageLog } from './storage-log';

export const SQLITE_FILE_NAME = 'kalshi-trader.sqlite';

export interface OpenStorageOptions extends StorageOptions {
  /** V3_DATA_DIR: holds the SQLite file. */
  dataDir: string;
  /** V3_DATABASE_URL: `postgres://…` selects PostgreSQL. */
  databaseUrl?: string;
}

/** Rejects with a StorageError (one line, no password) when the database cannot be used. */
export async function openStorage(options: OpenStorageOptions): Promise<StoragePort> {
  const log = options.log ?? silentStorageLog;
  if (options.databaseUrl !== undefined) {
    // Imported only here: pg and its dependencies are a quarter of a second of every SQLite start-up.
    const { openPostgresDriver } = await import('./postgres-driver');
    return createSqlStorage(await openPostgresDriver(options.databaseUrl, log), options);
  }
  try {
    mkdirSync(options.dataDir, { recursive: true });
  } catch (err) {
    throw new StorageUnavailableError(
      `storage: cannot create the data directory ${options.dataDir}: ${describeError(err)}`,
    );
  }
  return createSqlStorage(openSqliteDriver(join(options.dataDir, SQLITE_FILE_NAME)), options);
}
