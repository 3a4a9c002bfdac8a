// The lifecycle on demand under /sim/markets: create a market, close it (now, or `in_seconds`), settle it
// with a result, pause and resume it. Durations in a body are simulated seconds (the time scale applies, as to everything
// the lifecycle schedules); answers carry the market as GET /markets/{ticker} shows it.
import { Hono } from 'hono';
import { z } from 'zod';
import { PRICE_ONE, parsePrice } from '../../domain/fixed-point';
import type { Determination, SimExchangeEngine } from '../engine';
import { eventCode } from '../engine/market-generator';
import type { EngineError, EngineResult, SimMarket } from '../engine/types';
import { marketToWire } from '../rest/wire-markets';
import { badRequest, issuesText, jsonBody } from './admin-body';

const ticker = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore and dash only');
/** A whole-cent dollar string: "0.42" or "0.4200" (settlement values are paid in whole cents). */
const cents = z.string().regex(/^(0(\.\d{1,2}(00)?)?|1(\.0{1,4})?)$/, 'a whole-cent price from 0 to 1');

const createSchema = z
  .object({
    ticker: ticker.optional(),
    event_ticker: ticker.optional(),
    series_ticker: ticker.optional(),
    title: z.string().min(1).max(200).optional(),
    /** Simulated seconds until it opens (0: open now) and until it closes (default one hour). */
    open_in_seconds: z
      .number()
      .min(0)
      .max(365 * 86_400)
      .optional(),
    close_in_seconds: z
      .number()
      .positive()
      .max(5 * 365 * 86_400)
      .optional(),
    /** Where the initial book is centred ("0.5000"); absent: an empty book. */
    mid_dollars: z
      .string()
      .regex(/^0\.\d{1,4}$/, 'a price between 0 and 1')
      .optional(),
    price_level_structure: z.enum(['linear_cent', 'deci_cent', 'tapered_deci_cent']).optional(),
  })
  .strict();

/** Absent or 0: close now; otherwise the close_time moves this many simulated seconds from now. */
const closeSchema = z
  .object({
    in_seconds: z
      .number()
      .min(0)
      .max(5 * 365 * 86_400)
      .optional(),
  })
  .strict();

const settleSchema = z
  .object({ result: z.enum(['yes', 'no', 'scalar']), value: cents.optional() })
  .strict()
  .refine((b) => (b.result === 'scalar') === (b.value !== undefined), {
    message: 'value (the YES payout, whole cents) comes with result "scalar" and only with it',
  });

const DEFAULT_CLOSE_SECONDS = 3_600;

export function marketAdminRoutes(exchange: SimExchangeEngine, now: () => number): Hono {
  const app = new Hono();
  let created = 0;
  const wire = (m: SimMarket) => marketToWire(m, exchange.topOfBook(m.ticker));
  const answer = (result: EngineResult<SimMarket>, status: 200 | 201 = 200) =>
    result.ok
      ? Response.json({ ticker: result.value.ticker, market: wire(result.value) }, { status })
      : engineError(result.error);

  app.post('/', async (c) => {
    const body = createSchema.safeParse((await jsonBody(c.req.raw)) ?? {});
    if (!body.success) return c.json(badRequest('invalid market', issuesText(body.error)), 400);
    const b = body.data;
    const nowMs = now();
    const seconds = (s: number) => Math.round((s * 1000) / exchange.timeScale);
    const closeTimeMs = nowMs + seconds(b.close_in_seconds ?? DEFAULT_CLOSE_SECONDS);
    const openTimeMs = nowMs + seconds(b.open_in_seconds ?? 0);
    if (openTimeMs >= closeTimeMs) return c.json(badRequest('the market must open before it closes'), 400);
    const series = b.series_ticker ?? 'KXSIMADMIN';
    const event = b.event_ticker ?? `${series}-${eventCode(closeTimeMs, 1)}`;
    created++;
    const result = exchange.createMarket({
      ticker: b.ticker ?? `${event}-M${created}`,
      eventTicker: event,
      seriesTicker: series,
      ...(b.title === undefined ? {} : { title: b.title }),
      ...(b.price_level_structure === undefined ? {} : { priceLevelStructure: b.price_level_structure }),
      openTimeMs,
      closeTimeMs,
      ...(b.mid_dollars === undefined ? {} : { mid: parsePrice(b.mid_dollars) }),
    });
    return answer(result, 201);
  });

  app.post('/:ticker/close', async (c) => {
    const body = closeSchema.safeParse((await jsonBody(c.req.raw)) ?? {});
    if (!body.success) return c.json(badRequest('invalid close', issuesText(body.error)), 400);
    const inSeconds = body.data.in_seconds ?? 0;
    // On a whole second, as Kalshi's close times are (lifecycle frames carry seconds).
    const atMs =
      inSeconds > 0
        ? Math.ceil((now() + Math.round((inSeconds * 1000) / exchange.timeScale)) / 1000) * 1000
        : undefined;
    return answer(exchange.closeMarket(c.req.param('ticker'), atMs));
  });

  app.post('/:ticker/settle', async (c) => {
    const body = settleSchema.safeParse(await jsonBody(c.req.raw));
    if (!body.success) return c.json(badRequest('invalid settlement', issuesText(body.error)), 400);
    const { result, value } = body.data;
    const determination: Determination =
      result === 'scalar'
        ? { result, value: parsePrice(value as string) }
        : { result, value: result === 'yes' ? PRICE_ONE : 0 };
    return answer(exchange.settleMarket(c.req.param('ticker'), determination));
  });

  app.post('/:ticker/pause', (c) => answer(exchange.pauseMarket(c.req.param('ticker'), true)));
  app.post('/:ticker/resume', (c) => answer(exchange.pauseMarket(c.req.param('ticker'), false)));

  return app;
}

function engineError(error: EngineError): Response {
  const body = {
    code: error.code,
    message: error.message,
    ...(error.details ? { details: error.details } : {}),
  };
  return Response.json({ error: body }, { status: error.status });
}
