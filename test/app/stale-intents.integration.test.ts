// Stale intents under slow REST, on the whole daemon: every answer from the simulator takes 3 s, while an
// aggressive strategy keeps computing new intents. Judged by the simulator's own order events: no order
// reaches the exchange from an intent older than the max intent age plus one request timeout, the
// exchange never holds more than V3_MAX_ORDERS, and the drops are counted.
import { describe, expect, it, vi } from 'vitest';
import type { Strategy, StrategyContext } from '../../src/actors/strategy/strategy-types';
import { DEFAULT_TIMEOUT_MS } from '../../src/adapters/kalshi/rest-transport';
import { useDaemon } from '../support/fixtures';

const daemons = useDaemon();
const MAX_AGE_MS = 1_000;
const MAX_ORDERS = 5;

/**
 * Behind each 3 s answer wait ~60 new intents: the desired sets replace each other (superseded), the
 * places are too old by their turn (stale). Every 50 ms: a desired set of one 1¢ bid in the first market and a new 1¢ bid in the second, both of
 * (n + 1) contracts for the n-th tick, so an order's size at the exchange says which tick it came from.
 * Sizes only grow, so each change of the first market's bid is an amend, never an always-sent decrease.
 */
function aggressive(createdMs: number[]): Strategy {
  let ctx: StrategyContext | undefined;
  return {
    name: 'aggressive-test',
    timerIntervalMs: 50,
    start(c) {
      ctx = c;
    },
    onTimer() {
      const [a, b] = ctx?.markets ?? [];
      if (a === undefined || b === undefined) return undefined;
      const n = createdMs.length;
      createdMs.push(Date.now());
      const count = (n + 1) * 100;
      return [
        { kind: 'desired', ticker: a, orders: [{ side: 'bid', price: 100, count }] },
        { ticker: b, side: 'bid', price: 100, count },
      ];
    },
  };
}

describe('stale intents under 3 s REST latency', () => {
  it('never sends an intent older than the max age (+ one request timeout), counting the drops', async () => {
    const createdMs: number[] = [];
    const d = await daemons.start(
      {
        V3_SIM_RATE: '0',
        V3_MAX_MARKETS: '2',
        V3_MAX_ORDERS: String(MAX_ORDERS),
        V3_MAX_POSITION_SIZE: '100000',
        V3_MAX_NOTIONAL_DOLLARS: '100000',
        V3_INTENT_MAX_AGE_MS: String(MAX_AGE_MS),
        V3_LOG_LEVEL: 'warn',
      },
      { strategy: aggressive(createdMs) },
    );
    await d.waitForState('ready');
    const user = d.exchange.credentials.keyId;
    const sim = d.exchange.sim.exchange;
    const arrivals: { count: number; atMs: number; reason: string | null }[] = [];
    let mostResting = 0;
    const unsubscribe = sim.subscribe((e) => {
      if (e.kind !== 'order' || e.order.userId !== user) return;
      // Creates and amends: the order's total is the size of the tick that sent it (nothing fills at 1¢).
      if (e.order.lastUpdateReason === null || e.order.lastUpdateReason === 'Amend')
        arrivals.push({ count: e.order.initialCount, atMs: Date.now(), reason: e.order.lastUpdateReason });
      mostResting = Math.max(mostResting, sim.listOrders(user, { status: 'resting' }).length);
    });
    try {
      await d.faults({ latencyMs: 3_000 });
      await vi.waitFor(
        async () => {
          const metrics = await (await fetch(`${d.url}/metrics`)).text();
          expect(metrics).toMatch(/kalshi_trader_intents_dropped_total\{reason="stale"\} [1-9]/);
          expect(metrics).toMatch(/kalshi_trader_intents_dropped_total\{reason="superseded"\} [1-9]/);
          expect(arrivals.filter((a) => a.reason === 'Amend').length).toBeGreaterThanOrEqual(1);
        },
        { timeout: 30_000, interval: 250 },
      );
    } finally {
      unsubscribe();
      await d.faults(null);
    }
    // The first create went at once; after it, each 3 s answer let through only the freshest intent.
    expect(arrivals.length).toBeGreaterThanOrEqual(2);
    for (const { count, atMs } of arrivals) {
      const born = createdMs[count / 100 - 1];
      expect(born).toBeDefined();
      expect(atMs - (born ?? 0)).toBeLessThanOrEqual(MAX_AGE_MS + DEFAULT_TIMEOUT_MS);
    }
    expect(mostResting).toBeLessThanOrEqual(MAX_ORDERS);
    expect(sim.listOrders(user, { status: 'resting' }).length).toBeLessThanOrEqual(MAX_ORDERS);
  }, 60_000);
});
