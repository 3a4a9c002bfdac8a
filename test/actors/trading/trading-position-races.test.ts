// Positions against the WS/REST races: a late WS copy of a fill REST already holds, and a sync older than a fill.
import { describe, expect, it } from 'vitest';
import { createTradingState, tradingTransition } from '../../../src/actors/trading/trading-logic';
import type { FillEvent, TradingEvent, TradingState } from '../../../src/actors/trading/trading-types';
import { fill, position, sync, T0 } from './trading-fixtures';

const run = (events: TradingEvent[], state: TradingState = createTradingState()) =>
  events.reduce(tradingTransition, state);

const wsFill = (over: Partial<FillEvent>): TradingEvent => ({
  type: 'FILL',
  fill: fill(over),
  atMs: T0 + 5_000,
});

describe('late WS fill after a sync that already holds it', () => {
  it('sets the position from postPosition instead of adding the fill again', () => {
    // REST's row was written after fill f1 (T0 + 100 > T0 + 50): it already counts the 5 contracts.
    const s = run([
      sync(T0 + 1_000, { positions: [position('KXA', 500, { updatedMs: T0 + 100 })] }),
      wsFill({ fillId: 'f1', count: 500, tsMs: T0 + 50, postPosition: 500 }),
    ]);
    expect(s.positions.KXA?.position).toBe(500);
    // The fill is still booked once: counted, and its id remembered against a replay.
    expect(s.counters.fills).toBe(1);
    expect(s.recentFillIds).toContain('f1');
  });

  it('applies a newer fill as the absolute position it reports, even across a missed fill', () => {
    const s = run([
      sync(T0 + 1_000, { positions: [position('KXA', 500, { updatedMs: T0 + 100 })] }),
      // A fill of 1 that reports 7 held: one of 1 in between was never seen; the exchange's number wins.
      wsFill({ fillId: 'f3', count: 100, tsMs: T0 + 300, postPosition: 700 }),
      wsFill({ fillId: 'f3', count: 100, tsMs: T0 + 300, postPosition: 700 }),
    ]);
    expect(s.positions.KXA).toMatchObject({ position: 700, updatedMs: T0 + 300 });
    expect(s.counters.fills).toBe(1);
  });

  it('keeps the newer of two WS fills arriving out of order', () => {
    const s = run([
      wsFill({ fillId: 'f2', count: 100, tsMs: T0 + 200, postPosition: 200 }),
      wsFill({ fillId: 'f1', count: 100, tsMs: T0 + 100, postPosition: 100 }),
    ]);
    expect(s.positions.KXA?.position).toBe(200);
    expect(s.counters.fills).toBe(2);
  });

  it('still adds a fill that carries no postPosition (REST fills, older frames)', () => {
    const s = run([
      sync(T0 + 1_000, { positions: [position('KXA', 500, { updatedMs: T0 })] }),
      wsFill({ fillId: 'f1', count: 100, tsMs: T0 + 50 }),
    ]);
    expect(s.positions.KXA?.position).toBe(600);
  });
});

describe('sync older than a WS fill', () => {
  it('keeps the local position when the REST row predates the fill', () => {
    const s = run([
      sync(T0 + 100, { positions: [position('KXA', 500, { updatedMs: T0 })] }),
      wsFill({ fillId: 'f1', count: 100, tsMs: T0 + 1_000, postPosition: 600 }),
      // Positions were fetched before f1: the row still says 5 as of T0.
      sync(T0 + 2_000, { positions: [position('KXA', 500, { updatedMs: T0 })] }),
    ]);
    expect(s.positions.KXA?.position).toBe(600);
    expect(s.lastSync?.changes).not.toContain('position KXA: 6.00 → 5.00');
  });

  it('takes the REST row once it is as new as the fill', () => {
    const s = run([
      wsFill({ fillId: 'f1', count: 100, tsMs: T0 + 1_000, postPosition: 600 }),
      sync(T0 + 2_000, { positions: [position('KXA', 650, { updatedMs: T0 + 1_500 })] }),
    ]);
    expect(s.positions.KXA).toMatchObject({ position: 650, updatedMs: T0 + 1_500 });
  });

  it('keeps a position REST does not list yet when the fill came after positions were asked for', () => {
    const opened = wsFill({ fillId: 'f1', ticker: 'KXB', count: 100, tsMs: T0 + 1_000, postPosition: 100 });
    const stale = run([opened, sync(T0 + 2_000, { positionsAskedMs: T0 + 500 })]);
    expect(stale.positions.KXB?.position).toBe(100);
    // Asked after the fill and still absent: the position is really gone (settled, closed).
    const fresh = run([opened, sync(T0 + 2_000, { positionsAskedMs: T0 + 1_500 })]);
    expect(fresh.positions.KXB).toBeUndefined();
  });
});
