// The PostgreSQL driver (pg): a small pool; a statement or transaction has committed when its promise
// resolves. Several daemons may share the database: rows name their daemon and session.
import pg from 'pg';
import { numberPlaceholders, PG_TYPES } from './pg-types';
import { migratePostgres } from './postgres-migrator';
import type { SqlDriver } from './sql-driver';
import type { SqlStatement } from './sql-statement';
import { describeError, StorageError, StorageUnavailableError } from './storage-errors';
import type { StorageLog } from './storage-log';

/** SQLSTATE classes that may pass: connection (08), resources (53), operator (57), rollback (40). */
const TRANSIENT_SQLSTATE = /^(08|53|57|40)/;

/** `postgres://user@host:port/db`: the URL without its password, for logs and errors. */
export function databaseLocation(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

function passwordOf(url: string): string | undefined {
  try {
    return new URL(url).password || undefined;
  } catch {
    return undefined;
  }
}

export async function openPostgresDriver(url: string, log: StorageLog): Promise<SqlDriver> {
  const location = databaseLocation(url);
  const secret = passwordOf(url);
  const describe = (err: unknown) => scrubUrl(describeError(err, secret), url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    types: PG_TYPES,
    connectionTimeoutMillis: 10_000,
    // A hung server must not hang an order forever; a timed-out order insert is not sent.
    query_timeout: 30_000,
    application_name: 'kalshi-trader',
  });
  // An idle connection dropped by the server emits here; without a listener it would crash the process.
  pool.on('error', (err) => log.warn({ reason: describe(err) }, 'storage: idle database connection lost'));
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (err instanceof StorageError) throw err;
    throw new StorageUnavailableError(`storage: cannot open ${location}: ${describe(err)}`);
  }
  return postgresDriver(pool, location, describe);
}

function postgresDriver(pool: pg.Pool, location: string, describe: (err: unknown) => string): SqlDriver {
  const converted = new Map<string, string>();
  const text = (s: SqlStatement) => {
    let out = converted.get(s.sql);
    if (out === undefined) {
      out = numberPlaceholders(s.sql);
      converted.set(s.sql, out);
    }
    return out;
  };
  return {
    backend: 'postgres',
    location,
    async transaction(statements) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        for (const s of statements) await client.query(text(s), [...s.params]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackErr: Error) => {
          broken = rollbackErr; // the connection is gone: do not hand it back to the pool
        });
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async run(s) {
      return (await pool.query(text(s), [...s.params])).rowCount ?? 0;
    },
    async all(s) {
      return (await pool.query(text(s), [...s.params])).rows as Record<string, unknown>[];
    },
    // Not a server error: a socket or pool failure (refused, reset, timed out), so worth a retry.
    isTransient: (err) => !(err instanceof pg.DatabaseError) || TRANSIENT_SQLSTATE.test(err.code ?? ''),
    describe,
    async close() {
      await pool.end();
    },
  };
}

/** Belt and braces: an error that quotes the whole URL shows it without the password. */
const scrubUrl = (text: string, url: string): string => text.split(url).join(databaseLocation(url));
