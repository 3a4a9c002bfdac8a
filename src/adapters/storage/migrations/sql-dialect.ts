// The few words the two databases spell differently in DDL; migrations are written once against these.
import type { StorageBackend } from '../../../domain/storage-records';

export interface SqlDialect {
  /** An integer primary key the database assigns, in increasing order. */
  readonly id: string;
  /** A 64-bit integer: ms timestamps, money, counts. */
  readonly int: string;
  /**
   * Text that sorts byte-wise on both (PostgreSQL's default collation follows the locale, SQLite's
   * compares bytes): identifiers, tickers.
   */
  readonly text: string;
  /** Table options: SQLite's STRICT refuses a REAL in an INTEGER column, as PostgreSQL's BIGINT does. */
  readonly table: string;
}

export const DIALECTS: Record<StorageBackend, SqlDialect> = {
  sqlite: { id: 'INTEGER PRIMARY KEY', int: 'INTEGER', text: 'TEXT', table: ' STRICT' },
  postgres: {
    id: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
    int: 'BIGINT',
    text: 'TEXT COLLATE "C"',
    table: '',
  },
};

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The statements, in order, for one database; they run in the migration's transaction. */
  statements(d: SqlDialect): readonly string[];
}
