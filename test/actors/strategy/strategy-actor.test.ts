import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStrategyActor } from '../../../src/actors/strategy/strategy-actor';
import type {
  IntentOutcome,
  Strategy,
  StrategyBookUpdate,
} from '../../../src/actors/strategy/strategy-types';
import { createTradingBook } from '../../../src/actors/trading/trading-ledger';
import { createTradingState, tradingTransition } from '../../../src/actors/trading/trading-logic';
import type { SubmitIntent, TradingService } from '../../../src/actors/trading/trading-ports';
import { createTradingService } from '../../../src/actors/trading/trading-service';
import type { TradingEvent, TradingState } from '../../../src/actors/trading/trading-types';
import type { OrderbookView } from '../../../src/domain/orderbook';
import { HOLD_STRATEGY } from '../../../src/strategies/hold-strategy';
import { startUnderParent } from '../parent-harness';

const INTENT: SubmitIntent = { ticker: 'KXA', side: 'bid', price: 5000, count: 100 };
const WIDE = {
  maxOpenOrders: 50,
  maxPositionPerMarket: 100_000,
  maxNotional: 1_000_000_000,
  maxDailyLoss: 1_000_000_000,
};

function books() {
  const listeners = new Set<(u: StrategyBookUpdate) => void>();
  return {
    subscribe: (l: (u: StrategyBookUpdate) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    publish: (ticker: string, seq = 1) => {
      for (const l of listeners) l({ ticker, book: { seq } as OrderbookView });
    },
    count: () => listeners.size,
  };
}

/** A trading actor stand-in driven by the real transition function. */
function tradingRef() {
  let state: TradingState = createTradingState();
  const book = createTradingBook();
  return {
    send: (e: TradingEvent) => {
      state = tradingTransition(state, e, book);
    },
    getSnapshot: () => ({ context: state }),
  };
}

function recordingService() {
  const trading = tradingRef();
  const submitted: SubmitIntent[] = [];
  const service: Pick<TradingService, 'submit' | 'change' | 'state' | 'setStrategyPaused'> = {
    submit: async (intent) => {
      submitted.push(intent);
      return { outcome: 'accepted', clientOrderId: `c${submitted.length}`, orderId: 'o' };
    },
    change: async (intent) => ({ outcome: 'invalid', message: `no ${intent.clientOrderId}` }),
    state: () => trading.getSnapshot().context,
    setStrategyPaused: (paused) => trading.send({ type: 'STRATEGY.SET_PAUSED', paused }),
  };
  return { service, submitted };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('strategy actor', () => {
  it('HOLD never trades', async () => {
    const feed = books();
    const { service, submitted } = recordingService();
    const h = startUnderParent(
      createStrategyActor(HOLD_STRATEGY, service, { now: () => 0, subscribeBooks: feed.subscribe }),
      { markets: ['KXA'] },
    );
    feed.publish('KXA');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(submitted).toEqual([]);
    h.stop();
  });

  it('submits intents from books of its markets and timer ticks, and reports outcomes', async () => {
    const feed = books();
    const { service, submitted } = recordingService();
    const outcomes: IntentOutcome[] = [];
    const strategy: Strategy = {
      name: 'echo',
      timerIntervalMs: 1_000,
      onBook: (u) => [{ ...INTENT, ticker: u.ticker }],
      onTimer: () => [{ ...INTENT, ticker: 'TIMER' }],
      onOutcome: (_i, o) => outcomes.push(o),
    };
    const h = startUnderParent(
      createStrategyActor(strategy, service, { now: () => 0, subscribeBooks: feed.subscribe }),
      { markets: ['KXA'] },
    );
    feed.publish('KXA');
    feed.publish('OTHER');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(submitted.map((i) => i.ticker)).toEqual(['KXA', 'TIMER']);
    expect(outcomes).toHaveLength(2);
    h.stop();
    expect(feed.count()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stopping it ends a desired set halfway: the steps left are dropped as stopped, never sent', async () => {
    const feed = books();
    const { service, submitted } = recordingService();
    let release: () => void = () => undefined;
    const firstAnswer = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = {
      ...service,
      submit: async (i: SubmitIntent) => {
        await firstAnswer;
        return service.submit(i);
      },
    };
    const outcomes: IntentOutcome[] = [];
    const dropped: string[] = [];
    const strategy: Strategy = {
      name: 'quoter',
      onBook: (u) => [
        {
          kind: 'desired',
          ticker: u.ticker,
          orders: [
            { side: 'bid', price: 4_000, count: 100 },
            { side: 'ask', price: 6_000, count: 100 },
          ],
        },
      ],
      onOutcome: (_i, o) => outcomes.push(o),
    };
    const h = startUnderParent(
      createStrategyActor(strategy, slow, {
        now: () => 0,
        subscribeBooks: feed.subscribe,
        onDropped: (reason) => dropped.push(reason),
      }),
      { markets: ['KXA'] },
    );
    feed.publish('KXA');
    await vi.advanceTimersByTimeAsync(0);
    h.stop();
    release();
    await vi.waitFor(() => expect(dropped).toEqual(['stopped']));
    expect(submitted.map((i) => i.side)).toEqual(['bid']);
    expect(outcomes.map((o) => o.outcome)).toEqual(['accepted', 'dropped']);
  });

  it("pauses and resumes with the operator's flag in the trading state", async () => {
    const feed = books();
    const { service, submitted } = recordingService();
    const strategy: Strategy = { name: 'echo', onBook: (u) => [{ ...INTENT, ticker: u.ticker }] };
    const h = startUnderParent(
      createStrategyActor(strategy, service, { now: () => 0, subscribeBooks: feed.subscribe }),
      { markets: [] },
    );
    service.setStrategyPaused(true);
    feed.publish('A');
    service.setStrategyPaused(false);
    feed.publish('B');
    await vi.advanceTimersByTimeAsync(0);
    expect(submitted.map((i) => i.ticker)).toEqual(['B']);
    h.stop();
  });

  it('a throwing strategy hook costs its decision, not the actor', async () => {
    const feed = books();
    const { service, submitted } = recordingService();
    let calls = 0;
    const strategy: Strategy = {
      name: 'flaky',
      onBook: (u) => {
        calls++;
        if (calls === 1) throw new Error('bug');
        return [{ ...INTENT, ticker: u.ticker }];
      },
    };
    const h = startUnderParent(
      createStrategyActor(strategy, service, { now: () => 0, subscribeBooks: feed.subscribe }),
      { markets: [] },
    );
    feed.publish('A');
    feed.publish('B');
    await vi.advanceTimersByTimeAsync(0);
    expect(submitted.map((i) => i.ticker)).toEqual(['B']);
    expect(h.parent.getSnapshot().status).toBe('active');
    h.stop();
  });

  it('intents go through the risk gate: a blocked intent never reaches the client', async () => {
    const trading = tradingRef();
    const submitOrder = vi.fn();
    const client = { submitOrder } as unknown as Parameters<typeof createTradingService>[0]['client'];
    const limits = {
      maxOpenOrders: 5,
      maxPositionPerMarket: 1_000,
      maxNotional: 1_000_000_000,
      maxDailyLoss: 1,
    };
    const service = createTradingService({ client, trading, limits, now: () => 0 });
    trading.send({ type: 'KILL_SWITCH', on: true });
    const outcomes: IntentOutcome[] = [];
    const strategy: Strategy = {
      name: 'eager',
      onBook: () => [INTENT],
      onOutcome: (_i, o) => outcomes.push(o),
    };
    const feed = books();
    const h = startUnderParent(
      createStrategyActor(strategy, service, { now: () => 0, subscribeBooks: feed.subscribe }),
      { markets: [] },
    );
    feed.publish('KXA');
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes).toEqual([{ outcome: 'blocked', rule: 'kill_switch', reason: 'kill switch is on' }]);
    expect(submitOrder).not.toHaveBeenCalled();
    expect(trading.getSnapshot().context.counters.blocked).toBe(1);
    h.stop();
  });

  it('a pause lives in the trading state, so a restarted strategy actor stays paused', async () => {
    const trading = tradingRef();
    const submitted: string[] = [];
    const submitOrder = vi.fn(async (intent: SubmitIntent) => {
      submitted.push(intent.ticker);
      return {
        outcome: 'accepted' as const,
        orderId: 'o1',
        clientOrderId: 'c1',
        fillCount: 0,
        remainingCount: 100,
      };
    });
    const client = { submitOrder } as unknown as Parameters<typeof createTradingService>[0]['client'];
    const service = createTradingService({ client, trading, limits: WIDE, now: () => 0 });
    let starts = 0;
    const strategy: Strategy = {
      name: 'echo',
      start: () => void starts++,
      onBook: (u) => [{ ...INTENT, ticker: u.ticker }],
    };
    const feed = books();
    const start = () =>
      startUnderParent(
        createStrategyActor(strategy, service, { now: () => 0, subscribeBooks: feed.subscribe }),
        {
          markets: [],
        },
      );

    const first = start();
    service.setStrategyPaused(true);
    expect(service.state().strategyPaused).toBe(true);
    // An error → recovery stops the strategy actor and invokes a new one.
    first.stop();
    const second = start();
    feed.publish('A');
    await vi.advanceTimersByTimeAsync(0);
    expect(submitted).toEqual([]);

    service.setStrategyPaused(false);
    expect(service.state().strategyPaused).toBe(false);
    feed.publish('B');
    await vi.advanceTimersByTimeAsync(0);
    expect(submitted).toEqual(['B']);
    // Started while paused, it still got its context.
    expect(starts).toBe(2);
    second.stop();
  });
});
