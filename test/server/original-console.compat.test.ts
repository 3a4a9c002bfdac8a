// Our /v3/ws read the way the original V3 console reads it (the fields it uses, nothing else), so its
// compatibility cannot regress: the greeting order, the why of a transition, health while degraded,
// trading data on a fresh page.
import { afterEach, describe, expect, it } from 'vitest';
import { fakePorts } from './support/fake-ports';
import { type Frame, type Harness, startFeed, TestClient } from './support/ws-harness';

/** What the original console shows for a transition line: the message with `from → to` stripped. */
function originalTransitionLine(d: Frame['data']) {
  const prefix = `${d.metadata.from_state} → ${d.metadata.to_state}`;
  const message = String(d.message);
  return {
    from: d.from_state as string,
    to: d.to_state as string,
    why: message.startsWith(`${prefix}: `) ? message.slice(prefix.length + 2) : '',
    context: d.metadata.context as string | undefined,
    severity: d.metadata.severity as string,
  };
}

/** The original console's status panel: `state`, `health` and the nested `metrics` only. */
function originalStatusPanel(d: Frame['data']) {
  const m = d.metrics;
  return {
    state: d.state,
    health: d.health,
    metricsHealth: m.health,
    figures: [m.markets_connected, m.snapshots_received, m.deltas_received, m.uptime, m.last_ping_age],
    api: [m.api_connected, m.api_url, m.ws_url, m.ping_health],
  };
}

/** Its trading panel: integer cents, counts and the two lists. */
function originalTradingPanel(d: Frame['data']) {
  return {
    balanceCents: d.balance,
    portfolioCents: d.portfolio_value,
    counts: [d.position_count, d.order_count],
    lists: [d.positions.length, d.open_orders.length],
    synced: typeof d.sync_timestamp === 'number' && typeof d.version === 'number',
  };
}

describe('/v3/ws as the original V3 console reads it', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('greets with connection, history_replay, then trading_state at once, then trader_status', async () => {
    h = await startFeed(fakePorts().ports);
    const c = await TestClient.open(h.url);
    await c.sync();
    const greeting = c
      .pending()
      .map((f) => f.type)
      .filter((t) => t !== 'pong');
    expect(greeting).toEqual(['connection', 'history_replay', 'trading_state', 'trader_status']);

    const replay = (await c.next('history_replay')).data;
    expect(replay.count).toBe(replay.transitions.length);
    const last = originalTransitionLine(replay.transitions.at(-1));
    // The fake's 25th transition: ready → degraded, "step 24".
    expect(last).toEqual({
      from: 'ready',
      to: 'degraded',
      why: 'step 24',
      context: 'step 24',
      severity: 'warning',
    });

    const trading = originalTradingPanel((await c.next('trading_state')).data);
    expect(trading).toEqual({
      balanceCents: 12_345,
      portfolioCents: 679,
      counts: [1, 1],
      lists: [1, 1],
      synced: true,
    });
    expect(originalStatusPanel((await c.next('trader_status')).data)).toMatchObject({
      state: 'ready',
      health: 'healthy',
      metricsHealth: 'healthy',
    });
    c.close();
  });

  it('explains a live transition and says degraded, not healthy, while degraded', async () => {
    const fake = fakePorts();
    h = await startFeed(fake.ports);
    const c = await TestClient.open(h.url);
    await c.next('trader_status');
    fake.setState('degraded');
    fake.emit({
      type: 'transition',
      from: 'ready',
      to: 'degraded',
      atMs: Date.now(),
      severity: 'warning',
      reason: 'feed down: closed with code 1006',
    });
    fake.emit({ type: 'status' });
    const line = originalTransitionLine((await c.next('system_activity')).data);
    expect(line).toMatchObject({
      to: 'degraded',
      why: 'feed down: closed with code 1006',
      context: 'feed down: closed with code 1006',
    });
    const panel = originalStatusPanel((await c.next('trader_status')).data);
    expect(panel).toMatchObject({ state: 'degraded', health: 'degraded', metricsHealth: 'degraded' });
    expect(panel.figures.every((n) => typeof n === 'number')).toBe(true);
    c.close();
  });
});
