// Pure projections of the stream's state for the health loop's `orderbook` probe and /v3/status.
import type { ComponentHealth } from '../../machines/trader.events';
import type { OrderbookStreamStats } from './orderbook-types';
import type { StaleReport } from './stale-watcher';

export type StreamHealth = ComponentHealth & { detail: string };

/** What the stream reports about itself for /v3/status (src/app/status-view.ts). */
export interface FeedStatus {
  connected: boolean;
  snapshots: number;
  deltas: number;
  /** Markets with a valid, non-stale book. */
  liveMarkets: number;
  /** Since the socket last heard anything, null before the first frame. */
  lastMessageAgeMs: number | null;
}

/** Healthy iff there are no markets, or the socket is open and at least one book is live. */
export function streamHealth(
  markets: number,
  session: { connected: boolean; state: string } | null,
  report: Pick<StaleReport, 'liveMarkets'>,
): StreamHealth {
  if (markets === 0) return { healthy: true, detail: 'no markets to stream' };
  if (session === null) return { healthy: false, detail: 'orderbook stream not running' };
  if (!session.connected) return { healthy: false, detail: `orderbook socket ${session.state}` };
  if (report.liveMarkets === 0) return { healthy: false, detail: `no live book among ${markets} markets` };
  return { healthy: true, detail: `${report.liveMarkets}/${markets} books live` };
}

export function streamStatus(
  stats: OrderbookStreamStats,
  lastSocketMs: number | null,
  nowMs: number,
): FeedStatus {
  return {
    connected: stats.connected,
    snapshots: stats.snapshots,
    deltas: stats.deltas,
    liveMarkets: stats.liveMarkets,
    lastMessageAgeMs: lastSocketMs === null ? null : Math.max(0, nowMs - lastSocketMs),
  };
}
