// The strategy actor's intent queue over the real trading service and a slow in-memory exchange, on
// fake timers: stale places and amends are dropped, cancels always sent, a newer desired set replaces one
// not yet sent, desired sets become diffs, and each batch is one decision.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { createDecisionTracker } from '../../../src/actors/decision-tracker';
import { createStrategyActor } from '../../../src/actors/strategy/strategy-actor';
import type {
  DropReason,
  IntentOutcome,
  Strategy,
  StrategyBookUpdate,
  StrategyIntent,
} from '../../../src/actors/strategy/strategy-types';
import { tradingLogic } from '../../../src/actors/trading/trading-logic';
import type { TradingClient } from '../../../src/actors/trading/trading-ports';
import { createTradingService } from '../../../src/actors/trading/trading-service';
import type { OrderbookView } from '../../../src/domain/orderbook';
import type { Fill } from '../../../src/domain/trading-types';
import { startUnderParent } from '../parent-harness';
import { fakeExchange } from '../trading/fake-client';
import { WIDE_LIMITS } from '../trading/sim-harness';

const LATENCY_MS = 600;

/** Every order write answers LATENCY_MS later (the exchange has acted at once). */
function slow(client: TradingClient): TradingClient {
  const later = <T>(value: Promise<T>) =>
    value.then((v) => new Promise<T>((resolve) => setTimeout(() => resolve(v), LATENCY_MS)));
  return {
    ...client,
    submitOrder: (intent, hooks) => later(client.submitOrder(intent, hooks)),
    cancelOrder: (id, ticker) => later(client.cancelOrder(id, ticker)),
    amendOrder: (id, amend) => later(client.amendOrder(id, amend)),
    decreaseOrder: (id, decrease) => later(client.decreaseOrder(id, decrease)),
  };
}

function setup(strategy: Strategy, opts: { maxIntentAgeMs?: number } = {}) {
  const ex = fakeExchange();
  const trading = createActor(tradingLogic, { input: {} }).start();
  const service = createTradingService({
    client: slow(ex.client),
    trading,
    limits: WIDE_LIMITS,
    now: Date.now,
  });
  const book = new Set<(u: StrategyBookUpdate) => void>();
  const fills = new Set<(f: Fill) => void>();
  const dropped: DropReason[] = [];
  const decisions = createDecisionTracker();
  const acting: boolean[] = [];
  decisions.subscribe((a) => acting.push(a));
  const h = startUnderParent(
    createStrategyActor(strategy, service, {
      now: Date.now,
      subscribeBooks: (l) => {
        book.add(l);
        return () => book.delete(l);
      },
      subscribeFills: (l) => {
        fills.add(l);
        return () => fills.delete(l);
      },
      decisions,
      maxIntentAgeMs: opts.maxIntentAgeMs ?? 1_000,
      onDropped: (reason) => dropped.push(reason),
    }),
    { markets: ['KXA'], feedUp: true },
  );
  return {
    ex,
    service,
    dropped,
    acting,
    h,
    publish: (seq: number) => {
      for (const l of book) l({ ticker: 'KXA', book: { seq } as OrderbookView });
    },
    fill: (f: Fill) => {
      for (const l of fills) l(f);
    },
    close: () => {
      h.stop();
      trading.stop();
    },
  };
}

/** A strategy that answers each book update with the next scripted batch and records outcomes. */
function scripted(batches: StrategyIntent[][]) {
  const outcomes: [StrategyIntent, IntentOutcome][] = [];
  const strategy: Strategy = {
    name: 'scripted',
    onBook: () => batches.shift(),
    onOutcome: (intent, outcome) => outcomes.push([intent, outcome]),
  };
  return { strategy, outcomes };
}

const bid = (price: number) => ({ ticker: 'KXA', side: 'bid' as const, price, count: 100 });

beforeEach(() => vi.useFakeTimers({ now: 1_750_000_000_000 }));
afterEach(() => vi.useRealTimers());

