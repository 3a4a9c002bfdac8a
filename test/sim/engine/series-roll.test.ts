import { describe, expect, it } from 'vitest';
import { COUNT_ONE } from '../../../src/domain/fixed-point';
import { createSeededRandom, createSimExchange } from '../../../src/sim/engine';
import type { RollingSeriesSpec } from '../../../src/sim/engine/series-roll';
import { DEFAULT_ROLLING_SERIES } from '../../../src/sim/engine/series-roll';
import type { ExchangeEvent, SimMarket } from '../../../src/sim/engine/types';
import { createOrderFlow, FLOW_USERS } from '../../../src/sim/flow/order-flow';

const T0 = Date.UTC(2026, 5, 1); // midnight, on every period grid
const MIN = 60_000;
const HOURLY = DEFAULT_ROLLING_SERIES.find((s) => s.ticker === 'KXSIMETHH') as RollingSeriesSpec;
const FIFTEEN = DEFAULT_ROLLING_SERIES.find((s) => s.ticker === 'KXSIMBTC15M') as RollingSeriesSpec;

function rig(series: RollingSeriesSpec[], lifecycle: Record<string, unknown> = {}, extra = {}) {
  let nowMs = T0;
  const exchange = createSimExchange({
    now: () => nowMs,
    seed: 5,
    lifecycle: { series, ...lifecycle },
    ...extra,
  });
  const events: ExchangeEvent[] = [];
  exchange.subscribe((e) => events.push(e));
  const at = (ms: number) => {
    nowMs = T0 + ms;
    exchange.tick();
  };
  const markets = (prefix: string): SimMarket[] =>
    exchange.listMarkets().filter((m) => m.eventTicker.startsWith(prefix));
  return { exchange, events, at, markets };
}

