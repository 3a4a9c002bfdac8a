// REST fill backfill during a sync: fills the feed missed are booked once, whichever channel sees them first.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { FILL_OVERLAP_MS } from '../../../src/actors/trading/trading-backfill';
import { RECENT_FILLS } from '../../../src/actors/trading/trading-fills';
import {
  createTradingState,
  riskStateOf,
  tradingLogic,
  tradingTransition,
} from '../../../src/actors/trading/trading-logic';
import { createTradingService } from '../../../src/actors/trading/trading-service';
import type { TradingEvent, TradingState } from '../../../src/actors/trading/trading-types';
import { fakeExchange } from './fake-client';
import { WIDE_LIMITS } from './sim-harness';
import { fill, position, sync, T0 } from './trading-fixtures';

const run = (events: TradingEvent[], state: TradingState = createTradingState()) =>
  events.reduce(tradingTransition, state);

const DAY_START = Date.UTC(2026, 5, 1);
// Long 5 YES at $0.56, then sell 2 at $0.60 with a $0.01 fee: +$0.08 − $0.01.
const held = sync(T0, { positions: [position('KXA', 500, { exposure: 5600 * 500 })] });
const sold = fill({ fillId: 'f1', side: 'ask', price: 6000, count: 200, fee: 10_000, tsMs: T0 + 5_000 });
const afterRow = position('KXA', 300, { exposure: 5600 * 300, updatedMs: T0 + 5_000 });
const backfill = (atMs: number) => sync(atMs, { positions: [afterRow], fills: [sold] });

describe('fills booked from the REST backfill', () => {
  it('a fill only REST saw moves daily PnL and the counter once, and never the position', () => {
    const once = run([held, backfill(T0 + 10_000)]);
    expect(once.dailyRealizedPnl).toBe(80_000 - 10_000);
    expect(once.counters.fills).toBe(1);
    expect(once.positions.KXA?.position).toBe(300);
    expect(once.lastSync?.changes).toContain('1 fill(s) booked from REST (not seen on the feed)');

    // The next sync's window overlaps: the same fill comes back and is not booked again.
    const twice = run([backfill(T0 + 40_000)], once);
    expect(twice.dailyRealizedPnl).toBe(70_000);
    expect(twice.counters.fills).toBe(1);
    expect(riskStateOf(twice, T0 + 40_000).dailyRealizedPnl).toBe(70_000);
  });

  it('the same fill arriving later by WS changes nothing', () => {
    const booked = run([held, backfill(T0 + 10_000)]);
    const after = run([{ type: 'FILL', fill: { ...sold, postPosition: 300 }, atMs: T0 + 11_000 }], booked);
    expect(after).toBe(booked);
  });

  it('a fill the WS booked first is not booked again by the backfill', () => {
    const ws = run([held, { type: 'FILL', fill: { ...sold, postPosition: 300 }, atMs: T0 + 5_100 }]);
    expect(ws.dailyRealizedPnl).toBe(70_000);
    const s = run([backfill(T0 + 10_000)], ws);
    expect(s.dailyRealizedPnl).toBe(70_000);
    expect(s.counters.fills).toBe(1);
    expect(s.positions.KXA?.position).toBe(300);
    expect(s.lastSync?.changes).toEqual([]);
  });

  it('after a restart, rebuilds the position before today from REST to realize PnL against', () => {
    // REST holds 3 after selling 2 of 5 today: the sale closed part of yesterday's position at $0.56.
    const s = run([
      sync(T0 + 10_000, {
        positions: [position('KXA', 300, { exposure: 5600 * 300, updatedMs: T0 + 5_000 })],
        fills: [sold],
      }),
    ]);
    expect(s.dailyRealizedPnl).toBe(70_000);
    expect(s.positions.KXA?.position).toBe(300);
  });

  it('on the first sync, ignores a position WS fills built from nothing and replays the day from REST', () => {
    // The feed connects before the first sync: its fill set the count (3) on a cost basis it never knew.
    const ws = run([{ type: 'FILL', fill: { ...sold, postPosition: 300 }, atMs: T0 + 5_100 }]);
    const more = fill({ fillId: 'f2', side: 'ask', price: 6000, count: 100, tsMs: T0 + 6_000 });
    const s = run(
      [
        sync(T0 + 10_000, {
          positions: [position('KXA', 200, { exposure: 5600 * 200, updatedMs: T0 + 6_000 })],
          fills: [sold, more],
        }),
      ],
      ws,
    );
    // f1 booked by WS (fee only, no basis); f2 closes 1 of yesterday's $0.56 contracts at $0.60.
    expect(s.dailyRealizedPnl).toBe(-10_000 + 40_000);
    expect(s.counters.fills).toBe(2);
  });

  it('keeps a bounded window of fill ids', () => {
    const fills = Array.from({ length: RECENT_FILLS + 10 }, (_, i) =>
      fill({ fillId: `b${i}`, count: 1, tsMs: T0 + i }),
    );
    const s = run([sync(T0 + 60_000, { positions: [position('KXA', RECENT_FILLS + 10)], fills })]);
    expect(s.counters.fills).toBe(RECENT_FILLS + 10);
    expect(s.recentFillIds).toHaveLength(RECENT_FILLS);
    expect(s.recentFillIds.at(-1)).toBe(`b${RECENT_FILLS + 9}`);
  });
});

describe('fullSync fetches the fills', () => {
  const setup = (now: () => number) => {
    const ex = fakeExchange();
    const trading = createActor(tradingLogic, { input: {} }).start();
    const service = createTradingService({ client: ex.client, trading, limits: WIDE_LIMITS, now });
    return { ex, trading, service };
  };

  it('the first sync reads all of today (UTC), then from just before the newest fill seen', async () => {
    const { ex, trading, service } = setup(() => T0);
    // Bought 5 at $0.56 and sold them at $0.64 today, flat now; yesterday's fill is outside the window.
    ex.fills = [
      fill({ fillId: 'y', count: 100, tsMs: DAY_START - 1_000 }),
      fill({ fillId: 'a', count: 500, price: 5600, fee: 1_000, tsMs: T0 - 7_200_000 }),
      fill({ fillId: 'b', side: 'ask', count: 500, price: 6400, fee: 1_000, tsMs: T0 - 3_600_000 }),
    ];
    await service.fullSync();
    expect(ex.fillFilters[0]).toEqual({ minTs: DAY_START / 1000 });
    const s = service.state();
    expect(s.dailyRealizedPnl).toBe(800 * 500 - 2_000);
    expect(s.counters.fills).toBe(2);

    await service.fullSync();
    expect(ex.fillFilters[1]).toEqual({ minTs: (T0 - 3_600_000 - FILL_OVERLAP_MS) / 1000 });
    expect(service.state().counters.fills).toBe(2);
    trading.stop();
  });

  it('a failing fills request leaves the sync applied and the window where it was', async () => {
    const { ex, trading, service } = setup(() => T0);
    ex.positions = [position('KXA', 200)];
    ex.fillsError = new Error('fills down');
    const result = await service.fullSync();
    expect(result.superseded).toBeUndefined();
    expect(service.state().positions.KXA?.position).toBe(200);

    ex.fillsError = null;
    ex.fills = [fill({ fillId: 'late', tsMs: T0 - 1_000, fee: 5_000 })];
    await service.fullSync();
    expect(ex.fillFilters.map((f) => f.minTs)).toEqual([DAY_START / 1000, DAY_START / 1000]);
    expect(service.state().dailyRealizedPnl).toBe(-5_000);
    trading.stop();
  });
});
