// Pure projections of the stream's state for the health loop's `orderbook` probe and /v3/status: the
// health verdict is the feed machine's, so health, FEED.UP/DOWN and the root's state always agree.
import type { FeedContext } from '../../machines/feed.events';
import type { ComponentHealth } from '../../machines/trader.events';
import type { AuditReport } from './book-audit';
import type { FeedVerdict, OrderbookStreamStats } from './orderbook-types';

export type StreamHealth = ComponentHealth & { detail: string };

/** What the stream reports about itself for /v3/status (src/app/status-view.ts), with the verdict. */
export interface FeedStatus {
  connected: boolean;
  snapshots: number;
  deltas: number;
  /** Markets with a valid, non-stale book. */
  liveMarkets: number;
  /** Since the socket last heard anything, null before the first frame. */
  lastMessageAgeMs: number | null;
  /** The feed machine's verdict: up, or why not. */
  up: boolean;
  reason: string | null;
  privateChannels: 'subscribed' | 'missing' | 'off';
  /** The REST book audit: last run and result per market. */
  audit: AuditReport;
}

/** The state value as one word: where in its lifecycle the feed is. */
function feedState(value: unknown): string {
  if (value === 'reconnecting') return 'reconnecting';
  const session = (value as { session?: unknown }).session;
  if (typeof session === 'string') return session;
  const link = (session as { open?: { link?: unknown } } | undefined)?.open?.link;
  return typeof link === 'string' ? link : 'connecting';
}

/** The feed machine's verdict from its snapshot (undefined before it ever ran). */
export function feedVerdict(
  snapshot: { status: string; context: FeedContext; value: unknown } | undefined,
): FeedVerdict {
  if (snapshot === undefined || snapshot.status !== 'active') {
    return { state: 'stopped', up: false, reason: 'orderbook stream not running' };
  }
  const { told, reason } = snapshot.context;
  return { state: feedState(snapshot.value), up: told === 'up', reason: told === 'up' ? null : reason };
}

/** Healthy iff the feed machine last told the root FEED.UP. */
export function streamHealth(markets: number, verdict: FeedVerdict, liveMarkets: number): StreamHealth {
  if (verdict.state === 'stopped') return { healthy: false, detail: 'orderbook stream not running' };
  if (!verdict.up) return { healthy: false, detail: verdict.reason ?? `feed ${verdict.state}` };
  if (markets === 0) return { healthy: true, detail: 'no markets to stream' };
  return { healthy: true, detail: `${liveMarkets}/${markets} books live` };
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
    up: stats.feed.up,
    reason: stats.feed.reason,
    privateChannels: stats.privateChannels,
    audit: stats.audit,
  };
}
