import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { riskStateOf, tradingLogic } from '../../../src/actors/trading/trading-logic';
import type { TradingEvent } from '../../../src/actors/trading/trading-types';
import { fill, run, sync, T0, wireOrder } from './trading-fixtures';

const INTENT = { ticker: 'KXA', side: 'bid', price: 5600, count: 500 } as const;
const pending = (id: string, atMs = T0): TradingEvent => ({
  type: 'ORDER.PENDING',
  clientOrderId: id,
  intent: INTENT,
  atMs,
});

describe('order lifecycle', () => {
  it('records a pending order before any answer and counts it', () => {
    const s = run([pending('c1')]);
    expect(s.orders.c1).toMatchObject({
      status: 'pending',
      orderId: '',
      placedByDaemon: true,
      remainingCount: 500,
    });
    expect(s.counters.submitted).toBe(1);
  });

  it('accepted → resting with the exchange order id, or executed when nothing remains', () => {
    const s = run([
      pending('c1'),
      pending('c2'),
      {
        type: 'ORDER.ACCEPTED',
        clientOrderId: 'c1',
        orderId: 'o1',
        fillCount: 100,
        remainingCount: 400,
        atMs: T0 + 1,
      },
      {
        type: 'ORDER.ACCEPTED',
        clientOrderId: 'c2',
        orderId: 'o2',
        fillCount: 500,
        remainingCount: 0,
        atMs: T0 + 1,
      },
    ]);
    expect(s.orders.c1).toMatchObject({
      status: 'resting',
      orderId: 'o1',
      fillCount: 100,
      remainingCount: 400,
    });
    expect(s.orders.c2).toMatchObject({ status: 'executed', orderId: 'o2' });
    expect(s.counters.accepted).toBe(2);
  });

  it('rejected only on an explicit rejection, with the exchange code kept as a note', () => {
    const s = run([
      pending('c1'),
      {
        type: 'ORDER.REJECTED',
        clientOrderId: 'c1',
        code: 'insufficient_balance',
        message: 'no money',
        atMs: T0,
      },
    ]);
    expect(s.orders.c1).toMatchObject({
      status: 'rejected',
      note: 'insufficient_balance: no money',
      remainingCount: 0,
    });
    expect(s.counters.rejected).toBe(1);
  });

  it('unknown stays open for the risk gate', () => {
    const s = run([
      pending('c1'),
      { type: 'ORDER.UNKNOWN', clientOrderId: 'c1', reason: 'timeout', atMs: T0 },
    ]);
    expect(s.orders.c1?.status).toBe('unknown');
    expect(riskStateOf(s, T0).openOrders.map((o) => o.clientOrderId)).toEqual(['c1']);
  });

  it('a late ACCEPTED does not undo what a sync already settled', () => {
    const s = run([
      pending('c1'),
      sync(T0 + 5, {
        recentOrders: [wireOrder({ status: 'executed', fillCount: 500, remainingCount: 0 })],
        lookedUp: ['c1'],
      }),
      {
        type: 'ORDER.ACCEPTED',
        clientOrderId: 'c1',
        orderId: 'oid-1',
        fillCount: 0,
        remainingCount: 500,
        atMs: T0 + 6,
      },
    ]);
    expect(s.orders.c1?.status).toBe('executed');
  });

  it('ORDER.UPDATE merges by id and keeps fills monotonic', () => {
    const s = run([
      pending('c1'),
      { type: 'ORDER.UPDATE', order: wireOrder({ fillCount: 200, remainingCount: 300 }), atMs: T0 + 1 },
      {
        type: 'ORDER.UPDATE',
        order: wireOrder({ clientOrderId: '', fillCount: 100, remainingCount: 400 }),
        atMs: T0 + 2,
      },
    ]);
    expect(s.orders.c1).toMatchObject({ status: 'resting', fillCount: 200, placedByDaemon: true });
    expect(Object.keys(s.orders)).toEqual(['c1']);
  });
});

