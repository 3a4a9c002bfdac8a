// The databases the storage suites run against: SQLite in a temp dir, and a real PostgreSQL server
// started for the suite (describeStorageTargets declares a body once per backend, fresh databases inside).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { type OpenStorageOptions, openStorage, SQLITE_FILE_NAME } from '../../../src/adapters/storage';
import { numberPlaceholders, PG_TYPES } from '../../../src/adapters/storage/pg-types';
import { migratePostgres } from '../../../src/adapters/storage/postgres-migrator';
import type { StorageOptions } from '../../../src/adapters/storage/sql-storage';
import { migrateSqlite } from '../../../src/adapters/storage/sqlite-migrator';
import type { StoragePort } from '../../../src/domain/storage-port';
import type { StorageBackend } from '../../../src/domain/storage-records';
import { type PostgresServer, postgresMissing, startPostgresServer } from '../../support/postgres-server';

export type Row = Record<string, unknown>;

export interface StorageDatabase {
  /** What openStorage needs to reach this database (a child process can use it too). */
  readonly options: OpenStorageOptions;
  /** The storage port on this database, migrated; closed after the test if still open. */
  open(options?: StorageOptions): Promise<StoragePort>;
  /** Raw SQL (`?` placeholders) on a connection of its own: for checks the port has no read for. */
  query(sql: string, ...params: (string | number | null)[]): Promise<Row[]>;
  /** Migrates this (empty or older) database up to `version` only. */
  migrateTo(version: number): Promise<number>;
}

export interface StorageTarget {
  readonly backend: StorageBackend;
  /** A new, empty database. */
  newDatabase(): Promise<StorageDatabase>;
  /** The PostgreSQL server (postgres target only). */
  readonly server: PostgresServer;
}

const isCI = () => process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/**
 * Declares `body` once per backend as `describe('<name> [<backend>]')`. PostgreSQL needs its server
 * binaries: without them CI fails with the reason (a skipped suite would read as green), and a
 * developer machine skips with the reason in the title. A server that will not start fails the suite.
 */
export function describeStorageTargets(
  name: string,
  body: (target: StorageTarget) => void,
  backends: readonly StorageBackend[] = ['sqlite', 'postgres'],
): void {
  for (const backend of backends) {
    const missing = backend === 'postgres' ? postgresMissing() : undefined;
    if (missing === undefined) describe(`${name} [${backend}]`, () => body(managedTarget(backend)));
    else if (isCI())
      describe(`${name} [${backend}]`, () =>
        it('has a PostgreSQL server to run on', () => {
          throw new Error(missing);
        }));
    else describe.skip(`${name} [${backend}] (skipped: ${missing})`, () => body(managedTarget(backend)));
  }
}

/** A target whose server, temp dirs and open storages are cleaned up by the enclosing describe. */
function managedTarget(backend: StorageBackend): StorageTarget {
  let server: PostgresServer | undefined;
  const dirs: string[] = [];
  const opened: StoragePort[] = [];
  beforeAll(async () => {
    if (backend === 'postgres') server = await startPostgresServer();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
  });
  afterAll(async () => {
    await server?.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  const track = async (storage: Promise<StoragePort>) => {
    const s = await storage;
    opened.push(s);
    return s;
  };
  return {
    backend,
    get server() {
      if (!server) throw new Error('no PostgreSQL server on this target');
      return server;
    },
    async newDatabase() {
      const dataDir = await mkdtemp(join(tmpdir(), 'kalshi-trader-storage-'));
      dirs.push(dataDir);
      if (backend === 'sqlite') return sqliteDatabase(dataDir, track);
      return postgresDatabase(dataDir, await server!.createDatabase(), track);
    },
  };
}

type Track = (storage: Promise<StoragePort>) => Promise<StoragePort>;

function sqliteDatabase(dataDir: string, track: Track): StorageDatabase {
  const file = join(dataDir, SQLITE_FILE_NAME);
  const withDb = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(file);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    options: { dataDir },
    open: (options = {}) => track(openStorage({ ...options, dataDir })),
    async query(sql, ...params) {
      return withDb((db) => {
        const stmt = db.prepare(sql);
        if (stmt.reader) return stmt.all(...params) as Row[];
        stmt.run(...params);
        return [];
      });
    },
    migrateTo: async (version) => withDb((db) => migrateSqlite(db, version)),
  };
}

function postgresDatabase(dataDir: string, databaseUrl: string, track: Track): StorageDatabase {
  const withClient = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: databaseUrl, types: PG_TYPES });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    options: { dataDir, databaseUrl },
    open: (options = {}) => track(openStorage({ ...options, dataDir, databaseUrl })),
    query: (sql, ...params) => withClient(async (c) => (await c.query(numberPlaceholders(sql), params)).rows),
    migrateTo: (version) => withClient((c) => migratePostgres(c, version)),
  };
}
