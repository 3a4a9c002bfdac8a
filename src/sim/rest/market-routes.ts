// Public market data: exchange status, markets (filtered, paginated), one market, orderbooks.
import { Hono } from 'hono';
import type { SimMarket } from '../engine/types';
import { badRequest, fromEngine } from './http-errors';
import {
  decodeCursor,
  encodeCursor,
  pageByKey,
  parseIntParam,
  parseLimit,
  parseList,
  parseSecondsParam,
} from './query';
import type { RouteDeps, SimEnv } from './rest-context';
import {
  marketToWire,
  matchesStatusFilter,
  orderbookToWire,
  STATUS_FILTERS,
  type StatusFilter,
} from './wire-markets';

const MAX_BATCH_TICKERS = 100;

export function marketRoutes(deps: RouteDeps): Hono<SimEnv> {
  const { exchange } = deps;
  const app = new Hono<SimEnv>();
  const market = (ticker: string): SimMarket => {
    const m = exchange.getMarket(ticker);
    if (!m) throw fromEngine({ status: 404, code: 'market_not_found', message: 'market not found' });
    return m;
  };
  const wire = (m: SimMarket) => marketToWire(m, exchange.topOfBook(m.ticker));

  app.get('/exchange/status', (c) => {
    const active = exchange.exchangeActive();
    const trading = active && exchange.tradingActive();
    return c.json({
      exchange_active: active,
      trading_active: trading,
      exchange_estimated_resume_time: null,
      intra_exchange_transfers_active: active,
      exchange_index_statuses: [
        {
          exchange_index: 0,
          description: 'event contracts',
          exchange_active: active,
          trading_active: trading,
          intra_exchange_transfers_active: active,
        },
      ],
    });
  });

  app.get('/markets', (c) => {
    const limit = parseLimit(c);
    const after = decodeCursor(c, 'markets');
    const tickers = parseList(c, 'tickers');
    const eventTicker = c.req.query('event_ticker') || undefined;
    const seriesTicker = c.req.query('series_ticker') || undefined;
    const statuses = parseList(c, 'status');
    for (const s of statuses ?? []) {
      if (!STATUS_FILTERS.includes(s as StatusFilter)) {
        throw badRequest(`status must be one of ${STATUS_FILTERS.join(', ')}`);
      }
    }
    const mve = c.req.query('mve_filter');
    if (mve !== undefined && mve !== 'only' && mve !== 'exclude')
      throw badRequest('mve_filter must be only or exclude');
    const minClose = parseSecondsParam(c, 'min_close_ts');
    const maxClose = parseSecondsParam(c, 'max_close_ts');
    const minCreated = parseSecondsParam(c, 'min_created_ts');
    const maxCreated = parseSecondsParam(c, 'max_created_ts');
    const minSettled = parseSecondsParam(c, 'min_settled_ts');
    const maxSettled = parseSecondsParam(c, 'max_settled_ts');
    const settledIn = (m: SimMarket) =>
      (minSettled === undefined && maxSettled === undefined) ||
      (m.settledMs !== null &&
        (minSettled === undefined || m.settledMs >= minSettled) &&
        (maxSettled === undefined || m.settledMs <= maxSettled + 999));
    const matches = exchange
      .listMarkets()
      .filter(
        (m) =>
          (tickers === undefined || tickers.includes(m.ticker)) &&
          (eventTicker === undefined || m.eventTicker === eventTicker) &&
          (seriesTicker === undefined || m.seriesTicker === seriesTicker) &&
          (statuses === undefined || statuses.some((s) => matchesStatusFilter(m, s as StatusFilter))) &&
          mve !== 'only' && // the simulator has no multivariate (combo) markets
          (minClose === undefined || m.closeTimeMs >= minClose) &&
          (maxClose === undefined || m.closeTimeMs <= maxClose) &&
          (minCreated === undefined || m.createdMs >= minCreated) &&
          (maxCreated === undefined || m.createdMs <= maxCreated) &&
          settledIn(m),
      )
      .sort((a, b) => (a.ticker < b.ticker ? -1 : a.ticker > b.ticker ? 1 : 0));
    const { page, next } = pageByKey(matches, (m) => m.ticker, after === null ? null : String(after), limit);
    return c.json({ markets: page.map(wire), cursor: next === null ? '' : encodeCursor('markets', next) });
  });

  // Registered before /markets/:ticker so "orderbooks" is never taken for a ticker.
  app.get('/markets/orderbooks', (c) => {
    const tickers = parseList(c, 'tickers');
    if (!tickers) throw badRequest('tickers is required');
    if (tickers.length > MAX_BATCH_TICKERS) throw badRequest(`at most ${MAX_BATCH_TICKERS} tickers`);
    const orderbooks = tickers.map((ticker) => {
      market(ticker);
      return { ticker, orderbook_fp: orderbookToWire(exchange.getBook(ticker) ?? { yes: [], no: [] }, 0) };
    });
    return c.json({ orderbooks });
  });

  app.get('/markets/:ticker', (c) => c.json({ market: wire(market(c.req.param('ticker'))) }));

  app.get('/markets/:ticker/orderbook', (c) => {
    const m = market(c.req.param('ticker'));
    const depth = parseIntParam(c, 'depth', Number.MIN_SAFE_INTEGER, 100) ?? 0;
    return c.json({
      orderbook_fp: orderbookToWire(exchange.getBook(m.ticker) ?? { yes: [], no: [] }, depth),
    });
  });

  return app;
}
