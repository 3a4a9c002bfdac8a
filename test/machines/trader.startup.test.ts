import { describe, expect, it } from 'vitest';
import { ACTIVE, createHarness, MARKETS, SYNCED } from './trader-harness';

describe('trader machine start-up', () => {
  it('walks startup → … → ready and starts every operating actor with its input', async () => {
    const h = createHarness({ timeouts: { syncIntervalMs: 7_000, healthIntervalMs: 2_000 } });
    expect(h.state()).toBe('initializing');

    await h.resolve('initialize', { markets: MARKETS });
    expect(h.state()).toBe('orderbook_connect');
    expect(h.inputs.orderbookStream).toEqual({ markets: MARKETS });
    expect(h.actor.system.get('orderbook')).toBeDefined();

    expect(h.actor.getSnapshot().hasTag('orderbook_connect')).toBe(true);
    h.send({ type: 'FEED.UP' });
    expect(h.state()).toBe('trading_client_connect');

    await h.resolve('connectTrading', ACTIVE);
    expect(h.state()).toBe('kalshi_data_sync');
    await h.resolve('initialSync', SYNCED);

    const snapshot = h.actor.getSnapshot();
    expect(snapshot.matches({ running: { operating: { feed: 'ready', orders: 'idle' } } })).toBe(true);
    expect(snapshot.hasTag('ready')).toBe(true);
    expect(snapshot.context).toMatchObject({
      markets: MARKETS,
      feedUp: true,
      exchange: ACTIVE,
      lastSync: SYNCED,
      lastError: null,
    });
    expect(h.inputs.syncLoop).toEqual({ intervalMs: 7_000 });
    expect(h.inputs.healthLoop).toEqual({ intervalMs: 2_000 });
    expect(h.inputs.strategy).toEqual({ markets: MARKETS, feedUp: true });
    expect(h.actor.system.get('strategy')).toBeDefined();
    expect(snapshot.context.transitions.map((t) => `${t.from}→${t.to}`)).toEqual([
      'startup→initializing',
      'initializing→orderbook_connect',
      'orderbook_connect→trading_client_connect',
      'trading_client_connect→kalshi_data_sync',
      'kalshi_data_sync→ready',
    ]);
    expect(h.errors).toEqual([]);
  });

  it('goes on without the feed when it is not up within connect + first-snapshot timeouts, ending degraded', async () => {
    const h = createHarness();
    await h.resolve('initialize', { markets: MARKETS });
    h.advance(39_999);
    expect(h.state()).toBe('orderbook_connect');
    h.advance(1);
    expect(h.state()).toBe('trading_client_connect');
    expect(h.actor.getSnapshot().context.feedUp).toBe(false);
    expect(h.actor.getSnapshot().context.feedDetail).toMatch(/not up before the connect timeout/);

    await h.resolve('connectTrading', ACTIVE);
    await h.resolve('initialSync', SYNCED);
    expect(h.state()).toBe('degraded');
    expect(
      h.actor.getSnapshot().matches({ running: { operating: { feed: 'degraded', orders: 'idle' } } }),
    ).toBe(true);
    // The stream keeps running (and reconnecting) through the degraded operation.
    expect(h.stops.orderbookStream).toBe(0);
  });

  it('honours configured connect and first-snapshot timeouts as one wait for the feed verdict', async () => {
    const h = createHarness({ timeouts: { orderbookConnectMs: 500, firstSnapshotMs: 200 } });
    await h.resolve('initialize', { markets: MARKETS });
    h.advance(699);
    expect(h.state()).toBe('orderbook_connect');
    h.advance(1);
    expect(h.state()).toBe('trading_client_connect');
    expect(h.actor.getSnapshot().context).toMatchObject({ feedUp: false });
  });

  it('treats FEED.DOWN while connecting as feed unavailable and continues', async () => {
    const h = createHarness();
    await h.resolve('initialize', { markets: MARKETS });
    h.send({ type: 'FEED.DOWN', reason: 'handshake refused (503)' });
    expect(h.state()).toBe('trading_client_connect');
    expect(h.actor.getSnapshot().context.feedDetail).toBe('feed down: handshake refused (503)');
  });

  it('ends ready when the feed comes up while trading connects or syncs', async () => {
    const h = createHarness();
    await h.resolve('initialize', { markets: MARKETS });
    h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
    await h.resolve('connectTrading', ACTIVE);
    h.send({ type: 'FEED.UP' });
    await h.resolve('initialSync', SYNCED);
    expect(h.state()).toBe('ready');
  });

  it('ends degraded when the feed drops while trading connects', async () => {
    const h = createHarness();
    await h.resolve('initialize', { markets: MARKETS });
    h.send({ type: 'FEED.UP' });
    h.send({ type: 'FEED.DOWN', reason: 'no message for 30 s' });
    await h.resolve('connectTrading', ACTIVE);
    await h.resolve('initialSync', SYNCED);
    expect(h.state()).toBe('degraded');
    expect(h.actor.getSnapshot().context.feedDetail).toBe('feed down: no message for 30 s');
  });

  it('warns but continues when the exchange or trading is not active', async () => {
    const h = createHarness();
    await h.resolve('initialize', { markets: MARKETS });
    h.send({ type: 'FEED.UP' });
    await h.resolve('connectTrading', { exchangeActive: true, tradingActive: false });
    expect(h.state()).toBe('kalshi_data_sync');
    expect(h.emitted).toContainEqual({
      type: 'notice',
      severity: 'warning',
      message: 'exchange or trading is not active',
    });
    expect(h.actor.getSnapshot().context.exchange).toEqual({ exchangeActive: true, tradingActive: false });
  });

  it.each([
    ['initialize rejects', 'initialize_failed', 'initializing'],
    ['connectTrading rejects', 'trading_connect_failed', 'trading_client_connect'],
    ['initialSync rejects', 'data_sync_failed', 'kalshi_data_sync'],
  ] as const)('goes to error when %s', async (_, kind, failedIn) => {
    const h = createHarness();
    if (failedIn !== 'initializing') {
      await h.resolve('initialize', { markets: MARKETS });
      h.send({ type: 'FEED.UP' });
    }
    if (failedIn === 'kalshi_data_sync') await h.resolve('connectTrading', ACTIVE);
    const name = {
      initializing: 'initialize',
      trading_client_connect: 'connectTrading',
      kalshi_data_sync: 'initialSync',
    }[failedIn] as 'initialize' | 'connectTrading' | 'initialSync';
    const cause = new TypeError('401 unauthorized');
    await h.reject(name, cause);
    expect(h.state()).toBe('error');
    expect(h.actor.getSnapshot().context.lastError).toEqual({
      kind,
      message: '401 unauthorized',
      errorName: 'TypeError',
      state: failedIn,
      atMs: 0,
    });
    expect(h.errors).toEqual([]);
  });

  it('bounds trading connect and the initial sync with their timeouts', async () => {
    const h = createHarness({ timeouts: { tradingConnectMs: 5_000, dataSyncMs: 8_000 } });
    await h.resolve('initialize', { markets: MARKETS });
    h.send({ type: 'FEED.UP' });
    h.advance(4_999);
    expect(h.state()).toBe('trading_client_connect');
    h.advance(1);
    expect(h.state()).toBe('error');
    expect(h.actor.getSnapshot().context.lastError).toMatchObject({
      kind: 'trading_connect_timeout',
      state: 'trading_client_connect',
      atMs: 5_000,
    });

    const g = createHarness({ timeouts: { dataSyncMs: 8_000 } });
    await g.resolve('initialize', { markets: MARKETS });
    g.send({ type: 'FEED.UP' });
    await g.resolve('connectTrading', ACTIVE);
    g.advance(7_999);
    expect(g.state()).toBe('kalshi_data_sync');
    g.advance(1);
    expect(g.state()).toBe('error');
    expect(g.actor.getSnapshot().context.lastError?.kind).toBe('data_sync_timeout');
  });
});
