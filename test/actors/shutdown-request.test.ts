// Stopping the trader from outside: SHUTDOWN through the running root machine, or the procedure run
// directly when the root is not running and would ignore SHUTDOWN; bounded either way.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { createShutdownProcedureActor } from '../../src/actors/shutdown-procedure';
import { requestShutdown } from '../../src/actors/shutdown-request';
import type { CancelAllResult } from '../../src/actors/trading/trading-ports';
import { traderMachine } from '../../src/machines/trader.machine';
import { createHarness } from '../machines/trader-harness';

const NONE: CancelAllResult = { requested: 0, canceled: 0, notFound: 0, failed: 0 };

afterEach(() => vi.useRealTimers());

function procedure() {
  const cancelAll = vi.fn(async () => NONE);
  return { cancelAll, deps: { service: { cancelAll } } };
}

describe('requestShutdown', () => {
  it('sends SHUTDOWN to a running root and resolves once it is done', async () => {
    const { cancelAll, deps } = procedure();
    const machine = traderMachine.provide({
      actors: { shutdownProcedure: createShutdownProcedureActor(deps) },
    });
    const root = createActor(machine, { input: { sessionId: 's' } }).start();
    expect(await requestShutdown(root, deps, { reason: 'SIGTERM', cancelOrders: true, boundMs: 5_000 })).toBe(
      'done',
    );
    expect(root.getSnapshot().status).toBe('done');
    expect(root.getSnapshot().context.shutdown).toEqual({
      reason: 'SIGTERM',
      cancelOrders: true,
      outcome: 'done',
    });
    // The machine ran the procedure: it was not run a second time directly.
    expect(cancelAll).toHaveBeenCalledTimes(1);
  });

  it('runs the procedure itself when the root is not running, so orders are still cancelled', async () => {
    const { cancelAll, deps } = procedure();
    const h = createHarness();
    h.actor.stop();
    expect(
      await requestShutdown(h.actor, deps, { reason: 'command', cancelOrders: true, boundMs: 5_000 }),
    ).toBe('done');
    expect(cancelAll).toHaveBeenCalledWith({ onlyDaemonPlaced: true });
    expect(h.calls.shutdownProcedure).toBe(0);
  });

  it('gives up waiting after the bound when the machine never finishes', async () => {
    vi.useFakeTimers();
    const { deps } = procedure();
    const h = createHarness();
    let resolved = false;
    const done = requestShutdown(h.actor, deps, {
      reason: 'SIGINT',
      cancelOrders: false,
      boundMs: 20_000,
    }).then((end) => {
      resolved = true;
      return end;
    });
    // The harness's shutdown procedure never settles on its own.
    expect(h.calls.shutdownProcedure).toBe(1);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await done).toBe('unfinished');
    expect(resolved).toBe(true);
  });

  it("reports the machine's own verdict when its procedure timed out", async () => {
    const { deps } = procedure();
    const h = createHarness();
    const done = requestShutdown(h.actor, deps, { reason: 'SIGTERM', cancelOrders: false, boundMs: 60_000 });
    // The harness's procedure never settles: the machine's SHUTDOWN_TIMEOUT ends it.
    h.advance(15_000);
    expect(await done).toBe('timeout');
  });
});
