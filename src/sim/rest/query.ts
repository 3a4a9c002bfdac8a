// Query-string parsing shared by the list endpoints: limits, opaque cursors, lists and timestamps. Bad
// values are 400 invalid_parameters naming the parameter, never a silent default.
import type { Context } from 'hono';
import { badRequest } from './http-errors';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export function parseLimit(c: Context): number {
  const raw = c.req.query('limit');
  if (raw === undefined || raw === '') return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < 1 || limit > MAX_LIMIT) {
    throw badRequest(`limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return limit;
}

/** Integer query parameter within bounds, or undefined when absent. */
export function parseIntParam(
  c: Context,
  name: string,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
) {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < min || value > max) throw badRequest(`${name} must be an integer`);
  return value;
}

/** Comma-separated (and/or repeated) values, e.g. tickers=A,B or tickers=A&tickers=B. */
export function parseList(c: Context, name: string): string[] | undefined {
  const raw = c.req.queries(name);
  if (!raw || raw.length === 0) return undefined;
  const items = raw
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return items.length === 0 ? undefined : items;
}

/** Unix seconds → ms, for the min_ts / max_ts style filters. */
export function parseSecondsParam(c: Context, name: string): number | undefined {
  const seconds = parseIntParam(c, name, 0);
  return seconds === undefined ? undefined : seconds * 1000;
}

/**
 * Cursors are opaque to clients: base64url JSON naming the list they belong to and where to resume.
 * A cursor from another list, or a mangled one, is a 400.
 */
export function encodeCursor(list: string, at: string | number): string {
  return Buffer.from(JSON.stringify({ l: list, a: at }), 'utf8').toString('base64url');
}

export function decodeCursor(c: Context, list: string): string | number | null {
  const raw = c.req.query('cursor');
  if (raw === undefined || raw === '') return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { l?: unknown; a?: unknown };
    if (parsed.l === list && (typeof parsed.a === 'string' || typeof parsed.a === 'number')) return parsed.a;
  } catch {
    // fall through to the 400
  }
  throw badRequest('cursor is not valid for this endpoint');
}

/** Pages a list sorted by a string key, resuming after the key in the cursor. */
export function pageByKey<T>(
  items: readonly T[],
  key: (item: T) => string,
  after: string | null,
  limit: number,
) {
  const start = after === null ? 0 : items.findIndex((item) => key(item) > after);
  const rest = start === -1 ? [] : items.slice(start);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return { page, next: rest.length > limit && last !== undefined ? key(last) : null };
}
