import { describe, expect, it, vi } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import type { MarketClient } from '../../src/actors/initialize';
import { createMarketRotationActor, marketUpdateOf, nextMarketSet } from '../../src/actors/market-rotation';
import { tradingLogic } from '../../src/actors/trading/trading-logic';
import type { MarketInfo } from '../../src/domain/trading-types';
import type { Timers } from '../../src/runtime/timers';
import { startUnderParent } from './parent-harness';

describe('rolling discovery', () => {
  it('replaces ended markets by the busiest candidates not held, up to the maximum', () => {
    expect(nextMarketSet(['A', 'B', 'C'], new Set(['B']), ['A', 'X', 'Y'], 3)).toEqual({
      markets: ['A', 'C', 'X'],
      added: ['X'],
      removed: ['B'],
    });
  });

  it('tops the set up to the maximum when discovery finds more', () => {
    expect(nextMarketSet(['A'], new Set(), ['A', 'X', 'Y'], 2)).toEqual({
      markets: ['A', 'X'],
      added: ['X'],
      removed: [],
    });
  });

  it('changes nothing when nothing ended and the set is full', () => {
    expect(nextMarketSet(['A', 'B'], new Set(), ['X'], 2)).toEqual({
      markets: ['A', 'B'],
      added: [],
      removed: [],
    });
  });

  it("reads a market's phase and close time from its REST description", () => {
    const info = { ticker: 'A', status: 'inactive', closeTimeMs: 5_000 };
    expect(marketUpdateOf(info as never)).toEqual({ ticker: 'A', phase: 'paused', closeTimeMs: 5_000 });
  });
});

describe('the market rotation actor', () => {
  // Real timers over an async discovery chain: a loaded CI machine can take well over waitFor's 1 s default.
  const SETTLE = { timeout: 10_000, interval: 20 };
  const market = (ticker: string, closeTimeMs: number, volume24h = 0): MarketInfo => ({
    ticker,
    eventTicker: 'KX',
    title: ticker,
    status: 'active',
    priceLevelStructure: 'linear_cent',
    priceRanges: [{ start: 100, end: 9_900, step: 100 }],
    yesBid: null,
    yesAsk: null,
    lastPrice: null,
    volume: 0,
    volume24h,
    openInterest: 0,
    closeTimeMs,
  });

  function start(
    tickers: 'DISCOVERY' | string[],
    listed: MarketInfo[],
    clock?: { now: () => number; timers: Pick<Timers, 'setTimeout' | 'clearTimeout'> },
    /** Runs as discovery starts reading the exchange's markets (a slow REST read moves the clock). */
    discovering?: () => void,
  ) {
    const trading = createActor(tradingLogic, { input: {} }).start();
    const client = {
      listMarkets: async ({ tickers: wanted = [] }: { tickers?: readonly string[] }) =>
        listed.filter((m) => wanted.includes(m.ticker)),
      iterateMarkets: async function* () {
        discovering?.();
        for (const m of listed) if (m.closeTimeMs === null || m.closeTimeMs > Date.now()) yield m;
      },
    } as unknown as MarketClient;
    const logic = createMarketRotationActor({
      client,
      trading,
      config: { markets: { tickers, maxMarkets: 2 } },
      intervalMs: 60_000,
      now: clock?.now ?? Date.now,
      ...(clock ? { timers: clock.timers } : {}),
    });
    const markets = tickers === 'DISCOVERY' ? ['A', 'B'] : tickers;
    const child = startUnderParent(logic, { markets });
    return { ...child, trading };
  }

  it('reports a configured market once it closes, and keeps it', async () => {
    const closeAt = Date.now() + 50;
    const t = start(['A', 'B'], [market('A', closeAt), market('B', closeAt + 600_000)]);
    await vi.waitFor(() => expect(t.received()).toEqual([{ type: 'MARKETS.ENDED', tickers: ['A'] }]), SETTLE);
    expect(t.trading.getSnapshot().context.markets.A?.closeTimeMs).toBe(closeAt);
    t.stop();
  });

  it('with DISCOVERY, replaces a market as soon as it closes, by the busiest open one not held', async () => {
    const closeAt = Date.now() + 50;
    const listed = [market('A', closeAt), market('B', closeAt + 600_000), market('C', closeAt + 600_000, 5)];
    const t = start('DISCOVERY', listed);
    await vi.waitFor(
      () =>
        expect(t.received()).toEqual([
          { type: 'MARKETS.CHANGED', markets: ['B', 'C'], added: ['C'], removed: ['A'] },
        ]),
      SETTLE,
    );
    // The new market is followed in the trading picture with its close time.
    expect(t.trading.getSnapshot().context.markets.C).toMatchObject({
      phase: 'open',
      closeTimeMs: closeAt + 600_000,
    });
    t.stop();
  });

  /** A simulated clock as the actor's now() and timers, with every delay it was asked to wait. */
  function simulated() {
    const clock = new SimulatedClock();
    clock.set(1_800_000_000_000);
    const delays: number[] = [];
    const timers = {
      setTimeout: (fn: () => void, ms: number) => {
        delays.push(ms);
        return clock.setTimeout(fn, ms);
      },
      clearTimeout: (handle: unknown) => clock.clearTimeout(handle as number),
    };
    return { clock, delays, now: () => clock.now(), timers };
  }

  it("waits for a close time on the injected clock's timers, not the global ones", async () => {
    const sim = simulated();
    const closeAt = sim.now() + 3_600_000;
    const t = start(['A', 'B'], [market('A', closeAt), market('B', closeAt + 600_000)], sim);
    await vi.waitFor(() => expect(sim.delays).toContain(3_600_000), SETTLE);
    expect(t.received()).toEqual([]);
    sim.clock.increment(3_600_000);
    await vi.waitFor(() => expect(t.received()).toEqual([{ type: 'MARKETS.ENDED', tickers: ['A'] }]), SETTLE);
    t.stop();
  });

  it('rotates at once a market whose close time passed while discovery was reading', async () => {
    const sim = simulated();
    const closeAt = sim.now() + 1_000;
    const listed = [market('A', closeAt), market('B', closeAt + 600_000), market('C', closeAt + 600_000, 5)];
    let reads = 0;
    // The start rotation's discovery takes two seconds: A closes meanwhile.
    const t = start('DISCOVERY', listed, sim, () => {
      if (++reads === 1) sim.clock.increment(2_000);
    });
    await vi.waitFor(() => expect(sim.delays).toContain(0), SETTLE);
    sim.clock.increment(0);
    await vi.waitFor(
      () =>
        expect(t.received()).toEqual([
          { type: 'MARKETS.CHANGED', markets: ['B', 'C'], added: ['C'], removed: ['A'] },
        ]),
      SETTLE,
    );
    t.stop();
  });

  it('arms no timer for an unopened market whose close time has passed', async () => {
    const sim = simulated();
    const stale = { ...market('A', sim.now() - 1_000), status: 'initialized' };
    const t = start(['A', 'B'], [stale, market('B', sim.now() + 600_000)], sim);
    await vi.waitFor(() => expect(sim.delays).toContain(600_000), SETTLE);
    expect(t.trading.getSnapshot().context.markets.A).toMatchObject({ phase: 'unopened' });
    expect(sim.delays.filter((ms) => ms !== 600_000 && ms !== 60_000)).toEqual([]);
    t.stop();
  });
});