describe('strategy intents', () => {
  it('drops a place whose turn comes after the max age', async () => {
    const { strategy, outcomes } = scripted([[bid(4000), bid(4100), bid(4200)]]);
    const t = setup(strategy);
    t.publish(1);
    await vi.advanceTimersByTimeAsync(5_000);
    // Sent at 0 and 600 ms; the third's turn came at 1200 ms, older than 1000 ms.
    expect(t.ex.calls.filter((c) => c.startsWith('create'))).toHaveLength(2);
    expect(outcomes.map(([, o]) => o.outcome)).toEqual(['accepted', 'accepted', 'dropped']);
    expect(outcomes[2]?.[1]).toEqual({ outcome: 'dropped', reason: 'stale' });
    expect(t.dropped).toEqual(['stale']);
    t.close();
  });

  it('sends every cancel of a backlog, stale or not', async () => {
    const { strategy, outcomes } = scripted([
      [bid(4000), bid(4100)],
      [
        { kind: 'cancel', clientOrderId: 'first' },
        { kind: 'cancel', clientOrderId: 'second' },
      ],
    ]);
    const s = setup(strategy, { maxIntentAgeMs: 100 });
    s.publish(1);
    s.publish(2);
    await vi.advanceTimersByTimeAsync(5_000);
    // The second place waited 600 ms (> 100): dropped. The cancels name unknown orders: refused, but
    // both were tried (never dropped), after far more than the max age.
    expect(outcomes.map(([i, o]) => `${i.kind ?? 'place'}:${o.outcome}`)).toEqual([
      'place:accepted',
      'place:dropped',
      'cancel:invalid',
      'cancel:invalid',
    ]);
    s.close();
  });

  it('a newer desired set replaces one not yet sent, and each set is a diff against what rests', async () => {
    const desired = (price: number): StrategyIntent => ({
      kind: 'desired',
      ticker: 'KXA',
      orders: [{ side: 'bid', price, count: 100 }],
    });
    const { strategy, outcomes } = scripted([[desired(4000)], [desired(4100)], [desired(4200)]]);
    const t = setup(strategy, { maxIntentAgeMs: 10_000 });
    t.publish(1); // runs at once: places 40.00
    t.publish(2); // waits
    t.publish(3); // replaces the waiting one
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.dropped).toEqual(['superseded']);
    expect(outcomes.map(([i, o]) => `${i.kind}:${o.outcome}`)).toEqual([
      'desired:dropped',
      'place:accepted',
      'amend:accepted',
    ]);
    // One order on the exchange, amended to the newest price.
    expect(t.ex.orders).toHaveLength(1);
    expect(t.ex.orders[0]).toMatchObject({ price: 4200, remainingCount: 100, status: 'resting' });
    t.close();
  });

  it('runs each batch as one decision and hands fills to onFill', async () => {
    const seen: string[] = [];
    const strategy: Strategy = {
      name: 'fills',
      onBook: () => [bid(4000), bid(3900)],
      onFill: (f) => {
        seen.push(f.fillId);
        return undefined;
      },
    };
    const t = setup(strategy);
    t.publish(1);
    expect(t.acting).toEqual([true]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.acting).toEqual([true, false]);
    t.fill({
      fillId: 'f1',
      tradeId: 'f1',
      orderId: 'o',
      clientOrderId: null,
      ticker: 'KXA',
      side: 'bid',
      price: 4000,
      count: 100,
      isTaker: false,
      fee: 0,
      tsMs: Date.now(),
    });
    t.fill({ ...({} as Fill), fillId: 'other', ticker: 'KXB' });
    // Handed over once the trading actor has applied the fill (a microtask later).
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['f1']);
    t.close();
  });

  it('tells the strategy when the feed goes down and comes back', async () => {
    const feed: boolean[] = [];
    const t = setup({ name: 'feed', onFeed: (up) => void feed.push(up) });
    const child = t.h.parent.getSnapshot().children.child;
    child?.send({ type: 'FEED.DOWN' });
    child?.send({ type: 'FEED.UP' });
    expect(feed).toEqual([false, true]);
    t.close();
  });
});
