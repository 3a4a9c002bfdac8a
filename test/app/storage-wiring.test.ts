// The actors' news as queued history writes: a real trading actor's order, fill and position news, its
// sync's balance, and the root's transitions (acting round trips left to the intents); another program's
// orders are not this daemon's to write.

import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { tradingLogic } from '../../src/actors/trading/trading-logic';
import { recordNews } from '../../src/app/storage-wiring';
import type { HistoryWrite } from '../../src/domain/storage-records';
import { fill, sync, T0, wireOrder } from '../actors/trading/trading-fixtures';

type Listener = (t: { from: string; to: string; atMs: number; reason?: string }) => void;

function setup() {
  const writes: HistoryWrite[] = [];
  const trading = createActor(tradingLogic, { input: {} }).start();
  let transition: Listener = () => undefined;
  const trader = {
    on: (_type: 'transition', listener: Listener) => {
      transition = listener;
      return { unsubscribe() {} };
    },
  };
  recordNews(
    { enqueue: (w) => void writes.push(w) },
    { trader: trader as never, trading, now: () => T0 + 5 },
  );
  return { writes, trading, transition: (t: Parameters<Listener>[0]) => transition(t) };
}

describe('recordNews', () => {
  it('queues the order states with their event, the fills, positions and a changed balance', () => {
    const { writes, trading } = setup();
    const id = 'kt-1';
    const intent = { ticker: 'KXA', side: 'bid' as const, price: 5600, count: 100 };
    trading.send({ type: 'ORDER.PENDING', clientOrderId: id, intent, atMs: T0 });
    const accepted = { clientOrderId: id, orderId: 'oid-1', fillCount: 0, remainingCount: 100, atMs: T0 };
    trading.send({ type: 'ORDER.ACCEPTED', ...accepted });
    trading.send({ type: 'FILL', fill: fill({ clientOrderId: id }), atMs: T0 + 1 });
    trading.send(sync(T0 + 2, { orders: [wireOrder({ clientOrderId: 'other-program', orderId: 'x' })] }));
    trading.send(sync(T0 + 3));

    const orders = writes.filter((w) => w.kind === 'order');
    expect(orders.map((w) => [w.event, w.order.status, w.order.clientOrderId])).toEqual([
      ['pending', 'pending', id],
      ['accepted', 'resting', id],
    ]);
    expect(writes.filter((w) => w.kind === 'fill').map((w) => w.fill.fillId)).toEqual(['f1']);
    expect(writes.find((w) => w.kind === 'position')).toMatchObject({
      position: { ticker: 'KXA', position: 100 },
    });
    // The balance is the same at the second sync: one snapshot.
    expect(writes.filter((w) => w.kind === 'balance')).toHaveLength(1);
  });

  it('queues the transitions but not the round trips through acting', () => {
    const { writes, transition } = setup();
    transition({ from: 'kalshi_data_sync', to: 'ready', atMs: T0 });
    transition({ from: 'ready', to: 'acting', atMs: T0 + 1 });
    transition({ from: 'acting', to: 'ready', atMs: T0 + 2 });
    transition({ from: 'ready', to: 'degraded', atMs: T0 + 3, reason: 'feed down' });
    expect(writes).toEqual([
      { kind: 'transition', atMs: T0, from: 'kalshi_data_sync', to: 'ready', reason: null },
      { kind: 'transition', atMs: T0 + 3, from: 'ready', to: 'degraded', reason: 'feed down' },
    ]);
  });
});