describe('rolling series', () => {
  it('creates the next hourly event a quarter period before the close, unopened until an eighth before', () => {
    const r = rig([HOURLY]);
    const first = r.markets('KXSIMETHH-');
    expect(first).toHaveLength(3);
    for (const m of first) {
      expect(m).toMatchObject({
        eventTicker: 'KXSIMETHH-26JUN0101',
        seriesTicker: 'KXSIMETHH',
        status: 'active',
        openTimeMs: T0,
        closeTimeMs: T0 + 60 * MIN,
      });
      expect(m.ticker).toMatch(/^KXSIMETHH-26JUN0101-T\d+$/);
    }
    r.at(45 * MIN - 1);
    expect(r.markets('KXSIMETHH-26JUN0102')).toHaveLength(0);
    r.at(45 * MIN);
    const next = r.markets('KXSIMETHH-26JUN0102');
    expect(next.map((m) => m.status)).toEqual(['initialized', 'initialized', 'initialized']);
    expect(next[0]).toMatchObject({ openTimeMs: T0 + 52.5 * MIN, closeTimeMs: T0 + 120 * MIN });
    const announced = r.events.filter((e) => e.kind === 'event' || e.kind === 'lifecycle');
    expect(announced.map((e) => (e.kind === 'event' ? `event ${e.event.eventTicker}` : e.eventType))).toEqual(
      ['event KXSIMETHH-26JUN0102', 'created', 'created', 'created'],
    );
    r.at(52.5 * MIN);
    expect(r.markets('KXSIMETHH-26JUN0102').map((m) => m.status)).toEqual(['active', 'active', 'active']);
    r.at(60 * MIN);
    expect(r.markets('KXSIMETHH-26JUN0101').map((m) => m.status)).toEqual(['closed', 'closed', 'closed']);
  });

  it('never starts with an event closing within a period of start-up', () => {
    const nowMs = T0 + 59 * MIN; // a minute before the hour
    const exchange = createSimExchange({ now: () => nowMs, lifecycle: { series: [HOURLY] } });
    const closes = new Set(exchange.listMarkets().map((m) => m.closeTimeMs));
    expect([...closes]).toEqual([T0 + 120 * MIN]);
  });

  it('runs N times faster with a time scale: an hourly event lives a minute, settles seconds later', () => {
    const r = rig([HOURLY], { timeScale: 60 });
    const [m] = r.markets('KXSIMETHH-');
    expect(m).toMatchObject({ closeTimeMs: T0 + MIN, settlementTimerSeconds: 5 });
    expect(m?.eventTicker).toBe('KXSIMETHH-26JUN010001'); // minutes in the code: events a minute apart
    r.at(MIN - 1);
    expect(r.exchange.getMarket(m?.ticker ?? '')?.status).toBe('active');
    r.at(MIN);
    expect(r.exchange.getMarket(m?.ticker ?? '')?.status).toBe('closed');
    r.at(MIN + 1_000); // determination delay 60 s / 60
    expect(r.exchange.getMarket(m?.ticker ?? '')?.status).toBe('determined');
    r.at(MIN + 6_000); // settlement timer 300 s / 60
    expect(r.exchange.getMarket(m?.ticker ?? '')?.status).toBe('finalized');
    expect(r.markets('KXSIMETHH-26JUN010002').length).toBe(3);
  });

  it('scales the generated long-dated markets too', () => {
    const r = rig([], { timeScale: 60 }, { markets: { count: 6, seed: 2 } });
    for (const m of r.exchange.listMarkets()) {
      expect(m.closeTimeMs - T0).toBeGreaterThanOrEqual((2 * 24 * 60 * MIN) / 60);
      expect(m.closeTimeMs - T0).toBeLessThanOrEqual((90 * 24 * 60 * MIN) / 60 + MIN);
    }
  });

  it('stays bounded over days of rolling: settled markets, flow positions and histories are released', () => {
    const r = rig(
      [FIFTEEN, HOURLY],
      { timeScale: 60, settledMarketLimit: 12 },
      { historyLimit: 30, transientUsers: FLOW_USERS },
    );
    const flow = createOrderFlow({ exchange: r.exchange, rng: createSeededRandom(9), rate: 0 });
    for (const user of ['flow-1', 'flow-2', 'flow-3', 'u']) r.exchange.deposit(user, 1_000_000_000_000);
    let settledTickers = 0;
    let removed = 0;
    r.exchange.subscribe((e) => {
      if (e.kind === 'lifecycle' && e.eventType === 'settled') settledTickers++;
      if (e.kind === 'removed') removed++;
    });
    // Two simulated days: 48 real minutes at 60×, a step every simulated minute.
    for (let t = 0; t <= 48 * MIN; t += 1_000) {
      r.at(t);
      flow.step(3);
      const open = r.exchange.listMarkets({ status: 'active' });
      const target = open[(t / 1_000) % Math.max(1, open.length)];
      if (target) {
        r.exchange.createOrder({
          userId: 'u',
          ticker: target.ticker,
          side: t % 2000 === 0 ? 'bid' : 'ask',
          price: 5_000,
          count: COUNT_ONE,
          timeInForce: 'immediate_or_cancel',
          selfTradePrevention: 'taker_at_cross',
        });
      }
      const retained = r.exchange.retention();
      expect(retained.settledMarkets).toBeLessThanOrEqual(12);
      expect(retained.markets).toBeLessThanOrEqual(12 + 3 * 6);
      expect(retained.historySettlements).toBeLessThanOrEqual(30);
    }
    expect(settledTickers).toBeGreaterThan(500);
    expect(removed).toBe(settledTickers - r.exchange.retention().settledMarkets);
    const live = new Set(r.exchange.listMarkets().map((m) => m.ticker));
    for (const p of r.exchange.listAllPositions()) expect(live.has(p.ticker)).toBe(true);
    // The crowd's rows go at settlement; an API user's stay (flat) while the market is kept.
    const settled = (ticker: string) => r.exchange.getMarket(ticker)?.status === 'finalized';
    expect(r.exchange.listPositions('flow-1').some((p) => settled(p.ticker))).toBe(false);
    expect(r.exchange.listPositions('u').some((p) => settled(p.ticker))).toBe(true);
    expect(r.exchange.pageSettlements('u', {}, null, 1000).items.length).toBe(30);
  });
});
