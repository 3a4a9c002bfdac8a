import { describe, expect, it } from 'vitest';
import { COUNT_ONE, PRICE_ONE } from '../../../src/domain/fixed-point';
import { createSeededRandom, createSimExchange, type SimExchangeEngine } from '../../../src/sim/engine';
import { randomInt } from '../../../src/sim/engine/rng';
import type { SimFill } from '../../../src/sim/engine/types';
import { createOrderFlow, FLOW_USERS } from '../../../src/sim/flow/order-flow';
import { c, makeExchange, T, T0, usd } from './engine-fixture';

const ALICE = 'alice';

/**
 * The synthetic flow on `markets` markets plus one API user (alice) trading once per simulated second,
 * all driven by hand in simulated time: `second()` advances the clock one second and runs `rate` messages.
 */
function crowd(opts: { historyLimit?: number; transient: boolean; rate: number; markets: number }) {
  let nowMs = T0;
  const exchange = createSimExchange({
    now: () => nowMs,
    seed: 5,
    markets: { count: opts.markets },
    ...(opts.transient ? { transientUsers: FLOW_USERS } : {}),
    ...(opts.historyLimit === undefined ? {} : { historyLimit: opts.historyLimit }),
  });
  for (const user of [...FLOW_USERS, ALICE]) exchange.deposit(user, usd(1_000_000));
  const flow = createOrderFlow({ exchange, rng: createSeededRandom(9), rate: opts.rate });
  const rng = createSeededRandom(13);
  const resting: string[] = [];
  const fills: SimFill[] = [];
  exchange.subscribe((e) => {
    if (e.kind === 'fill' && e.fill.userId === ALICE) fills.push(e.fill);
  });

  /** Joins the best bid, lifts the best ask, or cancels alice's oldest resting order. */
  const aliceActs = () => {
    const markets = exchange.listMarkets();
    const ticker = markets[randomInt(rng, 0, markets.length - 1)]?.ticker ?? '';
    const top = exchange.topOfBook(ticker);
    const roll = rng();
    if (roll < 0.25 && resting.length > 0) {
      exchange.cancelOrder(ALICE, resting.shift() ?? '');
      return;
    }
    const take = roll > 0.6 && top?.noBid != null;
    const price = take ? PRICE_ONE - (top?.noBid ?? 0) : (top?.yesBid ?? PRICE_ONE / 2);
    const placed = exchange.createOrder({
      userId: ALICE,
      ticker,
      side: 'bid',
      price,
      count: randomInt(rng, 1, 3) * COUNT_ONE,
      timeInForce: take ? 'immediate_or_cancel' : 'good_till_canceled',
      selfTradePrevention: 'taker_at_cross',
    });
    if (placed.ok && placed.value.order.status === 'resting') resting.push(placed.value.order.orderId);
  };

  return {
    exchange,
    fills,
    second() {
      // Ten flow ticks of 100 ms, as the simulator's scheduler runs them.
      for (let i = 0; i < 10; i++) {
        nowMs += 100;
        flow.step(opts.rate / 10);
      }
      aliceActs();
    },
  };
}

function restingOf(exchange: SimExchangeEngine, userId: string): number {
  return exchange.listOrders(userId, { status: 'resting' }).length;
}

