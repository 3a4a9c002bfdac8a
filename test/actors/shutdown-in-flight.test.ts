// Shutdown with a create in flight: the gate closes, the shutdown waits for the answer, then cancels it.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { runShutdown } from '../../src/actors/shutdown-procedure';
import { tradingLogic } from '../../src/actors/trading/trading-logic';
import { createTradingService } from '../../src/actors/trading/trading-service';
import { fakeExchange, gate, restingOrder, signal } from './trading/fake-client';
import { WIDE_LIMITS } from './trading/sim-harness';
import { T0 } from './trading/trading-fixtures';

const INTENT = { ticker: 'KXA', side: 'bid', price: 5600, count: 500 } as const;

function setup() {
  const ex = fakeExchange();
  const trading = createActor(tradingLogic, { input: {} }).start();
  let ids = 0;
  const service = createTradingService({
    client: ex.client,
    trading,
    limits: WIDE_LIMITS,
    now: () => T0,
    // Each submit takes two: its intent's id, then its order's (kt-u2 is the first order).
    randomUUID: () => `u${++ids}`,
  });
  return { ex, trading, service };
}

describe('shutdown with orders in flight', () => {
  it('waits for a slow create, then cancels the order it left resting', async () => {
    const { ex, trading, service } = setup();
    ex.createGate = gate();
    const inFlight = service.submit(INTENT);
    const closing = signal();
    const done = runShutdown(
      {
        service: {
          cancelAll: (o) => service.cancelAll(o),
          fullSync: () => service.fullSync(),
          close: (o) => {
            closing.signal();
            return service.close(o);
          },
        },
        stopStrategy: () => void ex.calls.push('strategy'),
        stepTimeoutMs: 60_000,
      },
      { reason: 'SIGTERM', cancelOrders: true },
    );
    await closing.reached;
    // The gate is shut: a strategy that slipped one more intent in gets nothing sent.
    expect(await service.submit(INTENT)).toEqual({
      outcome: 'blocked',
      rule: 'shutting_down',
      reason: 'trading is shutting down',
    });
    ex.createGate.open();
    expect(await inFlight).toMatchObject({ outcome: 'accepted', orderId: 'oid-1' });
    expect(await done).toMatchObject({
      stopStrategy: 'done',
      closeGate: 'done',
      syncOrders: 'done',
      cancelOrders: 'done',
    });
    expect(ex.calls).toEqual(['create:kt-u2', 'strategy', 'answer:kt-u2', 'positions', 'cancel:oid-1']);
    expect(service.state().orders['kt-u2']?.status).toBe('canceled');
    trading.stop();
  });

  it('cancels an order whose create answer was lost, once the sync has found it', async () => {
    const { ex, trading, service } = setup();
    ex.client.submitOrder = async (intent, hooks = {}) => {
      hooks.onBeforeSend?.(intent.clientOrderId ?? '', intent);
      ex.orders.push(restingOrder(intent, 'oid-9', intent.clientOrderId ?? ''));
      throw new Error('socket hang up');
    };
    expect((await service.submit(INTENT)).outcome).toBe('unknown');
    const steps = await runShutdown(
      { service, stepTimeoutMs: 60_000 },
      { reason: 'SIGTERM', cancelOrders: true },
    );
    expect(steps).toMatchObject({ closeGate: 'done', syncOrders: 'done', cancelOrders: 'done' });
    expect(ex.calls).toContain('cancel:oid-9');
    expect(service.state().orders['kt-u2']?.status).toBe('canceled');
    trading.stop();
  });

  it('close() resolves at its timeout when a create never answers', async () => {
    const { ex, trading, service } = setup();
    ex.createGate = gate();
    void service.submit(INTENT);
    expect(await service.close({ timeoutMs: 0 })).toEqual({ pending: 1 });
    ex.createGate.open();
    trading.stop();
  });
});
