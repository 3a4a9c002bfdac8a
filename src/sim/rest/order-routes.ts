// V2 order entry under /portfolio/events/orders: create, cancel, amend, decrease, batches, cancel-all.
import { Hono } from 'hono';
import { formatCount, formatMoney, parseCount, parsePrice } from '../../domain/fixed-point';
import type { CreateOrderInput, EngineResult, SimFill, SimOrder } from '../engine/types';
import {
  badRequest,
  engineErrorBody,
  fromEngine,
  notFound,
  SimHttpError,
  tooManyRequests,
} from './http-errors';
import { type RouteDeps, readBody, type SimContext, type SimEnv, userOf } from './rest-context';
import {
  amendOrderSchema,
  batchCancelSchema,
  batchCreateSchema,
  type CreateOrderBody,
  createOrderSchema,
  decreaseOrderSchema,
} from './schemas';

const unwrap = <T>(result: EngineResult<T>): T => {
  if (!result.ok) throw fromEngine(result.error);
  return result.value;
};

function parseAmount(text: string, kind: 'price' | 'count'): number {
  const value = kind === 'price' ? parsePrice(text) : parseCount(text);
  if (!Number.isNaN(value)) return value;
  throw new SimHttpError(400, {
    code: kind === 'price' ? 'invalid_price' : 'invalid_count',
    message: `invalid ${kind}`,
    details:
      kind === 'price' ? 'price must be a dollar string such as "0.56"' : 'count allows at most 2 decimals',
  });
}

function toInput(userId: string, body: CreateOrderBody): CreateOrderInput {
  return {
    userId,
    ticker: body.ticker,
    side: body.side,
    price: parseAmount(body.price, 'price'),
    count: parseAmount(body.count, 'count'),
    timeInForce: body.time_in_force,
    selfTradePrevention: body.self_trade_prevention_type,
    ...(body.client_order_id === undefined ? {} : { clientOrderId: body.client_order_id }),
    postOnly: body.post_only ?? false,
    reduceOnly: body.reduce_only ?? false,
    cancelOnPause: body.cancel_order_on_pause ?? false,
    // Kalshi takes Unix seconds here.
    expirationTimeMs: body.expiration_time == null ? null : body.expiration_time * 1000,
  };
}

/** Averages over this request's executions, as 4-dp dollar strings (6 dp when not exact). */
function averages(fills: readonly SimFill[]) {
  const count = fills.reduce((s, f) => s + f.count, 0);
  if (count === 0) return {};
  const priceTicks = fills.reduce((s, f) => s + f.price * f.count, 0) / count;
  const feeMicrosPerContract = (fills.reduce((s, f) => s + f.fee, 0) * 100) / count;
  return {
    average_fill_price: formatMoney(Math.round(priceTicks * 100), 4),
    average_fee_paid: formatMoney(Math.round(feeMicrosPerContract), 4),
  };
}

function orderResult(order: SimOrder, fills: readonly SimFill[], tsMs: number) {
  return {
    order_id: order.orderId,
    client_order_id: order.clientOrderId,
    fill_count: formatCount(order.fillCount),
    remaining_count: formatCount(order.remainingCount),
    ...averages(fills),
    ts_ms: tsMs,
  };
}