describe('bounded simulator history', () => {
  it('keeps orders, fills and client order ids under their caps over an hour of flow at 200 msgs/s', () => {
    const LIMIT = 500;
    const MARKETS = 10;
    const h = crowd({ historyLimit: LIMIT, transient: true, rate: 200, markets: MARKETS });
    const initial = h.exchange.retention().orders;
    // Live orders: the seeded books (which only shrink), the flow's quotes (at most 30 a market),
    // and alice's retained history (resting ones included).
    const liveBound = initial + 30 * MARKETS + LIMIT;
    let peak = { orders: 0, clientOrderIds: 0, historyOrders: 0, historyFills: 0 };
    for (let s = 1; s <= 3_600; s++) {
      h.second();
      if (s % 60 !== 0) continue;
      const r = h.exchange.retention();
      peak = {
        orders: Math.max(peak.orders, r.orders),
        clientOrderIds: Math.max(peak.clientOrderIds, r.clientOrderIds),
        historyOrders: Math.max(peak.historyOrders, r.historyOrders),
        historyFills: Math.max(peak.historyFills, r.historyFills),
      };
    }
    expect(peak.orders).toBeLessThanOrEqual(liveBound);
    expect(peak.clientOrderIds).toBeLessThanOrEqual(liveBound);
    // Only alice has a history; the flow (3 users, 720,000 messages) keeps none.
    expect(peak.historyOrders).toBe(LIMIT);
    expect(peak.historyFills).toBe(LIMIT);
    expect(h.fills.length).toBeGreaterThan(LIMIT);

    // What is retained reads back exactly: the newest fills, and pages that add up to the whole.
    const fills = h.exchange.listFills(ALICE);
    expect(fills.map((f) => f.fillId)).toEqual(
      h.fills
        .slice(-LIMIT)
        .reverse()
        .map((f) => f.fillId),
    );
    const orders = h.exchange.listOrders(ALICE);
    expect(orders).toHaveLength(LIMIT);
    const paged: string[] = [];
    let cursor: number | null = null;
    do {
      const page = h.exchange.pageOrders(ALICE, {}, cursor, 7);
      paged.push(...page.items.map((o) => o.orderId));
      cursor = page.next;
    } while (cursor !== null);
    expect(paged).toEqual(orders.map((o) => o.orderId));
    const since = orders[Math.floor(LIMIT / 3)]?.createdMs ?? 0;
    expect(h.exchange.listOrders(ALICE, { minTsMs: since })).toEqual(
      orders.filter((o) => o.createdMs >= since),
    );
    expect(h.exchange.listFills(ALICE, { minTsMs: since })).toEqual(fills.filter((f) => f.tsMs >= since));
    // Every live order is still known, however old.
    expect(orders.filter((o) => o.status === 'resting')).toHaveLength(restingOf(h.exchange, ALICE));
  }, 60_000);

  it('never changes balances or positions by evicting history', () => {
    const bounded = crowd({ historyLimit: 20, transient: true, rate: 50, markets: 4 });
    const unbounded = crowd({ transient: false, rate: 50, markets: 4 });
    for (let s = 0; s < 1_200; s++) {
      bounded.second();
      unbounded.second();
    }
    expect(bounded.exchange.retention().historyFills).toBe(20);
    expect(unbounded.exchange.retention().historyFills).toBeGreaterThan(10_000);
    expect(bounded.exchange.listAccounts()).toEqual(unbounded.exchange.listAccounts());
    expect(bounded.exchange.listAllPositions()).toEqual(unbounded.exchange.listAllPositions());
    for (const m of bounded.exchange.listMarkets())
      expect(bounded.exchange.getBook(m.ticker)).toEqual(unbounded.exchange.getBook(m.ticker));
  });

  it('forgets a transient user’s order once it ends, and frees its client order id', () => {
    const { exchange, place } = makeExchange({ transientUsers: ['crowd'] });
    const { order } = place('crowd', 'bid', 4_000, c(2), { clientOrderId: 'q-1' });
    expect(exchange.getOrder('crowd', order.orderId)?.status).toBe('resting');
    expect(exchange.retention().clientOrderIds).toBe(1);
    exchange.cancelOrder('crowd', order.orderId);
    expect(exchange.getOrder('crowd', order.orderId)).toBeUndefined();
    expect(exchange.listOrders('crowd')).toEqual([]);
    expect(exchange.retention()).toMatchObject({ orders: 0, clientOrderIds: 0 });
    place('crowd', 'bid', 4_000, c(1), { clientOrderId: 'q-1' });
  });

  it('evicts an API user’s oldest finished orders past the limit, never a resting one', () => {
    const { exchange, place } = makeExchange({ historyLimit: 3 });
    const oldest = place('u', 'bid', 3_000, c(1), { clientOrderId: 'keep' }).order;
    const ids = [1, 2, 3, 4].map((i) => {
      const { order } = place('u', 'bid', 4_000, c(1), { clientOrderId: `c-${i}` });
      exchange.cancelOrder('u', order.orderId);
      return order.orderId;
    });
    expect(exchange.listOrders('u').map((o) => o.orderId)).toEqual([ids[3], ids[2], oldest.orderId]);
    expect(exchange.getOrder('u', ids[0] ?? '')).toBeUndefined();
    // The evicted order's client order id is free again; the resting order's is not.
    expect(exchange.createOrder({ ...base('u'), clientOrderId: 'c-1' }).ok).toBe(true);
    expect(exchange.createOrder({ ...base('u'), clientOrderId: 'keep' }).ok).toBe(false);
    // Once the old order ends it is the oldest finished one, so it goes first.
    exchange.cancelOrder('u', oldest.orderId);
    place('u', 'bid', 4_000, c(1));
    expect(exchange.getOrder('u', oldest.orderId)).toBeUndefined();
  });

  it('releases every client order id an amended order held when it is forgotten', () => {
    const { exchange, place } = makeExchange({ transientUsers: ['crowd'] });
    const { order } = place('crowd', 'bid', 4_000, c(2), { clientOrderId: 'a' });
    const amended = exchange.amendOrder('crowd', order.orderId, {
      price: 4_100,
      count: c(2),
      updatedClientOrderId: 'b',
    });
    expect(amended.ok).toBe(true);
    expect(exchange.retention().clientOrderIds).toBe(2);
    exchange.cancelOrder('crowd', order.orderId);
    expect(exchange.retention().clientOrderIds).toBe(0);
  });
});

const base = (userId: string) => ({
  userId,
  ticker: T,
  side: 'bid' as const,
  price: 3_500,
  count: c(1),
  timeInForce: 'good_till_canceled' as const,
  selfTradePrevention: 'taker_at_cross' as const,
});
