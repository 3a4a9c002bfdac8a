// The shutdown procedure's steps, in order, each reported as it really went: a step that did not run
// says why, a failing or hanging one is bounded and the rest still runs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { createShutdownProcedureActor, runShutdown } from '../../src/actors/shutdown-procedure';
import { skip } from '../../src/actors/shutdown-steps';
import type { CancelAllResult } from '../../src/actors/trading/trading-ports';

const NONE: CancelAllResult = { requested: 0, canceled: 0, notFound: 0, failed: 0 };
const KEPT = 'skipped: resting orders are kept (V3_CANCEL_ON_SHUTDOWN is off)';

afterEach(() => vi.useRealTimers());

describe('shutdown procedure', () => {
  it('runs every step in order, cancelling daemon-placed orders only when asked', async () => {
    const order: string[] = [];
    const cancelAll = vi.fn(async (opts?: { onlyDaemonPlaced?: boolean }) => {
      order.push(`cancel:${opts?.onlyDaemonPlaced}`);
      return NONE;
    });
    const deps = {
      service: {
        cancelAll,
        close: async () => {
          order.push('gate');
          return { pending: 0 };
        },
        fullSync: async () => {
          order.push('sync');
          return { atMs: 0, changes: 0, details: [] };
        },
      },
      stopStrategy: () => void order.push('strategy'),
      flush: async () => void order.push('flush'),
      closeSockets: () => void order.push('sockets'),
    };
    const actor = createActor(createShutdownProcedureActor(deps), {
      input: { reason: 'SIGTERM', cancelOrders: true },
    });
    actor.start();
    await toPromise(actor);
    expect(order).toEqual(['strategy', 'gate', 'sync', 'cancel:true', 'flush', 'sockets']);

    order.length = 0;
    expect(await runShutdown(deps, { reason: 'SIGINT', cancelOrders: false })).toEqual({
      stopStrategy: 'done',
      closeGate: 'done',
      syncOrders: KEPT,
      cancelOrders: KEPT,
      flush: 'done',
      closeSockets: 'done',
    });
    expect(order).toEqual(['strategy', 'gate', 'flush', 'sockets']);
    expect(cancelAll).toHaveBeenCalledTimes(1);
  });

  it('says why a step did not run: not wired, or nothing running to stop', async () => {
    const steps = await runShutdown(
      {
        service: { cancelAll: async () => NONE },
        stopStrategy: () => skip('the strategy was not running (initializing)'),
      },
      { reason: 'SIGTERM', cancelOrders: true },
    );
    expect(steps).toEqual({
      stopStrategy: 'skipped: the strategy was not running (initializing)',
      closeGate: 'skipped: the trading service has no order gate',
      syncOrders: 'skipped: the trading service cannot sync',
      cancelOrders: 'done',
      flush: 'skipped: no storage is attached',
      closeSockets: 'skipped: no exchange sockets are wired',
    });
  });

  it('reports a step that only partly succeeded as failed, with what is left', async () => {
    const steps = await runShutdown(
      {
        service: {
          cancelAll: async () => ({ requested: 3, canceled: 1, notFound: 0, failed: 2 }),
          close: async () => ({ pending: 1 }),
        },
      },
      { reason: 'command', cancelOrders: true },
    );
    expect(steps).toMatchObject({
      closeGate: 'failed: gate closed, but 1 order submit(s) still in flight',
      cancelOrders: 'failed: 2 of 3 cancels failed',
    });
  });

  it('a failing or hanging step is bounded and the rest still runs', async () => {
    vi.useFakeTimers();
    const closed = vi.fn();
    const done = runShutdown(
      {
        service: { cancelAll: () => new Promise<CancelAllResult>(() => {}) },
        stopStrategy: () => {
          throw new Error('strategy stop threw');
        },
        closeSockets: closed,
        stepTimeoutMs: 1_000,
      },
      { reason: 'test', cancelOrders: true },
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await done).toMatchObject({
      stopStrategy: 'failed: strategy stop threw',
      cancelOrders: 'timeout after 1000 ms',
      closeSockets: 'done',
    });
    expect(closed).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
  });
});
