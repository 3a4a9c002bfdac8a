// What the shared storage code needs from a database: run statements, in a transaction or alone.
import type { StorageBackend } from '../../domain/storage-records';
import type { SqlRow, SqlStatement } from './sql-statement';

export interface SqlDriver {
  readonly backend: StorageBackend;
  /** Where the data lives, safe to log. */
  readonly location: string;
  /** All statements in one transaction; resolves once committed, rejects having committed nothing. */
  transaction(statements: readonly SqlStatement[]): Promise<void>;
  /** One statement on its own, committed when it resolves; resolves with the rows it changed. */
  run(statement: SqlStatement): Promise<number>;
  all(statement: SqlStatement): Promise<SqlRow[]>;
  /** True for a failure that may pass (unreachable, busy), false for a statement the database refuses. */
  isTransient(err: unknown): boolean;
  /** One line for logs and stats, secrets removed. */
  describe(err: unknown): string;
  close(): Promise<void>;
}
