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
    trading.send({ type: 'FILL', fill: { ...fill(), postPosition: 100 }, atMs: T0 });
    const first = take();
    expect(first.map((n) => n.type)).toEqual(['fill', 'position', 'counted']);
    expect(first[0]).toEqual({ type: 'fill', fill: fill() });
    expect(first[1]).toMatchObject({ type: 'position', position: { ticker: 'KXA', position: 100 } });
    trading.send({ type: 'FILL', fill: { ...fill(), postPosition: 100 }, atMs: T0 + 5 });
    expect(take()).toEqual([]);
  });

  it('tells a sync, and only the orders and positions whose shown fields it changed', () => {
    const { trading, take } = start();
    trading.send(sync(T0, { orders: [wireOrder()], positions: [position('KXA', 200)] }));
    const first = take();
    expect(first.map((n) => n.type)).toEqual(['order', 'position', 'synced']);
    expect(first[2]).toMatchObject({ type: 'synced', state: { lastSync: { atMs: T0 } } });
    // The same listing again only re-confirms (new lastSeen): a sync, but no order or position news.
    trading.send(sync(T0 + 1_000, { orders: [wireOrder()], positions: [position('KXA', 200)] }));
    expect(take().map((n) => n.type)).toEqual(['synced']);
    trading.send(
      sync(T0 + 2_000, {
        orders: [wireOrder({ fillCount: 100, remainingCount: 400 })],
        positions: [position('KXA', 300)],
      }),
    );
    expect(take()).toMatchObject([
      { type: 'order', order: { fillCount: 100 }, from: 'resting' },
      { type: 'position', position: { ticker: 'KXA', position: 300 } },
      { type: 'synced' },
    ]);
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
