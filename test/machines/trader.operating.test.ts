import { describe, expect, it } from 'vitest';
import { createHarness } from './trader-harness';

const healthy = { healthy: true };
const report = (components: Record<string, { healthy: boolean; detail?: string }>, at = 5_000) =>
  ({ type: 'HEALTH.REPORT', at, components }) as const;

async function ready() {
  const h = createHarness();
  await h.toReady();
  expect(h.state()).toBe('ready');
  return h;
}

describe('trader machine in operation', () => {
  it.each([
    [{ type: 'FEED.DOWN', reason: 'socket closed' } as const, 'feed down: socket closed'],
    [{ type: 'FEED.STALE' } as const, 'feed stale'],
  ])('ready → degraded on %o', async (event, detail) => {
    const h = await ready();
    h.send(event);
    expect(h.state()).toBe('degraded');
    expect(h.actor.getSnapshot().context).toMatchObject({ feedUp: false, feedDetail: detail });
  });

  it('ready → degraded on a health report with the orderbook unhealthy', async () => {
    const h = await ready();
    h.send(report({ orderbook: { healthy: false, detail: 'no message for 40 s' }, trading: healthy }));
    expect(h.state()).toBe('degraded');
    expect(h.actor.getSnapshot().context.feedDetail).toBe('orderbook unhealthy: no message for 40 s');
    expect(h.actor.getSnapshot().context.lastHealth?.at).toBe(5_000);
  });

  it.each([
    [{ type: 'FEED.SNAPSHOT', ticker: 'KXTEST-A' } as const],
    [{ type: 'FEED.UP' } as const],
    [report({ orderbook: healthy, trading: healthy })],
  ])('degraded → ready on %o without restarting trading or the operating actors', async (event) => {
    const h = await ready();
    h.send({ type: 'FEED.DOWN' });
    expect(h.state()).toBe('degraded');
    h.send(event);
    expect(h.state()).toBe('ready');
    expect(h.actor.getSnapshot().context.feedUp).toBe(true);
    expect(h.calls).toMatchObject({
      initialize: 1,
      connectTrading: 1,
      initialSync: 1,
      orderbookStream: 1,
      syncLoop: 1,
      healthLoop: 1,
      strategy: 1,
    });
    expect(h.stops).toEqual({ orderbookStream: 0, syncLoop: 0, healthLoop: 0, strategy: 0 });
  });

  it('keeps its state on reports that say nothing new, and stores them', async () => {
    const h = await ready();
    h.send(report({ orderbook: healthy, trading: healthy, storage: { healthy: false } }, 10_000));
    expect(h.state()).toBe('ready');
    h.send({ type: 'FEED.DOWN' });
    h.send(report({ trading: healthy }, 15_000));
    expect(h.state()).toBe('degraded');
    expect(h.actor.getSnapshot().context.lastHealth).toEqual({
      at: 15_000,
      components: { trading: healthy },
    });
  });

  it.each(['ready', 'degraded'] as const)(
    '%s → error when a report says trading is unhealthy',
    async (from) => {
      const h = await ready();
      if (from === 'degraded') h.send({ type: 'FEED.DOWN' });
      h.advance(2_000);
      h.send(report({ orderbook: healthy, trading: { healthy: false, detail: 'REST auth failing' } }));
      expect(h.state()).toBe('error');
      expect(h.actor.getSnapshot().context.lastError).toEqual({
        kind: 'trading_unhealthy',
        message: 'trading unhealthy: REST auth failing',
        state: from,
        atMs: 2_000,
      });
      // Leaving `running` stops every child: recovery starts them afresh.
      expect(h.stops).toEqual({ orderbookStream: 1, syncLoop: 1, healthLoop: 1, strategy: 1 });
    },
  );

  it('goes to error on the third consecutive SYNC.FAILED, not before', async () => {
    const h = await ready();
    h.send({ type: 'SYNC.FAILED', error: new Error('502 bad gateway') });
    h.send({ type: 'SYNC.FAILED', error: new Error('502 bad gateway') });
    expect(h.state()).toBe('ready');
    expect(h.actor.getSnapshot().context).toMatchObject({
      syncFailures: 2,
      lastSyncError: '502 bad gateway',
    });
    h.send({ type: 'SYNC.FAILED', error: new Error('timeout') });
    expect(h.state()).toBe('error');
    expect(h.actor.getSnapshot().context.lastError).toMatchObject({
      kind: 'sync_failed',
      message: '3 consecutive sync failures: timeout',
      state: 'ready',
    });
  });

  it('resets the sync failure count on SYNC.DONE and honours a configured limit', async () => {
    const h = await ready();
    h.send({ type: 'SYNC.FAILED', error: 'x' });
    h.send({ type: 'SYNC.FAILED', error: 'x' });
    h.send({ type: 'SYNC.DONE', at: 31_000, changes: 1 });
    expect(h.actor.getSnapshot().context).toMatchObject({
      syncFailures: 0,
      lastSync: { at: 31_000, changes: 1 },
    });
    h.send({ type: 'SYNC.FAILED', error: 'x' });
    h.send({ type: 'SYNC.FAILED', error: 'x' });
    expect(h.state()).toBe('ready');

    const g = createHarness({ maxSyncFailures: 1 });
    await g.toReady();
    g.send({ type: 'FEED.DOWN' });
    g.send({ type: 'SYNC.FAILED', error: 'x' });
    expect(g.state()).toBe('error');
  });

  it('goes to error on TRADING.FAILED', async () => {
    const h = await ready();
    h.send({ type: 'TRADING.FAILED', error: new Error('401 invalid signature') });
    expect(h.state()).toBe('error');
    expect(h.actor.getSnapshot().context.lastError).toMatchObject({
      kind: 'trading_failed',
      message: '401 invalid signature',
    });
  });

  it.each(['orderbook', 'sync', 'health', 'strategy'])(
    'goes to error, without killing the root, when the %s actor crashes',
    async (child) => {
      const h = await ready();
      h.poke(child);
      expect(h.state()).toBe('error');
      expect(h.actor.getSnapshot().status).toBe('active');
      expect(h.actor.getSnapshot().context.lastError).toMatchObject({ kind: 'actor_crashed' });
      expect(h.actor.getSnapshot().context.lastError?.message).toMatch(/crashed/);
      expect(h.errors).toEqual([]);
    },
  );

  it('ignores informational feed events', async () => {
    const h = await ready();
    h.send({ type: 'FEED.GAP', ticker: 'KXTEST-A' });
    h.send({ type: 'FEED.CONNECTED' });
    expect(h.state()).toBe('ready');
  });
});
