// The trading actor emits its news as it applies each event: subscribers never diff snapshots.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { tradingLogic } from '../../../src/actors/trading/trading-logic';
import type { TradingNews } from '../../../src/actors/trading/trading-news';
import { fill, position, sync, T0, wireOrder } from './trading-fixtures';

function start() {
  const trading = createActor(tradingLogic, { input: {} }).start();
  const news: TradingNews[] = [];
  trading.on('*', (e) => news.push(e));
  const take = () => news.splice(0);
  return { trading, take };
}

const intent = { ticker: 'KXA', side: 'bid', price: 5600, count: 500 } as const;

describe('trading news', () => {
  it('tells an order as it is placed and settled, with the status it came from', () => {
    const { trading, take } = start();
    trading.send({ type: 'ORDER.PENDING', clientOrderId: 'c1', intent, atMs: T0 });
    expect(take()).toEqual([
      {
        type: 'order',
        order: expect.objectContaining({ clientOrderId: 'c1', status: 'pending' }),
        from: null,
      },
      { type: 'counted', counter: 'submitted', by: 1 },
    ]);
    trading.send({ type: 'ORDER.UNKNOWN', clientOrderId: 'c1', reason: 'timeout', atMs: T0 + 1 });
    expect(take()).toEqual([
      {
        type: 'order',
        order: expect.objectContaining({ status: 'unknown', note: 'timeout' }),
        from: 'pending',
      },
      { type: 'counted', counter: 'unknown', by: 1 },
    ]);
    // A second PENDING for the same id changes nothing: no news.
    trading.send({ type: 'ORDER.PENDING', clientOrderId: 'c1', intent, atMs: T0 + 2 });
    expect(take()).toEqual([]);
  });

  it('tells a fill once, even when it is delivered twice, with the position it moved', () => {
    const { trading, take } = start();
    trading.send({ type: 'FILL', fill: fill(), atMs: T0 });
    const first = take();
    expect(first.map((n) => n.type)).toEqual(['fill', 'position', 'counted']);
    expect(first[0]).toEqual({ type: 'fill', fill: fill() });
    expect(first[1]).toMatchObject({ type: 'position', position: { ticker: 'KXA', position: 100 } });
    trading.send({ type: 'FILL', fill: fill(), atMs: T0 + 5 });
    expect(take()).toEqual([]);
  });

  it('tells a sync, and only the orders and positions whose shown fields it changed', () => {
    const { trading, take } = start();
    const f1 = fill({ fillId: 'f1', count: 200 });
    const row = (centi: number) => position('KXA', centi, { exposure: 5600 * centi });
    trading.send(sync(T0, { orders: [wireOrder()], fills: [f1], positions: [row(200)] }));
    const first = take();
    expect(first.map((n) => n.type)).toEqual(['order', 'fill', 'position', 'synced', 'counted']);
    expect(first[3]).toMatchObject({ type: 'synced', state: { lastSync: { atMs: T0 } } });
    // The same listing again only re-confirms (new lastSeen): a sync, but no order or position news.
    trading.send(sync(T0 + 1_000, { orders: [wireOrder()], fills: [f1], positions: [row(200)] }));
    expect(take().map((n) => n.type)).toEqual(['synced']);
    const f2 = fill({ fillId: 'f2', count: 100, tsMs: T0 + 1_500 });
    trading.send(
      sync(T0 + 2_000, {
        orders: [wireOrder({ fillCount: 100, remainingCount: 400 })],
        fills: [f1, f2],
        positions: [row(300)],
      }),
    );
    expect(take()).toMatchObject([
      { type: 'order', order: { fillCount: 100 }, from: 'resting' },
      { type: 'fill', fill: { fillId: 'f2' } },
      { type: 'position', position: { ticker: 'KXA', position: 300 } },
      { type: 'synced' },
      { type: 'counted', counter: 'fills', by: 1 },
    ]);
  });

  it('tells a market whose fold still differs after a re-fold, once, and when it agrees again', () => {
    const { trading, take } = start();
    // The exchange holds 3 more than the ledger knows of, and its history does not explain them.
    const ghost = position('KXA', 300, { exposure: 5600 * 300 });
    trading.send(sync(T0, { positions: [ghost] }));
    expect(take().map((n) => n.type)).toEqual(['synced']);
    trading.send({ type: 'LEDGER.HISTORY', ticker: 'KXA', fills: [], atMs: T0 + 1 });
    expect(take()).toMatchObject([
      {
        type: 'ledger_mismatch',
        ticker: 'KXA',
        ledger: null,
        check: { status: 'unverified', exchange: { position: 300 } },
      },
    ]);
    trading.send(sync(T0 + 1_000, { positions: [ghost] }));
    expect(take().map((n) => n.type)).toEqual(['synced']);
    // Its fill shows up at last: the fold and the row agree.
    const late = fill({ fillId: 'late', count: 300, tsMs: T0 - 1 });
    trading.send(sync(T0 + 2_000, { fills: [late], positions: [ghost] }));
    expect(take().map((n) => n.type)).toEqual(['fill', 'position', 'ledger_agrees', 'synced', 'counted']);
  });

  it('tells a fill the ledger refused', () => {
    const { trading, take } = start();
    trading.send({ type: 'FILL', fill: fill(), atMs: T0 });
    take();
    trading.send({ type: 'FILL', fill: fill({ price: 5700 }), atMs: T0 + 1 });
    expect(take()).toEqual([{ type: 'ledger_rejected', id: 'f1', ticker: 'KXA', reason: 'conflict' }]);
  });

  it('tells the kill switch and the strategy pause as they change, never a repeat', () => {
    const { trading, take } = start();
    trading.send({ type: 'KILL_SWITCH', on: true });
    expect(take()).toEqual([{ type: 'controls', killSwitch: true, strategyPaused: false }]);
    trading.send({ type: 'KILL_SWITCH', on: true });
    expect(take()).toEqual([]);
    trading.send({ type: 'STRATEGY.SET_PAUSED', paused: true });
    trading.send({ type: 'KILL_SWITCH', on: false });
    expect(take()).toEqual([
      { type: 'controls', killSwitch: true, strategyPaused: true },
      { type: 'controls', killSwitch: false, strategyPaused: true },
    ]);
  });
});
