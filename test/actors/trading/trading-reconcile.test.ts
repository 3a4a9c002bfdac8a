import { describe, expect, it } from 'vitest';
import { createTradingBook } from '../../../src/actors/trading/trading-ledger';
import { createTradingState } from '../../../src/actors/trading/trading-logic';
import { NOT_FOUND_NOTE } from '../../../src/actors/trading/trading-reconcile';
import type { TradingEvent } from '../../../src/actors/trading/trading-types';
import { balance, fill, position, run, sync, T0, wireOrder } from './trading-fixtures';

const INTENT = { ticker: 'KXA', side: 'bid', price: 5600, count: 500 } as const;
const pendingC1: TradingEvent = { type: 'ORDER.PENDING', clientOrderId: 'c1', intent: INTENT, atMs: T0 };
const unknownC1: TradingEvent = { type: 'ORDER.UNKNOWN', clientOrderId: 'c1', reason: '503', atMs: T0 + 1 };

describe('SYNC.APPLY reconciliation', () => {
  it('settles a pending order found among the open orders by client_order_id', () => {
    const s = run([pendingC1, sync(T0 + 10, { orders: [wireOrder()] })]);
    expect(s.orders.c1).toMatchObject({
      status: 'resting',
      orderId: 'oid-1',
      placedByDaemon: true,
      lastSeenMs: T0 + 10,
    });
    expect(s.lastSync?.changes).toContain('order c1 pending → resting');
  });

  it('leaves a pending order alone while its request is in flight', () => {
    const s = run([
      pendingC1,
      sync(T0 + 10),
      sync(T0 + 20),
      sync(T0 + 30),
      sync(T0 + 40, { lookedUp: ['c1'] }),
    ]);
    expect(s.orders.c1?.status).toBe('pending');
  });

  it('settles an unknown order from the recent-order lookup', () => {
    const executed = wireOrder({ status: 'executed', fillCount: 500, remainingCount: 0 });
    const s = run([pendingC1, unknownC1, sync(T0 + 10, { recentOrders: [executed], lookedUp: ['c1'] })]);
    expect(s.orders.c1).toMatchObject({
      status: 'executed',
      fillCount: 500,
      orderId: 'oid-1',
      missingSyncs: 0,
    });
    expect(s.lastSync?.changes).toContain('order c1 unknown → executed');
  });

  it('keeps an unknown order unknown while it is unproven, counting the misses', () => {
    const s = run([
      pendingC1,
      unknownC1,
      sync(T0 + 10, { lookedUp: ['c1'] }),
      sync(T0 + 20, { lookedUp: ['c1'] }),
    ]);
    expect(s.orders.c1).toMatchObject({ status: 'unknown', missingSyncs: 2 });
  });

  it('declares a missing order canceled after N syncs only when the lookup missed it too', () => {
    // Three misses without a covering lookup prove nothing.
    let s = run([pendingC1, unknownC1, sync(T0 + 10), sync(T0 + 20), sync(T0 + 30)]);
    expect(s.orders.c1).toMatchObject({ status: 'unknown', missingSyncs: 3 });
    s = run([sync(T0 + 40, { lookedUp: ['c1'], recentOrders: [] })], s);
    expect(s.orders.c1).toMatchObject({ status: 'canceled', note: NOT_FOUND_NOTE, remainingCount: 0 });
    expect(s.lastSync?.changes).toContain(`order c1 unknown → canceled (${NOT_FOUND_NOTE})`);
  });

  it('honours a custom missing-sync limit and never calls a missing order rejected', () => {
    const s = run(
      [pendingC1, unknownC1, sync(T0 + 10, { lookedUp: ['c1'] })],
      createTradingState({ missingSyncLimit: 1 }),
    );
    expect(s.orders.c1?.status).toBe('canceled');
  });

  it('moves a resting order that left the book to its looked-up final status', () => {
    const resting = wireOrder();
    const executed = wireOrder({ status: 'executed', fillCount: 500, remainingCount: 0 });
    let s = run([pendingC1, sync(T0 + 10, { orders: [resting] })]);
    s = run([sync(T0 + 20, { recentOrders: [executed], lookedUp: ['c1'] })], s);
    expect(s.orders.c1?.status).toBe('executed');
    expect(s.lastSync?.changes).toEqual(['order c1 resting → executed']);
  });

  it('adopts orders placed elsewhere as external, keyed by client_order_id or order id', () => {
    const s = run([sync(T0, { orders: [wireOrder({ clientOrderId: '', orderId: 'x9' })] })]);
    expect(s.orders['order:x9']).toMatchObject({ placedByDaemon: false, status: 'resting' });
    expect(s.lastSync?.changes).toContain('order order:x9 found on exchange: resting (external)');
  });

  it('books the fills REST lists, takes the balance, and describes the differences', () => {
    const book = createTradingBook();
    const bought = fill({ fillId: 'b', ticker: 'KXB', count: 300 });
    const row = position('KXB', 300, { exposure: 5600 * 300 });
    let s = run(
      [sync(T0, { fills: [bought], positions: [row], balance: balance(100_000_000) })],
      undefined,
      book,
    );
    expect(s.lastSync?.changes).toEqual([
      '1 fill(s) booked from REST (not seen on the feed)',
      'position KXB: 0 → 3.00',
      'balance unknown → $100.00',
    ]);
    const sold = fill({ fillId: 's', ticker: 'KXB', side: 'ask', count: 300, tsMs: T0 + 5 });
    const flat = position('KXB', 0, { realizedPnl: 0, updatedMs: T0 + 5 });
    s = run(
      [sync(T0 + 10, { fills: [bought, sold], positions: [flat], balance: balance(98_500_000) })],
      s,
      book,
    );
    expect(s.positions.KXB).toMatchObject({ position: 0, exposure: 0, realizedPnl: 0 });
    expect(s.lastSync).toEqual({
      atMs: T0 + 10,
      changes: [
        '1 fill(s) booked from REST (not seen on the feed)',
        'position KXB: 3.00 → 0',
        'balance $100.00 → $98.50',
      ],
    });
  });

  it('reports no changes when nothing moved', () => {
    const first = sync(T0, { orders: [wireOrder()], positions: [position('KXA', 100)] });
    const s = run([first, { ...first, atMs: T0 + 10 }]);
    expect(s.lastSync).toEqual({ atMs: T0 + 10, changes: [] });
  });

  it('never reopens an order we know is terminal', () => {
    const s = run([
      pendingC1,
      sync(T0 + 10, { orders: [wireOrder()] }),
      { type: 'ORDER.CANCELED', clientOrderId: 'c1', atMs: T0 + 20 },
      // A listing taken before the cancel landed still shows it resting.
      sync(T0 + 30, { orders: [wireOrder()] }),
    ]);
    expect(s.orders.c1?.status).toBe('canceled');
  });
});