describe('fills', () => {
  it('updates the position and the counter once per fill id; the order waits for absolute counts', () => {
    let s = run([
      pending('c1'),
      {
        type: 'ORDER.ACCEPTED',
        clientOrderId: 'c1',
        orderId: 'oid-1',
        fillCount: 0,
        remainingCount: 500,
        atMs: T0,
      },
    ]);
    s = run(
      [
        { type: 'FILL', fill: fill({ count: 500 }), atMs: T0 + 1 },
        { type: 'FILL', fill: fill({ count: 500 }), atMs: T0 + 2 },
      ],
      s,
    );
    expect(s.orders.c1).toMatchObject({ status: 'resting', fillCount: 0, remainingCount: 500 });
    expect(s.positions.KXA).toMatchObject({ position: 500, exposure: 5600 * 500 });
    expect(s.counters.fills).toBe(1);
  });

  const wsFill = (over: Parameters<typeof fill>[0], atMs = T0 + 1): TradingEvent => ({
    type: 'FILL',
    fill: fill({ clientOrderId: null, orderId: 'x', ...over }),
    atMs,
  });

  it('realizes PnL when a fill reduces a position, net of fees', () => {
    // Long 5 YES bought at $0.56, sell 2 at $0.60: +$0.04 × 2 = $0.08, minus a $0.01 fee.
    const s = run([
      wsFill({ fillId: 'buy', count: 500 }),
      wsFill({ fillId: 'sell', side: 'ask', price: 6000, count: 200, fee: 10_000, tsMs: T0 + 1 }),
    ]);
    expect(s.dailyRealizedPnl).toBe(80_000 - 10_000);
    expect(s.positions.KXA).toMatchObject({
      position: 300,
      exposure: 5600 * 300,
      realizedPnl: 80_000,
      feesPaid: 10_000,
    });
  });

  it('realizes PnL on a NO position closed by buying YES', () => {
    // Long 1 NO at $0.30 (position −1.00, exposure $0.30), buy 1 YES at $0.60 = sell NO at $0.40: +$0.10.
    const s = run([
      wsFill({ fillId: 'no', side: 'ask', price: 7000, count: 100 }),
      wsFill({ fillId: 'yes', side: 'bid', price: 6000, count: 100, tsMs: T0 + 1 }),
    ]);
    expect(s.dailyRealizedPnl).toBe(100_000);
    expect(s.positions.KXA).toMatchObject({ position: 0, exposure: 0 });
  });

  it('counts a fill on the day the exchange executed it, and starts a new UTC day from zero', () => {
    const yesterday = T0 - 24 * 3_600_000;
    // Bought yesterday at $0.50, sold today at $0.40: today's loss is $0.10 against yesterday's basis.
    const s = run([
      wsFill({ fillId: 'old', price: 5000, count: 100, tsMs: yesterday }, T0),
      wsFill({ fillId: 'new', side: 'ask', price: 4000, count: 100 }, T0),
    ]);
    expect(s.dailyRealizedPnl).toBe(-100_000);
    expect(riskStateOf(s, T0).dailyRealizedPnl).toBe(-100_000);
    expect(riskStateOf(s, T0 + 24 * 3_600_000).dailyRealizedPnl).toBe(0);
  });
});

describe('the trading actor', () => {
  it('holds the state in its snapshot and applies the kill switch', () => {
    const actor = createActor(tradingLogic, { input: { missingSyncLimit: 2 } }).start();
    actor.send({ type: 'KILL_SWITCH', on: true });
    actor.send(pending('c1'));
    const { context } = actor.getSnapshot();
    expect(context.killSwitch).toBe(true);
    expect(context.missingSyncLimit).toBe(2);
    expect(riskStateOf(context, T0).killSwitch).toBe(true);
    expect(context.orders.c1?.status).toBe('pending');
    actor.stop();
  });
});
