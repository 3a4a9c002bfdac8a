// An order first seen by id alone (user_order frame without client_order_id) is one order, not two.
import { describe, expect, it } from 'vitest';
import { openOrders } from '../../../src/actors/trading/trading-logic';
import type { TradingEvent, TradingState } from '../../../src/actors/trading/trading-types';
import { run, sync, T0, wireOrder } from './trading-fixtures';

const KEY = 'kt-1';
const INTENT = { ticker: 'KXA', side: 'bid', price: 5600, count: 500 } as const;
const pendingKt: TradingEvent = { type: 'ORDER.PENDING', clientOrderId: KEY, intent: INTENT, atMs: T0 };
const frame = (over = {}): TradingEvent => ({
  type: 'ORDER.UPDATE',
  order: wireOrder({ clientOrderId: '', ...over }),
  atMs: T0 + 1,
});
const acceptedKt: TradingEvent = {
  type: 'ORDER.ACCEPTED',
  clientOrderId: KEY,
  orderId: 'oid-1',
  fillCount: 0,
  remainingCount: 500,
  atMs: T0 + 2,
};

describe('ghost orders', () => {
  it('folds a frame that beat the create answer into the client key', () => {
    const s = run([pendingKt, frame(), acceptedKt]);
    expect(Object.keys(s.orders)).toEqual([KEY]);
    expect(openOrders(s)).toHaveLength(1);
    expect(s.orders[KEY]).toMatchObject({ orderId: 'oid-1', status: 'resting', placedByDaemon: true });
  });

  it('keeps the fills the early frame knew and the create answer did not', () => {
    const s = run([pendingKt, frame({ fillCount: 200, remainingCount: 300 }), acceptedKt]);
    expect(s.orders[KEY]).toMatchObject({ fillCount: 200, remainingCount: 300, status: 'resting' });
  });

  it('keeps an end the early frame proved (canceled before the answer came)', () => {
    const s = run([pendingKt, frame({ status: 'canceled', remainingCount: 0 }), acceptedKt]);
    expect(s.orders[KEY]?.status).toBe('canceled');
    expect(openOrders(s)).toHaveLength(0);
  });

  it('folds a ghost when a later frame names both ids', () => {
    const unknownKt: TradingEvent = {
      type: 'ORDER.UNKNOWN',
      clientOrderId: KEY,
      reason: '503',
      atMs: T0 + 1,
    };
    const s = run([
      pendingKt,
      unknownKt,
      frame(),
      frame({ clientOrderId: KEY, fillCount: 100, remainingCount: 400 }),
    ]);
    expect(Object.keys(s.orders)).toEqual([KEY]);
    expect(s.orders[KEY]).toMatchObject({ orderId: 'oid-1', fillCount: 100, status: 'resting' });
  });

  it('reconciliation folds a ghost left beside its client key and counts the order once', () => {
    // The state an earlier version could leave: the same exchange order under two keys.
    const both = run([pendingKt, acceptedKt]);
    const legacy: TradingState = {
      ...both,
      orders: {
        ...both.orders,
        'order:oid-1': { ...both.orders[KEY]!, clientOrderId: '', placedByDaemon: false },
      },
    };
    expect(openOrders(legacy)).toHaveLength(2);
    for (const listed of [wireOrder({ clientOrderId: KEY }), wireOrder({ clientOrderId: '' })]) {
      const s = run([sync(T0 + 10, { orders: [listed], lookedUp: [KEY, 'order:oid-1'] })], legacy);
      expect(Object.keys(s.orders)).toEqual([KEY]);
      expect(openOrders(s)).toHaveLength(1);
      expect(s.orders[KEY]).toMatchObject({ status: 'resting', placedByDaemon: true, missingSyncs: 0 });
    }
  });
});