export function orderRoutes(deps: RouteDeps): Hono<SimEnv> {
  const { exchange, now, limiter } = deps;
  const app = new Hono<SimEnv>();
  /** Batches are charged per order, once the body says how many. */
  const charge = (c: SimContext, cost: number) => {
    if (!limiter.take(userOf(c), 'write', cost)) throw tooManyRequests();
  };
  /** "The maximum batch size scales with your tier's write budget": what one full bucket pays for. */
  const maxBatch = (costPerOrder: number) =>
    limiter.limits.enabled
      ? Math.max(1, Math.floor(limiter.limits.write.bucketCapacity / costPerOrder))
      : 1000;

  app.post('/', async (c) => {
    const body = await readBody(c, createOrderSchema);
    const { order, fills } = unwrap(exchange.createOrder(toInput(userOf(c), body)));
    return c.json(orderResult(order, fills, now()), 201);
  });

  app.delete('/', (c) => {
    exchange.cancelAll(userOf(c));
    return c.body(null, 204);
  });

  app.post('/batched', async (c) => {
    const { orders } = await readBody(c, batchCreateSchema);
    const cost = limiter.limits.defaultCost;
    if (orders.length > maxBatch(cost)) throw badRequest(`at most ${maxBatch(cost)} orders per batch`);
    charge(c, orders.length * cost);
    const userId = userOf(c);
    const results = orders.map((body) => {
      try {
        const result = exchange.createOrder(toInput(userId, body));
        if (result.ok) return orderResult(result.value.order, result.value.fills, now());
        return { client_order_id: body.client_order_id ?? null, error: engineErrorBody(result.error) };
      } catch (error) {
        if (error instanceof SimHttpError)
          return { client_order_id: body.client_order_id ?? null, error: error.body };
        throw error;
      }
    });
    return c.json({ orders: results }, 201);
  });

  app.delete('/batched', async (c) => {
    const { orders } = await readBody(c, batchCancelSchema);
    const cost = limiter.limits.batchCancelCostPerOrder;
    if (orders.length > maxBatch(cost)) throw badRequest(`at most ${maxBatch(cost)} orders per batch`);
    charge(c, orders.length * cost);
    const userId = userOf(c);
    const results = orders.map(({ order_id }) => {
      const result = exchange.cancelOrder(userId, order_id);
      if (!result.ok)
        return { order_id, client_order_id: null, reduced_by: '0.00', error: engineErrorBody(result.error) };
      return {
        order_id,
        client_order_id: result.value.order.clientOrderId,
        reduced_by: formatCount(result.value.reducedBy),
        ts_ms: now(),
      };
    });
    return c.json({ orders: results });
  });

  app.delete('/:order_id', (c) => {
    const { order, reducedBy } = unwrap(exchange.cancelOrder(userOf(c), c.req.param('order_id')));
    return c.json({
      order_id: order.orderId,
      client_order_id: order.clientOrderId,
      reduced_by: formatCount(reducedBy),
      ts_ms: now(),
    });
  });

  app.post('/:order_id/amend', async (c) => {
    const body = await readBody(c, amendOrderSchema);
    const userId = userOf(c);
    const current = exchange.getOrder(userId, c.req.param('order_id'));
    if (!current) throw notFound();
    if (current.ticker !== body.ticker || current.side !== body.side) {
      throw fromEngine({
        status: 400,
        code: 'invalid_order',
        message: 'invalid order',
        details: 'ticker and side must match the order',
      });
    }
    const change = {
      price: parseAmount(body.price, 'price'),
      count: parseAmount(body.count, 'count'),
      ...(body.updated_client_order_id === undefined
        ? {}
        : { updatedClientOrderId: body.updated_client_order_id }),
    };
    const { order, fills } = unwrap(exchange.amendOrder(userId, current.orderId, change));
    return c.json(orderResult(order, fills, now()));
  });

  app.post('/:order_id/decrease', async (c) => {
    const body = await readBody(c, decreaseOrderSchema);
    const change = {
      ...(body.reduce_by === undefined ? {} : { reduceBy: parseAmount(body.reduce_by, 'count') }),
      ...(body.reduce_to === undefined ? {} : { reduceTo: parseAmount(body.reduce_to, 'count') }),
    };
    const { order } = unwrap(exchange.decreaseOrder(userOf(c), c.req.param('order_id'), change));
    return c.json({
      order_id: order.orderId,
      client_order_id: order.clientOrderId,
      remaining_count: formatCount(order.remainingCount),
      ts_ms: now(),
    });
  });

  return app;
}
