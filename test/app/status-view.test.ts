// /v3/status as one pure function of the snapshots: the root machine's, the trading actor's and the
// feed's. Times are ms inside and ISO text or seconds only in the view.
import { describe, expect, it } from 'vitest';
import { createTradingState } from '../../src/actors/trading/trading-logic';
import { toStatusView } from '../../src/app/status-view';
import { StatusViewSchema } from '../../src/server/views';
import { fill, run, sync } from '../actors/trading/trading-fixtures';
import { createHarness } from '../machines/trader-harness';

const feed = { connected: false, snapshots: 4, deltas: 90, liveMarkets: 0, lastMessageAgeMs: 2_500 };
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
    });
    expect(StatusViewSchema.parse(view)).toEqual(view);
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
});
