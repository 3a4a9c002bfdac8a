// Order tracking against Kalshi's unordered sources: create answers, user_order frames, REST syncs, fills.
import { describe, expect, it } from 'vitest';
import { createTradingState } from '../../../src/actors/trading/trading-logic';
import { NOT_FOUND_NOTE } from '../../../src/actors/trading/trading-reconcile';
import { DAEMON_ORDER_PREFIX, type TradingEvent } from '../../../src/actors/trading/trading-types';
import { fill, run, sync, T0, wireOrder } from './trading-fixtures';

// 6 contracts = 600 centi-contracts; 3 of them filled on arrival.
const INTENT = { ticker: 'KXA', side: 'bid', price: 5600, count: 600 } as const;
const pending: TradingEvent = { type: 'ORDER.PENDING', clientOrderId: 'c1', intent: INTENT, atMs: T0 };
const acceptedPartial: TradingEvent = {
  type: 'ORDER.ACCEPTED',
  clientOrderId: 'c1',
  orderId: 'oid-1',
  fillCount: 300,
  remainingCount: 300,
  atMs: T0 + 1,
};
const fillOf3: TradingEvent = { type: 'FILL', fill: fill({ fillId: 'f1', count: 300 }), atMs: T0 + 1 };
const resting = (fillCount: number) =>
  wireOrder({ initialCount: 600, fillCount, remainingCount: 600 - fillCount, status: 'resting' });

describe('fills are not counted twice against absolute order counts', () => {
  it('create answer first, then the fill it already included', () => {
    const s = run([pending, acceptedPartial, fillOf3]);
    expect(s.orders.c1).toMatchObject({ status: 'resting', fillCount: 300, remainingCount: 300 });
    expect(s.positions.KXA?.position).toBe(300);
    expect(s.counters.fills).toBe(1);
  });

  it('the fill first, then the create answer', () => {
    const s = run([pending, fillOf3, acceptedPartial]);
    expect(s.orders.c1).toMatchObject({ status: 'resting', fillCount: 300, remainingCount: 300 });
    expect(s.positions.KXA?.position).toBe(300);
  });

  it('a user_order frame with the totals, then the same fill', () => {
    const s = run([
      pending,
      { type: 'ORDER.UPDATE', order: resting(300), atMs: T0 + 1 },
      fillOf3,
      { type: 'FILL', fill: fill({ fillId: 'f1', count: 300 }), atMs: T0 + 2 },
    ]);
    expect(s.orders.c1).toMatchObject({ status: 'resting', fillCount: 300, remainingCount: 300 });
    expect(s.positions.KXA?.position).toBe(300);
  });

  it('a stale listing with fewer fills keeps the known fills and the remaining count consistent', () => {
    const s = run([
      pending,
      { type: 'ORDER.UPDATE', order: resting(300), atMs: T0 + 1 },
      { type: 'ORDER.UPDATE', order: resting(100), atMs: T0 + 2 },
    ]);
    expect(s.orders.c1).toMatchObject({ status: 'resting', fillCount: 300, remainingCount: 300 });
  });
});

describe('inferred terminal statuses give way to the exchange', () => {
  it('"not found on exchange" gives way to a user_order frame listing the order as resting', () => {
    const gone = run(
      [pending, acceptedPartial, sync(T0 + 2, { lookedUp: ['c1'] })],
      createTradingState({ missingSyncLimit: 1 }),
    );
    expect(gone.orders.c1).toMatchObject({
      status: 'canceled',
      note: NOT_FOUND_NOTE,
      statusSource: 'inferred',
    });
    const s = run([{ type: 'ORDER.UPDATE', order: resting(400), atMs: T0 + 3 }], gone);
    expect(s.orders.c1).toMatchObject({
      status: 'resting',
      fillCount: 400,
      remainingCount: 200,
      statusSource: 'exchange',
      note: null,
    });
  });

  it('a rejection gives way to a REST sync listing the order as resting', () => {
    const s = run([
      pending,
      { type: 'ORDER.REJECTED', clientOrderId: 'c1', code: 'bad', message: 'no', atMs: T0 + 1 },
      sync(T0 + 2, { orders: [resting(0)] }),
    ]);
    expect(s.orders.c1).toMatchObject({ status: 'resting', remainingCount: 600, statusSource: 'exchange' });
    expect(s.lastSync?.changes).toContain('order c1 rejected → resting');
  });

  it('a status computed from the create answer gives way to a sync listing the order as resting', () => {
    // Nothing remained per the answer, so the daemon guessed canceled (IOC); the exchange says otherwise.
    const s = run([
      pending,
      { ...acceptedPartial, remainingCount: 0 },
      sync(T0 + 2, { orders: [resting(300)] }),
    ]);
    expect(s.orders.c1).toMatchObject({ status: 'resting', fillCount: 300, remainingCount: 300 });
  });

  it('an inferred terminal status is kept against a listing that knows fewer fills (provably older)', () => {
    const s = run([
      pending,
      { ...acceptedPartial, fillCount: 600, remainingCount: 0 },
      { type: 'ORDER.UPDATE', order: resting(0), atMs: T0 + 2 },
    ]);
    expect(s.orders.c1).toMatchObject({ status: 'executed', fillCount: 600, remainingCount: 0 });
  });
});

describe('terminal statuses the exchange reported stay terminal', () => {
  it('executed from a user_order frame is kept against a staler sync listing it as resting', () => {
    const s = run([
      pending,
      acceptedPartial,
      {
        type: 'ORDER.UPDATE',
        order: wireOrder({ initialCount: 600, fillCount: 600, remainingCount: 0, status: 'executed' }),
        atMs: T0 + 2,
      },
      sync(T0 + 3, { orders: [resting(600)] }),
    ]);
    expect(s.orders.c1).toMatchObject({ status: 'executed', remainingCount: 0, statusSource: 'exchange' });
  });

  it('canceled by the cancel answer is kept against a late user_order frame listing it as resting', () => {
    const s = run([
      pending,
      acceptedPartial,
      { type: 'ORDER.CANCELED', clientOrderId: 'c1', orderId: 'oid-1', atMs: T0 + 2 },
      { type: 'ORDER.UPDATE', order: resting(300), atMs: T0 + 3 },
    ]);
    expect(s.orders.c1).toMatchObject({ status: 'canceled', remainingCount: 0, statusSource: 'exchange' });
  });
});

describe('orders placed by this daemon before a restart', () => {
  it(`a listed order whose client_order_id starts with ${DAEMON_ORDER_PREFIX} is daemon-placed`, () => {
    const ours = `${DAEMON_ORDER_PREFIX}6f1c2d3e-4a5b-4c6d-8e7f-901234567890`;
    const s = run([
      sync(T0, {
        orders: [
          wireOrder({ clientOrderId: ours, orderId: 'o-ours' }),
          wireOrder({ clientOrderId: 'manual-1', orderId: 'o-manual' }),
        ],
      }),
      { type: 'ORDER.UPDATE', order: wireOrder({ clientOrderId: `${ours}x`, orderId: 'o-ws' }), atMs: T0 },
    ]);
    expect(s.orders[ours]?.placedByDaemon).toBe(true);
    expect(s.orders[`${ours}x`]?.placedByDaemon).toBe(true);
    expect(s.orders['manual-1']?.placedByDaemon).toBe(false);
    expect(s.lastSync?.changes).toContain(`order ${ours} found on exchange: resting`);
  });
});
