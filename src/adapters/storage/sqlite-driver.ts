// The SQLite driver (better-sqlite3): one file in WAL mode, every statement run synchronously, so a
// write has committed by the time the call returns.
import Database from 'better-sqlite3';
import type { SqlDriver } from './sql-driver';
import type { SqlStatement } from './sql-statement';
import { migrateSqlite } from './sqlite-migrator';
import { describeError, StorageError, StorageUnavailableError } from './storage-errors';

/** Busy, locked, disk full or I/O trouble may pass; a constraint or a type error will not. */
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|PROTOCOL|CANTOPEN)/;

export function openSqliteDriver(file: string): SqlDriver {
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    // WAL: readers never block the writer, and a commit is one append to the log. NORMAL syncs the log
    // at checkpoints, not per commit: a committed row survives the process being killed (the log is in
    // the OS), and only a power loss can take the last commits; orders lost that way are still ours by
    // prefix on the exchange, and restart reconciliation adopts them.
    if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') throw new Error('WAL mode refused');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrateSqlite(db);
  } catch (err) {
    if (db?.open) db.close();
    if (err instanceof StorageError) throw err;
    throw new StorageUnavailableError(`storage: cannot open ${file}: ${describeError(err)}`, { cause: err });
  }
  return sqliteDriver(db, file);
}

function sqliteDriver(db: Database.Database, file: string): SqlDriver {
  const cache = new Map<string, Database.Statement>();
  const prepare = (s: SqlStatement) => {
    let stmt = cache.get(s.sql);
    if (!stmt) {
      stmt = db.prepare(s.sql);
      cache.set(s.sql, stmt);
    }
    return stmt;
  };
  const inTransaction = db.transaction((statements: readonly SqlStatement[]) => {
    for (const s of statements) prepare(s).run(...s.params);
  });
  return {
    backend: 'sqlite',
    location: file,
    // Synchronous bodies: each one has committed before its promise is even returned.
    async transaction(statements) {
      inTransaction(statements);
    },
    async run(s) {
      return prepare(s).run(...s.params).changes;
    },
    async all(s) {
      return prepare(s).all(...s.params) as Record<string, unknown>[];
    },
    isTransient: (err) => TRANSIENT.test(String((err as { code?: unknown } | null)?.code ?? '')),
    describe: (err) => describeError(err),
    async close() {
      if (db.open) db.close();
    },
  };
}
