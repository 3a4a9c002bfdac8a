// The memoised /v3/status: one view object between changes, a new one as soon as a snapshot it reads
// changes or the time bucket moves on, so cached bytes never outlive the state they show.
import { describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../src/actors/orderbook/stream-views';
import { createTradingState } from '../../src/actors/trading/trading-logic';
import type { TradingState } from '../../src/actors/trading/trading-types';
import { memoStatus } from '../../src/app/status-memo';
import { fill, run } from '../actors/trading/trading-fixtures';
import { createHarness } from '../machines/trader-harness';

const feedStatus: FeedStatus = {
  connected: true,
  snapshots: 1,
  deltas: 0,
  liveMarkets: 2,
  lastMessageAgeMs: 0,
  up: true,
  reason: null,
  privateChannels: 'off',
  audit: { intervalMs: 0, lastRunMs: null, mismatches: 0, markets: {} },
};

async function rig() {
  const h = createHarness();
  await h.toReady();
  let now = 10_000;
  // As an actor's, the snapshot is a new object only when the state changes.
  let trading = { context: createTradingState() };
  let feed = feedStatus;
  const status = memoStatus({
    trader: h.actor,
    trading: { getSnapshot: () => trading },
    feed: { status: () => feed },
    now: () => now,
    fixed: {
      marks: () => undefined,
      startedMs: 0,
      apiUrl: null,
      wsUrl: null,
      strategy: { name: 'none', params: {} },
    },
    bucketMs: 250,
  });
  return {
    h,
    status,
    advance: (ms: number) => {
      now += ms;
    },
    setTrading: (t: TradingState) => {
      trading = { context: t };
    },
    setFeed: (f: FeedStatus) => {
      feed = f;
    },
  };
}

describe('memoStatus', () => {
  it('hands out the same view while nothing it reads has changed', async () => {
    const r = await rig();
    const first = r.status();
    r.advance(100);
    expect(r.status()).toBe(first);
  });

  it('builds a new view when the root machine moves', async () => {
    const r = await rig();
    const first = r.status();
    r.h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
    const next = r.status();
    expect(next).not.toBe(first);
    expect(next.state).toBe('degraded');
  });

  it('builds a new view when the trading state changes', async () => {
    const r = await rig();
    const first = r.status();
    expect(first.positions).toBe(0);
    r.setTrading(run([{ type: 'FILL', fill: fill({ fillId: 'b', count: 300, tsMs: 3_000 }), atMs: 3_000 }]));
    expect(r.status().positions).toBe(1);
  });

  it('picks up the feed counters and uptime once the time bucket moves on', async () => {
    const r = await rig();
    const first = r.status();
    r.setFeed({ ...feedStatus, deltas: 500 });
    r.advance(300);
    const next = r.status();
    expect(next).not.toBe(first);
    expect(next.deltas_received).toBe(500);
    expect(next.uptime).toBeGreaterThan(first.uptime);
  });
});
