import { describe, expect, it } from 'vitest';
import { createSeededRandom, createSimExchange, isValidPrice } from '../../../src/sim/engine';
import { tickAbove, tickBelow } from '../../../src/sim/engine/price-grid';
import type { ExchangeEvent } from '../../../src/sim/engine/types';
import { createOrderFlow, FLOW_USERS, type FlowScheduler } from '../../../src/sim/flow/order-flow';

function setup(seed = 3) {
  const exchange = createSimExchange({ now: () => 1_700_000_000_000, seed: 11, markets: { count: 4 } });
  const events: ExchangeEvent[] = [];
  exchange.subscribe((e) => events.push(e));
  const flow = createOrderFlow({ exchange, rng: createSeededRandom(seed), rate: 50 });
  const books = () => JSON.stringify(exchange.listMarkets().map((m) => exchange.getBook(m.ticker)));
  return { exchange, events, flow, books };
}

describe('createOrderFlow', () => {
  it('changes books through ordinary orders of the flow users, at valid prices', () => {
    const { exchange, events, flow, books } = setup();
    const before = books();
    expect(flow.step(200)).toBe(200);
    expect(books()).not.toBe(before);
    const stats = flow.stats();
    expect(stats.placed).toBeGreaterThan(50);
    expect(stats.cancelled).toBeGreaterThan(0);
    expect(stats.crossed).toBeGreaterThan(0);
    expect(events.some((e) => e.kind === 'trade')).toBe(true);
    const orders = events.flatMap((e) => (e.kind === 'order' ? [e.order] : []));
    expect(orders.length).toBeGreaterThan(0);
    // Besides the flow users only the engine's initial book owner appears (its quotes get filled).
    expect(new Set(orders.map((o) => o.userId))).toEqual(new Set([...FLOW_USERS, exchange.bookUserId]));
    for (const o of orders) {
      expect(isValidPrice(exchange.getMarket(o.ticker)!.priceRanges, o.price)).toBe(true);
    }
  });

  it('replays exactly for a seed', () => {
    const a = setup(9);
    const b = setup(9);
    a.flow.step(100);
    b.flow.step(100);
    expect(a.books()).toBe(b.books());
    const c = setup(10);
    c.flow.step(100);
    expect(c.books()).not.toBe(a.books());
  });

  it('keeps at most its total of resting quotes, spread over the markets (never under 4 each)', () => {
    const restingAfter = (maxRestingTotal?: number) => {
      const exchange = createSimExchange({ now: () => 1_700_000_000_000, seed: 11, markets: { count: 4 } });
      const status = new Map<string, string>();
      exchange.subscribe((e) => {
        if (e.kind === 'order' && e.order.userId !== exchange.bookUserId)
          status.set(e.order.orderId, e.order.status);
      });
      const flow = createOrderFlow({
        exchange,
        rng: createSeededRandom(4),
        rate: 50,
        ...(maxRestingTotal === undefined ? {} : { maxRestingTotal }),
      });
      flow.step(2_000);
      return [...status.values()].filter((s) => s === 'resting').length;
    };
    expect(restingAfter()).toBeGreaterThan(4 * 4);
    expect(restingAfter(8)).toBeLessThanOrEqual(4 * 4);
    expect(restingAfter(8)).toBeGreaterThan(4);
  });

  it('stops changing books while paused', () => {
    const { flow, books, events } = setup();
    flow.step(20);
    flow.setRunning(false);
    const frozen = books();
    const count = events.length;
    expect(flow.step(100)).toBe(0);
    expect(books()).toBe(frozen);
    expect(events.length).toBe(count);
    flow.setRunning(true);
    flow.step(20);
    expect(books()).not.toBe(frozen);
  });

  it('skips halted markets', () => {
    const { exchange, flow, events } = setup();
    const [first, ...rest] = exchange.listMarkets();
    exchange.setPaused(first!.ticker, true);
    for (const m of rest) exchange.setPaused(m.ticker, true);
    events.length = 0;
    expect(flow.step(10)).toBe(0);
    expect(events).toEqual([]);
  });

  it('runs at the configured rate on its scheduler', () => {
    const { flow } = setup();
    let tick: ((elapsedMs?: number) => void) | undefined;
    let period = 0;
    const scheduler: FlowScheduler = {
      every(ms, fn) {
        period = ms;
        tick = fn;
        return () => {
          tick = undefined;
        };
      },
    };
    flow.setRate(25); // 2.5 per 100 ms tick
    flow.start(scheduler);
    expect(period).toBe(100);
    for (let i = 0; i < 4; i++) tick?.();
    expect(flow.stats().steps).toBe(10);
    // A timer that ran late owes the steps of the time that really passed.
    tick?.(400);
    expect(flow.stats().steps).toBe(20);
    flow.setRunning(false);
    tick?.();
    expect(flow.stats().steps).toBe(20);
    flow.stop();
    expect(tick).toBeUndefined();
  });

  it("takes the best prices, a client's resting orders included", () => {
    const { exchange, flow } = setup();
    exchange.deposit('client', 1_000 * 1_000_000);
    const placed: string[] = [];
    // Improve every market's best bid and best ask by a tick: the client alone holds the touch.
    for (const m of exchange.listMarkets()) {
      const book = exchange.getBook(m.ticker);
      const bestYes = book?.yes.at(-1)?.[0];
      const bestNo = book?.no.at(-1)?.[0];
      if (bestYes === undefined || bestNo === undefined) continue;
      const bid = tickAbove(m.priceRanges, bestYes);
      const ask = tickBelow(m.priceRanges, 10_000 - bestNo);
      if (bid === null || ask === null || bid >= ask) continue;
      for (const [side, price] of [
        ['bid', bid],
        ['ask', ask],
      ] as const) {
        const r = exchange.createOrder({
          userId: 'client',
          ticker: m.ticker,
          side,
          price,
          count: 100,
          timeInForce: 'good_till_canceled',
          selfTradePrevention: 'taker_at_cross',
        });
        if (r.ok) placed.push(r.value.order.orderId);
      }
    }
    expect(placed.length).toBeGreaterThan(0);
    flow.step(400);
    const fills = exchange.listFills('client');
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.every((f) => !f.isTaker)).toBe(true);
  });
});
