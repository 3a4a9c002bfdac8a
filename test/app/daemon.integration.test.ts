// The whole daemon against the embedded simulator: start-up to ready, degraded and back when the feed
// fails, error and recovery when REST fails, observed the way an operator would (GET /v3/health).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Daemon } from '../support/daemon-harness';
import { useDaemon } from '../support/fixtures';

const daemons = useDaemon();

const health = async (d: Daemon) => {
  const res = await fetch(`${d.url}/v3/health`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('daemon on the embedded simulator', () => {
  it('reaches ready from a fresh start and reports it on /v3/health and /v3/status', async () => {
    const daemon = await daemons.start();
    await daemon.waitForState('ready');
    const h = await health(daemon);
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ healthy: true, status: 'running', state: 'ready' });
    expect(typeof h.body.uptime).toBe('number');

    const status = (await (await fetch(`${daemon.url}/v3/status`)).json()) as Record<string, unknown>;
    expect(status.state).toBe('ready');
    expect(status.markets).toHaveLength(3);
    expect(status.balance).not.toBeNull();
    const path = (status.transitions as Array<{ to: string }>).map((t) => t.to);
    expect(path).toEqual([
      'initializing',
      'orderbook_connect',
      'trading_client_connect',
      'kalshi_data_sync',
      'ready',
    ]);
  });

  it("reports package.json's version on /v3/status and /v3/openapi.json", async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const daemon = await daemons.start();
    const status = (await (await fetch(`${daemon.url}/v3/status`)).json()) as { version: string };
    const doc = (await (await fetch(`${daemon.url}/v3/openapi.json`)).json()) as {
      info: { version: string };
    };
    expect([status.version, doc.info.version]).toEqual([version, version]);
  });

  it('goes degraded when the feed is cut and the upgrade refused, and back to ready once cleared', async () => {
    const daemon = await daemons.start({ V3_HEALTH_CHECK_INTERVAL: '0.5' });
    await daemon.waitForState('ready');
    await daemon.faults({ dropConnections: true, refuseUpgrade: 503 });
    await daemon.waitForState('degraded', 10_000);
    const h = await health(daemon);
    // Degraded is by design: REST trading continues, so the daemon still serves (200, healthy) and says degraded.
    expect(h).toMatchObject({ status: 200, body: { state: 'degraded', healthy: true, status: 'degraded' } });

    await daemon.faults(null);
    await daemon.waitForState('ready', 30_000);
    expect((await health(daemon)).body.state).toBe('ready');
  });

  it('goes to error when REST fails, and recovers to ready once the exchange answers again', async () => {
    const daemon = await daemons.start({ V3_SYNC_INTERVAL_SECONDS: '1', V3_HEALTH_CHECK_INTERVAL: '0.5' });
    await daemon.waitForState('ready');
    await daemon.faults({ restErrorRate: 1 });
    await daemon.waitForState('error', 20_000);
    const h = await health(daemon);
    expect(h.status).toBe(503);
    expect(h.body).toMatchObject({ healthy: false, state: 'error' });
    const status = (await (await fetch(`${daemon.url}/v3/status`)).json()) as Record<string, unknown>;
    expect(status.last_error).not.toBeNull();

    await daemon.faults(null);
    await daemon.waitForState('ready', 30_000);
    const after = (await (await fetch(`${daemon.url}/v3/status`)).json()) as Record<string, unknown>;
    expect(after.recovery_attempts).toBeGreaterThanOrEqual(1);
  });

  it('exports what happened as Prometheus metrics', async () => {
    const daemon = await daemons.start();
    await daemon.waitForState('ready');
    const ticker = daemon.trader.actor.getSnapshot().context.markets[0]!;
    // A far-from-market bid rests: an accepted order outcome, without trading.
    const outcome = await daemon.trader.service.submit({ ticker, side: 'bid', price: 100, count: 100 });
    expect(outcome.outcome).toBe('accepted');
    await daemon.trader.service.fullSync();
    const text = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(text).toMatch(/kalshi_trader_state\{state="ready"\} 1/);
    expect(text).toMatch(/kalshi_trader_transitions_total\{from="kalshi_data_sync",to="ready"\} 1/);
    expect(text).toMatch(/kalshi_trader_order_outcomes_total\{outcome="accepted"\} 1/);
    expect(text).toMatch(/kalshi_trader_sync_duration_seconds_count\{result="ok"\} [1-9]/);
    expect(text).toMatch(
      /kalshi_trader_rest_requests_total\{endpoint="\/portfolio\/balance",method="GET",status="200"\} [1-9]/,
    );
  });

  it('exports the kill switch, the strategy pause and the last sync time, for alerts', async () => {
    const started = Date.now();
    const daemon = await daemons.start();
    await daemon.waitForState('ready');
    const scrape = async () => {
      const text = await (await fetch(`${daemon.url}/metrics`)).text();
      const value = (name: string) =>
        Number(new RegExp(`^kalshi_trader_${name} (\\S+)$`, 'm').exec(text)?.[1]);
      return { text, value };
    };
    const first = await scrape();
    for (const name of ['kill_switch', 'strategy_paused', 'last_sync_timestamp_seconds']) {
      expect(first.text).toMatch(new RegExp(`^# HELP kalshi_trader_${name} \\S`, 'm'));
      expect(first.text).toContain(`# TYPE kalshi_trader_${name} gauge`);
    }
    expect([first.value('kill_switch'), first.value('strategy_paused')]).toEqual([0, 0]);
    // The sync before `ready` already counts: its time, in unix seconds.
    const synced = first.value('last_sync_timestamp_seconds');
    expect(synced).toBeGreaterThanOrEqual(started / 1000);
    expect(synced).toBeLessThanOrEqual(Date.now() / 1000);

    await daemon.trader.ports.send({ type: 'kill_switch', on: true });
    await daemon.trader.ports.send({ type: 'strategy', paused: true });
    const resynced = Date.now();
    await daemon.trader.service.fullSync();
    const on = await scrape();
    expect([on.value('kill_switch'), on.value('strategy_paused')]).toEqual([1, 1]);
    expect(on.value('last_sync_timestamp_seconds')).toBeGreaterThanOrEqual(resynced / 1000);

    await daemon.trader.ports.send({ type: 'kill_switch', on: false });
    await daemon.trader.ports.send({ type: 'strategy', paused: false });
    const off = await scrape();
    expect([off.value('kill_switch'), off.value('strategy_paused')]).toEqual([0, 0]);
  });

  it('shows operator commands (kill switch, strategy pause) in /v3/status', async () => {
    const daemon = await daemons.start();
    await daemon.waitForState('ready');
    const status = async () =>
      (await (await fetch(`${daemon.url}/v3/status`)).json()) as Record<string, unknown>;
    expect(await status()).toMatchObject({ kill_switch: false, strategy_paused: false });
    expect(await daemon.trader.ports.send({ type: 'kill_switch', on: true })).toMatchObject({ ok: true });
    expect(await daemon.trader.ports.send({ type: 'strategy', paused: true })).toMatchObject({ ok: true });
    expect(await status()).toMatchObject({ kill_switch: true, strategy_paused: true });
    // With the switch on, nothing reaches the exchange.
    const ticker = daemon.trader.actor.getSnapshot().context.markets[0]!;
    const outcome = await daemon.trader.service.submit({ ticker, side: 'bid', price: 100, count: 100 });
    expect(outcome).toMatchObject({ outcome: 'blocked', rule: 'kill_switch' });
  });

  it('still cancels its resting orders on shutdown when the root actor is no longer running', async () => {
    const daemon = await daemons.start({ V3_CANCEL_ON_SHUTDOWN: 'true' });
    await daemon.waitForState('ready');
    const ticker = daemon.trader.actor.getSnapshot().context.markets[0]!;
    expect(
      (await daemon.trader.service.submit({ ticker, side: 'bid', price: 100, count: 100 })).outcome,
    ).toBe('accepted');
    const user = daemon.exchange.credentials.keyId;
    expect(daemon.exchange.sim.exchange.listOrders(user, { status: 'resting' })).toHaveLength(1);
    // A stopped root ignores SHUTDOWN, as a crashed one would.
    daemon.trader.actor.stop();
    await daemon.trader.shutdown('test', 5_000);
    expect(daemon.exchange.sim.exchange.listOrders(user, { status: 'resting' })).toHaveLength(0);
  });

  it('logs each shutdown step as it really went, and each of them holds', async () => {
    const daemon = await daemons.start({ V3_CANCEL_ON_SHUTDOWN: 'true' });
    await daemon.waitForState('ready');
    const ticker = daemon.trader.actor.getSnapshot().context.markets[0]!;
    expect(
      (await daemon.trader.service.submit({ ticker, side: 'bid', price: 100, count: 100 })).outcome,
    ).toBe('accepted');
    await daemon.close();

    const logged = (msg: string) =>
      daemon.logs
        .map((line) => JSON.parse(line) as { msg: string; steps?: unknown })
        .find((l) => l.msg === msg);
    expect(logged('shutdown procedure finished')?.steps).toEqual({
      stopStrategy: 'done',
      closeGate: 'done',
      syncOrders: 'done',
      cancelOrders: 'done',
      flush: 'done',
      closeSockets: 'done',
    });
    expect(logged('daemon stopped')?.steps).toEqual({
      trader: 'done',
      httpServer: 'done',
      storage: 'done',
      simulator: 'done',
    });
    // What the lines say happened did: no strategy or feed runs, our order is canceled, the port is free.
    expect(daemon.trader.actor.getSnapshot().children).toEqual({});
    expect(daemon.trader.feed.stats()).toMatchObject({ running: false, connected: false });
    const user = daemon.exchange.credentials.keyId;
    expect(daemon.exchange.sim.exchange.listOrders(user, { status: 'resting' })).toHaveLength(0);
    await expect(fetch(`${daemon.url}/v3/health`)).rejects.toThrow();
  });

  it('shuts down on an operator shutdown command', async () => {
    const daemon = await daemons.start();
    await daemon.waitForState('ready');
    expect(await daemon.trader.ports.send({ type: 'shutdown' })).toMatchObject({ ok: true });
    await daemon.waitForState('shutdown');
    const h = await health(daemon);
    expect(h).toMatchObject({ status: 503, body: { state: 'shutdown', healthy: false } });
  });
});
