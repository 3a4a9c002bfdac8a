import { describe, expect, it } from 'vitest';
import { createHarness } from './trader-harness';

const healthy = { healthy: true };
const report = (components: Record<string, { healthy: boolean; detail?: string }>, atMs = 5_000) =>
  ({ type: 'HEALTH.REPORT', atMs, components }) as const;

async function ready() {
  const h = createHarness();
  await h.toReady();
  expect(h.state()).toBe('ready');
  return h;
}

describe('trader machine in operation', () => {
  it("ready → degraded on FEED.DOWN, with the orderbook actor's reason", async () => {
    const h = await ready();
    h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
    expect(h.state()).toBe('degraded');
    expect(h.actor.getSnapshot().context).toMatchObject({
      feedUp: false,
      feedDetail: 'feed down: socket closed',
    });
    expect(h.actor.getSnapshot().context.transitions.at(-1)).toMatchObject({
      from: 'ready',
      to: 'degraded',
      reason: 'feed down: socket closed',
    });
  });

  it('rolls the market set in place: the feed and the strategy hear it, nothing restarts, ready stays', async () => {
    const h = await ready();
    const transitions = h.actor.getSnapshot().context.transitions.length;
    h.send({
      type: 'MARKETS.CHANGED',
      markets: ['KXTEST-B', 'KXNEW'],
      added: ['KXNEW'],
      removed: ['KXTEST-A'],
    });
    expect(h.state()).toBe('ready');
    expect(h.actor.getSnapshot().context.markets).toEqual(['KXTEST-B', 'KXNEW']);
    expect(h.received.orderbookStream).toContain('MARKETS.SET');
    expect(h.received.strategy).toContain('MARKETS.SET');
    expect(h.stops).toMatchObject({ orderbookStream: 0, strategy: 0, marketRotation: 0 });
    expect(h.actor.getSnapshot().context.transitions).toHaveLength(transitions);
  });

  it("shows a health report's orderbook component but never switches ready ⇄ degraded on it", async () => {
    const h = await ready();
    h.send(report({ orderbook: { healthy: false, detail: 'no message for 40 s' }, trading: healthy }));
    expect(h.state()).toBe('ready');
    expect(h.actor.getSnapshot().context).toMatchObject({
      feedUp: true,
      lastHealth: {
        atMs: 5_000,
        components: { orderbook: { healthy: false, detail: 'no message for 40 s' } },
      },
    });
    h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
    h.send(report({ orderbook: healthy, trading: healthy }, 10_000));
    expect(h.state()).toBe('degraded');
    expect(h.actor.getSnapshot().context.lastHealth?.atMs).toBe(10_000);
  });

  it('degraded → ready on FEED.UP without restarting trading or the operating actors', async () => {
    const h = await ready();
    h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
    expect(h.state()).toBe('degraded');
    h.send({ type: 'FEED.UP' });
    expect(h.state()).toBe('ready');
    expect(h.actor.getSnapshot().context.transitions.at(-1)?.reason).toBe('feed restored');
    expect(h.actor.getSnapshot().context.feedUp).toBe(true);
    expect(h.calls).toMatchObject({
      initialize: 1,
      connectTrading: 1,
      initialSync: 1,
      orderbookStream: 1,
      syncLoop: 1,
      healthLoop: 1,
      strategy: 1,
      marketRotation: 1,
    });
    expect(h.stops).toEqual({
      orderbookStream: 0,
      syncLoop: 0,
      healthLoop: 0,
      strategy: 0,
      marketRotation: 0,
    });
  });

  it('keeps its state on reports that say nothing new, and stores them', async () => {
    const h = await ready();
    h.send(report({ orderbook: healthy, trading: healthy, storage: { healthy: false } }, 10_000));
    expect(h.state()).toBe('ready');
    h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
    h.send(report({ trading: healthy }, 15_000));
    expect(h.state()).toBe('degraded');
    expect(h.actor.getSnapshot().context.lastHealth).toEqual({
      atMs: 15_000,
      components: { trading: healthy },
    });
  });

  it.each(['ready', 'degraded'] as const)(
    '%s → error when a report says trading is unhealthy',
    async (from) => {
      const h = await ready();
      if (from === 'degraded') h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
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
      expect(h.stops).toEqual({
        orderbookStream: 1,
        syncLoop: 1,
        healthLoop: 1,
        strategy: 1,
        marketRotation: 1,
      });
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
    h.send({ type: 'SYNC.DONE', atMs: 31_000, changes: 1 });
    expect(h.actor.getSnapshot().context).toMatchObject({
      syncFailures: 0,
      lastSync: { atMs: 31_000, changes: 1 },
    });
    h.send({ type: 'SYNC.FAILED', error: 'x' });
    h.send({ type: 'SYNC.FAILED', error: 'x' });
    expect(h.state()).toBe('ready');

    const g = createHarness({ maxSyncFailures: 1 });
    await g.toReady();
    g.send({ type: 'FEED.DOWN', reason: 'socket closed' });
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

  it('ignores a repeated verdict', async () => {
    const h = await ready();
    const before = h.actor.getSnapshot().context.transitions.length;
    h.send({ type: 'FEED.UP' });
    expect(h.state()).toBe('ready');
    h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
    h.send({ type: 'FEED.DOWN', reason: 'still closed' });
    expect(h.state()).toBe('degraded');
    expect(h.actor.getSnapshot().context.transitions).toHaveLength(before + 1);
  });
});
