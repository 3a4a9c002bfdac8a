// History from storage: GET /v3/fills (cursor), /v3/sessions, /v3/pnl, and /v3/orders?status= (the stored
// orders; without `status` /v3/orders stays the live view). Queries are checked by zod: a bad one is a 400
// naming the parameter; no storage attached is a 503.
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  type HistoryPort,
  toPnlPointView,
  toSessionView,
  toStoredFillView,
  toStoredOrderView,
} from '../history-views';
import { ApiError } from '../http-errors';
import type { DaemonPorts } from '../ports';
import { describeIssues } from '../ws-client-frames';

const DAY_MS = 86_400_000;
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, 'expected a non-negative integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
/** Unix ms, or ISO-8601 text. */
const time = z.string().transform((text, ctx) => {
  const ms = /^\d{1,15}$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'expected unix milliseconds or an ISO-8601 time' });
    return z.NEVER;
  }
  return ms;
});
const ticker = z.string().min(1).max(128);

export const FillsQuerySchema = z.strictObject({
  since: int(0, Number.MAX_SAFE_INTEGER).optional(),
  ticker: ticker.optional(),
  limit: int(1, 1000).optional(),
  session_id: int(1, Number.MAX_SAFE_INTEGER).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
export const StoredOrdersQuerySchema = z.strictObject({
  status: z.enum(['open', 'final', 'all']),
  ticker: ticker.optional(),
  limit: int(1, 1000).optional(),
  session_id: int(1, Number.MAX_SAFE_INTEGER).optional(),
});
export const SessionsQuerySchema = z.strictObject({ limit: int(1, 1000).optional() });
export const PnlQuerySchema = z.strictObject({ from: time.optional(), to: time.optional() });

function query<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new ApiError(400, 'invalid_query', describeIssues(parsed.error));
  return parsed.data;
}

function history(ports: DaemonPorts): HistoryPort {
  if (!ports.history) throw new ApiError(503, 'storage_unavailable', 'this daemon keeps no history');
  return ports.history;
}

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };

/** GET /v3/orders?status=open|final|all&ticker=&limit=&session_id=: stored orders, newest first. */
export async function storedOrders(c: Context, ports: DaemonPorts) {
  const q = query(c, StoredOrdersQuerySchema);
  const orders = await history(ports).listOrders(
    defined({ status: q.status, ticker: q.ticker, limit: q.limit, sessionId: q.session_id }),
  );
  return c.json({ orders: orders.map(toStoredOrderView) });
}

export function historyRoutes(ports: DaemonPorts, now: () => number = Date.now): Hono {
  return new Hono()
    .get('/fills', async (c) => {
      const q = query(c, FillsQuerySchema);
      const page = await history(ports).listFills(
        defined({
          since: q.since,
          ticker: q.ticker,
          limit: q.limit,
          sessionId: q.session_id,
          order: q.order,
        }),
      );
      return c.json({ fills: page.fills.map(toStoredFillView), next_cursor: page.nextCursor });
    })
    .get('/sessions', async (c) => {
      const q = query(c, SessionsQuerySchema);
      const sessions = await history(ports).listSessions(defined({ limit: q.limit }));
      return c.json({ sessions: sessions.map(toSessionView) });
    })
    .get('/pnl', async (c) => {
      const q = query(c, PnlQuerySchema);
      const toMs = q.to ?? now();
      const fromMs = q.from ?? toMs - DAY_MS;
      if (fromMs > toMs) throw new ApiError(400, 'invalid_query', 'from: must not be after to');
      const points = await history(ports).realizedPnlSeries({ fromMs, toMs });
      return c.json({ points: points.map(toPnlPointView) });
    });
}
