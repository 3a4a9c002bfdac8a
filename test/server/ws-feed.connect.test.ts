import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { fakePorts } from './support/fake-ports';
import { type Harness, startFeed, TestClient } from './support/ws-harness';

// 2026-01-02T03:04:05.250Z
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 250);

describe('/v3/ws connect and relay', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('greets with connection, the last 20 transitions, trading_state and the current trader_status', async () => {
    h = await startFeed(fakePorts().ports, { now: () => NOW });
    const c = await TestClient.open(h.url);
    const connection = await c.next('connection');
    expect(connection.timestamp).toBe(NOW / 1000);
    expect(connection.data).toMatchObject({
      timestamp: '03:04:05',
      message: 'Connected to TRADER V3 console',
    });
    expect(typeof connection.data.client_id).toBe('string');

    const replay = await c.next('history_replay');
    expect(replay.data.count).toBe(20);
    expect(replay.data.transitions).toHaveLength(20);
    // The fake has 25 transitions at seconds 0..24: the replay is the last 20, oldest first.
    expect(replay.data.transitions[0]).toEqual({
      timestamp: '03:04:05',
      activity_type: 'state_transition',
      message: 'degraded → ready: step 5',
      metadata: {
        severity: 'info',
        reason: 'step 5',
        context: 'step 5',
        from_state: 'degraded',
        to_state: 'ready',
      },
      state: 'ready',
      from_state: 'degraded',
      to_state: 'ready',
    });
    expect(replay.data.transitions[1].metadata.severity).toBe('warning');
    expect(replay.data.transitions[19].timestamp).toBe('03:04:24');

    // Every kind of line, not only transitions: the last 100 (the fake has 50), oldest first.
    expect(replay.data.activity).toHaveLength(50);
    expect(replay.data.activity.slice(-2)).toEqual([
      expect.objectContaining({ activity_type: 'state_transition', message: 'ready → degraded: step 24' }),
      {
        timestamp: '03:04:24',
        activity_type: 'order',
        message: 'order line after step 24',
        metadata: { severity: 'info' },
        state: 'degraded',
      },
    ]);

    // The session's fills and PnL samples, as the daemon kept them.
    expect({ fills: replay.data.fills, pnl: replay.data.pnl }).toEqual(fakePorts().ports.getTradingHistory());

    // Right after the replay, not at the next sync: the original console has data at once.
    const trading = await c.next('trading_state');
    expect(trading.data).toEqual(fakePorts().ports.getTradingState());

    const status = await c.next('trader_status');
    expect(status.data).toMatchObject({
      state: 'ready',
      health: 'healthy',
      markets: 2,
      positions: 1,
      metrics: {
        markets_connected: 2,
        snapshots_received: 2,
        deltas_received: 40,
        health: 'healthy',
        ping_health: 'healthy',
        api_connected: true,
        ws_url: 'ws://127.0.0.1:1/trade-api/ws/v2',
      },
    });
    c.close();
  });

  it('relays activity, trader status and trading updates as protocol frames', async () => {
    const fake = fakePorts();
    h = await startFeed(fake.ports);
    const c = await TestClient.open(h.url);
    await c.next('trader_status');

    fake.emit({
      type: 'transition',
      from: 'ready',
      to: 'degraded',
      atMs: Date.UTC(2026, 0, 2, 3, 5, 6),
      severity: 'warning',
      reason: 'feed down',
    });
    const activity = await c.next('system_activity');
    expect(activity.data).toMatchObject({
      activity_type: 'state_transition',
      message: 'ready → degraded: feed down',
      state: 'degraded',
      from_state: 'ready',
      to_state: 'degraded',
      metadata: {
        severity: 'warning',
        reason: 'feed down',
        context: 'feed down',
        from_state: 'ready',
        to_state: 'degraded',
      },
    });
    expect(activity.data.timestamp).toBe('03:05:06');

    fake.setState('degraded');
    fake.emit({ type: 'status' });
    expect((await c.next('trader_status')).data).toMatchObject({
      state: 'degraded',
      degraded: true,
      health: 'degraded',
      metrics: { health: 'degraded' },
    });

    const [order] = fake.ports.getOrders();
    const [position] = fake.ports.getPositions();
    fake.emit({ type: 'order', order: order! });
    fake.emit({ type: 'position', position: position! });
    expect((await c.next('order_update')).data).toEqual(order);
    expect((await c.next('position_update')).data).toEqual(position);
    c.close();
  });

  it('honours the original subscriptions: without state_transitions, transitions are not sent', async () => {
    const fake = fakePorts();
    h = await startFeed(fake.ports);
    const c = await TestClient.open(h.url);
    c.send({ type: 'subscribe', subscriptions: ['trader_status'] });
    expect((await c.next('subscribed')).data.subscriptions).toEqual(['trader_status']);
    fake.emit({ type: 'transition', from: 'degraded', to: 'ready', atMs: 0, severity: 'info' });
    fake.emit({
      type: 'activity',
      activity_type: 'sync',
      message: 'synced',
      severity: 'info',
      state: 'ready',
    });
    expect((await c.next('system_activity')).data.activity_type).toBe('sync');
    expect(c.pending('system_activity')).toHaveLength(0);
    c.close();
  });

  it('answers ping with pong, and sends its own periodic ping frames', async () => {
    h = await startFeed(fakePorts().ports, { pingIntervalMs: 20 });
    const c = await TestClient.open(h.url);
    c.send({ type: 'ping' });
    expect((await c.next('pong')).type).toBe('pong');
    const ping = await c.next('ping');
    expect(typeof ping.timestamp).toBe('number');
    c.send({ type: 'pong' });
    c.close();
  });

  it('leaves other upgrade paths to their own listeners', async () => {
    h = await startFeed(fakePorts().ports);
    const other = new WebSocketServer({ noServer: true });
    h.server.on('upgrade', (req, socket, head) => {
      if (req.url === '/v3/inspect')
        other.handleUpgrade(req, socket, head, (ws) => ws.send('{"type":"inspector"}'));
    });
    const c = await TestClient.open(`ws://127.0.0.1:${h.port}/v3/inspect`);
    expect((await c.next(() => true)).type).toBe('inspector');
    expect(h.feed.stats().clients).toBe(0);
    c.close();
    other.close();
  });

  it('closes every client with 1001 and stops listening to the daemon on close()', async () => {
    const fake = fakePorts();
    h = await startFeed(fake.ports);
    const c = await TestClient.open(h.url);
    await c.next('trader_status');
    expect(fake.listeners.size).toBe(1);
    await h.feed.close();
    expect((await c.closed).code).toBe(1001);
    expect(c.ws.readyState).toBe(WebSocket.CLOSED);
    expect(fake.listeners.size).toBe(0);
    expect(h.feed.stats().clients).toBe(0);
  });
});
