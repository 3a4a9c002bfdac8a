// Private reads: balance, positions, orders, fills and settlements of the authenticated user.
import { Hono } from 'hono';
import { notional, PRICE_ONE } from '../../domain/fixed-point';
import type { SimOrderStatus, SimPosition } from '../engine/types';
import { badRequest, notFound } from './http-errors';
import { decodeCursor, encodeCursor, pageByKey, parseLimit, parseList, parseSecondsParam } from './query';
import { type RouteDeps, type SimEnv, userOf } from './rest-context';
import {
  balanceToWire,
  eventPositionsToWire,
  fillToWire,
  orderToWire,
  positionToWire,
  settlementToWire,
} from './wire-portfolio';

const ORDER_STATUSES: readonly SimOrderStatus[] = ['resting', 'canceled', 'executed'];
const COUNT_FILTERS = ['position', 'total_traded'];

export function portfolioRoutes(deps: RouteDeps): Hono<SimEnv> {
  const { exchange } = deps;
  const app = new Hono<SimEnv>();

  /** Open positions marked at the last traded price (at cost while a market has not traded). */
  const positionsValue = (positions: readonly SimPosition[]) =>
    positions.reduce((sum, p) => {
      const last = exchange.getMarket(p.ticker)?.lastPrice ?? null;
      if (p.position === 0) return sum;
      if (last === null) return sum + p.exposure;
      return sum + notional(p.position > 0 ? last : PRICE_ONE - last, Math.abs(p.position));
    }, 0);

  // `balance` is what new orders may use: cash minus what resting orders hold (Kalshi collateralises
  // every order in full when it is placed).
  app.get('/balance', (c) => {
    const userId = userOf(c);
    const account = exchange.getAccount(userId);
    const available = account.balance - (account.held ?? 0);
    const value = positionsValue(exchange.listPositions(userId));
    return c.json(balanceToWire(available, value, account.updatedMs ?? deps.now()));
  });

  app.get('/positions', (c) => {
    const userId = userOf(c);
    const limit = parseLimit(c);
    const after = decodeCursor(c, 'positions');
    const countFilter = parseList(c, 'count_filter');
    for (const f of countFilter ?? []) {
      if (!COUNT_FILTERS.includes(f)) throw badRequest('count_filter accepts position, total_traded');
    }
    const ticker = c.req.query('ticker') || undefined;
    const eventTicker = c.req.query('event_ticker') || undefined;
    const eventOf = (t: string) => exchange.getMarket(t)?.eventTicker ?? t;
    const rows = exchange
      .listPositions(userId)
      .filter(
        (p) =>
          (ticker === undefined || p.ticker === ticker) &&
          (eventTicker === undefined || eventOf(p.ticker) === eventTicker) &&
          (countFilter === undefined ||
            countFilter.some((f) => (f === 'position' ? p.position !== 0 : p.totalTraded !== 0))),
      )
      .sort((a, b) => (a.ticker < b.ticker ? -1 : a.ticker > b.ticker ? 1 : 0));
    const { page, next } = pageByKey(rows, (p) => p.ticker, after === null ? null : String(after), limit);
    return c.json({
      market_positions: page.map(positionToWire),
      event_positions: eventPositionsToWire(page, eventOf),
      cursor: next === null ? '' : encodeCursor('positions', next),
    });
  });

  app.get('/orders', (c) => {
    const userId = userOf(c);
    const limit = parseLimit(c);
    const cursor = decodeCursor(c, 'orders');
    const status = c.req.query('status') || undefined;
    if (status !== undefined && !ORDER_STATUSES.includes(status as SimOrderStatus)) {
      throw badRequest('status must be one of resting, canceled, executed');
    }
    const eventTickers = parseList(c, 'event_ticker');
    if (eventTickers && eventTickers.length > 10) throw badRequest('at most 10 event tickers');
    const filter = {
      ...(c.req.query('ticker') ? { ticker: c.req.query('ticker') } : {}),
      ...(status ? { status: status as SimOrderStatus } : {}),
      ...(eventTickers ? { eventTickers } : {}),
      ...optionalTs(parseSecondsParam(c, 'min_ts'), parseSecondsParam(c, 'max_ts')),
    };
    const { items, next } = exchange.pageOrders(userId, filter, cursorNumber(cursor), limit);
    return c.json({
      orders: items.map(orderToWire),
      cursor: next === null ? '' : encodeCursor('orders', next),
    });
  });

  app.get('/orders/:order_id', (c) => {
    const order = exchange.getOrder(userOf(c), c.req.param('order_id'));
    if (!order) throw notFound();
    return c.json({ order: orderToWire(order) });
  });

  app.get('/fills', (c) => {
    const userId = userOf(c);
    const limit = parseLimit(c);
    const cursor = decodeCursor(c, 'fills');
    const filter = {
      ...(c.req.query('ticker') ? { ticker: c.req.query('ticker') } : {}),
      ...(c.req.query('order_id') ? { orderId: c.req.query('order_id') } : {}),
      ...optionalTs(parseSecondsParam(c, 'min_ts'), parseSecondsParam(c, 'max_ts')),
    };
    const { items, next } = exchange.pageFills(userId, filter, cursorNumber(cursor), limit);
    return c.json({ fills: items.map(fillToWire), cursor: next === null ? '' : encodeCursor('fills', next) });
  });

  // Newest first; min_ts / max_ts bound settled_time.
  app.get('/settlements', (c) => {
    const userId = userOf(c);
    const limit = parseLimit(c);
    const cursor = decodeCursor(c, 'settlements');
    const filter = {
      ...(c.req.query('ticker') ? { ticker: c.req.query('ticker') } : {}),
      ...(c.req.query('event_ticker') ? { eventTicker: c.req.query('event_ticker') } : {}),
      ...optionalTs(parseSecondsParam(c, 'min_ts'), parseSecondsParam(c, 'max_ts')),
    };
    const { items, next } = exchange.pageSettlements(userId, filter, cursorNumber(cursor), limit);
    return c.json({
      settlements: items.map(settlementToWire),
      cursor: next === null ? '' : encodeCursor('settlements', next),
    });
  });

  return app;
}

function optionalTs(minTsMs: number | undefined, maxTsMs: number | undefined) {
  // max_ts is a whole second: include everything up to the end of it.
  return {
    ...(minTsMs === undefined ? {} : { minTsMs }),
    ...(maxTsMs === undefined ? {} : { maxTsMs: maxTsMs + 999 }),
  };
}

function cursorNumber(cursor: string | number | null): number | null {
  if (cursor === null) return null;
  if (typeof cursor !== 'number' || !Number.isSafeInteger(cursor) || cursor < 0) {
    throw badRequest('cursor is not valid for this endpoint');
  }
  return cursor;
}
