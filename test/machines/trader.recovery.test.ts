import { describe, expect, it } from 'vitest';
import { recoveryBackoffMs, resolveTimeouts } from '../../src/machines/trader.delays';
import { ACTIVE, createHarness, MARKETS } from './trader-harness';

describe('trader machine recovery', () => {
  it('error waits the backoff, then re-initializes and reaches ready with fresh children', async () => {
    const h = createHarness();
    await h.resolve('initialize', { markets: MARKETS });
    h.send({ type: 'FEED.UP' });
    await h.reject('connectTrading', new Error('503'));
    expect(h.state()).toBe('error');
    expect(h.actor.getSnapshot().context).toMatchObject({ recoveryAttempts: 1, totalRecoveries: 1 });
    expect(h.stops.orderbookStream).toBe(1);

    h.advance(999);
    expect(h.state()).toBe('error');
    expect(h.calls.initialize).toBe(1);
    h.advance(1);
    expect(h.state()).toBe('initializing');
    expect(h.calls.initialize).toBe(2);
    // Feed knowledge from the failed run does not leak into the new one.
    expect(h.actor.getSnapshot().context).toMatchObject({ feedUp: false, feedDetail: null, exchange: null });

    await h.toReady();
    expect(h.state()).toBe('ready');
    expect(h.calls).toMatchObject({ orderbookStream: 2, connectTrading: 2, initialSync: 1 });
    expect(h.actor.system.get('orderbook')).toBeDefined();
    expect(h.actor.getSnapshot().context.transitions.find((t) => t.from === 'error')).toMatchObject({
      from: 'error',
      to: 'initializing',
      reason: 'recovery attempt 1',
      atMs: 1_000,
    });
  });

  it('doubles the backoff on each consecutive failure up to the cap', async () => {
    const h = createHarness({ timeouts: { recoveryBaseMs: 1_000, recoveryMaxMs: 60_000 } });
    const expected = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000];
    for (const [i, delay] of expected.entries()) {
      await h.reject('initialize', new Error('config'));
      expect(h.actor.getSnapshot().context.recoveryAttempts).toBe(i + 1);
      h.advance(delay - 1);
      expect(h.state()).toBe('error');
      h.advance(1);
      expect(h.state()).toBe('initializing');
    }
    expect(h.actor.getSnapshot().context.totalRecoveries).toBe(expected.length);
  });

  it('resets the consecutive count after a proven sync cycle but keeps the total', async () => {
    const h = createHarness();
    await h.reject('initialize');
    h.advance(1_000);
    await h.reject('initialize');
    h.advance(2_000);
    await h.toReady();
    expect(h.actor.getSnapshot().context.recoveryAttempts).toBe(2);
    h.send({ type: 'SYNC.DONE', atMs: 40_000, changes: 0 });
    expect(h.actor.getSnapshot().context).toMatchObject({ recoveryAttempts: 0, totalRecoveries: 2 });

    h.send({ type: 'TRADING.FAILED', error: 'x' });
    h.advance(999);
    expect(h.state()).toBe('error');
    h.advance(1);
    expect(h.state()).toBe('initializing');
  });

  it('recovers from a crashed orderbook stream with a new stream', async () => {
    const h = createHarness();
    await h.toReady();
    h.poke('orderbook');
    h.advance(1_000);
    await h.resolve('initialize', { markets: ['KXOTHER'] });
    expect(h.calls.orderbookStream).toBe(2);
    expect(h.inputs.orderbookStream).toEqual({ markets: ['KXOTHER'] });
    h.send({ type: 'FEED.UP' });
    await h.resolve('connectTrading', ACTIVE);
    expect(h.state()).toBe('kalshi_data_sync');
  });
});

describe('trader delays', () => {
  it('computes capped exponential backoff without overflowing', () => {
    expect([1, 2, 3, 7, 8].map((n) => recoveryBackoffMs(n, 1_000, 60_000))).toEqual([
      1_000, 2_000, 4_000, 60_000, 60_000,
    ]);
    expect(recoveryBackoffMs(10_000, 1_000, 60_000)).toBe(60_000);
    expect(recoveryBackoffMs(0, 500, 60_000)).toBe(500);
  });

  it('fills defaults and ignores unusable overrides', () => {
    const t = resolveTimeouts({ orderbookConnectMs: 100, firstSnapshotMs: Number.NaN, shutdownMs: -1 });
    expect(t).toMatchObject({ orderbookConnectMs: 100, firstSnapshotMs: 10_000, shutdownMs: 15_000 });
    expect(resolveTimeouts().syncIntervalMs).toBe(30_000);
  });
});
