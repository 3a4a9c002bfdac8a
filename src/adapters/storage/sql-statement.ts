// A SQL statement with `?` placeholders and its parameters: the one form both database drivers run.

export type SqlParam = string | number | null;

export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

export const sql = (text: string, ...params: SqlParam[]): SqlStatement => ({ sql: text, params });

/** A row as drivers return it: column name to integer, text or null. */
export type SqlRow = Record<string, unknown>;

/** Column helpers for the row mappers: a driver gives numbers for integer columns (see pg-types.ts). */
export const num = (row: SqlRow, column: string): number => row[column] as number;
export const str = (row: SqlRow, column: string): string => row[column] as string;
export const numOrNull = (row: SqlRow, column: string): number | null =>
  (row[column] as number | null) ?? null;
export const strOrNull = (row: SqlRow, column: string): string | null =>
  (row[column] as string | null) ?? null;
