// How pg turns PostgreSQL values into JS: BIGINT and NUMERIC (sums) become exact integers, as SQLite
// gives them, instead of strings; a value that cannot be held exactly is an error, never rounded.
import pg, { type CustomTypesConfig } from 'pg';

const INT8 = 20;
const NUMERIC = 1700;

function exactInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`storage: ${text} is not an exact integer`);
  return value;
}

export const PG_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC
      ? exactInteger
      : pg.types.getTypeParser(oid, format as 'text')) as CustomTypesConfig['getTypeParser'],
};

/** `?` placeholders (the shared SQL) to PostgreSQL's `$1, $2, ...`; the shared SQL has no `?` literals. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
