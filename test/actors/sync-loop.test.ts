// The sync loop machine with its real effects, on a simulated clock: SYNC_INTERVAL is a named delay.
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { createSyncLoopActor } from '../../src/actors/sync-loop';
import type { SyncResult } from '../../src/actors/trading/trading-ports';
import { KalshiHttpError } from '../../src/adapters/kalshi/errors';
import { startUnderParent } from './parent-harness';

function scriptedService() {
  const calls: { resolve: (r: SyncResult) => void; reject: (e: unknown) => void }[] = [];
  return {
    calls,
    fullSync: () => new Promise<SyncResult>((resolve, reject) => calls.push({ resolve, reject })),
  };
}

function start(intervalMs: number) {
  const clock = new SimulatedClock();
  const service = scriptedService();
  const h = startUnderParent(createSyncLoopActor(service), { intervalMs }, { clock });
  return { ...h, clock, service };
}

describe('sync loop', () => {
  it('runs a full sync every interval and reports SYNC.DONE with the change count', async () => {
    const t = start(30_000);
    t.clock.increment(29_999);
    expect(t.service.calls).toHaveLength(0);
    t.clock.increment(1);
    expect(t.service.calls).toHaveLength(1);
    t.service.calls[0]?.resolve({ atMs: 42, changes: 2, details: ['a', 'b'] });
    await t.receivedCount(1);
    expect(t.received()).toEqual([{ type: 'SYNC.DONE', atMs: 42, changes: 2 }]);
    t.stop();
  });

  it('reports SYNC.FAILED with the error and keeps going', async () => {
    const t = start(1_000);
    t.clock.increment(1_000);
    const error = new Error('503');
    t.service.calls[0]?.reject(error);
    await t.receivedCount(1);
    expect(t.received()).toEqual([{ type: 'SYNC.FAILED', error }]);
    t.clock.increment(1_000);
    expect(t.service.calls).toHaveLength(2);
    t.stop();
  });

  it('reports a refused key as TRADING.FAILED: it will not heal by waiting', async () => {
    const t = start(1_000);
    t.clock.increment(1_000);
    const error = KalshiHttpError.fromBody(
      'GET /portfolio/balance',
      401,
      JSON.stringify({ error: { code: 'authentication_error', message: 'authentication_error' } }),
    );
    t.service.calls[0]?.reject(error);
    await t.receivedCount(1);
    expect(t.received()).toEqual([{ type: 'TRADING.FAILED', error }]);
    t.stop();
  });

  it('never overlaps runs: the next interval starts when the slow run ends', async () => {
    const t = start(1_000);
    t.clock.increment(1_000);
    t.clock.increment(10_000);
    expect(t.service.calls).toHaveLength(1);
    t.service.calls[0]?.resolve({ atMs: 1, changes: 0, details: [] });
    await t.receivedCount(1);
    t.clock.increment(999);
    expect(t.service.calls).toHaveLength(1);
    t.clock.increment(1);
    expect(t.service.calls).toHaveLength(2);
    t.stop();
  });

  it('stops its timer with the parent and drops a late answer', async () => {
    const t = start(1_000);
    t.clock.increment(1_000);
    t.stop();
    t.service.calls[0]?.resolve({ atMs: 1, changes: 0, details: [] });
    await Promise.resolve();
    t.clock.increment(10_000);
    expect(t.service.calls).toHaveLength(1);
    expect(t.received()).toEqual([]);
  });
});
