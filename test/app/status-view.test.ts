// /v3/status as one pure function of the snapshots: the root machine's, the trading actor's and the
// feed's. Times are ms inside and ISO text or seconds only in the view.
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/actors/orderbook/book-audit';
import type { FeedStatus } from '../../src/actors/orderbook/stream-views';
import { createTradingState } from '../../src/actors/trading/trading-logic';
import { toStatusView } from '../../src/app/status-view';
import { StatusViewSchema } from '../../src/server/views';
import { fill, run, sync } from '../actors/trading/trading-fixtures';
import { createHarness } from '../machines/trader-harness';

const feed: FeedStatus = {
  connected: false,
  snapshots: 4,
  deltas: 90,
  liveMarkets: 0,
  lastMessageAgeMs: 2_500,
  up: false,
  reason: 'socket closed',
  privateChannels: 'missing',
  audit: { intervalMs: 0, lastRunMs: null, mismatches: 0, markets: {} },
};
const iso = (ms: number) => new Date(ms).toISOString();

describe('toStatusView', () => {
  it('projects a degraded trader, its trading state and the feed into the wire view', async () => {
    const h = createHarness();
    await h.toReady();
    h.advance(5_000);
    h.send({
      type: 'HEALTH.REPORT',
      atMs: 5_000,
      components: { orderbook: { healthy: false, detail: 'socket closed' }, trading: { healthy: true } },
    });
    h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
    // Bought 3 at $0.56, sold 1 at $0.60 ($0.01 fee): 2 held, marked at a $0.58 bid.
    const trading = run([
      { type: 'FILL', fill: fill({ fillId: 'b', count: 300, tsMs: 3_000 }), atMs: 3_000 },
      {
        type: 'FILL',
        fill: fill({ fillId: 's', side: 'ask', price: 6_000, count: 100, fee: 10_000, tsMs: 3_500 }),
        atMs: 3_500,
      },
      sync(4_000),
    ]);

    const view = toStatusView({
      trader: h.actor.getSnapshot(),
      trading,
      feed,
      marks: (ticker) => (ticker === 'KXA' ? { yesBid: 5_800, noBid: 4_100 } : undefined),
      nowMs: 12_000,
      startedMs: 2_000,
      apiUrl: 'http://api',
      wsUrl: 'ws://ws',
      strategy: { name: 'market_maker', params: { size: 2 } },
    });
    expect(StatusViewSchema.parse(view)).toEqual(view);
    expect(view.strategy).toEqual({ name: 'market_maker', params: { size: 2 }, paused: false });
    expect(view).toMatchObject({
      state: 'degraded',
      degraded: true,
      markets: ['KXTEST-A', 'KXTEST-B'],
      snapshots_received: 4,
      deltas_received: 90,
      positions: 1,
      orders: 0,
      balance: { balance_dollars: '100.0000' },
      session_id: 'session-1',
      uptime: 10,
      components: {
        orderbook: { healthy: false, detail: 'socket closed', last_check: iso(5_000) },
        trading: { healthy: true, last_check: iso(5_000) },
      },
      connections: {
        api_url: 'http://api',
        ws_url: 'ws://ws',
        api_connected: true,
        feed_connected: false,
        markets_connected: 0,
        last_ping_age: 2.5,
      },
      last_error: null,
      recovery_attempts: 0,
      total_recovery_attempts: 0,
      consecutive_recovery_attempts: 0,
      last_sync: iso(1_000),
      daily_realized_pnl_dollars: '0.030000',
      pnl: {
        realized_pnl_dollars: '0.040000',
        fees_paid_dollars: '0.010000',
        realized_pnl_net_dollars: '0.030000',
        unrealized_pnl_dollars: '0.040000',
        unmarked_positions: 0,
        exposure_dollars: '1.120000',
        unverified_positions: 0,
        ledger_entries: 2,
      },
    });
    expect(view.transitions.at(-1)).toEqual({
      from: 'ready',
      to: 'degraded',
      at: iso(5_000),
      reason: 'feed down: socket closed',
    });
  });

  it('names consecutive and total recovery attempts apart, and the last error with its time', async () => {
    const h = createHarness();
    await h.reject('initialize', new Error('bad config'));
    h.advance(1_000);
    await h.reject('initialize', new Error('bad config again'));
    h.advance(2_000);
    await h.toReady();
    h.send({ type: 'SYNC.DONE', atMs: 3_000, changes: 0 });
    h.send({ type: 'TRADING.FAILED', error: new Error('401') });
    const view = toStatusView({
      trader: h.actor.getSnapshot(),
      trading: createTradingState(),
      feed,
      marks: () => undefined,
      nowMs: 3_000,
      startedMs: 0,
      apiUrl: null,
      wsUrl: null,
      strategy: { name: 'hold', params: {} },
    });
    expect(view).toMatchObject({
      state: 'error',
      recovery_attempts: 3,
      total_recovery_attempts: 3,
      consecutive_recovery_attempts: 1,
      last_error: { message: '401', at: iso(3_000) },
      connections: { api_connected: false },
    });
  });

  it('shows the private channels as a component of their own, read live from the feed', async () => {
    const h = createHarness();
    await h.toReady();
    const view = (privateChannels: FeedStatus['privateChannels']) =>
      toStatusView({ ...sources(h), feed: { ...feed, privateChannels } });
    // No health report yet: the component is there all the same, without a check time.
    expect(view('missing').components).toEqual({
      private_channels: { healthy: false, detail: 'fills/orders/positions: missing' },
    });
    expect(view('subscribed').components.private_channels).toEqual({
      healthy: true,
      detail: 'fills/orders/positions: subscribed',
    });
    // Without credentials there are no private channels to show.
    expect(view('off').components).toEqual({});
  });

  it('shows the last book audit and its result per market, times on the wire as ISO text', async () => {
    const h = createHarness();
    await h.toReady();
    const audit: AuditReport = {
      intervalMs: 5_000,
      lastRunMs: 9_000,
      mismatches: 2,
      markets: {
        'KXTEST-A': { atMs: 9_000, result: 'match', levels: 0 },
        'KXTEST-B': { atMs: 4_000, result: 'mismatch', levels: 3 },
        'KXTEST-C': { atMs: 9_000, result: 'differs', levels: 1 },
      },
    };
    const view = toStatusView({ ...sources(h), feed: { ...feed, audit } });
    expect(StatusViewSchema.parse(view)).toEqual(view);
    expect(view.book_audit).toEqual({
      interval_seconds: 5,
      last_run: iso(9_000),
      mismatches: 2,
      markets: {
        'KXTEST-A': { at: iso(9_000), result: 'match', levels: 0 },
        'KXTEST-B': { at: iso(4_000), result: 'mismatch', levels: 3 },
        'KXTEST-C': { at: iso(9_000), result: 'differs', levels: 1 },
      },
    });
    // Off, never run.
    expect(toStatusView({ ...sources(h), feed }).book_audit).toEqual({
      interval_seconds: 0,
      last_run: null,
      mismatches: 0,
      markets: {},
    });
  });
});

/** Everything but the feed, for a trader harness's current snapshot. */
function sources(h: ReturnType<typeof createHarness>) {
  return {
    trader: h.actor.getSnapshot(),
    trading: createTradingState(),
    marks: () => undefined,
    nowMs: 10_000,
    startedMs: 0,
    apiUrl: null,
    wsUrl: null,
    strategy: { name: 'hold', params: {} },
  };
}
