import { describe, expect, it } from 'vitest';
import type { PublicState } from '../../src/machines/trader.events';
import { ACTIVE, createHarness, type Harness, MARKETS, SYNCED } from './trader-harness';

async function driveTo(h: Harness, target: PublicState) {
  if (target === 'error') return h.reject('initialize');
  if (target === 'initializing') return;
  await h.resolve('initialize', { markets: MARKETS });
  if (target === 'orderbook_connect') return;
  h.send({ type: 'FEED.UP' });
  if (target === 'trading_client_connect') return;
  await h.resolve('connectTrading', ACTIVE);
  if (target === 'kalshi_data_sync') return;
  await h.resolve('initialSync', SYNCED);
  if (target === 'degraded') h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
}

const FROM = [
  'initializing',
  'orderbook_connect',
  'trading_client_connect',
  'kalshi_data_sync',
  'ready',
  'degraded',
  'error',
] as const;

describe('trader machine shutdown', () => {
  it.each(FROM)('SHUTDOWN from %s runs the shutdown procedure once and ends final', async (from) => {
    const h = createHarness();
    await driveTo(h, from);
    expect(h.state()).toBe(from);

    h.send({ type: 'SHUTDOWN', reason: 'SIGTERM', cancelOrders: true });
    expect(h.state()).toBe('shutdown');
    expect(h.calls.shutdownProcedure).toBe(1);
    expect(h.inputs.shutdownProcedure).toEqual({ reason: 'SIGTERM', cancelOrders: true });
    // A second signal while stopping does not restart the procedure.
    h.send({ type: 'SHUTDOWN', reason: 'SIGINT' });
    expect(h.calls.shutdownProcedure).toBe(1);

    await h.resolve('shutdownProcedure');
    const snapshot = h.actor.getSnapshot();
    expect(snapshot.status).toBe('done');
    expect(snapshot.value).toBe('shutdown');
    expect(snapshot.matches('shutdown')).toBe(true);
    expect(snapshot.context.shutdown).toEqual({ reason: 'SIGTERM', cancelOrders: true, outcome: 'done' });
    expect(snapshot.context.transitions.at(-1)).toMatchObject({ from, to: 'shutdown', reason: 'SIGTERM' });
    expect(h.calls.shutdownProcedure).toBe(1);
    // Every child the run had started is stopped.
    for (const name of ['orderbookStream', 'syncLoop', 'healthLoop', 'strategy'] as const) {
      expect(h.stops[name]).toBe(h.calls[name]);
    }
    expect(h.errors).toEqual([]);
  });

  it('SHUTDOWN queued before start (during startup) is honoured once started', async () => {
    const h = createHarness({}, { start: false });
    h.send({ type: 'SHUTDOWN' });
    h.actor.start();
    expect(h.state()).toBe('shutdown');
    expect(h.inputs.shutdownProcedure).toEqual({ reason: 'requested', cancelOrders: false });
    await h.resolve('shutdownProcedure');
    expect(h.actor.getSnapshot().status).toBe('done');
  });

  it('still ends in shutdown when the procedure fails', async () => {
    const h = createHarness();
    await h.toReady();
    h.send({ type: 'SHUTDOWN', reason: 'command' });
    await h.reject('shutdownProcedure', new Error('flush failed'));
    expect(h.actor.getSnapshot().status).toBe('done');
    expect(h.actor.getSnapshot().context.shutdown?.outcome).toBe('failed');
    expect(h.emitted).toContainEqual({
      type: 'notice',
      severity: 'error',
      message: 'shutdown procedure failed',
    });
    expect(h.errors).toEqual([]);
  });

  it('still ends in shutdown when the procedure hangs past SHUTDOWN_TIMEOUT', async () => {
    const h = createHarness({ timeouts: { shutdownMs: 3_000 } });
    await h.toReady();
    h.send({ type: 'SHUTDOWN' });
    h.advance(2_999);
    expect(h.actor.getSnapshot().status).toBe('active');
    h.advance(1);
    expect(h.actor.getSnapshot().status).toBe('done');
    expect(h.actor.getSnapshot().value).toBe('shutdown');
    expect(h.actor.getSnapshot().context.shutdown?.outcome).toBe('timeout');
  });
});
