import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { createShutdownProcedureActor, runShutdown } from '../../src/actors/shutdown-procedure';
import type { CancelAllResult } from '../../src/actors/trading/trading-ports';

const NONE: CancelAllResult = { requested: 0, canceled: 0, notFound: 0, failed: 0 };

afterEach(() => vi.useRealTimers());

describe('shutdown procedure', () => {
  it('runs every step in order, cancelling daemon-placed orders only when asked', async () => {
    const order: string[] = [];
    const cancelAll = vi.fn(async (opts?: { onlyDaemonPlaced?: boolean }) => {
      order.push(`cancel:${opts?.onlyDaemonPlaced}`);
      return NONE;
    });
    const deps = {
      service: { cancelAll },
      stopStrategy: () => void order.push('strategy'),
      flush: async () => void order.push('flush'),
      closeSockets: () => void order.push('sockets'),
    };
    const actor = createActor(createShutdownProcedureActor(deps), {
      input: { reason: 'SIGTERM', cancelOrders: true },
    });
    actor.start();
    await toPromise(actor);
    expect(order).toEqual(['strategy', 'cancel:true', 'flush', 'sockets']);

    order.length = 0;
    expect(await runShutdown(deps, { reason: 'SIGINT', cancelOrders: false })).toEqual({
      stopStrategy: 'done',
      closeGate: 'skipped',
      syncOrders: 'skipped',
      cancelOrders: 'skipped',
      flush: 'done',
      closeSockets: 'done',
    });
    expect(cancelAll).toHaveBeenCalledTimes(1);
  });

  it('a failing or hanging step is bounded and the rest still runs', async () => {
    vi.useFakeTimers();
    const closed = vi.fn();
    const done = runShutdown(
      {
        service: { cancelAll: () => new Promise<CancelAllResult>(() => {}) },
        stopStrategy: () => {
          throw new Error('already stopped');
        },
        closeSockets: closed,
        stepTimeoutMs: 1_000,
      },
      { reason: 'test', cancelOrders: true },
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await done).toEqual({
      stopStrategy: 'failed',
      closeGate: 'skipped',
      syncOrders: 'skipped',
      cancelOrders: 'timeout',
      flush: 'skipped',
      closeSockets: 'done',
    });
    expect(closed).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
  });
});
