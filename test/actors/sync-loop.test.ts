import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('sync loop', () => {
  it('runs a full sync every interval and reports SYNC.DONE with the change count', async () => {
    const service = scriptedService();
    const h = startUnderParent(createSyncLoopActor(service), { intervalMs: 30_000 });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(service.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(service.calls).toHaveLength(1);
    service.calls[0]!.resolve({ atMs: 42, changes: 2, details: ['a', 'b'] });
    await vi.advanceTimersByTimeAsync(0);
    expect(h.received()).toEqual([{ type: 'SYNC.DONE', at: 42, changes: 2 }]);
    h.stop();
  });

  it('reports SYNC.FAILED with the error and keeps going', async () => {
    const service = scriptedService();
    const h = startUnderParent(createSyncLoopActor(service), { intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    const error = new Error('503');
    service.calls[0]!.reject(error);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.received()).toEqual([{ type: 'SYNC.FAILED', error }]);
    expect(service.calls).toHaveLength(2);
    h.stop();
  });

  it('reports a refused key as TRADING.FAILED: it will not heal by waiting', async () => {
    const service = scriptedService();
    const h = startUnderParent(createSyncLoopActor(service), { intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    const error = KalshiHttpError.fromBody(
      'GET /portfolio/balance',
      401,
      JSON.stringify({ error: { code: 'authentication_error', message: 'authentication_error' } }),
    );
    service.calls[0]!.reject(error);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.received()).toEqual([{ type: 'TRADING.FAILED', error }]);
    h.stop();
  });

  it('never overlaps runs: the next interval starts when the slow run ends', async () => {
    const service = scriptedService();
    const h = startUnderParent(createSyncLoopActor(service), { intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(service.calls).toHaveLength(1);
    service.calls[0]!.resolve({ atMs: 1, changes: 0, details: [] });
    await vi.advanceTimersByTimeAsync(999);
    expect(service.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(service.calls).toHaveLength(2);
    h.stop();
  });

  it('clears its timer on stop and drops a late answer', async () => {
    const service = scriptedService();
    const h = startUnderParent(createSyncLoopActor(service), { intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    h.stop();
    service.calls[0]!.resolve({ atMs: 1, changes: 0, details: [] });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(service.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(h.received()).toEqual([]);
  });
});
