// Snapshot diffs → console events: order status changes and syncs with changes become activity lines,
// health flips become warnings, and an unchanged snapshot produces nothing.
import { describe, expect, it } from 'vitest';
import { createTradingState, tradingTransition } from '../../src/actors/trading/trading-logic';
import { healthChanges, tradingChanges } from '../../src/app/daemon-events';
import type { DaemonEvent } from '../../src/server/events';

const activities = (events: DaemonEvent[]) =>
  events.flatMap((e) => (e.type === 'activity' ? [`${e.activity_type}/${e.severity}: ${e.message}`] : []));

describe('tradingChanges', () => {
  it('reports a new order and its status changes, and nothing for an unchanged snapshot', () => {
    const s0 = createTradingState();
    const s1 = tradingTransition(s0, {
      type: 'ORDER.PENDING',
      clientOrderId: 'kt-1',
      intent: { ticker: 'KX-A', side: 'bid', price: 4200, count: 500 },
      atMs: 1,
    });
    const first = tradingChanges(s0, s1, 'ready');
    expect(first.filter((e) => e.type === 'order')).toHaveLength(1);
    expect(activities(first)).toEqual(['order/info: order bid KX-A 0.4200 × 5.00: new → pending']);

    const s2 = tradingTransition(s1, {
      type: 'ORDER.UNKNOWN',
      clientOrderId: 'kt-1',
      reason: 'timeout',
      atMs: 2,
    });
    expect(activities(tradingChanges(s1, s2, 'ready'))[0]).toMatch(/^order\/warning: .*pending → unknown/);
    expect(tradingChanges(s2, s2, 'ready')).toEqual([]);
  });
});

describe('healthChanges', () => {
  it('reports only flips', () => {
    const up = { orderbook: { healthy: true }, trading: { healthy: true } };
    const down = { orderbook: { healthy: false, detail: 'socket closed' }, trading: { healthy: true } };
    expect(activities(healthChanges(up, down, 'degraded'))).toEqual([
      'health/warning: orderbook unhealthy: socket closed',
    ]);
    expect(healthChanges(down, { ...down }, 'degraded')).toEqual([]);
    expect(activities(healthChanges(down, up, 'ready'))).toEqual(['health/info: orderbook healthy']);
  });
});

describe('tradingChanges after a sync that only re-confirmed', () => {
  it('sends no order or position news when only bookkeeping changed', () => {
    const s0 = tradingTransition(createTradingState(), {
      type: 'ORDER.PENDING',
      clientOrderId: 'kt-1',
      intent: { ticker: 'KX-A', side: 'bid', price: 4200, count: 500 },
      atMs: 1,
    });
    const o = s0.orders['kt-1']!;
    const s1 = { ...s0, orders: { 'kt-1': { ...o, lastSeenMs: 99, missingSyncs: 0 } } };
    expect(tradingChanges(s0, s1, 'ready').filter((e) => e.type !== 'status')).toEqual([]);
    const s2 = { ...s1, orders: { 'kt-1': { ...o, status: 'resting' as const } } };
    expect(tradingChanges(s1, s2, 'ready').some((e) => e.type === 'order')).toBe(true);
  });
});
