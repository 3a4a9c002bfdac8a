// Brings a SQLite database to the code's schema version in one immediate transaction (other
// processes opening the same file wait for it rather than migrating alongside).
import type Database from 'better-sqlite3';
import {
  CURRENT_VERSION_SQL,
  pendingMigrations,
  RECORD_VERSION_SQL,
  schemaTableDdl,
} from './migrations/migration-plan';
import { DIALECTS } from './migrations/sql-dialect';

/** Applies the migrations up to `target` (default: the latest); returns the version reached. */
export function migrateSqlite(db: Database.Database, target?: number, now: () => number = Date.now): number {
  const d = DIALECTS.sqlite;
  const migrate = db.transaction(() => {
    db.exec(schemaTableDdl(d));
    const { version } = db.prepare(CURRENT_VERSION_SQL).get() as { version: number };
    let reached = version;
    for (const m of pendingMigrations(version, target)) {
      for (const statement of m.statements(d)) db.exec(statement);
      db.prepare(RECORD_VERSION_SQL).run(m.version, m.name, now());
      reached = m.version;
    }
    return reached;
  });
  return migrate.immediate();
}
