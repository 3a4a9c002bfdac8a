// The wire as it is: one REST request with no schema, client or retries in between (signed like the
// daemon unless asked not to), and the text formats Kalshi uses for prices, counts and money.
import { authHeaders } from '../../src/adapters/kalshi/auth';
import type { Connection } from './targets';

export interface RawResponse {
  status: number;
  contentType: string;
  // biome-ignore lint/suspicious/noExplicitAny: wire bodies are checked field by field
  body: any;
}

/**
 * One request exactly as on the wire (no schema, no retries), signed like the daemon unless `signed`
 * is false. `path` is below the REST base, e.g. `/markets`; `query` has no leading `?`.
 */
export async function rawRequest(
  conn: Connection,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  opts: { query?: string; body?: unknown; signed?: boolean } = {},
): Promise<RawResponse> {
  const url = `${conn.restUrl}${path}${opts.query ? `?${opts.query}` : ''}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.signed !== false)
    Object.assign(headers, authHeaders(conn.credentials, method, new URL(url).pathname, Date.now));
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: text === '' ? null : JSON.parse(text),
  };
}

/** Kalshi's wire formats: prices 4 dp, counts 2 dp, money up to 6 dp. */
export const PRICE_TEXT = /^(0|1)\.\d{4}$/;
export const COUNT_TEXT = /^-?\d+\.\d{2}$/;
export const MONEY_TEXT = /^-?\d+\.\d{4,6}$/;
