import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock, waitFor } from 'xstate';
import { MAX_TRANSITIONS } from '../../src/machines/trader.actions';
import { traderMachine } from '../../src/machines/trader.machine';
import { createHarness, MARKETS } from './trader-harness';

describe('trader machine transition history', () => {
  it('records each public transition with the injected time and emits the same record', async () => {
    const h = createHarness({ sessionStartedMs: 1_700_000_000_000 });
    h.advance(250);
    await h.resolve('initialize', { markets: MARKETS });
    h.advance(40_000);
    await h.resolve('connectTrading', { exchangeActive: true, tradingActive: true });
    h.advance(100);
    await h.resolve('initialSync', { atMs: 40_350, changes: 0 });

    const { transitions, sessionId, sessionStartedMs } = h.actor.getSnapshot().context;
    expect(sessionId).toBe('session-1');
    expect(sessionStartedMs).toBe(1_700_000_000_000);
    expect(transitions).toEqual([
      { from: 'startup', to: 'initializing', atMs: 0, severity: 'info' },
      { from: 'initializing', to: 'orderbook_connect', atMs: 250, severity: 'info' },
      {
        from: 'orderbook_connect',
        to: 'trading_client_connect',
        atMs: 40_250,
        severity: 'info',
        reason: 'feed unavailable: not up before the connect timeout',
      },
      { from: 'trading_client_connect', to: 'kalshi_data_sync', atMs: 40_250, severity: 'info' },
      {
        from: 'kalshi_data_sync',
        to: 'degraded',
        atMs: 40_350,
        severity: 'warning',
        reason: 'feed unavailable: not up before the connect timeout',
      },
    ]);
    // The harness subscribes before start(), so even startup → initializing is emitted.
    const emittedTransitions = h.emitted.filter((e) => e.type === 'transition');
    expect(emittedTransitions).toEqual(transitions.map((t) => ({ type: 'transition', ...t })));

    h.send({ type: 'FEED.UP' });
    expect(h.emitted.at(-1)).toEqual({
      type: 'transition',
      from: 'degraded',
      to: 'ready',
      atMs: 40_350,
      severity: 'info',
      reason: 'feed restored',
    });
  });

  it(`keeps only the last ${MAX_TRANSITIONS} transitions`, async () => {
    const h = createHarness({ timeouts: { recoveryBaseMs: 10, recoveryMaxMs: 10 } });
    for (let i = 0; i < 30; i += 1) {
      await h.reject('initialize', new Error(`failure ${i}`));
      h.advance(10);
    }
    const { transitions } = h.actor.getSnapshot().context;
    expect(transitions).toHaveLength(MAX_TRANSITIONS);
    expect(transitions.at(-1)).toMatchObject({
      from: 'error',
      to: 'initializing',
      reason: 'recovery attempt 30',
    });
    expect(transitions.at(-2)).toMatchObject({
      from: 'initializing',
      to: 'error',
      reason: 'failure 29',
      severity: 'error',
    });
  });

  it('runs unprovided: throwing defaults become recorded failures, not a dead root', async () => {
    const clock = new SimulatedClock();
    const actor = createActor(traderMachine, { clock, input: { sessionId: 'bare' } });
    const errors: unknown[] = [];
    actor.subscribe({ error: (error) => errors.push(error) });
    actor.start();
    const snapshot = await waitFor(actor, (s) => s.hasTag('error'), { timeout: 1_000 });
    expect(snapshot.context.lastError).toMatchObject({
      kind: 'initialize_failed',
      message: "actor 'initialize' was not provided",
      atMs: 0,
    });
    expect(snapshot.status).toBe('active');
    expect(errors).toEqual([]);
    actor.stop();
  });
});
