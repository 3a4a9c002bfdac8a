// The real sync and health loop machines inside the root, driven by the root's simulated clock: no
// timer of their own, so the test (and replay) controls all of their time.
import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { createHealthLoopActor } from '../../src/actors/health-loop';
import { createSyncLoopActor } from '../../src/actors/sync-loop';
import type { SyncResult } from '../../src/actors/trading/trading-ports';
import { createHarness } from './trader-harness';

describe('trader machine loops on the simulated clock', () => {
  it('syncs every SYNC_INTERVAL and reports health every HEALTH_INTERVAL', async () => {
    const syncs: ((r: SyncResult) => void)[] = [];
    const service = { fullSync: () => new Promise<SyncResult>((resolve) => syncs.push(resolve)) };
    let now = () => 0;
    const h = createHarness(
      { timeouts: { syncIntervalMs: 30_000, healthIntervalMs: 5_000 } },
      {
        actors: {
          syncLoop: createSyncLoopActor(service),
          healthLoop: createHealthLoopActor({ trading: () => ({ healthy: true }) }, () => now()),
        },
      },
    );
    now = () => h.clock.now();
    await h.toReady();
    const start = h.clock.now();

    h.advance(4_999);
    expect(h.actor.getSnapshot().context.lastHealth).toBeNull();
    h.advance(1);
    expect(h.actor.getSnapshot().context.lastHealth).toEqual({
      atMs: start + 5_000,
      components: { trading: { healthy: true } },
    });

    // SimulatedClock fires due timers at the end of each increment: step by the health interval.
    for (let i = 2; i <= 5; i++) {
      h.advance(5_000);
      expect(h.actor.getSnapshot().context.lastHealth?.atMs).toBe(start + i * 5_000);
    }
    h.advance(4_999);
    expect(syncs).toHaveLength(0);
    h.advance(1);
    expect(syncs).toHaveLength(1);
    syncs[0]?.({ atMs: 30_000, changes: 3, details: [] });
    const synced = await waitFor(h.actor, (s) => s.context.lastSync?.atMs === 30_000, { timeout: 1_000 });
    expect(synced.context.lastSync).toEqual({ atMs: 30_000, changes: 3 });
    expect(synced.context.lastHealth?.atMs).toBe(start + 30_000);
    expect(h.errors).toEqual([]);
  });
});
