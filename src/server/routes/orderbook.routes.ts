// GET /v3/orderbook/:ticker?depth=N with Kalshi's depth semantics (0, negative or absent = all levels).
import { Hono } from 'hono';
import { ApiError } from '../http-errors';
import type { DaemonPorts } from '../ports';

export const MAX_DEPTH = 100;

/** undefined = the whole book; throws ApiError(400) for anything that is not an integer ≤ 100. */
export function parseDepth(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d{1,6}$/.test(raw)) throw new ApiError(400, 'invalid_depth', 'depth must be an integer');
  const depth = Number(raw);
  if (depth > MAX_DEPTH) throw new ApiError(400, 'invalid_depth', `depth must be at most ${MAX_DEPTH}`);
  return depth > 0 ? depth : undefined;
}

export function orderbookRoutes(ports: DaemonPorts): Hono {
  return new Hono().get('/:ticker', (c) => {
    const ticker = c.req.param('ticker');
    const book = ports.getBook(ticker, parseDepth(c.req.query('depth')));
    if (book === undefined)
      throw new ApiError(404, 'not_found', `no orderbook for market ${ticker.slice(0, 128)}`);
    return c.json(book);
  });
}
