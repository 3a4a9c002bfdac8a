import { describe, expect, it } from 'vitest';
import { publicStateOf, toTraderView } from '../../src/machines/trader.view';
import { createHarness } from './trader-harness';

describe('publicStateOf', () => {
  it.each([
    ['initializing', 'initializing'],
    [{ running: { orderbook_connect: 'awaiting_snapshot' } }, 'orderbook_connect'],
    [{ running: 'kalshi_data_sync' }, 'kalshi_data_sync'],
    [{ running: { operating: 'degraded' } }, 'degraded'],
    ['stopping', 'shutdown'],
    ['shutdown', 'shutdown'],
    ['nowhere', null],
    [{}, null],
  ] as const)('%o is %s', (value, expected) => {
    expect(publicStateOf(value)).toBe(expected);
  });
});

describe('toTraderView', () => {
  it('projects a degraded snapshot into plain status data', async () => {
    const h = createHarness({ sessionStartedMs: 1_000 });
    await h.toReady();
    h.advance(5_000);
    h.send({
      type: 'HEALTH.REPORT',
      at: 5_000,
      components: { orderbook: { healthy: false, detail: 'socket closed' }, trading: { healthy: true } },
    });
    h.send({ type: 'SYNC.FAILED', error: new Error('502') });

    const view = toTraderView(h.actor.getSnapshot());
    expect(view).toMatchObject({
      state: 'degraded',
      status: 'active',
      degraded: true,
      sessionId: 'session-1',
      sessionStartedMs: 1_000,
      markets: ['KXTEST-A', 'KXTEST-B'],
      feed: { up: false, connected: true, detail: 'orderbook unhealthy: socket closed' },
      exchange: { exchangeActive: true, tradingActive: true },
      components: { orderbook: { healthy: false, detail: 'socket closed' }, trading: { healthy: true } },
      lastHealthAt: 5_000,
      lastSync: { at: 1_000, changes: 2 },
      lastSyncError: '502',
      syncFailures: 1,
      lastError: null,
      recoveryAttempts: 0,
      totalRecoveries: 0,
      shutdown: null,
    });
    expect(view.transitions.at(-1)).toEqual({
      from: 'ready',
      to: 'degraded',
      atMs: 5_000,
      severity: 'warning',
      reason: 'orderbook unhealthy: socket closed',
    });
    // Plain data: survives JSON unchanged, and editing it cannot reach the machine's context.
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    view.transitions.length = 0;
    view.markets.push('X');
    (view.components.orderbook as { healthy: boolean }).healthy = true;
    const again = toTraderView(h.actor.getSnapshot());
    expect(again.transitions.length).toBeGreaterThan(0);
    expect(again.markets).toHaveLength(2);
    expect(again.components.orderbook?.healthy).toBe(false);
  });

  it('reports errors, recovery counts and shutdown', async () => {
    const h = createHarness();
    await h.reject('initialize', new Error('bad config'));
    const failed = toTraderView(h.actor.getSnapshot());
    expect(failed).toMatchObject({
      state: 'error',
      degraded: false,
      recoveryAttempts: 1,
      totalRecoveries: 1,
    });
    expect(failed.lastError).toMatchObject({
      kind: 'initialize_failed',
      message: 'bad config',
      state: 'initializing',
    });

    h.send({ type: 'SHUTDOWN', reason: 'SIGINT' });
    expect(toTraderView(h.actor.getSnapshot()).state).toBe('shutdown');
    await h.resolve('shutdownProcedure');
    expect(toTraderView(h.actor.getSnapshot())).toMatchObject({
      state: 'shutdown',
      status: 'done',
      shutdown: { reason: 'SIGINT', cancelOrders: false, outcome: 'done' },
    });
  });
});
